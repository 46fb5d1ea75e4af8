package org.heaviside.solver;

import org.heaviside.arrangement.PatternMatrix;

/**
 * The Hessian of a row-separable loss with a d × d block per row, on a working set W of patterns:
 * K = Σ_i (h_iW h_iWᵀ) ⊗ A_i, that is the |W| × |W| blocks K_kl = Σ_{i : H_ik = H_il = 1} A_i. Stored
 * dense, row-major, (|W|·d)² entries, row k·d + r and column l·d + s holding (K_kl)_rs. Each pair of
 * columns costs one pass over the rows they share (AND of their bits), adding the d(d + 1)/2 entries of
 * each shared row's block; for three classes (d = 2) one lookup per byte of the AND in byte tables of the
 * rows' blocks instead.
 */
final class BlockGram {

    /** Three-class byte tables ({@link #table2}) up to this many rows (25 MB). */
    static final int TABLE_ROWS = 1 << 15;

    private BlockGram() {
    }

    /** Entries of the lower triangle of a d × d symmetric block: d(d + 1)/2. */
    static int packed(int d) {
        return d * (d + 1) / 2;
    }

    /** Position of (r, s), r ≥ s, in a packed block. */
    static int at(int r, int s) {
        return r * (r + 1) / 2 + s;
    }

    /**
     * K for the working set from the rows' blocks ({@code rows}: n blocks of {@link #packed} entries,
     * the lower triangle of A_i row by row).
     */
    static double[] build(PatternMatrix h, int[] working, double[] rows, int d, int threads) {
        int size = working.length;
        int dim = size * d;
        int entries = packed(d);
        long[] bits = h.bits();
        int words = h.words();
        // the tables cost 768 bytes and 96 sums per row: worth it when there are many pairs, bounded in memory
        double[] table = d == 2 && size >= 32 && h.rows() <= TABLE_ROWS ? table2(rows, h.rows(), words) : null;
        double[] k = new double[dim * dim];
        fill(k, size, d, threads, (a, b, sum) -> {
            if (table != null) {
                sharedSum2(bits, working[a] * words, working[b] * words, words, table, sum);
            } else {
                sharedSum(bits, working[a] * words, working[b] * words, words, rows, entries, sum);
            }
        });
        return k;
    }

    /** The packed sums of block (a, b) of K, b ≤ a, into {@code sum} (d(d + 1)/2 entries). */
    interface PairSum {
        void sum(int a, int b, double[] sum);
    }

    /**
     * Fills K (|W|·d square, row-major) from the packed sums of its blocks on {@code threads} threads, each block
     * (a, b) and its mirror. Row a of the lower triangle has a + 1 pairs: item t does rows t and size − 1 − t, so
     * that items cost the same and the threads' shares are even.
     */
    static void fill(double[] k, int size, int d, int threads, PairSum pairs) {
        int dim = size * d;
        int entries = packed(d);
        int items = (size + 1) / 2;
        BitKernels.run(items, threads, 16, (from, to) -> {
            double[] sum = new double[entries];
            for (int index = 2 * from; index < 2 * to; index++) {
                int a = (index & 1) == 0 ? index >> 1 : size - 1 - (index >> 1);
                if ((index & 1) == 1 && a == index >> 1) {
                    continue;
                }
                for (int b = 0; b <= a; b++) {
                    pairs.sum(a, b, sum);
                    for (int r = 0; r < d; r++) {
                        for (int s = 0; s <= r; s++) {
                            double value = sum[at(r, s)];
                            k[(a * d + r) * dim + b * d + s] = value;
                            k[(a * d + s) * dim + b * d + r] = value;
                            k[(b * d + r) * dim + a * d + s] = value;
                            k[(b * d + s) * dim + a * d + r] = value;
                        }
                    }
                }
            }
        });
    }

    /**
     * out = K_BB x for the working set's patterns {@code blocks} (positions in {@code working}) without K: x
     * summed into the rows (v_i = Σ_b H_{i,b} x_b), each row's block applied (A_i v_i), and the rows summed into
     * the patterns ((K x)_a = Σ_i H_{i,a} A_i v_i). It costs about 2·d per set bit of the patterns and d² per
     * row, where the product with K reads (|B|·d)² entries.
     */
    static void multiply(PatternMatrix h, int[] working, double[] rows, int d, int[] blocks, double[] x,
                         double[] out) {
        multiply(h, working, rows, d, blocks, x, out, new double[h.rows() * d], new double[h.rows() * d]);
    }

    /**
     * {@link #multiply(PatternMatrix, int[], double[], int, int[], double[], double[])} with the rows' sums in work
     * spaces {@code v} and {@code w} of n·d entries each (a Newton step's conjugate gradients take hundreds of
     * products): v is cleared here, w written whole, so the bits are those of new arrays.
     */
    static void multiply(PatternMatrix h, int[] working, double[] rows, int d, int[] blocks, double[] x,
                         double[] out, double[] v, double[] w) {
        long[] bits = h.bits();
        int words = h.words();
        int n = h.rows();
        int entries = packed(d);
        java.util.Arrays.fill(v, 0, n * d, 0.0);
        for (int a = 0; a < blocks.length; a++) {
            int base = working[blocks[a]] * words;
            int from = a * d;
            for (int t = 0; t < words; t++) {
                long word = bits[base + t];
                while (word != 0) {
                    int row = ((t << 6) + Long.numberOfTrailingZeros(word)) * d;
                    for (int r = 0; r < d; r++) {
                        v[row + r] += x[from + r];
                    }
                    word &= word - 1;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            int block = i * entries;
            int row = i * d;
            for (int r = 0; r < d; r++) {
                double sum = 0;
                for (int s = 0; s < d; s++) {
                    sum += rows[block + (r >= s ? at(r, s) : at(s, r))] * v[row + s];
                }
                w[row + r] = sum;
            }
        }
        java.util.Arrays.fill(out, 0, blocks.length * d, 0.0);
        for (int a = 0; a < blocks.length; a++) {
            int base = working[blocks[a]] * words;
            int to = a * d;
            for (int t = 0; t < words; t++) {
                long word = bits[base + t];
                while (word != 0) {
                    int row = ((t << 6) + Long.numberOfTrailingZeros(word)) * d;
                    for (int r = 0; r < d; r++) {
                        out[to + r] += w[row + r];
                    }
                    word &= word - 1;
                }
            }
        }
    }

    /** The multiply-adds of {@link #multiply} (about): 2·d per set bit of the patterns and d² per row. */
    static double multiplyWork(PatternMatrix h, int[] working, int d, int[] blocks) {
        double ones = 0;
        for (int b : blocks) {
            ones += h.ones(working[b]);
        }
        return 2.0 * d * ones + (double) h.rows() * d * d;
    }

    /** sum = Σ of the packed blocks of the rows whose bits are set in both columns (any d). */
    static void sharedSum(long[] bits, int baseA, int baseB, int words, double[] rows, int entries, double[] sum) {
        java.util.Arrays.fill(sum, 0.0);
        for (int t = 0; t < words; t++) {
            long word = bits[baseA + t] & bits[baseB + t];
            int offset = t << 6;
            while (word != 0) {
                int row = (offset + Long.numberOfTrailingZeros(word)) * entries;
                for (int e = 0; e < entries; e++) {
                    sum[e] += rows[row + e];
                }
                word &= word - 1;
            }
        }
    }

    /**
     * Byte tables of the packed 2 × 2 blocks (three entries), interleaved: entry e of the sum of the blocks
     * of rows 8b + k over the bits k of mask is at (b·256 + mask)·3 + e (rows past n add 0).
     */
    static double[] table2(double[] rows, int n, int words) {
        int blocks = words * 8;
        double[] table = new double[blocks * 256 * 3];
        for (int b = 0; b < blocks; b++) {
            int base = b * 256;
            for (int mask = 1; mask < 256; mask++) {
                int i = b * 8 + Integer.numberOfTrailingZeros(mask);
                int to = (base + mask) * 3;
                int from = (base + (mask & (mask - 1))) * 3;
                for (int e = 0; e < 3; e++) {
                    table[to + e] = table[from + e] + (i < n ? rows[i * 3 + e] : 0.0);
                }
            }
        }
        return table;
    }

    /**
     * {@link #sharedSum} for d = 2 (three classes, three packed entries), the common case, on the byte
     * tables of {@link #table2}: each byte of the AND of the two columns is one lookup of three sums (eight
     * rows at a time, in place of one step per shared row; the per-row loop was most of a three-class solve's
     * time on a 1,500-row, 1,000-pattern problem).
     */
    static void sharedSum2(long[] bits, int baseA, int baseB, int words, double[] table, double[] sum) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        for (int t = 0; t < words; t++) {
            long word = bits[baseA + t] & bits[baseB + t];
            int block = t << 11; // 8 bytes of 256 masks per word
            while (word != 0) {
                int at = (block + (int) (word & 0xFF)) * 3;
                s0 += table[at];
                s1 += table[at + 1];
                s2 += table[at + 2];
                word >>>= 8;
                block += 256;
            }
        }
        sum[0] = s0;
        sum[1] = s1;
        sum[2] = s2;
    }
}
