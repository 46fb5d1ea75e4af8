package org.heaviside.arrangement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.heaviside.run.Cancellation;
import org.junit.jupiter.api.Test;

class ExactEnumerationTest {

    private static double[][] points(int n, int dim, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][dim];
        for (double[] row : x) {
            for (int k = 0; k < dim; k++) {
                row[k] = random.nextDouble(-1, 1);
            }
        }
        return x;
    }

    @Property(tries = 40, seed = "99")
    void countsMatchTheFormulaInGeneralPosition(@ForAll @IntRange(min = 2, max = 40) int n,
                                                @ForAll @IntRange(min = 1, max = 2) int dim,
                                                @ForAll @IntRange(min = 1, max = 10_000) int seed) {
        double[][] x = points(n, dim, seed);
        PatternMatrix h = new PatternMatrix(n);
        int count = ExactEnumeration.enumerate(h, x, Cancellation.NEVER);
        assertThat(count).isEqualTo(PatternSources.upperBound(n, dim + 1).intValueExact());
        assertThat(h.columns()).isEqualTo(count - 1);
    }

    @Property(tries = 30, seed = "7")
    void sampledPatternsAreAmongTheEnumeratedOnes(@ForAll @IntRange(min = 3, max = 30) int n,
                                                  @ForAll @IntRange(min = 1, max = 10_000) int seed) {
        double[][] x = points(n, 2, seed);
        PatternMatrix all = new PatternMatrix(n);
        ExactEnumeration.enumerate(all, x, Cancellation.NEVER);
        PatternMatrix sampled = new PatternMatrix(n);
        PatternSources.sample(sampled, x, 500, seed, Cancellation.NEVER);
        for (int j = 0; j < sampled.columns(); j++) {
            assertThat(all.indexOf(sampled.column(j))).isNotNegative();
        }
    }

    @Test
    void collinearPointsInThePlaneCountAsALine() {
        double[][] x = new double[6][];
        for (int i = 0; i < 6; i++) {
            x[i] = new double[] {i, 2.0 * i + 1};
        }
        PatternMatrix h = new PatternMatrix(6);
        int count = ExactEnumeration.enumerate(h, x, Cancellation.NEVER);
        assertThat(count).isEqualTo(12); // 2n on a line
    }

    @Test
    void upperBoundFormula() {
        assertThat(PatternSources.upperBound(300, 3).intValueExact()).isEqualTo(89_702);
        assertThat(PatternSources.upperBound(10, 2).intValueExact()).isEqualTo(20);
    }

    @Test
    void aHugeBoundIsWrittenAsTwoDigitsRoundedUpTimesAPowerOfTen() {
        // the ten-class benchmark's shape: 1,347 rows of rank 65, a bound of 111 digits
        String bound = PatternSources.upperBound(1347, 65).toString();
        assertThat(bound).hasSize(111).startsWith("657");
        assertThat(PatternSources.readable(bound)).isEqualTo("6.6 x 10^110");
        assertThat(PatternSources.readable("125721839629600")).isEqualTo("125721839629600");
        assertThat(PatternSources.readable("1000000000000000")).isEqualTo("1.0 x 10^15");
        assertThat(PatternSources.readable("9950000000000001")).isEqualTo("1.0 x 10^16");
        assertThat(PatternSources.readable("2^331")).isEqualTo("2^331");
    }

    @Property(tries = 200, seed = "7")
    void theReadableBoundIsAtLeastTheBoundAndWithinTenPercent(@ForAll @IntRange(min = 20, max = 3000) int n,
                                                              @ForAll @IntRange(min = 1, max = 80) int rank) {
        BigInteger bound = PatternSources.upperBound(n, rank);
        String text = PatternSources.readable(bound.toString());
        if (bound.toString().length() <= PatternSources.READABLE_DIGITS) {
            assertThat(text).isEqualTo(bound.toString());
            return;
        }
        String[] parts = text.split(" x 10\\^");
        BigDecimal shown = new BigDecimal(parts[0]).scaleByPowerOfTen(Integer.parseInt(parts[1]));
        BigDecimal exact = new BigDecimal(bound);
        assertThat(shown).isGreaterThanOrEqualTo(exact);
        assertThat(shown).isLessThanOrEqualTo(exact.multiply(new BigDecimal("1.1")));
    }

    @Test
    void bitsTakeAtMostOnePointOneBitsPerEntryForLargeN() {
        PatternMatrix h = new PatternMatrix(10_000);
        double[][] x = points(10_000, 3, 1);
        PatternSources.sample(h, x, 200, 1, Cancellation.NEVER);
        double bitsPerEntry = 8.0 * h.bitBytes() / ((double) h.columns() * h.rows());
        assertThat(bitsPerEntry).isLessThanOrEqualTo(1.1);
    }
}
