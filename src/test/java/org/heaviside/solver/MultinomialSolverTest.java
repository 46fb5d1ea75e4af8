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

/** The multinomial logistic program with the group penalty: gap, KKT, its dual, and row weights. */
class MultinomialSolverTest {

    /** One-vs-rest ±1 targets of random labels among {@code classes}. */
    static double[][] labels(int n, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] y = new double[classes][n];
        for (int i = 0; i < n; i++) {
            int label = i < classes ? i : random.nextInt(classes);
            for (int c = 0; c < classes; c++) {
                y[c][i] = c == label ? 1 : -1;
            }
        }
        return y;
    }

    @Property(tries = 20, seed = "41")
    void convergesWithANonNegativeGapAndTheGroupKktConditions(@ForAll @IntRange(min = 10, max = 60) int n,
                                                              @ForAll @IntRange(min = 1, max = 1000) int seed,
                                                              @ForAll @IntRange(min = 3, max = 5) int classes,
                                                              @ForAll boolean weighted) {
        PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(n, 2 * n, seed);
        double[][] y = labels(n, classes, seed + 1);
        double[] w = weighted ? WeightedProgramTest.randomWeights(n, seed + 2) : null;
        LassoProblem problem = new LassoProblem(h, y, w);
        double beta = 0.1 * problem.penaltyMax(Loss.LOGISTIC);
        List<Double> gaps = new ArrayList<>();
        List<Double> objectives = new ArrayList<>();
        SolverResult result = LassoSolver.of(Loss.LOGISTIC, SolverOptions.defaults().withTolerance(1e-8))
                .solve(problem, beta, null, (sweep, objective, gap) -> {
                    objectives.add(objective);
                    if (!Double.isNaN(gap)) {
                        gaps.add(gap);
                    }
                }, Cancellation.NEVER);
        assertThat(result.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(gaps).allSatisfy(g -> assertThat(g).isGreaterThanOrEqualTo(-1e-9));
        for (int k = 1; k < objectives.size(); k++) {
            assertThat(objectives.get(k)).isLessThanOrEqualTo(objectives.get(k - 1) * (1 + 1e-9) + 1e-9);
        }
        // KKT: g_j = h_j' W (E - softmax(F)) equals beta Z_j / ||Z_j|| on the support, ||g_j|| <= beta elsewhere
        double[][] f = DualityGap.fitted(problem, result.weights());
        double[][] theta = Loss.LOGISTIC.direction(y, f, w);
        double slack = 1e-3 * beta + 1e-6;
        for (int j = 0; j < h.columns(); j++) {
            double[] g = new double[classes];
            double norm = 0;
            double zNorm = 0;
            for (int c = 0; c < classes; c++) {
                for (int i = 0; i < n; i++) {
                    g[c] += h.get(i, j) ? theta[c][i] : 0;
                }
                norm += g[c] * g[c];
                zNorm += Math.pow(result.weights()[j * classes + c], 2);
            }
            if (zNorm == 0) {
                assertThat(Math.sqrt(norm)).isLessThanOrEqualTo(beta + slack);
            } else {
                for (int c = 0; c < classes; c++) {
                    assertThat(g[c]).isCloseTo(beta * result.weights()[j * classes + c] / Math.sqrt(zNorm),
                            within(slack));
                }
            }
        }
    }

    @Test
    void reportedGapIsThePrimalMinusTheShiftedSimplexEntropyDual() {
        int n = 50;
        PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(n, 80, 3);
        double[][] y = labels(n, 4, 4);
        double[] w = WeightedProgramTest.randomWeights(n, 5);
        LassoProblem problem = new LassoProblem(h, y, w);
        double beta = 0.2 * problem.penaltyMax(Loss.LOGISTIC);
        SolverResult result = LassoSolver.of(Loss.LOGISTIC, SolverOptions.defaults().withTolerance(1e-3))
                .solve(problem, beta, null, ConvergenceListener.NONE, Cancellation.NEVER);
        double[][] f = DualityGap.fitted(problem, result.weights());
        double groups = 0;
        for (int j = 0; j < h.columns(); j++) {
            double row = 0;
            for (int c = 0; c < 4; c++) {
                row += Math.pow(result.weights()[j * 4 + c], 2);
            }
            groups += Math.sqrt(row);
        }
        double primal = Loss.LOGISTIC.value(y, f, w) + beta * groups;
        double dual = Loss.LOGISTIC.dual(y, DualityGap.dualPoint(problem, result.weights(), beta, Loss.LOGISTIC), w);
        assertThat(result.objective()).isCloseTo(primal, within(1e-9 * primal));
        assertThat(result.dualObjective()).isCloseTo(dual, within(1e-9 * primal));
        assertThat(result.dualityGap()).isGreaterThanOrEqualTo(0.0).isLessThanOrEqualTo(1e-3 * primal);
    }

    @Test
    void atZeroTheLossIsLogCPerRowAndBetaMaxGivesTheZeroSolution() {
        int n = 30;
        PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(n, 40, 8);
        double[][] y = labels(n, 3, 9);
        LassoProblem problem = new LassoProblem(h, y);
        assertThat(Loss.LOGISTIC.value(y, new double[3][n])).isCloseTo(n * Math.log(3), within(1e-12));
        double betaMax = problem.penaltyMax(Loss.LOGISTIC);
        SolverResult result = LassoSolver.of(Loss.LOGISTIC, SolverOptions.defaults())
                .solve(problem, betaMax * (1 + 1e-9), null, ConvergenceListener.NONE, Cancellation.NEVER);
        assertThat(result.nonZeros()).isZero();
        SolverResult below = LassoSolver.of(Loss.LOGISTIC, SolverOptions.defaults())
                .solve(problem, betaMax * 0.9, null, ConvergenceListener.NONE, Cancellation.NEVER);
        assertThat(below.nonZeros()).isPositive();
    }
}
