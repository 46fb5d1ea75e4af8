package org.heaviside.solver;

/**
 * The multinomial (softmax) cross-entropy of docs/method.md section 10 on one-vs-rest targets (C
 * arrays of ±1, one +1 per row): ℓ_i(F) = log Σ_c exp(F_ic) − F_i,y_i, optionally weighted by w_i.
 * Its conjugate is the negative entropy on the simplex shifted by −e_{y_i}, so for θ_i with
 * q_i = e_{y_i} − θ_i / w_i in the simplex, D(θ) = −Σ_i w_i Σ_c q_ic log q_ic (minus infinity
 * outside). The gradient's curvature is at most ½ w_i per row (Böhning's bound).
 */
final class Multinomial {

    /** How far a q may fall below 0 or its sum from 1 by round-off and still count as in the simplex. */
    private static final double ROUND_OFF = 1e-12;

    private Multinomial() {
    }

    /** The class of row i: the output whose target is +1. */
    static int label(double[][] y, int i) {
        for (int c = 0; c < y.length; c++) {
            if (y[c][i] > 0) {
                return c;
            }
        }
        throw new IllegalArgumentException("Multinomial logistic loss needs one +1 target per row; row " + (i + 1)
                + " has none.");
    }

    /** softmax(F_i) into {@code p}; returns log Σ_c exp(F_ic). */
    static double softmax(double[][] f, int i, double[] p) {
        double max = Double.NEGATIVE_INFINITY;
        for (double[] column : f) {
            max = Math.max(max, column[i]);
        }
        double sum = 0;
        for (int c = 0; c < f.length; c++) {
            p[c] = Math.exp(f[c][i] - max);
            sum += p[c];
        }
        for (int c = 0; c < f.length; c++) {
            p[c] /= sum;
        }
        return max + Math.log(sum);
    }

    /** Σ_i w_i ℓ_i(F) (w null: all ones). */
    static double value(double[][] y, double[][] f, double[] w) {
        double[] p = new double[y.length];
        double sum = 0;
        for (int i = 0; i < y[0].length; i++) {
            double term = softmax(f, i, p) - f[label(y, i)][i];
            sum += w == null ? term : w[i] * term;
        }
        return sum;
    }

    /** The unweighted direction e_{y_i} − softmax(F_i). */
    static double[][] direction(double[][] y, double[][] f) {
        int n = y[0].length;
        double[][] theta = new double[y.length][n];
        double[] p = new double[y.length];
        for (int i = 0; i < n; i++) {
            softmax(f, i, p);
            int label = label(y, i);
            for (int c = 0; c < y.length; c++) {
                theta[c][i] = (c == label ? 1.0 : 0.0) - p[c];
            }
        }
        return theta;
    }

    /** D(θ) = −Σ_i w_i Σ_c q log q, q_i = e_{y_i} − θ_i / w_i (w null: all ones). */
    static double dual(double[][] y, double[][] theta, double[] w) {
        double sum = 0;
        for (int i = 0; i < y[0].length; i++) {
            int label = label(y, i);
            double weight = w == null ? 1.0 : w[i];
            double total = 0;
            double entropy = 0;
            for (int c = 0; c < y.length; c++) {
                double q = (c == label ? 1.0 : 0.0) - theta[c][i] / weight;
                if (q < -ROUND_OFF || q > 1 + ROUND_OFF) {
                    return Double.NEGATIVE_INFINITY;
                }
                total += q;
                entropy += q > 0 ? q * Math.log(q) : 0;
            }
            if (Math.abs(total - 1) > ROUND_OFF * y.length) {
                return Double.NEGATIVE_INFINITY;
            }
            sum -= weight * entropy;
        }
        return sum;
    }
}
