package org.heaviside.data;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the user chose about a table: the target, role overrides, the task, the positive class and
 * the train/test split.
 *
 * @param target        target column name
 * @param roles         role overrides by column name (columns not named keep their inferred role)
 * @param task          the task, or null to infer it from the target's values
 * @param positiveLabel for two classes, the label encoded +1; null for the minority class
 * @param testFraction  share of rows held out for testing, in [0, 1); 0 trains on every row
 * @param seed          seed of the split
 */
public record DataSpec(String target, Map<String, ColumnRole> roles, TaskKind task, String positiveLabel,
                       double testFraction, long seed) {

    /** Default share of held-out rows. */
    public static final double DEFAULT_TEST_FRACTION = 0.25;

    /** Validates and copies the fields. */
    public DataSpec {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("A target column is required.");
        }
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("The test fraction must be at least 0 and below 1, not " + testFraction + ".");
        }
        roles = roles == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(roles));
    }

    /** A spec with inferred roles and task, minority positive class, a 25% test split and seed 1. */
    public static DataSpec of(String target) {
        return new DataSpec(target, Map.of(), null, null, DEFAULT_TEST_FRACTION, 1L);
    }

    /** Returns this spec with other role overrides. */
    public DataSpec withRoles(Map<String, ColumnRole> value) {
        return new DataSpec(target, value, task, positiveLabel, testFraction, seed);
    }

    /** Returns this spec with another test fraction. */
    public DataSpec withTestFraction(double value) {
        return new DataSpec(target, roles, task, positiveLabel, value, seed);
    }

    /** Returns this spec with another split seed. */
    public DataSpec withSeed(long value) {
        return new DataSpec(target, roles, task, positiveLabel, testFraction, value);
    }

    /** Returns this spec with another positive label. */
    public DataSpec withPositiveLabel(String value) {
        return new DataSpec(target, roles, task, value, testFraction, seed);
    }

    /** Returns this spec with a task (null to infer). */
    public DataSpec withTask(TaskKind value) {
        return new DataSpec(target, roles, value, positiveLabel, testFraction, seed);
    }

    /** The effective role of a column of the table: the target, an override, or the inferred one. */
    public ColumnRole roleOf(ColumnStats column) {
        ColumnRole override = roles.get(column.name());
        return override != null ? override : column.inferredRole();
    }
}
