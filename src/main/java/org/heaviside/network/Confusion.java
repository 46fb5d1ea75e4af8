package org.heaviside.network;

/**
 * The confusion matrix of a two-class model at one operating point, as (weighted) row counts: a row
 * is predicted positive when its score is at least the cut (method.md section 10). With unit weights
 * the counts are the numbers of rows.
 *
 * @param truePositives  positives predicted positive (events caught)
 * @param falseNegatives positives predicted negative (events missed)
 * @param falsePositives negatives predicted positive (false alarms)
 * @param trueNegatives  negatives predicted negative
 */
public record Confusion(double truePositives, double falseNegatives, double falsePositives, double trueNegatives) {

    /** The rows counted (their total weight). */
    public double rows() {
        return truePositives + falseNegatives + falsePositives + trueNegatives;
    }

    /** Recall of the positive class, TP / (TP + FN): the share of events caught (NaN without positives). */
    public double recall() {
        double positives = truePositives + falseNegatives;
        return positives == 0 ? Double.NaN : truePositives / positives;
    }

    /** Precision, TP / (TP + FP): the share of alarms that are events (NaN when nothing is flagged). */
    public double precision() {
        double flagged = truePositives + falsePositives;
        return flagged == 0 ? Double.NaN : truePositives / flagged;
    }

    /** The false-alarm rate FP / (FP + TN) (NaN without negatives): the x axis of the ROC curve. */
    public double falseAlarmRate() {
        double negatives = falsePositives + trueNegatives;
        return negatives == 0 ? Double.NaN : falsePositives / negatives;
    }

    /** False alarms per 1,000 rows of all classes, 1000 · FP / rows (NaN without rows). */
    public double falseAlarmsPerThousandRows() {
        return rows() == 0 ? Double.NaN : 1000 * falsePositives / rows();
    }

    /** Specificity, TN / (FP + TN): the recall of the negative class (NaN without negatives). */
    public double specificity() {
        double negatives = falsePositives + trueNegatives;
        return negatives == 0 ? Double.NaN : trueNegatives / negatives;
    }

    /** Balanced accuracy, the mean of the recalls of the two classes present. */
    public double balancedAccuracy() {
        double recall = recall();
        double specificity = specificity();
        return Double.isNaN(recall) ? specificity : Double.isNaN(specificity) ? recall : 0.5 * (recall + specificity);
    }

    /** F1 of the positive class, 2TP / (2TP + FP + FN) (0 when it is never predicted nor present). */
    public double f1() {
        double denominator = 2 * truePositives + falsePositives + falseNegatives;
        return denominator == 0 ? 0 : 2 * truePositives / denominator;
    }

    /** The expected cost c_missed · FN + c_false_alarm · FP of these rows (method.md section 10). */
    public double expectedCost(double missedCost, double falseAlarmCost) {
        return missedCost * falseNegatives + falseAlarmCost * falsePositives;
    }

    /** {@link #expectedCost} per 1,000 rows (NaN without rows). */
    public double expectedCostPerThousandRows(double missedCost, double falseAlarmCost) {
        return rows() == 0 ? Double.NaN : 1000 * expectedCost(missedCost, falseAlarmCost) / rows();
    }

    /** The counts as Metrics.confusion gives them, {TP, FN, FP, TN}, rounded to whole rows. */
    public int[] counts() {
        return new int[] {(int) Math.round(truePositives), (int) Math.round(falseNegatives),
            (int) Math.round(falsePositives), (int) Math.round(trueNegatives)};
    }
}
