package org.heaviside.arrangement;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.heaviside.run.Cancellation;

/**
 * {@link ViolatorSearch} for rows that stay in blocks on several machines (the Spark engine's
 * partitions): the same directions in the same order, the same best threshold per direction with the
 * same ties (the first largest |sum| in descending order of projection, the upper set before the lower
 * one at each threshold), the same selection of distinct candidates; only the sums are added in
 * another order, so values agree with the local search's to rounding.
 *
 * <p>Per batch of directions, three passes over the blocks, none of which moves the rows:
 * <ol>
 *   <li>buckets: the range of projections (bounded from the features' ranges) is cut into B
 *       buckets; each block returns per bucket the sum of the dual values, the smallest and largest
 *       partial sum of its rows in descending order inside the bucket (0 included), the bucket's
 *       largest and smallest projection, its row count and the sum of |values| (7 numbers). Added over blocks, the partial
 *       sums bound every threshold's sum inside a bucket, and each bucket's last row gives an exact
 *       value; a bucket whose bound is below the best exact value cannot hold the best threshold;</li>
 *   <li>gather: the (projection, dual value) pairs of the rows in the buckets that can (a bucket of
 *       one projection value is taken whole from its sum), on which the driver scans the thresholds in
 *       the local order;</li>
 *   <li>values: per found hyperplane, ‖hᵀθ‖ of its pattern and the pattern's identity (its ones and
 *       two order-free 64-bit hashes of its rows' positions).</li>
 * </ol>
 * The directions that are not local moves form the first batch; the local moves around the best
 * direction so far are evaluated in batches assuming it does not change, and the moves after a change
 * are evaluated again around the new best, so each move sees the best direction the local search
 * gives it.
 */
public final class BlockViolatorSearch {

    /** One block of rows: its id (for row positions), features (n x d) and dual values (C arrays of n). */
    public record Block(int id, double[][] x, double[][] theta) implements Serializable {
    }

    /** A fold of one block into an accumulator. */
    public interface Fold<R> extends Serializable {
        R apply(R sum, Block block);
    }

    /** The merge of two accumulators. */
    public interface Merge<R> extends Serializable {
        R apply(R a, R b);
    }

    /** The blocks, as an engine passes over them. */
    public interface Blocks {
        /** Number of features d. */
        int dimension();

        /** Number of outputs C. */
        int outputs();

        /** Number of rows n. */
        long rows();

        /** Every block folded into a copy of {@code zero}, the results merged (one pass). */
        <R extends Serializable> R aggregate(R zero, Fold<R> fold, Merge<R> merge);
    }

    /**
     * A found pattern: a hyperplane producing it, ‖hᵀθ‖₂, and its identity (ones, two hashes of its
     * rows' positions; equal patterns have equal keys).
     */
    public record Found(double[] generator, double value, List<Long> key) {
    }

    /** Entries per bucket: sum, smallest and largest partial sum, largest and smallest projection, rows, Σ|value|. */
    private static final int SUMMARY = 7;
    private static final int MAX_BUCKETS = 1024;
    private static final int FIRST_BATCH = 8;
    private static final long FIRST_HASH = 0x9E3779B97F4A7C15L;
    private static final long SECOND_HASH = 0xC2B2AE3D27D4EB4FL;

    private BlockViolatorSearch() {
    }

    /** The two hashes of row i of block {@code id} (equal columns have equal sums of them). */
    public static long[] rowHashes(int id, int rows, boolean second) {
        long[] out = new long[rows];
        for (int i = 0; i < rows; i++) {
            out[i] = mix(((long) id << 32) | i, second ? SECOND_HASH : FIRST_HASH);
        }
        return out;
    }

    /** A 64-bit mix of a row key (SplitMix64's finalizer with a seed). */
    private static long mix(long key, long seed) {
        long z = key * seed + 0x632BE59BD9B4E019L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Counts of the passes a search made (for the README's estimate and the tests). */
    public record Passes(int bucket, int gather, int value, long bucketBytes, long gatheredRows) {
    }

    /**
     * The candidates {@link ViolatorSearch#search} finds on the blocks' rows, best first.
     *
     * @param directions number of directions to try
     * @param keep       how many of the best distinct candidates to return
     */
    public static List<Found> search(Blocks blocks, int directions, int keep, long seed, Cancellation cancellation) {
        return new Run(blocks, directions, seed, cancellation).search(keep);
    }

    /** One search: the draws, the features' ranges, and the best direction so far. */
    private static final class Run {
        private final Blocks blocks;
        private final int d;
        private final int outputs;
        private final int directions;
        private final long seed;
        private final Cancellation cancellation;
        private final int buckets;
        private final ViolatorSearch.Draw[] draws;
        private double[] low;
        private double[] high;
        private double[][] separators;

        Run(Blocks blocks, int directions, long seed, Cancellation cancellation) {
            this.blocks = blocks;
            this.d = blocks.dimension();
            this.outputs = blocks.outputs();
            this.directions = directions;
            this.seed = seed;
            this.cancellation = cancellation;
            this.buckets = (int) Math.max(16, Math.min(MAX_BUCKETS, blocks.rows() / 8));
            SplittableRandom random = new SplittableRandom(seed);
            this.draws = new ViolatorSearch.Draw[directions];
            for (int t = 0; t < directions; t++) {
                draws[t] = ViolatorSearch.Draw.next(random, t, d, outputs, ViolatorSearch.local(t, d));
            }
        }

        List<Found> search(int keep) {
            if (directions == 0 || blocks.rows() == 0) {
                return List.of();
            }
            ranges();
            // the directions that are not local moves do not depend on earlier results: one batch
            Found[] ahead = new Found[directions];
            List<Integer> fixed = new ArrayList<>();
            for (int t = 0; t < directions; t++) {
                if (!ViolatorSearch.local(t, d)) {
                    fixed.add(t);
                }
            }
            evaluate(fixed, draws, null, ahead);
            List<Found> found = new ArrayList<>();
            double[] best = null;
            double bestValue = -1;
            Found[] moves = new Found[directions];
            boolean[] evaluated = new boolean[directions];
            double[] around = null; // the best direction the evaluated local moves were taken around
            int batch = FIRST_BATCH;
            ViolatorSearch.Draw[] replayed = null;
            SplittableRandom random = null;
            for (int t = 0; t < directions; t++) {
                if ((t & 15) == 0) {
                    cancellation.check();
                }
                boolean local = ViolatorSearch.local(t, d);
                if (replayed == null && local && best == null) {
                    // nothing found yet: the local search draws anew from here (see ViolatorSearch.search)
                    random = new SplittableRandom(seed);
                    for (int s = 0; s < t; s++) {
                        ViolatorSearch.Draw.next(random, s, d, outputs, ViolatorSearch.local(s, d));
                    }
                    replayed = new ViolatorSearch.Draw[directions];
                }
                Found candidate;
                if (replayed != null) {
                    replayed[t] = ViolatorSearch.Draw.next(random, t, d, outputs, local && best != null);
                    Found[] one = new Found[directions];
                    evaluate(List.of(t), replayed, best, one);
                    candidate = one[t];
                } else if (!local) {
                    candidate = ahead[t];
                } else {
                    if (!evaluated[t] || around != best) {
                        // the next local moves around the best so far, in a batch that doubles while it lasts
                        batch = around == best ? Math.min(2 * batch, directions) : FIRST_BATCH;
                        List<Integer> next = new ArrayList<>();
                        for (int s = t; s < directions && next.size() < batch; s++) {
                            if (ViolatorSearch.local(s, d)) {
                                next.add(s);
                            }
                        }
                        Arrays.fill(evaluated, false);
                        for (int s : next) {
                            evaluated[s] = true;
                        }
                        evaluate(next, draws, best, moves);
                        around = best;
                    }
                    candidate = moves[t];
                }
                if (candidate != null) {
                    found.add(candidate);
                    if (candidate.value() > bestValue) {
                        bestValue = candidate.value();
                        best = Arrays.copyOf(candidate.generator(), d);
                    }
                }
            }
            found.sort(Comparator.comparingDouble(Found::value).reversed());
            List<Found> distinct = new ArrayList<>();
            List<List<Long>> seen = new ArrayList<>();
            for (Found candidate : found) {
                if (!seen.contains(candidate.key())) {
                    seen.add(candidate.key());
                    distinct.add(candidate);
                    if (distinct.size() >= keep) {
                        break;
                    }
                }
            }
            return distinct;
        }

        /** Pass 0: the features' ranges, and the weighted separator of direction 0 (added in the blocks' order). */
        private void ranges() {
            int dim = d;
            double[] weights = draws[0].weights();
            double[] bounds = new double[2 * dim];
            for (int k = 0; k < dim; k++) {
                bounds[k] = Double.POSITIVE_INFINITY;
                bounds[dim + k] = Double.NEGATIVE_INFINITY;
            }
            Sums zero = new Sums(new TreeMap<>(), new long[0]);
            Sums sums = blocks.aggregate(zero, (sum, block) -> {
                double[] part = Arrays.copyOf(bounds, 3 * dim);
                for (double[] row : block.x()) {
                    for (int k = 0; k < dim; k++) {
                        part[k] = Math.min(part[k], row[k]);
                        part[dim + k] = Math.max(part[dim + k], row[k]);
                    }
                }
                double[] v = ViolatorSearch.separator(block.x(),
                        ViolatorSearch.scalar(weights, block.theta(), block.x().length));
                System.arraycopy(v, 0, part, 2 * dim, v.length);
                sum.values().put(block.id(), part);
                return sum;
            }, Sums::add);
            low = Arrays.copyOfRange(bounds, 0, dim);
            high = Arrays.copyOfRange(bounds, dim, 2 * dim);
            double[] separator = new double[dim];
            for (double[] part : sums.values().values()) {
                for (int k = 0; k < dim; k++) {
                    low[k] = Math.min(low[k], part[k]);
                    high[k] = Math.max(high[k], part[dim + k]);
                    separator[k] += part[2 * dim + k];
                }
            }
            separators = new double[][] {separator};
        }

        /** The candidates of the directions {@code ts} (local moves around {@code best}) into {@code out}. */
        private void evaluate(List<Integer> ts, ViolatorSearch.Draw[] from, double[] best, Found[] out) {
            if (ts.isEmpty()) {
                return;
            }
            int m = ts.size();
            double[][] v = new double[m][];
            double[][] weights = new double[m][];
            double[] bottom = new double[m];
            double[] width = new double[m];
            for (int j = 0; j < m; j++) {
                ViolatorSearch.Draw draw = from[ts.get(j)];
                weights[j] = draw.weights();
                v[j] = draw.t() == 0 ? separators[0] : ViolatorSearch.direction(draw, best, d);
                double lo = 0;
                double hi = 0;
                for (int k = 0; k < d; k++) {
                    lo += Math.min(v[j][k] * low[k], v[j][k] * high[k]);
                    hi += Math.max(v[j][k] * low[k], v[j][k] * high[k]);
                }
                bottom[j] = lo;
                width[j] = hi > lo ? (hi - lo) / buckets : 1.0;
            }
            Summary[] summaries = summaries(v, weights, bottom, width);
            double[][] gathered = gather(v, weights, bottom, width, summaries);
            double[][] generators = new double[m][];
            for (int j = 0; j < m; j++) {
                generators[j] = summaries[j].threshold(v[j], gathered[j]);
            }
            Found[] found = values(generators);
            for (int j = 0; j < m; j++) {
                out[ts.get(j)] = found[j];
            }
        }

        /** Pass 1: the buckets' summaries of each direction. */
        private Summary[] summaries(double[][] v, double[][] weights, double[] bottom, double[] width) {
            int m = v.length;
            int b = buckets;
            int stride = SUMMARY * b;
            double[] zero = new double[m * stride];
            for (int j = 0; j < m; j++) {
                for (int k = 0; k < b; k++) {
                    emptyBucket(zero, j * stride + k * SUMMARY);
                }
            }
            double[] sums = blocks.aggregate(zero, (sum, block) -> {
                int n = block.x().length;
                if (n == 0) {
                    return sum;
                }
                double[] part = new double[stride];
                for (int j = 0; j < m; j++) {
                    for (int k = 0; k < b; k++) {
                        emptyBucket(part, k * SUMMARY);
                    }
                    double[] scalar = ViolatorSearch.scalar(weights[j], block.theta(), n);
                    double[] p = projections(block.x(), v[j]);
                    int[] order = ViolatorSearch.descending(p);
                    double prefix = 0;
                    int current = -1;
                    for (int i : order) {
                        int bucket = bucket(p[i], bottom[j], width[j], b);
                        int at = bucket * SUMMARY;
                        if (bucket != current) {
                            current = bucket;
                            prefix = 0;
                            part[at + 3] = p[i];
                        }
                        prefix += scalar[i];
                        part[at] = prefix;
                        part[at + 1] = Math.min(part[at + 1], prefix);
                        part[at + 2] = Math.max(part[at + 2], prefix);
                        part[at + 4] = p[i];
                        part[at + 5]++;
                        part[at + 6] += Math.abs(scalar[i]);
                    }
                    mergeSummaries(sum, j * stride, part, 0, b);
                }
                return sum;
            }, (x, y) -> {
                for (int j = 0; j < m; j++) {
                    mergeSummaries(x, j * stride, y, j * stride, b);
                }
                return x;
            });
            Summary[] out = new Summary[m];
            for (int j = 0; j < m; j++) {
                out[j] = new Summary(Arrays.copyOfRange(sums, j * stride, (j + 1) * stride), b);
            }
            return out;
        }

        /** Pass 2: the (projection, value) pairs of the rows in each direction's open buckets. */
        private double[][] gather(double[][] v, double[][] weights, double[] bottom, double[] width,
                                  Summary[] summaries) {
            int m = v.length;
            int b = buckets;
            boolean[][] open = new boolean[m][];
            boolean any = false;
            for (int j = 0; j < m; j++) {
                open[j] = summaries[j].open();
                for (boolean o : open[j]) {
                    any |= o;
                }
            }
            if (!any) {
                return new double[m][0];
            }
            double[][] zero = new double[m][0];
            return blocks.aggregate(zero, (sum, block) -> {
                int n = block.x().length;
                double[][] part = new double[m][];
                for (int j = 0; j < m; j++) {
                    double[] scalar = ViolatorSearch.scalar(weights[j], block.theta(), n);
                    double[] p = projections(block.x(), v[j]);
                    double[] pairs = new double[2 * n];
                    int count = 0;
                    for (int i = 0; i < n; i++) {
                        if (open[j][bucket(p[i], bottom[j], width[j], b)]) {
                            pairs[count++] = p[i];
                            pairs[count++] = scalar[i];
                        }
                    }
                    part[j] = Arrays.copyOf(pairs, count);
                }
                return concat(sum, part);
            }, BlockViolatorSearch::concat);
        }

        /** Pass 3: ‖hᵀθ‖ and the identity of each hyperplane's pattern (null hyperplanes give null). */
        private Found[] values(double[][] generators) {
            int m = generators.length;
            int outs = outputs;
            int dim = d;
            Sums zero = new Sums(new TreeMap<>(), new long[3 * m]);
            Sums sums = blocks.aggregate(zero, (sum, block) -> {
                double[][] x = block.x();
                int n = x.length;
                long[] first = rowHashes(block.id(), n, false);
                long[] second = rowHashes(block.id(), n, true);
                double[] values = new double[m * outs];
                for (int j = 0; j < m; j++) {
                    double[] u = generators[j];
                    if (u == null) {
                        continue;
                    }
                    for (int i = 0; i < n; i++) {
                        double z = u[dim];
                        for (int k = 0; k < dim; k++) {
                            z += x[i][k] * u[k];
                        }
                        if (z >= 0) {
                            for (int c = 0; c < outs; c++) {
                                values[j * outs + c] += block.theta()[c][i];
                            }
                            sum.counts()[3 * j]++;
                            sum.counts()[3 * j + 1] += first[i];
                            sum.counts()[3 * j + 2] += second[i];
                        }
                    }
                }
                sum.values().put(block.id(), values);
                return sum;
            }, Sums::add);
            // the blocks' sums added in the blocks' order, so a pattern's value does not depend on the pass
            double[] total = new double[m * outs];
            for (double[] values : sums.values().values()) {
                for (int k = 0; k < total.length; k++) {
                    total[k] += values[k];
                }
            }
            Found[] out = new Found[m];
            for (int j = 0; j < m; j++) {
                if (generators[j] == null) {
                    continue;
                }
                double value = 0;
                for (int c = 0; c < outs; c++) {
                    double s = total[j * outs + c];
                    value += s * s;
                }
                out[j] = new Found(generators[j], Math.sqrt(value),
                        List.of(sums.counts()[3 * j], sums.counts()[3 * j + 1], sums.counts()[3 * j + 2]));
            }
            return out;
        }
    }

    /** Each block's sums of dual values (by block id), and counts/hashes added over blocks. */
    private record Sums(TreeMap<Integer, double[]> values, long[] counts) implements Serializable {
        Sums add(Sums other) {
            values.putAll(other.values);
            for (int k = 0; k < counts.length; k++) {
                counts[k] += other.counts[k];
            }
            return this;
        }
    }

    /**
     * One direction's buckets over all blocks, highest projections in the last bucket; finds the open
     * buckets and then, from the gathered rows, the best threshold.
     */
    private static final class Summary {
        private final double[] s;
        private final int b;
        /** Σ of the values of the buckets above bucket k. */
        private final double[] above;
        private final double total;
        private final double scale;
        private final int lowest;

        Summary(double[] s, int b) {
            this.s = s;
            this.b = b;
            this.above = new double[b];
            double running = 0;
            double absolute = 0;
            int bottomBucket = -1;
            for (int k = b - 1; k >= 0; k--) {
                above[k] = running;
                running += s[k * SUMMARY];
                absolute += s[k * SUMMARY + 6];
                if (rows(k) > 0) {
                    bottomBucket = k;
                }
            }
            this.total = running;
            this.scale = absolute;
            this.lowest = bottomBucket;
        }

        private double rows(int k) {
            return s[k * SUMMARY + 5];
        }

        private boolean single(int k) {
            return s[k * SUMMARY + 3] == s[k * SUMMARY + 4];
        }

        /**
         * The buckets that may hold the best threshold: bound at least the best exact value (a bucket
         * of one projection has only its exact value and is never gathered).
         */
        boolean[] open() {
            double exact = -1;
            for (int k = b - 1; k >= 0; k--) {
                if (rows(k) == 0) {
                    continue;
                }
                double suffix = above[k] + s[k * SUMMARY];
                exact = Math.max(exact, Math.abs(suffix));
                if (k != lowest) {
                    exact = Math.max(exact, Math.abs(total - suffix));
                }
            }
            double slack = 1e-10 * scale; // above the rounding of any sum of these values
            boolean[] open = new boolean[b];
            for (int k = 0; k < b; k++) {
                if (rows(k) == 0 || single(k)) {
                    continue;
                }
                double min = above[k] + s[k * SUMMARY + 1];
                double max = above[k] + s[k * SUMMARY + 2];
                double bound = Math.max(Math.max(Math.abs(min), Math.abs(max)),
                        Math.max(Math.abs(total - min), Math.abs(total - max)));
                open[k] = bound + slack >= exact;
            }
            return open;
        }

        /**
         * The hyperplane of the best threshold, scanning the thresholds from the highest projection down
         * as {@link ViolatorSearch#bestThreshold} does (open buckets row by row from the gathered pairs,
         * closed buckets at their last row); null when every sum is 0.
         */
        double[] threshold(double[] v, double[] pairs) {
            int count = pairs.length / 2;
            double[] key = new double[count];
            for (int r = 0; r < count; r++) {
                key[r] = pairs[2 * r];
            }
            int[] order = ViolatorSearch.descending(key);
            int next = 0; // next gathered row in descending order
            Best best = new Best();
            for (int k = b - 1; k >= 0; k--) {
                if (rows(k) == 0) {
                    continue;
                }
                best.below(s[k * SUMMARY + 3]);
                boolean gathered = next < count && bucketOf(key[order[next]], k);
                if (!gathered) {
                    double suffix = above[k] + s[k * SUMMARY];
                    best.offer(better(suffix, best.abs, k != lowest), suffix, s[k * SUMMARY + 4]);
                    continue;
                }
                double suffix = above[k];
                while (next < count && bucketOf(key[order[next]], k)) {
                    double p = key[order[next]];
                    suffix += pairs[2 * order[next] + 1];
                    next++;
                    boolean boundary = next >= count || !bucketOf(key[order[next]], k) || key[order[next]] < p;
                    best.below(p);
                    if (!boundary) {
                        continue;
                    }
                    boolean last = k == lowest && (next >= count || !bucketOf(key[order[next]], k));
                    best.offer(better(suffix, best.abs, !last), suffix, p);
                }
            }
            if (!best.found || best.abs <= 0) {
                return null;
            }
            return ViolatorSearch.generator(v, best.upper, 0.5 * (best.high + best.low));
        }

        /**
         * The best threshold of a scan from the highest projection down: its |sum|, side, projection
         * and the next lower projection seen after it (the threshold lies halfway between them).
         */
        private final class Best {
            double abs = -1;
            boolean upper = true;
            double high;
            double low;
            boolean found;
            /** The best threshold's next lower projection is not seen yet. */
            boolean pending;

            /** A projection below the ones scanned so far: the pending best's next lower one. */
            void below(double projection) {
                if (pending) {
                    low = projection;
                    pending = false;
                }
            }

            /** Takes the threshold at {@code projection} when {@code better} says it is (±1 for its side). */
            void offer(int better, double suffix, double projection) {
                if (better == 0) {
                    return;
                }
                abs = better > 0 ? Math.abs(suffix) : Math.abs(total - suffix);
                upper = better > 0;
                high = projection;
                found = true;
                pending = true;
                low = high - 1.0;
            }
        }

        /** 1 when the upper set's |suffix| beats the best, −1 when the lower set's does, 0 when neither. */
        private int better(double suffix, double bestAbs, boolean lowerAllowed) {
            double best = bestAbs;
            int which = 0;
            if (Math.abs(suffix) > best) {
                best = Math.abs(suffix);
                which = 1;
            }
            if (lowerAllowed && Math.abs(total - suffix) > best) {
                which = -1;
            }
            return which;
        }

        /** Whether a gathered projection lies in bucket k (between its smallest and largest projection). */
        private boolean bucketOf(double p, int k) {
            return p <= s[k * SUMMARY + 3] && p >= s[k * SUMMARY + 4];
        }
    }

    private static void emptyBucket(double[] summary, int at) {
        summary[at] = 0;
        summary[at + 1] = 0;
        summary[at + 2] = 0;
        summary[at + 3] = Double.NEGATIVE_INFINITY;
        summary[at + 4] = Double.POSITIVE_INFINITY;
        summary[at + 5] = 0;
        summary[at + 6] = 0;
    }

    private static void mergeSummaries(double[] into, int at, double[] from, int fromAt, int buckets) {
        for (int k = 0; k < buckets; k++) {
            int a = at + k * SUMMARY;
            int f = fromAt + k * SUMMARY;
            into[a] += from[f];
            into[a + 1] += from[f + 1];
            into[a + 2] += from[f + 2];
            into[a + 3] = Math.max(into[a + 3], from[f + 3]);
            into[a + 4] = Math.min(into[a + 4], from[f + 4]);
            into[a + 5] += from[f + 5];
            into[a + 6] += from[f + 6];
        }
    }

    private static double[][] concat(double[][] a, double[][] b) {
        double[][] out = new double[a.length][];
        for (int j = 0; j < a.length; j++) {
            out[j] = Arrays.copyOf(a[j], a[j].length + b[j].length);
            System.arraycopy(b[j], 0, out[j], a[j].length, b[j].length);
        }
        return out;
    }

    /** The projections x_i · v, summed as the local search sums them. */
    private static double[] projections(double[][] x, double[] v) {
        int n = x.length;
        double[] projection = new double[n];
        for (int i = 0; i < n; i++) {
            double p = 0;
            for (int k = 0; k < v.length; k++) {
                p += v[k] * x[i][k];
            }
            projection[i] = p;
        }
        return projection;
    }

    /** The bucket of a projection: non-decreasing in p, so a higher bucket holds only higher projections. */
    private static int bucket(double p, double bottom, double width, int buckets) {
        double at = Math.floor((p - bottom) / width);
        return at < 0 || Double.isNaN(at) ? 0 : at >= buckets ? buckets - 1 : (int) at;
    }
}
