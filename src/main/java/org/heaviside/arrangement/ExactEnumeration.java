package org.heaviside.arrangement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.heaviside.run.Cancellation;

/**
 * Every affine dichotomy 1{xt . u >= 0} of points whose affine span has dimension at most 2.
 *
 * <p>Dimension 1: the upper and lower sets of the sorted distinct values. Dimension 2: any
 * separable dichotomy with both sides non-empty has a separating line that can be moved onto two
 * of the points; so for each pair of distinct points, with the line through them, the points
 * strictly on its positive side, plus a prefix or a suffix (in order along the line) of the points
 * on it, and the complements of those sets, are all the dichotomies there are. Equal points always
 * share a side, so the work is done on distinct points.
 *
 * <p>Every predicate is exact: which side of a line a point lies on is the sign of a 2 x 2
 * determinant of coordinate differences, decided in floating point when the result clears
 * Shewchuk's error bound (Discrete Comput. Geom. 18, 1997) and otherwise in exact decimal arithmetic
 * (a double is an exact binary fraction); the order of points on a line compares their coordinates.
 * So nearly collinear points are never merged, and collinear ones never split.
 */
public final class ExactEnumeration {

    private ExactEnumeration() {
    }

    /**
     * Adds every non-empty dichotomy of the rows to the matrix (generators null: an enumerated
     * pattern's hyperplane is fitted when it is needed).
     *
     * @param coordinates n x k coordinates with k <= 2 (see {@link AffineSpan})
     * @return the number of distinct dichotomies, counting the empty one (the matrix must hold
     *         only patterns of these rows)
     */
    public static int enumerate(PatternMatrix matrix, double[][] coordinates, Cancellation cancellation) {
        int n = coordinates.length;
        int dim = n == 0 ? 0 : coordinates[0].length;
        if (dim > 2) {
            throw new IllegalArgumentException("Exact enumeration needs data spanning at most 2 dimensions, not " + dim);
        }
        // distinct points and the rows of each
        Map<List<Double>, Integer> ids = new HashMap<>();
        List<double[]> points = new ArrayList<>();
        List<int[]> members = new ArrayList<>();
        int[] pointOf = new int[n];
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            List<Double> key = new ArrayList<>(dim);
            for (double v : coordinates[i]) {
                key.add(v == 0.0 ? 0.0 : v);
            }
            Integer id = ids.get(key);
            if (id == null) {
                id = points.size();
                ids.put(key, id);
                points.add(coordinates[i]);
            }
            pointOf[i] = id;
            counts[id]++;
        }
        int m = points.size();
        for (int p = 0; p < m; p++) {
            members.add(new int[counts[p]]);
        }
        int[] fill = new int[m];
        for (int i = 0; i < n; i++) {
            members.get(pointOf[i])[fill[pointOf[i]]++] = i;
        }
        int words = matrix.words();
        long[] full = new long[words];
        for (int i = 0; i < n; i++) {
            full[i >>> 6] |= 1L << (i & 63);
        }
        Adder adder = new Adder(matrix, members, full);
        adder.add(full.clone()); // all ones
        if (dim == 0 || m == 1) {
            return adder.distinct() + 1;
        }
        if (dim == 1) {
            Integer[] order = new Integer[m];
            for (int p = 0; p < m; p++) {
                order[p] = p;
            }
            Arrays.sort(order, (a, b) -> Double.compare(points.get(a)[0], points.get(b)[0]));
            long[] prefix = new long[words];
            for (int k = 0; k < m - 1; k++) {
                adder.or(prefix, order[k]);
                adder.addWithComplement(prefix);
            }
            return adder.distinct() + 1;
        }
        int[] line = new int[m];
        double[] along = new double[m];
        long[] plus = new long[words];
        for (int a = 0; a < m; a++) {
            cancellation.check();
            double[] pa = points.get(a);
            for (int b = a + 1; b < m; b++) {
                double[] pb = points.get(b);
                // points on the line are ordered by one coordinate that changes along it
                int axis = pb[0] != pa[0] ? 0 : 1;
                double direction = Math.signum(pb[axis] - pa[axis]);
                Arrays.fill(plus, 0L);
                int onLine = 0;
                for (int p = 0; p < m; p++) {
                    double[] q = points.get(p);
                    int side = orientation(pa, pb, q);
                    if (side > 0) {
                        adder.or(plus, p);
                    } else if (side == 0) {
                        line[onLine] = p;
                        along[onLine++] = direction * q[axis];
                    }
                }
                sortByAlong(line, along, onLine);
                // plus + prefix_k and plus + suffix_k of the points on the line, k = 0..onLine
                long[] candidate = plus.clone();
                adder.addWithComplement(candidate);
                for (int k = 0; k < onLine; k++) {
                    adder.or(candidate, line[k]);
                    adder.addWithComplement(candidate);
                }
                candidate = plus.clone();
                for (int k = onLine - 1; k > 0; k--) {
                    adder.or(candidate, line[k]);
                    adder.addWithComplement(candidate);
                }
            }
        }
        return adder.distinct() + 1;
    }

    /** Machine epsilon of Shewchuk's predicates, 2^-53. */
    private static final double EPSILON = 0x1p-53;
    /** His error bound of the floating-point 2 x 2 orientation determinant. */
    private static final double ORIENTATION_BOUND = (3.0 + 16.0 * EPSILON) * EPSILON;

    /**
     * The exact sign of (b − a) × (c − a): +1 when c is left of the line from a to b (on the side of
     * the normal (−(b_y − a_y), b_x − a_x)), −1 right of it, 0 on it.
     */
    static int orientation(double[] a, double[] b, double[] c) {
        double left = (b[0] - a[0]) * (c[1] - a[1]);
        double right = (b[1] - a[1]) * (c[0] - a[0]);
        double determinant = left - right;
        if (Math.abs(determinant) > ORIENTATION_BOUND * (Math.abs(left) + Math.abs(right))) {
            return determinant > 0 ? 1 : -1;
        }
        java.math.BigDecimal ax = new java.math.BigDecimal(a[0]);
        java.math.BigDecimal ay = new java.math.BigDecimal(a[1]);
        java.math.BigDecimal exact = new java.math.BigDecimal(b[0]).subtract(ax)
                .multiply(new java.math.BigDecimal(c[1]).subtract(ay))
                .subtract(new java.math.BigDecimal(b[1]).subtract(ay).multiply(new java.math.BigDecimal(c[0]).subtract(ax)));
        return exact.signum();
    }

    private static void sortByAlong(int[] line, double[] along, int count) {
        // insertion sort: the points on one line are few unless the data is degenerate
        for (int i = 1; i < count; i++) {
            int p = line[i];
            double t = along[i];
            int j = i - 1;
            while (j >= 0 && along[j] > t) {
                line[j + 1] = line[j];
                along[j + 1] = along[j];
                j--;
            }
            line[j + 1] = p;
            along[j + 1] = t;
        }
    }

    /** Adds packed candidates, expanding distinct points to their rows and counting distinct sets. */
    private static final class Adder {
        private final PatternMatrix matrix;
        private final List<int[]> members;
        private final long[] full;
        private final long[] complement;

        Adder(PatternMatrix matrix, List<int[]> members, long[] full) {
            this.matrix = matrix;
            this.members = members;
            this.full = full;
            this.complement = new long[full.length];
        }

        void or(long[] packed, int point) {
            for (int row : members.get(point)) {
                packed[row >>> 6] |= 1L << (row & 63);
            }
        }

        void add(long[] packed) {
            matrix.add(packed, null, "enumerated");
        }

        void addWithComplement(long[] packed) {
            add(packed);
            for (int w = 0; w < full.length; w++) {
                complement[w] = full[w] & ~packed[w];
            }
            add(complement);
        }

        /**
         * Distinct non-empty dichotomies: every column of the matrix is a dichotomy of these rows,
         * so after enumeration the matrix holds exactly all of them.
         */
        int distinct() {
            return matrix.columns();
        }
    }
}
