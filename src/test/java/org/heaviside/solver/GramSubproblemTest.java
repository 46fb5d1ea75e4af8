package org.heaviside.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GramSubproblemTest {

    /** A random symmetric positive definite m x m matrix as lower-triangle rows. */
    static double[][] spd(int m, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] g = new double[m][m + 2];
        for (double[] row : g) {
            for (int k = 0; k < row.length; k++) {
                row[k] = random.nextDouble(-1, 1);
            }
        }
        double[][] a = new double[m][];
        for (int i = 0; i < m; i++) {
            a[i] = new double[i + 1];
            for (int j = 0; j <= i; j++) {
                double dot = 0;
                for (int k = 0; k < m + 2; k++) {
                    dot += g[i][k] * g[j][k];
                }
                a[i][j] = dot;
            }
        }
        return a;
    }

    static double[][] without(double[][] a, int r) {
        int m = a.length;
        double[][] out = new double[m - 1][];
        for (int i = 0, ii = 0; i < m; i++) {
            if (i == r) {
                continue;
            }
            out[ii] = new double[ii + 1];
            for (int j = 0, jj = 0; j <= i; j++) {
                if (j != r) {
                    out[ii][jj++] = a[i][j];
                }
            }
            ii++;
        }
        return out;
    }

    @Test
    void removingARowFromTheFactorGivesTheFactorOfTheSmallerMatrix() {
        for (int r : new int[] {0, 3, 6, 7}) {
            double[][] a = spd(8, 40 + r);
            double[][] expected = without(a, r);
            assertThat(GramSubproblem.factor(expected)).isTrue();
            ColumnCholesky factor = ColumnCholesky.factor(SupportAlgebraTest.columns(a), 8);
            assertThat(factor).isNotNull();
            factor.remove(r);
            assertThat(factor.size()).isEqualTo(7);
            for (int i = 0; i < 7; i++) {
                for (int j = 0; j <= i; j++) {
                    assertThat(factor.entry(i, j)).as("L[%d][%d] after removing %d", i, j, r)
                            .isCloseTo(expected[i][j], within(1e-12));
                }
            }
        }
    }

    @Test
    void removingFromTheFactorHasTheBitsOfTheRowByRowRotations() {
        for (int m = 2; m <= 19; m++) {
            for (int r = 0; r < m; r += 3) {
                double[][] a = spd(m, 80 + m);
                ColumnCholesky factor = ColumnCholesky.factor(SupportAlgebraTest.columns(a), m);
                assertThat(factor).isNotNull();
                double[][] expected = new double[m][];
                for (int i = 0; i < m; i++) {
                    expected[i] = new double[i + 1];
                    for (int j = 0; j <= i; j++) {
                        expected[i][j] = factor.entry(i, j);
                    }
                }
                removeByRotations(expected, r, m);
                factor.remove(r);
                for (int i = 0; i < m - 1; i++) {
                    double[] row = new double[i + 1];
                    for (int j = 0; j <= i; j++) {
                        row[j] = factor.entry(i, j);
                    }
                    assertThat(row).as("m = %d, r = %d, row %d", m, r, i)
                            .containsExactly(java.util.Arrays.copyOf(expected[i], i + 1));
                }
            }
        }
    }

    /**
     * Removes row and column r from the Cholesky factor L (lower-triangle rows, the first m) by the plain
     * row-by-row Givens rotations of [L₂₂ v]: the reference whose bits the factor's removal keeps.
     */
    static void removeByRotations(double[][] l, int r, int m) {
        double[] v = new double[m - 1 - r];
        for (int i = r + 1; i < m; i++) {
            v[i - r - 1] = l[i][r];
            double[] row = new double[i];
            System.arraycopy(l[i], 0, row, 0, r);
            System.arraycopy(l[i], r + 1, row, r, i - r);
            l[i - 1] = row;
        }
        l[m - 1] = null;
        double[] cosine = new double[m];
        double[] sine = new double[m];
        for (int j = r; j < m - 1; j++) {
            double[] row = l[j];
            double x = v[j - r];
            for (int k = r; k < j; k++) {
                double entry = row[k];
                row[k] = cosine[k] * entry + sine[k] * x;
                x = cosine[k] * x - sine[k] * entry;
            }
            double root = Math.sqrt(row[j] * row[j] + x * x);
            cosine[j] = row[j] / root;
            sine[j] = x / root;
            row[j] = root;
        }
    }

    /** The full symmetric m x m matrix whose lower triangle is a's (a copy, before a is factored in place). */
    private static double[][] symmetric(double[][] a, int m) {
        double[][] full = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                full[i][j] = a[i][j];
                full[j][i] = a[i][j];
            }
        }
        return full;
    }

    @Test
    void theInverseFromTheFactorIsTheMatrixInverse() {
        int m = 9;
        double[][] a = spd(m, 21);
        double[][] full = symmetric(a, m);
        assertThat(GramSubproblem.factor(a)).isTrue();
        double[][] inverse = SupportAlgebra.inverse(SupportAlgebraTest.columns(a), m);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double sum = 0;
                for (int k = 0; k < m; k++) {
                    sum += full[i][k] * inverse[k][j];
                }
                assertThat(sum).isCloseTo(i == j ? 1.0 : 0.0, within(1e-9));
            }
            for (int j = 0; j < m; j++) {
                assertThat(inverse[i][j]).isEqualTo(inverse[j][i]);
            }
        }
    }

    @Test
    void anInverseWithoutSomeRowsIsTheInverseOfTheSmallerMatrix() {
        int m = 12;
        double[][] a = spd(m, 23);
        double[][] full = symmetric(a, m);
        assertThat(GramSubproblem.factor(a)).isTrue();
        double[][] inverse = SupportAlgebra.inverse(SupportAlgebraTest.columns(a), m);
        boolean[] removed = new boolean[m];
        removed[0] = true;
        removed[4] = true;
        removed[5] = true;
        removed[11] = true;
        double[][] smaller = GramSubproblem.withoutRows(inverse, removed);
        int[] kept = {1, 2, 3, 6, 7, 8, 9, 10};
        assertThat(smaller).hasNumberOfRows(kept.length);
        for (int i = 0; i < kept.length; i++) {
            for (int j = 0; j < kept.length; j++) {
                double sum = 0;
                for (int k = 0; k < kept.length; k++) {
                    sum += full[kept[i]][kept[k]] * smaller[k][j];
                }
                assertThat(sum).isCloseTo(i == j ? 1.0 : 0.0, within(1e-9));
                assertThat(smaller[i][j]).isEqualTo(smaller[j][i]);
            }
        }
        // more than half of the rows removed: left to a new factorization
        boolean[] most = new boolean[m];
        java.util.Arrays.fill(most, 0, 7, true);
        assertThat(GramSubproblem.withoutRows(inverse, most)).isNull();
    }

    /**
     * The inverse without some rows in reused work spaces (larger, NaN wherever an earlier use left entries) has
     * the bits of the one in new arrays, for removals at the start, the end and in runs.
     */
    @Test
    void anInverseWithoutRowsInReusedWorkSpacesHasTheBitsOfNewArrays() {
        SplittableRandom random = new SplittableRandom(41);
        double[][] triangle = new double[40][40];
        double[][] out = new double[40][40];
        for (int m : new int[] {33, 12, 2, 1, 7}) {
            double[][] a = spd(m, 50 + m);
            assertThat(GramSubproblem.factor(a)).isTrue();
            double[][] inverse = SupportAlgebra.inverse(SupportAlgebraTest.columns(a), m);
            for (int trial = 0; trial < 5; trial++) {
                boolean[] removed = new boolean[m];
                for (int i = 0; i < m; i++) {
                    removed[i] = trial == 0 ? i == 0 : trial == 1 ? i == m - 1 : random.nextInt(3) == 0;
                }
                for (double[][] space : new double[][][] {triangle, out}) {
                    for (double[] row : space) {
                        java.util.Arrays.fill(row, Double.NaN);
                    }
                }
                double[][] fresh = GramSubproblem.withoutRows(inverse, removed);
                double[][] reused = GramSubproblem.withoutRows(inverse, removed, triangle, out);
                if (fresh == null) {
                    assertThat(reused).isNull();
                    continue;
                }
                assertThat(reused).isSameAs(out);
                for (int i = 0; i < fresh.length; i++) {
                    for (int j = 0; j < fresh.length; j++) {
                        assertThat(Double.doubleToRawLongBits(reused[i][j])).as("m %d, trial %d, (%d, %d)", m, trial, i, j)
                                .isEqualTo(Double.doubleToRawLongBits(fresh[i][j]));
                    }
                }
            }
        }
    }

    @Test
    void sameSignIsTheEqualityOfMathSignum() {
        double[] values = {Double.NaN, Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1, -Double.MIN_VALUE, -0.0, 0.0,
            Double.MIN_VALUE, 1e-300, 1, Double.MAX_VALUE, Double.POSITIVE_INFINITY};
        for (double a : values) {
            for (double b : values) {
                assertThat(GramSubproblem.sameSign(a, b)).as("%s, %s", a, b)
                        .isEqualTo(Math.signum(a) == Math.signum(b));
            }
        }
    }

    /**
     * The polish's ratio test and step with their sign and finiteness tests written out: the same blocking entry,
     * candidate and validity as with Math.signum and Double.isFinite, on every pair of special values and on
     * random faces.
     */
    @Test
    void theRatioTestAndTheStepAreThoseOfSignumAndIsFinite() {
        double[] values = {Double.NaN, Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1, -Double.MIN_VALUE, -0.0, 0.0,
            Double.MIN_VALUE, 1e-300, 0.5, 1, Double.MAX_VALUE, Double.POSITIVE_INFINITY};
        for (double a : values) {
            for (double b : values) {
                assertRatioTestAndStep(new double[] {a, 1.0}, new double[] {b, 2.0});
                assertRatioTestAndStep(new double[] {1.0, a, -2.0}, new double[] {0.5, b, -3.0});
            }
        }
        SplittableRandom random = new SplittableRandom(31);
        for (int trial = 0; trial < 2000; trial++) {
            int m = 1 + random.nextInt(12);
            double[] face = new double[m];
            double[] x = new double[m];
            for (int i = 0; i < m; i++) {
                face[i] = random.nextInt(8) == 0 ? values[random.nextInt(values.length)] : random.nextDouble(-2, 2);
                x[i] = random.nextInt(8) == 0 ? values[random.nextInt(values.length)] : random.nextDouble(-2, 2);
            }
            assertRatioTestAndStep(face, x);
        }
    }

    private static void assertRatioTestAndStep(double[] face, double[] x) {
        int m = face.length;
        double step = 1.0;
        int expected = -1;
        for (int i = 0; i < m; i++) {
            if (Math.signum(x[i]) != Math.signum(face[i])) {
                double t = face[i] / (face[i] - x[i]);
                if (t < step) {
                    step = t;
                    expected = i;
                }
            }
        }
        int blocking = GramSubproblem.blocking(face, x, m);
        assertThat(blocking).as("%s -> %s", java.util.Arrays.toString(face), java.util.Arrays.toString(x))
                .isEqualTo(expected);
        double at = blocking < 0 ? 1.0 : face[blocking] / (face[blocking] - x[blocking]);
        boolean valid = true;
        double[] wanted = new double[m];
        for (int i = 0; i < m; i++) {
            double v = i == blocking ? 0.0 : face[i] + at * (x[i] - face[i]);
            valid &= Double.isFinite(v) && (v == 0 || Math.signum(v) == Math.signum(face[i]));
            wanted[i] = v;
        }
        double[] candidate = new double[m];
        assertThat(GramSubproblem.stepTo(face, x, at, blocking, m, candidate)).isEqualTo(valid);
        assertThat(candidate).containsExactly(wanted);
    }

    @Test
    void theCopiedRunsAreConsecutiveInBothWorkingSets() {
        // positions 0..6; 1 and 5 are new; 2 -> 4 breaks the previous positions' run
        int[] old = {0, -1, 2, 4, 5, -1, 6};
        int[] reused = {0, 2, 3, 4, 6};
        assertThat(GramSubproblem.runs(reused, old)).containsExactly(0, 1, 2, 1, 3, 2, 6, 1);
    }

    /**
     * A chain of working sets, each subproblem built from the one before (repeats, shrinking, growing, the same
     * set twice): from the third on the entries go into a Gram array an earlier subproblem left, and every
     * entry still equals the one counted afresh (and the previous subproblem's entries stay as they were).
     */
    /**
     * One output's sweeps (their own coordinate update) against the several-output update with a second output
     * that stays zero: the same group norm √(g² + 0²), the same shrink and the same single subtraction per entry
     * of Q, so the first output's weights keep their bits (four sweeps: before the first extrapolation and the
     * steps on the support, which differ by the number of outputs).
     */
    @Test
    void oneOutputSweepsHaveTheBitsOfTheGroupUpdateWithASecondOutputAtZero() {
        org.heaviside.arrangement.PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(150, 400, 29);
        int p = h.columns();
        SplittableRandom random = new SplittableRandom(29);
        double[][] hy = new double[1][p];
        double[] z = new double[p];
        for (int j = 0; j < p; j++) {
            hy[0][j] = random.nextDouble(-40, 40);
            z[j] = random.nextInt(3) == 0 ? random.nextDouble(-0.5, 0.5) : 0.0;
        }
        double[][] hyTwo = {hy[0], new double[p]};
        double[] zTwo = new double[2 * p];
        for (int j = 0; j < p; j++) {
            zTwo[2 * j] = z[j];
        }
        int[] columns = new int[120];
        for (int k = 0; k < columns.length; k++) {
            columns[k] = 2 * k + 1;
        }
        for (double penalty : new double[] {0.5, 4, 30}) {
            GramSubproblem one = new GramSubproblem(h, columns, hy, z, 900, penalty, null, null, 1);
            GramSubproblem two = new GramSubproblem(h, columns, hyTwo, zTwo, 900, penalty, null, null, 1);
            assertThat(one.solve(Double.NEGATIVE_INFINITY, 4, ConvergenceListener.NONE, 0, org.heaviside.run.Cancellation.NEVER)).isEqualTo(4);
            assertThat(two.solve(Double.NEGATIVE_INFINITY, 4, ConvergenceListener.NONE, 0, org.heaviside.run.Cancellation.NEVER)).isEqualTo(4);
            double[] fullOne = new double[p];
            double[] fullTwo = new double[2 * p];
            one.copyTo(columns, fullOne);
            two.copyTo(columns, fullTwo);
            int moved = 0;
            for (int j = 0; j < p; j++) {
                assertThat(Double.doubleToLongBits(fullOne[j])).as("column %d at %s", j, penalty)
                        .isEqualTo(Double.doubleToLongBits(fullTwo[2 * j]));
                assertThat(fullTwo[2 * j + 1]).isZero();
                moved += fullOne[j] != z[j] ? 1 : 0;
            }
            assertThat(moved).isPositive();
        }
    }

    /** An update to an infinite weight (its correlation infinite) fails alike for one output and for several. */
    @Test
    void aNonFiniteUpdateFailsAlikeForOneOutputAndForSeveral() {
        double[] gram = {1, 0, 0, 1};
        for (int outputs = 1; outputs <= 2; outputs++) {
            double[] b = new double[2 * outputs];
            double[] z0 = new double[2 * outputs];
            b[0] = Double.POSITIVE_INFINITY;
            GramSubproblem sub = new GramSubproblem(gram, b, z0, outputs, 1, 1e-3);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                    () -> sub.solve(0, 1, ConvergenceListener.NONE, 0, org.heaviside.run.Cancellation.NEVER))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("A coordinate update produced a non-finite weight; check the data for extreme values.");
        }
    }

    @Test
    void aChainOfWorkingSetsInRecycledGramArraysHasTheEntriesCountedAfresh() {
        org.heaviside.arrangement.PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(150, 400, 23);
        int p = h.columns();
        double[][] hy = new double[3][p];
        double[] z = new double[3 * p];
        int[][] chain = {
            {0, 3, 4, 9, 17, 40, 41, 100, 150, 151, 200, 220, 240, 260},
            {0, 2, 3, 9, 10, 17, 41, 99, 100, 151, 180, 201, 250},
            {1, 3, 4, 9, 17, 40, 41},
            {1, 3, 4, 9, 17, 40, 41},
            {3, 4, 17, 40, 41, 60},
            {1, 2, 3, 4, 5, 9, 17, 30, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51},
            {5, 6, 7},
            {0, 5, 6, 7, 8, 300, 301, 302},
            {0, 8, 301},
        };
        GramSubproblem previous = null;
        int[] previousColumns = null;
        for (int[] columns : chain) {
            double[][] before = previous == null ? null : entries(previous, previousColumns.length);
            GramSubproblem next = new GramSubproblem(h, columns, hy, z, 1, 1, previous, previousColumns, 2);
            GramSubproblem fresh = new GramSubproblem(h, columns, hy, z, 1, 1, null, null, 1);
            assertThat(entries(next, columns.length)).isDeepEqualTo(entries(fresh, columns.length));
            if (previous != null) {
                assertThat(entries(previous, previousColumns.length)).isDeepEqualTo(before);
            }
            previous = next;
            previousColumns = columns;
        }
    }

    private static double[][] entries(GramSubproblem sub, int size) {
        double[][] out = new double[size][size];
        for (int k = 0; k < size; k++) {
            for (int l = 0; l < size; l++) {
                out[k][l] = sub.entry(k, l);
            }
        }
        return out;
    }

    @Test
    void aGramMatrixThatCopiesThePreviousWorkingSetsEntriesEqualsOneCountedAfresh() {
        org.heaviside.arrangement.PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(150, 400, 21);
        int p = h.columns();
        double[][] hy = new double[1][p];
        double[] z = new double[p];
        double[] w = new double[150];
        SplittableRandom random = new SplittableRandom(22);
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextBoolean() ? 1.0 : 3.0;
        }
        int[] before = {0, 3, 4, 9, 17, 40, 41, 100, 150, 151, 200};
        int[][] nexts = {
            {0, 2, 3, 9, 10, 17, 41, 99, 100, 151, 180, 201, 250}, // sorted, overlapping
            {1, 3, 4, 9, 17, 40, 41, 100, 150, 151, 200}, // all but one repeated
            {250, 9, 0, 41, 3, 300, 17}, // not sorted: positions by a map
            {5, 6, 7}, // nothing repeated
        };
        for (RowWeights weights : new RowWeights[] {null, new RowWeights(w, h.words())}) {
            GramSubproblem previous = new GramSubproblem(h, before, hy, z, 1, 1, null, null, 1, weights);
            for (int[] next : nexts) {
                GramSubproblem reused = new GramSubproblem(h, next, hy, z, 1, 1, previous, before, 2, weights);
                GramSubproblem fresh = new GramSubproblem(h, next, hy, z, 1, 1, null, null, 1, weights);
                for (int k = 0; k < next.length; k++) {
                    for (int l = 0; l < next.length; l++) {
                        assertThat(reused.entry(k, l)).as("G[%d][%d], weighted %s", k, l, weights != null)
                                .isEqualTo(fresh.entry(k, l));
                    }
                    // and the count itself: |h_a AND h_b|
                    if (weights == null) {
                        int count = 0;
                        for (int i = 0; i < 150; i++) {
                            count += h.get(i, next[k]) && h.get(i, next[0]) ? 1 : 0;
                        }
                        assertThat(reused.entry(k, 0)).isEqualTo(count);
                    }
                }
            }
        }
    }
}
