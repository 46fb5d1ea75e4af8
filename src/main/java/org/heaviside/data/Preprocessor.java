package org.heaviside.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole preprocessing pipeline as one immutable value: feature steps fitted on the training
 * split and the target encoding. A deployed model applies exactly these steps to raw plant rows.
 * Serializes to JSON as a plain record.
 *
 * @param steps  one step per raw input column, in file order
 * @param target how the target is encoded
 */
public record Preprocessor(List<FeatureStep> steps, TargetEncoding target) {

    /** Copies the steps. */
    public Preprocessor {
        steps = List.copyOf(steps);
    }

    /** Names of the model features, in order. */
    public List<String> featureNames() {
        List<String> names = new ArrayList<>();
        for (FeatureStep step : steps) {
            names.addAll(step.featureNames());
        }
        return names;
    }

    /** Number of model features. */
    public int width() {
        int width = 0;
        for (FeatureStep step : steps) {
            width += step.width();
        }
        return width;
    }

    /** The raw columns a row must have. */
    public List<String> inputColumns() {
        return steps.stream().map(FeatureStep::column).toList();
    }

    /** Applies the pipeline to every row of a table (see {@link #apply(Table, int[])}). */
    public Dataset apply(Table table) {
        int[] rows = new int[table.rows()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return apply(table, rows);
    }

    /**
     * Applies the pipeline to the rows of a table with the raw input columns (any order, extra
     * columns ignored). Targets are encoded when the target column is present and known, else NaN.
     *
     * @throws DataException naming the first input column the table lacks
     */
    public Dataset apply(Table table, int[] rows) {
        Column[] inputs = new Column[steps.size()];
        for (int s = 0; s < steps.size(); s++) {
            String name = steps.get(s).column();
            inputs[s] = table.column(name).orElseThrow(() -> DataException.at(table.source(), 1, name,
                    "no column with this name", "the model's input columns " + inputColumns()
                            + " (a column was removed or renamed)"));
        }
        Column targetColumn = table.column(target.column()).orElse(null);
        int width = width();
        double[][] x = new double[rows.length][];
        double[] y = new double[rows.length];
        int[] classes = target.task() == TaskKind.CLASSIFICATION ? new int[rows.length] : null;
        List<Map<String, Integer>> levelIndex = new ArrayList<>();
        for (FeatureStep step : steps) {
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < step.levels().size(); i++) {
                index.put(step.levels().get(i), i);
            }
            levelIndex.add(index);
        }
        Map<String, Integer> classIndex = new HashMap<>();
        for (int i = 0; i < target.classes().size(); i++) {
            classIndex.put(target.classes().get(i), i);
        }
        for (int i = 0; i < rows.length; i++) {
            int row = rows[i];
            double[] features = new double[width];
            int at = 0;
            for (int s = 0; s < inputs.length; s++) {
                FeatureStep step = steps.get(s);
                if (step.role() == ColumnRole.NUMERIC) {
                    double v = inputs[s].number(row);
                    if (v != v) {
                        v = step.median();
                    }
                    features[at++] = (v - step.mean()) / step.scale();
                } else {
                    String level = inputs[s].hasLevels() ? inputs[s].text(row) : null;
                    if (level == null) {
                        level = step.mostFrequent();
                    }
                    Integer k = levelIndex.get(s).get(level);
                    if (k != null) {
                        features[at + k] = 1.0;
                    }
                    at += step.levels().size();
                }
            }
            x[i] = features;
            y[i] = Double.NaN;
            if (classes != null) {
                classes[i] = -1;
            }
            if (targetColumn != null) {
                encodeTarget(targetColumn, row, classIndex, y, classes, i);
            }
        }
        return new Dataset(table.source(), featureNames(), x, y, classes, rows.clone());
    }

    private void encodeTarget(Column column, int row, Map<String, Integer> classIndex, double[] y, int[] classes,
                              int i) {
        if (target.task() == TaskKind.REGRESSION) {
            y[i] = column.number(row);
            return;
        }
        String label = column.hasLevels() ? column.text(row) : null;
        Integer k = label == null ? null : classIndex.get(label);
        if (k == null) {
            return;
        }
        classes[i] = k;
        y[i] = target.isBinary() ? (label.equals(target.positive()) ? 1.0 : -1.0) : k;
    }
}
