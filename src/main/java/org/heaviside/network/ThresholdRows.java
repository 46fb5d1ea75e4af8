package org.heaviside.network;

import java.util.stream.IntStream;

/**
 * Threshold units on many rows at once: the weights transposed so that each row's pre-activations
 * are built neuron-parallel (the loop the JIT vectorizes) while each one is still summed as the
 * one-row loops sum it, bias first, then the inputs in order. Only the sign of a pre-activation is
 * used, so terms of an exact zero input are left out when every weight is finite (they add ±0).
 * Rows are independent and split in blocks over the cores.
 */
final class ThresholdRows {

    private static final int BLOCK = 32;

    private final double[][] transposed; // d + 1 rows of m, bias last
    private final boolean skipZeros;
    private final int width;

    /** For m neurons, each d weights then the bias. */
    ThresholdRows(double[][] weights) {
        width = weights.length;
        int columns = width == 0 ? 1 : weights[0].length;
        transposed = new double[columns][width];
        boolean finite = true;
        for (int j = 0; j < width; j++) {
            for (int k = 0; k < columns; k++) {
                double w = weights[j][k];
                transposed[k][j] = w;
                finite &= Double.isFinite(w);
            }
        }
        skipZeros = finite;
    }

    /** z_j = b_j + Σ_k w_jk x_k, in the order of k. */
    void preActivations(double[] x, double[] z) {
        int d = transposed.length - 1;
        System.arraycopy(transposed[d], 0, z, 0, width);
        for (int k = 0; k < d; k++) {
            double xk = x[k];
            if (xk == 0 && skipZeros) {
                continue;
            }
            double[] w = transposed[k];
            for (int j = 0; j < width; j++) {
                z[j] += w[j] * xk;
            }
        }
    }

    int width() {
        return width;
    }

    /** What to do with a row's pre-activations. */
    @FunctionalInterface
    interface RowBody {
        void row(int i, double[] z);
    }

    /** Computes every row's pre-activations and hands them to {@code body}; blocks of rows run in parallel. */
    void forEachRow(double[][] x, RowBody body) {
        int rows = x.length;
        int blocks = (rows + BLOCK - 1) / BLOCK;
        IntStream stream = IntStream.range(0, blocks);
        if (rows * (long) width * transposed.length > 200_000) {
            stream = stream.parallel();
        }
        stream.forEach(b -> {
            double[][] z = new double[4][width];
            int end = Math.min(rows, (b + 1) * BLOCK);
            int i = b * BLOCK;
            for (; i + 3 < end; i += 4) {
                preActivations(x, i, z);
                for (int r = 0; r < 4; r++) {
                    body.row(i + r, z[r]);
                }
            }
            for (; i < end; i++) {
                preActivations(x[i], z[0]);
                body.row(i, z[0]);
            }
        });
    }

    /**
     * The pre-activations of rows i..i+3 into z[0..3]: each weight row is read once for the four, and
     * each row's sums are those of {@link #preActivations(double[], double[])} (same terms, same order).
     */
    void preActivations(double[][] x, int i, double[][] z) {
        int d = transposed.length - 1;
        double[] z0 = z[0];
        double[] z1 = z[1];
        double[] z2 = z[2];
        double[] z3 = z[3];
        for (double[] row : z) {
            System.arraycopy(transposed[d], 0, row, 0, width);
        }
        double[] x0 = x[i];
        double[] x1 = x[i + 1];
        double[] x2 = x[i + 2];
        double[] x3 = x[i + 3];
        for (int k = 0; k < d; k++) {
            double[] w = transposed[k];
            double a0 = x0[k];
            double a1 = x1[k];
            double a2 = x2[k];
            double a3 = x3[k];
            if (skipZeros && (a0 == 0 || a1 == 0 || a2 == 0 || a3 == 0)) {
                // a zero input's terms are left out, as in the one-row loop
                add(w, a0, z0);
                add(w, a1, z1);
                add(w, a2, z2);
                add(w, a3, z3);
                continue;
            }
            for (int j = 0; j < width; j++) {
                double weight = w[j];
                z0[j] += weight * a0;
                z1[j] += weight * a1;
                z2[j] += weight * a2;
                z3[j] += weight * a3;
            }
        }
    }

    private void add(double[] w, double xk, double[] z) {
        if (xk == 0) {
            return;
        }
        for (int j = 0; j < width; j++) {
            z[j] += w[j] * xk;
        }
    }
}
