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
            double[] z = new double[width];
            for (int i = b * BLOCK; i < Math.min(rows, (b + 1) * BLOCK); i++) {
                preActivations(x[i], z);
                body.row(i, z);
            }
        });
    }
}
