package org.heaviside.solver;

/**
 * A Cholesky factor L kept by columns (column j holds L_ij at index i for the rows i = j..m−1; its first
 * j places are unused), with the arithmetic of {@link GramSubproblem#factor} and
 * {@link GramSubproblem#solveFactored} entry for entry, and for the removal that of plain Givens rotations
 * row by row: every entry gets the same subtractions in the same order (k ascending in the factor and the
 * forward substitution, i descending in the back substitution, the same rotations in the removal), so the
 * bits are those of the row layout. What changes is the loop order: the factor, the forward substitution
 * and the removal's rotations become updates of whole columns (x[i] −= y[i]·s over contiguous i, the
 * same index on both sides), which the JIT vectorizes, where the row layout runs as sums of one row at
 * a time (each bound by the latency of its chain of subtractions).
 */
final class ColumnCholesky {

    /** The columns; those from {@link #size} on are no longer part of the factor. */
    private final double[][] columns;
    private int size;

    private ColumnCholesky(double[][] columns, int size) {
        this.columns = columns;
        this.size = size;
    }

    /**
     * The factor of the symmetric m × m matrix given by its lower triangle in the first m columns
     * (column j, at least m long, holds A_ij at index i for i ≥ j; overwritten, the rest is not
     * read), or null when it is not positive definite.
     */
    static ColumnCholesky factor(double[][] columns, int m) {
        return SupportAlgebra.factorColumns(columns, m) ? new ColumnCholesky(columns, m) : null;
    }

    /** The order of the factor. */
    int size() {
        return size;
    }

    /** L_ij for i ≥ j (for tests). */
    double entry(int i, int j) {
        return columns[j][i];
    }

    /** Solves L Lᵀ x = rhs (its first {@link #size} entries; rhs is read only). */
    double[] solve(double[] rhs) {
        return solve(rhs, new double[size]);
    }

    /** As {@link #solve(double[])}, x written into the first {@link #size} entries of y (returned). */
    double[] solve(double[] rhs, double[] y) {
        int m = size;
        System.arraycopy(rhs, 0, y, 0, m);
        // the blocks of four columns are methods of their own (called about m/4 times per solve, the JIT
        // compiles them within a fresh JVM's first polish, where the loops here ran interpreted for hundreds
        // of solves)
        int k = 0;
        // L y = rhs by columns, four at a time: y_k is known once the columns before it are subtracted
        for (; k + 3 < m; k += 4) {
            forwardFour(y, k, m);
        }
        for (; k < m; k++) {
            double[] c = columns[k];
            double value = y[k] / c[k];
            y[k] = value;
            SupportAlgebra.subtract(y, value, c, k + 1, m);
        }
        // Lᵀ x = y: x_k = (y_k − Σ_{i>k, i descending} L_ik x_i) / L_kk, four columns per pass over x
        k = m - 1;
        double[] sums = new double[4];
        for (; k >= 3; k -= 4) {
            backwardFour(y, k, m, sums);
        }
        for (; k >= 0; k--) {
            double[] c = columns[k];
            y[k] = lessDotDown(y[k], c, y, k + 1, m) / c[k];
        }
        return y;
    }

    /** Forward substitution's columns k..k+3: their four y, then their terms subtracted from the rows below. */
    private void forwardFour(double[] y, int k, int m) {
        double[] c0 = columns[k];
        double[] c1 = columns[k + 1];
        double[] c2 = columns[k + 2];
        double[] c3 = columns[k + 3];
        double y0 = y[k] / c0[k];
        y[k + 1] -= c0[k + 1] * y0;
        double y1 = y[k + 1] / c1[k + 1];
        y[k + 2] -= c0[k + 2] * y0;
        y[k + 2] -= c1[k + 2] * y1;
        double y2 = y[k + 2] / c2[k + 2];
        y[k + 3] -= c0[k + 3] * y0;
        y[k + 3] -= c1[k + 3] * y1;
        y[k + 3] -= c2[k + 3] * y2;
        double y3 = y[k + 3] / c3[k + 3];
        y[k] = y0;
        y[k + 1] = y1;
        y[k + 2] = y2;
        y[k + 3] = y3;
        SupportAlgebra.subtract(y, y0, c0, y1, c1, y2, c2, y3, c3, k + 4, m);
    }

    /** Back substitution's x_k..x_{k−3} from the known x below them ({@code sums}: scratch of four). */
    private void backwardFour(double[] y, int k, int m, double[] sums) {
        double[] c0 = columns[k];
        double[] c1 = columns[k - 1];
        double[] c2 = columns[k - 2];
        double[] c3 = columns[k - 3];
        sums[0] = y[k];
        sums[1] = y[k - 1];
        sums[2] = y[k - 2];
        sums[3] = y[k - 3];
        subtractDots(sums, c0, c1, c2, c3, y, k + 1, m);
        double s1 = sums[1];
        double s2 = sums[2];
        double s3 = sums[3];
        double x0 = sums[0] / c0[k];
        s1 -= c1[k] * x0;
        double x1 = s1 / c1[k - 1];
        s2 -= c2[k] * x0;
        s2 -= c2[k - 1] * x1;
        double x2 = s2 / c2[k - 2];
        s3 -= c3[k] * x0;
        s3 -= c3[k - 1] * x1;
        s3 -= c3[k - 2] * x2;
        y[k] = x0;
        y[k - 1] = x1;
        y[k - 2] = x2;
        y[k - 3] = s3 / c3[k - 3];
    }

    /** sum − Σ c[i]·y[i] for i from to − 1 down to from, each term subtracted in that order. */
    private static double lessDotDown(double sum, double[] c, double[] y, int from, int to) {
        for (int i = to - 1; i >= from; i--) {
            sum -= c[i] * y[i];
        }
        return sum;
    }

    /**
     * Removes row and column r: the factor of the matrix without them (the trailing columns absorb the
     * removed column by a rank-one update, Givens rotations of [L₂₂ v], each diagonal staying positive).
     */
    void remove(int r) {
        int m = size;
        double[] removed = columns[r];
        // the rows below r move up one place in every column: here in the columns left of r, in the trailing
        // columns as their rotations read them (one pass over each instead of a copy, then a rotation)
        for (int k = 0; k < r; k++) {
            System.arraycopy(columns[k], r + 1, columns[k], r, m - r - 1);
        }
        // v_i for the rows from r on (renumbered): the removed column's entries below its diagonal
        double[] v = removed;
        System.arraycopy(removed, r + 1, v, r, m - 1 - r);
        System.arraycopy(columns, r + 1, columns, r, m - 1 - r);
        size = m - 1;
        for (int k = r; k < m - 1; k++) {
            rotateColumn(columns[k], v, k, m - 1);
        }
        columns[m - 1] = removed;
    }

    /**
     * Column k of the factor after a removal (its rows still one place down, in c): the rotation of its
     * diagonal with v_k zeroes v_k, then the same rotation of the pairs (c[i + 1], v[i]) for the rows i in
     * [k + 1, to) below it, c's result written one place up (at i: the row below moves up as it is rotated).
     * Four pairs a pass, each rotated as in the plain loop: the plain loop was compiled by C2 at the loop first,
     * then whole, in a fresh JVM (as GramSubproblem's row update). The rotation's pairs are in this method, not
     * in one of their own: C2 compiled that one, then this one with it inlined (about 7 ms and 11 ms of the one
     * C2 thread's time inside a fresh JVM's first solve).
     */
    private static void rotateColumn(double[] c, double[] v, int k, int to) {
        double diagonal = c[k + 1];
        double x = v[k];
        double root = Math.sqrt(diagonal * diagonal + x * x);
        double cosine = diagonal / root;
        double sine = x / root;
        c[k] = root;
        int i = k + 1;
        for (; i + 3 < to; i += 4) {
            double entry0 = c[i + 1];
            double carried0 = v[i];
            c[i] = cosine * entry0 + sine * carried0;
            v[i] = cosine * carried0 - sine * entry0;
            double entry1 = c[i + 2];
            double carried1 = v[i + 1];
            c[i + 1] = cosine * entry1 + sine * carried1;
            v[i + 1] = cosine * carried1 - sine * entry1;
            double entry2 = c[i + 3];
            double carried2 = v[i + 2];
            c[i + 2] = cosine * entry2 + sine * carried2;
            v[i + 2] = cosine * carried2 - sine * entry2;
            double entry3 = c[i + 4];
            double carried3 = v[i + 3];
            c[i + 3] = cosine * entry3 + sine * carried3;
            v[i + 3] = cosine * carried3 - sine * entry3;
        }
        for (; i < to; i++) {
            double entry = c[i + 1];
            double carried = v[i];
            c[i] = cosine * entry + sine * carried;
            v[i] = cosine * carried - sine * entry;
        }
    }

    // The loops below (and the factor's and forward substitution's in SupportAlgebra) are small methods
    // of their own: they are hot from the first factor on, so the JIT compiles them fully after a few
    // hundred calls while the methods around them may still be running in their first tiers (a fresh
    // JVM's warm-up).

    /** sums[t] −= c_t[i]·y[i] for i from to − 1 down to from (four sums, each in that order). */
    private static void subtractDots(double[] sums, double[] c0, double[] c1, double[] c2, double[] c3, double[] y,
                                     int from, int to) {
        double s0 = sums[0];
        double s1 = sums[1];
        double s2 = sums[2];
        double s3 = sums[3];
        int i = to - 1;
        // two rows a pass (each sum still takes its terms one at a time, i descending)
        for (; i - 1 >= from; i -= 2) {
            double known = y[i];
            s0 -= c0[i] * known;
            s1 -= c1[i] * known;
            s2 -= c2[i] * known;
            s3 -= c3[i] * known;
            double next = y[i - 1];
            s0 -= c0[i - 1] * next;
            s1 -= c1[i - 1] * next;
            s2 -= c2[i - 1] * next;
            s3 -= c3[i - 1] * next;
        }
        for (; i >= from; i--) {
            double known = y[i];
            s0 -= c0[i] * known;
            s1 -= c1[i] * known;
            s2 -= c2[i] * known;
            s3 -= c3[i] * known;
        }
        sums[0] = s0;
        sums[1] = s1;
        sums[2] = s2;
        sums[3] = s3;
    }
}
