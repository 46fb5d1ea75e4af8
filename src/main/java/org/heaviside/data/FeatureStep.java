package org.heaviside.data;

import java.util.List;

/**
 * How one raw input column becomes model features, with constants fitted on the training split.
 * A numeric column gives one feature {@code (x - mean) / scale}, missing values replaced by
 * {@code median} first. A categorical column gives one 0/1 feature per level, missing values
 * replaced by {@code mostFrequent}; a level not seen in training gives all zeros.
 *
 * @param column       raw column name
 * @param role         {@link ColumnRole#NUMERIC} or {@link ColumnRole#CATEGORICAL}
 * @param median       training median (numeric)
 * @param mean         training mean after imputation (numeric)
 * @param scale        training standard deviation after imputation, 1 when it is 0 (numeric)
 * @param levels       training levels in sorted order (categorical), empty for numeric
 * @param mostFrequent most frequent training level (categorical), null for numeric
 */
public record FeatureStep(String column, ColumnRole role, double median, double mean, double scale,
                          List<String> levels, String mostFrequent) implements java.io.Serializable {

    /** Copies the levels. */
    public FeatureStep {
        levels = levels == null ? List.of() : List.copyOf(levels);
    }

    /** Number of model features this column yields. */
    public int width() {
        return role == ColumnRole.NUMERIC ? 1 : levels.size();
    }

    /** Names of the features, such as {@code Torque [Nm]} or {@code Type=L}. */
    public List<String> featureNames() {
        if (role == ColumnRole.NUMERIC) {
            return List.of(column);
        }
        return levels.stream().map(level -> column + "=" + level).toList();
    }
}
