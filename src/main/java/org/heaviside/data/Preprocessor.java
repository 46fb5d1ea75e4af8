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
public record Preprocessor(List<FeatureStep> steps, TargetEncoding target) implements java.io.Serializable {

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
        Encoder encoder = encoder();
        double[][] x = new double[rows.length][];
        double[] y = new double[rows.length];
        int[] classes = target.task() == TaskKind.CLASSIFICATION ? new int[rows.length] : null;
        double[] numbers = new double[steps.size()];
        String[] levels = new String[steps.size()];
        for (int i = 0; i < rows.length; i++) {
            int row = rows[i];
            for (int s = 0; s < inputs.length; s++) {
                if (steps.get(s).role() == ColumnRole.NUMERIC) {
                    numbers[s] = inputs[s].number(row);
                } else {
                    levels[s] = inputs[s].hasLevels() ? inputs[s].text(row) : null;
                }
            }
            x[i] = encoder.features(numbers, levels);
            y[i] = Double.NaN;
            if (classes != null) {
                classes[i] = -1;
            }
            if (targetColumn != null) {
                String label = target.task() == TaskKind.REGRESSION || !targetColumn.hasLevels() ? null
                        : targetColumn.text(row);
                y[i] = encoder.target(targetColumn.number(row), label);
                if (classes != null) {
                    classes[i] = encoder.classOf(label);
                }
            }
        }
        return new Dataset(table.source(), featureNames(), x, y, classes, rows.clone());
    }

    /** The pipeline applied one row at a time, for rows that are not in a {@link Table}. */
    public Encoder encoder() {
        return new Encoder(this);
    }

    /** Turns one raw row into features and its target as {@link #apply(Table, int[])} does. */
    public static final class Encoder {
        private final Preprocessor pipeline;
        private final int width;
        private final List<Map<String, Integer>> levelIndex = new ArrayList<>();
        private final Map<String, Integer> classIndex = new HashMap<>();

        private Encoder(Preprocessor pipeline) {
            this.pipeline = pipeline;
            this.width = pipeline.width();
            for (FeatureStep step : pipeline.steps) {
                Map<String, Integer> index = new HashMap<>();
                for (int i = 0; i < step.levels().size(); i++) {
                    index.put(step.levels().get(i), i);
                }
                levelIndex.add(index);
            }
            for (int i = 0; i < pipeline.target.classes().size(); i++) {
                classIndex.put(pipeline.target.classes().get(i), i);
            }
        }

        /**
         * The features of a row.
         *
         * @param numbers per step, the raw number of a numeric column (NaN when missing)
         * @param levels  per step, the raw level of a categorical column (null when missing)
         */
        public double[] features(double[] numbers, String[] levels) {
            double[] features = new double[width];
            int at = 0;
            for (int s = 0; s < pipeline.steps.size(); s++) {
                FeatureStep step = pipeline.steps.get(s);
                if (step.role() == ColumnRole.NUMERIC) {
                    double v = numbers[s];
                    if (v != v) {
                        v = step.median();
                    }
                    features[at++] = (v - step.mean()) / step.scale();
                } else {
                    String level = levels[s];
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
            return features;
        }

        /** The class index of a label, or -1 for a missing or unknown one (and for regression). */
        public int classOf(String label) {
            Integer k = label == null ? null : classIndex.get(label);
            return k == null ? -1 : k;
        }

        /**
         * The encoded target: the number for regression; +1/-1 for two classes; the class index for
         * more; NaN for a missing or unknown label.
         */
        public double target(double number, String label) {
            TargetEncoding target = pipeline.target;
            if (target.task() == TaskKind.REGRESSION) {
                return number;
            }
            int k = classOf(label);
            if (k < 0) {
                return Double.NaN;
            }
            return target.isBinary() ? (label.equals(target.positive()) ? 1.0 : -1.0) : k;
        }
    }
}
