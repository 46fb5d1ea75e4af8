package org.heaviside.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SupportAlgebraTest {

    /** Sizes around the four-at-a-time blocks (remainders 0 to 3) and one of a real support's size. */
    private static final int[] SIZES = {1, 2, 3, 4, 5, 7, 8, 9, 13, 16, 31, 150};

    /**
     * A symmetric positive definite m x m matrix as lower-triangle rows: G = HᵀH of random 0/1 columns
     * (exact integers, many zero entries, as the Gram matrices of patterns) plus a diagonal.
     */
    private static double[][] gramLike(int m, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = m + 5;
        boolean[][] h = new boolean[m][n];
        for (boolean[] column : h) {
            for (int i = 0; i < n; i++) {
                column[i] = random.nextInt(4) == 0;
            }
        }
        double[][] a = new double[m][];
        for (int i = 0; i < m; i++) {
            a[i] = new double[i + 1];
            for (int j = 0; j <= i; j++) {
                int count = 0;
                for (int t = 0; t < n; t++) {
                    count += h[i][t] && h[j][t] ? 1 : 0;
                }
                a[i][j] = count + (i == j ? random.nextDouble(0.1, 2) : 0);
            }
        }
        return a;
    }

    static double[][] copy(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }

    /**
     * The lower triangle given by rows as columns (column j holds rows j..m−1 at their own indices) in
     * a larger work space, as the polish reuses one: the places outside the triangle hold NaN, which
     * must not be read.
     */
    static double[][] columns(double[][] rows) {
        int m = rows.length;
        double[][] columns = new double[m + 2][m + 3];
        for (double[] column : columns) {
            java.util.Arrays.fill(column, Double.NaN);
        }
        for (int j = 0; j < m; j++) {
            for (int i = j; i < m; i++) {
                columns[j][i] = rows[i][j];
            }
        }
        return columns;
    }

    private static void assertSameBits(double[][] actual, double[][] expected) {
        assertThat(actual).hasNumberOfRows(expected.length);
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[i].length; j++) {
                assertThat(Double.doubleToRawLongBits(actual[i][j])).as("entry (%d, %d)", i, j)
                        .isEqualTo(Double.doubleToRawLongBits(expected[i][j]));
            }
        }
    }

    @Test
    void theColumnFactorHasTheBitsOfTheRowFactor() {
        for (int m : SIZES) {
            double[][] rows = gramLike(m, 100 + m);
            double[][] columns = columns(rows);
            assertThat(GramSubproblem.factor(rows)).isTrue();
            assertThat(SupportAlgebra.factorColumns(columns, m)).isTrue();
            assertSameBits(SupportAlgebra.rows(columns, m), rows);
        }
    }

    @Test
    void theColumnFactorRefusesAMatrixThatIsNotPositiveDefinite() {
        double[][] rows = gramLike(9, 7);
        // a negative diagonal entry (row 6): the pivot there is below zero
        rows[6][6] = -1;
        assertThat(GramSubproblem.factor(copy(rows))).isFalse();
        assertThat(SupportAlgebra.factorColumns(columns(rows), 9)).isFalse();
    }

    /** The inverse by the plain loops (X = L⁻¹ row by row, then XᵀX by rows of X, terms in ascending k). */
    private static double[][] plainInverse(double[][] a, int m) {
        double[][] x = new double[m][];
        for (int i = 0; i < m; i++) {
            double[] xi = new double[i + 1];
            for (int k = 0; k < i; k++) {
                for (int j = 0; j <= k; j++) {
                    xi[j] -= a[i][k] * x[k][j];
                }
            }
            xi[i] = 1.0;
            for (int j = 0; j <= i; j++) {
                xi[j] /= a[i][i];
            }
            x[i] = xi;
        }
        double[][] inverse = new double[m][m];
        for (int k = 0; k < m; k++) {
            for (int i = 0; i <= k; i++) {
                for (int j = 0; j <= i; j++) {
                    inverse[i][j] += x[k][i] * x[k][j];
                }
            }
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < i; j++) {
                inverse[j][i] = inverse[i][j];
            }
        }
        return inverse;
    }

    @Test
    void theInverseHasTheBitsOfThePlainLoops() {
        for (int m : SIZES) {
            double[][] a = gramLike(m, 200 + m);
            assertThat(GramSubproblem.factor(a)).isTrue();
            assertSameBits(SupportAlgebra.inverse(SupportAlgebraTest.columns(a), m), plainInverse(a, m));
        }
    }

    @Test
    void theInverseInReusedWorkSpacesHasTheBitsOfNewArrays() {
        // one pair of work spaces for every size, the largest first, NaN wherever the last use left entries:
        // the sums must clear what they read
        double[][] x = new double[160][160];
        double[][] inverse = new double[160][160];
        for (int s = SIZES.length - 1; s >= 0; s--) {
            int m = SIZES[s];
            double[][] a = gramLike(m, 300 + m);
            assertThat(GramSubproblem.factor(a)).isTrue();
            double[][] columns = SupportAlgebraTest.columns(a);
            double[][] fresh = SupportAlgebra.inverse(columns, m);
            for (double[][] space : new double[][][] {x, inverse}) {
                for (double[] row : space) {
                    java.util.Arrays.fill(row, Double.NaN);
                }
            }
            double[][] reused = SupportAlgebra.inverse(columns, m, x, inverse);
            assertThat(reused).isSameAs(inverse);
            double[][] corner = new double[m][];
            for (int i = 0; i < m; i++) {
                corner[i] = java.util.Arrays.copyOf(reused[i], m);
            }
            assertSameBits(corner, fresh);
        }
    }

    @Test
    void theSymmetricProductHasTheBitsOfThePlainRowSums() {
        SplittableRandom random = new SplittableRandom(5);
        for (int m : SIZES) {
            double[][] a = gramLike(m, 300 + m);
            assertThat(GramSubproblem.factor(a)).isTrue();
            double[][] inverse = SupportAlgebra.inverse(SupportAlgebraTest.columns(a), m);
            for (int outputs : new int[] {1, 3, 10}) {
                double[] x = new double[m * outputs];
                for (int t = 0; t < x.length; t++) {
                    x[t] = random.nextInt(5) == 0 ? 0.0 : random.nextDouble(-1, 1);
                }
                double[] expected = new double[m * outputs];
                for (int i = 0; i < m; i++) {
                    for (int c = 0; c < outputs; c++) {
                        double sum = 0;
                        for (int j = 0; j < m; j++) {
                            sum += inverse[i][j] * x[j * outputs + c];
                        }
                        expected[i * outputs + c] = sum;
                    }
                }
                double[] actual = SupportAlgebra.symmetricProduct(inverse, m, x, outputs);
                // and in a longer work space holding NaN from an earlier use: the sums clear what they add to
                double[][] space = new double[outputs][m + 5];
                for (double[] column : space) {
                    java.util.Arrays.fill(column, Double.NaN);
                }
                double[] inSpace = SupportAlgebra.symmetricProduct(inverse, m, x, outputs, space);
                for (int t = 0; t < expected.length; t++) {
                    assertThat(Double.doubleToRawLongBits(actual[t])).as("m %d, entry %d", m, t)
                            .isEqualTo(Double.doubleToRawLongBits(expected[t]));
                    assertThat(Double.doubleToRawLongBits(inSpace[t])).as("m %d, entry %d in a work space", m, t)
                            .isEqualTo(Double.doubleToRawLongBits(expected[t]));
                }
            }
        }
    }

    @Test
    void theCapacitanceColumnsHaveTheBitsOfTheEntryByEntryFormula() {
        SplittableRandom random = new SplittableRandom(9);
        int m = 13;
        int outputs = 3;
        double[][] a = gramLike(m, 17);
        assertThat(GramSubproblem.factor(a)).isTrue();
        double[][] inverse = SupportAlgebra.inverse(columns(a), m);
        double[] root = new double[m];
        double[] u = new double[m * outputs];
        double[][] byOutput = new double[outputs][m];
        for (int i = 0; i < m; i++) {
            root[i] = Math.sqrt(random.nextDouble(0.1, 3));
            for (int c = 0; c < outputs; c++) {
                u[i * outputs + c] = random.nextInt(4) == 0 ? 0.0 : random.nextDouble(-1, 1);
                byOutput[c][i] = u[i * outputs + c];
            }
        }
        double[] dots = new double[m];
        for (int j = 0; j < m; j++) {
            double[] column = GramSubproblem.capacitanceColumn(inverse[j], root, byOutput, j, m, dots);
            for (int i = j; i < m; i++) {
                double dot = 0;
                for (int c = 0; c < outputs; c++) {
                    dot += u[i * outputs + c] * u[j * outputs + c];
                }
                double expected = (i == j ? 1.0 : 0.0) - root[i] * root[j] * inverse[i][j] * dot;
                assertThat(Double.doubleToRawLongBits(column[i])).as("S(%d, %d)", i, j)
                        .isEqualTo(Double.doubleToRawLongBits(expected));
            }
        }
    }
}
