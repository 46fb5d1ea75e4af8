package org.heaviside.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Fits the {@link Preprocessor} of a table and a {@link DataSpec} on the training split only
 * (medians, means, scales, levels), then applies it to both splits.
 */
public final class Preprocessing {

    private Preprocessing() {
    }

    /**
     * Prepares a table for training.
     *
     * @throws DataException for a target with one class or none, a numeric role on a text column,
     *                       a categorical role on a column with too many levels, or no features
     */
    public static PreparedData prepare(Table table, DataSpec spec) {
        TargetSummary summary = TargetSummary.of(table, spec.target(), spec.task());
        Column targetColumn = table.require(spec.target());
        List<DataWarning> warnings = new ArrayList<>();
        TargetEncoding encoding = encoding(table.source(), summary, spec);

        // rows with a usable target; class index per row for stratification
        int[] usable = new int[table.rows()];
        int[] usableClass = new int[table.rows()];
        int count = 0;
        for (int row = 0; row < table.rows(); row++) {
            if (encoding.task() == TaskKind.REGRESSION) {
                if (targetColumn.number(row) == targetColumn.number(row)) {
                    usable[count++] = row;
                }
            } else {
                String label = targetColumn.text(row);
                if (label != null) {
                    usableClass[count] = encoding.classes().indexOf(label);
                    usable[count++] = row;
                }
            }
        }
        if (count < table.rows()) {
            warnings.add(new DataWarning(spec.target(), (table.rows() - count)
                    + " row(s) have no target value; they are left out."));
        }
        usable = Arrays.copyOf(usable, count);
        boolean[] isTest = Split.testRows(count, encoding.task() == TaskKind.REGRESSION ? null
                : Arrays.copyOf(usableClass, count), spec.testFraction(), spec.seed());
        int testCount = 0;
        for (boolean t : isTest) {
            testCount += t ? 1 : 0;
        }
        int[] trainRows = new int[count - testCount];
        int[] testRows = new int[testCount];
        for (int i = 0, a = 0, b = 0; i < count; i++) {
            if (isTest[i]) {
                testRows[b++] = usable[i];
            } else {
                trainRows[a++] = usable[i];
            }
        }
        if (trainRows.length == 0) {
            throw DataException.of(table.source(), "no training rows after the split", "a test fraction below 1");
        }

        List<FeatureStep> steps = new ArrayList<>();
        for (Column column : table.columns()) {
            if (column.name().equals(spec.target())) {
                continue;
            }
            ColumnRole role = spec.roleOf(column);
            if (role == ColumnRole.NUMERIC) {
                steps.add(numericStep(table, column, trainRows, warnings));
            } else if (role == ColumnRole.CATEGORICAL) {
                steps.add(categoricalStep(table, column, trainRows, warnings));
            }
        }
        if (steps.isEmpty()) {
            throw noFeatures(table.source());
        }
        Preprocessor preprocessor = new Preprocessor(steps, encoding);
        Dataset train = preprocessor.apply(table, trainRows);
        Dataset test = preprocessor.apply(table, testRows);
        return new PreparedData(preprocessor, train, test, warnings);
    }

    /**
     * How the target is encoded: regression, or the classes in label order with the positive class
     * (the user's, else the minority class) for two.
     *
     * @param source the file or data set name, for messages
     */
    public static TargetEncoding encoding(String source, TargetSummary summary, DataSpec spec) {
        if (summary.task() == TaskKind.REGRESSION) {
            return new TargetEncoding(spec.target(), TaskKind.REGRESSION, List.of(), null);
        }
        List<String> classes = new ArrayList<>(summary.classes().keySet());
        String positive = null;
        if (classes.size() == 2) {
            positive = spec.positiveLabel() != null ? spec.positiveLabel() : summary.minorityLabel();
            if (!classes.contains(positive)) {
                throw DataException.at(source, 0, spec.target(), "no class '" + positive + "'",
                        "one of " + classes + " as the positive class");
            }
        }
        return new TargetEncoding(spec.target(), TaskKind.CLASSIFICATION, classes, positive);
    }

    private static FeatureStep numericStep(Table table, Column column, int[] trainRows, List<DataWarning> warnings) {
        requireNumeric(table.source(), column);
        double[] values = new double[trainRows.length];
        int present = 0;
        for (int row : trainRows) {
            double v = column.number(row);
            if (v == v) {
                values[present++] = v;
            }
        }
        requireNumbers(table.source(), column, present);
        Arrays.sort(values, 0, present);
        double median = present % 2 == 1 ? values[present / 2]
                : 0.5 * (values[present / 2 - 1] + values[present / 2]);
        int missing = trainRows.length - present;
        // mean and standard deviation after imputation: missing rows count as the median
        double sum = 0;
        for (int i = 0; i < present; i++) {
            sum += values[i];
        }
        double mean = imputedMean(sum, missing, median, trainRows.length);
        double squares = 0;
        for (int i = 0; i < present; i++) {
            squares += (values[i] - mean) * (values[i] - mean);
        }
        return numericStep(column, median, mean, imputedSd(squares, missing, median, mean, trainRows.length),
                missing, warnings);
    }

    /**
     * A numeric column's mean after the missing rows are imputed with the median, from the sum of its
     * present training values in ascending order (as {@link #prepare} sums them: the same operations
     * give the same bits).
     */
    public static double imputedMean(double presentSum, long missing, double median, long rows) {
        double sum = presentSum;
        sum += missing * median;
        return sum / rows;
    }

    private static double imputedSd(double presentSquares, long missing, double median, double mean, long rows) {
        double squares = presentSquares;
        squares += missing * (median - mean) * (median - mean);
        return Math.sqrt(squares / rows);
    }

    /**
     * A numeric column's step from sums over its training rows (a cluster's): the present values'
     * count, the mean after imputation ({@link #imputedMean}) and the present values' squared
     * deviations from it summed in ascending order of the values, the missing count and the median.
     * With the sums in that order the step is {@link #prepare}'s to the bit.
     *
     * @param source the file or data set name, for messages
     */
    public static FeatureStep numericStep(String source, ColumnStats column, double median, long present,
                                          double mean, double presentSquares, long missing,
                                          List<DataWarning> warnings) {
        requireNumeric(source, column);
        requireNumbers(source, column, present);
        return numericStep(column, median, mean, imputedSd(presentSquares, missing, median, mean, present + missing),
                missing, warnings);
    }

    private static FeatureStep numericStep(ColumnStats column, double median, double mean, double sd, long missing,
                                           List<DataWarning> warnings) {
        if (missing > 0) {
            warnings.add(new DataWarning(column.name(), "Column '" + column.name() + "': " + missing
                    + " missing value(s) in the training rows imputed with the median " + median + "."));
        }
        return new FeatureStep(column.name(), ColumnRole.NUMERIC, median, mean, sd > 0 ? sd : 1.0, List.of(), null);
    }

    private static void requireNumeric(String source, ColumnStats column) {
        if (!column.isNumeric()) {
            throw DataException.at(source, column.firstUnparsableLine(), column.name(), "text '"
                    + column.firstUnparsableText() + "' in a column whose role is numeric",
                    "a number in every cell (or choose the role categorical or ignored)");
        }
    }

    private static void requireNumbers(String source, ColumnStats column, long present) {
        if (present == 0) {
            throw DataException.at(source, 0, column.name(), "no numbers in the training rows",
                    "at least one number (or choose the role ignored)");
        }
    }

    private static FeatureStep categoricalStep(Table table, Column column, int[] trainRows,
                                               List<DataWarning> warnings) {
        requireLevels(table.source(), column);
        int[] counts = new int[column.levels().size()];
        int missing = 0;
        for (int row : trainRows) {
            int code = column.code(row);
            if (code >= 0) {
                counts[code]++;
            } else {
                missing++;
            }
        }
        return categoricalStep(table.source(), column, counts, missing, warnings);
    }

    private static void requireLevels(String source, ColumnStats column) {
        if (!column.hasLevels()) {
            throw DataException.at(source, 0, column.name(), "more than " + Column.MAX_LEVELS
                    + " distinct values in a column whose role is categorical",
                    "at most " + Column.MAX_LEVELS + " levels (or choose the role identifier or ignored)");
        }
    }

    /**
     * A categorical column's step from the training rows' count of each of its levels (indexed as
     * {@link ColumnStats#levels()}) and of missing cells.
     *
     * @param source the file or data set name, for messages
     */
    public static FeatureStep categoricalStep(String source, ColumnStats column, long[] counts, long missing,
                                              List<DataWarning> warnings) {
        requireLevels(source, column);
        int[] small = new int[counts.length];
        for (int k = 0; k < counts.length; k++) {
            small[k] = Math.toIntExact(counts[k]);
        }
        return categoricalStep(source, column, small, Math.toIntExact(missing), warnings);
    }

    private static FeatureStep categoricalStep(String source, ColumnStats column, int[] counts, int missing,
                                               List<DataWarning> warnings) {
        List<String> levels = new ArrayList<>();
        String mostFrequent = null;
        int best = -1;
        for (int k = 0; k < counts.length; k++) {
            if (counts[k] > 0) {
                levels.add(column.levels().get(k));
                if (counts[k] > best) {
                    best = counts[k];
                    mostFrequent = column.levels().get(k);
                }
            }
        }
        if (levels.isEmpty()) {
            throw DataException.at(source, 0, column.name(), "no values in the training rows",
                    "at least one value (or choose the role ignored)");
        }
        levels.sort(TargetSummary.labelOrder(column.isNumeric()));
        if (missing > 0) {
            warnings.add(new DataWarning(column.name(), "Column '" + column.name() + "': " + missing
                    + " missing value(s) in the training rows imputed with the most frequent level '"
                    + mostFrequent + "'."));
        }
        return new FeatureStep(column.name(), ColumnRole.CATEGORICAL, Double.NaN, Double.NaN, Double.NaN, levels,
                mostFrequent);
    }

    /** The refusal of a table without feature columns. */
    public static DataException noFeatures(String source) {
        return DataException.of(source, "no feature columns (every column other than the target is "
                + "an identifier, constant or ignored)", "at least one numeric or categorical column");
    }

    /** Role overrides that drop the named columns (for {@code --drop}). */
    public static Map<String, ColumnRole> ignoring(Table table, List<String> columns) {
        return ignoring(table.source(), table.columnNames(), columns);
    }

    /** Role overrides that drop the named columns of a source with the given column names. */
    public static Map<String, ColumnRole> ignoring(String source, List<String> names, List<String> columns) {
        Map<String, ColumnRole> roles = new java.util.TreeMap<>();
        for (String name : columns) {
            if (!names.contains(name)) {
                throw DataException.of(source, "no column named '" + name + "'", "one of " + names);
            }
            roles.put(name, ColumnRole.IGNORED);
        }
        return roles;
    }
}
