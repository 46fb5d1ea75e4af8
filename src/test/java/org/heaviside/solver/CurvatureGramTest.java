package org.heaviside.solver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.heaviside.arrangement.PatternMatrix;
import org.junit.jupiter.api.Test;

/** The curvature-weighted Gram matrix kept between Newton steps, against the sums over the rows. */
class CurvatureGramTest {

    /** Σ_i c_i h_ia h_ib, one row at a time. */
    private static double straightforward(PatternMatrix h, int a, int b, double[] c) {
        double sum = 0;
        for (int i = 0; i < h.rows(); i++) {
            if (bit(h, i, a) && bit(h, i, b)) {
                sum += c[i];
            }
        }
        return sum;
    }

    private static boolean bit(PatternMatrix h, int row, int column) {
        return (h.bits()[column * h.words() + (row >>> 6)] >>> (row & 63) & 1L) != 0;
    }

    @Test
    void pairSumIsTheSumOverTheCommonRows() {
        // 150 rows: the last word is partly used
        PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(150, 40, 5);
        SplittableRandom random = new SplittableRandom(6);
        double[] r = random.doubles(h.rows(), -1, 1).toArray();
        double[] table = BitKernels.table(r, h.words());
        for (int a = 0; a < h.columns(); a++) {
            for (int b = 0; b < h.columns(); b++) {
                assertThat(BitKernels.pairSum(h.bits(), h.words(), a, b, table))
                        .isCloseTo(straightforward(h, a, b, r), within(1e-12));
            }
        }
    }

    /**
     * The byte tables built in parallel blocks (5,000 rows: more than two threads' shares) equal the
     * one-thread tables bit for bit, and each entry is the sum of its byte's rows (the last rows past n add 0).
     */
    @Test
    void tablesOnTwoThreadsEqualTheOneThreadTables() {
        int n = 5000;
        int words = (n + 63) / 64;
        assertThat(words * 8).isGreaterThanOrEqualTo(2 * BitKernels.TABLE_BLOCKS);
        double[] r = new SplittableRandom(11).doubles(n, -1, 1).toArray();
        double[] one = BitKernels.table(r, words);
        double[] two = BitKernels.table(r, words, 2);
        assertThat(two).containsExactly(one);
        for (int block = 0; block < words * 8; block += 37) {
            for (int mask = 0; mask < 256; mask += 13) {
                double sum = 0;
                for (int k = 0; k < 8; k++) {
                    int row = block * 8 + k;
                    if ((mask >>> k & 1) != 0 && row < n) {
                        sum += r[row];
                    }
                }
                assertThat(two[block * 256 + mask]).isCloseTo(sum, within(1e-12));
            }
        }
    }

    /**
     * The full gradient in blocks of columns by work on two threads, its tables too, equals the one-thread
     * gradient bit for bit (4,000 rows, over 1,000 distinct columns: more than two blocks).
     */
    @Test
    void theGradientInBlocksByWorkEqualsTheOneThreadGradient() {
        PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(4000, 1200, 12);
        int perBlock = Math.max(1, ProximalNewton.GRADIENT_WORDS / h.words());
        assertThat(h.columns()).isGreaterThanOrEqualTo(2 * perBlock);
        SplittableRandom random = new SplittableRandom(13);
        double[][] r = {random.doubles(h.rows(), -1, 1).toArray(), random.doubles(h.rows(), -1, 1).toArray()};
        double[][] one = BitKernels.gradient(h, r, 1);
        double[][] two = BitKernels.gradient(h, r, 2, perBlock, 2);
        for (int c = 0; c < r.length; c++) {
            assertThat(two[c]).containsExactly(one[c]);
            for (int j = 0; j < h.columns(); j += 50) {
                double sum = 0;
                for (int i = 0; i < h.rows(); i++) {
                    sum += bit(h, i, j) ? r[c][i] : 0.0;
                }
                assertThat(two[c][j]).isCloseTo(sum, within(1e-9));
            }
        }
    }

    /**
     * Successive working sets (new, repeated and dropped columns) under curvatures where few rows move
     * (their set bits are summed), many move (the deltas' byte table) or none: every entry is the sum over
     * the rows under the curvatures the matrix reports it was built with, and with the exact model (stale
     * 0) those are the given ones.
     */
    @Test
    void updatesEqualTheSumsUnderTheCurvaturesUsed() {
        int n = 200;
        PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(n, 60, 7);
        SplittableRandom random = new SplittableRandom(8);
        CurvatureGram grams = new CurvatureGram(h, 2);
        double[] c = random.doubles(n, 0.01, 0.25).toArray();
        int[][] sets = {range(0, 30), range(10, 50), range(10, 50), range(0, h.columns()), range(5, 20)};
        double[] share = {1.0, 0.05, 0.0, 0.6, 1.0};
        double[] stale = {CurvatureGram.STALE, 0.0, 0.0, CurvatureGram.STALE, 0.0};
        for (int step = 0; step < sets.length; step++) {
            for (int i = 0; i < n; i++) {
                if (random.nextDouble() < share[step]) {
                    c[i] *= random.nextDouble(0.5, 2.0);
                }
            }
            int[] working = sets[step];
            double[] gram = grams.update(working, c, stale[step]);
            double[] used = grams.used();
            if (stale[step] == 0) {
                assertThat(used).containsExactly(c);
            }
            for (int i = 0; i < n; i++) {
                assertThat(Math.abs(used[i] - c[i])).isLessThanOrEqualTo(stale[step] * used[i]);
            }
            int size = working.length;
            for (int a = 0; a < size; a++) {
                for (int b = 0; b < size; b++) {
                    assertThat(gram[a * size + b]).as("step %d entry (%d, %d)", step, a, b)
                            .isCloseTo(straightforward(h, working[a], working[b], used), within(1e-12));
                }
            }
        }
    }

    /**
     * A working set large enough to be built on two threads (paired rows in blocks): every entry equals the
     * one-thread build bit for bit and the sum over the rows, for a fresh build, a refresh of many rows (the
     * deltas' table) and of few (their set bits), with new columns each time.
     */
    @Test
    void twoThreadsBuildTheSameMatrixAsOne() {
        int n = 1000;
        PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(n, 181, 9);
        int[][] sets = {range(0, 151), range(20, 181), range(0, 181)};
        int size = sets[0].length;
        // more than two blocks' work: the two-thread build really splits
        assertThat((size + 1) / 2).isGreaterThanOrEqualTo(2 * (CurvatureGram.PAIR_WORDS / (size * h.words())));
        SplittableRandom random = new SplittableRandom(10);
        CurvatureGram one = new CurvatureGram(h, 1);
        CurvatureGram two = new CurvatureGram(h, 2);
        double[] c = random.doubles(n, 0.01, 0.25).toArray();
        double[] share = {1.0, 0.6, 0.02};
        for (int step = 0; step < sets.length; step++) {
            for (int i = 0; i < n; i++) {
                if (random.nextDouble() < share[step]) {
                    c[i] *= random.nextDouble(0.5, 2.0);
                }
            }
            int[] working = sets[step];
            double[] expected = one.update(working, c, CurvatureGram.STALE);
            double[] gram = two.update(working, c, CurvatureGram.STALE);
            assertThat(gram).as("step %d", step).containsExactly(expected);
            int width = working.length;
            for (int a = 0; a < width; a += 7) {
                for (int b = 0; b < width; b += 5) {
                    assertThat(gram[a * width + b]).as("step %d entry (%d, %d)", step, a, b)
                            .isCloseTo(straightforward(h, working[a], working[b], two.used()), within(1e-11));
                }
            }
        }
    }

    /**
     * Curvatures over six orders of magnitude (as a fitted logistic model's rows have): the levels build is
     * the Gram matrix of the rounded curvatures it reports, every rounded curvature is within about half the
     * ratio's spread of its own (or half the absolute step below), and far fewer levels than rows are used.
     */
    @Test
    void levelsAreTheGramOfTheRoundedCurvaturesWithinTheRatio() {
        int n = 1000;
        PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(n, 90, 11);
        SplittableRandom random = new SplittableRandom(12);
        double[] c = new double[n];
        for (int i = 0; i < n; i++) {
            c[i] = 0.25 * Math.pow(10, -6 * random.nextDouble());
        }
        CurvatureGram grams = new CurvatureGram(h, 2);
        int[] working = range(5, 85);
        double[] gram = grams.levels(working, c);
        double[] used = grams.used();
        double top = Arrays.stream(c).max().orElseThrow();
        for (int i = 0; i < n; i++) {
            assertThat(used[i]).isPositive();
            // a word's curvatures span at most the ratio (or the absolute spread) above its lowest, up to the
            // order's 2^-7, and its level is their midpoint: half that span, a little more for the order
            assertThat(Math.abs(used[i] - c[i])).as("row %d", i)
                    .isLessThanOrEqualTo(0.55 * Math.max((CurvatureGram.RATIO - 1) * c[i], CurvatureGram.ABSOLUTE * top));
        }
        assertThat(Arrays.stream(used).distinct().count()).isLessThan(n / 64 + 80);
        int size = working.length;
        for (int a = 0; a < size; a++) {
            for (int b = 0; b < size; b++) {
                double expected = straightforward(h, working[a], working[b], used);
                assertThat(gram[a * size + b]).as("entry (%d, %d)", a, b)
                        .isCloseTo(expected, within(1e-12 * Math.max(1, expected)));
            }
        }
    }

    /**
     * A levels build on two threads equals the one-thread build bit for bit, and leaves a state the
     * incremental update continues from: a later update (new columns, moved rows) is the sum under the
     * curvatures it reports.
     */
    @Test
    void levelsOnTwoThreadsEqualOneAndTheUpdateContinuesFromThem() {
        int n = 2000;
        PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(n, 330, 13);
        int[] working = range(0, 301);
        // more than two blocks' work even if every row had a level of its own word: the build really splits
        assertThat((working.length + 1) / 2)
                .isGreaterThanOrEqualTo(2 * (CurvatureGram.POPCOUNT_WORDS / (working.length * (n / 64))));
        SplittableRandom random = new SplittableRandom(14);
        double[] c = random.doubles(n, 0.001, 0.25).toArray();
        CurvatureGram one = new CurvatureGram(h, 1);
        CurvatureGram two = new CurvatureGram(h, 2);
        assertThat(two.levels(working, c)).containsExactly(one.levels(working, c));
        assertThat(two.used()).containsExactly(one.used());
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < 0.3) {
                c[i] *= random.nextDouble(0.5, 2.0);
            }
        }
        int[] next = range(30, 330);
        double[] gram = two.update(next, c, CurvatureGram.STALE);
        double[] used = two.used();
        int size = next.length;
        for (int a = 0; a < size; a += 3) {
            for (int b = 0; b < size; b += 4) {
                assertThat(gram[a * size + b]).as("entry (%d, %d)", a, b)
                        .isCloseTo(straightforward(h, next[a], next[b], used), within(1e-11));
            }
        }
    }

    private static int[] range(int from, int to) {
        int[] out = new int[to - from];
        Arrays.setAll(out, k -> from + k);
        return out;
    }
}
