package org.heaviside.solver;

/**
 * Dense kernels of the Newton steps on the support ({@link GramSubproblem}): the Cholesky factor by
 * columns (of M = G_SS + diag(λ) and of the capacitance matrix for several outputs, and of the one-output
 * polish's support Gram through {@link ColumnCholesky}), M⁻¹ from a factor, and the column loops they
 * and {@link ColumnCholesky} share.
 *
 * <p>Every entry gets the same operations in the same order as the row-oriented
 * {@link GramSubproblem#factor} and the plain loops of the inverse (so the same bits: the factor
 * subtracts the terms l_ik·l_jk from entry (i, j) in ascending k, as the row layout does).
 * The work is done in a few small loops over contiguous index ranges (y −= Σ_q a_q·x_q, four sources
 * at a time so that y is read and written once per four terms), which the JIT compiles after a few
 * hundred calls and vectorizes. Triangular loops inside large methods were compiled late in a fresh
 * JVM, several times over (on-stack replacement, then deoptimized when a loop's trip count left its
 * profile), and ran interpreted meanwhile: about half of a fresh JVM's training on a small data set.
 */
final class SupportAlgebra {

    private SupportAlgebra() {
    }

    /** y[i] −= a·x[i] for i in [from, to). */
    static void subtract(double[] y, double a, double[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] -= a * x[i];
        }
    }

    /** y[i] = y[i] − a0·x0[i] − a1·x1[i] − a2·x2[i] − a3·x3[i], in that order, for i in [from, to). */
    static void subtract(double[] y, double a0, double[] x0, double a1, double[] x1, double a2, double[] x2,
                         double a3, double[] x3, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = y[i] - a0 * x0[i] - a1 * x1[i] - a2 * x2[i] - a3 * x3[i];
        }
    }

    /** out[i] = a[i] − b[i] for i in [0, length). */
    static void difference(double[] a, double[] b, int length, double[] out) {
        for (int i = 0; i < length; i++) {
            out[i] = a[i] - b[i];
        }
    }

    /** Σ a[i]·b[i] for i in [0, to), summed in ascending i from zero. */
    static double dot(double[] a, double[] b, int to) {
        double sum = 0;
        for (int i = 0; i < to; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** Whether every entry is finite. */
    static boolean finite(double[] x) {
        for (double v : x) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /** y[i] += a·x[i] for i in [0, to). */
    static void add(double[] y, double a, double[] x, int to) {
        add(y, a, x, 0, to);
    }

    /** y[i] += a·x[i] for i in [from, to). */
    static void add(double[] y, double a, double[] x, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] += a * x[i];
        }
    }

    /** y[i] = y[i] + a0·x0[i] + a1·x1[i] + a2·x2[i] + a3·x3[i], in that order, for i in [0, to). */
    static void add(double[] y, double a0, double[] x0, double a1, double[] x1, double a2, double[] x2, double a3,
                    double[] x3, int to) {
        for (int i = 0; i < to; i++) {
            y[i] = y[i] + a0 * x0[i] + a1 * x1[i] + a2 * x2[i] + a3 * x3[i];
        }
    }

    /**
     * Cholesky factor in place of a symmetric m × m matrix given by its lower triangle as columns
     * (column j, at least m long, holds rows j..m−1 at their own indices; the entries above j and the
     * columns from m on are not read); false when it is not positive definite. Left-looking: column j
     * takes the terms of the finished columns to its left, four per pass over it (each entry takes them
     * in ascending k), then its pivot. The one column factor of the support (the one-output polish's
     * {@link ColumnCholesky} and the several-output Newton steps); it has the bits of the row layout.
     */
    static boolean factorColumns(double[][] columns, int m) {
        for (int j = 0; j < m; j++) {
            if (!factorColumn(columns, j, m)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Column j of the factor from the finished columns to its left (a method per column: called m times per
     * factor, the JIT compiles it during a fresh JVM's first factors, where the loop over the columns ran
     * interpreted through them); false when its pivot is not positive.
     */
    private static boolean factorColumn(double[][] columns, int j, int m) {
        double[] target = columns[j];
        int k = 0;
        for (; k + 3 < j; k += 4) {
            double[] c0 = columns[k];
            double[] c1 = columns[k + 1];
            double[] c2 = columns[k + 2];
            double[] c3 = columns[k + 3];
            subtract(target, c0[j], c0, c1[j], c1, c2[j], c2, c3[j], c3, j, m);
        }
        for (; k < j; k++) {
            double[] c = columns[k];
            subtract(target, c[j], c, j, m);
        }
        return pivot(target, j, m);
    }

    /** Column j's diagonal becomes its root and the entries below are divided by it; false if not positive. */
    private static boolean pivot(double[] column, int j, int m) {
        double diagonal = column[j];
        if (!(diagonal > 0)) {
            return false;
        }
        double root = Math.sqrt(diagonal);
        column[j] = root;
        divide(column, root, j + 1, m);
        return true;
    }

    /** x[i] = x[i] / s for i in [from, to). */
    private static void divide(double[] x, double s, int from, int to) {
        for (int i = from; i < to; i++) {
            x[i] = x[i] / s;
        }
    }

    /** The lower triangle given by columns (as {@link #factorColumns} takes it) as rows: row i holds columns 0..i. */
    static double[][] rows(double[][] columns, int m) {
        double[][] rows = new double[m][];
        for (int i = 0; i < m; i++) {
            double[] row = new double[i + 1];
            for (int j = 0; j <= i; j++) {
                row[j] = columns[j][i];
            }
            rows[i] = row;
        }
        return rows;
    }

    /**
     * The full inverse (m rows of m) of the matrix whose Cholesky factor L is given by columns (as
     * {@link #factorColumns} leaves it): X = L⁻¹ row by row (row i: (e_i − Σ_{k&lt;i} L_ik X_k) / L_ii, the
     * terms in ascending k), then (M⁻¹)_ij = Σ_{k≥i} X_ki X_kj in ascending k for j ≤ i, mirrored.
     */
    static double[][] inverse(double[][] columns, int m) {
        return inverse(columns, m, new double[m][], new double[m][m]);
    }

    /**
     * {@link #inverse(double[][], int)} in work spaces: X's rows in {@code x} (at least m rows; a row shorter
     * than its index + 1 is replaced by a new one) and M⁻¹ in {@code inverse} (at least m rows of m), which is
     * returned. Only the first m entries of its first m rows are M⁻¹; the entries each sum reads are cleared
     * first, so a work space reused from a larger support gives the same bits as new arrays.
     */
    static double[][] inverse(double[][] columns, int m, double[][] x, double[][] inverse) {
        // one method call per row (rather than loops over all rows here): each compiles on its own, early
        for (int i = 0; i < m; i++) {
            x[i] = inverseFactorRow(columns, x, i);
        }
        for (int i = 0; i < m; i++) {
            inverseRow(x, inverse, i, m);
        }
        return inverse;
    }

    /**
     * Row i of X = L⁻¹ (entries 0..i) from its rows above: (e_i − Σ_{k&lt;i} L_ik X_k) / L_ii, terms in ascending k
     * (in x[i] when it has room, from zero).
     */
    private static double[] inverseFactorRow(double[][] columns, double[][] x, int i) {
        double[] xi = x[i] != null && x[i].length > i ? x[i] : new double[i + 1];
        java.util.Arrays.fill(xi, 0, i + 1, 0.0);
        int k = 0;
        for (; k + 3 < i; k += 4) {
            double l0 = columns[k][i];
            double l1 = columns[k + 1][i];
            double l2 = columns[k + 2][i];
            double l3 = columns[k + 3][i];
            // entries up to k take all four rows' terms; the three above k only the later rows' (X_kj = 0 for j > k)
            subtract(xi, l0, x[k], l1, x[k + 1], l2, x[k + 2], l3, x[k + 3], 0, k + 1);
            xi[k + 1] = xi[k + 1] - l1 * x[k + 1][k + 1] - l2 * x[k + 2][k + 1] - l3 * x[k + 3][k + 1];
            xi[k + 2] = xi[k + 2] - l2 * x[k + 2][k + 2] - l3 * x[k + 3][k + 2];
            xi[k + 3] -= l3 * x[k + 3][k + 3];
        }
        for (; k < i; k++) {
            subtract(xi, columns[k][i], x[k], 0, k + 1);
        }
        xi[i] = 1.0;
        double diagonal = columns[i][i];
        for (int j = 0; j <= i; j++) {
            xi[j] /= diagonal;
        }
        return xi;
    }

    /** Row i of M⁻¹ = XᵀX up to the diagonal, Σ_{k≥i} X_ki X_k with the terms in ascending k, and its mirror in column i. */
    private static void inverseRow(double[][] x, double[][] inverse, int i, int m) {
        double[] out = inverse[i];
        java.util.Arrays.fill(out, 0, i + 1, 0.0);
        int k = i;
        for (; k + 3 < m; k += 4) {
            add(out, x[k][i], x[k], x[k + 1][i], x[k + 1], x[k + 2][i], x[k + 2], x[k + 3][i], x[k + 3], i + 1);
        }
        for (; k < m; k++) {
            add(out, x[k][i], x[k], i + 1);
        }
        for (int j = 0; j < i; j++) {
            inverse[j][i] = out[j];
        }
    }

    /**
     * A X for an exactly symmetric m × m matrix given by its full rows and X as m rows of C outputs:
     * entry (i, c) is Σ_j a_ij x_jc summed in ascending j from zero, as a plain loop over row i does,
     * but taken from row j (a_ji = a_ij) so that the sums run along rows, m at a time.
     */
    static double[] symmetricProduct(double[][] a, int m, double[] x, int outputs) {
        return symmetricProduct(a, m, x, outputs, new double[outputs][m]);
    }

    /**
     * {@link #symmetricProduct(double[][], int, double[], int)} with the sums in the work space {@code columns}
     * (C arrays at least m long; their first m entries are cleared first, so the same bits as new arrays).
     */
    static double[] symmetricProduct(double[][] a, int m, double[] x, int outputs, double[][] columns) {
        for (int c = 0; c < outputs; c++) {
            java.util.Arrays.fill(columns[c], 0, m, 0.0);
        }
        for (int j = 0; j < m; j++) {
            double[] row = a[j];
            for (int c = 0; c < outputs; c++) {
                add(columns[c], x[j * outputs + c], row, m);
            }
        }
        double[] out = new double[m * outputs];
        for (int c = 0; c < outputs; c++) {
            double[] column = columns[c];
            for (int i = 0; i < m; i++) {
                out[i * outputs + c] = column[i];
            }
        }
        return out;
    }
}
