package org.heaviside.arrangement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.heaviside.run.Cancellation;

class ViolatorSearchTest {

    /**
     * The best threshold set found in the thread's buffers after a larger data set left them longer (entries
     * past n from that search) is the one found on a thread with new buffers: same pattern, generator bits and
     * value; and a pattern's products in a longer scratch array pack the same bits.
     */
    @org.junit.jupiter.api.Test
    void aSearchInBuffersALargerSearchLeftFindsWhatNewBuffersFind() throws Exception {
        SplittableRandom random = new SplittableRandom(77);
        double[][] large = new double[700][4];
        for (double[] row : large) {
            for (int k = 0; k < 4; k++) {
                row[k] = random.nextDouble(-1, 1);
            }
        }
        double[][] small = Arrays.copyOf(large, 57);
        double[][] theta = new double[2][57];
        for (double[] column : theta) {
            for (int i = 0; i < 57; i++) {
                column[i] = random.nextDouble(-1, 1);
            }
        }
        double[] scalar = ViolatorSearch.scalar(new double[] {0.6, -0.8}, theta, 57);
        double[] v = {0.3, -1.1, 0.7, 0.2};
        java.util.concurrent.Callable<ViolatorSearch.Candidate> search = () ->
                ViolatorSearch.bestThreshold(new RowProducts(small), v, scalar, theta);
        java.util.concurrent.ExecutorService fresh = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            ViolatorSearch.Candidate expected = fresh.submit(search).get();
            // this thread: a search on 700 rows first (its buffers grow to 700 and keep that search's entries)
            double[] first = column(large);
            assertThat(ViolatorSearch.bestThreshold(new RowProducts(large), new double[] {-1, 0.5, 2, 0}, first,
                    new double[][] {first})).isNotNull();
            ViolatorSearch.Candidate actual = search.call();
            assertThat(actual.pattern()).containsExactly(expected.pattern());
            assertThat(Double.doubleToRawLongBits(actual.value())).isEqualTo(Double.doubleToRawLongBits(expected.value()));
            for (int k = 0; k < expected.generator().length; k++) {
                assertThat(Double.doubleToRawLongBits(actual.generator()[k]))
                        .isEqualTo(Double.doubleToRawLongBits(expected.generator()[k]));
            }
        } finally {
            fresh.shutdown();
        }
        double[] u = {0.4, -0.2, 0.9, -0.5, 0.05};
        double[] scratch = new double[900];
        Arrays.fill(scratch, Double.NaN);
        assertThat(new RowProducts(small).pattern(u, scratch)).containsExactly(new RowProducts(small).pattern(u));
    }

    /** The first feature of each row. */
    private static double[] column(double[][] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i][0];
        }
        return out;
    }

    /** The primitive sort gives the order of the boxed stable sort it replaced, ties and signed zeros included. */
    @Property(tries = 200)
    void theIndexSortKeepsTheOrderOfAStableBoxedSort(@ForAll @IntRange(min = 0, max = 300) int n,
                                                      @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] key = new double[n];
        double[] pool = {0.0, -0.0, 1.5, -2.25, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN};
        for (int i = 0; i < n; i++) {
            int kind = random.nextInt(4);
            key[i] = kind == 0 ? pool[random.nextInt(pool.length)]
                    : kind == 1 ? random.nextInt(5) - 2 : random.nextDouble(-1e3, 1e3);
        }
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(key[b], key[a]));
        int[] expected = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
        assertThat(ViolatorSearch.descending(key)).containsExactly(expected);
    }

    /** The order of the boxed stable sort, largest key first. */
    private static int[] stableDescending(double[] key) {
        Integer[] boxed = new Integer[key.length];
        for (int i = 0; i < key.length; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(key[b], key[a]));
        return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
    }

    /**
     * The sort keeps its work arrays between calls on a thread: a long sort, then shorter and longer ones
     * on the same thread and on another one, each give the stable order, and the orders handed out are
     * the callers' own (a later sort does not change an earlier one).
     */
    @org.junit.jupiter.api.Test
    void sortsOfOtherLengthsAfterEachOtherAndOnAnotherThreadKeepTheirOrders() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        int[] lengths = {3001, 7, 1456, 0, 1, 2999, 4100, 1455};
        double[][] keys = new double[lengths.length][];
        for (int t = 0; t < lengths.length; t++) {
            keys[t] = new double[lengths[t]];
            for (int i = 0; i < lengths[t]; i++) {
                // odd lengths: keys in [1, 2), one sign and exponent, so the pass on the highest digit
                // is left out (an odd number of passes ends in the other array)
                keys[t][i] = lengths[t] % 2 == 1 ? random.nextDouble(1, 2)
                        : random.nextInt(3) == 0 ? random.nextInt(4) : random.nextDouble(-1, 1);
            }
        }
        int[][] orders = new int[lengths.length][];
        for (int t = 0; t < lengths.length; t++) {
            orders[t] = ViolatorSearch.descending(keys[t]);
        }
        java.util.concurrent.ExecutorService other = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            int[] elsewhere = other.submit(() -> ViolatorSearch.descending(keys[2])).get();
            assertThat(elsewhere).containsExactly(stableDescending(keys[2]));
        } finally {
            other.shutdown();
        }
        for (int t = 0; t < lengths.length; t++) {
            assertThat(orders[t]).as("length %d", lengths[t]).containsExactly(stableDescending(keys[t]));
        }
    }

    /** Keys that differ only in their last bits (below the index bits of the packed sort) keep their exact order. */
    @Property(tries = 60)
    void nearTiesInTheLastBitsKeepTheExactOrder(@ForAll @IntRange(min = 1, max = 5000) int n, @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] bases = {0.0, 1.0, -3.5, 1e-300, -7e12};
        double[] key = new double[n];
        for (int i = 0; i < n; i++) {
            double value = bases[random.nextInt(bases.length)];
            int steps = random.nextInt(6);
            for (int s = 0; s < steps; s++) {
                value = random.nextBoolean() ? Math.nextUp(value) : Math.nextDown(value);
            }
            key[i] = random.nextInt(10) == 0 ? random.nextDouble() : value;
        }
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> Double.compare(key[b], key[a]));
        int[] expected = Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
        assertThat(ViolatorSearch.descending(key)).containsExactly(expected);
    }

    /**
     * The search gives exactly the candidates of the one-thread search (directions in order, each
     * local move around the best direction found before it), whatever thread evaluated a direction:
     * one output, three outputs, and a zero dual point (nothing found, every local move random).
     */
    @Property(tries = 12)
    void theCandidatesAreThoseOfTheOneThreadSearch(@ForAll @IntRange(min = 0, max = 2) int kind, @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int n = 150 + random.nextInt(200);
        int d = 2 + random.nextInt(8);
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = k == 0 ? random.nextInt(3) : random.nextGaussian();
            }
        }
        double[][] theta = new double[kind == 1 ? 3 : 1][n];
        for (double[] column : theta) {
            for (int i = 0; i < n; i++) {
                column[i] = kind == 2 ? 0.0 : random.nextGaussian();
            }
        }
        List<ViolatorSearch.Candidate> expected = oneThread(x, theta, 300, 25, seed);
        List<ViolatorSearch.Candidate> found = ViolatorSearch.search(x, theta, 300, 25, seed, Cancellation.NEVER);
        assertThat(found).hasSize(expected.size());
        for (int k = 0; k < found.size(); k++) {
            assertThat(found.get(k).pattern()).containsExactly(expected.get(k).pattern());
            assertThat(found.get(k).generator()).containsExactly(expected.get(k).generator());
            assertThat(found.get(k).value()).isEqualTo(expected.get(k).value());
        }
    }

    /**
     * While the helper holds a direction the search needs, the searching thread takes the open directions after
     * it that are not local moves, one per call, in order, each evaluated into its slot as the helper would (it
     * used to wait idle for the helper); local moves and directions already taken are left, and false says
     * none is left.
     */
    @org.junit.jupiter.api.Test
    void whileTheHelperHoldsADirectionTheSearchTakesTheOpenOnesAfterIt() {
        SplittableRandom random = new SplittableRandom(41);
        int n = 90;
        int d = 4;
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = random.nextGaussian();
            }
        }
        double[][] theta = new double[3][n];
        for (double[] column : theta) {
            for (int i = 0; i < n; i++) {
                column[i] = random.nextGaussian();
            }
        }
        int directions = 40;
        SplittableRandom draws = new SplittableRandom(5);
        ViolatorSearch.Draw[] draw = new ViolatorSearch.Draw[directions];
        for (int t = 0; t < directions; t++) {
            draw[t] = ViolatorSearch.Draw.next(draws, t, d, theta.length, ViolatorSearch.local(t, d));
        }
        RowProducts rows = new RowProducts(x);
        ViolatorSearch.Ahead ahead = new ViolatorSearch.Ahead(x, rows, theta, draw);
        int held = 9; // not a local move (odd)
        int taken = 13; // already taken by the helper
        assertThat(ahead.state.compareAndSet(held, ViolatorSearch.Ahead.OPEN, ViolatorSearch.Ahead.CLAIMED)).isTrue();
        assertThat(ahead.state.compareAndSet(taken, ViolatorSearch.Ahead.OPEN, ViolatorSearch.Ahead.CLAIMED)).isTrue();
        List<Integer> done = new ArrayList<>();
        while (ahead.workAhead(held)) {
            int next = -1;
            for (int t = 0; t < directions; t++) {
                if (ahead.state.get(t) == ViolatorSearch.Ahead.DONE && !done.contains(t)) {
                    next = t;
                }
            }
            done.add(next);
        }
        List<Integer> expected = new ArrayList<>();
        for (int t = held + 1; t < directions; t++) {
            if (!ViolatorSearch.local(t, d) && t != taken) {
                expected.add(t);
            }
        }
        assertThat(done).containsExactlyElementsOf(expected);
        assertThat(ahead.state.get(held)).isEqualTo(ViolatorSearch.Ahead.CLAIMED);
        assertThat(ahead.state.get(taken)).isEqualTo(ViolatorSearch.Ahead.CLAIMED);
        for (int t = 0; t < directions; t++) {
            if (ViolatorSearch.local(t, d) || t <= held) {
                assertThat(ahead.state.get(t)).as("direction %d", t).isNotEqualTo(ViolatorSearch.Ahead.DONE);
            }
        }
        for (int t : done) {
            ViolatorSearch.Candidate alone = ViolatorSearch.evaluate(x, rows, theta, draw[t], null);
            ViolatorSearch.Candidate slot = ahead.results[t];
            assertThat(slot == null).as("direction %d", t).isEqualTo(alone == null);
            if (alone != null) {
                assertThat(slot.pattern()).containsExactly(alone.pattern());
                assertThat(slot.generator()).containsExactly(alone.generator());
                assertThat(slot.value()).isEqualTo(alone.value());
            }
        }
    }

    /** The search as one loop on one thread, as it was written before the helper thread. */
    private static List<ViolatorSearch.Candidate> oneThread(double[][] x, double[][] theta, int directions, int keep,
                                                            long seed) {
        int n = x.length;
        int d = x[0].length;
        SplittableRandom random = new SplittableRandom(seed);
        List<ViolatorSearch.Candidate> found = new ArrayList<>();
        double[] best = null;
        double bestValue = -1;
        for (int t = 0; t < directions; t++) {
            double[] weights = new double[theta.length];
            double norm = 0;
            for (int c = 0; c < theta.length; c++) {
                weights[c] = theta.length == 1 ? 1.0 : PatternSources.gaussian(random);
                norm += weights[c] * weights[c];
            }
            double[] scalar = new double[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int c = 0; c < theta.length; c++) {
                    s += weights[c] * theta[c][i];
                }
                scalar[i] = s / Math.sqrt(norm);
            }
            double[] v = new double[d];
            if (t == 0) {
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < d; k++) {
                        v[k] += scalar[i] * x[i][k];
                    }
                }
            } else if (t <= d) {
                v[t - 1] = 1.0;
            } else if (best != null && (t & 1) == 0) {
                double spread = 0.3 * random.nextDouble();
                for (int k = 0; k < d; k++) {
                    v[k] = best[k] + spread * PatternSources.gaussian(random);
                }
            } else {
                for (int k = 0; k < d; k++) {
                    v[k] = PatternSources.gaussian(random);
                }
            }
            ViolatorSearch.Candidate candidate = ViolatorSearch.bestThreshold(x, v, scalar, theta);
            if (candidate != null) {
                found.add(candidate);
                if (candidate.value() > bestValue) {
                    bestValue = candidate.value();
                    best = Arrays.copyOf(candidate.generator(), d);
                }
            }
        }
        found.sort(Comparator.comparingDouble(ViolatorSearch.Candidate::value).reversed());
        List<ViolatorSearch.Candidate> distinct = new ArrayList<>();
        for (ViolatorSearch.Candidate candidate : found) {
            if (distinct.stream().noneMatch(kept -> Arrays.equals(kept.pattern(), candidate.pattern()))) {
                distinct.add(candidate);
                if (distinct.size() >= keep) {
                    break;
                }
            }
        }
        return distinct;
    }
}
