package org.heaviside.solver;

/**
 * The sums over the rows that the two-class logistic pattern Lasso needs (docs/method.md sections 5
 * and 10; targets ±1, row weights w), for an engine that keeps the rows where they are
 * ({@link AggregatedLogistic}). F = HZ, s_i = σ(−y_i f_i), θ_i = w_i y_i s_i.
 */
public interface LogisticAggregates extends PatternAggregates {

    /** At Z: Hᵀθ over all P columns and the loss Σ w_i log(1 + exp(−y_i f_i)). */
    record Point(double[] gradient, double loss) {
    }

    /** The quadratic model of a Newton step: the curvature-weighted Gram of the working set and Σ c_i u_i². */
    record Model(double[] gram, double uu) {
    }

    /** The loss and Hᵀθ at Z. */
    Point at(double[] z);

    /** D(scale·θ) = −Σ w_i H(scale·s_i) at Z. */
    double dual(double[] z, double scale);

    /**
     * At Z, with c_i = damping·max(w_i s_i (1 − s_i), FLOOR·w_i) and u = F + θ / c: Σ_i c_i h_ia h_ib over
     * the working columns (row-major) and Σ_i c_i u_i².
     */
    Model model(double[] z, int[] working, double damping);

    /** The loss at Z + t·(next − Z) for each step t (next differs from Z on the working columns only). */
    double[] values(double[] z, double[] next, int[] working, double[] steps);
}
