package org.heaviside.deep;

import java.util.Arrays;
import org.heaviside.solver.Loss;

/**
 * The program a shattering layer reduces training to (docs/method.md section 6):
 * min_δ L(δ, y) + β (max_i (δ_i)₊ + max_i (−δ_i)₊), solved in closed form.
 *
 * <p>Given the two levels a = max (δ)₊ and b = max (−δ)₊, each δ_i is best at y_i clipped to
 * [−b, a] (squared loss) or at a for y_i = +1 and −b for y_i = −1 (logistic loss, whose loss only
 * falls as the margin grows); the problem then splits into one convex problem in a and one in b.
 * Squared: Σ_{y_i > 0} (y_i − a)₊ = β (a = 0 when the positive targets sum to at most β), found by
 * sorting. Logistic: n₊ σ(−a) = β, so a = ln(n₊/β − 1) when β < n₊/2, else 0. Likewise b.
 *
 * <p>Row weights w (docs/method.md section 10): the loss is Σ w_i ℓ_i; squared: Σ_{y_i > a} w_i (y_i − a)
 * = β (a weighted clipping level); logistic: W₊ σ(−a) = β with W₊ the positive rows' weight sum,
 * so a = ln(W₊/β − 1); the dual point and D are those of the weighted loss.
 *
 * <p>Several outputs: one program per output (the one-vs-rest decomposition). Each layer-2 neuron
 * then serves one output, so the result is the optimum of the training problem with that
 * structure; a shared-neuron group program could only be lower. The duality gap is computed for
 * each output's own dual constraint, so it certifies exactly that decomposition.
 *
 * @param delta        the optimal outputs δ (C arrays of n values)
 * @param upper        a_c = max (δ_c)₊ per output
 * @param lower        b_c = max (−δ_c)₊ per output
 * @param objective    P(δ) = L(δ, y) + β Σ_c (a_c + b_c)
 * @param dual         D(θ) at the dual point θ = −∇L(δ) scaled into ‖θ_c‖* <= β
 * @param dualityGap   P − D
 * @param relativeGap  (P − D) / P
 * @param betaMax      the smallest β whose solution is δ = 0: max_c ‖−∇L(0)‖*
 */
public record ShatteringProgram(double[][] delta, double[] upper, double[] lower, double objective, double dual,
                                double dualityGap, double relativeGap, double betaMax) {

    /** Solves the program for targets y (C arrays of n; ±1 for logistic loss) and penalty β > 0. */
    public static ShatteringProgram solve(double[][] targets, double beta, Loss loss) {
        return solve(targets, beta, loss, null);
    }

    /** Solves the row-weighted program ({@code w} null: unweighted, as {@link #solve(double[][], double, Loss)}). */
    public static ShatteringProgram solve(double[][] targets, double beta, Loss loss, double[] w) {
        if (Loss.unit(w)) {
            w = null;
        }
        if (!(beta > 0)) {
            throw new IllegalArgumentException("beta must be positive; got " + beta + ".");
        }
        int outputs = targets.length;
        double[][] delta = new double[outputs][];
        double[] upper = new double[outputs];
        double[] lower = new double[outputs];
        double penalty = 0;
        for (int c = 0; c < outputs; c++) {
            double[] y = targets[c];
            if (loss == Loss.SQUARED) {
                upper[c] = w == null ? level(y, beta, 1) : level(y, w, beta, 1);
                lower[c] = w == null ? level(y, beta, -1) : level(y, w, beta, -1);
                delta[c] = new double[y.length];
                for (int i = 0; i < y.length; i++) {
                    delta[c][i] = Math.max(-lower[c], Math.min(upper[c], y[i]));
                }
            } else {
                double positives = 0;
                double negatives = 0;
                for (int i = 0; i < y.length; i++) {
                    double v = y[i];
                    if (v == 1) {
                        positives += w == null ? 1 : w[i];
                    } else if (v == -1) {
                        negatives += w == null ? 1 : w[i];
                    } else {
                        throw new IllegalArgumentException("Logistic loss needs targets +1 or -1; got " + v + ".");
                    }
                }
                upper[c] = positives > 2 * beta ? Math.log(positives / beta - 1) : 0;
                lower[c] = negatives > 2 * beta ? Math.log(negatives / beta - 1) : 0;
                delta[c] = new double[y.length];
                for (int i = 0; i < y.length; i++) {
                    delta[c][i] = y[i] > 0 ? upper[c] : -lower[c];
                }
            }
            penalty += upper[c] + lower[c];
        }
        double primal = loss.value(targets, delta, w) + beta * penalty;
        double[][] theta = loss.direction(targets, delta, w);
        for (double[] column : theta) {
            double norm = dualNorm(column);
            double scale = norm > beta ? beta / norm : 1.0;
            for (int i = 0; i < column.length; i++) {
                column[i] *= scale;
            }
        }
        double dual = loss.dual(targets, theta, w);
        double[][] zero = new double[outputs][];
        for (int c = 0; c < outputs; c++) {
            zero[c] = new double[targets[c].length];
        }
        double betaMax = 0;
        for (double[] column : loss.direction(targets, zero, w)) {
            betaMax = Math.max(betaMax, dualNorm(column));
        }
        double gap = Math.max(0, primal - dual);
        return new ShatteringProgram(delta, upper, lower, primal, dual, gap, primal > 0 ? gap / primal : 0, betaMax);
    }

    /**
     * The level t >= 0 with Σ over sign·y_i > 0 of (sign·y_i − t)₊ = β, or 0 when those values sum to
     * at most β: the clipping level of the positive (sign +1) or negative (sign −1) targets.
     */
    static double level(double[] y, double beta, int sign) {
        double[] values = Arrays.stream(y).map(v -> sign * v).filter(v -> v > 0).sorted().toArray();
        double sum = 0;
        for (int k = 1; k <= values.length; k++) {
            double v = values[values.length - k]; // k-th largest
            sum += v;
            double t = (sum - beta) / k;
            double next = k < values.length ? values[values.length - k - 1] : 0;
            if (t >= next) {
                return Math.max(t, 0);
            }
        }
        return 0;
    }

    /**
     * The weighted level t >= 0 with Σ over sign·y_i > t of w_i (sign·y_i − t) = β, or 0 when
     * Σ w_i·sign·y_i over sign·y_i > 0 is at most β.
     */
    static double level(double[] y, double[] w, double beta, int sign) {
        Integer[] order = java.util.stream.IntStream.range(0, y.length).filter(i -> sign * y[i] > 0).boxed()
                .sorted((a, b) -> Double.compare(sign * y[b], sign * y[a])).toArray(Integer[]::new);
        double sum = 0;
        double weight = 0;
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            sum += w[i] * sign * y[i];
            weight += w[i];
            double t = (sum - beta) / weight;
            double next = k + 1 < order.length ? sign * y[order[k + 1]] : 0;
            if (t >= next) {
                return Math.max(t, 0);
            }
        }
        return 0;
    }

    /**
     * The penalty of δ: max_i (δ_i)₊ + max_i (−δ_i)₊, the atomic norm of the dictionary of all 0/1
     * columns.
     */
    public static double norm(double[] delta) {
        double up = 0;
        double down = 0;
        for (double v : delta) {
            up = Math.max(up, v);
            down = Math.max(down, -v);
        }
        return up + down;
    }

    /** Its dual norm: max over 0/1 columns h of |h · θ| = max(Σ (θ_i)₊, Σ (−θ_i)₊). */
    public static double dualNorm(double[] theta) {
        double up = 0;
        double down = 0;
        for (double v : theta) {
            if (v > 0) {
                up += v;
            } else {
                down -= v;
            }
        }
        return Math.max(up, down);
    }
}
