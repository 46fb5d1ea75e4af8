package org.heaviside.solver;

import java.util.Arrays;
import org.heaviside.arrangement.PatternMatrix;

/**
 * Kernels of the row-weighted programs (docs/method.md section 10) on the bit-packed patterns: a
 * column's weighted sum Σ_{i ∈ h_j} w_i r_i and the weighted Gram entries h_aᵀ W h_b. Weights with
 * few distinct values (class weights) are summed as Σ_k w_k·popcount(h_a &amp; h_b &amp; mask_k); other
 * weights over the set bits of h_a &amp; h_b. The unweighted kernels stay in {@link BitKernels}.
 */
final class RowWeights {

    /** Distinct weight values up to this many use one bit mask per value. */
    static final int MASK_LIMIT = 16;

    private final double[] w;
    /** The distinct values, or null when there are more than {@link #MASK_LIMIT}. */
    private final double[] levels;
    /** masks[k * words + t]: the rows whose weight is levels[k]. */
    private final long[] masks;
    private final int words;

    RowWeights(double[] w, int words) {
        this.w = w;
        this.words = words;
        double[] distinct = Arrays.stream(w).distinct().sorted().toArray();
        if (distinct.length <= MASK_LIMIT) {
            levels = distinct;
            masks = new long[distinct.length * words];
            for (int i = 0; i < w.length; i++) {
                int k = Arrays.binarySearch(distinct, w[i]);
                masks[k * words + (i >>> 6)] |= 1L << (i & 63);
            }
        } else {
            levels = null;
            masks = null;
        }
    }

    /** The weights. */
    double[] values() {
        return w;
    }

    /** Σ_{i ∈ h_j} w_i r_i. */
    double dot(long[] bits, int column, double[] r) {
        double sum = 0;
        int base = column * words;
        for (int t = 0; t < words; t++) {
            long word = bits[base + t];
            int offset = t << 6;
            while (word != 0) {
                int i = offset + Long.numberOfTrailingZeros(word);
                sum += w[i] * r[i];
                word &= word - 1;
            }
        }
        return sum;
    }

    /** h_aᵀ W h_b for columns a and b of the bits. */
    double gram(long[] bits, int a, int b) {
        int baseA = a * words;
        int baseB = b * words;
        if (levels != null) {
            double sum = 0;
            for (int k = 0; k < levels.length; k++) {
                int count = 0;
                int baseK = k * words;
                for (int t = 0; t < words; t++) {
                    count += Long.bitCount(bits[baseA + t] & bits[baseB + t] & masks[baseK + t]);
                }
                sum += levels[k] * count;
            }
            return sum;
        }
        double sum = 0;
        for (int t = 0; t < words; t++) {
            long word = bits[baseA + t] & bits[baseB + t];
            int offset = t << 6;
            while (word != 0) {
                sum += w[offset + Long.numberOfTrailingZeros(word)];
                word &= word - 1;
            }
        }
        return sum;
    }

    /** ‖h_j‖²_W = Σ_{i ∈ h_j} w_i for every column. */
    double[] columnWeights(PatternMatrix h) {
        double[] out = new double[h.columns()];
        for (int j = 0; j < out.length; j++) {
            out[j] = gram(h.bits(), j, j);
        }
        return out;
    }

    /** The largest weight. */
    double max() {
        double max = 0;
        for (double v : w) {
            max = Math.max(max, v);
        }
        return max;
    }
}
