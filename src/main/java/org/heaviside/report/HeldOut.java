package org.heaviside.report;

/**
 * The deployed model's scores on rows it did not train on, with where those rows come from.
 *
 * @param positive     whether each row is a failure (the positive class)
 * @param score        the model's score of each row
 * @param source       where the rows come from
 * @param testFraction the share of the file held out (for {@link Source#SPLIT}), else NaN
 * @param seed         the seed of that split (for {@link Source#SPLIT}), else 0
 */
public record HeldOut(boolean[] positive, double[] score, Source source, double testFraction, long seed) {

    /** Where held-out rows come from. */
    public enum Source {
        /** The test rows of the split the model was trained with, reproduced from its seed and test fraction. */
        SPLIT,
        /** A file other than the one the model was trained on (its SHA-256 differs). */
        OTHER_FILE
    }

    /** Number of rows. */
    public int size() {
        return score.length;
    }
}
