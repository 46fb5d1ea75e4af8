package org.heaviside.solver;

import org.heaviside.arrangement.PatternMatrix;

/**
 * The pattern Lasso's data: the pattern matrix H (n x P), the targets Y (C outputs of n values) and
 * optional row weights w_i &gt; 0 (docs/method.md section 10: the loss becomes Σ_i w_i ℓ_i).
 *
 * @param patterns   H
 * @param targets    Y as C arrays of length n (one per output)
 * @param rowWeights w (n positive finite values), or null for the unweighted program (all ones); the
 *                   solvers keep their unweighted path, operation for operation, when this is null
 */
public record LassoProblem(PatternMatrix patterns, double[][] targets, double[] rowWeights) {

    /** An unweighted problem. */
    public LassoProblem(PatternMatrix patterns, double[][] targets) {
        this(patterns, targets, null);
    }

    /** Validates shapes and finiteness; weights that are all one are the unweighted program (null). */
    public LassoProblem {
        if (Loss.unit(rowWeights)) {
            rowWeights = null;
        }
        if (rowWeights != null) {
            if (rowWeights.length != patterns.rows()) {
                throw new IllegalArgumentException("Row weights have " + rowWeights.length + " rows, patterns "
                        + patterns.rows());
            }
            for (double w : rowWeights) {
                if (!(w > 0) || Double.isInfinite(w)) {
                    throw new IllegalArgumentException("Row weights must be positive finite numbers; found " + w
                            + ".");
                }
            }
        }
        if (targets.length == 0) {
            throw new IllegalArgumentException("At least one output is required.");
        }
        for (double[] y : targets) {
            if (y.length != patterns.rows()) {
                throw new IllegalArgumentException("Targets have " + y.length + " rows, patterns " + patterns.rows());
            }
            for (double v : y) {
                if (!Double.isFinite(v)) {
                    throw new IllegalArgumentException("Targets must be finite numbers; found " + v + ".");
                }
            }
        }
    }

    /** A single-output problem. */
    public static LassoProblem of(PatternMatrix patterns, double[] y) {
        return new LassoProblem(patterns, new double[][] {y});
    }

    /** True when the problem has row weights. */
    public boolean weighted() {
        return rowWeights != null;
    }

    /** max_i w_i (1 when unweighted): the dual is (1 / this)-strongly concave for squared loss. */
    public double maxWeight() {
        double max = 1.0;
        if (rowWeights != null) {
            max = 0;
            for (double w : rowWeights) {
                max = Math.max(max, w);
            }
        }
        return max;
    }

    /** W·V (each output's values times the row weights; V itself when unweighted). */
    public double[][] weigh(double[][] v) {
        if (rowWeights == null) {
            return v;
        }
        double[][] out = new double[v.length][];
        for (int c = 0; c < v.length; c++) {
            out[c] = new double[v[c].length];
            for (int i = 0; i < v[c].length; i++) {
                out[c][i] = rowWeights[i] * v[c][i];
            }
        }
        return out;
    }

    /** Number of outputs C. */
    public int outputs() {
        return targets.length;
    }

    /**
     * beta_max = max_j ||H_j^T W Y||_2: the smallest penalty whose solution is Z = 0 (for one output,
     * ||H^T (w * y)||_inf).
     */
    public double penaltyMax() {
        return DualityGap.maxCorrelation(patterns, weigh(targets));
    }

    /**
     * The smallest penalty whose solution is Z = 0 for a loss: ‖∇L(0)ᵀH‖, which is beta_max for
     * squared loss and half of it for logistic loss (σ(0) = ½); for the multinomial loss
     * max_j ‖h_jᵀW(E − 1/C)‖₂.
     */
    public double penaltyMax(Loss loss) {
        if (loss.multinomial(targets)) {
            // -grad at Z = 0: W (E - 1/C), the softmax of equal outputs being uniform
            double[][] direction = loss.direction(targets, new double[targets.length][patterns.rows()], rowWeights);
            return DualityGap.maxCorrelation(patterns, direction);
        }
        return loss == Loss.LOGISTIC ? 0.5 * penaltyMax() : penaltyMax();
    }
}
