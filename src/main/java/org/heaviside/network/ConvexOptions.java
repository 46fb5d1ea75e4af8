package org.heaviside.network;

import org.heaviside.solver.Loss;
import org.heaviside.solver.SolverOptions;

/**
 * Options of {@link ConvexTrainer}; build them with {@link #builder()} or change a copy with
 * {@link #toBuilder()}.
 *
 * @param exact          enumerate every pattern (data spanning at most 2 dimensions) instead of sampling
 * @param sampled        number of Gaussian directions when not exact
 * @param anchored       add data-anchored patterns (single-sensor thresholds, hyperplanes through points)
 * @param beta           absolute penalty, or NaN to use {@code betaRatio}
 * @param betaRatio      penalty as a share of beta_max (the smallest beta whose solution is zero; used
 *                       when beta is NaN)
 * @param certify        run column generation for a certificate over all patterns
 * @param certifyRounds  rounds of pattern search and re-solve at most
 * @param maxMargin      fit each neuron's hyperplane by maximum margin (else keep the generator)
 * @param seed           seed of sampling, anchoring and the certificate search
 * @param loss           squared (any target) or logistic (two classes)
 * @param solver         solver options
 * @param classWeights   row weights per class of the training split (none by default)
 */
public record ConvexOptions(boolean exact, int sampled, boolean anchored, double beta, double betaRatio,
                            boolean certify, int certifyRounds, boolean maxMargin, long seed, Loss loss,
                            SolverOptions solver, ClassWeights classWeights) {

    /** Validates the fields. */
    public ConvexOptions {
        java.util.Objects.requireNonNull(classWeights, "classWeights");
        if (sampled < 0 || certifyRounds < 0) {
            throw new IllegalArgumentException("Sampled directions and certificate rounds must be >= 0.");
        }
        if (Double.isNaN(beta) && !(betaRatio > 0)) {
            throw new IllegalArgumentException("The beta ratio must be positive, not " + betaRatio + ".");
        }
    }

    /** The penalty these options ask for: absolute when {@code beta} is set, else the ratio. */
    public Penalty penalty() {
        return Double.isNaN(beta) ? new Penalty.Ratio(betaRatio) : new Penalty.Absolute(beta);
    }

    /** The absolute β for a program whose β_max is {@code betaMax} (see {@link Penalty#beta(double)}). */
    public double resolveBeta(double betaMax) {
        return penalty().beta(betaMax);
    }

    /**
     * 1,000 sampled directions, beta ratio 0.01, certificate on (20 rounds), max-margin hyperplanes,
     * squared loss, seed 1.
     */
    public static ConvexOptions defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        // the ratio first: setting it clears beta, which is then set (NaN when the ratio applies)
        return builder().exact(exact).sampled(sampled).anchored(anchored).betaRatio(betaRatio).beta(beta)
                .certify(certify).certifyRounds(certifyRounds).maxMargin(maxMargin).seed(seed).loss(loss)
                .solver(solver).classWeights(classWeights);
    }

    /** Builds {@link ConvexOptions}. */
    public static final class Builder {
        private boolean exact;
        private int sampled = 1000;
        private boolean anchored;
        private double beta = Double.NaN;
        private double betaRatio = 0.01;
        private boolean certify = true;
        private int certifyRounds = 20;
        private boolean maxMargin = true;
        private long seed = 1L;
        private Loss loss = Loss.SQUARED;
        private SolverOptions solver = SolverOptions.defaults();
        private ClassWeights classWeights = ClassWeights.NONE;

        private Builder() {
        }

        /** Exact enumeration on or off. */
        public Builder exact(boolean value) {
            exact = value;
            return this;
        }

        /** Number of sampled directions. */
        public Builder sampled(int value) {
            sampled = value;
            return this;
        }

        /** Data-anchored patterns on or off. */
        public Builder anchored(boolean value) {
            anchored = value;
            return this;
        }

        /** An absolute beta. */
        public Builder beta(double value) {
            beta = value;
            return this;
        }

        /** A beta ratio (and no absolute beta). */
        public Builder betaRatio(double value) {
            beta = Double.NaN;
            betaRatio = value;
            return this;
        }

        /** An absolute penalty or a ratio (a cross-validated one must be resolved to a ratio first). */
        public Builder penalty(Penalty value) {
            if (value instanceof Penalty.Absolute absolute) {
                return beta(absolute.value());
            }
            if (value instanceof Penalty.Ratio ratio) {
                return betaRatio(ratio.ratio());
            }
            throw new IllegalArgumentException("Resolve a cross-validated penalty to a ratio before training.");
        }

        /** The certificate on or off. */
        public Builder certify(boolean value) {
            certify = value;
            return this;
        }

        /** Certificate rounds at most. */
        public Builder certifyRounds(int value) {
            certifyRounds = value;
            return this;
        }

        /** Max-margin hyperplanes on or off. */
        public Builder maxMargin(boolean value) {
            maxMargin = value;
            return this;
        }

        /** The seed. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** The loss. */
        public Builder loss(Loss value) {
            loss = value;
            return this;
        }

        /** Solver options. */
        public Builder solver(SolverOptions value) {
            solver = value;
            return this;
        }

        /** Row weights per class. */
        public Builder classWeights(ClassWeights value) {
            classWeights = value;
            return this;
        }

        /** The options. */
        public ConvexOptions build() {
            return new ConvexOptions(exact, sampled, anchored, beta, betaRatio, certify, certifyRounds, maxMargin,
                    seed, loss, solver, classWeights);
        }
    }
}
