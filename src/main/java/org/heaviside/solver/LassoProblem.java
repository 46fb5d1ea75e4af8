package org.heaviside.solver;

import org.heaviside.arrangement.PatternMatrix;

/**
 * The pattern Lasso's data: the pattern matrix H (n x P) and the targets Y (C outputs of n values).
 *
 * @param patterns H
 * @param targets  Y as C arrays of length n (one per output)
 */
public record LassoProblem(PatternMatrix patterns, double[][] targets) {

    /** Validates shapes and finiteness. */
    public LassoProblem {
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

    /** Number of outputs C. */
    public int outputs() {
        return targets.length;
    }

    /**
     * beta_max = max_j ||H_j^T Y||_2: the smallest penalty whose solution is Z = 0 (for one output,
     * ||H^T y||_inf).
     */
    public double penaltyMax() {
        return DualityGap.maxCorrelation(patterns, targets);
    }

    /**
     * The smallest penalty whose solution is Z = 0 for a loss: ‖∇L(0)ᵀH‖, which is beta_max for
     * squared loss and half of it for logistic loss (σ(0) = ½).
     */
    public double penaltyMax(Loss loss) {
        return loss == Loss.LOGISTIC ? 0.5 * penaltyMax() : penaltyMax();
    }
}
