package org.heaviside.solver;

/**
 * What a solver keeps between successive solves of one problem, such as the certificate rounds of a
 * training (patterns appended between solves) or the penalties of a cross-validation path: the last
 * working set and its Gram matrix, whose entries the next solve copies where its working sets repeat
 * columns instead of counting them again. Gram entries are exact (integer popcounts, or the weighted
 * sums computed the same way), so reusing them changes no bit of a solve.
 *
 * <p>A session belongs to one problem: used with another {@link LassoProblem} object it starts over.
 * The problem's patterns may grow between solves (columns are only appended, never changed), which
 * keeps the stored entries valid. Not thread-safe: one session per thread of solves.
 */
public final class SolverSession {

    private LassoProblem problem;
    private GramSubproblem last;
    private int[] lastColumns;

    /** An empty session. */
    public SolverSession() {
    }

    /** The last subproblem solved on its Gram matrix for this problem, or null. */
    GramSubproblem last(LassoProblem current) {
        return current == problem ? last : null;
    }

    /** The working set of {@link #last(LassoProblem)}. */
    int[] lastColumns(LassoProblem current) {
        return current == problem ? lastColumns : null;
    }

    /** Keeps the last subproblem of a solve (null when the solve ended on the bits). */
    void keep(LassoProblem current, GramSubproblem subproblem, int[] columns) {
        problem = current;
        last = subproblem;
        lastColumns = subproblem == null ? null : columns;
    }
}
