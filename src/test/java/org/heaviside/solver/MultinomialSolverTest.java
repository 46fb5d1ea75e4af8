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
        assertGroupKkt(problem, result, beta, 1e-3 * beta + 1e-6);
    }

    /** KKT: g_j = h_jᵀ W (E − softmax(F)) equals β Z_j / ‖Z_j‖ on the support, ‖g_j‖ ≤ β elsewhere (within slack). */
    static void assertGroupKkt(LassoProblem problem, SolverResult result, double beta, double slack) {
        PatternMatrix h = problem.patterns();
        double[][] y = problem.targets();
        int n = h.rows();
        int classes = y.length;
        double[][] f = DualityGap.fitted(problem, result.weights());
        double[][] theta = Loss.LOGISTIC.direction(y, f, problem.rowWeights());
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

    /**
     * Three overlapping Gaussian classes (4 features), the bias and 100 sampled patterns, class-balanced
     * row weights: the problem shape of AI4I's three-class {@code Type} in miniature.
     */
    static LassoProblem threeClasses(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centers = new double[3][4];
        for (double[] center : centers) {
            for (int k = 0; k < 4; k++) {
                center[k] = random.nextGaussian();
            }
        }
        double[][] x = new double[n][4];
        double[][] y = new double[3][n];
        int[] counts = new int[3];
        int[] label = new int[n];
        for (int i = 0; i < n; i++) {
            label[i] = i % 5 == 0 ? 2 : i % 5 < 3 ? 0 : 1;
            counts[label[i]]++;
            for (int k = 0; k < 4; k++) {
                x[i][k] = centers[label[i]][k] + random.nextGaussian();
            }
            for (int c = 0; c < 3; c++) {
                y[c][i] = c == label[i] ? 1 : -1;
            }
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = n / (3.0 * counts[label[i]]);
        }
        PatternMatrix h = new PatternMatrix(n);
        org.heaviside.arrangement.PatternSources.addBias(h, 4);
        org.heaviside.arrangement.PatternSources.sample(h, x, 100, seed, Cancellation.NEVER);
        return new LassoProblem(h, y, w);
    }

    /** Outer steps (where the gap is computed) of a solve, and its result. */
    record Counted(SolverResult result, int outerSteps) {
    }

    static Counted solveCounting(LassoSolver solver, LassoProblem problem, double beta) {
        int[] outer = {0};
        SolverResult result = solver.solve(problem, beta, null, (sweep, objective, gap) -> {
            if (!Double.isNaN(gap)) {
                outer[0]++;
            }
        }, Cancellation.NEVER);
        return new Counted(result, outer[0]);
    }

    /**
     * Proximal Newton steps with each row's softmax Hessian (a block on the zero-sum outputs) converge
     * fast: relative gap 1e-8 in 10 outer steps here. With one scalar curvature per row (the previous model,
     * which overstates the curvature towards the unlikely classes) the first of these solves took 554 outer
     * steps at a linear rate.
     */
    @Test
    void threeClassesReachARelativeGapOf1e8InAFewOuterSteps() {
        for (long seed = 1; seed <= 3; seed++) {
            LassoProblem problem = threeClasses(150, seed);
            double beta = 0.01 * problem.penaltyMax(Loss.LOGISTIC);
            Counted counted = solveCounting(LassoSolver.of(Loss.LOGISTIC, SolverOptions.defaults().withTolerance(1e-8)),
                    problem, beta);
            assertThat(counted.result().status()).isEqualTo(SolverStatus.CONVERGED);
            assertThat(counted.result().relativeGap()).isLessThanOrEqualTo(1e-8);
            assertThat(counted.outerSteps()).isLessThan(30);
        }
    }

    /**
     * A support larger than the block model's Newton limit (lowered here to 16 coordinates, 8 patterns)
     * still converges within the budget, to the optimum of the solve with the limit in use. Before, such a
     * model had block coordinate descent only: AI4I's {@code Type} on 2,000 rows with class-balanced weights
     * (a support of 816 patterns, 1,632 coordinates) had no result after 200 s.
     */
    @Test
    void aSupportBeyondTheNewtonLimitStillConverges() {
        for (long seed = 1; seed <= 3; seed++) {
            LassoProblem problem = threeClasses(150, seed);
            double beta = 0.01 * problem.penaltyMax(Loss.LOGISTIC);
            SolverOptions options = SolverOptions.defaults().withTolerance(1e-8).withMaxSweeps(3000);
            SolverResult limited = new MultinomialSolver(options, true, 16).solve(problem, beta, null,
                    ConvergenceListener.NONE, Cancellation.NEVER);
            SolverResult reference = new MultinomialSolver(options, true).solve(problem, beta, null,
                    ConvergenceListener.NONE, Cancellation.NEVER);
            assertThat(limited.nonZeros()).isGreaterThan(8);
            assertThat(limited.status()).isEqualTo(SolverStatus.CONVERGED);
            assertThat(limited.relativeGap()).isLessThanOrEqualTo(1e-8);
            assertThat(limited.objective()).isCloseTo(reference.objective(), within(2e-8 * reference.objective()));
            assertGroupKkt(problem, limited, beta, 1e-3 * beta);
        }
    }

    /**
     * Only the block model is solved to {@link ProximalNewton#BLOCK_INNER} of the gap: working sets beyond the
     * block limit (lowered here to 0, so every one) take the scalar-curvature steps, solved to {@link
     * ProximalNewton#INNER} as on every other path. Before, the looser target reached them too.
     */
    @Test
    void workingSetsBeyondTheBlockLimitKeepTheInnerTarget() {
        LassoProblem problem = threeClasses(150, 1);
        double beta = 0.01 * problem.penaltyMax(Loss.LOGISTIC);
        SolverOptions options = SolverOptions.defaults().withTolerance(1e-6).withMaxSweeps(200_000);
        for (int limit : new int[] {0, ProximalNewton.BLOCK_LIMIT}) {
            ProximalNewton solver = new ProximalNewton(options, true, BlockSubproblem.NEWTON_LIMIT, limit);
            List<Double> shares = new ArrayList<>();
            solver.shares = shares::add;
            SolverResult result = solver.solve(problem,
                    new MultinomialSolver.Softmax(problem.targets(), problem.rowWeights()), beta, null,
                    ConvergenceListener.NONE, Cancellation.NEVER);
            assertThat(result.status()).isEqualTo(SolverStatus.CONVERGED);
            assertThat(shares).isNotEmpty()
                    .containsOnly(limit == 0 ? ProximalNewton.INNER : ProximalNewton.BLOCK_INNER);
        }
    }

    /**
     * Ten Gaussian classes (6 features, n / 10 rows each), the bias, {@code sampled} sampled patterns and, when
     * asked, the data-anchored ones (as the recommended preset builds them); no row weights.
     */
    static LassoProblem tenClasses(int n, int sampled, boolean anchored, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centers = new double[10][6];
        for (double[] center : centers) {
            for (int k = 0; k < 6; k++) {
                center[k] = random.nextGaussian();
            }
        }
        double[][] x = new double[n][6];
        double[][] y = new double[10][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 6; k++) {
                x[i][k] = centers[i % 10][k] + random.nextGaussian();
            }
            for (int c = 0; c < 10; c++) {
                y[c][i] = c == i % 10 ? 1 : -1;
            }
        }
        PatternMatrix h = new PatternMatrix(n);
        org.heaviside.arrangement.PatternSources.addBias(h, 6);
        org.heaviside.arrangement.PatternSources.sample(h, x, sampled, seed, Cancellation.NEVER);
        if (anchored) {
            org.heaviside.arrangement.PatternSources.anchored(h, x, 256, 1000, seed + 1, Cancellation.NEVER);
        }
        return new LassoProblem(h, y);
    }

    /**
     * A working set beyond the block limit whose support fits it is cut to the limit, so every step is a block
     * model's: ten classes with the limit lowered to 150 patterns (1,350 coordinates), supports of 107-119
     * patterns, working sets of the support and half as many candidates. Before, each such working set took
     * the scalar-curvature steps: 1,373-1,767 outer steps per solve, closing the gap at a linear rate (the
     * recommended preset on a ten-class, 400-row table spent most of its 230 s of processor time there).
     */
    @Test
    void aWorkingSetBeyondTheBlockLimitIsCutToItWhenTheSupportFits() {
        assertTenClassBlockSteps(BlockSubproblem.NEWTON_LIMIT, 9 * 150, 100, 149);
    }

    /**
     * Ten classes, 200 rows, 300 patterns, seeds 1-3, ratio 0.05, solved with the given limits: converged, a
     * support of {@code least}-{@code most} patterns, only block models' steps (fewer than 30 outer steps), the
     * default solve's objective, group KKT.
     */
    private static void assertTenClassBlockSteps(int newtonLimit, int blockLimit, int least, int most) {
        for (long seed = 1; seed <= 3; seed++) {
            LassoProblem problem = tenClasses(200, 300, false, seed);
            double beta = 0.05 * problem.penaltyMax(Loss.LOGISTIC);
            SolverOptions options = SolverOptions.defaults().withThreads(1);
            ProximalNewton solver = new ProximalNewton(options, true, newtonLimit, blockLimit);
            List<Double> shares = new ArrayList<>();
            solver.shares = shares::add;
            SolverResult result = solver.solve(problem, new MultinomialSolver.Softmax(problem.targets(), null), beta,
                    null, ConvergenceListener.NONE, Cancellation.NEVER);
            SolverResult reference = new MultinomialSolver(options).solve(problem, beta, null,
                    ConvergenceListener.NONE, Cancellation.NEVER);
            assertThat(result.status()).isEqualTo(SolverStatus.CONVERGED);
            assertThat(result.relativeGap()).isLessThanOrEqualTo(options.tolerance());
            assertThat(result.nonZeros()).isBetween(least, most);
            assertThat(shares).containsOnly(ProximalNewton.BLOCK_INNER).hasSizeLessThan(30);
            assertThat(result.objective()).isCloseTo(reference.objective(), within(3e-6 * reference.objective()));
            assertGroupKkt(problem, result, beta, 1e-2 * beta);
        }
    }

    /**
     * A support at the block limit or above it (lowered here to 90 ten-class patterns, the Newton limit to 60) keeps
     * the block model on a working set of up to {@link ProximalNewton#LARGE_SHARE} times the limit, its Newton
     * steps by conjugate gradients (supports of 107-119 patterns): every step is a block model's, few outer
     * steps, the default solve's objective, group KKT. Before, such a support took the scalar-curvature steps
     * (share {@link ProximalNewton#INNER}, hundreds of outer steps), and a support above the Newton limit
     * took Newton steps chunk by chunk.
     */
    @Test
    void aSupportAboveTheBlockLimitTakesBlockStepsByConjugateGradients() {
        assertTenClassBlockSteps(9 * 60, 9 * 90, 91, 134);
    }

    /**
     * A ten-class support of more than 2,048 coordinates still takes the block model's steps: 320 rows, 3,236
     * sampled and data-anchored patterns, ratio 0.01, a support of about 240 patterns (2,180 coordinates).
     * Before, the block limit was 2,048 coordinates (227 patterns of ten classes), and such a support took the
     * scalar-curvature steps: here MAX_SWEEPS after 2,000 sweeps at a relative gap of 4e-4 (one fold of the
     * recommended preset on a ten-class, 400-row table: 1,200 outer steps, 27 s).
     */
    @Test
    void aTenClassSupportAboveTwoThousandCoordinatesTakesBlockSteps() {
        LassoProblem problem = tenClasses(320, 1000, true, 1);
        double beta = 0.01 * problem.penaltyMax(Loss.LOGISTIC);
        SolverOptions options = SolverOptions.defaults().withMaxSweeps(2000);
        ProximalNewton solver = new ProximalNewton(options);
        List<Double> shares = new ArrayList<>();
        solver.shares = shares::add;
        SolverResult result = solver.solve(problem, new MultinomialSolver.Softmax(problem.targets(), null), beta,
                null, ConvergenceListener.NONE, Cancellation.NEVER);
        assertThat(result.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(result.relativeGap()).isLessThanOrEqualTo(options.tolerance());
        assertThat(result.nonZeros() * 9).isGreaterThan(2048);
        assertThat(shares).containsOnly(ProximalNewton.BLOCK_INNER).hasSizeLessThan(40);
        assertGroupKkt(problem, result, beta, 1e-2 * beta);
    }

    /**
     * The block model reaches the optimum of the previous (scalar-curvature) solver: the same objective
     * and, the loss being strictly convex in the zero-sum fitted values, the same fitted values.
     */
    @Test
    void agreesWithTheScalarCurvatureSolversOptimum() {
        for (long seed = 1; seed <= 3; seed++) {
            LassoProblem problem = threeClasses(150, seed);
            double beta = 0.01 * problem.penaltyMax(Loss.LOGISTIC);
            SolverOptions options = SolverOptions.defaults().withTolerance(1e-10).withMaxSweeps(200_000);
            SolverResult block = new MultinomialSolver(options, true).solve(problem, beta, null,
                    ConvergenceListener.NONE, Cancellation.NEVER);
            SolverResult scalar = new MultinomialSolver(options, false).solve(problem, beta, null,
                    ConvergenceListener.NONE, Cancellation.NEVER);
            assertThat(scalar.status()).isEqualTo(SolverStatus.CONVERGED);
            assertThat(block.status()).isEqualTo(SolverStatus.CONVERGED);
            assertThat(block.objective()).isCloseTo(scalar.objective(), within(1e-9 * scalar.objective()));
            double[][] f = DualityGap.fitted(problem, block.weights());
            double[][] reference = DualityGap.fitted(problem, scalar.weights());
            for (int c = 0; c < 3; c++) {
                for (int i = 0; i < f[c].length; i++) {
                    assertThat(f[c][i]).isCloseTo(reference[c][i], within(1e-3));
                }
            }
        }
    }
}
