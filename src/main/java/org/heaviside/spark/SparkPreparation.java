package org.heaviside.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.heaviside.data.Cells;
import org.heaviside.data.ColumnProfile;
import org.heaviside.data.ColumnRole;
import org.heaviside.data.DataException;
import org.heaviside.data.DataSpec;
import org.heaviside.data.DataWarning;
import org.heaviside.data.Dataset;
import org.heaviside.data.FeatureStep;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Preprocessing;
import org.heaviside.data.Preprocessor;
import org.heaviside.data.Split;
import org.heaviside.data.TargetEncoding;
import org.heaviside.data.TargetSummary;
import org.heaviside.data.TaskKind;
import org.heaviside.network.ConvexTrainer;
import org.heaviside.network.Metrics;
import org.heaviside.network.ThresholdNetwork;

/**
 * The workbench's preparation of a table ({@link Preprocessing#prepare}) on rows that stay in a
 * cluster's partitions: one pass profiles every column (counts, levels, the inferred roles and task,
 * merged over the partitions), one counts each partition's rows per class so that the seeded split
 * holds out exactly the rows the local split holds out, one {@code treeAggregate} over the training
 * rows gives each numeric column's count and range and each categorical column's and the target's
 * counts, and the medians are found by a few passes of histograms (exact, not approximate). The
 * means and standard deviations are summed as the local loops sum them, in the same order (each
 * numeric column's values sorted by one shuffle, the target in file order), by a fold carried from
 * partition to partition: two passes of one small job per partition each. The fitted
 * {@link Preprocessor} and the target's scaling are the local ones to the bit, so the model file is
 * the same; the driver holds only the aggregates.
 */
public final class SparkPreparation implements AutoCloseable {

    /** One row with a target: the feature columns' numbers and levels, the target, its group (class). */
    record Typed(double[] numbers, String[] levels, double target, String label, int group) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private static final int DEPTH = 2;

    private final JavaSparkContext context;
    private final PreparedData data;
    private final JavaRDD<Typed> typed;
    private final JavaRDD<Typed> train;
    private final JavaRDD<Typed> test;
    private final Broadcast<Preprocessor> preprocessor;
    private final double targetMean;
    private final double targetScale;

    private SparkPreparation(JavaSparkContext context, PreparedData data, JavaRDD<Typed> typed, JavaRDD<Typed> train,
                             JavaRDD<Typed> test, double targetMean, double targetScale) {
        this.context = context;
        this.data = data;
        this.typed = typed;
        this.train = train;
        this.test = test;
        this.preprocessor = context.broadcast(data.preprocessor());
        this.targetMean = targetMean;
        this.targetScale = targetScale;
    }

    /** Profiles every column of a source over its partitions (one pass). */
    public static ColumnProfile[] profile(SparkData source) {
        String[] names = source.columns().toArray(new String[0]);
        boolean comma = source.settings() != null && source.settings().decimalComma();
        return SparkData.unwrap(() -> source.rows().mapPartitionsWithIndex((part, rows) -> {
            ColumnProfile[] profiles = new ColumnProfile[names.length];
            for (int c = 0; c < names.length; c++) {
                profiles[c] = new ColumnProfile(names[c]);
            }
            while (rows.hasNext()) {
                SparkData.Row row = rows.next();
                for (int c = 0; c < names.length; c++) {
                    profiles[c].add(row.cells()[c], row.line(), row.order(), part, comma);
                }
            }
            return List.of(profiles).iterator();
        }, true).glom().map(list -> list.toArray(new ColumnProfile[0])).treeReduce((a, b) -> {
            for (int c = 0; c < a.length; c++) {
                a[c].merge(b[c]);
            }
            return a;
        }, DEPTH));
    }

    /**
     * Prepares a source as the spec says, with the local preparation's rules and messages.
     *
     * @throws DataException as {@link Preprocessing#prepare} does
     */
    public static SparkPreparation of(JavaSparkContext context, SparkData source, DataSpec spec) {
        String name = source.name();
        ColumnProfile[] profiles = profile(source);
        if (profiles[0].rows() == 0) {
            throw DataException.of(name, "no data rows", "at least one data row");
        }
        int targetColumn = source.columns().indexOf(spec.target());
        if (targetColumn < 0) {
            throw DataException.of(name, "no column named '" + spec.target() + "'", "one of " + source.columns());
        }
        TargetSummary summary = TargetSummary.of(name, profiles[targetColumn], spec.task());
        TargetEncoding encoding = Preprocessing.encoding(name, summary, spec);
        List<Integer> features = new ArrayList<>();
        for (int c = 0; c < profiles.length; c++) {
            if (c != targetColumn && spec.roleOf(profiles[c]).isFeature()) {
                features.add(c);
            }
        }
        if (features.isEmpty()) {
            throw Preprocessing.noFeatures(name);
        }
        int[] numeric = numericFeatures(profiles, features, spec);
        boolean[] categorical = new boolean[features.size()];
        Arrays.fill(categorical, true);
        for (int f : numeric) {
            categorical[f] = false;
        }
        JavaRDD<Typed> typed = typed(source, profiles, features, categorical, targetColumn, encoding)
                .persist(StorageLevel.MEMORY_AND_DISK());
        int groups = encoding.task() == TaskKind.REGRESSION ? 1 : encoding.classes().size();

        // the split: each partition's rows per group, then the local split's held-out positions per group
        List<long[]> counts = new ArrayList<>(SparkData.unwrap(() -> typed.mapPartitionsWithIndex((part, rows) -> {
            long[] count = new long[groups + 1];
            count[0] = part;
            rows.forEachRemaining(row -> count[1 + row.group()]++);
            return List.of(count).iterator();
        }, true).collect()));
        counts.sort((a, b) -> Long.compare(a[0], b[0]));
        long[][] offsets = new long[counts.size()][groups];
        int[] sizes = new int[groups];
        for (int p = 0; p < counts.size(); p++) {
            for (int g = 0; g < groups; g++) {
                offsets[p][g] = sizes[g];
                sizes[g] = Math.toIntExact(sizes[g] + counts.get(p)[1 + g]);
            }
        }
        BitSet[] held = Split.heldOut(sizes, spec.testFraction(), spec.seed());
        int usable = 0;
        int testRows = 0;
        for (int g = 0; g < groups; g++) {
            usable += sizes[g];
            testRows += held[g].cardinality();
        }
        List<DataWarning> warnings = new ArrayList<>();
        if (usable < profiles[0].rows()) {
            warnings.add(new DataWarning(spec.target(), (profiles[0].rows() - usable)
                    + " row(s) have no target value; they are left out."));
        }
        if (usable - testRows == 0) {
            throw DataException.of(name, "no training rows after the split", "a test fraction below 1");
        }
        Broadcast<long[][]> starts = context.broadcast(offsets);
        Broadcast<BitSet[]> heldOut = context.broadcast(held);
        JavaRDD<Typed> train = part(typed, starts, heldOut, false);
        JavaRDD<Typed> test = part(typed, starts, heldOut, true);

        Sums sums = SparkData.unwrap(() -> train.mapPartitions(rows -> {
            Sums part = new Sums(categorical, groups);
            rows.forEachRemaining(part::add);
            return List.of(part).iterator();
        }).treeReduce(Sums::merge, DEPTH));
        double[] medians = SparkMedians.of(train, numeric, sums);
        double[] means = new double[features.size()];
        double[] squares = new double[features.size()];
        if (numeric.length > 0) {
            // the local loop's sums: each column's present values in ascending order, folded in that order
            JavaRDD<Value> sorted = train.flatMap(row -> {
                List<Value> out = new ArrayList<>();
                for (int f : numeric) {
                    double v = row.numbers()[f];
                    if (v == v) {
                        out.add(new Value(f, v));
                    }
                }
                return out.iterator();
            }).sortBy(v -> v, true, train.getNumPartitions()).persist(StorageLevel.MEMORY_AND_DISK());
            double[] sum = orderedFold(sorted, features.size(), (acc, v) -> acc[v.column()] += v.value());
            for (int f : numeric) {
                means[f] = Preprocessing.imputedMean(sum[f], sums.rows - sums.present[f], medians[f], sums.rows);
            }
            squares = orderedFold(sorted, features.size(),
                    (acc, v) -> acc[v.column()] += (v.value() - means[v.column()]) * (v.value() - means[v.column()]));
            sorted.unpersist(false);
        }

        List<FeatureStep> steps = new ArrayList<>();
        for (int f = 0; f < features.size(); f++) {
            ColumnProfile column = profiles[features.get(f)];
            if (spec.roleOf(column) == ColumnRole.NUMERIC) {
                steps.add(Preprocessing.numericStep(name, column, medians[f], sums.present[f], means[f],
                        squares[f], sums.rows - sums.present[f], warnings));
            } else {
                steps.add(Preprocessing.categoricalStep(name, column, levelCounts(column, sums.levels[f]),
                        sums.rows - sums.filled[f], warnings));
            }
        }
        Preprocessor preprocessor = new Preprocessor(steps, encoding);
        boolean regression = encoding.task() == TaskKind.REGRESSION;
        Dataset empty = new Dataset(name, preprocessor.featureNames(), new double[0][], new double[0],
                regression ? null : new int[0], new int[0]);
        PreparedData data = new PreparedData(preprocessor, empty, empty, warnings,
                new PreparedData.Elsewhere(usable - testRows, testRows, regression ? new long[0] : sums.classes));
        if (!regression) {
            return new SparkPreparation(context, data, typed, train, test, 0, 1);
        }
        // ConvexTrainer.targets' loops: the training rows in file order, which the partitions keep
        long rows = sums.rows;
        double targetMean = orderedFold(train, 1, (acc, row) -> acc[0] += row.target() / rows)[0];
        double scale = Math.sqrt(orderedFold(train, 1,
                (acc, row) -> acc[0] += (row.target() - targetMean) * (row.target() - targetMean))[0] / rows);
        return new SparkPreparation(context, data, typed, train, test, targetMean, scale > 0 ? scale : 1.0);
    }

    /** The prepared data on the driver: the fitted pipeline, the warnings and the rows' counts. */
    public PreparedData data() {
        return data;
    }

    /** The targets' standardization (regression) as the local engine computes it, to rounding. */
    public ConvexTrainer.Targets targets() {
        return new ConvexTrainer.Targets(new double[0][], targetMean, targetScale);
    }

    /** Outputs of the program: one per class for three or more classes, else one. */
    int outputs() {
        TargetEncoding target = data.preprocessor().target();
        return target.task() == TaskKind.CLASSIFICATION && !target.isBinary() ? target.classes().size() : 1;
    }

    /** The training rows as the engine reads them, with the weight of each class (null: all one). */
    JavaRDD<SparkRow> rows(double[] perClass) {
        Broadcast<Preprocessor> pipeline = preprocessor;
        int outputs = outputs();
        double mean = targetMean;
        double scale = targetScale;
        boolean regression = data.preprocessor().target().task() == TaskKind.REGRESSION;
        return train.mapPartitions(rows -> {
            Preprocessor.Encoder encoder = pipeline.value().encoder();
            List<SparkRow> out = new ArrayList<>();
            while (rows.hasNext()) {
                Typed row = rows.next();
                double[] y = new double[outputs];
                if (regression) {
                    y[0] = (row.target() - mean) / scale;
                } else if (outputs == 1) {
                    y[0] = encoder.target(Double.NaN, row.label());
                } else {
                    for (int c = 0; c < outputs; c++) {
                        y[c] = row.group() == c ? 1.0 : -1.0;
                    }
                }
                out.add(new SparkRow(encoder.features(row.numbers(), row.levels()), y,
                        perClass == null ? 1.0 : perClass[row.group()]));
            }
            return out.iterator();
        });
    }

    /**
     * The metrics of a network on the training or the held-out rows, by the definitions of {@link
     * Metrics}, from one pass of counts and sums (the ROC AUC from the rows per distinct output,
     * which a threshold network has few of: one per combination of active neurons).
     */
    Map<String, Double> metrics(ThresholdNetwork network, boolean heldOut) {
        if (heldOut && data.testRows() == 0) {
            return Map.of();
        }
        Broadcast<Preprocessor> pipeline = preprocessor;
        double[][] planes = network.hyperplanes();
        double[] amplitudes = network.amplitudes();
        double[][] alphas = network.outputs();
        int outputs = network.outputCount();
        TargetEncoding encoding = data.preprocessor().target();
        boolean regression = encoding.task() == TaskKind.REGRESSION;
        int classes = encoding.classes().size();
        double mean = targetMean;
        double scale = targetScale;
        Scores scores = SparkData.unwrap(() -> (heldOut ? test : train).mapPartitions(rows -> {
            Preprocessor.Encoder encoder = pipeline.value().encoder();
            List<double[]> x = new ArrayList<>();
            List<Typed> kept = new ArrayList<>();
            rows.forEachRemaining(row -> {
                x.add(encoder.features(row.numbers(), row.levels()));
                kept.add(row);
            });
            Scores part = new Scores(classes);
            if (!x.isEmpty()) {
                double[][] out = new ThresholdNetwork(planes, amplitudes, alphas, outputs)
                        .predictRows(x.toArray(new double[0][]));
                for (int i = 0; i < out.length; i++) {
                    Typed row = kept.get(i);
                    double y = regression ? row.target() : encoder.target(Double.NaN, row.label());
                    part.add(out[i], row, y, regression, mean, scale);
                }
            }
            return List.of(part).iterator();
        }).treeReduce(Scores::merge, DEPTH));
        if (regression) {
            return Metrics.regression(scores.rows, scores.squaredErrors, scores.absoluteErrors, scores.squares);
        }
        if (encoding.isBinary()) {
            double[] distinct = scores.byScore.keySet().stream().mapToDouble(Double::doubleValue).sorted().toArray();
            long[] positives = new long[distinct.length];
            long[] negatives = new long[distinct.length];
            for (int k = 0; k < distinct.length; k++) {
                long[] count = scores.byScore.get(distinct[k]);
                positives[k] = count[0];
                negatives[k] = count[1];
            }
            long tp = 0;
            long fn = 0;
            long fp = 0;
            long tn = 0;
            for (int k = 0; k < distinct.length; k++) {
                // the positive class where the score is >= 0
                if (distinct[k] >= 0) {
                    tp += positives[k];
                    fp += negatives[k];
                } else {
                    fn += positives[k];
                    tn += negatives[k];
                }
            }
            return Metrics.binary(tp, tn, fp, fn, Metrics.rocAuc(distinct, positives, negatives));
        }
        return Metrics.multiclass(scores.truePositives, scores.support, scores.chosen, scores.correct, scores.rows);
    }

    /** Counts and sums of a network's outputs on rows, for {@link Metrics}. */
    private static final class Scores implements Serializable {
        private static final long serialVersionUID = 1L;
        long rows;
        double squaredErrors;
        double absoluteErrors;
        double mean;
        double squares;
        final Map<Double, long[]> byScore = new HashMap<>();
        final int[] truePositives;
        final int[] support;
        final int[] chosen;
        long correct;

        Scores(int classes) {
            truePositives = new int[classes];
            support = new int[classes];
            chosen = new int[classes];
        }

        /** Adds a row's outputs; {@code y} is its encoded target (+1/-1 for two classes). */
        void add(double[] out, Typed row, double y, boolean regression, double targetMean, double targetScale) {
            rows++;
            if (regression) {
                double actual = y;
                double e = targetMean + targetScale * out[0] - actual;
                squaredErrors += e * e;
                absoluteErrors += Math.abs(e);
                double delta = actual - mean;
                mean += delta / rows;
                squares += delta * (actual - mean);
            } else if (out.length == 1) {
                // -0.0 and 0.0 are one tie block, as in Metrics.rocAuc
                byScore.computeIfAbsent(out[0] == 0.0 ? 0.0 : out[0], k -> new long[2])[y > 0 ? 0 : 1]++;
            } else {
                int best = 0;
                for (int c = 1; c < out.length; c++) {
                    if (out[c] > out[best]) {
                        best = c;
                    }
                }
                support[row.group()]++;
                chosen[best]++;
                if (best == row.group()) {
                    truePositives[best]++;
                    correct++;
                }
            }
        }

        Scores merge(Scores other) {
            long n = rows + other.rows;
            if (other.rows > 0) {
                double delta = other.mean - mean;
                squares += other.squares + delta * delta * rows * other.rows / n;
                mean += delta * other.rows / n;
            }
            rows = n;
            squaredErrors += other.squaredErrors;
            absoluteErrors += other.absoluteErrors;
            other.byScore.forEach((score, count) -> {
                long[] mine = byScore.computeIfAbsent(score, k -> new long[2]);
                mine[0] += count[0];
                mine[1] += count[1];
            });
            for (int c = 0; c < support.length; c++) {
                truePositives[c] += other.truePositives[c];
                support[c] += other.support[c];
                chosen[c] += other.chosen[c];
            }
            correct += other.correct;
            return this;
        }
    }

    @Override
    public void close() {
        typed.unpersist(false);
        preprocessor.unpersist();
    }

    /** A present value of a numeric feature column, ordered by column, then as {@link Arrays#sort(double[])}. */
    record Value(int column, double value) implements Comparable<Value>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compareTo(Value other) {
            int c = Integer.compare(column, other.column);
            return c != 0 ? c : Double.compare(value, other.value);
        }
    }

    /** Adds one item to running sums. */
    interface FoldStep<T> extends Serializable {
        void add(double[] sums, T item);
    }

    /**
     * Sums over an RDD's items in partition order and in each partition's order, carried from one
     * partition to the next as a loop on one machine carries them (one small job per partition): a
     * double sum in a fixed order gives the same bits as the local loop in that order, which
     * merging per-partition sums does not.
     */
    static <T> double[] orderedFold(JavaRDD<T> items, int width, FoldStep<T> step) {
        double[] sums = new double[width];
        for (int p = 0; p < items.getNumPartitions(); p++) {
            double[] start = sums;
            int[] only = {p};
            List<double[]>[] out = SparkData.unwrap(() -> items.mapPartitions(part -> {
                double[] running = start.clone();
                part.forEachRemaining(item -> step.add(running, item));
                return List.of(running).iterator();
            }).collectPartitions(only));
            sums = out[0].get(0);
        }
        return sums;
    }

    private static JavaRDD<Typed> part(JavaRDD<Typed> typed, Broadcast<long[][]> starts, Broadcast<BitSet[]> heldOut,
                                       boolean wanted) {
        return typed.mapPartitionsWithIndex((part, rows) -> {
            long[] next = starts.value()[part].clone();
            BitSet[] held = heldOut.value();
            List<Typed> out = new ArrayList<>();
            while (rows.hasNext()) {
                Typed row = rows.next();
                if (held[row.group()].get(Math.toIntExact(next[row.group()]++)) == wanted) {
                    out.add(row);
                }
            }
            return out.iterator();
        }, true);
    }

    private static int[] numericFeatures(ColumnProfile[] profiles, List<Integer> features, DataSpec spec) {
        int[] out = new int[features.size()];
        int count = 0;
        for (int f = 0; f < features.size(); f++) {
            if (spec.roleOf(profiles[features.get(f)]) == ColumnRole.NUMERIC) {
                out[count++] = f;
            }
        }
        return Arrays.copyOf(out, count);
    }

    private static long[] levelCounts(ColumnProfile column, Map<String, Long> counts) {
        List<String> levels = column.levels();
        long[] out = new long[levels == null ? 0 : levels.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = counts.getOrDefault(levels.get(k), 0L);
        }
        return out;
    }

    /**
     * The rows with a target, their cells read with {@link Cells} as the loader reads them: numbers
     * for the numeric columns, levels (one shared text per level) for the categorical ones.
     */
    private static JavaRDD<Typed> typed(SparkData source, ColumnProfile[] profiles, List<Integer> features,
                                        boolean[] categorical, int targetColumn, TargetEncoding encoding) {
        boolean comma = source.settings() != null && source.settings().decimalComma();
        int[] columns = features.stream().mapToInt(Integer::intValue).toArray();
        boolean regression = encoding.task() == TaskKind.REGRESSION;
        List<String> classes = new ArrayList<>(encoding.classes());
        List<List<String>> known = new ArrayList<>();
        boolean anyLevels = false;
        for (int f = 0; f < columns.length; f++) {
            List<String> levels = categorical[f] ? profiles[columns[f]].levels() : null;
            known.add(levels == null ? List.of() : new ArrayList<>(levels));
            anyLevels |= categorical[f];
        }
        boolean withLevels = anyLevels;
        return source.rows().mapPartitions(rows -> {
            Map<String, Integer> classIndex = new HashMap<>();
            for (int k = 0; k < classes.size(); k++) {
                classIndex.put(classes.get(k), k);
            }
            List<Map<String, String>> shared = new ArrayList<>();
            for (List<String> levels : known) {
                Map<String, String> map = new HashMap<>();
                levels.forEach(level -> map.put(level, level));
                shared.add(map);
            }
            List<Typed> out = new ArrayList<>();
            while (rows.hasNext()) {
                SparkData.Row row = rows.next();
                String cell = row.cells()[targetColumn];
                if (Cells.isMissing(cell)) {
                    continue;
                }
                String label = cell.strip();
                double target = regression ? Cells.parseNumber(label, comma) : Double.NaN;
                Integer group = regression ? Integer.valueOf(0) : classIndex.get(label);
                if (target != target && regression || group == null) {
                    continue;
                }
                double[] numbers = new double[columns.length];
                String[] levels = withLevels ? new String[columns.length] : null;
                for (int f = 0; f < columns.length; f++) {
                    String raw = row.cells()[columns[f]];
                    boolean missing = Cells.isMissing(raw);
                    if (categorical[f]) {
                        numbers[f] = Double.NaN;
                        levels[f] = missing ? null : shared.get(f).getOrDefault(raw.strip(), raw.strip());
                    } else {
                        numbers[f] = missing ? Double.NaN : Cells.parseNumber(raw, comma);
                    }
                }
                out.add(new Typed(numbers, levels, target, regression ? null : classes.get(group), group));
            }
            return out.iterator();
        });
    }

    /**
     * Counts over training rows: per feature column the present numbers' count, least and largest
     * value and the levels' counts; per class the rows.
     */
    static final class Sums implements Serializable {
        private static final long serialVersionUID = 1L;
        long rows;
        final long[] filled;
        final long[] present;
        final double[] min;
        final double[] max;
        final Map<String, Long>[] levels;
        final long[] classes;

        @SuppressWarnings("unchecked")
        Sums(boolean[] categorical, int groups) {
            int width = categorical.length;
            filled = new long[width];
            present = new long[width];
            min = new double[width];
            max = new double[width];
            Arrays.fill(min, Double.POSITIVE_INFINITY);
            Arrays.fill(max, Double.NEGATIVE_INFINITY);
            levels = new Map[width];
            for (int f = 0; f < width; f++) {
                levels[f] = categorical[f] ? new HashMap<>() : null;
            }
            classes = new long[groups];
        }

        void add(Typed row) {
            rows++;
            for (int f = 0; f < present.length; f++) {
                if (levels[f] != null) {
                    String level = row.levels()[f];
                    if (level != null) {
                        filled[f]++;
                        levels[f].merge(level, 1L, Long::sum);
                    }
                    continue;
                }
                double v = row.numbers()[f];
                if (v == v) {
                    present[f]++;
                    min[f] = Math.min(min[f], v);
                    max[f] = Math.max(max[f], v);
                }
            }
            classes[row.group()]++;
        }

        Sums merge(Sums other) {
            for (int f = 0; f < present.length; f++) {
                long n = present[f] + other.present[f];
                if (other.present[f] > 0) {
                    present[f] = n;
                    min[f] = Math.min(min[f], other.min[f]);
                    max[f] = Math.max(max[f], other.max[f]);
                }
                filled[f] += other.filled[f];
                Map<String, Long> mine = levels[f];
                if (mine != null) {
                    other.levels[f].forEach((level, count) -> mine.merge(level, count, Long::sum));
                }
            }
            rows += other.rows;
            for (int g = 0; g < classes.length; g++) {
                classes[g] += other.classes[g];
            }
            return this;
        }
    }
}
