package org.heaviside.arrangement;

/**
 * The rows x_i of a data set stored by feature (transposed), for many products start + Σ_k w_k x_ik
 * over all rows with different w: the sums of all rows advance together one feature at a time
 * ({@code out[i] += w[k] * x[k][i]}, a loop the JIT vectorizes), and each row's sum gets exactly the
 * operations of the row-by-row loop ({@code s = start; s += w[k] * x[i][k]} for k ascending), so the
 * bits are the same. The row-by-row loop is bound by the latency of its additions, one after another.
 */
public final class RowProducts {

    private final int n;
    private final int d;
    private final double[][] features;

    /** The rows x (n x d), copied by feature. */
    public RowProducts(double[][] x) {
        this.n = x.length;
        this.d = n == 0 ? 0 : x[0].length;
        this.features = new double[d][n];
        for (int i = 0; i < n; i++) {
            double[] row = x[i];
            for (int k = 0; k < d; k++) {
                features[k][i] = row[k];
            }
        }
    }

    /** Number of rows n. */
    public int rows() {
        return n;
    }

    /** Number of features d. */
    public int width() {
        return d;
    }

    /**
     * out[i] = start + Σ_{k &lt; d} w[k] x_ik for every row i (w may be longer than d, e.g. a
     * hyperplane with its bias last; out at least n long).
     */
    public void products(double[] w, double start, double[] out) {
        java.util.Arrays.fill(out, 0, n, start);
        int k = 0;
        // four features per pass over out: each sum still adds their terms one at a time, k ascending
        for (; k + 3 < d; k += 4) {
            double w0 = w[k];
            double w1 = w[k + 1];
            double w2 = w[k + 2];
            double w3 = w[k + 3];
            double[] f0 = features[k];
            double[] f1 = features[k + 1];
            double[] f2 = features[k + 2];
            double[] f3 = features[k + 3];
            addFour(out, w0, f0, w1, f1, w2, f2, w3, f3, n);
        }
        for (; k < d; k++) {
            addOne(out, w[k], features[k], n);
        }
    }

    // The passes over the sums are methods of their own, so C2 compiles the small loop alone (measured in the
    // paper setting's 1,000 patterns: at the loop, 7-12 ms of the one C2 thread of a 2-core machine). As loops
    // inside products, C2 compiled all of products at its inner loop (on-stack replacement, about 20 ms), near
    // the end of the sampling and up to 15 ms into the first solve after it.

    /** out[i] = out[i] + w0·f0[i] + w1·f1[i] + w2·f2[i] + w3·f3[i], in that order, for i in [0, n). */
    private static void addFour(double[] out, double w0, double[] f0, double w1, double[] f1, double w2, double[] f2,
                                double w3, double[] f3, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = out[i] + w0 * f0[i] + w1 * f1[i] + w2 * f2[i] + w3 * f3[i];
        }
    }

    /** out[i] += weight·feature[i] for i in [0, n). */
    private static void addOne(double[] out, double weight, double[] feature, int n) {
        for (int i = 0; i < n; i++) {
            out[i] += weight * feature[i];
        }
    }

    /** The pattern 1{xt_i · u ≥ 0} of a hyperplane u = (w, b), packed as {@link PatternMatrix#pattern}. */
    public long[] pattern(double[] u) {
        return pattern(u, new double[n]);
    }

    /** {@link #pattern(double[])} with the products in {@code z} (at least n long; scratch). */
    long[] pattern(double[] u, double[] z) {
        products(u, u[d], z);
        return PatternMatrix.pack(z, n);
    }
}
