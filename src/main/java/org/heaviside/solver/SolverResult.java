package org.heaviside.solver;

/**
 * The outcome of a solve.
 *
 * @param weights         Z as P rows of C outputs, row-major (z_j = weights[j * outputs + c])
 * @param outputs         C
 * @param penalty         beta
 * @param objective       primal P(Z) = 0.5*||Y - HZ||^2 + beta * sum_j ||Z_j||_2
 * @param dualObjective   D(theta) = 0.5*||Y||^2 - 0.5*||Y - theta||^2 at the scaled residual
 * @param dualityGap      P - D (>= 0)
 * @param sweeps          coordinate sweeps done
 * @param status          converged, max sweeps or cancelled
 * @param elapsedMillis   wall time of the solve
 */
public record SolverResult(double[] weights, int outputs, double penalty, double objective, double dualObjective,
                           double dualityGap, int sweeps, SolverStatus status, long elapsedMillis) {

    /** The relative gap (P - D) / P, the number the stopping rule compares with the tolerance. */
    public double relativeGap() {
        return objective > 0 ? dualityGap / objective : 0.0;
    }

    /** Number of patterns with a non-zero weight row: the hidden width m* of the network. */
    public int nonZeros() {
        int count = 0;
        for (int j = 0; j < weights.length / outputs; j++) {
            for (int c = 0; c < outputs; c++) {
                if (weights[j * outputs + c] != 0.0) {
                    count++;
                    break;
                }
            }
        }
        return count;
    }
}
