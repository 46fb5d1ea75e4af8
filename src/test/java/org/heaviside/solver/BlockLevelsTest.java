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

/** The rows' curvature blocks rounded to levels: above the exact blocks, close to them, and K summed by popcounts. */
class BlockLevelsTest {

    /** Softmax blocks of n rows with {@code classes} classes at random fitted values (some rows near certain). */
    static double[] softmaxBlocks(int n, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] f = new double[classes][n];
        for (int i = 0; i < n; i++) {
            double spread = i % 4 == 0 ? 12 : 2;
            for (int c = 0; c < classes; c++) {
                f[c][i] = spread * random.nextGaussian();
            }
        }
        double[] w = WeightedProgramTest.randomWeights(n, seed + 1);
        double[][] y = MultinomialSolverTest.labels(n, classes, seed);
        MultinomialSolver.Softmax loss = new MultinomialSolver.Softmax(y, w);
        loss.at(f);
        double[] rows = new double[n * BlockGram.packed(classes - 1)];
        loss.blocks(1.0, rows);
        return rows;
    }

    /** The smallest eigenvalue of the symmetric packed d × d block at {@code base} (Jacobi rotations). */
    static double smallestEigenvalue(double[] packed, int base, int d) {
        double[][] a = new double[d][d];
        for (int r = 0; r < d; r++) {
            for (int s = 0; s <= r; s++) {
                a[r][s] = packed[base + BlockGram.at(r, s)];
                a[s][r] = a[r][s];
            }
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    off += a[p][q] * a[p][q];
                    if (a[p][q] == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < d; k++) {
                        double kp = a[k][p];
                        double kq = a[k][q];
                        a[k][p] = c * kp - s * kq;
                        a[k][q] = s * kp + c * kq;
                    }
                    for (int k = 0; k < d; k++) {
                        double pk = a[p][k];
                        double qk = a[q][k];
                        a[p][k] = c * pk - s * qk;
                        a[q][k] = s * pk + c * qk;
                    }
                }
            }
            if (off < 1e-30) {
                break;
            }
        }
        double least = Double.POSITIVE_INFINITY;
        for (int r = 0; r < d; r++) {
            least = Math.min(least, a[r][r]);
        }
        return least;
    }

    /**
     * Ã_i − A_i is positive semidefinite for every row (so each Ã_i is positive definite as A_i is and the model
     * lies above the exact one), and each entry moves by at most about the ratio's share of the block's scale.
     */
    @Property(tries = 30, seed = "11")
    void theRoundedBlocksLieAboveTheExactOnesAndCloseToThem(@ForAll @IntRange(min = 3, max = 10) int classes,
                                                           @ForAll @IntRange(min = 50, max = 400) int n,
                                                           @ForAll @IntRange(min = 1, max = 10_000) int seed) {
        int d = classes - 1;
        int entries = BlockGram.packed(d);
        double[] rows = softmaxBlocks(n, classes, seed);
        double[] rounded = BlockLevels.of(rows, n, d).rounded();
        double top = 0;
        for (int i = 0; i < n; i++) {
            for (int r = 0; r < d; r++) {
                top = Math.max(top, rows[i * entries + BlockGram.at(r, r)]);
            }
        }
        double[] difference = new double[n * entries];
        for (int i = 0; i < n * entries; i++) {
            difference[i] = rounded[i] - rows[i];
        }
        for (int i = 0; i < n; i++) {
            double scale = 0;
            for (int r = 0; r < d; r++) {
                scale = Math.max(scale, rows[i * entries + BlockGram.at(r, r)]);
            }
            assertThat(smallestEigenvalue(difference, i * entries, d)).as("row %d", i)
                    .isGreaterThanOrEqualTo(-1e-15 * scale);
            assertThat(smallestEigenvalue(rounded, i * entries, d)).isGreaterThan(0);
            // off-diagonal entries move towards zero by at most a tenth of themselves (or to zero from within the
            // spread); each raises its row's two diagonal entries by that much, which round up by a tenth
            double spread = CurvatureGram.ABSOLUTE * top;
            double[] raise = new double[d];
            for (int r = 0; r < d; r++) {
                for (int s = 0; s < r; s++) {
                    double value = rows[i * entries + BlockGram.at(r, s)];
                    double change = difference[i * entries + BlockGram.at(r, s)];
                    assertThat(Math.abs(change)).as("row %d (%d, %d)", i, r, s)
                            .isLessThanOrEqualTo(0.1 * Math.abs(value) + spread + 1e-6 * scale);
                    assertThat(Math.abs(value + change)).isLessThanOrEqualTo(Math.abs(value) * (1 + 1e-6));
                    raise[r] += Math.abs(change);
                    raise[s] += Math.abs(change);
                }
            }
            for (int r = 0; r < d; r++) {
                double value = rows[i * entries + BlockGram.at(r, r)];
                double change = difference[i * entries + BlockGram.at(r, r)];
                assertThat(change).as("row %d (%d, %d)", i, r, r)
                        .isGreaterThanOrEqualTo(raise[r] * (1 - 1e-9) - 4 * Math.ulp(value))
                        .isLessThanOrEqualTo(0.1 * value + 1.1 * raise[r] + spread + 1e-6 * scale);
            }
        }
    }

    /** The popcount sums of K are the block Gram matrix of the rounded blocks, as the exact build sums it. */
    @Test
    void theLevelsGramIsTheBlockGramOfTheRoundedBlocks() {
        for (long seed = 1; seed <= 3; seed++) {
            int n = 700;
            PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(n, 120, seed);
            int[] working = new int[60];
            for (int a = 0; a < working.length; a++) {
                working[a] = 2 * a;
            }
            double[] rows = softmaxBlocks(n, 3, seed);
            BlockLevels levels = BlockLevels.of(rows, n, 2);
            double[] k = levels.gram(h, working, 2);
            double[] reference = BlockGram.build(h, working, levels.rounded(), 2, 1);
            assertThat(k).hasSameSizeAs(reference);
            double largest = 0;
            for (double value : reference) {
                largest = Math.max(largest, Math.abs(value));
            }
            for (int t = 0; t < k.length; t++) {
                assertThat(k[t]).isCloseTo(reference[t], within(1e-12 * largest));
            }
        }
    }

    /**
     * The levels are taken for three classes once their words are fewer than the byte tables' reads and the
     * support's factorisation does not outweigh the Gram matrix: not on a few rows (their levels outnumber the
     * rows' words), not on a support of 863 patterns in a working set of 950, nor with more classes.
     */
    @Test
    void levelsAreTakenForThreeClassesOnManyRowsAndModerateSupportsOnly() {
        PatternMatrix many = CoordinateDescentSolverTest.randomMatrix(2000, 10, 1);
        PatternMatrix few = CoordinateDescentSolverTest.randomMatrix(100, 10, 1);
        BlockLevels three = BlockLevels.of(softmaxBlocks(2000, 3, 1), 2000, 2);
        assertThat(three.cheaper(many, 440, 325)).isTrue();
        assertThat(three.cheaper(many, 950, 863)).isFalse();
        assertThat(BlockLevels.of(softmaxBlocks(100, 3, 1), 100, 2).cheaper(few, 60, 40)).isFalse();
        assertThat(BlockLevels.of(softmaxBlocks(2000, 4, 1), 2000, 3).cheaper(many, 440, 325)).isFalse();
    }

    /**
     * A three-class solve on rows enough for the levels takes rounded steps before its final ones and reaches the
     * optimum of the solve on exact blocks, with the group KKT conditions.
     */
    @Test
    void aSolveOnRoundedBlocksReachesTheOptimumOfTheExactOne() {
        for (long seed = 1; seed <= 2; seed++) {
            LassoProblem problem = MultinomialSolverTest.threeClasses(1500, seed);
            double beta = 0.01 * problem.penaltyMax(Loss.LOGISTIC);
            SolverOptions options = SolverOptions.defaults().withTolerance(1e-9);
            Softmax loss = new Softmax(problem);
            ProximalNewton rounded = new ProximalNewton(options);
            List<boolean[]> steps = new ArrayList<>();
            rounded.blockSteps = (onLevels, beforeFinal) -> steps.add(new boolean[] {onLevels, beforeFinal});
            SolverResult withLevels = rounded.solve(problem, loss.fresh(), beta, null, ConvergenceListener.NONE,
                    Cancellation.NEVER);
            ProximalNewton exact = new ProximalNewton(options);
            exact.blockLevels = false;
            List<boolean[]> exactSteps = new ArrayList<>();
            exact.blockSteps = (onLevels, beforeFinal) -> exactSteps.add(new boolean[] {onLevels, beforeFinal});
            SolverResult reference = exact.solve(problem, loss.fresh(), beta, null, ConvergenceListener.NONE,
                    Cancellation.NEVER);
            assertThat(steps).anySatisfy(step -> assertThat(step[0]).isTrue());
            // the final steps (relative gap within a thousand tolerances) on the exact blocks, and some there are
            assertThat(steps).filteredOn(step -> !step[1]).isNotEmpty()
                    .allSatisfy(step -> assertThat(step[0]).isFalse());
            assertThat(exactSteps).isNotEmpty().allSatisfy(step -> assertThat(step[0]).isFalse());
            assertThat(withLevels.status()).isEqualTo(SolverStatus.CONVERGED);
            assertThat(reference.status()).isEqualTo(SolverStatus.CONVERGED);
            assertThat(withLevels.objective())
                    .isCloseTo(reference.objective(), within(2e-9 * reference.objective()));
            MultinomialSolverTest.assertGroupKkt(problem, withLevels, beta, 1e-3 * beta);
        }
    }

    /**
     * A rounded step's model takes its rounded blocks in K, in T = Σ θᵀÃ⁻¹θ and in the conjugate gradients'
     * products from the rows: each agrees with the others, and T differs from the exact blocks' value.
     */
    @Test
    void aRoundedModelUsesItsRoundedBlocksInTheGramMatrixTheEnergyAndTheRowProducts() {
        LassoProblem problem = MultinomialSolverTest.threeClasses(1500, 4);
        PatternMatrix h = problem.patterns();
        int n = h.rows();
        SplittableRandom random = new SplittableRandom(9);
        double[][] f = new double[3][n];
        for (double[] output : f) {
            for (int i = 0; i < n; i++) {
                output[i] = 3 * random.nextGaussian();
            }
        }
        MultinomialSolver.Softmax loss = new MultinomialSolver.Softmax(problem.targets(), problem.rowWeights());
        loss.at(f);
        int[] working = new int[80];
        for (int a = 0; a < working.length; a++) {
            working[a] = a;
        }
        ProximalNewton.BlockModel model = ProximalNewton.blockModel(h, loss, 2, working, 40, true, 1.0, 1);
        assertThat(model.rounded()).isTrue();
        // K from the rounded blocks
        double[] reference = BlockGram.build(h, working, model.rows(), 2, 1);
        double largest = 0;
        for (double value : reference) {
            largest = Math.max(largest, Math.abs(value));
        }
        for (int t = 0; t < reference.length; t++) {
            assertThat(model.k()[t]).isCloseTo(reference[t], within(1e-12 * largest));
        }
        // T on the same blocks, not on the exact ones
        double[] exact = new double[n * 3];
        double exactEnergy = loss.blocks(1.0, exact);
        assertThat(model.energy()).isEqualTo(loss.energy(model.rows()));
        assertThat(Math.abs(model.energy() - exactEnergy)).isGreaterThan(1e-9 * exactEnergy);
        // the row products are K's
        int[] blocks = {0, 3, 7, 20, 41, 79};
        double[] x = new double[blocks.length * 2];
        for (int t = 0; t < x.length; t++) {
            x[t] = random.nextGaussian();
        }
        double[] out = new double[x.length];
        model.product(h, working, 2).multiply(blocks, x, out);
        int dim = working.length * 2;
        for (int a = 0; a < blocks.length; a++) {
            for (int r = 0; r < 2; r++) {
                double sum = 0;
                for (int b = 0; b < blocks.length; b++) {
                    for (int s = 0; s < 2; s++) {
                        sum += model.k()[(blocks[a] * 2 + r) * dim + blocks[b] * 2 + s] * x[b * 2 + s];
                    }
                }
                assertThat(out[a * 2 + r]).isCloseTo(sum, within(1e-10 * largest));
            }
        }
        // an exact model keeps the exact blocks
        ProximalNewton.BlockModel exactModel = ProximalNewton.blockModel(h, loss, 2, working, 40, false, 1.0, 1);
        assertThat(exactModel.rounded()).isFalse();
        assertThat(exactModel.rows()).containsExactly(exact);
        assertThat(exactModel.energy()).isEqualTo(exactEnergy);
    }

    /** A new softmax loss of the problem for each solve. */
    private record Softmax(LassoProblem problem) {
        MultinomialSolver.Softmax fresh() {
            return new MultinomialSolver.Softmax(problem.targets(), problem.rowWeights());
        }
    }
}
