package org.heaviside.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.heaviside.network.Separator;
import org.heaviside.run.Cancellation;
import org.junit.jupiter.api.Test;

class LevelMarginsTest {

    /** Random 0/1 rows (n x m) of rank n. */
    static double[][] rows(SplittableRandom random, int n, int m) {
        while (true) {
            double[][] b = new double[n][m];
            for (double[] row : b) {
                for (int j = 0; j < m; j++) {
                    row[j] = random.nextInt(3) == 0 ? 1 : 0;
                }
            }
            if (Rank.of(b, Cancellation.NEVER) == n) {
                return b;
            }
        }
    }

    /** The geometric margin of u in the augmented space [b, 1], the bias inside the norm. */
    static double margin(double[][] b, boolean[] pattern, double[] u) {
        int m = b[0].length;
        double norm = 0;
        for (double v : u) {
            norm += v * v;
        }
        double lowest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < b.length; i++) {
            double o = u[m];
            for (int j = 0; j < m; j++) {
                o += u[j] * b[i][j];
            }
            lowest = Math.min(lowest, pattern[i] ? o : -o);
        }
        return lowest / Math.sqrt(norm);
    }

    /** The nested level sets {δ ≥ t} of random levels, then {−δ ≥ t}, then a few unrelated patterns. */
    static boolean[][] chain(SplittableRandom random, int n) {
        double[] delta = new double[n];
        for (int i = 0; i < n; i++) {
            delta[i] = random.nextInt(-4, 5);
        }
        java.util.List<boolean[]> patterns = new java.util.ArrayList<>();
        for (int sign : new int[] {1, -1}) {
            double[] levels = Arrays.stream(delta).map(v -> sign * v).filter(v -> v > 0).distinct().sorted().toArray();
            for (double level : levels) {
                boolean[] p = new boolean[n];
                for (int i = 0; i < n; i++) {
                    p[i] = sign * delta[i] >= level;
                }
                patterns.add(p);
            }
        }
        for (int k = 0; k < 3; k++) {
            boolean[] p = new boolean[n];
            for (int i = 0; i < n; i++) {
                p[i] = random.nextBoolean();
            }
            patterns.add(p);
        }
        return patterns.toArray(new boolean[0][]);
    }

    /**
     * How far u is from the KKT conditions of the hard-margin problem, independently of any solver:
     * scaled to functional margin 1, u must be Σ α_i s_i xt_i over the points at margin 1 with α ≥ 0.
     * The rows are independent, so α is the unique solution of the equations on those points; returns
     * max(‖u − Σ α_i s_i xt_i‖ / ‖u‖, −min α / max α).
     */
    static double kktResidual(double[][] b, boolean[] pattern, double[] plane) {
        int n = b.length;
        int m = b[0].length;
        double[][] xt = new double[n][];
        double[] margins = new double[n];
        double lowest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            xt[i] = Arrays.copyOf(b[i], m + 1);
            xt[i][m] = 1;
            double o = 0;
            for (int j = 0; j <= m; j++) {
                o += xt[i][j] * plane[j];
            }
            margins[i] = pattern[i] ? o : -o;
            lowest = Math.min(lowest, margins[i]);
        }
        double[] u = new double[m + 1];
        for (int j = 0; j <= m; j++) {
            u[j] = plane[j] / lowest;
        }
        double bound = lowest * (1 + 1e-7);
        int[] active = java.util.stream.IntStream.range(0, n).filter(i -> margins[i] <= bound).toArray();
        int k = active.length;
        // Σ_t α_t s_t s_i (xt_t · xt_i) = s_i (xt_i · u) = 1 for i in the active set
        double[][] a = new double[k][k + 1];
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < k; c++) {
                double g = 0;
                for (int j = 0; j <= m; j++) {
                    g += xt[active[r]][j] * xt[active[c]][j];
                }
                a[r][c] = (pattern[active[r]] == pattern[active[c]] ? 1 : -1) * g;
            }
            a[r][k] = 1;
        }
        for (int c = 0; c < k; c++) {
            int pivot = c;
            for (int r = c + 1; r < k; r++) {
                pivot = Math.abs(a[r][c]) > Math.abs(a[pivot][c]) ? r : pivot;
            }
            double[] swap = a[c];
            a[c] = a[pivot];
            a[pivot] = swap;
            for (int r = 0; r < k; r++) {
                if (r != c) {
                    double f = a[r][c] / a[c][c];
                    for (int j = c; j <= k; j++) {
                        a[r][j] -= f * a[c][j];
                    }
                }
            }
        }
        double[] rest = u.clone();
        double largest = 0;
        double smallest = 0;
        for (int r = 0; r < k; r++) {
            double alpha = a[r][k] / a[r][r];
            largest = Math.max(largest, alpha);
            smallest = Math.min(smallest, alpha);
            double sign = pattern[active[r]] ? 1 : -1;
            for (int j = 0; j <= m; j++) {
                rest[j] -= alpha * sign * xt[active[r]][j];
            }
        }
        double residual = 0;
        double norm = 0;
        for (int j = 0; j <= m; j++) {
            residual += rest[j] * rest[j];
            norm += u[j] * u[j];
        }
        return Math.max(Math.sqrt(residual / norm), -smallest / largest);
    }

    @Test
    void theActiveSetGivesTheMarginOfDualCoordinateAscentRunToConvergence() {
        SplittableRandom random = new SplittableRandom(16);
        int compared = 0;
        int leastNormBelow = 0;
        for (int c = 0; c < 40; c++) {
            int n = random.nextInt(3, 13);
            double[][] b = rows(random, n, random.nextInt(n, 2 * n + 1));
            LevelMargins solver = new LevelMargins(b, LevelMargins.gram(b));
            boolean[][] patterns = chain(random, n);
            double[][] leastNorm = new LevelLayer(b, LevelLayer.PI, Cancellation.NEVER).neurons(List.<boolean[][]>of(
                    patterns))[0];
            for (int k = 0; k < patterns.length; k++) {
                boolean[] p = patterns[k];
                LevelMargins.Fit fit = solver.solve(p, Cancellation.NEVER);
                assertThat(fit).isNotNull();
                assertThat(fit.optimal()).isTrue();
                assertThat(Separator.reproduces(b, p, fit.plane())).isTrue();
                // the old separator (dual coordinate ascent), run until its KKT violation is below 1e-6
                double[] reference = Separator.augmentedMaxMargin(b, p, 1_000_000);
                assertThat(reference).isNotNull();
                double expected = margin(b, p, reference);
                double found = margin(b, p, fit.plane());
                assertThat(found).isCloseTo(expected, within(1e-5 * expected));
                assertThat(found).isGreaterThanOrEqualTo(expected * (1 - 1e-12));
                assertThat(kktResidual(b, p, fit.plane())).isLessThan(1e-9);
                compared++;
                // a separator that is not the widest fails the comparison: the least-norm one, which also
                // reproduces the pattern, is often narrower by far more than the tolerance
                assertThat(Separator.reproduces(b, p, leastNorm[k])).isTrue();
                double narrower = margin(b, p, leastNorm[k]);
                assertThat(narrower).isLessThanOrEqualTo(found * (1 + 1e-9));
                if (narrower < expected * (1 - 1e-4)) {
                    leastNormBelow++;
                    assertThat(kktResidual(b, p, leastNorm[k])).isGreaterThan(1e-6);
                }
            }
        }
        assertThat(compared).isGreaterThan(200);
        assertThat(leastNormBelow).isGreaterThan(compared / 4);
    }
}
