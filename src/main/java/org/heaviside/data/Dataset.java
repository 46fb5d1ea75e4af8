package org.heaviside.data;

import java.util.List;

/**
 * Model-ready rows: standardized, one-hot encoded features and encoded targets.
 *
 * @param name     data set name (file name, with the split)
 * @param features feature names, one per column of {@code x}
 * @param x        rows of features (n x d)
 * @param y        targets: +1/-1 for two classes, class index for more, the value for regression
 * @param classes  class index per row (0-based into the encoding's classes), or null for regression
 * @param rows     the table row each row came from (for messages and previews)
 */
public record Dataset(String name, List<String> features, double[][] x, double[] y, int[] classes, int[] rows) {

    /** Number of rows. */
    public int size() {
        return x.length;
    }

    /** Number of features. */
    public int width() {
        return features.size();
    }
}
