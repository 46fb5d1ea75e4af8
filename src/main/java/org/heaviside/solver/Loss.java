package org.heaviside.solver;

import org.heaviside.run.Ids;

/**
 * The training loss L(f, y) and what the duality gap needs of it (docs/method.md section 5).
 * Squared: L = ½‖f − y‖², dual point direction y − f, D(θ) = ½‖y‖² − ½‖y − θ‖². Logistic (targets
 * ±1): L = Σ log(1 + exp(−y_i f_i)), direction θ_i = y_i·σ(−y_i f_i), D(θ) = −Σ [q log q +
 * (1 − q) log(1 − q)] with q_i = y_i θ_i ∈ [0, 1] (minus infinity outside).
 *
 * <p>Logistic loss on C &gt;= 2 outputs (one-vs-rest targets ±1, one +1 per row: three or more classes)
 * is the multinomial (softmax) cross-entropy Σ_i [log Σ_c exp(F_ic) − F_i,y_i] (docs/method.md section
 * 10); its direction is θ_i = e_{y_i} − softmax(F_i) and, from the per-row conjugate (negative entropy
 * on the simplex shifted by −e_{y_i}), D(θ) = −Σ_i Σ_c q_ic log q_ic with q_i = e_{y_i} − θ_i.
 */
public enum Loss {
    /** ½‖f − y‖², the default. */
    SQUARED("squared", 1.0),
    /** Σ log(1 + exp(−y f)) for targets ±1. */
    LOGISTIC("logistic", 4.0);

    private final String id;
    private final double curvature;

    Loss(String id, double curvature) {
        this.id = id;
        this.curvature = curvature;
    }

    /** The name used on the command line and in files. */
    public String id() {
        return id;
    }

    /** Strong concavity of the dual (1 / smoothness of L): the safe-screening radius is √(2G / this). */
    double dualCurvature() {
        return curvature;
    }

    /** The loss named {@code text} ("squared" or "logistic"). */
    public static Loss parse(String text) {
        return Ids.parse(Loss.class, Loss::id, text, "loss");
    }

    /** L(f, y) summed over the outputs (y and f as C arrays of n values). */
    public double value(double[][] y, double[][] f) {
        if (multinomial(y)) {
            return Multinomial.value(y, f, null);
        }
        double sum = 0;
        for (int c = 0; c < y.length; c++) {
            for (int i = 0; i < y[c].length; i++) {
                sum += value(y[c][i], f[c][i]);
            }
        }
        return this == SQUARED ? 0.5 * sum : sum;
    }

    /**
     * Σ_i w_i ℓ(f_i, y_i) summed over the outputs (docs/method.md section 10); the unweighted
     * {@link #value(double[][], double[][])} when {@code w} is null.
     */
    public double value(double[][] y, double[][] f, double[] w) {
        if (unit(w)) {
            return value(y, f);
        }
        if (multinomial(y)) {
            return Multinomial.value(y, f, w);
        }
        double sum = 0;
        for (int c = 0; c < y.length; c++) {
            for (int i = 0; i < y[c].length; i++) {
                sum += w[i] * value(y[c][i], f[c][i]);
            }
        }
        return this == SQUARED ? 0.5 * sum : sum;
    }

    /** One sample's term: (f − y)² (halved by the caller) or log(1 + e^{−yf}). */
    private double value(double y, double f) {
        return this == SQUARED ? (f - y) * (f - y) : logistic(y * f);
    }

    /** The unscaled dual point −∇L(f): y − f (squared) or y·σ(−y f) (logistic). */
    public double[][] direction(double[][] y, double[][] f) {
        if (multinomial(y)) {
            return Multinomial.direction(y, f);
        }
        double[][] theta = new double[y.length][];
        for (int c = 0; c < y.length; c++) {
            theta[c] = new double[y[c].length];
        }
        direction(y, f, theta);
        return theta;
    }

    /** {@link #direction(double[][], double[][])} written into {@code theta} (C arrays of n values). */
    public void direction(double[][] y, double[][] f, double[][] theta) {
        for (int c = 0; c < y.length; c++) {
            for (int i = 0; i < y[c].length; i++) {
                theta[c][i] = this == SQUARED ? y[c][i] - f[c][i] : y[c][i] * sigmoid(-y[c][i] * f[c][i]);
            }
        }
    }

    /** The unscaled weighted dual point −∇(Σ w_i ℓ_i) = w·direction; the unweighted one when w is null. */
    public double[][] direction(double[][] y, double[][] f, double[] w) {
        double[][] theta = direction(y, f);
        if (!unit(w)) {
            for (double[] column : theta) {
                for (int i = 0; i < column.length; i++) {
                    column[i] *= w[i];
                }
            }
        }
        return theta;
    }

    /**
     * D(θ) of the weighted loss (the conjugate of w·ℓ is w·ℓ*(θ/w)): θ·y − ½ Σ θ_i²/w_i (squared),
     * −Σ w_i [q log q + (1 − q) log(1 − q)] with q_i = y_i θ_i / w_i (logistic); the unweighted
     * {@link #dual(double[][], double[][])} when w is null.
     */
    public double dual(double[][] y, double[][] theta, double[] w) {
        if (unit(w)) {
            return dual(y, theta);
        }
        if (multinomial(y)) {
            return Multinomial.dual(y, theta, w);
        }
        double sum = 0;
        for (int c = 0; c < y.length; c++) {
            for (int i = 0; i < y[c].length; i++) {
                if (this == SQUARED) {
                    sum += theta[c][i] * y[c][i] - 0.5 * theta[c][i] * theta[c][i] / w[i];
                } else {
                    sum -= w[i] * entropyTerm(y[c][i] * theta[c][i] / w[i]);
                }
            }
        }
        return sum;
    }

    /** D(θ) for a dual-feasible θ (C arrays of n values). */
    public double dual(double[][] y, double[][] theta) {
        if (multinomial(y)) {
            return Multinomial.dual(y, theta, null);
        }
        double sum = 0;
        for (int c = 0; c < y.length; c++) {
            for (int i = 0; i < y[c].length; i++) {
                if (this == SQUARED) {
                    double d = y[c][i] - theta[c][i];
                    sum += 0.5 * (y[c][i] * y[c][i] - d * d);
                } else {
                    sum -= entropyTerm(y[c][i] * theta[c][i]);
                }
            }
        }
        return sum;
    }

    /** Whether this loss on these targets is the multinomial one (logistic on two or more outputs). */
    boolean multinomial(double[][] y) {
        return this == LOGISTIC && y.length > 1;
    }

    /** True for no row weights: null or all ones (the unweighted formulas are then used as they are). */
    public static boolean unit(double[] w) {
        if (w == null) {
            return true;
        }
        for (double v : w) {
            if (v != 1.0) {
                return false;
            }
        }
        return true;
    }

    /** log(1 + exp(−m)) without overflow. */
    static double logistic(double margin) {
        return margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
    }

    /** σ(t) = 1 / (1 + e^{−t}) without overflow. */
    static double sigmoid(double t) {
        if (t >= 0) {
            return 1.0 / (1.0 + Math.exp(-t));
        }
        double e = Math.exp(t);
        return e / (1.0 + e);
    }

    /** q log q + (1 − q) log(1 − q), with 0 log 0 = 0; +∞ outside [0, 1]. */
    static double entropyTerm(double q) {
        if (q < 0 || q > 1) {
            return Double.POSITIVE_INFINITY;
        }
        return (q > 0 ? q * Math.log(q) : 0) + (q < 1 ? (1 - q) * Math.log(1 - q) : 0);
    }
}
