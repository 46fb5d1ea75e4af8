package org.heaviside.data;

import java.util.List;

/**
 * How the target column becomes training targets. Two classes: +1 for {@code positive}, -1 for the
 * other. More classes: the index into {@code classes} (one-vs-rest targets are built from it).
 * Regression: the number itself.
 *
 * @param column   target column name
 * @param task     classification or regression
 * @param classes  class labels in order (empty for regression)
 * @param positive the +1 label for two classes, else null
 */
public record TargetEncoding(String column, TaskKind task, List<String> classes, String positive)
        implements java.io.Serializable {

    /** Copies the classes. */
    public TargetEncoding {
        classes = classes == null ? List.of() : List.copyOf(classes);
    }

    /** Whether the target has exactly two classes. */
    public boolean isBinary() {
        return task == TaskKind.CLASSIFICATION && classes.size() == 2;
    }

    /** The label encoded -1 for two classes, else null. */
    public String negative() {
        if (!isBinary()) {
            return null;
        }
        return classes.get(0).equals(positive) ? classes.get(1) : classes.get(0);
    }
}
