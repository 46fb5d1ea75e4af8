package org.heaviside.deep;

import org.heaviside.run.Cancellation;

/**
 * Maximum-margin layer-2 neurons of a shattering network, all on the same 0/1 rows b_i of layer 1:
 * for a pattern with signs s_i (+1 on its 1-points, −1 on its 0-points), the hard-margin SVM in the
 * augmented space xt_i = [b_i, 1] with the bias inside the norm (the paper's "SVM" neuron),
 *
 * <pre>  min ½‖u‖²  subject to  s_i (xt_i · u) ≥ 1,</pre>
 *
 * solved exactly in its dual, an n-variable problem with sign constraints,
 *
 * <pre>  min_β ½ βᵀKβ − sᵀβ  subject to  s_i β_i ≥ 0,   u = Σ β_i xt_i,</pre>
 *
 * whose Gram matrix K_ij = xt_i · xt_j = |b_i ∧ b_j| + 1 (popcounts) is the same for every pattern and
 * positive definite when rank(B1) = n (method.md section 6).
 *
 * <p>Active-set method (Lawson and Hanson's NNLS, Solving Least Squares Problems, 1974, ch. 23, applied
 * to the dual with α_i = s_i β_i ≥ 0): a free set F of support points, the subspace solution
 * z_F = K_FF⁻¹ s_F from a Cholesky factor of K_FF that grows by one row when a point joins and is
 * re-triangularized by Givens rotations when one leaves; a step towards z_F stops at the first α that
 * reaches 0 (that point leaves), and when z_F is feasible the point with the smallest margin below 1
 * joins. The free set and β of the previous pattern start the next one (β_i set to 0 where the sign
 * changed): nested level sets differ in a few points, so most solves take a few steps.
 *
 * <p>Optimality is checked on u itself, not on the factor: with μ = min_i s_i (xt_i · u) > 0, u/μ is
 * feasible with primal value P = ½‖u‖²/μ², α is dual feasible with value D = Σα − ½‖u‖², and the
 * neuron counts as the maximum-margin one when the relative gap (P − D)/P is at most {@link #GAP}
 * (then its margin is within a factor √(1 − GAP) of the maximal one). Deterministic: the same rows
 * and the same sequence of patterns give the same bits.
 */
final class LevelMargins {

    /** Relative duality gap (P − D)/P at which a separator counts as the maximum-margin one. */
    static final double GAP = 1e-9;
    /** A point below margin 1 − this joins the free set. */
    private static final double VIOLATION = 1e-11;

    /**
     * A maximum-margin candidate.
     *
     * @param plane (u on the m inputs, bias last)
     * @param gap   relative duality gap (P − D)/P of u (NaN when u does not separate)
     */
    record Fit(double[] plane, double gap) {

        /** Whether the gap certifies the maximum margin. */
        boolean optimal() {
            return gap <= GAP;
        }
    }

    private final double[][] b;
    private final int n;
    private final int m;
    private final double[][] gram;
    private final double[] beta;
    private final int[] free;
    private final int[] position;
    private final double[][] factor;
    private int size;

    /** A solver for the rows b (n x m, entries 0 or 1, rank n) and their {@link #gram} (shared, read only). */
    LevelMargins(double[][] b, double[][] gram) {
        this.b = b;
        this.n = b.length;
        this.m = b[0].length;
        this.gram = gram;
        this.beta = new double[n];
        this.free = new int[n];
        this.position = new int[n];
        java.util.Arrays.fill(position, -1);
        this.factor = new double[n][];
    }

    /** K_ij = |b_i ∧ b_j| + 1, the Gram matrix of the augmented 0/1 rows [b_i, 1] (popcounts of packed rows). */
    static double[][] gram(double[][] b) {
        int n = b.length;
        int words = (b[0].length + 63) >>> 6;
        long[][] bits = new long[n][words];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < b[i].length; j++) {
                if (b[i][j] != 0) {
                    bits[i][j >>> 6] |= 1L << (j & 63);
                }
            }
        }
        double[][] k = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                int common = 0;
                for (int w = 0; w < bits[i].length; w++) {
                    common += Long.bitCount(bits[i][w] & bits[j][w]);
                }
                k[i][j] = common + 1.0;
                k[j][i] = common + 1.0;
            }
        }
        return k;
    }

    /**
     * The maximum-margin hyperplane of the pattern, from the previous pattern's free set; null when
     * the active-set steps did not reach a separating hyperplane (then the state is reset).
     */
    Fit solve(boolean[] pattern, Cancellation cancellation) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = pattern[i] ? 1.0 : -1.0;
            if (beta[i] * s[i] < 0) {
                beta[i] = 0; // the sign changed: back to the bound, still dual feasible
            }
        }
        Fit fit = activeSet(s, pattern, cancellation);
        if (fit == null || !fit.optimal()) {
            // rounding in the updated factor: factor the free set afresh and continue from there
            refactor();
            Fit again = activeSet(s, pattern, cancellation);
            if (again != null && (fit == null || again.gap() < fit.gap())) {
                fit = again;
            }
        }
        if (fit == null) {
            reset();
        }
        return fit;
    }

    /** Lawson–Hanson steps until no point is below margin 1 (or the step limit); then the fit of β. */
    private Fit activeSet(double[] s, boolean[] pattern, Cancellation cancellation) {
        double[] z = new double[n];
        int limit = 10 * n + 100;
        int joined = -1;
        for (int step = 0; step < limit; step++) {
            if ((step & 63) == 63) {
                cancellation.check();
            }
            subspace(s, z);
            // the step towards z stops where the first α = s·β reaches 0
            double t = 1;
            int blocking = -1;
            for (int p = 0; p < size; p++) {
                int i = free[p];
                double target = s[i] * z[p];
                if (target <= 0) {
                    double current = s[i] * beta[i];
                    double ratio = current - target > 0 ? current / (current - target) : 0;
                    if (ratio < t) {
                        t = ratio;
                        blocking = p;
                    }
                }
            }
            if (blocking >= 0) {
                if (free[blocking] == joined && t == 0) {
                    break; // the point that just joined cannot move: its violation was rounding
                }
                for (int p = 0; p < size; p++) {
                    int i = free[p];
                    beta[i] += t * (z[p] - beta[i]);
                }
                beta[free[blocking]] = 0;
                // every point whose α reached 0 leaves the free set
                for (int p = size - 1; p >= 0; p--) {
                    int i = free[p];
                    if (s[i] * beta[i] <= 0) {
                        beta[i] = 0;
                        remove(p);
                    }
                }
                joined = -1;
                continue;
            }
            for (int p = 0; p < size; p++) {
                beta[free[p]] = z[p];
            }
            // the point furthest inside the margin joins: s_i (K β)_i − 1 most negative
            int worst = -1;
            double lowest = -VIOLATION;
            for (int i = 0; i < n; i++) {
                if (position[i] >= 0) {
                    continue;
                }
                double[] row = gram[i];
                double o = 0;
                for (int p = 0; p < size; p++) {
                    o += row[free[p]] * z[p];
                }
                double slack = s[i] * o - 1;
                if (slack < lowest) {
                    lowest = slack;
                    worst = i;
                }
            }
            if (worst < 0 || !append(worst)) {
                break;
            }
            joined = worst;
        }
        return fit(s, pattern);
    }

    /** z (by position) = K_FF⁻¹ s_F, by forward and back substitution with the factor. */
    private void subspace(double[] s, double[] z) {
        for (int p = 0; p < size; p++) {
            double[] row = factor[p];
            double v = s[free[p]];
            for (int t = 0; t < p; t++) {
                v -= row[t] * z[t];
            }
            z[p] = v / row[p];
        }
        for (int p = size - 1; p >= 0; p--) {
            double[] row = factor[p];
            z[p] /= row[p];
            double zp = z[p];
            for (int t = 0; t < p; t++) {
                z[t] -= row[t] * zp;
            }
        }
    }

    /** Adds point q at the end of the free set: one new row of the factor; false if K_FF would be singular. */
    private boolean append(int q) {
        int k = size;
        double[] row = new double[k + 1];
        double[] kq = gram[q];
        double rest = kq[q];
        for (int c = 0; c < k; c++) {
            double[] lc = factor[c];
            double v = kq[free[c]];
            for (int t = 0; t < c; t++) {
                v -= row[t] * lc[t];
            }
            v /= lc[c];
            row[c] = v;
            rest -= v * v;
        }
        if (!(rest > 1e-12 * kq[q])) {
            return false;
        }
        row[k] = Math.sqrt(rest);
        factor[k] = row;
        free[k] = q;
        position[q] = k;
        size++;
        return true;
    }

    /**
     * Removes the point at position p: the rows below move up one, and Givens rotations on columns
     * (j, j+1) make the factor lower triangular again (L Gᵀ G Lᵀ = L Lᵀ).
     */
    private void remove(int p) {
        int k = size;
        position[free[p]] = -1;
        for (int r = p; r < k - 1; r++) {
            factor[r] = factor[r + 1];
            free[r] = free[r + 1];
            position[free[r]] = r;
        }
        factor[k - 1] = null;
        for (int j = p; j < k - 1; j++) {
            double a = factor[j][j];
            double c1 = factor[j][j + 1];
            double h = Math.hypot(a, c1);
            double cos = a / h;
            double sin = c1 / h;
            for (int r = j; r < k - 1; r++) {
                double[] row = factor[r];
                double x = row[j];
                double y = row[j + 1];
                row[j] = cos * x + sin * y;
                row[j + 1] = -sin * x + cos * y;
            }
            factor[j][j + 1] = 0;
        }
        size--;
    }

    /** Factors K_FF afresh for the current free set (dropping points that make it singular). */
    private void refactor() {
        int[] points = java.util.Arrays.copyOf(free, size);
        for (int p = 0; p < size; p++) {
            position[free[p]] = -1;
            factor[p] = null;
        }
        size = 0;
        for (int q : points) {
            if (!append(q)) {
                beta[q] = 0;
            }
        }
    }

    /** Forgets the free set and β (the next pattern starts from β = 0). */
    private void reset() {
        for (int p = 0; p < size; p++) {
            position[free[p]] = -1;
            factor[p] = null;
        }
        size = 0;
        java.util.Arrays.fill(beta, 0);
    }

    /** u = Σ β_i xt_i, its margins and the relative duality gap; null when u does not reproduce the pattern. */
    private Fit fit(double[] s, boolean[] pattern) {
        double[] u = new double[m + 1];
        double alphaSum = 0;
        for (int p = 0; p < size; p++) {
            int i = free[p];
            double v = beta[i];
            if (v == 0) {
                continue;
            }
            alphaSum += s[i] * v;
            double[] row = b[i];
            for (int j = 0; j < m; j++) {
                u[j] += v * row[j]; // rows are 0/1: a product instead of a branch, so the loop vectorizes
            }
            u[m] += v;
        }
        double squared = 0;
        for (double v : u) {
            squared += v * v;
        }
        double lowest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double o = u[m];
            double[] row = b[i];
            for (int j = 0; j < m; j++) {
                o += u[j] * row[j];
            }
            if ((o >= 0) != pattern[i]) {
                return null;
            }
            lowest = Math.min(lowest, s[i] * o);
        }
        if (!(lowest > 0)) {
            return null;
        }
        double primal = 0.5 * squared / (lowest * lowest);
        double dual = alphaSum - 0.5 * squared;
        return new Fit(u, (primal - dual) / primal);
    }
}
