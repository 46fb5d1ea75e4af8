package org.heaviside.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SeparatorTest {

    @Test
    void theMarginDoesNotDependOnWhereTheDataSits() {
        // 0-points at 100 and 101, 1-points at 103 and 104: the widest gap is 101..103, margin 1
        double[][] x = {{100}, {101}, {103}, {104}};
        boolean[] pattern = {false, false, true, true};
        Separator.Fit fit = Separator.fit(x, pattern, 1e7);
        assertThat(fit.optimal()).isTrue();
        assertThat(Separator.margin(x, pattern, fit.plane())).isCloseTo(1.0, within(1e-6));
        assertThat(-fit.plane()[1] / fit.plane()[0]).isCloseTo(102.0, within(1e-6));
    }

    @Test
    void theBiasIsNotPartOfTheMinimizedNorm() {
        // away from the origin a penalized bias tilts the plane: the old separator found margin 0.7115 here
        double[][] x = {{5, 5}, {8, 6}, {5, 8}, {8, 7.5}};
        boolean[] pattern = {false, false, true, true};
        Separator.Fit fit = Separator.fit(x, pattern, 1e7);
        assertThat(fit.optimal()).isTrue();
        assertThat(Separator.margin(x, pattern, fit.plane())).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void aBudgetTooSmallForTheOptimumIsNotCalledMaxMargin() {
        SplittableRandom random = new SplittableRandom(2);
        double[][] x = new double[200][3];
        boolean[] pattern = new boolean[200];
        for (int i = 0; i < 200; i++) {
            for (int k = 0; k < 3; k++) {
                x[i][k] = random.nextDouble(-1, 1) + 50;
            }
            pattern[i] = x[i][0] + 0.5 * x[i][1] - x[i][2] > 25.5;
        }
        Separator.Fit short1 = Separator.fit(x, pattern, 3 * 2 * 64 * 3);
        if (short1 != null) {
            assertThat(short1.optimal()).isFalse();
            assertThat(Separator.reproduces(x, pattern, short1.plane())).isTrue();
        }
        Separator.Fit full = Separator.fit(x, pattern, 1e9);
        assertThat(full.optimal()).isTrue();
        assertThat(Reconstruction.label(0, 3, 0)).isEqualTo("separating");
        assertThat(Reconstruction.label(5, 0, 0)).isEqualTo("max-margin");
        assertThat(Reconstruction.label(5, 2, 1)).isEqualTo("max-margin 5, separating 2, generator 1");
    }

    /** No hyperplane through the gap beats the fitted margin, wherever the points sit. */
    @Property(tries = 60)
    void noSeparatorHasALargerGeometricMargin(@ForAll @IntRange(min = 4, max = 30) int n,
                                             @ForAll @DoubleRange(min = -1000, max = 1000) double shift,
                                             @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][2];
        boolean[] pattern = new boolean[n];
        double angle = random.nextDouble(0, 2 * Math.PI);
        for (int i = 0; i < n; i++) {
            double a = random.nextDouble(-1, 1);
            double b = random.nextDouble(-1, 1);
            pattern[i] = i % 2 == 0;
            double side = pattern[i] ? 0.2 + a * a : -0.2 - a * a; // a gap of at least 0.4 along one direction
            x[i][0] = shift + side * Math.cos(angle) - b * Math.sin(angle);
            x[i][1] = shift + side * Math.sin(angle) + b * Math.cos(angle);
        }
        Separator.Fit fit = Separator.fit(x, pattern, 1e9);
        assertThat(fit).isNotNull();
        assertThat(fit.optimal()).isTrue();
        double margin = Separator.margin(x, pattern, fit.plane());
        assertThat(margin).isGreaterThanOrEqualTo(0.2 - 1e-6);
        // brute force over directions: for each, the best margin is half the gap between the classes
        for (int k = 0; k < 720; k++) {
            double t = Math.PI * k / 360;
            double lowestOne = Double.POSITIVE_INFINITY;
            double highestZero = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double p = x[i][0] * Math.cos(t) + x[i][1] * Math.sin(t);
                if (pattern[i]) {
                    lowestOne = Math.min(lowestOne, p);
                } else {
                    highestZero = Math.max(highestZero, p);
                }
            }
            assertThat((lowestOne - highestZero) / 2).isLessThanOrEqualTo(margin * (1 + 1e-5) + 1e-9);
        }
    }

    /**
     * Every plane called maximum-margin meets the KKT conditions of the hard-margin SVM (checked on the
     * plane alone, not by the solver), in 6 to 14 dimensions where the old 2-D brute force cannot look;
     * the patterns' own generators fail the same check (so a non-maximal plane would fail the test).
     */
    @Test
    void aPlaneCalledMaxMarginMeetsTheKktConditions() {
        SplittableRandom random = new SplittableRandom(16);
        int generatorsFailing = 0;
        for (int trial = 0; trial < 40; trial++) {
            int n = 100 + random.nextInt(300);
            int d = 6 + random.nextInt(9);
            double[][] x = new double[n][d];
            for (double[] row : x) {
                for (int k = 0; k < d; k++) {
                    row[k] = random.nextGaussian() * (k + 1) + (trial % 3 == 0 ? 40 : 0);
                }
            }
            double[] generator = new double[d + 1];
            for (int k = 0; k < d; k++) {
                generator[k] = random.nextGaussian();
            }
            generator[d] = -(trial % 3 == 0 ? 40 : 0) * java.util.Arrays.stream(generator).sum() + random.nextGaussian();
            boolean[] pattern = new boolean[n];
            for (int i = 0; i < n; i++) {
                double z = generator[d];
                for (int k = 0; k < d; k++) {
                    z += generator[k] * x[i][k];
                }
                pattern[i] = z >= 0;
            }
            Separator.Fit fit = Separator.fit(x, pattern, generator, 1.5e8);
            assertThat(fit).isNotNull();
            assertThat(fit.optimal()).isTrue();
            assertThat(Separator.reproduces(x, pattern, fit.plane())).isTrue();
            assertThat(kktResidual(x, pattern, fit.plane())).isLessThan(1e-7);
            assertThat(Separator.margin(x, pattern, fit.plane()))
                    .isGreaterThanOrEqualTo(Separator.margin(x, pattern, generator));
            generatorsFailing += kktResidual(x, pattern, generator) > 1e-3 ? 1 : 0;
        }
        assertThat(generatorsFailing).isGreaterThan(30);
    }

    /**
     * How far a separating plane is from the KKT conditions of min ½‖w‖² s.t. s_i (x_i · w + b) ≥ 1
     * (bias free): scaled to margin 1, the multipliers λ of its active rows (margin within 1e-7 of
     * the smallest) solving Σ λ_j s_j (x_j · x_i) s_i + s_i b' = 1, Σ λ_j s_j = 0 must be ≥ 0 and give
     * w = Σ λ_j s_j x_j and b' = b. Returns the largest relative violation (1 when unsolvable).
     */
    static double kktResidual(double[][] x, boolean[] pattern, double[] plane) {
        int n = x.length;
        int d = x[0].length;
        double[] margins = new double[n];
        double lowest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double o = plane[d];
            for (int k = 0; k < d; k++) {
                o += plane[k] * x[i][k];
            }
            margins[i] = pattern[i] ? o : -o;
            lowest = Math.min(lowest, margins[i]);
        }
        double bound = lowest * (1 + 1e-7);
        int[] active = java.util.stream.IntStream.range(0, n).filter(i -> margins[i] <= bound).toArray();
        int k = active.length;
        double[][] a = new double[k + 1][k + 2];
        for (int r = 0; r < k; r++) {
            double sr = pattern[active[r]] ? 1 : -1;
            for (int c = 0; c < k; c++) {
                double sc = pattern[active[c]] ? 1 : -1;
                double g = 0;
                for (int j = 0; j < d; j++) {
                    g += x[active[r]][j] * x[active[c]][j];
                }
                a[r][c] = sr * sc * g;
            }
            a[r][k] = sr;
            a[r][k + 1] = 1;
            a[k][r] = sr;
        }
        for (int c = 0; c <= k; c++) {
            int pivot = c;
            for (int r = c + 1; r <= k; r++) {
                pivot = Math.abs(a[r][c]) > Math.abs(a[pivot][c]) ? r : pivot;
            }
            double[] swap = a[c];
            a[c] = a[pivot];
            a[pivot] = swap;
            if (Math.abs(a[c][c]) < 1e-14) {
                return 1;
            }
            for (int r = 0; r <= k; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int j = c; j <= k + 1; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[] w = new double[d];
        double largest = 0;
        double negative = 0;
        for (int r = 0; r < k; r++) {
            double lambda = a[r][k + 1] / a[r][r];
            largest = Math.max(largest, lambda);
            negative = Math.max(negative, -lambda);
            double s = pattern[active[r]] ? 1 : -1;
            for (int j = 0; j < d; j++) {
                w[j] += lambda * s * x[active[r]][j];
            }
        }
        double bias = a[k][k + 1] / a[k][k];
        double difference = 0;
        double norm = 0;
        for (int j = 0; j < d; j++) {
            double u = plane[j] / lowest;
            difference += (u - w[j]) * (u - w[j]);
            norm += u * u;
        }
        double residual = Math.sqrt(difference / norm);
        residual = Math.max(residual, largest > 0 ? negative / largest : 1);
        return Math.max(residual, Math.abs(plane[d] / lowest - bias) / (1 + Math.abs(plane[d] / lowest)));
    }
}
