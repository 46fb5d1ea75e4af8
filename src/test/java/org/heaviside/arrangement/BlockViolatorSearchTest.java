package org.heaviside.arrangement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.heaviside.run.Cancellation;

/**
 * The search over blocks of rows finds the candidates of the local search on the same rows: the same
 * patterns in the same order, their hyperplanes and values equal to rounding (the blocks' sums are added
 * in another order).
 */
class BlockViolatorSearchTest {

    /** Blocks in this process; each pass folds them in order into a copy of the zero, as Spark would. */
    record Local(List<BlockViolatorSearch.Block> blocks, int dimension, int outputs) implements BlockViolatorSearch.Blocks {
        @Override
        public long rows() {
            return blocks.stream().mapToLong(b -> b.x().length).sum();
        }

        @Override
        public <R extends Serializable> R aggregate(R zero, BlockViolatorSearch.Fold<R> fold,
                                                    BlockViolatorSearch.Merge<R> merge) {
            R total = copy(zero);
            for (BlockViolatorSearch.Block block : blocks) {
                total = merge.apply(total, fold.apply(copy(zero), block));
            }
            return total;
        }

        @SuppressWarnings("unchecked")
        private static <R> R copy(R value) {
            try {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                    out.writeObject(value);
                }
                try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                    return (R) in.readObject();
                }
            } catch (IOException | ClassNotFoundException e) {
                throw new UncheckedIOException(new IOException(e));
            }
        }
    }

    /** The rows cut into three blocks of unequal sizes. */
    static Local split(double[][] x, double[][] theta) {
        int n = x.length;
        int[] cuts = {0, n / 5, n / 2, n};
        List<BlockViolatorSearch.Block> blocks = new ArrayList<>();
        for (int b = 0; b < 3; b++) {
            double[][] bx = Arrays.copyOfRange(x, cuts[b], cuts[b + 1]);
            double[][] bt = new double[theta.length][];
            for (int c = 0; c < theta.length; c++) {
                bt[c] = Arrays.copyOfRange(theta[c], cuts[b], cuts[b + 1]);
            }
            blocks.add(new BlockViolatorSearch.Block(b, bx, bt));
        }
        return new Local(blocks, x[0].length, theta.length);
    }

    /**
     * One output, three outputs, a discrete feature with many equal projections, and a zero dual point
     * (nothing found: every local move is a random draw, as in the local search).
     */
    @Property(tries = 10)
    void theCandidatesAreThoseOfTheLocalSearch(@ForAll @IntRange(min = 0, max = 3) int kind, @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 200 + random.nextInt(300);
        int d = 2 + random.nextInt(6);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = k == 0 || kind == 2 ? random.nextInt(3) : random.nextGaussian();
            }
        }
        double[][] theta = new double[kind == 1 ? 3 : 1][n];
        for (double[] column : theta) {
            for (int i = 0; i < n; i++) {
                column[i] = kind == 3 ? 0.0 : random.nextGaussian();
            }
        }
        List<ViolatorSearch.Candidate> expected = ViolatorSearch.search(x, theta, 120, 25, seed, Cancellation.NEVER);
        List<BlockViolatorSearch.Found> found = BlockViolatorSearch.search(split(x, theta), 120, 25, seed,
                Cancellation.NEVER);
        assertThat(found).hasSize(expected.size());
        for (int k = 0; k < found.size(); k++) {
            ViolatorSearch.Candidate local = expected.get(k);
            BlockViolatorSearch.Found block = found.get(k);
            assertThat(PatternMatrix.pattern(x, block.generator())).as("pattern %d", k).containsExactly(local.pattern());
            assertThat(block.value()).isCloseTo(local.value(), within(1e-9 * Math.max(1, local.value())));
            for (int j = 0; j <= d; j++) {
                assertThat(block.generator()[j]).isCloseTo(local.generator()[j],
                        within(1e-9 * (1 + Math.abs(local.generator()[j]))));
            }
        }
    }
}
