package org.heaviside.network;

import org.heaviside.solver.Loss;

/**
 * How a fold's held-out outputs are scored in cross-validation: the loss per row, the error rate,
 * balanced accuracy at a cut or as mean recall of the largest output, expected cost per row at a
 * cut, and RMSE; with the mean and standard error over folds. Outputs are [row][output], targets
 * [output][row] as the programs hold them. Every score counts row i with its row weight w_i
 * (docs/method.md section 10; null weights count every row once): sums over rows are weighted sums
 * and "per row" divides by the weights' sum, so a row of weight 2 scores as the row twice.
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

    private static double weight(double[] w, int i) {
        return w == null ? 1.0 : w[i];
    }

    private static double total(double[] w, int rows) {
        if (w == null) {
            return rows;
        }
        double sum = 0;
        for (double v : w) {
            sum += v;
        }
        return sum;
    }

    static double balancedAccuracy(double[][] out, double[] y, double threshold, double[] w) {
        double tp = 0;
        double positives = 0;
        double tn = 0;
        double negatives = 0;
        for (int i = 0; i < out.length; i++) {
            boolean predicted = out[i][0] >= threshold;
            double wi = weight(w, i);
            if (y[i] > 0) {
                positives += wi;
                tp += predicted ? wi : 0;
            } else {
                negatives += wi;
                tn += predicted ? 0 : wi;
            }
        }
        double recall = positives == 0 ? Double.NaN : tp / positives;
        double specificity = negatives == 0 ? Double.NaN : tn / negatives;
        return positives == 0 ? specificity : negatives == 0 ? recall : 0.5 * (recall + specificity);
    }

    static double expectedCost(double[][] out, double[] y, double threshold, double missed, double alarm, double[] w) {
        double cost = 0;
        for (int i = 0; i < out.length; i++) {
            boolean predicted = out[i][0] >= threshold;
            if (y[i] > 0 && !predicted) {
                cost += weight(w, i) * missed;
            } else if (y[i] <= 0 && predicted) {
                cost += weight(w, i) * alarm;
            }
        }
        return cost / total(w, out.length);
    }

    /** Mean recall over the classes present, the predicted class being the largest output. */
    static double meanRecall(double[][] out, double[][] y, double[] w) {
        int classes = y.length;
        double[] hits = new double[classes];
        double[] counts = new double[classes];
        for (int i = 0; i < out.length; i++) {
            int predicted = largest(out[i]);
            int actual = actual(y, i);
            counts[actual] += weight(w, i);
            hits[actual] += predicted == actual ? weight(w, i) : 0;
        }
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            if (counts[c] > 0) {
                sum += hits[c] / counts[c];
                present++;
            }
        }
        return sum / present;
    }

    static double rmse(double[][] out, double[][] y, double[] w) {
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            for (int c = 0; c < y.length; c++) {
                double d = out[i][c] - y[c][i];
                sum += weight(w, i) * d * d;
            }
        }
        return Math.sqrt(sum / (total(w, out.length) * y.length));
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** The weighted loss of the programs, Σ w_i ℓ_i, per unit of weight. */
    static double validationLoss(double[][] out, double[][] y, Loss loss, double[] w) {
        double[][] f = new double[y.length][out.length];
        for (int i = 0; i < out.length; i++) {
            for (int c = 0; c < y.length; c++) {
                f[c][i] = out[i][c];
            }
        }
        return loss.value(y, f, w) / total(w, out.length);
    }

    /** Weighted share of rows whose predicted class (sign, or the largest output) differs from the target's. */
    static double errorRate(double[][] out, double[][] y, double[] w) {
        double wrong = 0;
        for (int i = 0; i < out.length; i++) {
            boolean right = y.length == 1 ? (out[i][0] >= 0) == (y[0][i] > 0) : largest(out[i]) == actual(y, i);
            if (!right) {
                wrong += weight(w, i);
            }
        }
        return wrong / total(w, out.length);
    }

    private static int largest(double[] out) {
        int predicted = 0;
        for (int c = 1; c < out.length; c++) {
            if (out[c] > out[predicted]) {
                predicted = c;
            }
        }
        return predicted;
    }

    private static int actual(double[][] y, int i) {
        int actual = 0;
        for (int c = 1; c < y.length; c++) {
            if (y[c][i] > y[actual][i]) {
                actual = c;
            }
        }
        return actual;
    }
}
