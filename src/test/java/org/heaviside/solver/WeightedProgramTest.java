package org.heaviside.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.heaviside.arrangement.PatternMatrix;
import org.heaviside.run.Cancellation;
import org.junit.jupiter.api.Test;

/** The row-weighted programs of docs/method.md section 10: optimum, gap, KKT, and the unweighted path kept. */
class WeightedProgramTest {

    private static final SolverOptions TIGHT = SolverOptions.defaults().withTolerance(1e-10).withThreads(1);

    @Property(tries = 15, seed = "2026")
    void weightedSquaredObjectiveMatchesOjAlgoQuadraticProgram(@ForAll @IntRange(min = 6, max = 25) int n,
                                                             @ForAll @IntRange(min = 1, max = 1000) int seed,
                                                             @ForAll @IntRange(min = 1, max = 50) int ratioPercent,
                                                             @ForAll boolean classWeights) {
        PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(n, n, seed);
        double[] y = CoordinateDescentSolverTest.randomTargets(n, seed + 7);
        double[] w = classWeights ? classWeights(y, 3.5) : randomWeights(n, seed + 11);
        LassoProblem problem = new LassoProblem(h, new double[][] {y}, w);
        double beta = ratioPercent / 100.0 * problem.penaltyMax();
        SolverResult ours = new CoordinateDescentSolver(TIGHT).solve(problem, beta, null, ConvergenceListener.NONE,
                Cancellation.NEVER);
        double reference = QpAgreementTest.qp(h, y, w, beta);
        assertThat(ours.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(Math.abs(ours.objective() - reference)).isLessThanOrEqualTo(1e-7 * reference);
        // the reported objective is the weighted loss of the returned weights
        double[][] f = DualityGap.fitted(problem, ours.weights());
        double l1 = 0;
        for (double v : ours.weights()) {
            l1 += Math.abs(v);
        }
        assertThat(ours.objective()).isCloseTo(Loss.SQUARED.value(problem.targets(), f, w) + beta * l1,
                within(1e-9 * ours.objective()));
    }

    @Property(tries = 15, seed = "77")
    void weightedLogisticObjectiveMatchesAnAcceleratedProximalGradientReference(
            @ForAll @IntRange(min = 6, max = 18) int n, @ForAll @IntRange(min = 1, max = 1000) int seed,
            @ForAll @IntRange(min = 5, max = 50) int ratioPercent, @ForAll boolean classWeights) {
        PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(n, n, seed);
        double[] y = CoordinateDescentSolverTest.randomTargets(n, seed + 3);
        double[] w = classWeights ? classWeights(y, 4.0) : randomWeights(n, seed + 5);
        LassoProblem problem = new LassoProblem(h, new double[][] {y}, w);
        double beta = ratioPercent / 100.0 * problem.penaltyMax(Loss.LOGISTIC);
        SolverResult ours = new LogisticSolver(TIGHT).solve(problem, beta, null, ConvergenceListener.NONE,
                Cancellation.NEVER);
        assertThat(ours.status()).isEqualTo(SolverStatus.CONVERGED);
        double reference = logisticReference(h, y, w, beta);
        // the reference is a feasible point: ours (certified by its gap) is at most it, and close
        assertThat(ours.objective()).isLessThanOrEqualTo(reference * (1 + 1e-12));
        assertThat(reference - ours.objective()).isLessThanOrEqualTo(1e-7 * reference);
    }

    @Property(tries = 20, seed = "5")
    void weightedSquaredGapIsNonNegativeAndKktHoldsAtConvergence(@ForAll @IntRange(min = 8, max = 60) int n,
                                                                @ForAll @IntRange(min = 1, max = 1000) int seed,
                                                                @ForAll @IntRange(min = 1, max = 3) int outputs) {
        PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(n, 2 * n, seed);
        double[][] y = new double[outputs][];
        for (int c = 0; c < outputs; c++) {
            y[c] = CoordinateDescentSolverTest.randomTargets(n, seed + 13L * c);
        }
        double[] w = randomWeights(n, seed + 1);
        LassoProblem problem = new LassoProblem(h, y, w);
        double beta = 0.1 * problem.penaltyMax();
        List<Double> gaps = new ArrayList<>();
        SolverResult result = new CoordinateDescentSolver(TIGHT).solve(problem, beta, null, (sweep, objective, gap) -> {
            if (!Double.isNaN(gap)) {
                gaps.add(gap);
            }
        }, Cancellation.NEVER);
        assertThat(result.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(gaps).allSatisfy(g -> assertThat(g).isGreaterThanOrEqualTo(-1e-9));
        assertThat(result.dualityGap()).isGreaterThanOrEqualTo(0.0);
        // KKT: h_j' W R_c = beta Z_jc / ||Z_j|| on the support, ||h_j' W R|| <= beta elsewhere
        double[][] r = DualityGap.residual(problem, result.weights());
        double slack = 1e-3 * beta + 1e-6;
        for (int j = 0; j < h.columns(); j++) {
            double[] g = new double[outputs];
            double norm = 0;
            double zNorm = 0;
            for (int c = 0; c < outputs; c++) {
                for (int i = 0; i < n; i++) {
                    g[c] += h.get(i, j) ? w[i] * r[c][i] : 0;
                }
                norm += g[c] * g[c];
                zNorm += result.weights()[j * outputs + c] * result.weights()[j * outputs + c];
            }
            if (zNorm == 0) {
                assertThat(Math.sqrt(norm)).isLessThanOrEqualTo(beta + slack);
            } else {
                for (int c = 0; c < outputs; c++) {
                    assertThat(g[c]).isCloseTo(beta * result.weights()[j * outputs + c] / Math.sqrt(zNorm),
                            within(slack));
                }
            }
        }
    }

    @Property(tries = 20, seed = "9")
    void weightedLogisticGapIsNonNegativeAndKktHoldsAtConvergence(@ForAll @IntRange(min = 8, max = 60) int n,
                                                                 @ForAll @IntRange(min = 1, max = 1000) int seed) {
        PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(n, 2 * n, seed);
        double[] y = CoordinateDescentSolverTest.randomTargets(n, seed + 3);
        double[] w = randomWeights(n, seed + 2);
        LassoProblem problem = new LassoProblem(h, new double[][] {y}, w);
        double beta = 0.1 * problem.penaltyMax(Loss.LOGISTIC);
        List<Double> gaps = new ArrayList<>();
        SolverResult result = new LogisticSolver(SolverOptions.defaults().withTolerance(1e-8)).solve(problem, beta,
                null, (sweep, objective, gap) -> {
                    if (!Double.isNaN(gap)) {
                        gaps.add(gap);
                    }
                }, Cancellation.NEVER);
        assertThat(result.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(gaps).allSatisfy(g -> assertThat(g).isGreaterThanOrEqualTo(-1e-9));
        double[] f = DualityGap.fitted(problem, result.weights())[0];
        double slack = 1e-3 * beta + 1e-6;
        for (int j = 0; j < h.columns(); j++) {
            double correlation = 0;
            for (int i = 0; i < n; i++) {
                if (h.get(i, j)) {
                    correlation += w[i] * y[i] / (1 + Math.exp(y[i] * f[i]));
                }
            }
            double z = result.weights()[j];
            if (z == 0) {
                assertThat(Math.abs(correlation)).isLessThanOrEqualTo(beta + slack);
            } else {
                assertThat(correlation).isCloseTo(beta * Math.signum(z), within(slack));
            }
        }
    }

    @Test
    void allOnesWeightsReproduceTheUnweightedSolveBitForBit() {
        int n = 90;
        PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(n, 400, 17);
        double[] y = CoordinateDescentSolverTest.randomTargets(n, 18);
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        for (Loss loss : Loss.values()) {
            LassoProblem plain = LassoProblem.of(h, y);
            LassoProblem weighted = new LassoProblem(h, new double[][] {y}, ones);
            double beta = 0.05 * plain.penaltyMax(loss);
            LassoSolver solver = LassoSolver.of(loss, SolverOptions.defaults().withThreads(1));
            SolverResult a = solver.solve(plain, beta, null, ConvergenceListener.NONE, Cancellation.NEVER);
            SolverResult b = solver.solve(weighted, beta, null, ConvergenceListener.NONE, Cancellation.NEVER);
            assertThat(b.weights()).as(loss.id()).isEqualTo(a.weights());
            assertThat(Double.doubleToLongBits(b.objective())).isEqualTo(Double.doubleToLongBits(a.objective()));
            assertThat(Double.doubleToLongBits(b.dualityGap())).isEqualTo(Double.doubleToLongBits(a.dualityGap()));
            assertThat(b.sweeps()).isEqualTo(a.sweeps());
            assertThat(weighted.penaltyMax(loss)).isEqualTo(plain.penaltyMax(loss));
        }
    }

    @Test
    void weightedDualOfTheLossIsTheConjugateFormula() {
        double[][] y = {{1, -1, 1}};
        double[][] theta = {{0.5, -0.2, 0.1}};
        double[] w = {2, 1, 0.5};
        // squared: theta.y - 0.5 sum theta^2 / w
        assertThat(Loss.SQUARED.dual(y, theta, w)).isCloseTo(0.5 + 0.2 + 0.1 - 0.5 * (0.25 / 2 + 0.04 + 0.01 / 0.5),
                within(1e-15));
        // logistic: -sum w [q log q + (1-q) log(1-q)], q = y theta / w
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            double q = y[0][i] * theta[0][i] / w[i];
            expected -= w[i] * (q * Math.log(q) + (1 - q) * Math.log(1 - q));
        }
        assertThat(Loss.LOGISTIC.dual(y, theta, w)).isCloseTo(expected, within(1e-15));
    }

    /** Weight {@code minority} for the +1 rows, 1 for the others (two distinct values: the mask kernel). */
    static double[] classWeights(double[] y, double minority) {
        double[] w = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            w[i] = y[i] > 0 ? minority : 1.0;
        }
        return w;
    }

    /** Distinct weights in [0.2, 5) (more than the mask kernel's limit: the general kernel). */
    static double[] randomWeights(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = 0.2 + 4.8 * random.nextDouble();
        }
        return w;
    }

    /**
     * Σ w_i log(1 + exp(−y_i (Hz)_i)) + β‖z‖₁ by accelerated proximal gradient (FISTA with restarts,
     * step 4 / (max w · ‖H‖²_F)), independent of the coordinate solver: the objective at its last point.
     */
    static double logisticReference(PatternMatrix h, double[] y, double[] w, double beta) {
        int n = h.rows();
        int p = h.columns();
        double maxW = 0;
        for (double v : w) {
            maxW = Math.max(maxW, v);
        }
        double frobenius = 0;
        for (int j = 0; j < p; j++) {
            frobenius += h.ones(j);
        }
        double step = 4.0 / (maxW * frobenius);
        double[] z = new double[p];
        double[] point = new double[p];
        double t = 1;
        double best = Double.POSITIVE_INFINITY;
        double previous = Double.POSITIVE_INFINITY;
        for (int iteration = 0; iteration < 400_000; iteration++) {
            double[] f = new double[n];
            for (int j = 0; j < p; j++) {
                if (point[j] != 0) {
                    for (int i = 0; i < n; i++) {
                        f[i] += h.get(i, j) ? point[j] : 0;
                    }
                }
            }
            double[] next = new double[p];
            for (int j = 0; j < p; j++) {
                double g = 0;
                for (int i = 0; i < n; i++) {
                    if (h.get(i, j)) {
                        g -= w[i] * y[i] / (1 + Math.exp(y[i] * f[i]));
                    }
                }
                double u = point[j] - step * g;
                next[j] = Math.signum(u) * Math.max(Math.abs(u) - step * beta, 0);
            }
            double value = logisticObjective(h, y, w, beta, next);
            double tNext = (1 + Math.sqrt(1 + 4 * t * t)) / 2;
            if (value > previous) {
                t = 1; // restart the momentum when the objective rises
                System.arraycopy(z, 0, point, 0, p);
                continue;
            }
            for (int j = 0; j < p; j++) {
                point[j] = next[j] + (t - 1) / tNext * (next[j] - z[j]);
            }
            z = next;
            t = tNext;
            best = Math.min(best, value);
            if (previous - value <= 1e-15 * value && iteration > 1000) {
                break;
            }
            previous = value;
        }
        return best;
    }

    private static double logisticObjective(PatternMatrix h, double[] y, double[] w, double beta, double[] z) {
        double sum = 0;
        for (int i = 0; i < h.rows(); i++) {
            double f = 0;
            for (int j = 0; j < h.columns(); j++) {
                f += h.get(i, j) ? z[j] : 0;
            }
            sum += w[i] * Math.log1p(Math.exp(-y[i] * f));
        }
        for (double v : z) {
            sum += beta * Math.abs(v);
        }
        return sum;
    }
}
