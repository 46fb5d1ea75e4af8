package org.heaviside.network;

import org.heaviside.arrangement.RowProducts;

/**
 * Hyperplanes u = (w, b) that reproduce a pattern: 1{x_i · w + b ≥ 0} is the pattern's bit on every
 * row (the pattern is linearly separable by construction).
 *
 * <p>{@link #fit}: the geometric maximum-margin hyperplane, the hard-margin SVM
 * min ½‖w‖² subject to s_i (x_i · w + b) ≥ 1 with s_i = +1 for 1-points and −1 for 0-points and the
 * bias b not penalized (so shifting the data does not change the margin found). Solved first by a
 * primal active set from a separating start, counted optimal only when its duality gap certifies it
 * ({@link #activeSet}); otherwise in the dual
 * (max Σα − ½‖Σ α_i s_i x_i‖², α ≥ 0, Σ α_i s_i = 0) by sequential minimal optimization with
 * second-order working-set selection (Fan, Chen and Lin, JMLR 6, 2005) and no upper bound on α;
 * optimal when the maximal KKT violation m(α) − M(α) is below {@link #KKT_TOLERANCE}. The bias is
 * then the midpoint between the classes along w, the best b for that w.
 */
public final class Separator {

    /** Maximal KKT violation m(α) − M(α) at which the separator counts as the maximum-margin one. */
    public static final double KKT_TOLERANCE = 1e-5;

    private Separator() {
    }

    /**
     * A separating hyperplane and whether it is the maximum-margin one.
     *
     * @param plane   (w, b), bias last; it reproduces the pattern
     * @param optimal whether the dual reached its optimum (KKT violation below tolerance)
     */
    public record Fit(double[] plane, boolean optimal) {
    }

    /**
     * Fits the maximum-margin hyperplane within a work budget (multiply-adds); null when the hyperplane
     * reached does not reproduce the pattern. The dual is solved on a working set of rows (first the
     * rows of each class nearest the other along the mean difference), then every row is checked and
     * the rows inside the margin join the set, until none is (chunking: the support vectors of a hard
     * margin are few). An SMO iteration costs about 2·s·d multiply-adds for a set of s rows.
     *
     * @param x       rows (n x d)
     * @param pattern pattern bit per row
     */
    public static Fit fit(double[][] x, boolean[] pattern, double maxWork) {
        return fit(x, pattern, null, maxWork);
    }

    /**
     * As {@link #fit(double[][], boolean[], double)}, first by a primal active set on the same budget started from a
     * separating hyperplane (start, bias last, e.g. the pattern's generator; null: the mean difference
     * when it separates), whose result counts as maximum-margin only when its duality gap certifies
     * it (see {@link #activeSet}); otherwise, or when it cannot start, by the chunked SMO below.
     */
    public static Fit fit(double[][] x, boolean[] pattern, double[] start, double maxWork) {
        return fit(x, new RowProducts(x), pattern, start, maxWork);
    }

    /**
     * As {@link #fit(double[][], boolean[], double[], double)}, with the rows by feature already made
     * (one copy shared by many fits on the same rows; it is only read).
     */
    static Fit fit(double[][] x, RowProducts rows, boolean[] pattern, double[] start, double maxWork) {
        double[] budget = {maxWork};
        double[] exact = activeSet(x, rows, pattern, start, budget);
        if (exact != null) {
            return new Fit(exact, true);
        }
        int n = x.length;
        int d = x[0].length;
        double[] y = new double[n];
        double[] v = new double[d];
        int positives = 0;
        for (int i = 0; i < n; i++) {
            y[i] = pattern[i] ? 1.0 : -1.0;
            positives += pattern[i] ? 1 : 0;
        }
        if (positives == 0 || positives == n) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            double weight = pattern[i] ? 1.0 / positives : -1.0 / (n - positives);
            for (int k = 0; k < d; k++) {
                v[k] += weight * x[i][k];
            }
        }
        // the rows of each class nearest the other class along the mean difference start the set
        Integer[] order = new Integer[n];
        double[] along = new double[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            along[i] = y[i] * dot(v, x[i]);
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(along[a], along[b]));
        java.util.List<Integer> set = new java.util.ArrayList<>();
        boolean[] in = new boolean[n];
        int[] taken = new int[2];
        for (int i : order) {
            int c = pattern[i] ? 1 : 0;
            if (taken[c] < CHUNK / 2) {
                taken[c]++;
                set.add(i);
                in[i] = true;
            }
        }
        double[] alpha = new double[n];
        double[] w = new double[d];
        while (true) {
            boolean optimal = smo(x, y, set, alpha, w, budget);
            double[] plane = withBias(x, pattern, set, w);
            if (plane == null) {
                return null;
            }
            // rows outside the set that sit inside the margin (below 1 − tolerance), worst first
            budget[0] -= (double) n * d;
            java.util.List<Integer> inside = new java.util.ArrayList<>();
            double[] slack = new double[n];
            for (int t = 0; t < n; t++) {
                if (!in[t]) {
                    slack[t] = y[t] * (dot(w, x[t]) + plane[d]);
                    if (slack[t] < 1 - KKT_TOLERANCE) {
                        inside.add(t);
                    }
                }
            }
            if (inside.isEmpty() || !optimal) {
                if (!(optimal && inside.isEmpty())) {
                    double[] polished = polish(x, y, alpha);
                    if (polished != null && reproduces(rows, pattern, polished)) {
                        return new Fit(polished, true);
                    }
                }
                return reproduces(rows, pattern, plane) ? new Fit(plane, optimal && inside.isEmpty()) : null;
            }
            inside.sort((a, b) -> Double.compare(slack[a], slack[b]));
            for (int t : inside.subList(0, Math.min(CHUNK, inside.size()))) {
                set.add(t);
                in[t] = true;
            }
        }
    }

    /** Relative duality gap (P − D)/P at which the active set's plane counts as the maximum-margin one. */
    static final double GAP = 1e-9;

    /**
     * The hard-margin SVM (bias not penalized) by a primal active-set method (Nocedal and Wright,
     * Numerical Optimization, 2006, algorithm 16.3) in the d + 1 unknowns (w, b): from a feasible point
     * (the start, its bias moved midway between the classes and scaled to margin 1), each step goes
     * towards the minimum of ½‖w‖² on the working set's equalities y_i (x_i · w + b) = 1 (the bordered
     * KKT system of at most d + 1 rows, whose multipliers λ give w = Σ λ_i y_i x_i, Σ λ_i y_i = 0) and
     * stops at the first row it would push inside the margin, which joins the set; at the minimum, a
     * row with λ &lt; 0 leaves. The result is certified on itself: with λ rescaled on one class so that
     * Σ λ_i y_i = 0 exactly, D = Σ λ − ½‖Σ λ_i y_i x_i‖² is a dual value, P = ½‖w‖²/μ² the primal value
     * of the returned plane (μ its smallest margin, bias midway), and the plane is returned only when
     * (P − D)/P ≤ {@link #GAP} (its margin is then within a factor √(1 − GAP) of the maximal one); null
     * when it cannot start, cycles past its step limit, runs out of the shared work budget (about
     * n·d + s²·d multiply-adds a step for a set of s rows) or is not certified.
     */
    static double[] activeSet(double[][] x, RowProducts rows, boolean[] pattern, double[] start, double[] budget) {
        int n = x.length;
        int d = x[0].length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = pattern[i] ? 1.0 : -1.0;
        }
        double[] w = start == null ? meanDifference(x, pattern) : java.util.Arrays.copyOf(start, d);
        if (w == null) {
            return null;
        }
        double[] z = midway(rows, pattern, w);
        if (z == null) {
            return null;
        }
        double mu = margin(rows, pattern, z) * Math.sqrt(dot(w, w));
        for (int k = 0; k <= d; k++) {
            z[k] /= mu;
        }
        int[] set = new int[d + 1];
        double[] target = new double[d + 1];
        double[] lambda = landing(x, rows, y, z, set, target, budget);
        return lambda == null ? null : certified(x, rows, pattern, y, set, lambda.length, lambda, target);
    }

    /**
     * The active set's steps from the scaled start z: the multipliers λ of the landing point (its rows
     * the first λ.length of set, the point (w, b) in target), or null when the steps stop short (the
     * step limit, the work budget, a singular or degenerate set). The steps in a method of their own,
     * compiled apart from the start and the certificate around them.
     */
    private static double[] landing(double[][] x, RowProducts rows, double[] y, double[] z, int[] set,
                                    double[] target, double[] budget) {
        int n = x.length;
        int d = x[0].length;
        boolean[] in = new boolean[n];
        int size = 0;
        double[] lambda = new double[0];
        boolean atTarget = false;
        int limit = 50 * (d + 1) + n;
        double[] along = new double[n];
        double[] at = new double[n];
        for (int step = 0; ; step++) {
            budget[0] -= (double) n * d + (double) size * size * d;
            if (step > limit || budget[0] <= 0) {
                return null;
            }
            if (!atTarget) {
                lambda = equalityMinimum(x, y, set, size, z[d], target);
                if (lambda == null) {
                    return null;
                }
            }
            if (atTarget) {
                int leave = leaving(lambda, size);
                if (leave < 0) {
                    break;
                }
                in[set[leave]] = false;
                set[leave] = set[--size];
                atTarget = false;
                continue;
            }
            double[] p = difference(target, z, d + 1);
            // every row's x_i · p and x_i · z at once (the rows in the set are not read)
            rows.products(p, 0.0, along);
            rows.products(z, 0.0, at);
            int block = blocking(y, in, along, at, p[d], z[d], n);
            if (block < 0) {
                z = target.clone();
                atTarget = true;
            } else {
                double t = stepTo(y[block], along[block], at[block], p[d], z[d]);
                addScaled(z, t, p, d + 1);
                if (size > d) {
                    return null; // dependent rows: degenerate, left to SMO
                }
                set[size++] = block;
                in[block] = true;
            }
        }
        return lambda;
    }

    // The loops of landing's steps as small methods: with them in landing, a fresh JVM compiled landing
    // from inside its row loop (on-stack replacement, with the equality solve inlined: one of the largest
    // compiles of a small training) and then again as a whole.

    /** The row with the most negative multiplier among the first size (the first of equals), or −1 if none. */
    private static int leaving(double[] lambda, int size) {
        int leave = -1;
        for (int a = 0; a < size; a++) {
            if (lambda[a] < 0 && (leave < 0 || lambda[a] < lambda[leave])) {
                leave = a;
            }
        }
        return leave;
    }

    /** a − b over the first length entries. */
    private static double[] difference(double[] a, double[] b, int length) {
        double[] out = new double[length];
        for (int k = 0; k < length; k++) {
            out[k] = a[k] - b[k];
        }
        return out;
    }

    /** z[k] += t·p[k] for k &lt; length. */
    private static void addScaled(double[] z, double t, double[] p, int length) {
        for (int k = 0; k < length; k++) {
            z[k] += t * p[k];
        }
    }

    /**
     * The first row outside the set that the step along p (from z, at most to the target: step 1) would
     * push inside the margin, the one with the shortest step (the first of equals), or −1 if none.
     */
    private static int blocking(double[] y, boolean[] in, double[] along, double[] at, double pBias, double zBias,
                                int n) {
        double t = 1;
        int block = -1;
        for (int i = 0; i < n; i++) {
            if (in[i]) {
                continue;
            }
            double ap = y[i] * (along[i] + pBias);
            if (ap < 0) {
                double slack = Math.max(y[i] * (at[i] + zBias) - 1, 0);
                if (slack < -t * ap) {
                    t = slack / -ap;
                    block = i;
                }
            }
        }
        return block;
    }

    /** The step at which row i (y_i, x_i · p, x_i · z) reaches the margin: the {@link #blocking} row's step. */
    private static double stepTo(double y, double along, double at, double pBias, double zBias) {
        double ap = y * (along + pBias);
        double slack = Math.max(y * (at + zBias) - 1, 0);
        return slack / -ap;
    }

    /**
     * The active set's plane (from the landing point target, its bias midway) when a dual point with
     * Σ λ y = 0 exactly certifies it against the plane's own margin, else null. Its own method: it runs
     * once per fit, and a branch it takes for the first time then recompiles only this part.
     */
    private static double[] certified(double[][] x, RowProducts rows, boolean[] pattern, double[] y, int[] set,
                                      int size, double[] lambda, double[] target) {
        int d = x[0].length;
        double positive = 0;
        double negative = 0;
        for (int a = 0; a < size; a++) {
            if (y[set[a]] > 0) {
                positive += lambda[a];
            } else {
                negative += lambda[a];
            }
        }
        if (!(positive > 0 && negative > 0)) {
            return null;
        }
        double[] u = new double[d];
        double dualSum = 0;
        for (int a = 0; a < size; a++) {
            double l = lambda[a] * (y[set[a]] > 0 ? Math.min(1, negative / positive) : Math.min(1, positive / negative));
            dualSum += l;
            for (int k = 0; k < d; k++) {
                u[k] += l * y[set[a]] * x[set[a]][k];
            }
        }
        double[] plane = midway(rows, pattern, java.util.Arrays.copyOf(target, d));
        if (plane == null || !reproduces(rows, pattern, plane)) {
            return null;
        }
        double norm = Math.sqrt(dot(plane, java.util.Arrays.copyOf(plane, d)));
        double m = margin(rows, pattern, plane);
        double primal = 0.5 / (m * m);
        double dual = dualSum - 0.5 * dot(u, u);
        double gap = (primal - dual) / primal;
        return m > 0 && norm > 0 && gap <= GAP ? plane : null;
    }

    /**
     * The minimum of ½‖w‖² subject to y_i (x_i · w + b) = 1 on the first size rows of set, into target
     * (w, b); b stays at bias when the set is empty. Returns the multipliers λ, or null when singular.
     */
    private static double[] equalityMinimum(double[][] x, double[] y, int[] set, int size, double bias,
                                            double[] target) {
        int d = x[0].length;
        java.util.Arrays.fill(target, 0);
        if (size == 0) {
            target[d] = bias;
            return new double[0];
        }
        double[] solution = solve(borderedSystem(x, y, set, size));
        if (solution == null) {
            return null;
        }
        for (int i = 0; i < size; i++) {
            addScaled(target, solution[i] * y[set[i]], x[set[i]], d);
        }
        target[d] = solution[size];
        return java.util.Arrays.copyOf(solution, size);
    }

    /**
     * {@link #equalityMinimum}'s bordered KKT system [Q y 1; yᵀ 0 0] (Q_ij = y_i y_j x_i · x_j over the
     * set's rows), built in a method of its own (in the minimum, a fresh JVM compiled the minimum with
     * the solve inlined from inside this loop, and again).
     */
    private static double[][] borderedSystem(double[][] x, double[] y, int[] set, int size) {
        double[][] a = new double[size + 1][size + 2];
        for (int i = 0; i < size; i++) {
            for (int j = 0; j <= i; j++) {
                double q = y[set[i]] * y[set[j]] * dot(x[set[i]], x[set[j]]);
                a[i][j] = q;
                a[j][i] = q;
            }
            a[i][size] = y[set[i]];
            a[i][size + 1] = 1;
            a[size][i] = y[set[i]];
        }
        return a;
    }

    /** The mean of the 1-points minus the mean of the 0-points. */
    private static double[] meanDifference(double[][] x, boolean[] pattern) {
        int n = x.length;
        int d = x[0].length;
        int positives = 0;
        for (boolean bit : pattern) {
            positives += bit ? 1 : 0;
        }
        if (positives == 0 || positives == n) {
            return null;
        }
        double[] v = new double[d];
        for (int i = 0; i < n; i++) {
            double weight = pattern[i] ? 1.0 / positives : -1.0 / (n - positives);
            for (int k = 0; k < d; k++) {
                v[k] += weight * x[i][k];
            }
        }
        return v;
    }

    /** (w, b) with b midway between all rows' classes along w, or null if they overlap. */
    private static double[] midway(RowProducts rows, boolean[] pattern, double[] w) {
        double[] o = new double[rows.rows()];
        rows.products(w, 0.0, o);
        double highestZero = Double.NEGATIVE_INFINITY;
        double lowestOne = Double.POSITIVE_INFINITY;
        for (int t = 0; t < o.length; t++) {
            if (pattern[t]) {
                lowestOne = Math.min(lowestOne, o[t]);
            } else {
                highestZero = Math.max(highestZero, o[t]);
            }
        }
        return between(w, lowestOne, highestZero);
    }

    /** Rows a working set starts with, and joins by at most, per round. */
    private static final int CHUNK = 64;

    /**
     * SMO on the rows of the set, from α (updated in place with w = Σ α_t y_t x_t); true when the
     * maximal KKT violation is below tolerance before the shared work budget ran out.
     */
    private static boolean smo(double[][] x, double[] y, java.util.List<Integer> set, double[] alpha, double[] w,
                               double[] budget) {
        int s = set.size();
        int d = w.length;
        double[] g = new double[s]; // g_t = y_t − w · x_t = −y_t ∇_t of the dual (minimization form)
        double[] squared = new double[s];
        for (int a = 0; a < s; a++) {
            squared[a] = dot(x[set.get(a)], x[set.get(a)]);
        }
        while (budget[0] > 0) {
            budget[0] -= 2.0 * s * d;
            int i = -1;
            double m = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < s; a++) {
                int t = set.get(a);
                g[a] = y[t] - dot(w, x[t]);
                if ((y[t] > 0 || alpha[t] > 0) && g[a] > m) {
                    m = g[a];
                    i = a;
                }
            }
            double lowest = Double.POSITIVE_INFINITY;
            int j = -1;
            double bestGain = -1;
            double[] xi = x[set.get(i)];
            for (int a = 0; a < s; a++) {
                int t = set.get(a);
                if (y[t] > 0 && alpha[t] == 0) {
                    continue;
                }
                lowest = Math.min(lowest, g[a]);
                double b = m - g[a];
                if (b > 0) {
                    double curvature = Math.max(squared[i] + squared[a] - 2 * dot(xi, x[t]), 1e-12);
                    if (b * b / curvature > bestGain) {
                        bestGain = b * b / curvature;
                        j = a;
                    }
                }
            }
            if (m - lowest < KKT_TOLERANCE) {
                return true;
            }
            int ti = set.get(i);
            int tj = set.get(j);
            double[] xj = x[tj];
            double curvature = squared[i] + squared[j] - 2 * dot(xi, xj);
            double step = curvature > 1e-300 ? (g[i] - g[j]) / curvature : Double.POSITIVE_INFINITY;
            if (y[ti] < 0) {
                step = Math.min(step, alpha[ti]);
            }
            if (y[tj] > 0) {
                step = Math.min(step, alpha[tj]);
            }
            if (!Double.isFinite(step)) {
                return false; // equal rows on both sides: not separable
            }
            alpha[ti] += y[ti] * step;
            alpha[tj] -= y[tj] * step;
            for (int k = 0; k < d; k++) {
                w[k] += step * (xi[k] - xj[k]);
            }
        }
        return false;
    }

    /**
     * The exact optimum when SMO stopped near it: with S the rows of α > 0 taken as the support
     * vectors, solves the KKT equations y_i (w · x_i + b) = 1 (i in S), w = Σ_S α_j y_j x_j,
     * Σ_S α_j y_j = 0; returns (w, b) when α ≥ 0 and every row has y (w · x + b) ≥ 1 − 1e-9 (then
     * the KKT conditions hold: it is the maximum-margin hyperplane), else null.
     */
    private static double[] polish(double[][] x, double[] y, double[] alpha) {
        int[] support = java.util.stream.IntStream.range(0, x.length).filter(t -> alpha[t] > 0).toArray();
        int s = support.length;
        int d = x[0].length;
        if (s < 2 || s > d + 8) {
            return null;
        }
        double[][] a = new double[s + 1][s + 2];
        for (int i = 0; i < s; i++) {
            for (int j = 0; j < s; j++) {
                a[i][j] = y[support[i]] * y[support[j]] * dot(x[support[i]], x[support[j]]);
            }
            a[i][s] = y[support[i]];
            a[i][s + 1] = 1;
            a[s][i] = y[support[i]];
        }
        double[] solution = solve(a);
        if (solution == null) {
            return null;
        }
        double[] plane = new double[d + 1];
        for (int i = 0; i < s; i++) {
            if (solution[i] < 0) {
                return null;
            }
            for (int k = 0; k < d; k++) {
                plane[k] += solution[i] * y[support[i]] * x[support[i]][k];
            }
        }
        plane[d] = solution[s];
        for (int t = 0; t < x.length; t++) {
            if (y[t] * (dot(plane, x[t]) + plane[d]) < 1 - 1e-9) {
                return null;
            }
        }
        return plane;
    }

    /** Solves the augmented system [A | r] by Gaussian elimination with partial pivoting; null if singular. */
    private static double[] solve(double[][] a) {
        int m = a.length;
        double scale = 0;
        for (double[] row : a) {
            scale = largestMagnitude(row, m, scale);
        }
        for (int c = 0; c < m; c++) {
            int pivot = pivotRow(a, c, m);
            if (Math.abs(a[pivot][c]) <= 1e-12 * scale) {
                return null;
            }
            double[] swap = a[c];
            a[c] = a[pivot];
            a[pivot] = swap;
            for (int r = c + 1; r < m; r++) {
                subtract(a[r], a[r][c] / a[c][c], a[c], c, m + 1);
            }
        }
        return backSubstitution(a, m);
    }

    /**
     * The solution of the eliminated (upper triangular) system [A | r], from the last row up: its own
     * method, so that a deoptimization of its descending loop (C2 hoists a check out of it and the
     * check fails, several times in a fresh JVM) recompiles only this part.
     */
    private static double[] backSubstitution(double[][] a, int m) {
        double[] z = new double[m];
        for (int done = 0; done < m; done++) {
            int r = m - 1 - done;
            z[r] = subtractDot(a[r][m], a[r], z, r + 1, m) / a[r][r];
        }
        return z;
    }

    /**
     * row[j] −= f·pivot[j] for j in [from, to): {@link #solve}'s elimination in a small method (in the
     * solve, C2 hoisted a check out of this loop and deoptimized when it failed, several times).
     */
    private static void subtract(double[] row, double f, double[] pivot, int from, int to) {
        for (int j = from; j < to; j++) {
            row[j] -= f * pivot[j];
        }
    }

    /** max(largest, |row[j]|) over j &lt; m, in ascending j. */
    private static double largestMagnitude(double[] row, int m, double largest) {
        for (int j = 0; j < m; j++) {
            largest = Math.max(largest, Math.abs(row[j]));
        }
        return largest;
    }

    /** The row from c on with the largest |a[r][c]| (the first of equals). */
    private static int pivotRow(double[][] a, int c, int m) {
        int pivot = c;
        for (int r = c + 1; r < m; r++) {
            if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                pivot = r;
            }
        }
        return pivot;
    }

    /** v − Σ row[j]·z[j] for j in [from, to), subtracted in ascending j ({@link #solve}'s back substitution). */
    private static double subtractDot(double v, double[] row, double[] z, int from, int to) {
        for (int j = from; j < to; j++) {
            v -= row[j] * z[j];
        }
        return v;
    }

    /** (w, b) with b midway between the set's classes along w (the best b for w), or null if they overlap. */
    private static double[] withBias(double[][] x, boolean[] pattern, java.util.List<Integer> set, double[] w) {
        double highestZero = Double.NEGATIVE_INFINITY;
        double lowestOne = Double.POSITIVE_INFINITY;
        for (int t : set) {
            double o = dot(w, x[t]);
            if (pattern[t]) {
                lowestOne = Math.min(lowestOne, o);
            } else {
                highestZero = Math.max(highestZero, o);
            }
        }
        return between(w, lowestOne, highestZero);
    }

    /** (w, b) with b midway between the classes' nearest values along w, or null if they overlap. */
    private static double[] between(double[] w, double lowestOne, double highestZero) {
        if (!(lowestOne > highestZero)) {
            return null;
        }
        double[] plane = java.util.Arrays.copyOf(w, w.length + 1);
        plane[w.length] = -0.5 * (lowestOne + highestZero);
        return plane;
    }

    /** The geometric margin of a plane on the rows: min_i s_i (x_i · w + b) / ‖w‖. */
    public static double margin(double[][] x, boolean[] pattern, double[] plane) {
        return margin(new RowProducts(x), pattern, plane);
    }

    private static double margin(RowProducts rows, boolean[] pattern, double[] plane) {
        int d = plane.length - 1;
        double norm = Math.sqrt(dot(plane, plane) - plane[d] * plane[d]);
        double[] z = new double[rows.rows()];
        rows.products(plane, plane[d], z);
        double smallest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < z.length; i++) {
            smallest = Math.min(smallest, (pattern[i] ? z[i] : -z[i]) / norm);
        }
        return smallest;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < b.length; k++) {
            s += a[k] * b[k];
        }
        return s;
    }

    /**
     * The maximum-margin hyperplane in the augmented space xt = [x, 1], the bias inside the norm:
     * min ½‖u‖² subject to s_i (xt_i · u) ≥ 1, by dual coordinate ascent (Hsieh et al., ICML 2008,
     * with an unbounded box): the paper's "SVM" layer-2 neuron of the shattering network, whose
     * inputs are 0/1 outputs of layer 1. Null when it does not reproduce the pattern exactly within
     * the epoch budget (the margin may be tiny). The shattering network now solves the same problem
     * exactly with an active set on the shared Gram matrix (deep/LevelMargins); this plain solver
     * stays as its reference (it converges slowly: thousands of epochs of n·m multiply-adds when the
     * support is large).
     *
     * @param x       rows (n x d)
     * @param pattern pattern bit per row
     */
    public static double[] augmentedMaxMargin(double[][] x, boolean[] pattern, int maxEpochs) {
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
        return reproduces(new RowProducts(x), pattern, u);
    }

    private static boolean reproduces(RowProducts rows, boolean[] pattern, double[] u) {
        double[] z = new double[rows.rows()];
        rows.products(u, u[rows.width()], z);
        for (int i = 0; i < z.length; i++) {
            if ((z[i] >= 0) != pattern[i]) {
                return false;
            }
        }
        return true;
    }
}
