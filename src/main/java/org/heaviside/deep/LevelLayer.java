package org.heaviside.deep;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.heaviside.run.Cancellation;

/**
 * Layer 2 of a three-layer shattering network: for each wanted pattern p of the points, a threshold
 * neuron on layer 1's outputs B1 that outputs p exactly. Two variants, as in the paper:
 * {@code pi}, the least-norm solution v of [B1, 1] v = 2p − 1 (by a Cholesky factorization of
 * [B1, 1][B1, 1]ᵀ, which is positive definite when rank(B1) = n), and {@code svm}, the
 * maximum-margin separator of the points' [B1, 1] rows (hard margin, bias in the norm), solved
 * exactly in its dual by {@link LevelMargins} with the Gram matrix shared by all patterns and each
 * pattern warm-started from the previous one; a neuron counts as {@code svm} only when its duality
 * gap certifies the maximum margin, otherwise the least-norm weights are kept and {@link #used()}
 * says so.
 */
final class LevelLayer {

    static final String PI = "pi";
    static final String SVM = "svm";

    private final double[][] b;
    private final double[][] gram;
    private final Cancellation cancellation;
    private double[][] cholesky;
    private final String variant;
    private final AtomicInteger separators = new AtomicInteger();
    private final AtomicInteger fallbacks = new AtomicInteger();

    /** Prepares the variant for layer-1 outputs b (n x m1, rank n). */
    LevelLayer(double[][] b, String variant, Cancellation cancellation) {
        String v = variant.toLowerCase(Locale.ROOT);
        if (!PI.equals(v) && !SVM.equals(v)) {
            throw new IllegalArgumentException("Unknown reconstruction '" + variant + "'; expected pi or svm.");
        }
        this.b = b;
        this.variant = v;
        this.cancellation = cancellation;
        this.gram = LevelMargins.gram(b);
        if (PI.equals(v)) {
            this.cholesky = factor(gram, cancellation);
        }
    }

    /**
     * Weights (m1 + 1, bias last) of neurons that fire exactly on each pattern's rows, per chain of
     * patterns. The maximum-margin variant solves a chain in order, each pattern warm-started from
     * the one before (nested level sets differ in a few points), and the chains in parallel; each
     * chain is solved the same way whatever the thread count, so the weights do not depend on it.
     */
    double[][][] neurons(List<boolean[][]> chains) {
        double[][][] planes = new double[chains.size()][][];
        IntStream.range(0, chains.size()).parallel().forEach(c -> planes[c] = chain(chains.get(c)));
        return planes;
    }

    private double[][] chain(boolean[][] patterns) {
        double[][] planes = new double[patterns.length][];
        LevelMargins margins = SVM.equals(variant) ? new LevelMargins(b, gram) : null;
        for (int k = 0; k < patterns.length; k++) {
            cancellation.check();
            if (margins != null) {
                LevelMargins.Fit fit = margins.solve(patterns[k], cancellation);
                if (fit != null && fit.optimal()) {
                    separators.incrementAndGet();
                    planes[k] = fit.plane();
                    continue;
                }
                fallbacks.incrementAndGet();
            }
            planes[k] = leastNorm(patterns[k]);
        }
        return planes;
    }

    /**
     * "pi", "svm", "svm+pi" when some separators fell back to least norm, or "pi-fallback" when every
     * one did.
     */
    String used() {
        if (PI.equals(variant)) {
            return PI;
        }
        return fallbacks.get() == 0 ? SVM : separators.get() == 0 ? "pi-fallback" : "svm+pi";
    }

    /** v = Aᵀ (A Aᵀ)⁻¹ (2p − 1) with A = [B1, 1]. */
    private double[] leastNorm(boolean[] pattern) {
        double[][] cholesky = leastNormFactor();
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

    /** The factor of the least-norm weights, made on first use when the variant is the maximum margin. */
    private synchronized double[][] leastNormFactor() {
        if (cholesky == null) {
            cholesky = factor(gram, cancellation);
        }
        return cholesky;
    }

    /** Lower Cholesky factor of A Aᵀ = B1 B1ᵀ + 1 1ᵀ (the Gram matrix {@code gram}). */
    private static double[][] factor(double[][] gram, Cancellation cancellation) {
        int n = gram.length;
        double[][] l = new double[n][];
        for (int i = 0; i < n; i++) {
            if ((i & 63) == 0) {
                cancellation.check();
            }
            l[i] = new double[i + 1];
            for (int k = 0; k <= i; k++) {
                double s = gram[i][k];
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
