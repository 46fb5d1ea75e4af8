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
import org.heaviside.arrangement.PatternSources;
import org.heaviside.run.Cancellation;
import org.junit.jupiter.api.Test;

class CoordinateDescentSolverTest {

    private static final SolverOptions TIGHT = SolverOptions.defaults().withTolerance(1e-12).withThreads(1);

    private static long[] bits(int n, int... rows) {
        long[] packed = new long[(n + 63) >>> 6];
        for (int i : rows) {
            packed[i >>> 6] |= 1L << (i & 63);
        }
        return packed;
    }

    @Test
    void disjointPatternsGiveSoftThresholding() {
        // h1 = rows {0,1}, h2 = rows {2,3,4}: z_j = S(h_j'y, beta) / ||h_j||^2
        PatternMatrix h = new PatternMatrix(5);
        h.add(bits(5, 0, 1), null, "test");
        h.add(bits(5, 2, 3, 4), null, "test");
        double[] y = {3, 1, -2, -2, -5};
        SolverResult result = new CoordinateDescentSolver(TIGHT).solve(LassoProblem.of(h, y), 1.0, null,
                ConvergenceListener.NONE, Cancellation.NEVER);
        assertThat(result.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(result.weights()[0]).isCloseTo((4.0 - 1.0) / 2, within(1e-10));
        assertThat(result.weights()[1]).isCloseTo((-9.0 + 1.0) / 3, within(1e-10));
    }

    @Test
    void penaltyAtOrAboveMaxGivesZero() {
        PatternMatrix h = randomMatrix(40, 30, 3);
        double[] y = randomTargets(40, 4);
        LassoProblem problem = LassoProblem.of(h, y);
        double max = problem.penaltyMax();
        SolverResult result = new CoordinateDescentSolver(TIGHT).solve(problem, max, null, ConvergenceListener.NONE,
                Cancellation.NEVER);
        for (double z : result.weights()) {
            assertThat(z).isZero();
        }
        SolverResult below = new CoordinateDescentSolver(TIGHT).solve(problem, 0.9 * max, null,
                ConvergenceListener.NONE, Cancellation.NEVER);
        assertThat(below.nonZeros()).isPositive();
    }

    @Test
    void reportedGapMatchesPrimalAndDualFormulas() {
        PatternMatrix h = randomMatrix(60, 80, 5);
        double[] y = randomTargets(60, 6);
        LassoProblem problem = LassoProblem.of(h, y);
        double beta = 0.05 * problem.penaltyMax();
        SolverResult result = new CoordinateDescentSolver(SolverOptions.defaults().withTolerance(1e-3))
                .solve(problem, beta, null, ConvergenceListener.NONE, Cancellation.NEVER);
        double[][] r = DualityGap.residual(problem, result.weights());
        double primal = 0;
        for (double v : r[0]) {
            primal += 0.5 * v * v;
        }
        for (double z : result.weights()) {
            primal += beta * Math.abs(z);
        }
        double[][] theta = DualityGap.dualPoint(problem, result.weights(), beta);
        double dual = 0;
        for (int i = 0; i < y.length; i++) {
            dual += 0.5 * y[i] * y[i] - 0.5 * (y[i] - theta[0][i]) * (y[i] - theta[0][i]);
        }
        assertThat(result.objective()).isCloseTo(primal, within(1e-9 * primal));
        assertThat(result.dualityGap()).isCloseTo(primal - dual, within(1e-9 * primal));
        assertThat(result.relativeGap()).isLessThanOrEqualTo(1e-3);
    }

    @Property(tries = 30, seed = "4711")
    void gapIsNonNegativeObjectiveNeverRisesAndKktHolds(@ForAll @IntRange(min = 5, max = 60) int n,
                                                          @ForAll @IntRange(min = 1, max = 1000) int seed) {
        PatternMatrix h = randomMatrix(n, 2 * n, seed);
        double[] y = randomTargets(n, seed + 1);
        LassoProblem problem = LassoProblem.of(h, y);
        double beta = 0.1 * problem.penaltyMax();
        List<Double> objectives = new ArrayList<>();
        List<Double> gaps = new ArrayList<>();
        SolverResult result = new CoordinateDescentSolver(SolverOptions.defaults().withTolerance(1e-10))
                .solve(problem, beta, null, (sweep, objective, gap) -> {
                    objectives.add(objective);
                    if (!Double.isNaN(gap)) {
                        gaps.add(gap);
                    }
                }, Cancellation.NEVER);
        for (int k = 1; k < objectives.size(); k++) {
            assertThat(objectives.get(k)).isLessThanOrEqualTo(objectives.get(k - 1) * (1 + 1e-12) + 1e-12);
        }
        assertThat(gaps).allSatisfy(g -> assertThat(g).isGreaterThanOrEqualTo(-1e-9));
        double[][] r = DualityGap.residual(problem, result.weights());
        for (int j = 0; j < h.columns(); j++) {
            double correlation = 0;
            for (int i = 0; i < n; i++) {
                correlation += h.get(i, j) ? r[0][i] : 0;
            }
            double z = result.weights()[j];
            double slack = 1e-4 * beta + 1e-6;
            if (z == 0) {
                assertThat(Math.abs(correlation)).isLessThanOrEqualTo(beta + slack);
            } else {
                assertThat(correlation).isCloseTo(beta * Math.signum(z), within(slack));
            }
        }
    }

    @Test
    void sameInputGivesTheSameBits() {
        PatternMatrix h = randomMatrix(50, 100, 9);
        double[] y = randomTargets(50, 10);
        LassoProblem problem = LassoProblem.of(h, y);
        double beta = 0.02 * problem.penaltyMax();
        SolverResult a = new CoordinateDescentSolver().solve(problem, beta, null, ConvergenceListener.NONE,
                Cancellation.NEVER);
        SolverResult b = new CoordinateDescentSolver().solve(problem, beta, null, ConvergenceListener.NONE,
                Cancellation.NEVER);
        assertThat(b.weights()).containsExactly(a.weights());
        assertThat(b.objective()).isEqualTo(a.objective());
    }

    @Test
    void cancelReturnsWithinOneSweep() {
        PatternMatrix h = randomMatrix(200, 400, 11);
        double[] y = randomTargets(200, 12);
        LassoProblem problem = LassoProblem.of(h, y);
        int[] sweepsSeen = {0};
        boolean[] cancel = {false};
        SolverResult result = new CoordinateDescentSolver(SolverOptions.defaults().withTolerance(1e-14))
                .solve(problem, 1e-4 * problem.penaltyMax(), null, (sweep, objective, gap) -> {
                    sweepsSeen[0] = sweep;
                    if (sweep >= 3) {
                        cancel[0] = true;
                    }
                }, () -> cancel[0]);
        assertThat(result.status()).isEqualTo(SolverStatus.CANCELLED);
        assertThat(result.sweeps()).isLessThanOrEqualTo(4);
        assertThat(result.dualityGap()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void groupPenaltyWithSeveralOutputsMatchesBlockSoftThreshold() {
        PatternMatrix h = new PatternMatrix(4);
        h.add(bits(4, 0, 1), null, "test");
        h.add(bits(4, 2, 3), null, "test");
        double[][] y = {{2, 2, 0, 0}, {0, 0, 1, -1}};
        SolverResult result = new CoordinateDescentSolver(TIGHT).solve(new LassoProblem(h, y), 1.0, null,
                ConvergenceListener.NONE, Cancellation.NEVER);
        // column 0: g = (4, 0), ||g|| = 4, Z = g (1 - 1/4) / 2 = (1.5, 0); column 1: g = (0, 0) -> 0
        assertThat(result.weights()).containsExactly(new double[] {1.5, 0, 0, 0}, within(1e-10));
    }

    @Test
    void aTightToleranceIsReachedOnDependentPatterns() {
        // six rows, few distinct patterns, linearly dependent on the support: the Newton step's ridge
        // used to leave a floor under the gap (about 1.6e-10 relative) that the sweeps never crossed
        PatternMatrix h = randomMatrix(6, 6, 4);
        LassoProblem problem = LassoProblem.of(h, randomTargets(6, 11));
        double beta = 0.01 * problem.penaltyMax();
        SolverResult result = new CoordinateDescentSolver(SolverOptions.defaults().withTolerance(1e-10).withThreads(1)
                .withMaxSweeps(5_000)).solve(problem, beta, null, ConvergenceListener.NONE, Cancellation.NEVER);
        assertThat(result.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(result.relativeGap()).isLessThanOrEqualTo(1e-10);
    }

    @Test
    void thePapersSettingConvergesInAFewHundredSweeps() {
        // 100 rows, 1,001 patterns, beta = 1e-3 n (bench case c): the support is far from the right one
        // for long stretches of plain sweeps (1,244 sweeps before the Newton steps continued past a
        // blocking weight)
        SolverResult result = papersSetting();
        assertThat(result.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(result.relativeGap()).isLessThanOrEqualTo(1e-6);
        assertThat(result.sweeps()).isLessThanOrEqualTo(300);
    }

    /**
     * Bench case (c)'s solve to its bits (objective, dual objective, sweeps, weights): the fresh-JVM speed work
     * on the solver's loops (small methods, fused passes, reused arrays) kept every operation and its order.
     * A change that moves these bits must say why the new result is at least as good.
     */
    @Test
    void thePapersSettingKeepsItsBits() {
        SolverResult result = papersSetting();
        assertThat(result.objective()).isEqualTo(1.15488178741661);
        assertThat(result.dualObjective()).isEqualTo(1.154881787416464);
        assertThat(result.sweeps()).isEqualTo(128);
        assertThat(result.nonZeros()).isEqualTo(98);
        assertThat(java.util.Arrays.hashCode(result.weights())).isEqualTo(-583513808);
    }

    /**
     * Several outputs' Newton steps to their bits along a path solved in one session (the inverse and the
     * factors in work spaces handed on between steps and solves): objective, dual objective, sweeps and
     * weights at each of three ratios, the values of the code before the work spaces (6ee27cf).
     */
    @Test
    void severalOutputsKeepTheirBitsAlongAPathInOneSession() {
        LassoProblem problem = threeOutputs();
        SolverSession session = new SolverSession();
        CoordinateDescentSolver solver = new CoordinateDescentSolver(
                SolverOptions.defaults().withThreads(1).withTolerance(1e-10));
        double[] warm = null;
        StringBuilder bits = new StringBuilder();
        for (double ratio : new double[] {0.05, 0.01, 0.003}) {
            SolverResult result = solver.solve(problem, ratio * problem.penaltyMax(), warm, ConvergenceListener.NONE,
                    Cancellation.NEVER, session);
            warm = result.weights();
            bits.append(result.objective()).append(' ').append(result.dualObjective()).append(' ')
                    .append(result.sweeps()).append(' ').append(java.util.Arrays.hashCode(result.weights())).append('\n');
        }
        assertThat(bits.toString()).isEqualTo(SEVERAL_OUTPUT_BITS);
    }

    private static final String SEVERAL_OUTPUT_BITS = """
            126.25664632705883 126.25664632705775 62 414955499
            43.51973608074712 43.519736080607174 67 -250446282
            14.632555847896619 14.632555846823493 100 -1658228961
            """;

    /** Bench case (c): 100 rows, 1,001 patterns (bias and 1,000 sampled directions), beta = 1e-3 n, one thread. */
    private static SolverResult papersSetting() {
        org.heaviside.data.PaperSynthetic data = org.heaviside.data.PaperSynthetic.generate(1L);
        PatternMatrix h = new PatternMatrix(data.trainX().length);
        PatternSources.addBias(h, data.trainX()[0].length);
        PatternSources.sample(h, data.trainX(), 1000, 1L, Cancellation.NEVER);
        return new CoordinateDescentSolver(SolverOptions.defaults().withThreads(1)).solve(
                LassoProblem.of(h, data.trainY()), 1e-3 * data.trainX().length, null, ConvergenceListener.NONE,
                Cancellation.NEVER);
    }

    @Test
    void severalOutputsConvergeInAFewHundredSweeps() {
        // three one-vs-rest outputs, 120 rows, 682 patterns, beta ratio 0.01: plain block sweeps took
        // 21,137 sweeps, majorize-minimize steps on the support 700; Newton steps of the group penalty 111
        LassoProblem problem = threeOutputs();
        SolverResult result = new CoordinateDescentSolver(SolverOptions.defaults().withThreads(1)).solve(problem,
                0.01 * problem.penaltyMax(), null, ConvergenceListener.NONE, Cancellation.NEVER);
        assertThat(result.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(result.relativeGap()).isLessThanOrEqualTo(1e-6);
        assertThat(result.sweeps()).isLessThanOrEqualTo(2_000);
    }

    @Test
    void severalOutputsReachATightToleranceInAFewHundredSweeps() {
        // the problem above at relative gap 1e-10: majorize-minimize steps on the support moved rows that
        // belong at zero by a constant factor per step and took 1,853 sweeps; Newton steps of the group
        // penalty (rows heading for zero dropped as in feature-sign) take 141
        LassoProblem problem = threeOutputs();
        double beta = 0.01 * problem.penaltyMax();
        SolverResult result = new CoordinateDescentSolver(SolverOptions.defaults().withThreads(1).withTolerance(1e-10))
                .solve(problem, beta, null, ConvergenceListener.NONE, Cancellation.NEVER);
        assertThat(result.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(result.relativeGap()).isLessThanOrEqualTo(1e-10);
        assertThat(result.sweeps()).isLessThanOrEqualTo(300);
        // KKT of the group penalty: ||h_j'R|| = beta on the support, <= beta elsewhere
        PatternMatrix h = problem.patterns();
        double[][] r = new double[3][];
        for (int c = 0; c < 3; c++) {
            r[c] = problem.targets()[c].clone();
        }
        double[] z = result.weights();
        for (int j = 0; j < h.columns(); j++) {
            for (int c = 0; c < 3; c++) {
                if (z[j * 3 + c] != 0) {
                    BitKernels.subtract(h.bits(), h.words(), j, z[j * 3 + c], r[c]);
                }
            }
        }
        for (int j = 0; j < h.columns(); j++) {
            double norm = 0;
            double weight = 0;
            for (int c = 0; c < 3; c++) {
                double dot = BitKernels.dot(h.bits(), h.words(), j, r[c]);
                norm += dot * dot;
                weight += z[j * 3 + c] * z[j * 3 + c];
            }
            if (weight > 0) {
                assertThat(Math.sqrt(norm)).isCloseTo(beta, within(1e-4 * beta));
            } else {
                assertThat(Math.sqrt(norm)).isLessThanOrEqualTo(beta * (1 + 1e-4));
            }
        }
    }

    /** Three one-vs-rest outputs, 120 rows, 682 patterns. */
    private static LassoProblem threeOutputs() {
        int n = 120;
        PatternMatrix h = randomMatrix(n, 800, 5);
        double[][] y = new double[3][n];
        SplittableRandom random = new SplittableRandom(6);
        for (int i = 0; i < n; i++) {
            int label = random.nextInt(3);
            for (int c = 0; c < 3; c++) {
                y[c][i] = c == label ? 1 : -1;
            }
        }
        return new LassoProblem(h, y);
    }

    /**
     * The working set's candidates: the same ones as sorting them by (priority by Double.compare, column)
     * and taking the first, with many ties, signed zeros, infinities and NaN among the priorities.
     */
    @Property(tries = 300, seed = "16")
    void theClosestCandidatesAreTheFirstOfTheSortByPriorityThenColumn(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = {-1.5, -0.0, 0.0, 0.25, 0.25 + 1e-16, 3, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN};
        closestAgainstTheSort(random, 1 + random.nextInt(200), values);
    }

    /**
     * The same on up to 3,000 candidates (the selection's larger ranges) without NaN and −0.0 among the
     * priorities: many ties, infinities, in ascending column order.
     */
    @Property(tries = 300, seed = "17")
    void theClosestCandidatesBySelectionAreTheFirstOfTheSort(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = {-1.5, -Double.MIN_VALUE, 0.0, Double.MIN_VALUE, 0.25, 0.25 + 1e-16, 3,
            Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        closestAgainstTheSort(random, 1 + random.nextInt(random.nextBoolean() ? 60 : 3000), values);
    }

    private static void closestAgainstTheSort(SplittableRandom random, int p, double[] values) {
        double[] priority = new double[p];
        int[] order = new int[p];
        int candidates = 0;
        for (int j = 0; j < p; j++) {
            priority[j] = random.nextInt(4) == 0 ? random.nextDouble(-2, 2) : values[random.nextInt(values.length)];
            if (random.nextInt(5) != 0) {
                order[candidates++] = j; // ascending columns, some skipped
            }
        }
        if (candidates == 0) {
            return;
        }
        int add = 1 + random.nextInt(candidates + 2);
        Integer[] boxed = new Integer[candidates];
        for (int k = 0; k < candidates; k++) {
            boxed[k] = order[k];
        }
        java.util.Arrays.sort(boxed, (a, b) -> {
            int byPriority = Double.compare(priority[a], priority[b]);
            return byPriority != 0 ? byPriority : Integer.compare(a, b);
        });
        int taken = Math.min(add, candidates);
        int[] expected = new int[taken];
        for (int k = 0; k < taken; k++) {
            expected[k] = boxed[k];
        }
        java.util.Arrays.sort(expected);
        int[] chosen = new int[p + 3];
        chosen[0] = -7; // entries before size stay
        int size = CoordinateDescentSolver.closest(order, candidates, priority, add, chosen, 1);
        int[] got = java.util.Arrays.copyOfRange(chosen, 1, size);
        assertThat(chosen[0]).isEqualTo(-7);
        assertThat(got).containsExactly(expected); // in ascending column order (the working set merges it)
    }

    /**
     * The selection behind the working set's candidates: the entry a sort by Double.compare puts at each index
     * (bit for bit), with many ties, signed zeros, infinities and NaN, and sorted, reversed and constant keys.
     */
    @Property(tries = 300, seed = "17")
    void theSelectedKeyIsTheEntryOfTheSortAtThatIndex(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 1 + random.nextInt(random.nextBoolean() ? 20 : 2000);
        double[] values = {-1.5, -0.0, 0.0, 0.25, 0.25 + 1e-16, 3, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.NaN};
        double[] keys = new double[n];
        int shape = random.nextInt(5);
        for (int t = 0; t < n; t++) {
            keys[t] = shape == 0 ? t : shape == 1 ? n - t : shape == 2 ? 1.0
                    : random.nextInt(3) == 0 ? random.nextDouble(-2, 2) : values[random.nextInt(values.length)];
        }
        double[] sorted = keys.clone();
        java.util.Arrays.sort(sorted);
        int k = random.nextInt(n);
        double selected = CoordinateDescentSolver.select(keys.clone(), k);
        assertThat(Double.doubleToLongBits(selected)).isEqualTo(Double.doubleToLongBits(sorted[k]));
    }

    /** The working set's two ascending runs of columns merged: what sorting them gives. */
    @Property(tries = 200, seed = "18")
    void twoAscendingRunsMergeIntoTheirSort(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int p = random.nextInt(60);
        int[] first = new int[p];
        int[] second = new int[p];
        int a = 0;
        int b = 0;
        for (int j = 0; j < p; j++) {
            int where = random.nextInt(3);
            if (where == 1) {
                first[a++] = j;
            } else if (where == 2) {
                second[b++] = j;
            }
        }
        int[] runs = new int[a + b + 2];
        System.arraycopy(first, 0, runs, 0, a);
        System.arraycopy(second, 0, runs, a, b);
        runs[a + b] = -1; // entries past size are not read
        runs[a + b + 1] = -2;
        int[] expected = java.util.Arrays.copyOf(runs, a + b);
        java.util.Arrays.sort(expected);
        assertThat(CoordinateDescentSolver.merged(runs, a, a + b)).containsExactly(expected);
    }

    static PatternMatrix randomMatrix(int n, int directions, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][3];
        for (double[] row : x) {
            for (int k = 0; k < 3; k++) {
                row[k] = random.nextDouble(-1, 1);
            }
        }
        PatternMatrix h = new PatternMatrix(n);
        PatternSources.addBias(h, 3);
        PatternSources.sample(h, x, directions, seed, Cancellation.NEVER);
        return h;
    }

    static double[] randomTargets(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = random.nextBoolean() ? 1 : -1;
        }
        return y;
    }
}
