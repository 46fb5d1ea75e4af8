package org.heaviside.arrangement;

/**
 * The affine span of data rows: its dimension (so rank(Xt) = dimension + 1) and, when it is at
 * most {@link #MAX_COORDINATES}, coordinates of every row in an orthonormal basis of the span.
 * Dichotomies by hyperplanes are unchanged by this affine change of coordinates.
 *
 * @param dimension   dimension of the affine span (0 when all rows are equal)
 * @param coordinates n x dimension coordinates, or null when the dimension is above the maximum
 */
public record AffineSpan(int dimension, double[][] coordinates) {

    /** Largest span dimension for which coordinates are produced (exact enumeration works up to 2). */
    public static final int MAX_COORDINATES = 2;

    /** Computes the span by modified Gram-Schmidt on the centred rows' columns, tolerance 1e-9 relative. */
    public static AffineSpan of(double[][] x) {
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
        if (rank > MAX_COORDINATES) {
            return new AffineSpan(rank, null);
        }
        double[][] coordinates = new double[n][rank];
        for (int i = 0; i < n; i++) {
            for (int b = 0; b < rank; b++) {
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += (x[i][k] - mean[k]) * basis[b][k];
                }
                coordinates[i][b] = dot;
            }
        }
        return new AffineSpan(rank, coordinates);
    }

    /** rank(Xt) = rank of the rows with a column of ones appended. */
    public int augmentedRank() {
        return dimension + 1;
    }
}
