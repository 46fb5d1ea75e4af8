package org.heaviside.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The panel Cholesky factorisation of the block model's Newton steps, and its triangular solves. */
class PanelCholeskyTest {

    /** A random symmetric positive definite matrix (lower rows): B Bᵀ with a few columns, plus a small ridge. */
    private static double[][] spd(int m, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int width = 40;
        double[][] b = new double[m][width];
        for (double[] row : b) {
            for (int k = 0; k < width; k++) {
                row[k] = random.nextGaussian();
            }
        }
        double[][] a = new double[m][];
        for (int i = 0; i < m; i++) {
            a[i] = new double[i + 1];
            for (int j = 0; j <= i; j++) {
                double sum = i == j ? 0.1 : 0.0;
                for (int k = 0; k < width; k++) {
                    sum += b[i][k] * b[j][k];
                }
                a[i][j] = sum;
            }
        }
        return a;
    }

    private static double[][] copy(double[][] a) {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i].clone();
        }
        return out;
    }

    /** Sizes around the panel's width (1, one short, exactly, one over, several panels with a remainder), 1 and 2 threads. */
    @Test
    void factorsAsTheRowByRowCholeskyOnAnyNumberOfThreads() {
        for (int m : new int[] {1, 3, PanelCholesky.PANEL - 1, PanelCholesky.PANEL, PanelCholesky.PANEL + 1, 333}) {
            double[][] a = spd(m, m);
            double[][] reference = copy(a);
            assertThat(GramSubproblem.factor(reference)).isTrue();
            for (int threads = 1; threads <= 2; threads++) {
                double[][] l = copy(a);
                assertThat(PanelCholesky.factor(l, threads)).isTrue();
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j <= i; j++) {
                        assertThat(l[i][j]).isCloseTo(reference[i][j], within(1e-9 * Math.sqrt(a[i][i])));
                    }
                }
            }
        }
    }

    @Test
    void reportsAMatrixThatIsNotPositiveDefinite() {
        double[][] a = spd(150, 7);
        a[120][120] = -1;
        assertThat(PanelCholesky.factor(a, 2)).isFalse();
    }

    /** L z = e_k and Lᵀ x = y: L (forwardUnit) and Lᵀ (backward) give back the unit vector and y. */
    @Test
    void theTriangularSolvesInvertTheFactor() {
        int m = 90;
        double[][] l = spd(m, 3);
        assertThat(PanelCholesky.factor(l, 1)).isTrue();
        SplittableRandom random = new SplittableRandom(4);
        for (int at : new int[] {0, 17, m - 1}) {
            double[] z = PanelCholesky.forwardUnit(l, at);
            for (int i = 0; i < m; i++) {
                double sum = 0;
                for (int k = 0; k <= i; k++) {
                    sum += l[i][k] * z[k];
                }
                assertThat(sum).isCloseTo(i == at ? 1.0 : 0.0, within(1e-9));
            }
        }
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            y[i] = random.nextGaussian();
        }
        double[] x = y.clone();
        PanelCholesky.backward(l, x);
        for (int k = 0; k < m; k++) {
            double sum = 0;
            for (int i = k; i < m; i++) {
                sum += l[i][k] * x[i];
            }
            assertThat(sum).isCloseTo(y[k], within(1e-9 * (1 + Math.abs(y[k]))));
        }
    }

    /**
     * A cancelled factorisation stops at the next panel: false, the token read once per panel up to the cancel,
     * the later panels' columns untouched.
     */
    @Test
    void aCancelledFactorisationStopsAtTheNextPanel() {
        int m = 1000;
        double[][] a = spd(m, 7);
        for (int threads = 1; threads <= 2; threads++) {
            double[][] l = copy(a);
            int[] polls = {0};
            assertThat(PanelCholesky.factor(l, threads, () -> ++polls[0] > 2)).isFalse();
            assertThat(polls[0]).isEqualTo(3);
            for (int i = 2 * PanelCholesky.PANEL; i < m; i++) {
                for (int j = 2 * PanelCholesky.PANEL; j <= i; j++) {
                    assertThat(l[i][j]).isEqualTo(a[i][j]);
                }
            }
        }
    }

    /**
     * The same bits as the plain row-by-row loops (each entry less its products one by one in the order of k, then
     * divided by the diagonal) on 1 and 2 threads, and so GramSubproblem.factor: one row-layout arithmetic.
     */
    @Test
    void givesThePlainRowByRowBitsOnOneAndTwoThreads() {
        for (int m : new int[] {63, 200, 333}) {
            double[][] a = spd(m, 11 * m);
            double[][] plain = copy(a);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j <= i; j++) {
                    double sum = plain[i][j];
                    for (int k = 0; k < j; k++) {
                        sum -= plain[i][k] * plain[j][k];
                    }
                    plain[i][j] = j < i ? sum / plain[j][j] : Math.sqrt(sum);
                }
            }
            double[][] gram = copy(a);
            assertThat(GramSubproblem.factor(gram)).isTrue();
            assertThat(gram).isDeepEqualTo(plain);
            for (int threads = 1; threads <= 2; threads++) {
                double[][] l = copy(a);
                assertThat(PanelCholesky.factor(l, threads)).isTrue();
                assertThat(l).isDeepEqualTo(plain);
            }
        }
    }
}
