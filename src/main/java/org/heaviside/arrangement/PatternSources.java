package org.heaviside.arrangement;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.heaviside.run.Cancellation;

/**
 * Ways to fill a {@link PatternMatrix} from data rows x (n x d, bias not included):
 * the all-ones bias pattern, Gaussian sampling of hyperplanes (Ergen et al.), data-anchored
 * hyperplanes (single-sensor thresholds and hyperplanes through data points), and exact
 * enumeration of every affine dichotomy when the rows span an affine space of dimension <= 2.
 */
public final class PatternSources {

    private PatternSources() {
    }

    /** Adds the all-ones pattern (u = (0, ..., 0, 1)), the output bias; returns its column. */
    public static int addBias(PatternMatrix matrix, int dimension) {
        double[] u = new double[dimension + 1];
        u[dimension] = 1.0;
        long[] all = new long[matrix.words()];
        for (int i = 0; i < matrix.rows(); i++) {
            all[i >>> 6] |= 1L << (i & 63);
        }
        return matrix.add(all, u, "bias");
    }

    /**
     * Adds the patterns of {@code count} hyperplanes u ~ N(0, I_{d+1}) drawn from the seed.
     *
     * @return number of directions sampled
     */
    public static int sample(PatternMatrix matrix, double[][] x, int count, long seed, Cancellation cancellation) {
        int d = x[0].length;
        RowProducts rows = new RowProducts(x);
        SplittableRandom random = new SplittableRandom(seed);
        for (int s = 0; s < count; s++) {
            if ((s & 255) == 0) {
                cancellation.check();
            }
            double[] u = new double[d + 1];
            for (int k = 0; k <= d; k++) {
                u[k] = gaussian(random);
            }
            matrix.add(rows.pattern(u), u, "sampled");
        }
        return count;
    }

    /**
     * Adds data-anchored patterns: for each feature, the splits x_k >= t and x_k <= t at the
     * midpoints t between consecutive distinct values (single-sensor thresholds, at most
     * {@code maxSplitsPerFeature} per feature, evenly spread), and hyperplanes with random normals
     * through up to {@code throughPoints} data points.
     */
    public static void anchored(PatternMatrix matrix, double[][] x, int maxSplitsPerFeature, int throughPoints,
                                long seed, Cancellation cancellation) {
        int n = x.length;
        int d = x[0].length;
        RowProducts rows = new RowProducts(x);
        for (int k = 0; k < d; k++) {
            cancellation.check();
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = x[i][k];
            }
            Arrays.sort(values);
            double[] cuts = new double[n];
            int count = 0;
            for (int i = 1; i < n; i++) {
                if (values[i] > values[i - 1]) {
                    cuts[count++] = 0.5 * (values[i] + values[i - 1]);
                }
            }
            int step = Math.max(1, (int) Math.ceil((double) count / Math.max(1, maxSplitsPerFeature)));
            for (int c = 0; c < count; c += step) {
                double[] up = new double[d + 1];
                up[k] = 1.0;
                up[d] = -cuts[c];
                matrix.add(rows.pattern(up), up, "anchored");
                double[] down = new double[d + 1];
                down[k] = -1.0;
                down[d] = cuts[c];
                matrix.add(rows.pattern(down), down, "anchored");
            }
        }
        SplittableRandom random = new SplittableRandom(seed);
        int points = Math.min(n, throughPoints);
        for (int p = 0; p < points; p++) {
            if ((p & 255) == 0) {
                cancellation.check();
            }
            double[] anchor = x[points == n ? p : random.nextInt(n)];
            double[] u = new double[d + 1];
            double offset = 0;
            for (int k = 0; k < d; k++) {
                u[k] = gaussian(random);
                offset += u[k] * anchor[k];
            }
            u[d] = -offset; // the hyperplane passes through the anchor
            matrix.add(rows.pattern(u), u, "anchored");
        }
    }

    /**
     * The upper bound on the number of patterns (dichotomies, counting the empty one) of n points
     * whose augmented matrix has rank r: 2 * sum_{k=0}^{r-1} C(n-1, k).
     */
    public static BigInteger upperBound(int n, int rank) {
        BigInteger sum = BigInteger.ZERO;
        BigInteger binomial = BigInteger.ONE; // C(n-1, 0)
        for (int k = 0; k < rank && k <= n - 1; k++) {
            sum = sum.add(binomial);
            binomial = binomial.multiply(BigInteger.valueOf(n - 1 - k)).divide(BigInteger.valueOf(k + 1));
        }
        return sum.shiftLeft(1);
    }

    /** Digits beyond which {@link #readable} writes a count as a power of ten. */
    static final int READABLE_DIGITS = 15;

    /**
     * A pattern count or bound as a person reads it: up to {@value #READABLE_DIGITS} digits as they are;
     * beyond, two significant digits rounded up (the text stays an upper bound) times a power of ten,
     * "6.6 x 10^98" for 657278...; any other text (such as "2^k") unchanged.
     */
    public static String readable(String count) {
        if (count.length() <= READABLE_DIGITS || !count.chars().allMatch(Character::isDigit)) {
            return count;
        }
        int exponent = count.length() - 1;
        int leading = Integer.parseInt(count.substring(0, 2));
        boolean rest = count.substring(2).chars().anyMatch(c -> c != '0');
        if (rest) {
            leading++;
        }
        if (leading == 100) {
            leading = 10;
            exponent++;
        }
        return (leading / 10) + "." + (leading % 10) + " x 10^" + exponent;
    }

    /** A standard normal draw from the given stream only (the generator the synthetic data uses). */
    static double gaussian(SplittableRandom random) {
        return org.heaviside.data.PaperSynthetic.gaussian(random);
    }
}
