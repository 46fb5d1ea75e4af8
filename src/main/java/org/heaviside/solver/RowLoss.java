package org.heaviside.solver;

/**
 * A smooth loss on the fitted values F = HZ (C arrays of n values) as {@link ProximalNewton} needs it:
 * the weighted loss, its negative gradient θ = −∇L(F) (the unscaled dual point), one curvature per row
 * for the quadratic model, and the dual objective at θ scaled into the feasible set
 * (docs/method.md sections 5 and 10).
 */
abstract class RowLoss {

    /** The row weights, or null for all ones. */
    protected final double[] w;
    /** θ at the last {@link #at}. */
    protected final double[][] theta;
    /** The curvatures at the last {@link #at}. */
    protected final double[] curvature;
    /** The loss at the last {@link #at}. */
    protected double loss;

    RowLoss(int outputs, int n, double[] w) {
        this.w = w;
        this.theta = new double[outputs][n];
        this.curvature = new double[n];
    }

    /** w_i (1 without weights). */
    protected final double weight(int i) {
        return w == null ? 1.0 : w[i];
    }

    /** Number of outputs C. */
    final int outputs() {
        return theta.length;
    }

    /** Moves the loss to F: {@link #loss()}, {@link #theta()} and {@link #curvature()} then describe F. */
    abstract void at(double[][] f);

    /** Σ_i w_i ℓ_i(F) at the last {@link #at}. */
    final double loss() {
        return loss;
    }

    /** θ = −∇L(F) at the last {@link #at} (C arrays of n values; the caller must not change them). */
    final double[][] theta() {
        return theta;
    }

    /**
     * c_i &gt; 0 with ∇²ℓ_i(F) ≼ c_i I at the last {@link #at} (the rows' curvature; the caller must not
     * change it).
     */
    final double[] curvature() {
        return curvature;
    }

    /** D(s·θ) at the last {@link #at}, for 0 &lt; s ≤ 1. */
    abstract double dual(double scale);

    /** Σ_i w_i ℓ_i(F) at another F, leaving the state as it is (for the line search). */
    abstract double value(double[][] f);

    /** The dual's strong concavity per unit of the largest row weight: the gap-safe radius is √(2G·max w / this). */
    abstract double dualCurvature();

    /**
     * The basis of the outputs in which each row's Hessian is a positive definite block ({@link
     * #blocks}), or null when the loss only has the scalar curvatures of {@link #curvature()}.
     */
    CenteredBasis basis() {
        return null;
    }

    /**
     * The rows' Hessians in the coordinates of {@link #basis()} at the last {@link #at}, times
     * {@code damping} (n blocks of d(d + 1)/2 entries into {@code rows}, {@link BlockGram}'s layout);
     * returns T = Σ_i θ_iᵀ A_i⁻¹ θ_i for those blocks A_i and θ in the same coordinates.
     */
    double blocks(double damping, double[] rows) {
        throw new UnsupportedOperationException("This loss has scalar curvatures only.");
    }

    /**
     * T = Σ_i θ_iᵀ A_i⁻¹ θ_i for other blocks A_i in {@link #blocks}'s layout (a step's rounded blocks, {@link
     * BlockLevels}) and θ at the last {@link #at}; for the blocks {@link #blocks} wrote, the value it returned, bit
     * for bit.
     */
    double energy(double[] rows) {
        throw new UnsupportedOperationException("This loss has scalar curvatures only.");
    }
}
