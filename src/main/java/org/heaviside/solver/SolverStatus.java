package org.heaviside.solver;

/** How a solve ended. Only {@link #CONVERGED} means the duality gap reached the tolerance. */
public enum SolverStatus {
    /** The relative duality gap is at most the tolerance. */
    CONVERGED,
    /** The sweep budget ran out first; the gap says how far from optimal the result is. */
    MAX_SWEEPS,
    /** The user cancelled; the result is the last iterate, with its gap. */
    CANCELLED;

    /** The lower-case name used in files and on the command line. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
