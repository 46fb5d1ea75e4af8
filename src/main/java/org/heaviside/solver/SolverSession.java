package org.heaviside.solver;

/**
 * What a solver keeps between successive solves of one problem, such as the certificate rounds of a
 * training (patterns appended between solves) or the penalties of a cross-validation path: the last
 * working set and its Gram matrix, whose entries the next solve copies where its working sets repeat
 * columns instead of counting them again. Gram entries are exact (integer popcounts, or the weighted
 * sums computed the same way), so reusing them changes no bit of a solve. A two-class logistic solve keeps
 * its curvature-weighted Gram matrix instead ({@link CurvatureGram}), whose refreshed entries are sums in
 * another order: the next solve reaches the same optimum to its tolerance, not the same bits.
 *
 * <p>The entries depend only on the patterns and the row weights: used with a problem on another
 * pattern matrix or other row weights (other objects) the session starts over; the targets may differ.
 * The patterns may grow between solves (columns are only appended, never changed), which keeps the
 * stored entries valid. Not thread-safe: one session per thread of solves.
 */
public final class SolverSession {

    private org.heaviside.arrangement.PatternMatrix patterns;
    private double[] rowWeights;
    private GramSubproblem last;
    private int[] lastColumns;
    private CurvatureGram curvatures;

    /** An empty session. */
    public SolverSession() {
    }

    /** The last subproblem solved on its Gram matrix for these patterns and row weights, or null. */
    GramSubproblem last(LassoProblem current) {
        return same(current) ? last : null;
    }

    /** The working set of {@link #last(LassoProblem)}. */
    int[] lastColumns(LassoProblem current) {
        return same(current) ? lastColumns : null;
    }

    private boolean same(LassoProblem current) {
        return current.patterns() == patterns && current.rowWeights() == rowWeights;
    }

    /**
     * The curvature-weighted Gram matrix the last logistic solve of these patterns and row weights left, or
     * null. It tracks the curvatures its entries were built with, so an exact refresh changes only the rows
     * whose curvature moved (its entries are sums in another order than a fresh build: not bit for bit); the
     * two-class steps build theirs afresh on rounded curvatures ({@link CurvatureGram#levels}) until their final
     * exact steps, which refresh from the state kept here (every row whose curvature changed).
     */
    CurvatureGram curvatures(LassoProblem current) {
        return same(current) ? curvatures : null;
    }

    /** Keeps the curvature-weighted Gram matrix of a logistic solve. */
    void keep(LassoProblem current, CurvatureGram grams) {
        if (!same(current)) {
            last = null;
            lastColumns = null;
        }
        patterns = current.patterns();
        rowWeights = current.rowWeights();
        curvatures = grams;
    }

    /** Keeps the last subproblem of a solve (null when the solve ended on the bits). */
    void keep(LassoProblem current, GramSubproblem subproblem, int[] columns) {
        if (!same(current)) {
            curvatures = null;
        }
        patterns = current.patterns();
        rowWeights = current.rowWeights();
        last = subproblem;
        lastColumns = subproblem == null ? null : columns;
    }
}
