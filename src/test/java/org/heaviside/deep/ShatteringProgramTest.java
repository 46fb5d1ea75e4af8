package org.heaviside.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.heaviside.solver.Loss;
import org.heaviside.arrangement.PatternMatrix;
import org.heaviside.solver.QpAgreementTest;
import org.junit.jupiter.api.Test;

class ShatteringProgramTest {

    /**
     * The closed form against the Lasso over the complete dictionary of the 2^n − 1 non-zero 0/1
     * columns, solved as a generic quadratic program by ojAlgo: the same optimum, which checks both
     * the formula and the norm it rests on.
     */
    @Property(tries = 25, seed = "1941")
    void closedFormMatchesTheLassoOverEveryPatternSolvedByOjAlgo(@ForAll @IntRange(min = 2, max = 6) int n,
                                                               @ForAll @IntRange(min = 1, max = 10_000) int seed,
                                                               @ForAll @IntRange(min = 1, max = 120) int betaPercent) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] y = new double[n];
        double positives = 0;
        for (int i = 0; i < n; i++) {
            y[i] = random.nextDouble(-3, 3);
            positives += Math.max(y[i], 0);
        }
        double beta = betaPercent / 100.0 * Math.max(positives, 1e-3);
        ShatteringProgram program = ShatteringProgram.solve(new double[][] {y}, beta, Loss.SQUARED);
        PatternMatrix every = new PatternMatrix(n);
        for (long mask = 1; mask < (1L << n); mask++) {
            every.add(new long[] {mask}, null, "all");
        }
        double reference = QpAgreementTest.qp(every, y, beta);
        assertThat(program.objective()).isCloseTo(reference, within(1e-7 * Math.max(1, reference)));
        assertThat(program.relativeGap()).isLessThan(1e-9);
        double loss = 0;
        for (int i = 0; i < n; i++) {
            loss += 0.5 * (program.delta()[0][i] - y[i]) * (program.delta()[0][i] - y[i]);
        }
        assertThat(program.objective()).isCloseTo(loss + beta * ShatteringProgram.norm(program.delta()[0]),
                within(1e-12 * Math.max(1, reference)));
    }

    @Test
    void levelSolvesItsEquationByHand() {
        // positives 3, 2, 1 with β = 2: (3 − t) + (2 − t) = 2 at t = 1.5, and 1 < 1.5
        assertThat(ShatteringProgram.level(new double[] {3, -1, 2, 1}, 2, 1)).isEqualTo(1.5);
        // β = 7 exceeds the positives' sum 6: no positive level
        assertThat(ShatteringProgram.level(new double[] {3, 2, 1}, 7, 1)).isZero();
        // the negative side: −1 only, β = 0.25 clips it at 0.75
        assertThat(ShatteringProgram.level(new double[] {3, -1, 2, 1}, 0.25, -1)).isEqualTo(0.75);
    }

    @Test
    void logisticClosedFormIsTheMinimumOfEachLevelsConvexProblem() {
        double[] y = {1, 1, 1, 1, 1, -1, -1, -1};
        for (double beta : new double[] {0.1, 1, 2.4, 3, 10}) {
            ShatteringProgram program = ShatteringProgram.solve(new double[][] {y}, beta, Loss.LOGISTIC);
            assertThat(program.upper()[0]).isCloseTo(argmin(5, beta), within(1e-6));
            assertThat(program.lower()[0]).isCloseTo(argmin(3, beta), within(1e-6));
            assertThat(program.relativeGap()).isLessThan(1e-9);
        }
    }

    @Test
    void severalOutputsAddUpAndBetaMaxGivesZero() {
        double[][] y = {{1, -1, 1, -1}, {-1, -1, 1, 1}, {2, 0.5, -3, 1}};
        double sum = 0;
        for (double[] column : y) {
            sum += ShatteringProgram.solve(new double[][] {column}, 0.7, Loss.SQUARED).objective();
        }
        ShatteringProgram together = ShatteringProgram.solve(y, 0.7, Loss.SQUARED);
        assertThat(together.objective()).isCloseTo(sum, within(1e-12));
        ShatteringProgram atMax = ShatteringProgram.solve(y, together.betaMax(), Loss.SQUARED);
        for (double[] column : atMax.delta()) {
            assertThat(ShatteringProgram.norm(column)).isZero();
        }
    }

    /** argmin over a >= 0 of count·log(1 + e^{−a}) + β a, by golden-section search. */
    private static double argmin(int count, double beta) {
        double lo = 0;
        double hi = 50;
        double g = (Math.sqrt(5) - 1) / 2;
        for (int k = 0; k < 200; k++) {
            double a = hi - g * (hi - lo);
            double b = lo + g * (hi - lo);
            if (f(count, beta, a) < f(count, beta, b)) {
                hi = b;
            } else {
                lo = a;
            }
        }
        return 0.5 * (lo + hi);
    }

    private static double f(int count, double beta, double a) {
        return count * Math.log1p(Math.exp(-a)) + beta * a;
    }
}
