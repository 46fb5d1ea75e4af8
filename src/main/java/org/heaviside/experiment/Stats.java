package org.heaviside.experiment;

/**
 * Mean, sample standard deviation, minimum and maximum of values over seeds (NaN values skipped).
 *
 * @param mean the mean
 * @param sd   the sample standard deviation (0 for one value)
 * @param min  the smallest value
 * @param max  the largest value
 */
public record Stats(double mean, double sd, double min, double max) {

    /** The statistics of the values. */
    public static Stats of(double[] values) {
        int count = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                count++;
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (count == 0) {
            return new Stats(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        double mean = sum / count;
        double squares = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        return new Stats(mean, count > 1 ? Math.sqrt(squares / (count - 1)) : 0, min, max);
    }
}
