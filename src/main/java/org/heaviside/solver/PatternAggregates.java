package org.heaviside.solver;

/**
 * The few sums over the rows that the squared-loss pattern Lasso needs, for an engine that keeps the
 * rows and their pattern bits where they are (partitions of a cluster) and sends only these
 * aggregates to the solver ({@link AggregatedLasso}). Every sum is over all training rows with row
 * weights w_i (1 without weights); H is n x P, Y has C outputs.
 */
public interface PatternAggregates {

    /** The sums at one point Z: the gradient Hᵀ W R (C arrays of P) and Rᵀ W R, Yᵀ W R, R = Y − HZ. */
    record Residuals(double[][] gradient, double rr, double yr) {
    }

    /** Number of patterns P. */
    int columns();

    /** Number of outputs C. */
    int outputs();

    /** The ones of each column (its unweighted squared norm). */
    int[] ones();

    /** max_i w_i (1 without weights). */
    double maxWeight();

    /** Hᵀ W Y (C arrays of P). */
    double[][] targetCorrelations();

    /** Yᵀ W Y. */
    double targetNorm();

    /** The sums at Z (P rows of C outputs). */
    Residuals residuals(double[] z);

    /**
     * Gram entries Σ_i w_i h_ia h_ib for a in {@code rows} and b in {@code columns}, row-major
     * (rows.length x columns.length).
     */
    double[] gram(int[] rows, int[] columns);
}
