package org.heaviside.network;

import org.heaviside.solver.SolverOptions;

/**
 * Options of {@link ConvexTrainer}.
 *
 * @param exact          enumerate every pattern (data spanning at most 2 dimensions) instead of sampling
 * @param sampled        number of Gaussian directions when not exact
 * @param anchored       add data-anchored patterns (single-sensor thresholds, hyperplanes through points)
 * @param beta           absolute penalty, or NaN to use {@code betaRatio}
 * @param betaRatio      penalty as a share of beta_max = max_j ‖h_jᵀY‖ (used when beta is NaN)
 * @param certify        run column generation for a certificate over all patterns
 * @param certifyRounds  rounds of pattern search and re-solve at most
 * @param maxMargin      fit each neuron's hyperplane by maximum margin (else keep the generator)
 * @param seed           seed of sampling, anchoring and the certificate search
 * @param solver         solver options
 */
public record ConvexOptions(boolean exact, int sampled, boolean anchored, double beta, double betaRatio,
                            boolean certify, int certifyRounds, boolean maxMargin, long seed, SolverOptions solver) {

    /** 1,000 sampled directions, beta ratio 0.01, certificate on, max-margin hyperplanes, seed 1. */
    public static ConvexOptions defaults() {
        return new ConvexOptions(false, 1000, false, Double.NaN, 0.01, true, 20, true, 1L, SolverOptions.defaults());
    }

    /** Returns these options with exact enumeration on or off. */
    public ConvexOptions withExact(boolean value) {
        return new ConvexOptions(value, sampled, anchored, beta, betaRatio, certify, certifyRounds, maxMargin, seed,
                solver);
    }

    /** Returns these options with another number of sampled directions. */
    public ConvexOptions withSampled(int value) {
        return new ConvexOptions(exact, value, anchored, beta, betaRatio, certify, certifyRounds, maxMargin, seed,
                solver);
    }

    /** Returns these options with anchored patterns on or off. */
    public ConvexOptions withAnchored(boolean value) {
        return new ConvexOptions(exact, sampled, value, beta, betaRatio, certify, certifyRounds, maxMargin, seed,
                solver);
    }

    /** Returns these options with an absolute beta. */
    public ConvexOptions withBeta(double value) {
        return new ConvexOptions(exact, sampled, anchored, value, betaRatio, certify, certifyRounds, maxMargin, seed,
                solver);
    }

    /** Returns these options with a beta ratio (and no absolute beta). */
    public ConvexOptions withBetaRatio(double value) {
        return new ConvexOptions(exact, sampled, anchored, Double.NaN, value, certify, certifyRounds, maxMargin, seed,
                solver);
    }

    /** Returns these options with the certificate on or off. */
    public ConvexOptions withCertify(boolean value) {
        return new ConvexOptions(exact, sampled, anchored, beta, betaRatio, value, certifyRounds, maxMargin, seed,
                solver);
    }

    /** Returns these options with max-margin hyperplanes on or off. */
    public ConvexOptions withMaxMargin(boolean value) {
        return new ConvexOptions(exact, sampled, anchored, beta, betaRatio, certify, certifyRounds, value, seed,
                solver);
    }

    /** Returns these options with another seed. */
    public ConvexOptions withSeed(long value) {
        return new ConvexOptions(exact, sampled, anchored, beta, betaRatio, certify, certifyRounds, maxMargin, value,
                solver);
    }

    /** Returns these options with other solver options. */
    public ConvexOptions withSolver(SolverOptions value) {
        return new ConvexOptions(exact, sampled, anchored, beta, betaRatio, certify, certifyRounds, maxMargin, seed,
                value);
    }
}
