package org.heaviside.solver;

import java.util.Arrays;
import org.heaviside.arrangement.PatternMatrix;

/**
 * The block Gram matrix K = Σ_i (h_iW h_iWᵀ) ⊗ Ã_i ({@link BlockGram}) on the rows' curvature blocks rounded to
 * levels, by popcounts, as {@link CurvatureGram#levels} builds the one-output Gram matrix: for each entry e of the
 * packed blocks the rows are put in order of that entry and fill words of at most 64 whose values lie within a
 * factor {@link CurvatureGram#RATIO} of each other (or within {@link CurvatureGram#ABSOLUTE} of the largest
 * curvature), and (K_ab)_e = Σ_t level_e,t · popcount(h_a,t ∧ h_b,t) in that entry's order of the rows, about
 * n/64 + 70 words per entry where the byte tables of {@link BlockGram#sharedSum2} read n/8.
 *
 * <p>The rounding keeps the model above the exact Newton model, Ã_i ⪰ A_i: each off-diagonal entry is rounded
 * towards zero (its word's value of least magnitude, or 0 in a word that holds both signs), each diagonal entry
 * is first raised by the off-diagonal errors of its row (Gershgorin: the errors' matrix plus that diagonal is
 * positive semidefinite) and then rounded up (its word's largest value). So every Ã_i is positive definite as
 * A_i is, and a step on the rounded model is a majorize-minimize step of the exact one where the exact one
 * would be a Newton step: the line search on the true objective takes it, and the final steps use the exact
 * blocks ({@link ProximalNewton}).
 */
final class BlockLevels {

    /**
     * One byte-table read of {@link BlockGram#sharedSum2} (three sums from a table of about 1 MB for 1,500 rows)
     * against one popcount and multiply-add on words in the core's cache (bench --case multinomial, 1,500 rows: a
     * working set of 440 patterns, 12 ms on levels of 120 words per pair against 46 ms on 188 table reads).
     */
    static final double TABLE_COST = 1.5;
    /**
     * A factorisation's multiply-adds (vectorized, by panels on both cores) against one byte-table read: the
     * rounded model pays off while the support's factorisation costs at most this many times the exact K's reads
     * (bench --case multinomial, 2,000 rows: the last working sets of 440 patterns around 325, about 5 times; the
     * class-balanced run of 863 patterns: about 20 times, slower on levels).
     */
    static final double FACTOR_SHARE = 10;

    private final int d;
    private final int entries;
    /** Per entry: the level of each word. */
    private final double[][] levels;
    /** Per entry: each row's word and bit, word &lt;&lt; 6 | bit. */
    private final int[][] slots;
    /** The rounded blocks, n blocks of {@link BlockGram#packed} entries. */
    private final double[] rounded;

    private BlockLevels(int d, double[][] levels, int[][] slots, double[] rounded) {
        this.d = d;
        this.entries = BlockGram.packed(d);
        this.levels = levels;
        this.slots = slots;
        this.rounded = rounded;
    }

    /** The levels of the rows' blocks {@code rows} (n blocks of d(d + 1)/2 entries, {@link BlockGram}'s layout). */
    static BlockLevels of(double[] rows, int n, int d) {
        int entries = BlockGram.packed(d);
        double top = 0;
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < d; r++) {
                top = Math.max(top, rows[i * entries + BlockGram.at(r, r)]);
            }
        }
        double spread = CurvatureGram.ABSOLUTE * top;
        double[] rounded = new double[n * entries];
        double[][] levels = new double[entries][];
        int[][] slots = new int[entries][];
        double[] values = new double[n];
        // off-diagonal entries first: rounded towards zero, their errors raise the diagonal of their rows
        double[] raise = new double[n * d];
        for (int r = 0; r < d; r++) {
            for (int s = 0; s < r; s++) {
                int e = BlockGram.at(r, s);
                for (int i = 0; i < n; i++) {
                    values[i] = rows[i * entries + e];
                }
                slots[e] = new int[n];
                levels[e] = group(values, spread, false, slots[e], rounded, entries, e);
                for (int i = 0; i < n; i++) {
                    // up by an ulp: the difference and the sums below round, and the raise must cover the error
                    double error = Math.nextUp(Math.abs(values[i] - rounded[i * entries + e]));
                    raise[i * d + r] += error;
                    raise[i * d + s] += error;
                }
            }
        }
        for (int r = 0; r < d; r++) {
            int e = BlockGram.at(r, r);
            for (int i = 0; i < n; i++) {
                double raised = raise[i * d + r];
                values[i] = raised > 0 ? Math.nextUp(rows[i * entries + e] + raised) : rows[i * entries + e];
            }
            slots[e] = new int[n];
            levels[e] = group(values, spread, true, slots[e], rounded, entries, e);
        }
        return new BlockLevels(d, levels, slots, rounded);
    }

    /**
     * Whether a step on these levels costs less than on the exact blocks, for a working set of {@code working}
     * patterns around a support of {@code support}: three classes (d = 2) whose levels' words per pair of columns,
     * Σ_e words_e popcounts, are fewer than {@link #TABLE_COST} times the byte-table reads of {@link
     * BlockGram#sharedSum2} (8 per word of the rows), while the support's Newton factorisation, (|S|·d)³/3, costs
     * at most {@link #FACTOR_SHARE} times the exact K's table reads. With few rows the levels' own words outnumber
     * the rows' (AI4I's {@code Type}, 149 rows: 3 words of rows, about 25 words per entry); on a large support the
     * factorisations are the step, and the rounded model's extra outer steps each cost one (AI4I's {@code Type},
     * 2,000 rows, class-balanced, no certificate: a support of 863 patterns, 11.5 s on levels against 6.1 s); with
     * more classes the dense K's writes and the Newton steps dominate, and the levels measured no faster (ten
     * classes, 1,347 rows: 2.74 s against 2.64 s for the solve).
     */
    boolean cheaper(PatternMatrix h, int working, int support) {
        if (!worthTrying(h, d, working, support)) {
            return false;
        }
        long words = 0;
        for (double[] level : levels) {
            words += level.length;
        }
        return words < TABLE_COST * 8.0 * h.words();
    }

    /**
     * The part of {@link #cheaper} known before the levels are built: three classes on rows within the byte
     * tables' bound, and a support whose factorisation does not outweigh the Gram matrix (above the Newton limit
     * the step takes conjugate gradients instead, and this overstates its cost: such supports keep the exact
     * blocks).
     */
    static boolean worthTrying(PatternMatrix h, int d, int working, int support) {
        if (d != 2 || h.rows() > BlockGram.TABLE_ROWS) {
            return false;
        }
        double reads = 8.0 * h.words();
        double coordinates = (double) support * d;
        double factorisation = coordinates * coordinates * coordinates / 3;
        return factorisation <= FACTOR_SHARE * 0.5 * working * working * reads;
    }

    /** The rounded blocks (n blocks; the caller must not change them). */
    double[] rounded() {
        return rounded;
    }

    /**
     * K for the working set on the rounded blocks: |W|·d square, row-major, as {@link BlockGram#build} lays it out.
     */
    double[] gram(PatternMatrix h, int[] working, int threads) {
        int size = working.length;
        int dim = size * d;
        long[][] sorted = new long[entries][];
        int[] words = new int[entries];
        for (int e = 0; e < entries; e++) {
            words[e] = levels[e].length;
            sorted[e] = CurvatureGram.sortedColumns(h, working, slots[e], words[e]);
        }
        double[] k = new double[dim * dim];
        BlockGram.fill(k, size, d, threads, (a, b, sum) -> {
            for (int e = 0; e < entries; e++) {
                sum[e] = levelSum(sorted[e], levels[e], a * words[e], b * words[e], words[e]);
            }
        });
        return k;
    }

    /** Σ_t level_t · popcount(a_t ∧ b_t), in four running sums (one chain of additions waited on each). */
    static double levelSum(long[] sorted, double[] level, int baseA, int baseB, int words) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int t = 0;
        for (; t + 3 < words; t += 4) {
            s0 += level[t] * Long.bitCount(sorted[baseA + t] & sorted[baseB + t]);
            s1 += level[t + 1] * Long.bitCount(sorted[baseA + t + 1] & sorted[baseB + t + 1]);
            s2 += level[t + 2] * Long.bitCount(sorted[baseA + t + 2] & sorted[baseB + t + 2]);
            s3 += level[t + 3] * Long.bitCount(sorted[baseA + t + 3] & sorted[baseB + t + 3]);
        }
        for (; t < words; t++) {
            s0 += level[t] * Long.bitCount(sorted[baseA + t] & sorted[baseB + t]);
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Puts the rows in order of {@code values} into words of at most 64 whose values are within {@link
     * CurvatureGram#RATIO} of each other with one sign, or all within {@code spread} of zero; writes each row's
     * slot and rounded value (diagonal, {@code up}: the word's largest value; off-diagonal: the value of least
     * magnitude, or 0 in a word that holds both signs) and returns the words' levels. The order only groups the
     * rows; each word's level is taken over its values, so the rounding holds whatever the order's ties.
     */
    static double[] group(double[] values, double spread, boolean up, int[] slot, double[] rounded, int entries,
                          int e) {
        int n = values.length;
        int[] order = order(values);
        double[] level = new double[n / 64 + 16];
        int packed = 0;
        int start = 0;
        while (start < n) {
            double first = values[order[start]];
            int end = start + 1;
            while (end < n && end - start < 64 && fits(first, values[order[end]], spread)) {
                end++;
            }
            double low = Double.POSITIVE_INFINITY;
            double high = Double.NEGATIVE_INFINITY;
            for (int k = start; k < end; k++) {
                low = Math.min(low, values[order[k]]);
                high = Math.max(high, values[order[k]]);
            }
            // diagonal: the largest; off-diagonal: the least magnitude of one sign, else 0
            double value = up ? high : low > 0 ? low : high < 0 ? high : 0.0;
            if (packed == level.length) {
                level = Arrays.copyOf(level, 2 * packed);
            }
            level[packed] = value;
            for (int k = start; k < end; k++) {
                slot[order[k]] = packed << 6 | (k - start);
                rounded[order[k] * entries + e] = value;
            }
            packed++;
            start = end;
        }
        return Arrays.copyOf(level, packed);
    }

    /** Whether {@code next} (at or above {@code first} in order) shares a word with {@code first}. */
    private static boolean fits(double first, double next, double spread) {
        if (Math.abs(first) <= spread && Math.abs(next) <= spread) {
            return true;
        }
        if (first > 0) {
            return next <= CurvatureGram.RATIO * first;
        }
        if (next < 0) {
            return -first <= CurvatureGram.RATIO * -next;
        }
        return false;
    }

    /** The rows in ascending order of their values (ties by row). */
    private static int[] order(double[] values) {
        int n = values.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            // the float's bits, made to sort as the values (negatives: all bits flipped), above the row
            int bits = Float.floatToIntBits((float) values[i]);
            int key = bits < 0 ? ~bits : bits | Integer.MIN_VALUE;
            keys[i] = ((long) (key ^ Integer.MIN_VALUE) << 32) | i;
        }
        Arrays.sort(keys);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (int) keys[i];
        }
        return order;
    }
}
