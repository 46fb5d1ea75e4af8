package org.heaviside.network;

/**
 * The maximum-margin hyperplane u = (w, b) separating a pattern's 1-points from its 0-points, in
 * the augmented space xt = [x, 1] (so the bias is part of the margin's norm): the hard-margin SVM
 * min ½‖u‖² subject to s_i (xt_i · u) ≥ 1 with s_i = +1 for 1-points and −1 for 0-points, solved
 * by dual coordinate ascent (Hsieh et al., ICML 2008, with an unbounded box).
 */
public final class Separator {

    private Separator() {
    }

    /**
     * Fits the hyperplane; returns null when it does not reproduce the pattern exactly within the
     * epoch budget (the pattern is separable by construction, but the margin may be tiny).
     *
     * @param x       rows (n x d)
     * @param pattern pattern bit per row
     */
    public static double[] maxMargin(double[][] x, boolean[] pattern, int maxEpochs) {
        int n = x.length;
        int d = x[0].length;
        double[] u = new double[d + 1];
        double[] alpha = new double[n];
        double[] squared = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 1.0;
            for (double v : x[i]) {
                s += v * v;
            }
            squared[i] = s;
        }
        for (int epoch = 0; epoch < maxEpochs; epoch++) {
            double maxViolation = 0;
            for (int i = 0; i < n; i++) {
                double sign = pattern[i] ? 1.0 : -1.0;
                double margin = u[d];
                for (int k = 0; k < d; k++) {
                    margin += u[k] * x[i][k];
                }
                double gradient = sign * margin - 1.0; // dual gradient of coordinate i
                double projected = alpha[i] == 0 ? Math.min(gradient, 0) : gradient;
                maxViolation = Math.max(maxViolation, Math.abs(projected));
                if (projected != 0) {
                    double next = Math.max(0, alpha[i] - gradient / squared[i]);
                    double step = (next - alpha[i]) * sign;
                    alpha[i] = next;
                    for (int k = 0; k < d; k++) {
                        u[k] += step * x[i][k];
                    }
                    u[d] += step;
                }
            }
            if (maxViolation < 1e-6 && reproduces(x, pattern, u)) {
                return u;
            }
        }
        return reproduces(x, pattern, u) ? u : null;
    }

    /**
     * A separating hyperplane by linear programming (ojAlgo): maximize t subject to
     * s_i (xt_i · u) ≥ t and −1 ≤ u_k ≤ 1 (the largest margin in the max-norm); exact where dual
     * coordinate ascent is slow because the margin is tiny. Returns null when t ≤ 0 (not separable).
     */
    public static double[] linearProgram(double[][] x, boolean[] pattern) {
        int n = x.length;
        int d = x[0].length;
        org.ojalgo.optimisation.ExpressionsBasedModel model = new org.ojalgo.optimisation.ExpressionsBasedModel();
        org.ojalgo.optimisation.Variable[] u = new org.ojalgo.optimisation.Variable[d + 1];
        for (int k = 0; k <= d; k++) {
            u[k] = model.addVariable("u" + k).lower(-1).upper(1);
        }
        org.ojalgo.optimisation.Variable t = model.addVariable("t").lower(-1).upper(1).weight(1);
        for (int i = 0; i < n; i++) {
            double sign = pattern[i] ? 1.0 : -1.0;
            org.ojalgo.optimisation.Expression row = model.addExpression("m" + i).lower(0);
            for (int k = 0; k < d; k++) {
                row.set(u[k], sign * x[i][k]);
            }
            row.set(u[d], sign);
            row.set(t, -1);
        }
        org.ojalgo.optimisation.Optimisation.Result result = model.maximise();
        if (!result.getState().isFeasible() || result.getValue() <= 0) {
            return null;
        }
        double[] plane = new double[d + 1];
        for (int k = 0; k <= d; k++) {
            plane[k] = result.doubleValue(k);
        }
        return reproduces(x, pattern, plane) ? plane : null;
    }

    /** Whether 1{xt_i . u >= 0} equals the pattern on every row. */
    public static boolean reproduces(double[][] x, boolean[] pattern, double[] u) {
        int d = u.length - 1;
        for (int i = 0; i < x.length; i++) {
            double z = u[d];
            for (int k = 0; k < d; k++) {
                z += u[k] * x[i][k];
            }
            if ((z >= 0) != pattern[i]) {
                return false;
            }
        }
        return true;
    }
}
