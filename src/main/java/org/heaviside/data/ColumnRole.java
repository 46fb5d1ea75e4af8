package org.heaviside.data;

/** What a column is used for. Inferred on load; the user can override any of them. */
public enum ColumnRole {
    /** A numeric feature: imputed with the training median, then standardized. */
    NUMERIC,
    /** A categorical feature: imputed with the most frequent level, then one-hot encoded. */
    CATEGORICAL,
    /** Unique per row (a row counter or a serial number): excluded from the features. */
    IDENTIFIER,
    /** A single value (or none) in every row: excluded from the features, with a warning. */
    CONSTANT,
    /** Excluded by the user. */
    IGNORED;

    /** Whether columns with this role become model inputs. */
    public boolean isFeature() {
        return this == NUMERIC || this == CATEGORICAL;
    }

    /** The lower-case name used in files and on the command line. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
