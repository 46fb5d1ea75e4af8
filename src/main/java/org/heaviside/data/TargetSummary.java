package org.heaviside.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The target column as the user sees it: task, classes with their counts (sorted by label,
 * numerically when the labels are numbers), missing values.
 *
 * @param name    column name
 * @param task    classification or regression
 * @param classes label to count (empty for regression)
 * @param missing rows without a target value (dropped before training)
 */
public record TargetSummary(String name, TaskKind task, Map<String, Integer> classes, int missing) {

    /** Largest number of distinct integer values a numeric target may have to count as classes. */
    public static final int MAX_INTEGER_CLASSES = 20;

    /** Copies the class map, keeping its order. */
    public TargetSummary {
        classes = Collections.unmodifiableMap(new LinkedHashMap<>(classes));
    }

    /**
     * Summarizes a target column, inferring the task when {@code task} is null: text labels, or
     * numbers with at most 10 distinct values (20 when all are integers), are classes.
     *
     * @throws DataException when the target is missing in every row, has a single class, or is
     *                       regression on text
     */
    public static TargetSummary of(Table table, String target, TaskKind task) {
        return of(table.source(), table.require(target), task);
    }

    /**
     * Summarizes a target column of a source (see {@link #of(Table, String, TaskKind)}).
     *
     * @param source the file or data set name, for messages
     */
    public static TargetSummary of(String source, ColumnStats column, TaskKind task) {
        String target = column.name();
        int present = column.rows() - column.missing() - (column.isNumeric() ? column.unparsable() : 0);
        if (column.rows() == column.missing()) {
            throw DataException.at(source, 0, target, "a target that is missing in every row ("
                    + column.rows() + " rows)", "a target value in at least two rows");
        }
        TaskKind kind = task != null ? task : inferTask(column);
        if (kind == TaskKind.REGRESSION) {
            if (!column.isNumeric()) {
                throw DataException.at(source, column.firstUnparsableLine(), target, "text '"
                        + column.firstUnparsableText() + "' in a regression target", "a number");
            }
            return new TargetSummary(target, kind, Map.of(), column.rows() - present);
        }
        if (!column.hasLevels()) {
            throw DataException.at(source, 0, target, "more than " + Column.MAX_LEVELS
                    + " distinct values in a classification target", "at most " + Column.MAX_LEVELS + " classes");
        }
        int[] counts = column.levelCounts();
        List<String> labels = new ArrayList<>(column.levels());
        labels.sort(labelOrder(column.isNumeric()));
        Map<String, Integer> classes = new LinkedHashMap<>();
        for (String label : labels) {
            classes.put(label, counts[column.levels().indexOf(label)]);
        }
        if (classes.size() < 2) {
            throw DataException.at(source, 0, target, "a single class ('" + labels.get(0) + "' in "
                    + counts[0] + " rows)", "at least two classes in the target");
        }
        return new TargetSummary(target, kind, classes, column.missing());
    }

    static TaskKind inferTask(ColumnStats column) {
        if (!column.isNumeric()) {
            return TaskKind.CLASSIFICATION;
        }
        int limit = column.allIntegers() ? MAX_INTEGER_CLASSES : 10;
        return column.distinct() <= limit && column.hasLevels() ? TaskKind.CLASSIFICATION : TaskKind.REGRESSION;
    }

    static Comparator<String> labelOrder(boolean numeric) {
        if (!numeric) {
            return Comparator.naturalOrder();
        }
        return Comparator.comparingDouble((String label) -> {
            double v = Cells.parseNumber(label, true);
            return v == v ? v : Double.MAX_VALUE;
        }).thenComparing(Comparator.naturalOrder());
    }

    /** The label with the fewest rows (the later label on a tie): the default positive class. */
    public String minorityLabel() {
        String best = null;
        int bestCount = Integer.MAX_VALUE;
        for (Map.Entry<String, Integer> entry : classes.entrySet()) {
            if (entry.getValue() <= bestCount) {
                best = entry.getKey();
                bestCount = entry.getValue();
            }
        }
        return best;
    }
}
