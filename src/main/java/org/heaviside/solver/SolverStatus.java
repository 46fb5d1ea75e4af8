package org.heaviside.solver;

/** How a solve ended. Only {@link #CONVERGED} means the duality gap reached the tolerance. */
public enum SolverStatus {
    /** The relative duality gap is at most the tolerance. */
    CONVERGED,
    /** The sweep budget ran out first; the gap says how far from optimal the result is. */
    MAX_SWEEPS,
    /** The user cancelled; the result is the last iterate, with its gap. */
    CANCELLED;

    /**
     * The stopping rule both solvers check after computing a gap: converged when gap <= tolerance x
     * primal, then the sweep budget, then the user's cancel; null to go on.
     */
    static SolverStatus stop(double gap, double primal, int sweeps, SolverOptions options,
                             org.heaviside.run.Cancellation cancellation) {
        if (gap <= options.tolerance() * primal) {
            return CONVERGED;
        }
        if (sweeps >= options.maxSweeps()) {
            return MAX_SWEEPS;
        }
        return cancellation.isCancelled() ? CANCELLED : null;
    }

    /** The lower-case name used in files and on the command line. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
