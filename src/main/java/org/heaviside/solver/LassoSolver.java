package org.heaviside.solver;

import org.heaviside.run.Cancellation;

/** A solver of the pattern Lasso min_Z L(HZ, Y) + β Σ_j ‖Z_j‖₂ for one loss. */
public interface LassoSolver {

    /**
     * Solves at a penalty, starting from {@code warmStart} (Z rows, may be shorter than P when
     * columns were added since, or null for zero).
     */
    SolverResult solve(LassoProblem problem, double penalty, double[] warmStart, ConvergenceListener listener,
                       Cancellation cancellation);

    /**
     * Solves as {@link #solve(LassoProblem, double, double[], ConvergenceListener, Cancellation)}, keeping
     * reusable state in {@code session} between successive solves of the same problem (solvers without
     * such state ignore it).
     */
    default SolverResult solve(LassoProblem problem, double penalty, double[] warmStart, ConvergenceListener listener,
                               Cancellation cancellation, SolverSession session) {
        return solve(problem, penalty, warmStart, listener, cancellation);
    }

    /** Refuses a penalty beta that is not a finite number >= 0. */
    static void requirePenalty(double penalty) {
        if (!(penalty >= 0) || Double.isInfinite(penalty)) {
            throw new IllegalArgumentException("The penalty beta must be a finite number >= 0, not " + penalty + ".");
        }
    }

    /** The solver for a loss. */
    static LassoSolver of(Loss loss, SolverOptions options) {
        return loss == Loss.LOGISTIC ? new LogisticSolver(options) : new CoordinateDescentSolver(options);
    }
}
