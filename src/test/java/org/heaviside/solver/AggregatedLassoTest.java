package org.heaviside.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.heaviside.arrangement.PatternMatrix;
import org.heaviside.run.Cancellation;
import org.junit.jupiter.api.Test;

/**
 * The driver-side solver of the Spark engine (issue 18) fed by an in-process {@link PatternAggregates}
 * over a pattern matrix cut into blocks, as partitions would hold it: it reaches the local solver's
 * optimum, also with row weights and several outputs (the group penalty), which the sample tests do
 * not reach.
 */
class AggregatedLassoTest {

    /** The aggregates of a matrix whose rows are split into blocks, summed block by block. */
    private record Blocks(double[][] x, PatternMatrix h, double[][] y, double[] w, int blockRows)
            implements PatternAggregates {

        @Override
        public int columns() {
            return h.columns();
        }

        @Override
        public int outputs() {
            return y.length;
        }

        @Override
        public int[] ones() {
            int[] ones = new int[h.columns()];
            for (int j = 0; j < ones.length; j++) {
                ones[j] = h.ones(j);
            }
            return ones;
        }

        @Override
        public double maxWeight() {
            double max = 1;
            if (w != null) {
                max = 0;
                for (double v : w) {
                    max = Math.max(max, v);
                }
            }
            return max;
        }

        private double weight(int i) {
            return w == null ? 1 : w[i];
        }

        @Override
        public double[][] targetCorrelations() {
            return residuals(new double[h.columns() * y.length]).gradient();
        }

        @Override
        public double targetNorm() {
            double sum = 0;
            for (double[] column : y) {
                for (int i = 0; i < column.length; i++) {
                    sum += weight(i) * column[i] * column[i];
                }
            }
            return sum;
        }

        @Override
        public Residuals residuals(double[] z) {
            int n = h.rows();
            int p = h.columns();
            int outputs = y.length;
            double[][] gradient = new double[outputs][p];
            double rr = 0;
            double yr = 0;
            int[] all = new int[p];
            for (int j = 0; j < p; j++) {
                all[j] = j;
            }
            for (int from = 0; from < n; from += blockRows) {
                int to = Math.min(n, from + blockRows);
                PatternBlock block = block(from, to);
                for (int c = 0; c < outputs; c++) {
                    double[] r = java.util.Arrays.copyOfRange(y[c], from, to);
                    for (int j = 0; j < p; j++) {
                        if (z[j * outputs + c] != 0) {
                            block.subtract(j, z[j * outputs + c], r);
                        }
                    }
                    double[] wr = new double[r.length];
                    for (int i = 0; i < r.length; i++) {
                        wr[i] = weight(from + i) * r[i];
                        rr += wr[i] * r[i];
                        yr += wr[i] * y[c][from + i];
                    }
                    block.addCorrelations(all, wr, gradient[c]);
                }
            }
            return new Residuals(gradient, rr, yr);
        }

        @Override
        public double[] gram(int[] a, int[] b) {
            double[] out = new double[a.length * b.length];
            for (int from = 0; from < h.rows(); from += blockRows) {
                int to = Math.min(h.rows(), from + blockRows);
                block(from, to).addGram(a, b, w == null ? null : java.util.Arrays.copyOfRange(w, from, to), out);
            }
            return out;
        }

        /** The block of rows [from, to) of H, built from the generators as a partition would. */
        private PatternBlock block(int from, int to) {
            return new PatternBlock(java.util.Arrays.copyOfRange(x, from, to), generators(h));
        }
    }

    private static double[][] generators(PatternMatrix h) {
        double[][] out = new double[h.columns()][];
        for (int j = 0; j < out.length; j++) {
            out[j] = h.generator(j);
        }
        return out;
    }

    private static double[][] rows(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][3];
        for (double[] row : x) {
            for (int k = 0; k < 3; k++) {
                row[k] = random.nextDouble(-1, 1);
            }
        }
        return x;
    }

    private static void assertSameOptimum(double[][] x, double[][] y, double[] w) {
        PatternMatrix h = new PatternMatrix(x.length);
        org.heaviside.arrangement.PatternSources.addBias(h, 3);
        org.heaviside.arrangement.PatternSources.sample(h, x, 120, 9, Cancellation.NEVER);
        LassoProblem problem = new LassoProblem(h, y, w);
        Blocks blocks = new Blocks(x, h, y, w, 97);
        double betaMax = AggregatedLasso.penaltyMax(blocks);
        assertThat(betaMax).isCloseTo(problem.penaltyMax(), within(1e-9 * betaMax));
        double beta = 0.02 * betaMax;
        SolverResult local = new CoordinateDescentSolver().solve(problem, beta, null, ConvergenceListener.NONE,
                Cancellation.NEVER);
        SolverResult aggregated = new AggregatedLasso(SolverOptions.defaults()).solve(blocks, beta, null,
                ConvergenceListener.NONE, Cancellation.NEVER);
        assertThat(aggregated.status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(aggregated.relativeGap()).isLessThanOrEqualTo(SolverOptions.defaults().tolerance());
        assertThat(aggregated.objective()).isCloseTo(local.objective(), within(2e-6 * local.objective()));
    }

    @Test
    void oneOutputWithoutWeightsReachesTheLocalOptimum() {
        assertSameOptimum(rows(500, 3), new double[][] {CoordinateDescentSolverTest.randomTargets(500, 4)}, null);
    }

    @Test
    void threeOutputsWithRowWeightsReachTheLocalOptimum() {
        double[][] x = rows(400, 5);
        double[][] y = new double[3][];
        for (int c = 0; c < 3; c++) {
            y[c] = CoordinateDescentSolverTest.randomTargets(400, 10 + c);
        }
        SplittableRandom random = new SplittableRandom(7);
        double[] w = new double[400];
        for (int i = 0; i < w.length; i++) {
            w[i] = random.nextDouble(0.5, 4);
        }
        assertSameOptimum(x, y, w);
    }
}
