package org.heaviside.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.heaviside.arrangement.PatternMatrix;
import org.heaviside.run.Cancellation;
import org.junit.jupiter.api.Test;

/** The proximal Newton outer steps of the logistic programs: speed in sweeps, monotone objective, gap, optimum. */
class ProximalNewtonTest {

    /**
     * Many correlated patterns and a small penalty: per-coordinate steps had not converged after 20,000
     * sweeps here; Newton steps on the working set's Gram matrix need about 1,500.
     */
    @Test
    void logisticOnManyCorrelatedPatternsConvergesWithinAFewThousandSweeps() {
        LassoProblem problem = manyCorrelatedPatterns();
        double beta = 0.02 * problem.penaltyMax(Loss.LOGISTIC);
        SolverResult result = new LogisticSolver(SolverOptions.defaults().withMaxSweeps(3000))
                .solve(problem, beta, null, ConvergenceListener.NONE, Cancellation.NEVER);
        assertThat(result.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(result.relativeGap()).isLessThanOrEqualTo(1e-6);
        assertThat(result.nonZeros()).isGreaterThan(20);
        assertThat(result.sweeps()).isLessThan(3000);
    }

    /** 150 rows, 600 random patterns (many correlated), random two-class targets. */
    private static LassoProblem manyCorrelatedPatterns() {
        int n = 150;
        PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(n, 600, 21);
        return LassoProblem.of(h, CoordinateDescentSolverTest.randomTargets(n, 22));
    }

    /**
     * One output: the Newton models on curvatures rounded to levels are solved to {@link
     * ProximalNewton#ONE_OUTPUT_INNER} of the gap while the gap is large, and the final steps (gap below {@link
     * ProximalNewton#FINAL} tolerances) take the exact curvatures at {@link ProximalNewton#INNER}, so a solve
     * ends at the point exact steps reach (with levels to the end the certified steel run ended on other
     * patterns, 355.34 against 351.31).
     */
    @Test
    void oneOutputRoundsTheCurvaturesUntilTheFinalStepsOnly() {
        LassoProblem problem = manyCorrelatedPatterns();
        double[] y = problem.targets()[0];
        double beta = 0.02 * problem.penaltyMax(Loss.LOGISTIC);
        double tolerance = 1e-8;
        ProximalNewton solver = new ProximalNewton(SolverOptions.defaults().withTolerance(tolerance)
                .withMaxSweeps(20_000));
        List<Double> shares = new ArrayList<>();
        solver.shares = shares::add;
        List<Double> relativeGaps = new ArrayList<>();
        SolverResult result = solver.solve(problem, new LogisticSolver.Binary(y, null), beta, null,
                (sweep, objective, gap) -> {
                    if (!Double.isNaN(gap)) {
                        relativeGaps.add(gap / objective);
                    }
                }, Cancellation.NEVER);
        assertThat(result.status()).isEqualTo(SolverStatus.CONVERGED);
        // one share per Newton step, taken after the gap of the same outer step
        assertThat(shares).hasSize(relativeGaps.size() - 1);
        for (int step = 0; step < shares.size(); step++) {
            double expected = relativeGaps.get(step) > ProximalNewton.FINAL * tolerance
                    ? ProximalNewton.ONE_OUTPUT_INNER : ProximalNewton.INNER;
            assertThat(shares.get(step)).as("step %d at relative gap %.3g", step, relativeGaps.get(step))
                    .isEqualTo(expected);
        }
        assertThat(shares).contains(ProximalNewton.ONE_OUTPUT_INNER, ProximalNewton.INNER);
    }

    /**
     * At every outer step (where the gap is computed) the objective is at most the previous one, the gap
     * is non-negative, and the last gap is the reported one; the optimum agrees with an independent
     * accelerated proximal-gradient reference.
     */
    @Property(tries = 10, seed = "13")
    void outerStepsNeverRaiseTheObjectiveAndReachTheReferenceOptimum(
            @ForAll @IntRange(min = 10, max = 30) int n, @ForAll @IntRange(min = 1, max = 1000) int seed,
            @ForAll @IntRange(min = 2, max = 30) int ratioPercent, @ForAll boolean weighted) {
        PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(n, 2 * n, seed);
        double[] y = CoordinateDescentSolverTest.randomTargets(n, seed + 1);
        double[] w = weighted ? WeightedProgramTest.randomWeights(n, seed + 2) : null;
        LassoProblem problem = new LassoProblem(h, new double[][] {y}, w);
        double beta = ratioPercent / 100.0 * problem.penaltyMax(Loss.LOGISTIC);
        List<Double> outer = new ArrayList<>();
        List<Double> gaps = new ArrayList<>();
        SolverResult result = new LogisticSolver(SolverOptions.defaults().withTolerance(1e-9).withThreads(1))
                .solve(problem, beta, null, (sweep, objective, gap) -> {
                    if (!Double.isNaN(gap)) {
                        outer.add(objective);
                        gaps.add(gap);
                    }
                }, Cancellation.NEVER);
        assertThat(result.status()).isEqualTo(SolverStatus.CONVERGED);
        for (int k = 1; k < outer.size(); k++) {
            assertThat(outer.get(k)).isLessThanOrEqualTo(outer.get(k - 1) * (1 + 1e-13));
        }
        assertThat(gaps).allSatisfy(g -> assertThat(g).isGreaterThanOrEqualTo(-1e-12));
        assertThat(result.dualityGap()).isEqualTo(Math.max(gaps.get(gaps.size() - 1), 0.0));
        double[] ones = new double[n];
        java.util.Arrays.fill(ones, 1.0);
        double reference = WeightedProgramTest.logisticReference(h, y, w == null ? ones : w, beta);
        assertThat(result.objective()).isLessThanOrEqualTo(reference * (1 + 1e-12));
        assertThat(reference - result.objective()).isLessThanOrEqualTo(1e-8 * reference);
    }

    /** The softmax row curvature bounds the largest eigenvalue of diag(p) − ppᵀ (by power iteration). */
    @Property(tries = 200, seed = "7")
    void softmaxCurvatureBoundsTheRowHessian(@ForAll @IntRange(min = 2, max = 6) int classes,
                                             @ForAll @IntRange(min = 1, max = 100_000) int seed,
                                             @ForAll @DoubleRange(min = 0.1, max = 20) double spread) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] f = new double[classes][1];
        double[][] y = new double[classes][1];
        for (int c = 0; c < classes; c++) {
            f[c][0] = spread * random.nextGaussian();
            y[c][0] = c == 0 ? 1 : -1;
        }
        MultinomialSolver.Softmax loss = new MultinomialSolver.Softmax(y, null);
        loss.at(f);
        double[] p = new double[classes];
        Multinomial.softmax(f, 0, p);
        double[] v = new double[classes];
        for (int c = 0; c < classes; c++) {
            v[c] = random.nextGaussian();
        }
        double eigenvalue = 0;
        for (int iteration = 0; iteration < 500; iteration++) {
            double dot = 0;
            for (int c = 0; c < classes; c++) {
                dot += p[c] * v[c];
            }
            double norm = 0;
            double[] next = new double[classes];
            for (int c = 0; c < classes; c++) {
                next[c] = p[c] * v[c] - p[c] * dot;
                norm += next[c] * next[c];
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                break;
            }
            eigenvalue = norm / Math.sqrt(java.util.Arrays.stream(v).map(x -> x * x).sum());
            for (int c = 0; c < classes; c++) {
                v[c] = next[c] / norm;
            }
        }
        assertThat(loss.curvature()[0]).isGreaterThanOrEqualTo(eigenvalue * (1 - 1e-9) - 1e-15);
        if (classes == 2) {
            assertThat(loss.curvature()[0]).isCloseTo(2 * p[0] * p[1], within(1e-15));
        }
    }

    /**
     * The logistic working set is the support and a quarter as many candidates, those closest to violating
     * (the squared solver's adds as many candidates as non-zero rows): 80 non-zero rows of 400 give 100.
     */
    @Test
    void logisticWorkingSetIsTheSupportAndAQuarterAsManyCandidates() {
        int p = 400;
        int[] ones = new int[p];
        double[] z = new double[p];
        double[] norms = new double[p];
        SplittableRandom random = new SplittableRandom(3);
        for (int j = 0; j < p; j++) {
            ones[j] = 100;
            norms[j] = random.nextDouble(0, 0.9);
            z[j] = j % 5 == 0 ? 1.0 : 0.0;
        }
        int[] working = CoordinateDescentSolver.workingSet(ones, z, norms, new boolean[p], 1.0, 1.0, 1.0, 1,
                ProximalNewton.Schedule.FIRST, ProximalNewton.Schedule.SHARE);
        assertThat(working).hasSize(100);
        List<Integer> candidates = new ArrayList<>();
        for (int j : working) {
            if (z[j] == 0) {
                candidates.add(j);
            }
        }
        assertThat(candidates).hasSize(20);
        double weakestChosen = candidates.stream().mapToDouble(j -> norms[j]).min().orElseThrow();
        for (int j = 0; j < p; j++) {
            if (z[j] == 0 && !candidates.contains(j)) {
                assertThat(norms[j]).isLessThan(weakestChosen);
            }
        }
        // the squared solver's rule on the same rows: as many candidates as non-zero rows
        assertThat(CoordinateDescentSolver.workingSet(ones, z, norms, new boolean[p], 1.0, 1.0, 1.0, 1,
                CoordinateDescentSolver.FIRST_WORKING_SET)).hasSize(160);
    }

    /** The working set doubles only after a step that did not lower the gap, and is pruned after one that did. */
    @Test
    void theScheduleGrowsTheWorkingSetOnlyWhenTheGapStalls() {
        ProximalNewton.Schedule schedule = new ProximalNewton.Schedule();
        schedule.after(true, 100.0, 50);
        assertThat(schedule.wanted).isEqualTo(ProximalNewton.Schedule.FIRST);
        schedule.after(true, 90.0, 60);
        assertThat(schedule.wanted).isEqualTo(ProximalNewton.Schedule.FIRST);
        schedule.after(true, 95.0, 60);
        assertThat(schedule.wanted).isEqualTo(120);
        schedule.after(true, 10.0, 120);
        assertThat(schedule.wanted).isEqualTo(ProximalNewton.Schedule.FIRST);
    }

    /**
     * A block step's working set: the support and half as many candidates while the support grows, a tenth as
     * many once it grew by at most 2 % in the last step (the first step counts as growing); 200 non-zero
     * groups of 1,000 give 300 and then 220 patterns.
     */
    @Test
    void blockWorkingSetShrinksToFewCandidatesOnceTheSupportStopsGrowing() {
        assertThat(ProximalNewton.blockShare(-1, 0)).isEqualTo(ProximalNewton.BLOCK_SHARE);
        assertThat(ProximalNewton.blockShare(150, 200)).isEqualTo(ProximalNewton.BLOCK_SHARE);
        assertThat(ProximalNewton.blockShare(195, 200)).isEqualTo(ProximalNewton.BLOCK_SHARE);
        assertThat(ProximalNewton.blockShare(197, 200)).isEqualTo(ProximalNewton.SETTLED_SHARE);
        assertThat(ProximalNewton.blockShare(200, 200)).isEqualTo(ProximalNewton.SETTLED_SHARE);
        assertThat(ProximalNewton.blockShare(210, 200)).isEqualTo(ProximalNewton.SETTLED_SHARE);
        int p = 1000;
        int outputs = 3;
        int[] ones = new int[p];
        double[] z = new double[p * outputs];
        double[] norms = new double[p];
        SplittableRandom random = new SplittableRandom(4);
        for (int j = 0; j < p; j++) {
            ones[j] = 100;
            norms[j] = random.nextDouble(0, 0.9);
            if (j % 5 == 0) {
                // a zero-sum group (one entry may be zero: the group is still non-zero)
                z[j * outputs] = j % 10 == 0 ? 0.0 : 1.0;
                z[j * outputs + 1] = -0.5;
                z[j * outputs + 2] = j % 10 == 0 ? 0.5 : -0.5;
            }
        }
        int support = ProximalNewton.supportSize(z, outputs);
        assertThat(support).isEqualTo(200);
        assertThat(CoordinateDescentSolver.workingSet(ones, z, norms, new boolean[p], 1.0, 1.0, 1.0, outputs,
                CoordinateDescentSolver.FIRST_WORKING_SET, ProximalNewton.blockShare(150, support))).hasSize(300);
        assertThat(CoordinateDescentSolver.workingSet(ones, z, norms, new boolean[p], 1.0, 1.0, 1.0, outputs,
                CoordinateDescentSolver.FIRST_WORKING_SET, ProximalNewton.blockShare(199, support))).hasSize(220);
    }
}
