package org.heaviside.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.heaviside.arrangement.PatternMatrix;
import org.heaviside.arrangement.PatternSources;
import org.heaviside.run.Cancellation;
import org.junit.jupiter.api.Test;

/** Successive solves that reuse solver state give the bits of solves that start over. */
class SolverSessionTest {

    private static final SolverOptions OPTIONS = SolverOptions.defaults().withTolerance(1e-9).withThreads(1);

    /** Rows in 4 dimensions with many sampled patterns (working sets of a few hundred columns). */
    private static double[][] rows(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][4];
        for (double[] row : x) {
            for (int k = 0; k < row.length; k++) {
                row[k] = random.nextDouble(-1, 1);
            }
        }
        return x;
    }

    private static PatternMatrix patterns(double[][] x, int directions, long seed) {
        PatternMatrix h = new PatternMatrix(x.length);
        PatternSources.addBias(h, x[0].length);
        PatternSources.sample(h, x, directions, seed, Cancellation.NEVER);
        return h;
    }

    private static double[] targets(double[][] x, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i][0] * x[i][1] + 0.3 * Math.sin(3 * x[i][2]) + 0.2 * random.nextGaussian() > 0 ? 1 : -1;
        }
        return y;
    }

    private static double[] weights(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = random.nextBoolean() ? 1.0 : 2.5;
        }
        return w;
    }

    private static SolverResult solve(LassoProblem problem, double beta, double[] warm, SolverSession session) {
        CoordinateDescentSolver solver = new CoordinateDescentSolver(OPTIONS);
        return session == null ? solver.solve(problem, beta, warm, ConvergenceListener.NONE, Cancellation.NEVER)
                : solver.solve(problem, beta, warm, ConvergenceListener.NONE, Cancellation.NEVER, session);
    }

    @Test
    void aPathSolvedInOneSessionHasTheBitsOfSolvesThatStartOver() {
        double[][] x = rows(300, 1);
        for (double[] w : new double[][] {null, weights(300, 2)}) {
            LassoProblem problem = new LassoProblem(patterns(x, 2000, 3), new double[][] {targets(x, 4)}, w);
            double max = problem.penaltyMax();
            SolverSession session = new SolverSession();
            double[] warmSession = null;
            double[] warmFresh = null;
            for (double ratio : new double[] {0.3, 0.1, 0.03, 0.01, 0.003}) {
                SolverResult withSession = solve(problem, ratio * max, warmSession, session);
                SolverResult fresh = solve(problem, ratio * max, warmFresh, null);
                assertThat(withSession.status()).isEqualTo(SolverStatus.CONVERGED);
                assertThat(withSession.weights()).as("weights at ratio %s", ratio).isEqualTo(fresh.weights());
                assertThat(withSession.objective()).isEqualTo(fresh.objective());
                assertThat(withSession.dualityGap()).isEqualTo(fresh.dualityGap());
                assertThat(withSession.sweeps()).isEqualTo(fresh.sweeps());
                warmSession = withSession.weights();
                warmFresh = fresh.weights();
            }
        }
    }

    /**
     * A solve that ends by an exception (here its listener throws after its second subproblem, whose Gram matrix
     * is written into the array of the subproblem the session held) leaves the session nothing stale: the next
     * solve has the bits of one that starts over.
     */
    @Test
    void aSolveEndedByAnExceptionLeavesNoStaleGramToTheNext() {
        double[][] x = rows(300, 22);
        LassoProblem problem = new LassoProblem(patterns(x, 2000, 23), new double[][] {targets(x, 24)}, null);
        double max = problem.penaltyMax();
        CoordinateDescentSolver solver = new CoordinateDescentSolver(OPTIONS);
        SolverSession session = new SolverSession();
        solver.solve(problem, 0.01 * max, null, ConvergenceListener.NONE, Cancellation.NEVER, session);
        int[] outerSteps = {0};
        ConvergenceListener failing = (sweep, objective, gap) -> {
            if (!Double.isNaN(gap) && ++outerSteps[0] == 3) {
                throw new IllegalStateException("stopped on purpose");
            }
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> solver.solve(problem, 0.1 * max, null, failing,
                Cancellation.NEVER, session)).hasMessage("stopped on purpose");
        SolverResult again = solver.solve(problem, 0.01 * max, null, ConvergenceListener.NONE, Cancellation.NEVER,
                session);
        SolverResult fresh = solve(problem, 0.01 * max, null, null);
        assertThat(again.weights()).isEqualTo(fresh.weights());
        assertThat(again.objective()).isEqualTo(fresh.objective());
    }

    @Test
    void certificateRoundsThatAppendPatternsHaveTheBitsOfSolvesThatStartOverAndTheirOptimum() {
        double[][] x = rows(250, 5);
        PatternMatrix h = patterns(x, 600, 6);
        LassoProblem problem = new LassoProblem(h, new double[][] {targets(x, 7)});
        double beta = 0.01 * problem.penaltyMax();
        SolverSession session = new SolverSession();
        SolverResult withSession = solve(problem, beta, null, session);
        SolverResult fresh = solve(problem, beta, null, null);
        assertThat(withSession.weights()).isEqualTo(fresh.weights());
        SplittableRandom random = new SplittableRandom(8);
        for (int round = 0; round < 3; round++) {
            appendSearchPatterns(x, h, random);
            withSession = solve(problem, beta, withSession.weights(), session);
            fresh = solve(problem, beta, fresh.weights(), null);
            assertThat(withSession.weights()).as("round %d", round).isEqualTo(fresh.weights());
            assertThat(withSession.objective()).isEqualTo(fresh.objective());
            // and the optimum of a cold solve over the same patterns, to the tolerance
            SolverResult cold = solve(problem, beta, null, null);
            assertThat(withSession.objective()).isCloseTo(cold.objective(), within(2e-9 * cold.objective()));
        }
    }

    /**
     * Two-class logistic certificate rounds (patterns appended between solves, row weights) keep the
     * curvature-weighted Gram matrix in the session: each round converges to the optimum of the solves that
     * start over (the kept entries are sums in another order, so the objective agrees to the tolerance, not
     * bit for bit), and the session holds this problem's matrix afterwards.
     */
    @Test
    void logisticCertificateRoundsKeepTheCurvatureGramAndReachTheOptimumOfSolvesThatStartOver() {
        double[][] x = rows(250, 16);
        PatternMatrix h = patterns(x, 600, 17);
        LassoProblem problem = new LassoProblem(h, new double[][] {targets(x, 18)}, weights(250, 19));
        double beta = 0.01 * problem.penaltyMax(Loss.LOGISTIC);
        LogisticSolver solver = new LogisticSolver(OPTIONS);
        SolverSession session = new SolverSession();
        SolverResult withSession = solver.solve(problem, beta, null, ConvergenceListener.NONE, Cancellation.NEVER,
                session);
        SolverResult fresh = solver.solve(problem, beta, null, ConvergenceListener.NONE, Cancellation.NEVER);
        assertThat(withSession.weights()).isEqualTo(fresh.weights());
        CurvatureGram kept = session.curvatures(problem);
        assertThat(kept).isNotNull();
        SplittableRandom random = new SplittableRandom(20);
        for (int round = 0; round < 3; round++) {
            appendSearchPatterns(x, h, random);
            withSession = solver.solve(problem, beta, withSession.weights(), ConvergenceListener.NONE,
                    Cancellation.NEVER, session);
            fresh = solver.solve(problem, beta, fresh.weights(), ConvergenceListener.NONE, Cancellation.NEVER);
            assertThat(session.curvatures(problem)).as("round %d", round).isSameAs(kept);
            assertThat(withSession.status()).isEqualTo(SolverStatus.CONVERGED);
            assertThat(withSession.relativeGap()).isLessThanOrEqualTo(1e-9);
            assertThat(withSession.objective()).as("round %d", round)
                    .isCloseTo(fresh.objective(), within(2e-9 * fresh.objective()));
        }
        // another problem object on other patterns starts over
        LassoProblem other = LassoProblem.of(patterns(x, 300, 21), targets(x, 18));
        assertThat(session.curvatures(other)).isNull();
    }

    @Test
    void aSessionUsedOnOtherPatternsOrWeightsStartsOver() {
        double[][] x = rows(200, 9);
        LassoProblem first = LassoProblem.of(patterns(x, 800, 10), targets(x, 11));
        LassoProblem second = LassoProblem.of(patterns(x, 800, 12), targets(x, 13));
        SolverSession session = new SolverSession();
        solve(first, 0.01 * first.penaltyMax(), null, session);
        SolverResult reused = solve(second, 0.01 * second.penaltyMax(), null, session);
        SolverResult fresh = solve(second, 0.01 * second.penaltyMax(), null, null);
        assertThat(reused.weights()).isEqualTo(fresh.weights());
        assertThat(reused.objective()).isEqualTo(fresh.objective());
        // the same patterns with row weights: other Gram entries
        LassoProblem weighted = new LassoProblem(second.patterns(), second.targets(), weights(200, 14));
        SolverResult reusedWeighted = solve(weighted, 0.01 * weighted.penaltyMax(), null, session);
        SolverResult freshWeighted = solve(weighted, 0.01 * weighted.penaltyMax(), null, null);
        assertThat(reusedWeighted.weights()).isEqualTo(freshWeighted.weights());
        // and a problem object built again on the same patterns and weights keeps what the session holds
        LassoProblem again = new LassoProblem(second.patterns(), new double[][] {targets(x, 15)}, weighted.rowWeights());
        SolverResult reusedAgain = solve(again, 0.01 * again.penaltyMax(), null, session);
        assertThat(reusedAgain.weights()).isEqualTo(solve(again, 0.01 * again.penaltyMax(), null, null).weights());
    }

    /** Up to 25 new patterns of random hyperplanes appended (new column indices), as the certificate's rounds do. */
    private static void appendSearchPatterns(double[][] x, PatternMatrix h, SplittableRandom random) {
        for (int k = 0; k < 25; k++) {
            double[] u = new double[x[0].length + 1]; // the weights and the bias
            for (int j = 0; j < u.length; j++) {
                u[j] = random.nextGaussian();
            }
            long[] pattern = PatternMatrix.pattern(x, u);
            if (h.indexOf(pattern) < 0) {
                h.add(pattern, u, "search");
            }
        }
    }
}
