package org.heaviside.report;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The ROI of the deployed model measured on held-out rows at an operating point, scaled to the
 * stated rows per day, with a bootstrap range: the held-out rows are resampled with replacement
 * {@code replicates} times (seeded), and each range runs from the 5th to the 95th percentile
 * (linear interpolation between order statistics) of the replicates' values.
 *
 * @param rows              held-out rows
 * @param truePositives     failures flagged
 * @param falseNegatives    failures missed
 * @param falsePositives    false alarms
 * @param trueNegatives     rows correctly passed
 * @param recall            share of failures caught, TP / (TP + FN); NaN without failures
 * @param alarmsPerDay      false alarms per day: rowsPerDay · FP / rows
 * @param savingsPerYear    {@link RoiInputs#savingsPerYear} on this confusion matrix
 * @param recallRange       5th and 95th percentile of the recall
 * @param alarmsRange       5th and 95th percentile of the false alarms per day
 * @param savingsRange      5th and 95th percentile of the savings
 * @param replicates        bootstrap resamples
 * @param seed              the bootstrap's seed
 */
public record RoiEstimate(int rows, int truePositives, int falseNegatives, int falsePositives, int trueNegatives,
                          double recall, double alarmsPerDay, double savingsPerYear, Range recallRange,
                          Range alarmsRange, Range savingsRange, int replicates, long seed) {

    /** The bootstrap's resamples in the report. */
    public static final int REPLICATES = 2000;
    /** The bootstrap's seed in the report. */
    public static final long SEED = 1;

    /** A 5th-95th percentile range. */
    public record Range(double low, double high) {
    }

    /** Failures among the held-out rows. */
    public int failures() {
        return truePositives + falseNegatives;
    }

    /** The estimate with the report's bootstrap settings. */
    public static RoiEstimate of(HeldOut heldOut, double threshold, RoiInputs roi) {
        return of(heldOut, threshold, roi, REPLICATES, SEED);
    }

    /** The estimate on the held-out rows with a bootstrap of {@code replicates} resamples. */
    public static RoiEstimate of(HeldOut heldOut, double threshold, RoiInputs roi, int replicates, long seed) {
        int n = heldOut.size();
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        int[] cm = confusion(heldOut, threshold, all);
        double[] recalls = new double[replicates];
        double[] alarms = new double[replicates];
        double[] savings = new double[replicates];
        SplittableRandom random = new SplittableRandom(seed);
        int[] sample = new int[n];
        int kept = 0;
        for (int b = 0; b < replicates; b++) {
            for (int i = 0; i < n; i++) {
                sample[i] = random.nextInt(n);
            }
            int[] resampled = confusion(heldOut, threshold, sample);
            double recall = recall(resampled);
            if (!Double.isNaN(recall)) {
                recalls[kept++] = recall;
            }
            alarms[b] = alarmsPerDay(resampled, roi.rowsPerDay());
            savings[b] = roi.savingsPerYear(resampled[0], resampled[1], resampled[2], resampled[3]);
        }
        return new RoiEstimate(n, cm[0], cm[1], cm[2], cm[3], recall(cm), alarmsPerDay(cm, roi.rowsPerDay()),
                roi.savingsPerYear(cm[0], cm[1], cm[2], cm[3]), range(Arrays.copyOf(recalls, kept)), range(alarms),
                range(savings), replicates, seed);
    }

    /**
     * The confusion matrix (TP, FN, FP, TN) of the rows in {@code sample} (indices, repeats allowed)
     * when a row is flagged at score >= threshold.
     */
    static int[] confusion(HeldOut heldOut, double threshold, int[] sample) {
        int[] cm = new int[4];
        for (int i : sample) {
            boolean flagged = heldOut.score()[i] >= threshold;
            cm[heldOut.positive()[i] ? (flagged ? 0 : 1) : (flagged ? 2 : 3)]++;
        }
        return cm;
    }

    /**
     * Expected net savings in the first year at each threshold, on the held-out rows: the curve of
     * the expected-cost-against-operating-point chart.
     */
    public static double[] savingsCurve(HeldOut heldOut, RoiInputs roi, double[] thresholds) {
        int[] all = new int[heldOut.size()];
        Arrays.setAll(all, i -> i);
        double[] out = new double[thresholds.length];
        for (int k = 0; k < thresholds.length; k++) {
            int[] cm = confusion(heldOut, thresholds[k], all);
            out[k] = roi.savingsPerYear(cm[0], cm[1], cm[2], cm[3]);
        }
        return out;
    }

    private static double recall(int[] cm) {
        return cm[0] + cm[1] == 0 ? Double.NaN : cm[0] / (double) (cm[0] + cm[1]);
    }

    private static double alarmsPerDay(int[] cm, double rowsPerDay) {
        double rows = cm[0] + cm[1] + cm[2] + cm[3];
        return rows == 0 ? Double.NaN : rowsPerDay * cm[2] / rows;
    }

    private static Range range(double[] values) {
        return new Range(percentile(values, 0.05), percentile(values, 0.95));
    }

    /** The p-quantile with linear interpolation between order statistics (NaN for no values). */
    static double percentile(double[] values, double p) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = p * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }
}
