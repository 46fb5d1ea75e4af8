package org.heaviside.solver;

/**
 * Options of {@link CoordinateDescentSolver}.
 *
 * @param tolerance stop when the duality gap is at most tolerance * P(z) (relative gap)
 * @param maxSweeps budget of coordinate sweeps (inner and outer together)
 * @param threads   threads for the full gradient H^T R (1 = the calling thread only)
 */
public record SolverOptions(double tolerance, int maxSweeps, int threads) {

    /** Validates the fields. */
    public SolverOptions {
        if (!(tolerance > 0) || maxSweeps < 1 || threads < 1) {
            throw new IllegalArgumentException("tolerance must be > 0, maxSweeps and threads >= 1");
        }
    }

    /** Relative gap 1e-6, 100,000 sweeps, one thread per core. */
    public static SolverOptions defaults() {
        return new SolverOptions(1e-6, 100_000, Runtime.getRuntime().availableProcessors());
    }

    /** Returns these options with another tolerance. */
    public SolverOptions withTolerance(double value) {
        return new SolverOptions(value, maxSweeps, threads);
    }

    /** Returns these options with another sweep budget. */
    public SolverOptions withMaxSweeps(int value) {
        return new SolverOptions(tolerance, value, threads);
    }

    /** Returns these options with another thread count. */
    public SolverOptions withThreads(int value) {
        return new SolverOptions(tolerance, maxSweeps, value);
    }
}
