package org.heaviside.solver;

import org.heaviside.run.Cancellation;

/**
 * Cholesky factorisation A = LLᵀ of a symmetric positive definite matrix held as its lower rows (row i:
 * entries 0..i, factored in place): the project's row-layout factor ({@link GramSubproblem#factor} is this on one
 * thread), for the Newton steps of the block model ({@link BlockSubproblem}), whose supports reach a few thousand
 * coordinates. Left-looking by panels of {@value #PANEL} columns: the rows below a panel are independent given the
 * panel's diagonal block, so they are shared among threads, and their products with the earlier columns run in
 * chunks of {@value #CHUNK} that keep the panel's rows in the cache (one row after another reads all earlier rows
 * from memory for each column: 0.40-0.47 s of thread CPU for 1,800 coordinates, against 0.25-0.29 s by panels).
 * Each entry is its value less its products one by one in the order of k, then divided by the diagonal, whatever
 * the panels, chunks and threads: the same bits as the plain row-by-row loops.
 */
final class PanelCholesky {

    /** Columns of one panel. */
    static final int PANEL = 64;
    /** Earlier columns per chunk of the panel's update (PANEL × CHUNK doubles: 128 kB). */
    static final int CHUNK = 256;
    /** Rows below a panel per thread at least. */
    private static final int ROWS_PER_THREAD = 64;

    private PanelCholesky() {
    }

    /** Factors {@code a} in place; false when it is not (numerically) positive definite. */
    static boolean factor(double[][] a, int threads) {
        return factor(a, threads, Cancellation.NEVER);
    }

    /**
     * As above, polling {@code cancellation} once per panel: false also when the run is cancelled (then
     * {@code a} is factored up to a panel's edge only).
     */
    static boolean factor(double[][] a, int threads, Cancellation cancellation) {
        int m = a.length;
        for (int j0 = 0; j0 < m; j0 += PANEL) {
            if (cancellation.isCancelled()) {
                return false;
            }
            int j1 = Math.min(m, j0 + PANEL);
            // the panel's diagonal block, row by row
            for (int i = j0; i < j1; i++) {
                double[] rowI = a[i];
                for (int j = j0; j <= i; j++) {
                    double[] rowJ = a[j];
                    double sum = rowI[j];
                    for (int k = 0; k < j; k++) {
                        sum -= rowI[k] * rowJ[k];
                    }
                    if (j < i) {
                        rowI[j] = sum / rowJ[j];
                    } else if (sum > 0) {
                        rowI[i] = Math.sqrt(sum);
                    } else {
                        return false;
                    }
                }
            }
            int below = m - j1;
            if (below == 0) {
                break;
            }
            int from0 = j0;
            int to0 = j1;
            BitKernels.run(below, threads, ROWS_PER_THREAD, "the Cholesky factorisation",
                    (from, to) -> panelRows(a, from0, to0, j1 + from, j1 + to));
        }
        return true;
    }

    /** The panel's columns [j0, j1) of the rows [from, to) (all below the panel). */
    private static void panelRows(double[][] a, int j0, int j1, int from, int to) {
        // the earlier columns' products, chunk by chunk, four rows and two columns at a time
        for (int k0 = 0; k0 < j0; k0 += CHUNK) {
            int k1 = Math.min(j0, k0 + CHUNK);
            int i = from;
            for (; i + 3 < to; i += 4) {
                double[] r0 = a[i];
                double[] r1 = a[i + 1];
                double[] r2 = a[i + 2];
                double[] r3 = a[i + 3];
                int j = j0;
                for (; j + 1 < j1; j += 2) {
                    double[] p = a[j];
                    double[] p1 = a[j + 1];
                    // each entry less its products one by one in the order of k: the row-by-row loops' bits
                    double s00 = r0[j];
                    double s01 = r0[j + 1];
                    double s10 = r1[j];
                    double s11 = r1[j + 1];
                    double s20 = r2[j];
                    double s21 = r2[j + 1];
                    double s30 = r3[j];
                    double s31 = r3[j + 1];
                    for (int k = k0; k < k1; k++) {
                        double l0 = p[k];
                        double l1 = p1[k];
                        s00 -= r0[k] * l0;
                        s01 -= r0[k] * l1;
                        s10 -= r1[k] * l0;
                        s11 -= r1[k] * l1;
                        s20 -= r2[k] * l0;
                        s21 -= r2[k] * l1;
                        s30 -= r3[k] * l0;
                        s31 -= r3[k] * l1;
                    }
                    r0[j] = s00;
                    r0[j + 1] = s01;
                    r1[j] = s10;
                    r1[j + 1] = s11;
                    r2[j] = s20;
                    r2[j + 1] = s21;
                    r3[j] = s30;
                    r3[j + 1] = s31;
                }
                for (; j < j1; j++) {
                    r0[j] = less(r0[j], r0, a[j], k0, k1);
                    r1[j] = less(r1[j], r1, a[j], k0, k1);
                    r2[j] = less(r2[j], r2, a[j], k0, k1);
                    r3[j] = less(r3[j], r3, a[j], k0, k1);
                }
            }
            for (; i < to; i++) {
                for (int j = j0; j < j1; j++) {
                    a[i][j] = less(a[i][j], a[i], a[j], k0, k1);
                }
            }
        }
        // the panel's own columns: a triangular solve with its diagonal block
        for (int i = from; i < to; i++) {
            double[] rowI = a[i];
            for (int j = j0; j < j1; j++) {
                double[] rowJ = a[j];
                rowI[j] = less(rowI[j], rowI, rowJ, j0, j) / rowJ[j];
            }
        }
    }

    /** entry − x_k y_k for k = from … to − 1, one product after another. */
    private static double less(double entry, double[] x, double[] y, int from, int to) {
        double sum = entry;
        for (int k = from; k < to; k++) {
            sum -= x[k] * y[k];
        }
        return sum;
    }

    private static double dot(double[] x, double[] y, int from, int to) {
        double sum = 0;
        for (int k = from; k < to; k++) {
            sum += x[k] * y[k];
        }
        return sum;
    }

    /** Solves L z = e_at (the unit vector) in place of a new vector: z is zero before {@code at}. */
    static double[] forwardUnit(double[][] l, int at) {
        int m = l.length;
        double[] z = new double[m];
        z[at] = 1 / l[at][at];
        for (int i = at + 1; i < m; i++) {
            double[] row = l[i];
            z[i] = -dot(row, z, at, i) / row[i];
        }
        return z;
    }

    /** Solves Lᵀ x = y in place (y becomes x): the row layout's back substitution, shared with the solves. */
    static void backward(double[][] l, double[] y) {
        GramSubproblem.backSubstitution(l, y, l.length);
    }
}
