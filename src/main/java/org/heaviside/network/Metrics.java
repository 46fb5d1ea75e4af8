package org.heaviside.network;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Evaluation metrics for classes (accuracy, balanced accuracy, F1, ROC AUC) and regression (RMSE, MAE, R²). */
public final class Metrics {

    private Metrics() {
    }

    /**
     * The confusion matrix of a two-class network on rows whose targets are ±1: {true positives,
     * false negatives, false positives, true negatives}, a row predicted positive when its score is
     * at least the operating point {@code threshold} (the decision rule of the model file and the exports).
     */
    public static int[] confusion(DeepNetwork network, org.heaviside.data.Dataset rows, double threshold) {
        double[][] out = network.predict(rows.x());
        int[] counts = new int[4];
        for (int i = 0; i < out.length; i++) {
            boolean predicted = out[i][0] >= threshold;
            boolean actual = rows.y()[i] > 0;
            counts[actual ? (predicted ? 0 : 1) : (predicted ? 2 : 3)]++;
        }
        return counts;
    }

    /**
     * Binary metrics from scores (positive when the score is >= 0) and +1/-1 labels.
     *
     * @return accuracy, balancedAccuracy, f1 (of the +1 class) and rocAuc, in that order
     */
    public static Map<String, Double> binary(double[] scores, double[] labels) {
        int tp = 0;
        int tn = 0;
        int fp = 0;
        int fn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean predicted = scores[i] >= 0;
            boolean actual = labels[i] > 0;
            if (predicted && actual) {
                tp++;
            } else if (!predicted && !actual) {
                tn++;
            } else if (predicted) {
                fp++;
            } else {
                fn++;
            }
        }
        return binary(tp, tn, fp, fn, rocAuc(scores, labels));
    }

    /** Binary metrics from the confusion counts and the ROC AUC (for rows counted elsewhere). */
    public static Map<String, Double> binary(long tp, long tn, long fp, long fn, double rocAuc) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        long n = tp + tn + fp + fn;
        metrics.put("accuracy", n == 0 ? Double.NaN : (double) (tp + tn) / n);
        double recall = tp + fn == 0 ? Double.NaN : (double) tp / (tp + fn);
        double specificity = tn + fp == 0 ? Double.NaN : (double) tn / (tn + fp);
        metrics.put("balancedAccuracy", 0.5 * (recall + specificity));
        metrics.put("f1", 2 * tp + fp + fn == 0 ? 0.0 : 2.0 * tp / (2.0 * tp + fp + fn));
        metrics.put("rocAuc", rocAuc);
        return metrics;
    }

    /**
     * Two-class metrics of a network on rows at the operating point t: the positive class where the
     * score f(x) >= t (the rows' y are the +1/-1 labels).
     */
    public static Map<String, Double> binaryAt(DeepNetwork network, org.heaviside.data.Dataset rows,
                                               double threshold) {
        double[][] out = network.predict(rows.x());
        double[] scores = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            scores[i] = out[i][0] - threshold;
        }
        return binary(scores, rows.y());
    }

    /** Multi-class metrics from the predicted and actual class indices: accuracy, balanced accuracy, macro F1. */
    public static Map<String, Double> multiclass(int[] predicted, int[] actual, int classes) {
        int[] tp = new int[classes];
        int[] support = new int[classes];
        int[] chosen = new int[classes];
        int correct = 0;
        for (int i = 0; i < actual.length; i++) {
            support[actual[i]]++;
            chosen[predicted[i]]++;
            if (predicted[i] == actual[i]) {
                tp[actual[i]]++;
                correct++;
            }
        }
        return multiclass(tp, support, chosen, correct, actual.length);
    }

    /**
     * Multi-class metrics from counts per class (rows of the class predicted right, rows of the class,
     * rows predicted as the class), the rows predicted right and all rows.
     */
    public static Map<String, Double> multiclass(int[] tp, int[] support, int[] chosen, long correct, long rows) {
        int classes = tp.length;
        double recallSum = 0;
        double f1Sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            if (support[c] > 0) {
                present++;
                recallSum += (double) tp[c] / support[c];
            }
            int denominator = support[c] + chosen[c];
            f1Sum += denominator == 0 ? 0 : 2.0 * tp[c] / denominator;
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy", rows == 0 ? Double.NaN : (double) correct / rows);
        metrics.put("balancedAccuracy", present == 0 ? Double.NaN : recallSum / present);
        metrics.put("f1", f1Sum / classes);
        return metrics;
    }

    /** RMSE, MAE and R² of predictions. */
    public static Map<String, Double> regression(double[] predicted, double[] actual) {
        double mean = 0;
        for (double v : actual) {
            mean += v / actual.length;
        }
        double se = 0;
        double ae = 0;
        double ss = 0;
        for (int i = 0; i < actual.length; i++) {
            double e = predicted[i] - actual[i];
            se += e * e;
            ae += Math.abs(e);
            ss += (actual[i] - mean) * (actual[i] - mean);
        }
        return regression(actual.length, se, ae, ss);
    }

    /** RMSE, MAE and R² from sums over n rows: squared and absolute errors, squared deviations of the actual values. */
    public static Map<String, Double> regression(long n, double se, double ae, double ss) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("rmse", Math.sqrt(se / n));
        metrics.put("mae", ae / n);
        metrics.put("r2", ss == 0 ? Double.NaN : 1 - se / ss);
        return metrics;
    }

    /**
     * ROC AUC as the Mann-Whitney statistic, ties counted as one half, from the distinct scores in
     * increasing order with the positive and negative rows at each.
     */
    public static double rocAuc(double[] distinct, long[] positives, long[] negatives) {
        double rankSum = 0;
        long before = 0;
        long positive = 0;
        for (int k = 0; k < distinct.length; k++) {
            long size = positives[k] + negatives[k];
            // the tie block's average rank, 1-based
            rankSum += positives[k] * (before + 0.5 * (size - 1) + 1);
            positive += positives[k];
            before += size;
        }
        long negative = before - positive;
        if (positive == 0 || negative == 0) {
            return Double.NaN;
        }
        return (rankSum - positive * (positive + 1) / 2.0) / ((double) positive * negative);
    }

    /** ROC AUC as the Mann-Whitney statistic, ties counted as one half. */
    static double rocAuc(double[] scores, double[] labels) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[a], scores[b]));
        double rankSum = 0;
        long positives = 0;
        for (int i = 0; i < n;) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double rank = 0.5 * (i + j) + 1; // average rank of the tie block
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] > 0) {
                    rankSum += rank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN;
        }
        return (rankSum - positives * (positives + 1) / 2.0) / ((double) positives * negatives);
    }
}
