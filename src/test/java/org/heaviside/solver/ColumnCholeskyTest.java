package org.heaviside.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The column layout has the bits of the row layout ({@link GramSubproblem#factor} and
 * {@link GramSubproblem#solveFactored}, held to the plain row-by-row loops by {@link GramSubproblemTest}),
 * and its removals the bits of the plain row-by-row rotations ({@link GramSubproblemTest#removeByRotations}).
 */
class ColumnCholeskyTest {

    /**
     * Lower-triangle rows of the Gram matrix of m random 0/1 columns of n rows (the support Gram of the
     * polish: integers, often nearly or exactly singular when n is small), with the polish's ridge.
     */
    private static double[][] binaryGram(int m, int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        boolean[][] columns = new boolean[m][n];
        for (boolean[] column : columns) {
            double share = random.nextDouble(0.05, 0.95);
            for (int i = 0; i < n; i++) {
                column[i] = random.nextDouble() < share;
            }
        }
        double[][] a = new double[m][];
        double largest = 0;
        for (int i = 0; i < m; i++) {
            a[i] = new double[i + 1];
            for (int j = 0; j <= i; j++) {
                int count = 0;
                for (int t = 0; t < n; t++) {
                    count += columns[i][t] && columns[j][t] ? 1 : 0;
                }
                a[i][j] = count;
            }
            largest = Math.max(largest, a[i][i]);
        }
        for (int i = 0; i < m; i++) {
            a[i][i] += 1e-12 * largest;
        }
        return a;
    }

    private static void assertSameFactor(ColumnCholesky factor, double[][] rows, int m, String what) {
        assertThat(factor.size()).as(what).isEqualTo(m);
        for (int i = 0; i < m; i++) {
            double[] row = new double[i + 1];
            for (int j = 0; j <= i; j++) {
                row[j] = factor.entry(i, j);
            }
            assertThat(row).as("%s, row %d", what, i).containsExactly(java.util.Arrays.copyOf(rows[i], i + 1));
        }
    }

    @Test
    void factorSolvesAndRemovalsHaveTheBitsOfTheRowLayout() {
        int[][] shapes = {{1, 40}, {2, 40}, {3, 40}, {4, 40}, {5, 40}, {7, 60}, {8, 60}, {9, 60}, {13, 200},
            {30, 400}, {57, 700}, {130, 1500}};
        for (int[] shape : shapes) {
            int m = shape[0];
            SplittableRandom random = new SplittableRandom(m);
            double[][] rows = binaryGram(m, shape[1], 7 * m + 1);
            ColumnCholesky factor = ColumnCholesky.factor(SupportAlgebraTest.columns(rows), m);
            assertThat(GramSubproblem.factor(rows)).isTrue();
            assertThat(factor).isNotNull();
            assertSameFactor(factor, rows, m, "m = " + m);
            // solves and removals interleaved, as the polish's blocked steps do them
            for (int size = m; size > 0; size--) {
                double[] rhs = new double[m];
                for (int i = 0; i < size; i++) {
                    rhs[i] = random.nextDouble(-50, 50);
                }
                double[] expected = GramSubproblem.solveFactored(rows, rhs, size);
                assertThat(factor.solve(rhs)).as("m = %d, solve at size %d", m, size).containsExactly(expected);
                if (size > 1) {
                    int r = random.nextInt(size);
                    GramSubproblemTest.removeByRotations(rows, r, size);
                    factor.remove(r);
                    assertSameFactor(factor, rows, size - 1, "m = " + m + " after removing " + r);
                }
            }
        }
    }

    @Test
    void aMatrixThatIsNotPositiveDefiniteHasNoFactorInEitherLayout() {
        // two equal columns without a ridge: the second pivot is exactly zero
        double[][] singular = {{4}, {4, 4}, {1, 1, 3}};
        assertThat(ColumnCholesky.factor(SupportAlgebraTest.columns(singular), 3)).isNull();
        assertThat(GramSubproblem.factor(SupportAlgebraTest.copy(singular))).isFalse();
        double[][] indefinite = {{1}, {2, 1}};
        assertThat(ColumnCholesky.factor(SupportAlgebraTest.columns(indefinite), 2)).isNull();
        assertThat(GramSubproblem.factor(SupportAlgebraTest.copy(indefinite))).isFalse();
    }
}
