package org.heaviside.experiment;

import java.util.Arrays;

/**
 * Paired tests of one method against another over seeds (two-sided p-values).
 *
 * <p>Wilcoxon signed-rank: zero differences are dropped, tied absolute differences share their mean
 * rank, and the p-value is exact (the null distribution of the positive rank sum over all 2^K sign
 * assignments, by dynamic programming) up to 60 pairs, normal with continuity correction above.
 * With K pairs the smallest two-sided p is 2 / 2^K (0.0625 for K = 5).
 *
 * <p>Corrected resampled t-test (Nadeau and Bengio, Machine Learning 52, 2003), for seeds that also
 * redraw the train/test split: t = mean(d) / sqrt((1/K + n_test/n_train) s²), K − 1 degrees of freedom.
 *
 * <p>Both tests use only the pairs where both values are numbers ({@link #pairs}); K counts those.
 */
public final class SignificanceTests {

    private static final int EXACT_LIMIT = 60;

    private SignificanceTests() {
    }

    /** The smallest two-sided Wilcoxon p-value K pairs can give. */
    public static double smallestWilcoxon(int pairs) {
        return Math.min(1.0, 2.0 / Math.pow(2, pairs));
    }

    /** The pairs a test of a against b uses: those where both values are numbers. */
    public static int pairs(double[] a, double[] b) {
        int count = 0;
        for (int i = 0; i < a.length; i++) {
            count += Double.isNaN(a[i] - b[i]) ? 0 : 1;
        }
        return count;
    }

    /**
     * Two-sided exact Wilcoxon signed-rank p-value of the paired differences a − b over the
     * {@link #pairs} (a pair with a NaN is left out); NaN when no pair is left.
     */
    public static double wilcoxon(double[] a, double[] b) {
        int k = a.length;
        double[] d = new double[k];
        int nonZero = 0;
        for (int i = 0; i < k; i++) {
            double diff = a[i] - b[i];
            if (diff != 0 && !Double.isNaN(diff)) {
                d[nonZero++] = diff;
            }
        }
        if (nonZero == 0) {
            return pairs(a, b) == 0 ? Double.NaN : 1.0;
        }
        d = Arrays.copyOf(d, nonZero);
        Integer[] order = new Integer[nonZero];
        for (int i = 0; i < nonZero; i++) {
            order[i] = i;
        }
        double[] diffs = d;
        Arrays.sort(order, (x, y) -> Double.compare(Math.abs(diffs[x]), Math.abs(diffs[y])));
        int[] doubled = new int[nonZero]; // twice the (mid)rank, an integer
        for (int i = 0; i < nonZero; ) {
            int j = i;
            while (j + 1 < nonZero && Math.abs(d[order[j + 1]]) == Math.abs(d[order[i]])) {
                j++;
            }
            int rankSum2 = (i + 1) + (j + 1); // twice the mean of ranks i+1..j+1
            for (int t = i; t <= j; t++) {
                doubled[order[t]] = rankSum2;
            }
            i = j + 1;
        }
        int positive = 0;
        int total = 0;
        for (int i = 0; i < nonZero; i++) {
            total += doubled[i];
            if (d[i] > 0) {
                positive += doubled[i];
            }
        }
        if (nonZero > EXACT_LIMIT) {
            double mean = total / 4.0;
            double variance = 0;
            for (int r : doubled) {
                variance += (r / 2.0) * (r / 2.0);
            }
            variance /= 4.0;
            double z = (Math.abs(positive / 2.0 - mean) - 0.5) / Math.sqrt(variance);
            return Math.min(1.0, 2 * normalUpper(Math.max(z, 0)));
        }
        double[] counts = new double[total + 1];
        counts[0] = 1;
        for (int r : doubled) {
            for (int s = total; s >= r; s--) {
                counts[s] += counts[s - r];
            }
        }
        double all = Math.pow(2, nonZero);
        double lower = 0;
        double upper = 0;
        for (int s = 0; s <= total; s++) {
            if (s <= positive) {
                lower += counts[s];
            }
            if (s >= positive) {
                upper += counts[s];
            }
        }
        return Math.min(1.0, 2 * Math.min(lower, upper) / all);
    }

    /**
     * Two-sided p of the corrected resampled t-test of a − b; NaN when it is undefined: fewer than two
     * pairs, or every difference equal and non-zero (zero variance; the t statistic is infinite).
     */
    public static double correctedResampledT(double[] a, double[] b, int trainRows, int testRows) {
        double[] d = new double[a.length];
        int k = 0;
        for (int i = 0; i < a.length; i++) {
            if (!Double.isNaN(a[i] - b[i])) {
                d[k++] = a[i] - b[i];
            }
        }
        if (k < 2) {
            return Double.NaN;
        }
        double mean = 0;
        for (int i = 0; i < k; i++) {
            mean += d[i] / k;
        }
        double variance = 0;
        for (int i = 0; i < k; i++) {
            double e = d[i] - mean;
            variance += e * e / (k - 1);
        }
        if (variance == 0) {
            return mean == 0 ? 1.0 : Double.NaN;
        }
        double t = mean / Math.sqrt((1.0 / k + (double) testRows / trainRows) * variance);
        return studentTwoSided(t, k - 1);
    }

    /** P(|T| >= |t|) for Student's t with ν degrees of freedom: I_{ν/(ν+t²)}(ν/2, 1/2). */
    public static double studentTwoSided(double t, double nu) {
        return regularizedBeta(nu / (nu + t * t), nu / 2, 0.5);
    }

    /** The regularized incomplete beta function I_x(a, b), by its continued fraction (modified Lentz). */
    static double regularizedBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
        if (x > (a + 1) / (a + b + 2)) {
            return 1 - Math.exp(logFront) * fraction(1 - x, b, a) / b;
        }
        return Math.exp(logFront) * fraction(x, a, b) / a;
    }

    private static double fraction(double x, double a, double b) {
        double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = Math.abs(d) < tiny ? tiny : d;
        d = 1 / d;
        double h = d;
        for (int m = 1; m <= 300; m++) {
            int m2 = 2 * m;
            double numerator = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + numerator * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + numerator / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            h *= d * c;
            numerator = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + numerator * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = 1 + numerator / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double step = d * c;
            h *= step;
            if (Math.abs(step - 1) < 1e-15) {
                break;
            }
        }
        return h;
    }

    /** log Γ(x) for x > 0: Lanczos' approximation with g = 7 and the nine coefficients tabulated by P. Godfrey. */
    static double logGamma(double x) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double sum = c[0];
        for (int i = 1; i < 9; i++) {
            sum += c[i] / (x + i);
        }
        double t = x + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
    }

    /** P(Z >= z) for a standard normal Z and z >= 0, by Simpson's rule on [z, z + 12] (error far below 1e-9). */
    static double normalUpper(double z) {
        int steps = 4000;
        double h = 12.0 / steps;
        double sum = density(z) + density(z + 12);
        for (int i = 1; i < steps; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * density(z + i * h);
        }
        return sum * h / 3;
    }

    private static double density(double x) {
        return Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }
}
