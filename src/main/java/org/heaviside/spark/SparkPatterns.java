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
import org.heaviside.solver.PatternAggregates;

/**
 * The pattern matrix of a Spark data set without gathering it: the candidate hyperplanes are
 * broadcast, each partition computes its rows' bits once (cached with the rows), and every quantity
 * the solver asks for is one {@code treeAggregate} over the partitions. Duplicate and all-zero
 * patterns are dropped as the local {@link org.heaviside.arrangement.PatternMatrix} drops them,
 * recognized by their ones and two 64-bit sums of hashed row positions (equal columns have equal
 * sums; different ones collide with probability about 2⁻¹²⁸).
 */
final class SparkPatterns implements PatternAggregates, AutoCloseable {

    /** Called at the start of each partition's work in every pass (tests inject task failures here). */
    interface Probe extends Serializable {
        void enter(int partition);
    }

    private static final int DEPTH = 2;

    private final JavaSparkContext context;
    private final JavaRDD<RowBlock> blocks;
    private final Probe probe;
    private final int outputs;
    private final int dimension;
    /** Candidate index of each kept column. */
    private final int[] kept;
    private final double[][] hyperplanes;
    private final int[] ones;
    private final long rows;
    private final double maxWeight;
    private final double targetNorm;
    private final double[][] targetCorrelations;

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
        // per candidate: ones, two hash sums; then rows, max weight, YᵀWY
        long[] counts = blocks.treeAggregate(new long[3 * m + 1], (sum, block) -> {
            probe.enter(block.partition);
            long[] first = new long[block.rows()];
            long[] second = new long[block.rows()];
            for (int i = 0; i < first.length; i++) {
                long key = ((long) block.partition << 32) | i;
                first[i] = mix(key, 0x9E3779B97F4A7C15L);
                second[i] = mix(key, 0xC2B2AE3D27D4EB4FL);
            }
            for (int j = 0; j < m; j++) {
                sum[3 * j] += block.patterns.ones(j);
                sum[3 * j + 1] += block.patterns.sum(j, first);
                sum[3 * j + 2] += block.patterns.sum(j, second);
            }
            sum[3 * m] += block.rows();
            return sum;
        }, SparkPatterns::add, DEPTH);
        this.rows = counts[3 * m];
        List<Integer> keep = new ArrayList<>();
        Map<List<Long>, Integer> seen = new HashMap<>();
        for (int j = 0; j < m; j++) {
            if (counts[3 * j] == 0) {
                continue;
            }
            List<Long> key = List.of(counts[3 * j], counts[3 * j + 1], counts[3 * j + 2]);
            if (seen.putIfAbsent(key, j) == null) {
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
            double[] part = new double[columnsOf.length];
            for (int c = 0; c < outputs; c++) {
                java.util.Arrays.fill(part, 0);
                block.patterns.addCorrelations(columnsOf, weighted(block, block.y[c]), part);
                for (int k = 0; k < part.length; k++) {
                    sum[2 + c * columnsOf.length + k] += part[k];
                }
            }
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

    /** Number of training rows n. */
    long rows() {
        return rows;
    }

    /** The hyperplane of column j (d + 1 weights, bias last). */
    double[] hyperplane(int j) {
        return hyperplanes[j].clone();
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
        int[] ca = new int[a.length];
        int[] cb = new int[b.length];
        for (int k = 0; k < a.length; k++) {
            ca[k] = kept[a[k]];
        }
        for (int k = 0; k < b.length; k++) {
            cb[k] = kept[b[k]];
        }
        Probe probe = this.probe;
        return blocks.treeAggregate(new double[a.length * b.length], (sum, block) -> {
            probe.enter(block.partition);
            block.patterns.addGram(ca, cb, block.w, sum);
            return sum;
        }, SparkPatterns::add, DEPTH);
    }

    /** The candidate index of column j (its bits in the blocks). */
    int candidate(int j) {
        return kept[j];
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

    /** A 64-bit mix of a row key (SplitMix64's finalizer with a seed). */
    private static long mix(long key, long seed) {
        long z = key * seed + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
