package org.heaviside.arrangement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.heaviside.run.Cancellation;

/**
 * A seeded heuristic search for the pattern h maximizing ‖hᵀθ‖₂ over all affine dichotomies of the
 * rows (the certificate's pricing problem, docs/method.md section 4). For a direction v the best
 * threshold set {i : x_i·v ≥ t} or its complement is found exactly by sorting the projections and
 * scanning suffix sums; directions come from the θ-weighted mean difference (a weighted linear
 * separator of the points with positive versus negative θ), the coordinate axes, random draws, and
 * local moves around the best direction so far with restarts.
 */
public final class ViolatorSearch {

    /** A found pattern: its bits, a hyperplane producing it, and ‖hᵀθ‖₂. */
    public record Candidate(long[] pattern, double[] generator, double value) {
    }

    private ViolatorSearch() {
    }

    /**
     * Searches for patterns with large ‖hᵀθ‖₂.
     *
     * <p>The directions are tried in a fixed order (the weighted separator, the axes, then random draws
     * alternating with local moves around the best direction so far); only the local moves depend on
     * earlier results. With a second core, a helper thread evaluates the other directions ahead while
     * this thread takes the local moves in order, so the candidates, and the result, are those of the
     * one-thread search.
     *
     * @param x          rows (n x d)
     * @param theta      dual point, C arrays of n
     * @param directions number of directions to try
     * @param keep       how many of the best distinct candidates to return
     * @return candidates, best first
     */
    public static List<Candidate> search(double[][] x, double[][] theta, int directions, int keep, long seed,
                                         Cancellation cancellation) {
        int d = x[0].length;
        // every draw of the one-thread search, in its order, assuming a best direction exists at each local move
        SplittableRandom random = new SplittableRandom(seed);
        Draw[] draws = new Draw[directions];
        for (int t = 0; t < directions; t++) {
            draws[t] = Draw.next(random, t, d, theta.length, local(t, d));
        }
        RowProducts rows = new RowProducts(x);
        Ahead ahead = Runtime.getRuntime().availableProcessors() > 1 && directions > d + 2
                ? new Ahead(x, rows, theta, draws) : null;
        if (ahead != null) {
            ForkJoinPool.commonPool().execute(ahead);
        }
        List<Candidate> found = new ArrayList<>();
        double[] best = null;
        double bestValue = -1;
        boolean replayed = false;
        try {
            for (int t = 0; t < directions; t++) {
                if ((t & 15) == 0) {
                    cancellation.check();
                }
                Candidate candidate;
                if (!replayed && local(t, d) && best == null) {
                    // no direction found anything yet: the one-thread search draws a random direction here,
                    // so the draws from here on differ from the ones made ahead; replay them in order
                    replayed = true;
                    if (ahead != null) {
                        ahead.stop();
                    }
                    random = new SplittableRandom(seed);
                    for (int s = 0; s < t; s++) {
                        Draw.next(random, s, d, theta.length, local(s, d));
                    }
                }
                if (replayed) {
                    Draw draw = Draw.next(random, t, d, theta.length, local(t, d) && best != null);
                    candidate = evaluate(x, rows, theta, draw, best);
                } else if (ahead != null && !local(t, d)) {
                    candidate = ahead.take(t);
                } else if (ahead != null) {
                    candidate = ahead.evaluateHere(t, best);
                } else {
                    candidate = evaluate(x, rows, theta, draws[t], best);
                }
                if (candidate != null) {
                    found.add(candidate);
                    if (candidate.value() > bestValue) {
                        bestValue = candidate.value();
                        best = Arrays.copyOf(candidate.generator(), d);
                    }
                }
            }
        } finally {
            if (ahead != null) {
                ahead.stop();
            }
        }
        found.sort(Comparator.comparingDouble(Candidate::value).reversed());
        List<Candidate> distinct = new ArrayList<>();
        for (Candidate candidate : found) {
            boolean seen = false;
            for (Candidate kept : distinct) {
                if (Arrays.equals(kept.pattern(), candidate.pattern())) {
                    seen = true;
                    break;
                }
            }
            if (!seen) {
                distinct.add(candidate);
                if (distinct.size() >= keep) {
                    break;
                }
            }
        }
        return distinct;
    }

    /** Whether direction t is a local move around the best direction so far (when there is one). */
    static boolean local(int t, int d) {
        return t > d && (t & 1) == 0;
    }

    /**
     * The random numbers of direction t: the weights scalarizing several outputs, and for a local move
     * its spread and perturbation, for a random direction its coordinates.
     */
    record Draw(int t, double[] weights, double spread, double[] noise) {

        static Draw next(SplittableRandom random, int t, int d, int outputs, boolean local) {
            double[] weights = new double[outputs];
            for (int c = 0; c < outputs; c++) {
                weights[c] = outputs == 1 ? 1.0 : PatternSources.gaussian(random);
            }
            double spread = 0;
            double[] noise = null;
            if (t > d) {
                if (local) {
                    spread = 0.3 * random.nextDouble();
                }
                noise = new double[d];
                for (int k = 0; k < d; k++) {
                    noise[k] = PatternSources.gaussian(random);
                }
            }
            return new Draw(t, weights, spread, noise);
        }
    }

    /** The best threshold along direction t (around {@code best} for a local move; null when it has none). */
    static Candidate evaluate(double[][] x, RowProducts rows, double[][] theta, Draw draw, double[] best) {
        SortBuffers buffers = SORT_BUFFERS.get().fit(x.length);
        double[] scalar = scalar(draw.weights(), theta, x.length, buffers.scalar);
        double[] v = draw.t() == 0 ? separator(x, scalar) : direction(draw, best, x[0].length);
        return bestThreshold(rows, v, scalar, theta, buffers);
    }

    /** The rows' dual values combined by a draw's weights: Σ_c weights_c θ_ci / ‖weights‖. */
    static double[] scalar(double[] weights, double[][] theta, int n) {
        return scalar(weights, theta, n, new double[n]);
    }

    /** {@link #scalar(double[], double[][], int)} into the first n entries of {@code scalar}, which is returned. */
    private static double[] scalar(double[] weights, double[][] theta, int n, double[] scalar) {
        double norm = 0;
        for (double w : weights) {
            norm += w * w;
        }
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int c = 0; c < theta.length; c++) {
                s += weights[c] * theta[c][i];
            }
            scalar[i] = s / Math.sqrt(norm);
        }
        return scalar;
    }

    /** The weighted separator Σ_i scalar_i x_i (direction 0): it points from negative-θ to positive-θ points. */
    static double[] separator(double[][] x, double[] scalar) {
        int d = x.length == 0 ? 0 : x[0].length;
        double[] v = new double[d];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < d; k++) {
                v[k] += scalar[i] * x[i][k];
            }
        }
        return v;
    }

    /** Direction t > 0: an axis, a local move around {@code best} (when there is one), or a random draw. */
    static double[] direction(Draw draw, double[] best, int d) {
        int t = draw.t();
        double[] v = new double[d];
        if (t <= d) {
            v[t - 1] = 1.0;
        } else if (best != null && local(t, d)) {
            for (int k = 0; k < d; k++) {
                v[k] = best[k] + draw.spread() * draw.noise()[k];
            }
        } else {
            System.arraycopy(draw.noise(), 0, v, 0, d);
        }
        return v;
    }

    /**
     * The directions that are not local moves, evaluated ahead on another thread. Each slot is taken
     * by whichever thread claims it first, so the search never waits for a helper that has not started.
     */
    static final class Ahead implements Runnable {
        static final int OPEN = 0;
        static final int CLAIMED = 1;
        static final int DONE = 2;

        private final double[][] x;
        private final RowProducts rows;
        private final double[][] theta;
        private final Draw[] draws;
        final Candidate[] results;
        final AtomicIntegerArray state;
        private volatile boolean stopped;
        private volatile Throwable failure;

        Ahead(double[][] x, RowProducts rows, double[][] theta, Draw[] draws) {
            this.x = x;
            this.rows = rows;
            this.theta = theta;
            this.draws = draws;
            this.results = new Candidate[draws.length];
            this.state = new AtomicIntegerArray(draws.length);
        }

        /** The first direction the searching thread's {@link #workAhead} has not looked at (read by it only). */
        private int ahead;
        /** Nanoseconds of the searching thread's last evaluation here (50 µs before the first). */
        private long lastEvaluation = 50_000;
        /** The least time {@link #awaitDone} spins before it takes other directions. */
        private static final long MIN_PATIENCE = 20_000;

        @Override
        public void run() {
            int d = x[0].length;
            for (int t = 0; t < draws.length && !stopped; t++) {
                if (!local(t, d) && state.compareAndSet(t, OPEN, CLAIMED)) {
                    complete(t);
                }
            }
        }

        /** Evaluates claimed direction t into its slot (a failure is kept for {@link #take}) and marks it done. */
        private void complete(int t) {
            try {
                results[t] = evaluate(x, rows, theta, draws[t], null);
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            state.set(t, DONE); // publishes results[t]
        }

        /**
         * The candidate of direction t: evaluated here when the helper has not claimed it, else awaited (see
         * {@link #awaitDone}).
         */
        Candidate take(int t) {
            if (state.compareAndSet(t, OPEN, CLAIMED)) {
                return evaluateHere(t, null);
            }
            awaitDone(t);
            Throwable e = failure;
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e instanceof Error error) {
                throw error;
            }
            return results[t];
        }

        /** Direction t (a local move around {@code best}, or null), evaluated and timed by the searching thread. */
        Candidate evaluateHere(int t, double[] best) {
            long start = System.nanoTime();
            Candidate candidate = evaluate(x, rows, theta, draws[t], best);
            lastEvaluation = System.nanoTime() - start;
            return candidate;
        }

        /**
         * Claims and evaluates the first open direction after t that is not a local move; false when none is left
         * (the searching thread's call: the directions before {@link #ahead} are not open).
         */
        boolean workAhead(int t) {
            int d = x[0].length;
            for (int s = Math.max(t + 1, ahead); s < draws.length; s++) {
                ahead = s + 1;
                if (!local(s, d) && state.compareAndSet(s, OPEN, CLAIMED)) {
                    long start = System.nanoTime();
                    complete(s);
                    lastEvaluation = System.nanoTime() - start;
                    return true;
                }
            }
            return false;
        }

        /**
         * Waits until the helper has done direction t: spins for about two evaluations of this thread's (the helper
         * is then on time, one direction after the other with this thread's local moves), then takes the open
         * directions after t that are not local moves ({@link #workAhead}), and yields when none is left. It used
         * to spin, then yield, however late the helper was: when the helper shared a core with the JIT compiler or
         * another process, steel plates' training thread waited 0.3-0.7 s per training (a scratch counter, load
         * 6-7; about 47 ms on the wine shape). A method of its own: a fresh JVM compiled {@link #take} on-stack at
         * this loop with the whole evaluation inlined, then again whole.
         */
        private void awaitDone(int t) {
            long start = System.nanoTime();
            long patience = Math.max(MIN_PATIENCE, 2 * lastEvaluation);
            for (int spins = 0; state.get(t) != DONE; spins++) {
                if ((spins & 63) != 0 || System.nanoTime() - start < patience) {
                    Thread.onSpinWait();
                } else if (!workAhead(t)) {
                    Thread.yield();
                }
            }
        }

        void stop() {
            stopped = true;
        }
    }

    static Candidate bestThreshold(double[][] x, double[] v, double[] scalar, double[][] theta) {
        return bestThreshold(new RowProducts(x), v, scalar, theta);
    }

    /**
     * The best threshold set along v (the rows' projections all computed at once). Its loops are small
     * methods of their own ({@link #sum}, {@link #bestCut}, {@link #value}): in a fresh JVM a loop here
     * was compiled on its own (on-stack replacement), then the whole method again with the sort inlined,
     * and again when the scan's last-row branch was first taken; now each loop compiles once, small.
     */
    static Candidate bestThreshold(RowProducts rows, double[] v, double[] scalar, double[][] theta) {
        return bestThreshold(rows, v, scalar, theta, SORT_BUFFERS.get().fit(rows.rows()));
    }

    /**
     * {@link #bestThreshold(RowProducts, double[], double[], double[][])} with the projections, their order and
     * the pattern's products in the thread's buffers (fitted to n; scalar may be longer than n): new arrays for
     * them were most of the search's allocation, about 20 MB a wine training on the training thread.
     */
    private static Candidate bestThreshold(RowProducts rows, double[] v, double[] scalar, double[][] theta,
                                           SortBuffers buffers) {
        int n = rows.rows();
        double[] projection = buffers.projection;
        rows.products(v, 0.0, projection);
        double total = sum(scalar, n);
        int[] order = descending(projection, n, buffers.order);
        int cut = bestCut(projection, order, scalar, total, n);
        if (cut == 0) {
            return null;
        }
        boolean upper = cut > 0;
        int bestCount = Math.abs(cut);
        // threshold between the last member of the upper set and the next row
        double high = projection[order[bestCount - 1]];
        double low = bestCount < n ? projection[order[bestCount]] : high - 1.0;
        double[] u = generator(v, upper, 0.5 * (high + low));
        long[] pattern = rows.pattern(u, buffers.products);
        return new Candidate(pattern, u, Math.sqrt(value(pattern, theta, n)));
    }

    /** Σ_{i &lt; n} x_i, in ascending i. */
    private static double sum(double[] x, int n) {
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += x[i];
        }
        return total;
    }

    /**
     * The scan of {@link #bestThreshold} over the rows in descending projection: the size of the best
     * threshold set (the largest |Σ scalar| over the upper set {projection ≥ cut} or its complement),
     * positive for an upper set, negative for a lower one, 0 when every sum is 0.
     */
    private static int bestCut(double[] projection, int[] order, double[] scalar, double total, int n) {
        double suffix = 0; // sum over the upper set {projection >= current}
        double bestAbs = -1;
        int bestCount = 0;
        boolean upper = true;
        // every row but the last (the last is a boundary with no lower set: after the loop, so that the loop
        // reads order[k + 1] on every pass; a test for the last row inside made the JIT hoist that read's
        // bounds check and deoptimize at the last row)
        for (int k = 0; k < n - 1; k++) {
            suffix += scalar[order[k]];
            if (!(projection[order[k + 1]] < projection[order[k]])) {
                continue;
            }
            if (Math.abs(suffix) > bestAbs) {
                bestAbs = Math.abs(suffix);
                bestCount = k + 1;
                upper = true;
            }
            double lower = total - suffix;
            if (Math.abs(lower) > bestAbs) {
                bestAbs = Math.abs(lower);
                bestCount = k + 1;
                upper = false;
            }
        }
        if (n > 0) {
            suffix += scalar[order[n - 1]];
            if (Math.abs(suffix) > bestAbs) {
                bestAbs = Math.abs(suffix);
                bestCount = n;
                upper = true;
            }
        }
        if (bestAbs <= 0) {
            return 0;
        }
        return upper ? bestCount : -bestCount;
    }

    /** Σ_c (Σ_{i in pattern} θ_ci)², the columns and rows in ascending order. */
    private static double value(long[] pattern, double[][] theta, int n) {
        double value = 0;
        for (double[] column : theta) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                if ((pattern[i >>> 6] >>> (i & 63) & 1L) != 0) {
                    sum += column[i];
                }
            }
            value += sum * sum;
        }
        return value;
    }

    /** The hyperplane of a threshold set along v: (v, −cut) for the upper set, (−v, cut) for the lower one. */
    static double[] generator(double[] v, boolean upper, double cut) {
        int d = v.length;
        double[] u = new double[d + 1];
        for (int k = 0; k < d; k++) {
            u[k] = upper ? v[k] : -v[k];
        }
        u[d] = upper ? -cut : cut;
        return u;
    }

    /**
     * The work arrays of {@link #descending} on one thread, kept between calls (the search sorts about
     * 20,000 projections a training on two threads; new arrays each time were a third of its allocation).
     */
    private static final class SortBuffers {
        long[] image = new long[0];
        long[] digits = new long[0];
        int[] other = new int[0];
        final int[][] counts = new int[RADIX_PASSES][1 << RADIX_BITS];
        /** {@link #bestThreshold}'s: the draw's scalar, the projections, their order, the pattern's products. */
        double[] scalar = new double[0];
        double[] projection = new double[0];
        int[] order = new int[0];
        double[] products = new double[0];

        SortBuffers fit(int n) {
            if (image.length < n) {
                image = new long[n];
                digits = new long[n];
                other = new int[n];
                scalar = new double[n];
                projection = new double[n];
                order = new int[n];
                products = new double[n];
            }
            return this;
        }
    }

    private static final ThreadLocal<SortBuffers> SORT_BUFFERS = ThreadLocal.withInitial(SortBuffers::new);

    /** Bits of a key's order image that the radix passes of {@link #descending} sort on (the highest ones). */
    private static final int RADIX_BITS = 11;
    private static final int RADIX_PASSES = 4;
    /**
     * Below this many keys {@link #descending} sorts on fewer, narrower digits (3 passes of 8 bits): its
     * four histograms of 2,048 counts, cleared and summed per call, were most of the work of a sort of
     * 133 keys (the wine shape's rows).
     */
    private static final int SMALL = 512;

    /**
     * The indices 0..n−1 ordered by key, largest first in {@link Double#compare}'s order, equal keys in
     * index order: exactly the order a stable sort of boxed indices by that comparison gives, without
     * boxing. The keys' order-preserving long images are sorted, descending, by their highest 44 bits
     * with a stable least-significant-digit radix sort (four passes of 11 bits, equal keys keep index
     * order); an insertion pass on the full images then puts the keys that agree in those bits
     * (relative differences below about 2^-32), which the passes left adjacent, in their exact order.
     * Fewer than {@value #SMALL} keys are sorted by their highest 24 bits (three passes of 8), the
     * insertion pass ordering those that agree in them (relative differences below about 2^-12).
     */
    static int[] descending(double[] key) {
        return descending(key, key.length, new int[key.length]);
    }

    /** {@link #descending(double[])} of the first n keys into the first n entries of {@code result} (returned). */
    private static int[] descending(double[] key, int n, int[] result) {
        return n < SMALL ? descending(key, n, 8, 3, result) : descending(key, n, RADIX_BITS, RADIX_PASSES, result);
    }

    /**
     * {@link #descending(double[])} with radix passes of the given digits. Each loop is a small method
     * of its own: in one method, a fresh JVM compiled each loop on its own (on-stack replacement, one
     * compile per loop) before the method as a whole.
     */
    private static int[] descending(double[] key, int n, int radixBits, int radixPasses, int[] result) {
        SortBuffers buffers = SORT_BUFFERS.get().fit(n);
        long[] image = buffers.image;
        long[] digits = buffers.digits;
        int buckets = 1 << radixBits;
        int[][] counts = buffers.counts; // RADIX_PASSES arrays of 2^RADIX_BITS: the first radixPasses, buckets long
        for (int pass = 0; pass < radixPasses; pass++) {
            java.util.Arrays.fill(counts[pass], 0, buckets, 0);
        }
        histograms(key, image, digits, counts, radixBits, radixPasses, n);
        identity(n, result);
        int[] order = result;
        int[] other = buffers.other;
        for (int pass = 0; pass < radixPasses; pass++) {
            int[] count = counts[pass];
            int shift = pass * radixBits;
            if (n == 0 || count[(int) (digits[0] >>> shift) & (buckets - 1)] == n) {
                continue; // one digit for all: the pass would not move anything
            }
            starts(count, buckets);
            scatter(order, other, digits, count, shift, buckets - 1, n);
            int[] swap = order;
            order = other;
            other = swap;
        }
        if (order != result) {
            System.arraycopy(order, 0, result, 0, n);
            order = result;
        }
        insertionPass(order, image, n);
        return order;
    }

    /** The keys' order images and sort digits, and the digits' counts for every pass. */
    private static void histograms(double[] key, long[] image, long[] digits, int[][] counts, int radixBits,
                                   int radixPasses, int n) {
        int mask = (1 << radixBits) - 1;
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToLongBits(key[i]);
            image[i] = bits ^ ((bits >> 63) & Long.MAX_VALUE); // signed order of image = Double.compare order
            // ascending unsigned = descending image; the highest radixPasses * radixBits bits
            long sortKey = ~(image[i] ^ Long.MIN_VALUE) >>> (64 - radixPasses * radixBits);
            digits[i] = sortKey;
            for (int pass = 0; pass < radixPasses; pass++) {
                counts[pass][(int) (sortKey >>> (pass * radixBits)) & mask]++;
            }
        }
    }

    /** 0, 1, ..., n − 1 into the first n entries of {@code order}. */
    private static void identity(int n, int[] order) {
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
    }

    /** The counts of the first {@code buckets} digits become their buckets' starts (exclusive prefix sums). */
    private static void starts(int[] count, int buckets) {
        int start = 0;
        for (int b = 0; b < buckets; b++) {
            int c = count[b];
            count[b] = start;
            start += c;
        }
    }

    /** One stable radix pass: order's indices into other by their digit at shift, count holding the starts. */
    private static void scatter(int[] order, int[] other, long[] digits, int[] count, int shift, int mask, int n) {
        for (int k = 0; k < n; k++) {
            int t = order[k];
            other[count[(int) (digits[t] >>> shift) & mask]++] = t;
        }
    }

    /** Insertion pass on the full images: larger image first, equal images in index order. */
    private static void insertionPass(int[] order, long[] image, int n) {
        for (int k = 1; k < n; k++) {
            int t = order[k];
            long value = image[t];
            int j = k - 1;
            while (j >= 0 && (image[order[j]] < value || (image[order[j]] == value && order[j] > t))) {
                order[j + 1] = order[j];
                j--;
            }
            order[j + 1] = t;
        }
    }
}
