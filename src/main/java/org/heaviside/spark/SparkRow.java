package org.heaviside.spark;

import java.io.Serializable;

/**
 * One training row as the engine reads it: the preprocessed features, the encoded targets (one per
 * output: ±1 for classes, standardized values for regression) and the row weight.
 */
public record SparkRow(double[] x, double[] y, double weight) implements Serializable {
}
