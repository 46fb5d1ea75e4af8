package org.heaviside.solver;

/** Receives the objective after each sweep and the duality gap where it was computed. */
@FunctionalInterface
public interface ConvergenceListener {

    /** A listener that ignores everything. */
    ConvergenceListener NONE = (sweep, objective, gap) -> { };

    /**
     * Called on the solver thread after a sweep.
     *
     * @param sweep     sweeps done so far
     * @param objective P(Z) after the sweep
     * @param gap       the duality gap if computed after this sweep, else NaN
     */
    void sweep(int sweep, double objective, double gap);
}
