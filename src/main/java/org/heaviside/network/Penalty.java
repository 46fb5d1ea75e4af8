package org.heaviside.network;

import java.util.Locale;

/**
 * How the penalty β of J = L + β·Σ|amplitudes| is chosen (docs/method.md sections 3 and 5): an
 * absolute value, a share of β_max (the smallest β whose solution is zero), or a ratio picked by
 * k-fold cross-validation. {@link #beta(double)} is the one place where a ratio becomes a β.
 */
public sealed interface Penalty permits Penalty.Absolute, Penalty.Ratio, Penalty.CrossValidated {

    /** The default: a ratio of 0.01. */
    Penalty DEFAULT = new Ratio(0.01);

    /**
     * The absolute β for a program whose β_max is {@code betaMax}.
     *
     * @throws IllegalStateException for a cross-validated penalty, which needs the folds' solves first
     */
    double beta(double betaMax);

    /** Fails with "{@code what} must be a positive number" unless the value is positive and finite. */
    private static void requirePositive(double value, String what) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a positive number, not " + value + ".");
        }
    }

    /** A fixed β. */
    record Absolute(double value) implements Penalty {
        /** Checks that β is positive and finite. */
        public Absolute {
            requirePositive(value, "The penalty beta");
        }

        @Override
        public double beta(double betaMax) {
            return value;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "beta %.6g", value);
        }
    }

    /** β = ratio·β_max. */
    record Ratio(double ratio) implements Penalty {
        /** Checks that the ratio is positive and finite. */
        public Ratio {
            requirePositive(ratio, "The beta ratio");
        }

        @Override
        public double beta(double betaMax) {
            return ratio * betaMax;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "beta ratio %.6g", ratio);
        }
    }

    /** The ratio chosen by k-fold cross-validation over the default path. */
    record CrossValidated(int folds) implements Penalty {
        /** Checks that there are at least two folds. */
        public CrossValidated {
            if (folds < 2) {
                throw new IllegalArgumentException("Cross-validation needs at least 2 folds, not " + folds + ".");
            }
        }

        @Override
        public double beta(double betaMax) {
            throw new IllegalStateException("A cross-validated penalty is resolved by running the folds first.");
        }

        @Override
        public String toString() {
            return folds + "-fold cross-validated beta ratio";
        }
    }
}
