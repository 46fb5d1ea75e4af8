package org.heaviside.arrangement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ViolatorSearchTest {

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
}
