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
        double scale = 0;
        for (double[] point : points) {
            scale = Math.max(scale, Math.max(Math.abs(point[0]), Math.abs(point[1])));
        }
        int[] line = new int[m];
        double[] along = new double[m];
        long[] plus = new long[words];
        for (int a = 0; a < m; a++) {
            cancellation.check();
            double[] pa = points.get(a);
            for (int b = a + 1; b < m; b++) {
                double[] pb = points.get(b);
                double dx = pb[0] - pa[0];
                double dy = pb[1] - pa[1];
                double length = Math.hypot(dx, dy);
                double tolerance = 1e-12 * Math.max(scale, 1.0) * length;
                Arrays.fill(plus, 0L);
                int onLine = 0;
                for (int p = 0; p < m; p++) {
                    double[] q = points.get(p);
                    double rx = q[0] - pa[0];
                    double ry = q[1] - pa[1];
                    double side = dx * ry - dy * rx; // normal (-dy, dx) . (q - pa)
                    if (side > tolerance) {
                        adder.or(plus, p);
                    } else if (side >= -tolerance) {
                        line[onLine] = p;
                        along[onLine++] = dx * rx + dy * ry;
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
