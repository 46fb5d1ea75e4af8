package org.heaviside.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.heaviside.network.Reconstruction;
import org.heaviside.network.Separator;
import org.heaviside.run.Cancellation;

/**
 * The maximum-margin hyperplane of each neuron's pattern (docs/method.md section 3, {@link
 * Separator#fit}) from rows that stay in the partitions: the fit runs on the driver on a working set of
 * rows and one pass over the partitions checks it against every row. The set starts with the rows
 * nearest the pattern's generator on each side; while some row outside the set lies closer to the fitted
 * plane than the set's own nearest row (so it would change the optimum), the nearest such rows join the
 * set and the fit is made again. When no row does, the set's maximum-margin hyperplane satisfies every
 * row's constraint and so is the maximum-margin hyperplane of all rows: the one the local engine fits,
 * to the solver's accuracy.
 */
final class SparkMargins {

    /** Rows per side a pass adds to a neuron's set at most (and starts it with). */
    static final int ROWS_PER_SIDE = 32;
    /** Relative margin below the set's nearest row at which a row outside it counts as inside the margin. */
    static final double INSIDE = 1e-10;
    private static final int MAX_PASSES = 40;

    private SparkMargins() {
    }

    /** A row sent to the driver: its score (smallest first), position key, pattern bit and features. */
    record Row(double score, long key, boolean bit, double[] x) implements Serializable {
    }

    /**
     * The fits of the columns (block columns of the neurons' patterns, their generators); an entry is
     * null where the fit failed or did not settle (the neuron then keeps its generator, as locally).
     */
    static Separator.Fit[] fit(JavaRDD<RowBlock> blocks, SparkPatterns.Probe probe, int[] columns,
                               double[][] generators, Cancellation cancellation) {
        int m = columns.length;
        Separator.Fit[] fits = new Separator.Fit[m];
        if (m == 0) {
            return fits;
        }
        // the rows nearest each generator, per side
        List<List<Row>> sets = new ArrayList<>();
        List<Row>[] start = nearest(blocks, probe, columns, generators, null, null);
        for (int j = 0; j < m; j++) {
            sets.add(new ArrayList<>(start[j]));
        }
        boolean[] open = new boolean[m];
        Arrays.fill(open, true);
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            cancellation.check();
            double[][] planes = new double[m][];
            long[][] inSet = new long[m][];
            IntStream.range(0, m).filter(j -> open[j]).parallel().forEach(j -> {
                List<Row> set = sets.get(j);
                set.sort(Comparator.comparingLong(Row::key));
                double[][] x = set.stream().map(Row::x).toArray(double[][]::new);
                boolean[] pattern = new boolean[set.size()];
                for (int i = 0; i < pattern.length; i++) {
                    pattern[i] = set.get(i).bit();
                }
                fits[j] = Separator.fit(x, pattern, generators[j], Reconstruction.FIT_WORK);
                if (fits[j] != null) {
                    planes[j] = fits[j].plane();
                    inSet[j] = set.stream().mapToLong(Row::key).sorted().toArray();
                }
            });
            boolean any = false;
            for (int j = 0; j < m; j++) {
                if (open[j] && planes[j] == null) {
                    open[j] = false; // no fit on the set: the neuron keeps its generator
                }
                any |= open[j];
            }
            if (!any) {
                return fits;
            }
            // each set's nearest row's margin: rows outside the set below it would change the optimum
            double[] floor = new double[m];
            for (int j = 0; j < m; j++) {
                if (planes[j] != null) {
                    floor[j] = Double.POSITIVE_INFINITY;
                    for (Row row : sets.get(j)) {
                        floor[j] = Math.min(floor[j], margin(planes[j], row.x(), row.bit()));
                    }
                    floor[j] *= 1 - INSIDE;
                }
            }
            List<Row>[] inside = nearest(blocks, probe, columns, planes, inSet, floor);
            any = false;
            for (int j = 0; j < m; j++) {
                if (!open[j]) {
                    continue;
                }
                if (inside[j].isEmpty()) {
                    open[j] = false; // every row outside the set keeps its distance: the fit is final
                } else {
                    sets.get(j).addAll(inside[j]);
                    any = true;
                }
            }
            if (!any) {
                return fits;
            }
        }
        // not settled within the passes: those neurons keep their generators
        for (int j = 0; j < m; j++) {
            if (open[j]) {
                fits[j] = null;
            }
        }
        return fits;
    }

    /** s_i (x_i · w + b) with s_i = ±1 by the pattern bit. */
    private static double margin(double[] plane, double[] x, boolean bit) {
        int d = x.length;
        double z = plane[d];
        for (int k = 0; k < d; k++) {
            z += plane[k] * x[k];
        }
        return bit ? z : -z;
    }

    /**
     * One pass: per column with a plane, the rows of each side with the smallest margins to it, at most
     * {@link #ROWS_PER_SIDE} per side; with {@code inSet} and {@code floor}, only rows outside the set
     * whose margin is below the floor.
     */
    @SuppressWarnings("unchecked")
    private static List<Row>[] nearest(JavaRDD<RowBlock> blocks, SparkPatterns.Probe probe, int[] columns,
                                       double[][] planes, long[][] inSet, double[] floor) {
        int m = columns.length;
        Nearest zero = new Nearest(new ArrayList<>());
        for (int j = 0; j < m; j++) {
            zero.rows().add(new ArrayList<>());
        }
        Nearest found = blocks.treeAggregate(zero, (sum, block) -> {
            probe.enter(block.partition);
            for (int j = 0; j < m; j++) {
                if (planes[j] == null) {
                    continue;
                }
                List<Row> part = new ArrayList<>();
                for (int i = 0; i < block.rows(); i++) {
                    boolean bit = block.patterns.get(i, columns[j]);
                    double score = margin(planes[j], block.x[i], bit);
                    long key = ((long) block.partition << 32) | i;
                    if (floor != null && (score >= floor[j] || Arrays.binarySearch(inSet[j], key) >= 0)) {
                        continue;
                    }
                    part.add(new Row(score, key, bit, block.x[i]));
                }
                sum.rows().set(j, trim(sum.rows().get(j), part));
            }
            return sum;
        }, (a, b) -> {
            for (int j = 0; j < m; j++) {
                a.rows().set(j, trim(a.rows().get(j), b.rows().get(j)));
            }
            return a;
        }, 2);
        return found.rows().toArray(new List[0]);
    }

    /** The rows of a neuron from all partitions so far. */
    private record Nearest(List<List<Row>> rows) implements Serializable {
    }

    /** The {@link #ROWS_PER_SIDE} rows of each side with the smallest score (ties by position) of a and b. */
    private static List<Row> trim(List<Row> a, List<Row> b) {
        List<Row> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(Comparator.comparingDouble(Row::score).thenComparingLong(Row::key));
        List<Row> out = new ArrayList<>();
        int ones = 0;
        int zeros = 0;
        for (Row row : all) {
            if (row.bit() ? ones++ < ROWS_PER_SIDE : zeros++ < ROWS_PER_SIDE) {
                out.add(row);
            }
        }
        return out;
    }
}
