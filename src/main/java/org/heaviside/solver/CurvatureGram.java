package org.heaviside.solver;

import java.util.Arrays;
import org.heaviside.arrangement.PatternMatrix;

/**
 * The Gram matrix G = H_Wᵀ diag(c) H_W of a working set W under row curvatures c, kept from one
 * proximal Newton step to the next ({@link ProximalNewton}). A row keeps the curvature its Gram terms
 * were built with until the new one differs by more than {@value #STALE} of it; then only that row's
 * terms are changed, G += H_Wᵀ diag(c_new − c_old) H_W over the changed rows. Near the optimum few rows
 * change, so a step costs about as much as the integer Gram of the squared loss; entries of columns new
 * to the working set are summed afresh.
 *
 * <p>{@link #levels} builds G instead under curvatures rounded to a few levels, by popcounts as the squared
 * loss's integer Gram: rows of one level are packed into words of their own, so an entry is Σ_words level ·
 * popcount(h_a ∧ h_b), about an eighth of the byte-table sum's cost per word.
 */
final class CurvatureGram {

    /** Relative change of a row's curvature before its terms in G are refreshed. */
    static final double STALE = 0.05;
    /** Refreshes changing more than 1/this of the rows read the deltas' byte table, fewer their set bits. */
    static final int TABLE_SHARE = 8;
    /**
     * Column words (each up to 8 byte-table reads) in one thread's block of rows at least: a Gram matrix of
     * about twice this many is built on two threads.
     */
    static final int PAIR_WORDS = 1 << 16;
    /** Column words (one popcount each) in one thread's block of a {@link #levels} build at least. */
    static final int POPCOUNT_WORDS = 8 * PAIR_WORDS;

    /** Curvatures within this factor of each other share a level in {@link #levels}. */
    static final double RATIO = 1.1;
    /** Curvatures within this share of the largest of each other share a level in {@link #levels}. */
    static final double ABSOLUTE = 1e-3;

    private final PatternMatrix h;
    private final int threads;
    private int[] columns;
    private double[] gram;
    private double[] used;

    CurvatureGram(PatternMatrix h, int threads) {
        this.h = h;
        this.threads = threads;
    }

    /**
     * G for the working set under curvatures {@code c} (rows whose curvature moved by at most
     * {@code stale} of it keep the one in {@link #used()}: {@link #STALE}, or 0 for the exact model);
     * |W|² entries, row-major.
     */
    double[] update(int[] working, double[] c, double stale) {
        int n = h.rows();
        int words = h.words();
        long[] bits = h.bits();
        long[] changed = new long[words];
        double[] delta = new double[n];
        int count = 0;
        if (used == null) {
            used = c.clone();
            columns = new int[0];
            gram = new double[0];
        } else {
            for (int i = 0; i < n; i++) {
                if (Math.abs(c[i] - used[i]) > stale * used[i]) {
                    delta[i] = c[i] - used[i];
                    used[i] = c[i];
                    changed[i >>> 6] |= 1L << (i & 63);
                    count++;
                }
            }
        }
        int size = working.length;
        int[] old = positions(working);
        int previous = columns.length;
        double[] before = gram;
        boolean refresh = count > 0;
        // many changed rows: the deltas' byte table (the cost no longer depends on how many changed)
        double[] deltas = count > n / TABLE_SHARE ? BitKernels.table(delta, words, threads) : null;
        boolean fresh = false;
        for (int position : old) {
            fresh |= position < 0;
        }
        double[] weights = fresh ? BitKernels.table(used, words, threads) : null;
        double[] next = new double[size * size];
        Row row = a -> {
            for (int b = 0; b <= a; b++) {
                double value;
                if (old[a] >= 0 && old[b] >= 0) {
                    value = before[old[a] * previous + old[b]];
                    if (deltas != null) {
                        value += BitKernels.pairSum(bits, words, working[a], working[b], deltas);
                    } else if (refresh) {
                        value += sum(bits, words, working[a], working[b], changed, delta);
                    }
                } else {
                    value = BitKernels.pairSum(bits, words, working[a], working[b], weights);
                }
                next[a * size + b] = value;
                next[b * size + a] = value;
            }
        };
        // split once a block has about PAIR_WORDS column words to read (the squared loss's integer Gram is split
        // alike)
        fillPairs(size, Math.max(1, PAIR_WORDS / Math.max(1, size * words)), row);
        columns = working.clone();
        gram = next;
        return next;
    }

    /**
     * G for the working set under the curvatures {@code c} rounded to levels (every entry from scratch; the
     * rounded curvatures are {@link #used()} afterwards, and a later {@link #update} continues from them). In
     * order of curvature, the rows fill words of at most 64 whose curvatures lie within a factor {@link
     * #RATIO} of the word's smallest (or within {@link #ABSOLUTE} times the largest curvature of it: rows fit
     * that well move the model little, and a relative grid down to the floor would cost words); each row takes
     * its word's midpoint. In that layout of the working set's columns G_ab = Σ_t level_t · popcount(h_a,t ∧
     * h_b,t): the weighted Gram of the model with the rounded curvatures, exactly up to the order of the sum,
     * for the cost of the integer Gram on at most about n/64 + 100 words.
     */
    double[] levels(int[] working, double[] c) {
        int n = h.rows();
        double top = 0;
        for (double value : c) {
            top = Math.max(top, value);
        }
        double spread = ABSOLUTE * top;
        int[] order = byCurvature(c);
        // words of up to 64 rows, in order of curvature, whose curvatures are within the ratio (or the absolute
        // spread) of each other; each word's level is the midpoint of its curvatures
        int[] slot = new int[n];
        double[] rounded = new double[n];
        double[] level = new double[n / 64 + 2 + (int) Math.ceil(Math.log(1 / ABSOLUTE) / Math.log(RATIO))];
        int packed = 0;
        int start = 0;
        while (start < n) {
            double low = c[order[start]];
            double high = low;
            int end = start + 1;
            while (end < n && end - start < 64) {
                double value = c[order[end]];
                if (value > Math.max(RATIO * low, low + spread)) {
                    break;
                }
                low = Math.min(low, value);
                high = Math.max(high, value);
                end++;
            }
            if (packed == level.length) {
                level = Arrays.copyOf(level, 2 * packed);
            }
            double mid = 0.5 * (low + high);
            level[packed] = mid;
            for (int k = start; k < end; k++) {
                slot[order[k]] = packed << 6 | (k - start);
                rounded[order[k]] = mid;
            }
            packed++;
            start = end;
        }
        double[] levelOfWord = level;
        int size = working.length;
        long[] sorted = sortedColumns(h, working, slot, packed);
        int words = packed;
        double[] next = new double[size * size];
        Row row = a -> {
            int baseA = a * words;
            for (int b = 0; b <= a; b++) {
                int baseB = b * words;
                double sum = 0;
                for (int t = 0; t < words; t++) {
                    sum += levelOfWord[t] * Long.bitCount(sorted[baseA + t] & sorted[baseB + t]);
                }
                next[a * size + b] = sum;
                next[b * size + a] = sum;
            }
        };
        // paired rows as in update; a popcount costs about an eighth of a word's eight table reads
        fillPairs(size, Math.max(1, POPCOUNT_WORDS / Math.max(1, size * words)), row);
        used = rounded;
        columns = working.clone();
        gram = next;
        return next;
    }

    /**
     * The rows in order of curvature up to a relative 2^-7 (a counting sort on the top 16 bits of the
     * non-negative floats, whose bits order them).
     */
    private static int[] byCurvature(double[] c) {
        int n = c.length;
        int[] key = new int[n];
        int lowest = Integer.MAX_VALUE;
        int highest = 0;
        for (int i = 0; i < n; i++) {
            key[i] = Float.floatToIntBits((float) Math.max(c[i], 0.0)) >>> 16;
            lowest = Math.min(lowest, key[i]);
            highest = Math.max(highest, key[i]);
        }
        int[] next = new int[highest - lowest + 2];
        for (int k : key) {
            next[k - lowest + 1]++;
        }
        for (int b = 1; b < next.length; b++) {
            next[b] += next[b - 1];
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[next[key[i] - lowest]++] = i;
        }
        return order;
    }

    /**
     * The working set's columns with row i at bit {@code slot[i]} of {@code packed} words each (also the
     * three-class block levels', {@link BlockLevels}).
     */
    static long[] sortedColumns(PatternMatrix h, int[] working, int[] slot, int packed) {
        int words = h.words();
        long[] bits = h.bits();
        long[] sorted = new long[working.length * packed];
        for (int a = 0; a < working.length; a++) {
            int base = working[a] * words;
            int out = a * packed;
            for (int t = 0; t < words; t++) {
                long word = bits[base + t];
                int offset = t << 6;
                while (word != 0) {
                    int q = slot[offset + Long.numberOfTrailingZeros(word)];
                    sorted[out + (q >>> 6)] |= 1L << (q & 63);
                    word &= word - 1;
                }
            }
        }
        return sorted;
    }

    /**
     * Fills rows a and size-1-a of G together (size + 1 entries), so that the threads' blocks hold equal
     * work, in blocks of at least {@code perBlock} pairs.
     */
    private void fillPairs(int size, int perBlock, Row row) {
        BitKernels.run((size + 1) / 2, threads, perBlock, (from, to) -> {
            for (int p = from; p < to; p++) {
                row.fill(p);
                if (size - 1 - p != p) {
                    row.fill(size - 1 - p);
                }
            }
        });
    }

    /** The curvatures G was built with (n values; the caller must not change them). */
    double[] used() {
        return used;
    }

    /** For each working column, its position in the previous working set (or -1). */
    private int[] positions(int[] working) {
        int[] old = new int[working.length];
        // both lists are sorted: merge
        int k = 0;
        for (int a = 0; a < working.length; a++) {
            while (k < columns.length && columns[k] < working[a]) {
                k++;
            }
            old[a] = k < columns.length && columns[k] == working[a] ? k : -1;
        }
        return old;
    }

    /** Fills row a of G up to the diagonal, and its mirror. */
    private interface Row {
        void fill(int a);
    }

    /** Σ values_i over the rows in columns a and b and in the mask. */
    private static double sum(long[] bits, int words, int a, int b, long[] mask, double[] values) {
        int baseA = a * words;
        int baseB = b * words;
        double sum = 0;
        for (int t = 0; t < words; t++) {
            long word = bits[baseA + t] & bits[baseB + t] & mask[t];
            int offset = t << 6;
            while (word != 0) {
                sum += values[offset + Long.numberOfTrailingZeros(word)];
                word &= word - 1;
            }
        }
        return sum;
    }
}
