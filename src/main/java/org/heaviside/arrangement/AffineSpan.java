package org.heaviside.arrangement;

import java.math.BigDecimal;

/**
 * The affine span of data rows: its dimension (so rank(Xt) = dimension + 1) and, when it is at
 * most {@link #MAX_COORDINATES}, coordinates of every row that the span maps onto one to one.
 *
 * <p>Up to dimension 2 everything is exact: the rows are doubles, exact binary fractions, so
 * differences and 2 x 2 minors of them are computed exactly in decimal arithmetic; a tiny real third
 * direction counts as one, and no rounding makes a span look larger. The coordinates are then one or
 * two of the rows' own columns, chosen so that projecting the span onto them is an affine bijection
 * (a non-zero minor): dichotomies by hyperplanes are unchanged, and the values stay exact, so
 * {@link ExactEnumeration}'s exact predicates see the points as they are. Above dimension 2 the
 * dimension comes from modified Gram-Schmidt with a relative tolerance of 1e-9 (a residual that large
 * is a real direction, and at least 3 is known exactly).
 *
 * @param dimension   dimension of the affine span (0 when all rows are equal)
 * @param coordinates n x dimension coordinates, or null when the dimension is above the maximum
 */
public record AffineSpan(int dimension, double[][] coordinates) {

    /** Largest span dimension for which coordinates are produced (exact enumeration works up to 2). */
    public static final int MAX_COORDINATES = 2;

    /** Computes the span (exactly up to dimension 2, see the class comment). */
    public static AffineSpan of(double[][] x) {
        int n = x.length;
        int rounded = roundedDimension(x);
        if (rounded > MAX_COORDINATES) {
            return new AffineSpan(rounded, null);
        }
        int d = x[0].length;
        // exact: v1 = first row that differs from row 0, v2 = first row off the line, reduced so that
        // v2[k1] = 0; a row off the plane makes the dimension 3
        BigDecimal[] base = decimals(x[0]);
        BigDecimal[] v1 = null;
        BigDecimal[] v2 = null;
        int k1 = -1;
        int k2 = -1;
        for (int i = 1; i < n; i++) {
            BigDecimal[] w = difference(x[i], base);
            if (v1 == null) {
                k1 = pivot(w);
                if (k1 >= 0) {
                    v1 = w;
                }
                continue;
            }
            BigDecimal[] r = eliminate(w, v1, k1);
            if (v2 != null) {
                r = eliminate(r, v2, k2);
            }
            int k = pivot(r);
            if (k >= 0) {
                if (v2 != null) {
                    return new AffineSpan(Math.max(3, rounded), null);
                }
                v2 = r;
                k2 = k;
            }
        }
        int dimension = v1 == null ? 0 : v2 == null ? 1 : 2;
        int[] columns = dimension == 0 ? new int[0] : dimension == 1 ? new int[] {k1} : new int[] {k1, k2};
        double[][] coordinates = new double[n][dimension];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < dimension; c++) {
                coordinates[i][c] = x[i][columns[c]];
            }
        }
        return new AffineSpan(dimension, coordinates);
    }

    private static BigDecimal[] decimals(double[] row) {
        BigDecimal[] out = new BigDecimal[row.length];
        for (int k = 0; k < row.length; k++) {
            out[k] = new BigDecimal(row[k]);
        }
        return out;
    }

    private static BigDecimal[] difference(double[] row, BigDecimal[] base) {
        BigDecimal[] out = new BigDecimal[row.length];
        for (int k = 0; k < row.length; k++) {
            out[k] = new BigDecimal(row[k]).subtract(base[k]);
        }
        return out;
    }

    /** The first non-zero column, or −1. */
    private static int pivot(BigDecimal[] v) {
        for (int k = 0; k < v.length; k++) {
            if (v[k].signum() != 0) {
                return k;
            }
        }
        return -1;
    }

    /** w·v[k] − v·w[k]: zero in column k, and zero everywhere exactly when w is a multiple of v. */
    private static BigDecimal[] eliminate(BigDecimal[] w, BigDecimal[] v, int k) {
        BigDecimal[] out = new BigDecimal[w.length];
        for (int c = 0; c < w.length; c++) {
            out[c] = w[c].multiply(v[k]).subtract(v[c].multiply(w[k]));
        }
        return out;
    }

    /** The dimension by modified Gram-Schmidt on the centred rows, tolerance 1e-9 relative. */
    private static int roundedDimension(double[][] x) {
        int n = x.length;
        int d = x[0].length;
        double[] mean = new double[d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                mean[k] += row[k] / n;
            }
        }
        // orthonormal basis of the row space of the centred data, built from its rows
        double[][] basis = new double[Math.min(d, n)][];
        int rank = 0;
        double scale = 0;
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                scale = Math.max(scale, Math.abs(row[k] - mean[k]));
            }
        }
        double tolerance = 1e-9 * Math.max(scale, 1e-300);
        for (int i = 0; i < n && rank < basis.length; i++) {
            double[] v = new double[d];
            for (int k = 0; k < d; k++) {
                v[k] = x[i][k] - mean[k];
            }
            for (int pass = 0; pass < 2; pass++) { // re-orthogonalize once for stability
                for (int b = 0; b < rank; b++) {
                    double dot = 0;
                    for (int k = 0; k < d; k++) {
                        dot += v[k] * basis[b][k];
                    }
                    for (int k = 0; k < d; k++) {
                        v[k] -= dot * basis[b][k];
                    }
                }
            }
            double norm = 0;
            for (double value : v) {
                norm += value * value;
            }
            norm = Math.sqrt(norm);
            if (norm > tolerance) {
                for (int k = 0; k < d; k++) {
                    v[k] /= norm;
                }
                basis[rank++] = v;
            }
        }
        return rank;
    }

    /** rank(Xt) = rank of the rows with a column of ones appended. */
    public int augmentedRank() {
        return dimension + 1;
    }
}
