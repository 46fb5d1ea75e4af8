package org.heaviside.deep;

import java.util.Locale;
import org.heaviside.network.Separator;
import org.heaviside.run.Cancellation;

/**
 * Layer 2 of a three-layer shattering network: for each wanted pattern p of the points, a threshold
 * neuron on layer 1's outputs B1 that outputs p exactly. Two variants, as in the paper:
 * {@code pi}, the least-norm solution v of [B1, 1] v = 2p − 1 (by a Cholesky factorization of
 * [B1, 1][B1, 1]ᵀ, which is positive definite when rank(B1) = n), and {@code svm}, the
 * maximum-margin separator of the points' B1 rows (hard margin, computed by {@link Separator});
 * when the separator does not reach the pattern within its budget (about 2·10⁹ multiply-adds) the
 * least-norm weights are kept and {@link #used()} says so.
 */
final class LevelLayer {

    static final String PI = "pi";
    static final String SVM = "svm";
    private static final int SVM_EPOCHS = 5000;
    /** Work budget of one separator, in multiply-adds (epochs x n x m1), about a second or two. */
    private static final double SVM_WORK = 2e9;

    private final double[][] b;
    private final double[][] cholesky;
    private final String variant;
    private int separators;
    private int fallbacks;

    /** Prepares the variant for layer-1 outputs b (n x m1, rank n). */
    LevelLayer(double[][] b, String variant, Cancellation cancellation) {
        String v = variant.toLowerCase(Locale.ROOT);
        if (!PI.equals(v) && !SVM.equals(v)) {
            throw new IllegalArgumentException("Unknown reconstruction '" + variant + "'; expected pi or svm.");
        }
        this.b = b;
        this.variant = v;
        this.cholesky = factor(b, cancellation);
    }

    /** Weights (m1 + 1, bias last) of a neuron that fires exactly on the pattern's rows. */
    double[] neuron(boolean[] pattern) {
        if (SVM.equals(variant)) {
            int epochs = (int) Math.max(50, Math.min(SVM_EPOCHS, SVM_WORK / ((double) b.length * b[0].length)));
            double[] u = Separator.augmentedMaxMargin(b, pattern, epochs);
            if (u != null) {
                separators++;
                return u;
            }
            fallbacks++;
        }
        return leastNorm(pattern);
    }

    /**
     * "pi", "svm", "svm+pi" when some separators fell back to least norm, or "pi-fallback" when every
     * one did.
     */
    String used() {
        if (PI.equals(variant)) {
            return PI;
        }
        return fallbacks == 0 ? SVM : separators == 0 ? "pi-fallback" : "svm+pi";
    }

    /** v = Aᵀ (A Aᵀ)⁻¹ (2p − 1) with A = [B1, 1]. */
    private double[] leastNorm(boolean[] pattern) {
        int n = b.length;
        int m = b[0].length;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = pattern[i] ? 1.0 : -1.0;
        }
        // forward then backward substitution with L Lᵀ = A Aᵀ
        for (int i = 0; i < n; i++) {
            double s = z[i];
            double[] row = cholesky[i];
            for (int k = 0; k < i; k++) {
                s -= row[k] * z[k];
            }
            z[i] = s / row[i];
        }
        for (int i = n - 1; i >= 0; i--) {
            double s = z[i];
            for (int k = i + 1; k < n; k++) {
                s -= cholesky[k][i] * z[k];
            }
            z[i] = s / cholesky[i][i];
        }
        double[] v = new double[m + 1];
        for (int i = 0; i < n; i++) {
            double[] row = b[i];
            for (int j = 0; j < m; j++) {
                if (row[j] != 0) {
                    v[j] += z[i];
                }
            }
            v[m] += z[i];
        }
        return v;
    }

    /** Lower Cholesky factor of A Aᵀ = B1 B1ᵀ + 1 1ᵀ. */
    private static double[][] factor(double[][] b, Cancellation cancellation) {
        int n = b.length;
        int m = b[0].length;
        int words = (m + 63) >>> 6;
        long[][] bits = new long[n][words];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                if (b[i][j] != 0) {
                    bits[i][j >>> 6] |= 1L << (j & 63);
                }
            }
        }
        double[][] l = new double[n][];
        for (int i = 0; i < n; i++) {
            if ((i & 63) == 0) {
                cancellation.check();
            }
            l[i] = new double[i + 1];
            for (int k = 0; k <= i; k++) {
                int common = 0;
                for (int w = 0; w < words; w++) {
                    common += Long.bitCount(bits[i][w] & bits[k][w]);
                }
                double s = common + 1.0;
                double[] li = l[i];
                double[] lk = l[k];
                for (int t = 0; t < k; t++) {
                    s -= li[t] * lk[t];
                }
                if (k == i) {
                    if (!(s > 0)) {
                        throw new IllegalStateException("[B1, 1] [B1, 1]^T is not positive definite at row " + i
                                + "; rank(B1) is below the number of points.");
                    }
                    li[i] = Math.sqrt(s);
                } else {
                    li[k] = s / lk[k];
                }
            }
        }
        return l;
    }
}
