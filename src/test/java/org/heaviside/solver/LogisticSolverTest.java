package org.heaviside.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.heaviside.arrangement.PatternMatrix;
import org.heaviside.run.Cancellation;
import org.junit.jupiter.api.Test;

class LogisticSolverTest {

    @Property(tries = 20, seed = "31")
    void convergesWithKktAndANonNegativeGapAndNeverRaisesTheObjective(
            @ForAll @IntRange(min = 8, max = 60) int n, @ForAll @IntRange(min = 1, max = 1000) int seed) {
        PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(n, 2 * n, seed);
        double[] y = CoordinateDescentSolverTest.randomTargets(n, seed + 3);
        LassoProblem problem = LassoProblem.of(h, y);
        double beta = 0.1 * problem.penaltyMax(Loss.LOGISTIC);
        List<Double> objectives = new ArrayList<>();
        List<Double> gaps = new ArrayList<>();
        SolverResult result = new LogisticSolver(SolverOptions.defaults().withTolerance(1e-8))
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
        // KKT: h_j' (y sigma(-y f)) = beta sign(z_j) on the support, |.| <= beta elsewhere
        double[] f = DualityGap.fitted(problem, result.weights())[0];
        for (int j = 0; j < h.columns(); j++) {
            double correlation = 0;
            for (int i = 0; i < n; i++) {
                if (h.get(i, j)) {
                    correlation += y[i] / (1 + Math.exp(y[i] * f[i]));
                }
            }
            double z = result.weights()[j];
            double slack = 1e-3 * beta + 1e-6;
            if (z == 0) {
                assertThat(Math.abs(correlation)).isLessThanOrEqualTo(beta + slack);
            } else {
                assertThat(correlation).isCloseTo(beta * Math.signum(z), within(slack));
            }
        }
    }

    @Test
    void reportedGapIsPrimalMinusTheEntropyDual() {
        PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(40, 60, 5);
        double[] y = CoordinateDescentSolverTest.randomTargets(40, 6);
        LassoProblem problem = LassoProblem.of(h, y);
        double beta = 0.05 * problem.penaltyMax(Loss.LOGISTIC);
        SolverResult result = new LogisticSolver(SolverOptions.defaults().withTolerance(1e-3))
                .solve(problem, beta, null, ConvergenceListener.NONE, Cancellation.NEVER);
        double[][] f = DualityGap.fitted(problem, result.weights());
        double primal = Loss.LOGISTIC.value(problem.targets(), f);
        for (double z : result.weights()) {
            primal += beta * Math.abs(z);
        }
        double[][] theta = DualityGap.dualPoint(problem, result.weights(), beta, Loss.LOGISTIC);
        double dual = 0;
        for (int i = 0; i < y.length; i++) {
            double q = y[i] * theta[0][i];
            assertThat(q).isBetween(0.0, 1.0);
            dual -= q * Math.log(q) + (1 - q) * Math.log(1 - q);
        }
        assertThat(result.objective()).isCloseTo(primal, within(1e-9 * primal));
        assertThat(result.dualityGap()).isCloseTo(primal - dual, within(1e-8 * primal));
    }

    @Test
    void penaltyAtTheLogisticMaximumGivesZero() {
        PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(30, 40, 8);
        double[] y = CoordinateDescentSolverTest.randomTargets(30, 9);
        LassoProblem problem = LassoProblem.of(h, y);
        SolverResult result = new LogisticSolver(SolverOptions.defaults())
                .solve(problem, problem.penaltyMax(Loss.LOGISTIC), null, ConvergenceListener.NONE, Cancellation.NEVER);
        assertThat(result.nonZeros()).isZero();
        assertThat(result.objective()).isCloseTo(30 * Math.log(2), within(1e-9));
    }

    @Test
    void regressionTargetsAreRefusedWithAMessage() {
        PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(10, 10, 1);
        double[] y = new double[10];
        y[0] = 0.5;
        assertThatThrownBy(() -> new LogisticSolver(SolverOptions.defaults()).solve(LassoProblem.of(h, y), 1.0, null,
                ConvergenceListener.NONE, Cancellation.NEVER)).hasMessageContaining("+1/-1");
    }
}
