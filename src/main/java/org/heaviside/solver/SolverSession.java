package org.heaviside.solver;

/**
 * What a solver keeps between successive solves of one problem, such as the certificate rounds of a
 * training (patterns appended between solves) or the penalties of a cross-validation path: the last
 * working set and its Gram matrix, whose entries the next solve copies where its working sets repeat
 * columns instead of counting them again. Gram entries are exact (integer popcounts, or the weighted
 * sums computed the same way), so reusing them changes no bit of a solve.
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

    /** Keeps the last subproblem of a solve (null when the solve ended on the bits). */
    void keep(LassoProblem current, GramSubproblem subproblem, int[] columns) {
        patterns = current.patterns();
        rowWeights = current.rowWeights();
        last = subproblem;
        lastColumns = subproblem == null ? null : columns;
    }
}
