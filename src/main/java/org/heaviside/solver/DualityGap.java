package org.heaviside.solver;

import org.heaviside.arrangement.PatternMatrix;

/**
 * The dual side of the pattern Lasso (docs/method.md section 5): residual R = Y − HZ, dual point
 * θ = R·min(1, β/max_j‖h_jᵀR‖₂), D(θ) = ½‖Y‖² − ½‖Y − θ‖², gap P − D.
 */
public final class DualityGap {

    private DualityGap() {
    }

    /** R = Y − HZ. */
    public static double[][] residual(LassoProblem problem, double[] weights) {
        PatternMatrix h = problem.patterns();
        int outputs = problem.outputs();
        double[][] r = new double[outputs][];
        for (int c = 0; c < outputs; c++) {
            r[c] = problem.targets()[c].clone();
        }
        for (int j = 0; j < Math.min(h.columns(), weights.length / outputs); j++) {
            for (int c = 0; c < outputs; c++) {
                double value = weights[j * outputs + c];
                if (value != 0) {
                    BitKernels.subtract(h.bits(), h.words(), j, value, r[c]);
                }
            }
        }
        return r;
    }

    /** The dual-feasible point θ for the problem's columns (squared loss). */
    public static double[][] dualPoint(LassoProblem problem, double[] weights, double penalty) {
        return dualPoint(problem, weights, penalty, Loss.SQUARED);
    }

    /** F = HZ as C arrays of n values. */
    public static double[][] fitted(LassoProblem problem, double[] weights) {
        double[][] r = residual(problem, weights);
        double[][] y = problem.targets();
        for (int c = 0; c < r.length; c++) {
            for (int i = 0; i < r[c].length; i++) {
                r[c][i] = y[c][i] - r[c][i];
            }
        }
        return r;
    }

    /**
     * The dual-feasible point θ = −∇L(HZ)·min(1, β / max_j‖h_jᵀ∇L‖) for the problem's columns (with
     * row weights, ∇ of the weighted loss: θ = (w·R)·min(1, β / ‖Hᵀ(w·R)‖) for squared loss).
     */
    public static double[][] dualPoint(LassoProblem problem, double[] weights, double penalty, Loss loss) {
        double[][] r = direction(problem, weights, loss);
        double max = maxCorrelation(problem.patterns(), r);
        double scale = max > penalty ? penalty / max : 1.0;
        for (double[] column : r) {
            for (int i = 0; i < column.length; i++) {
                column[i] *= scale;
            }
        }
        return r;
    }

    /**
     * The unscaled −∇L(HZ) (the residual Y − HZ for squared loss, w·(Y − HZ) with row weights): the θ before scaling into the
     * feasible set, from which the violation ratio max_h ‖hᵀθ‖/β is computed (method.md section 4).
     */
    public static double[][] direction(LassoProblem problem, double[] weights, Loss loss) {
        return loss == Loss.SQUARED ? problem.weigh(residual(problem, weights))
                : loss.direction(problem.targets(), fitted(problem, weights), problem.rowWeights());
    }

    /** max_j ‖h_jᵀV‖₂ over the columns of H. */
    public static double maxCorrelation(PatternMatrix patterns, double[][] v) {
        double[][] gradient = BitKernels.gradient(patterns, v, Runtime.getRuntime().availableProcessors());
        double max = 0;
        for (int j = 0; j < patterns.columns(); j++) {
            double norm = 0;
            for (double[] g : gradient) {
                norm += g[j] * g[j];
            }
            max = Math.max(max, Math.sqrt(norm));
        }
        return max;
    }
}
