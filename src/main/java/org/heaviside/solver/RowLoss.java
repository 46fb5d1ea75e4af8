package org.heaviside.solver;

/**
 * A smooth loss on the fitted values F = HZ (C arrays of n values) as {@link ProximalNewton} needs it:
 * the weighted loss, its negative gradient θ = −∇L(F) (the unscaled dual point), one curvature per row
 * for the quadratic model, and the dual objective at θ scaled into the feasible set
 * (docs/method.md sections 5 and 10).
 */
interface RowLoss {

    /** Number of outputs C. */
    int outputs();

    /** Moves the loss to F: {@link #loss()}, {@link #theta()} and {@link #curvature()} then describe F. */
    void at(double[][] f);

    /** Σ_i w_i ℓ_i(F) at the last {@link #at}. */
    double loss();

    /** θ = −∇L(F) at the last {@link #at} (C arrays of n values; the caller must not change them). */
    double[][] theta();

    /**
     * c_i &gt; 0 with ∇²ℓ_i(F) ≼ c_i I at the last {@link #at} (the rows' curvature; the caller must not
     * change it).
     */
    double[] curvature();

    /** D(s·θ) at the last {@link #at}, for 0 &lt; s ≤ 1. */
    double dual(double scale);

    /** Σ_i w_i ℓ_i(F) at another F, leaving the state as it is (for the line search). */
    double value(double[][] f);

    /** The dual's strong concavity per unit of the largest row weight: the gap-safe radius is √(2G·max w / this). */
    double dualCurvature();
}
