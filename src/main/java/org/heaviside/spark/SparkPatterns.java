package org.heaviside.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.heaviside.solver.LogisticAggregates;
import org.heaviside.solver.LogisticRows;

/**
 * The pattern matrix of a Spark data set without gathering it: the candidate hyperplanes are
 * broadcast, each partition computes its rows' bits once (cached with the rows), and every quantity
 * the solver asks for is one {@code treeAggregate} over the partitions. Duplicate and all-zero
 * patterns are dropped as the local {@link org.heaviside.arrangement.PatternMatrix} drops them,
 * recognized by their ones and two 64-bit sums of hashed row positions (equal columns have equal
 * sums; different ones collide with probability about 2⁻¹²⁸).
 */
final class SparkPatterns implements LogisticAggregates, AutoCloseable {

    /** Called at the start of each partition's work in every pass (tests inject task failures here). */
    interface Probe extends Serializable {
        void enter(int partition);
    }

    private static final int DEPTH = 2;

    private final JavaSparkContext context;
    private JavaRDD<RowBlock> blocks;
    private final Probe probe;
    private final int outputs;
    private final int dimension;
    /** Block column of each kept column. */
    private int[] kept;
    /** Columns in the blocks (kept or not). */
    private int blockColumns;
    private double[][] hyperplanes;
    private int[] ones;
    /** The kept columns by identity: ones and the two hash sums of their rows' positions. */
    private final Map<List<Long>, Integer> index = new HashMap<>();
    private final long rows;
    private final double maxWeight;
    private final double targetNorm;
    private double[][] targetCorrelations;

    SparkPatterns(JavaSparkContext context, JavaRDD<SparkRow> input, double[][] candidates, int outputs,
                  Probe probe) {
        this.context = context;
        this.outputs = outputs;
        this.dimension = candidates[0].length - 1;
        this.probe = probe;
        Broadcast<double[][]> planes = context.broadcast(candidates);
        this.blocks = input.mapPartitionsWithIndex((index, it) -> List.of(RowBlock.of(index, it, planes.value(),
                outputs)).iterator(), true).persist(StorageLevel.MEMORY_ONLY());
        int m = candidates.length;
        this.blockColumns = m;
        long[] counts = identities(java.util.stream.IntStream.range(0, m).toArray());
        this.rows = counts[3 * m];
        List<Integer> keep = new ArrayList<>();
        for (int j = 0; j < m; j++) {
            if (counts[3 * j] == 0) {
                continue;
            }
            List<Long> key = List.of(counts[3 * j], counts[3 * j + 1], counts[3 * j + 2]);
            if (index.putIfAbsent(key, keep.size()) == null) {
                keep.add(j);
            }
        }
        this.kept = keep.stream().mapToInt(Integer::intValue).toArray();
        this.hyperplanes = new double[kept.length][];
        this.ones = new int[kept.length];
        for (int k = 0; k < kept.length; k++) {
            hyperplanes[k] = candidates[kept[k]].clone();
            ones[k] = Math.toIntExact(counts[3 * kept[k]]);
        }
        int[] columnsOf = kept;
        double[] totals = blocks.treeAggregate(new double[2 + outputs * kept.length], (sum, block) -> {
            probe.enter(block.partition);
            for (int i = 0; i < block.rows(); i++) {
                double w = block.weight(i);
                sum[0] = Math.max(sum[0], w);
                for (int c = 0; c < outputs; c++) {
                    sum[1] += w * block.y[c][i] * block.y[c][i];
                }
            }
            addTargetCorrelations(block, columnsOf, sum, 2);
            return sum;
        }, SparkPatterns::addKeepMax, DEPTH);
        this.maxWeight = totals[0];
        this.targetNorm = totals[1];
        this.targetCorrelations = new double[outputs][kept.length];
        for (int c = 0; c < outputs; c++) {
            System.arraycopy(totals, 2 + c * kept.length, targetCorrelations[c], 0, kept.length);
        }
        planes.unpersist();
    }

    /** Per block column: its ones and two sums of hashed row positions (3 per column), then the rows n. */
    private long[] identities(int[] columns) {
        Probe probe = this.probe;
        int m = columns.length;
        return blocks.treeAggregate(new long[3 * m + 1], (sum, block) -> {
            probe.enter(block.partition);
            long[] first = org.heaviside.arrangement.BlockViolatorSearch.rowHashes(block.partition, block.rows(), false);
            long[] second = org.heaviside.arrangement.BlockViolatorSearch.rowHashes(block.partition, block.rows(), true);
            for (int j = 0; j < m; j++) {
                sum[3 * j] += block.patterns.ones(columns[j]);
                sum[3 * j + 1] += block.patterns.sum(columns[j], first);
                sum[3 * j + 2] += block.patterns.sum(columns[j], second);
            }
            sum[3 * m] += block.rows();
            return sum;
        }, SparkPatterns::add, DEPTH);
    }

    /** sum[offset + c·|columns| + k] += h_kᵀ W y_c over the block's rows. */
    private static void addTargetCorrelations(RowBlock block, int[] columns, double[] sum, int offset) {
        double[] part = new double[columns.length];
        for (int c = 0; c < block.y.length; c++) {
            java.util.Arrays.fill(part, 0);
            block.patterns.addCorrelations(columns, weighted(block, block.y[c]), part);
            for (int k = 0; k < part.length; k++) {
                sum[offset + c * columns.length + k] += part[k];
            }
        }
    }

    /**
     * Appends the patterns of hyperplanes as columns, in order, each unless an equal column exists or it
     * is all zeros (as {@link org.heaviside.arrangement.PatternMatrix#add} does): the blocks get the new
     * bits (a new cached data set replaces the old one), and two passes give the new columns' ones,
     * identities and HᵀWY. Returns how many columns were added.
     */
    int add(List<double[]> planes) {
        double[][] more = planes.toArray(new double[0][]);
        Broadcast<double[][]> shared = context.broadcast(more);
        JavaRDD<RowBlock> previous = blocks;
        blocks = previous.map(block -> block.append(shared.value())).persist(StorageLevel.MEMORY_ONLY());
        int[] columns = java.util.stream.IntStream.range(blockColumns, blockColumns + more.length).toArray();
        long[] counts = identities(columns);
        previous.unpersist(false);
        blockColumns += more.length;
        List<Integer> added = new ArrayList<>();
        for (int j = 0; j < columns.length; j++) {
            List<Long> key = List.of(counts[3 * j], counts[3 * j + 1], counts[3 * j + 2]);
            if (counts[3 * j] != 0 && index.putIfAbsent(key, kept.length + added.size()) == null) {
                added.add(j);
            }
        }
        int[] newColumns = added.stream().mapToInt(j -> columns[j]).toArray();
        int outs = outputs;
        double[] correlations = pass(outs * newColumns.length, block -> {
            double[] part = new double[outs * newColumns.length];
            addTargetCorrelations(block, newColumns, part, 0);
            return part;
        });
        int old = kept.length;
        int p = old + newColumns.length;
        kept = java.util.Arrays.copyOf(kept, p);
        hyperplanes = java.util.Arrays.copyOf(hyperplanes, p);
        ones = java.util.Arrays.copyOf(ones, p);
        for (int k = 0; k < newColumns.length; k++) {
            int j = added.get(k);
            kept[old + k] = newColumns[k];
            hyperplanes[old + k] = more[j].clone();
            ones[old + k] = Math.toIntExact(counts[3 * j]);
        }
        double[][] targets = new double[outputs][];
        for (int c = 0; c < outputs; c++) {
            targets[c] = java.util.Arrays.copyOf(targetCorrelations[c], p);
            System.arraycopy(correlations, c * newColumns.length, targets[c], old, newColumns.length);
        }
        targetCorrelations = targets;
        return newColumns.length;
    }

    /** Whether a pattern of this identity (ones, two hash sums) is a column. */
    boolean contains(List<Long> key) {
        return index.containsKey(key);
    }

    /**
     * The blocks' rows with the unscaled dual point at Z (the negative loss gradient: W(Y − HZ) for the
     * squared loss, w·y·σ(−y f) for the logistic loss), cached until closed, for the violator search.
     */
    SparkViolators violators(double[] z, org.heaviside.solver.Loss loss) {
        Broadcast<Support[]> shared = context.broadcast(supports(z));
        int outs = outputs;
        boolean logistic = loss == org.heaviside.solver.Loss.LOGISTIC;
        JavaRDD<org.heaviside.arrangement.BlockViolatorSearch.Block> rowsWithTheta = blocks.map(block -> {
            double[][] theta = new double[outs][];
            for (int c = 0; c < outs; c++) {
                double[] f = shared.value()[c].fitted(block);
                theta[c] = new double[block.rows()];
                if (logistic) {
                    LogisticRows.theta(block.y[c], block.w, f, theta[c]);
                } else {
                    for (int i = 0; i < f.length; i++) {
                        theta[c][i] = block.weight(i) * (block.y[c][i] - f[i]);
                    }
                }
            }
            return new org.heaviside.arrangement.BlockViolatorSearch.Block(block.partition, block.x, theta);
        });
        return new SparkViolators(rowsWithTheta, dimension, outputs, rows, probe, shared);
    }

    /** Z's non-zero entries of each output as the blocks' columns and values. */
    private Support[] supports(double[] z) {
        Support[] out = new Support[outputs];
        for (int c = 0; c < outputs; c++) {
            double[] column = new double[kept.length];
            for (int j = 0; j < kept.length; j++) {
                column[j] = z[j * outputs + c];
            }
            out[c] = Support.of(column, kept);
        }
        return out;
    }

    /** Number of training rows n. */
    long rows() {
        return rows;
    }

    /** The hyperplane of column j (d + 1 weights, bias last). */
    double[] hyperplane(int j) {
        return hyperplanes[j].clone();
    }

    /** The block column of column j. */
    int blockColumn(int j) {
        return kept[j];
    }

    /** Feature dimension d. */
    int dimension() {
        return dimension;
    }

    /** The cached blocks (for passes of the trainer that are not the solver's). */
    JavaRDD<RowBlock> blocks() {
        return blocks;
    }

    /** The probe of the passes. */
    Probe probe() {
        return probe;
    }

    @Override
    public int columns() {
        return kept.length;
    }

    @Override
    public int outputs() {
        return outputs;
    }

    @Override
    public int[] ones() {
        return ones.clone();
    }

    @Override
    public double maxWeight() {
        return maxWeight;
    }

    @Override
    public double[][] targetCorrelations() {
        double[][] copy = new double[outputs][];
        for (int c = 0; c < outputs; c++) {
            copy[c] = targetCorrelations[c].clone();
        }
        return copy;
    }

    @Override
    public double targetNorm() {
        return targetNorm;
    }

    @Override
    public Residuals residuals(double[] z) {
        int p = kept.length;
        int[] columnsOf = kept;
        // only the non-zero rows of Z travel
        List<Integer> support = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            for (int c = 0; c < outputs; c++) {
                if (z[j * outputs + c] != 0) {
                    support.add(j);
                    break;
                }
            }
        }
        int[] at = support.stream().mapToInt(Integer::intValue).toArray();
        double[] values = new double[at.length * outputs];
        for (int k = 0; k < at.length; k++) {
            System.arraycopy(z, at[k] * outputs, values, k * outputs, outputs);
        }
        Broadcast<double[]> shared = context.broadcast(values);
        int outs = outputs;
        Probe probe = this.probe;
        double[] sums = blocks.treeAggregate(new double[2 + outs * p], (sum, block) -> {
            probe.enter(block.partition);
            double[] v = shared.value();
            double[] part = new double[p];
            for (int c = 0; c < outs; c++) {
                double[] r = block.y[c].clone();
                for (int k = 0; k < at.length; k++) {
                    double value = v[k * outs + c];
                    if (value != 0) {
                        block.patterns.subtract(columnsOf[at[k]], value, r);
                    }
                }
                double[] wr = weighted(block, r);
                for (int i = 0; i < r.length; i++) {
                    sum[0] += wr[i] * r[i];
                    sum[1] += wr[i] * block.y[c][i];
                }
                java.util.Arrays.fill(part, 0);
                block.patterns.addCorrelations(columnsOf, wr, part);
                for (int j = 0; j < p; j++) {
                    sum[2 + c * p + j] += part[j];
                }
            }
            return sum;
        }, SparkPatterns::add, DEPTH);
        shared.unpersist();
        double[][] gradient = new double[outputs][p];
        for (int c = 0; c < outputs; c++) {
            System.arraycopy(sums, 2 + c * p, gradient[c], 0, p);
        }
        return new Residuals(gradient, sums[0], sums[1]);
    }

    @Override
    public double[] gram(int[] a, int[] b) {
        int[] ca = candidates(a);
        int[] cb = candidates(b);
        return pass(a.length * b.length, block -> {
            double[] part = new double[a.length * b.length];
            block.patterns.addGram(ca, cb, block.w, part);
            return part;
        });
    }

    /** The non-zero entries of Z (one output) as the blocks' columns and their values. */
    private record Support(int[] columns, double[] values) implements java.io.Serializable {
        static Support of(double[] z, int[] kept) {
            int count = 0;
            for (double v : z) {
                count += v != 0 ? 1 : 0;
            }
            int[] columns = new int[count];
            double[] values = new double[count];
            int k = 0;
            for (int j = 0; j < z.length; j++) {
                if (z[j] != 0) {
                    columns[k] = kept[j];
                    values[k++] = z[j];
                }
            }
            return new Support(columns, values);
        }

        double[] fitted(RowBlock block) {
            return block.patterns.fitted(columns, values);
        }
    }

    @Override
    public Point at(double[] z) {
        Broadcast<Support> shared = context.broadcast(Support.of(z, kept));
        int[] columnsOf = kept;
        double[] sums = pass(1 + columnsOf.length, block -> {
            double[] theta = new double[block.rows()];
            double[] part = new double[1 + columnsOf.length];
            part[0] = LogisticRows.theta(block.y[0], block.w, shared.value().fitted(block), theta);
            double[] correlations = new double[columnsOf.length];
            block.patterns.addCorrelations(columnsOf, theta, correlations);
            System.arraycopy(correlations, 0, part, 1, correlations.length);
            return part;
        });
        shared.unpersist();
        return new Point(java.util.Arrays.copyOfRange(sums, 1, sums.length), sums[0]);
    }

    @Override
    public double dual(double[] z, double scale) {
        Broadcast<Support> shared = context.broadcast(Support.of(z, kept));
        Probe probe = this.probe;
        double dual = blocks.treeAggregate(0.0, (sum, block) -> {
            probe.enter(block.partition);
            return sum + LogisticRows.dual(block.y[0], block.w, shared.value().fitted(block), scale);
        }, Double::sum, DEPTH);
        shared.unpersist();
        return dual;
    }

    @Override
    public Model model(double[] z, int[] working, double damping) {
        Broadcast<Support> shared = context.broadcast(Support.of(z, kept));
        int[] columnsOf = candidates(working);
        int size = columnsOf.length;
        double[] sums = pass(1 + size * size, block -> {
            double[] c = new double[block.rows()];
            double[] part = new double[1 + size * size];
            part[0] = LogisticRows.curvatures(block.y[0], block.w, shared.value().fitted(block), damping, c);
            double[] gram = new double[size * size];
            block.patterns.addGram(columnsOf, columnsOf, c, gram);
            System.arraycopy(gram, 0, part, 1, gram.length);
            return part;
        });
        shared.unpersist();
        return new Model(java.util.Arrays.copyOfRange(sums, 1, sums.length), sums[0]);
    }

    @Override
    public double[] values(double[] z, double[] next, int[] working, double[] steps) {
        double[] delta = new double[kept.length];
        for (int j : working) {
            delta[j] = next[j] - z[j];
        }
        Broadcast<Support[]> shared = context.broadcast(new Support[] {Support.of(z, kept), Support.of(delta, kept)});
        double[] sums = pass(steps.length, block -> {
            Support[] at = shared.value();
            return LogisticRows.values(block.y[0], block.w, at[0].fitted(block), at[1].fitted(block), steps);
        });
        shared.unpersist();
        return sums;
    }

    /** A block's contribution to a vector of sums. */
    private interface BlockSums extends Serializable {
        double[] of(RowBlock block);
    }

    /** One pass over the partitions: the blocks' vectors of {@code length} sums, added up. */
    private double[] pass(int length, BlockSums body) {
        Probe probe = this.probe;
        return blocks.treeAggregate(new double[length], (sum, block) -> {
            probe.enter(block.partition);
            double[] part = body.of(block);
            for (int k = 0; k < length; k++) {
                sum[k] += part[k];
            }
            return sum;
        }, SparkPatterns::add, DEPTH);
    }

    private int[] candidates(int[] columns) {
        int[] out = new int[columns.length];
        for (int k = 0; k < columns.length; k++) {
            out[k] = kept[columns[k]];
        }
        return out;
    }

    @Override
    public void close() {
        blocks.unpersist(false);
    }

    private static double[] weighted(RowBlock block, double[] v) {
        if (block.w == null) {
            return v;
        }
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = block.w[i] * v[i];
        }
        return out;
    }

    private static long[] add(long[] a, long[] b) {
        for (int k = 0; k < a.length; k++) {
            a[k] += b[k];
        }
        return a;
    }

    private static double[] add(double[] a, double[] b) {
        for (int k = 0; k < a.length; k++) {
            a[k] += b[k];
        }
        return a;
    }

    /** Adds the sums, keeping the maximum in entry 0. */
    private static double[] addKeepMax(double[] a, double[] b) {
        double max = Math.max(a[0], b[0]);
        add(a, b);
        a[0] = max;
        return a;
    }
}
