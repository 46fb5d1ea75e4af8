package org.heaviside.solver;

/**
 * The per-block sums behind {@link LogisticAggregates}, for an engine to run where the rows are:
 * each method works on one block's fitted values F = HZ ({@link PatternBlock#fitted}), targets y (±1)
 * and weights w (null for all ones), with the local solver's formulas ({@link LogisticSolver}).
 */
public final class LogisticRows {

    private LogisticRows() {
    }

    private static double weight(double[] w, int i) {
        return w == null ? 1.0 : w[i];
    }

    /** θ_i = w_i y_i σ(−y_i f_i) into {@code theta}; returns the block's loss. */
    public static double theta(double[] y, double[] w, double[] f, double[] theta) {
        double loss = 0;
        for (int i = 0; i < y.length; i++) {
            double margin = y[i] * f[i];
            loss += weight(w, i) * Loss.logistic(margin);
            theta[i] = weight(w, i) * y[i] * Loss.sigmoid(-margin);
        }
        return loss;
    }

    /** −Σ w_i H(scale·σ(−y_i f_i)) over the block. */
    public static double dual(double[] y, double[] w, double[] f, double scale) {
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum -= weight(w, i) * Loss.entropyTerm(scale * Loss.sigmoid(-y[i] * f[i]));
        }
        return sum;
    }

    /** The model's row weights c_i into {@code c}; returns the block's Σ c_i u_i² with u = F + θ / c. */
    public static double curvatures(double[] y, double[] w, double[] f, double damping, double[] c) {
        double uu = 0;
        for (int i = 0; i < y.length; i++) {
            double weight = weight(w, i);
            double s = Loss.sigmoid(-y[i] * f[i]);
            c[i] = damping * Math.max(weight * s * (1 - s), ProximalNewton.FLOOR * weight);
            double u = f[i] + weight * y[i] * s / c[i];
            uu += c[i] * u * u;
        }
        return uu;
    }

    /** The block's loss at F + t·Δ for each step t. */
    public static double[] values(double[] y, double[] w, double[] f, double[] change, double[] steps) {
        double[] out = new double[steps.length];
        for (int k = 0; k < steps.length; k++) {
            double sum = 0;
            for (int i = 0; i < y.length; i++) {
                sum += weight(w, i) * Loss.logistic(y[i] * (f[i] + steps[k] * change[i]));
            }
            out[k] = sum;
        }
        return out;
    }
}
