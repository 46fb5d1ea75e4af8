package org.heaviside.solver;

import org.heaviside.arrangement.PatternMatrix;

/**
 * The Gram matrix G = H_Wᵀ diag(c) H_W of a working set W under row curvatures c, kept from one
 * proximal Newton step to the next ({@link ProximalNewton}). A row keeps the curvature its Gram terms
 * were built with until the new one differs by more than {@value #STALE} of it; then only that row's
 * terms are changed, G += H_Wᵀ diag(c_new − c_old) H_W over the changed rows. Near the optimum few rows
 * change, so a step costs about as much as the integer Gram of the squared loss; entries of columns new
 * to the working set are summed afresh.
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
        // rows a and size-1-a together (size + 1 entries), so that the threads' blocks hold equal work; split
        // once a block has about PAIR_WORDS column words to read (the squared loss's integer Gram is split alike)
        int pairs = (size + 1) / 2;
        BitKernels.run(pairs, threads, Math.max(1, PAIR_WORDS / Math.max(1, size * words)), (from, to) -> {
            for (int p = from; p < to; p++) {
                row.fill(p);
                if (size - 1 - p != p) {
                    row.fill(size - 1 - p);
                }
            }
        });
        columns = working.clone();
        gram = next;
        return next;
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
