package org.heaviside.network;

import java.util.Arrays;

/**
 * Every operating point of a two-class score on a set of rows: the ROC curve (false-alarm rate,
 * recall), the precision-recall curve and the confusion matrix at any cut t, a row predicted
 * positive when its score is at least t (method.md section 10). Rows may carry weights.
 *
 * <p>The cuts are indexed by k = 0 .. m, m the number of distinct scores: cut k flags the rows of
 * the k highest distinct scores. Its threshold lies midway between the k-th and the (k+1)-th
 * distinct score (1 above the highest for k = 0, 1 below the lowest for k = m), as
 * {@link OperatingPoint#choose} places it; equal scores always fall on the same side.
 */
public final class OperatingCurve {

    private final double[] distinct; // distinct scores, highest first
    private final double[] truePositives; // [k]: weight of positives among the k highest distinct scores
    private final double[] falsePositives;
    private final double positives;
    private final double negatives;

    private OperatingCurve(double[] distinct, double[] truePositives, double[] falsePositives, double positives,
                           double negatives) {
        this.distinct = distinct;
        this.truePositives = truePositives;
        this.falsePositives = falsePositives;
        this.positives = positives;
        this.negatives = negatives;
    }

    /**
     * The curve of {@code scores} with labels (positive when > 0) and row weights ({@code null}: every
     * row weighs 1).
     */
    public static OperatingCurve of(double[] scores, double[] labels, double[] weights) {
        int n = scores.length;
        if (labels.length != n || (weights != null && weights.length != n)) {
            throw new IllegalArgumentException("Scores, labels and weights must have one value per row.");
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(scores[i]) || (weights != null && !(weights[i] >= 0 && weights[i] < Double.POSITIVE_INFINITY))) {
                throw new IllegalArgumentException("Row " + (i + 1) + " has a score or weight that is not a finite "
                        + "number (weights must be zero or positive).");
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        double[] distinct = new double[n];
        double[] tp = new double[n + 1];
        double[] fp = new double[n + 1];
        int m = 0;
        for (int r = 0; r < n; r++) {
            int i = order[r];
            if (r == 0 || scores[i] != distinct[m - 1]) {
                // a new distinct score opens cut m + 1, starting from the counts of cut m
                distinct[m] = scores[i];
                tp[m + 1] = tp[m];
                fp[m + 1] = fp[m];
                m++;
            }
            double w = weights == null ? 1 : weights[i];
            if (labels[i] > 0) {
                tp[m] += w;
            } else {
                fp[m] += w;
            }
        }
        return new OperatingCurve(Arrays.copyOf(distinct, m), Arrays.copyOf(tp, m + 1), Arrays.copyOf(fp, m + 1),
                tp[m], fp[m]);
    }

    /** The number of cuts, m + 1 (1 for no rows). */
    public int cuts() {
        return truePositives.length;
    }

    /** The total weight of the positive rows. */
    public double positives() {
        return positives;
    }

    /** The total weight of the negative rows. */
    public double negatives() {
        return negatives;
    }

    /** The threshold t of cut k: midway between the scores it separates, or 1 beyond the ends. */
    public double threshold(int cut) {
        int m = distinct.length;
        if (cut < 0 || cut > m) {
            throw new IndexOutOfBoundsException("Cut " + cut + " of 0.." + m);
        }
        if (m == 0) {
            return 0;
        }
        return cut == 0 ? distinct[0] + 1 : cut == m ? distinct[m - 1] - 1 : 0.5 * (distinct[cut - 1] + distinct[cut]);
    }

    /** The confusion matrix of cut k. */
    public Confusion confusion(int cut) {
        return new Confusion(truePositives[cut], positives - truePositives[cut], falsePositives[cut],
                negatives - falsePositives[cut]);
    }

    /** The cut whose rows flagged are those with score ≥ t: the number of distinct scores ≥ t. */
    public int cutOf(double threshold) {
        // distinct is descending: count the leading values >= threshold by binary search
        int low = 0;
        int high = distinct.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (distinct[mid] >= threshold) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return low;
    }

    /** The confusion matrix when rows with score ≥ t are flagged. */
    public Confusion at(double threshold) {
        return confusion(cutOf(threshold));
    }

    /** The ROC curve, one {false-alarm rate, recall} per cut from k = 0 (NaN where a class is absent). */
    public double[][] roc() {
        double[][] points = new double[cuts()][];
        for (int k = 0; k < points.length; k++) {
            Confusion c = confusion(k);
            points[k] = new double[] {c.falseAlarmRate(), c.recall()};
        }
        return points;
    }

    /**
     * The precision-recall curve, one {recall, precision} per cut that flags rows (k ≥ 1; precision is
     * undefined when nothing is flagged).
     */
    public double[][] precisionRecall() {
        double[][] points = new double[cuts() - 1][];
        for (int k = 1; k < cuts(); k++) {
            Confusion c = confusion(k);
            points[k - 1] = new double[] {c.recall(), c.precision()};
        }
        return points;
    }
}
