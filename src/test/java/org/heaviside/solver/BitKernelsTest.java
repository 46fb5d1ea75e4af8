package org.heaviside.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BitKernelsTest {

    /**
     * The byte tables have the bits of their definition: T[mask] = T[mask without its lowest bit] + r[the
     * lowest bit's row] in ascending masks, rows past n adding 0 (the gradient's sums depend on that order).
     */
    @Test
    void theByteTablesHaveTheBitsOfTheirDefinition() {
        SplittableRandom random = new SplittableRandom(31);
        for (int n : new int[] {1, 7, 64, 100, 131}) {
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = random.nextInt(3) == 0 ? -0.0 : random.nextDouble(-1e3, 1e3) * Math.pow(10, random.nextInt(-8, 9));
            }
            int words = (n + 63) / 64;
            double[] expected = new double[words * 8 * 256];
            for (int b = 0; b < words * 8; b++) {
                for (int mask = 1; mask < 256; mask++) {
                    int i = b * 8 + Integer.numberOfTrailingZeros(mask);
                    expected[b * 256 + mask] = expected[b * 256 + (mask & (mask - 1))] + (i < n ? r[i] : 0.0);
                }
            }
            double[] table = BitKernels.table(r, words);
            for (int t = 0; t < expected.length; t++) {
                assertThat(Double.doubleToRawLongBits(table[t])).as("n %d, entry %d", n, t)
                        .isEqualTo(Double.doubleToRawLongBits(expected[t]));
            }
        }
    }

    /**
     * The gradient of several outputs (one table in turn for each, kept by the thread for its next gradient) and
     * of each output alone have the bits of the definition on a new table, on data of several sizes one after
     * another: the reused table's empty-mask entries stay zero and every other entry is rewritten.
     */
    @Test
    void severalOutputsShareOneTableWithTheBitsOfOneEach() {
        SplittableRandom random = new SplittableRandom(32);
        for (int n : new int[] {1, 64, 131, 700}) {
            org.heaviside.arrangement.PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(n, 300, n);
            double[][] r = new double[4][n];
            for (double[] column : r) {
                for (int i = 0; i < n; i++) {
                    column[i] = random.nextInt(3) == 0 ? -0.0 : random.nextDouble(-1e3, 1e3);
                }
            }
            for (int threads : new int[] {1, 2}) {
                double[][] together = BitKernels.gradient(h, r, threads, 16, threads);
                for (int c = 0; c < r.length; c++) {
                    double[] alone = BitKernels.gradient(h, new double[][] {r[c]}, threads, 16, threads)[0];
                    // the definition: a new table, each column's nonzero words looked up in ascending order
                    double[] table = BitKernels.table(r[c], h.words());
                    for (int j = 0; j < alone.length; j++) {
                        double expected = 0;
                        for (int w = 0; w < h.words(); w++) {
                            long word = h.bits()[j * h.words() + w];
                            if (word != 0) {
                                expected += BitKernels.wordSum(table, w, word);
                            }
                        }
                        assertThat(Double.doubleToRawLongBits(together[c][j])).as("n %d, output %d, column %d", n, c, j)
                                .isEqualTo(Double.doubleToRawLongBits(expected));
                        assertThat(Double.doubleToRawLongBits(alone[j])).as("n %d, output %d, column %d", n, c, j)
                                .isEqualTo(Double.doubleToRawLongBits(expected));
                    }
                }
            }
        }
    }

    /**
     * The default gradient's blocks hold at least 2^15 words: the certificate rounds of a 133-row set (up to
     * 1,501 columns of 3 words) and of steel plates' 1,456 rows (23 words) are one block on the calling thread
     * (were two from 1,024 columns on, the second handed to another thread and awaited), while 5,000 columns of
     * 10,000 rows (157 words) still split in two; the sums are the same either way.
     */
    @Test
    void theDefaultGradientSplitsItsColumnsByWorkNotByCount() {
        // BitKernels.run makes columns / perBlock blocks (at most one per thread)
        assertThat(1_501 / BitKernels.gradientBlock(3)).isLessThanOrEqualTo(1);
        assertThat(1_501 / BitKernels.gradientBlock(23)).isLessThanOrEqualTo(1);
        assertThat(5_000 / BitKernels.gradientBlock(157)).isGreaterThanOrEqualTo(2);
        assertThat(BitKernels.gradientBlock(1_000)).isEqualTo(512);
        org.heaviside.arrangement.PatternMatrix h = CoordinateDescentSolverTest.randomMatrix(133, 1_100, 5);
        double[][] r = new double[3][133];
        SplittableRandom random = new SplittableRandom(33);
        for (double[] column : r) {
            for (int i = 0; i < column.length; i++) {
                column[i] = random.nextDouble(-1, 1);
            }
        }
        double[][] byDefault = BitKernels.gradient(h, r, 2);
        double[][] inSmallBlocks = BitKernels.gradient(h, r, 2, 16, 1);
        for (int c = 0; c < r.length; c++) {
            for (int j = 0; j < h.columns(); j++) {
                assertThat(Double.doubleToRawLongBits(byDefault[c][j])).as("output %d, column %d", c, j)
                        .isEqualTo(Double.doubleToRawLongBits(inSmallBlocks[c][j]));
            }
        }
    }

    /**
     * A run's blocks (at most one per thread, by columns / perBlock) cover the columns once each, in the ranges
     * of equal blocks, whichever thread claims them (the calling thread takes those no worker has started).
     */
    @Test
    void aRunsBlocksAreEachDoneOnceWhicheverThreadClaimsThem() {
        for (int threads : new int[] {2, 3, 8}) {
            java.util.List<int[]> ranges = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
            java.util.concurrent.atomic.AtomicIntegerArray counts = new java.util.concurrent.atomic.AtomicIntegerArray(1_000);
            BitKernels.run(1_000, threads, 100, "the test", (from, to) -> {
                ranges.add(new int[] {from, to});
                for (int j = from; j < to; j++) {
                    counts.incrementAndGet(j);
                }
            });
            int size = (1_000 + threads - 1) / threads;
            assertThat(ranges).hasSize(threads);
            for (int[] range : ranges) {
                assertThat(range[0] % size).isZero();
                assertThat(range[1]).isEqualTo(Math.min(1_000, range[0] + size));
            }
            for (int j = 0; j < 1_000; j++) {
                assertThat(counts.get(j)).as("column %d", j).isEqualTo(1);
            }
        }
    }

    /**
     * A run returns only when every block is done, also a worker's that is still running when the calling thread
     * has none left to take (cancelling such a worker's task does not stop it; a run that skipped it returned
     * while the worker was still writing its block). The calling thread's block waits, within a bound, until the
     * worker has started the other one.
     */
    @Test
    void aRunWaitsForTheBlockAWorkerIsStillOn() throws InterruptedException {
        Thread caller = Thread.currentThread();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean onWorker = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicBoolean finished = new java.util.concurrent.atomic.AtomicBoolean();
        double[] sink = new double[1];
        BitKernels.run(2, 2, 1, "the test", (from, to) -> {
            if (Thread.currentThread() != caller) {
                onWorker.set(true);
                started.countDown();
                double sum = 0;
                for (int i = 0; i < 50_000_000; i++) {
                    sum += Math.sqrt(i);
                }
                sink[0] = sum;
                finished.set(true);
                return;
            }
            try {
                started.await(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(!onWorker.get() || finished.get()).as("a worker's block done when the run returns").isTrue();
    }
}
