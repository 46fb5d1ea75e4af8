package org.heaviside.network;

import org.heaviside.solver.Loss;

/**
 * How a fold's held-out outputs are scored in cross-validation: the loss per row, the error rate,
 * balanced accuracy at a cut or as mean recall of the largest output, expected cost per row at a
 * cut, and RMSE; with the mean and standard error over folds. Outputs are [row][output], targets
 * [output][row] as the programs hold them.
 */
final class HeldOutScores {

    private HeldOutScores() {
    }

    static double standardError(double[] values) {
        double m = mean(values);
        double variance = 0;
        for (double v : values) {
            variance += (v - m) * (v - m) / (values.length - 1);
        }
        return Math.sqrt(variance / values.length);
    }
    static double balancedAccuracy(double[][] out, double[] y, double threshold) {
        int tp = 0;
        int positives = 0;
        int tn = 0;
        int negatives = 0;
        for (int i = 0; i < out.length; i++) {
            boolean predicted = out[i][0] >= threshold;
            if (y[i] > 0) {
                positives++;
                tp += predicted ? 1 : 0;
            } else {
                negatives++;
                tn += predicted ? 0 : 1;
            }
        }
        double recall = positives == 0 ? Double.NaN : (double) tp / positives;
        double specificity = negatives == 0 ? Double.NaN : (double) tn / negatives;
        return positives == 0 ? specificity : negatives == 0 ? recall : 0.5 * (recall + specificity);
    }
    static double expectedCost(double[][] out, double[] y, double threshold, double missed, double alarm) {
        double cost = 0;
        for (int i = 0; i < out.length; i++) {
            boolean predicted = out[i][0] >= threshold;
            if (y[i] > 0 && !predicted) {
                cost += missed;
            } else if (y[i] <= 0 && predicted) {
                cost += alarm;
            }
        }
        return cost / out.length;
    }
    /** Mean recall over the classes present, the predicted class being the largest output. */
    static double meanRecall(double[][] out, double[][] y) {
        int classes = y.length;
        int[] hits = new int[classes];
        int[] counts = new int[classes];
        for (int i = 0; i < out.length; i++) {
            int predicted = 0;
            int actual = 0;
            for (int c = 1; c < classes; c++) {
                if (out[i][c] > out[i][predicted]) {
                    predicted = c;
                }
                if (y[c][i] > y[actual][i]) {
                    actual = c;
                }
            }
            counts[actual]++;
            hits[actual] += predicted == actual ? 1 : 0;
        }
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            if (counts[c] > 0) {
                sum += (double) hits[c] / counts[c];
                present++;
            }
        }
        return sum / present;
    }
    static double rmse(double[][] out, double[][] y) {
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            for (int c = 0; c < y.length; c++) {
                double d = out[i][c] - y[c][i];
                sum += d * d;
            }
        }
        return Math.sqrt(sum / (out.length * (double) y.length));
    }
    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
    static double validationLoss(double[][] out, double[][] y, Loss loss) {
        double[][] f = new double[y.length][out.length];
        for (int i = 0; i < out.length; i++) {
            for (int c = 0; c < y.length; c++) {
                f[c][i] = out[i][c];
            }
        }
        return loss.value(y, f) / out.length;
    }
    /** Share of rows whose predicted class (sign, or the largest output) differs from the target's. */
    static double errorRate(double[][] out, double[][] y) {
        int wrong = 0;
        for (int i = 0; i < out.length; i++) {
            if (y.length == 1) {
                if ((out[i][0] >= 0) != (y[0][i] > 0)) {
                    wrong++;
                }
            } else {
                int predicted = 0;
                int actual = 0;
                for (int c = 1; c < y.length; c++) {
                    if (out[i][c] > out[i][predicted]) {
                        predicted = c;
                    }
                    if (y[c][i] > y[actual][i]) {
                        actual = c;
                    }
                }
                if (predicted != actual) {
                    wrong++;
                }
            }
        }
        return (double) wrong / out.length;
    }
}
