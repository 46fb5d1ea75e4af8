package org.heaviside.solver;

import java.util.Arrays;
import org.heaviside.arrangement.PatternMatrix;
import org.heaviside.run.Cancellation;

/**
 * Coordinate descent for the pattern Lasso.
 *
 * <p>Minimises P(Z) = ½‖Y − HZ‖²_F + β·Σ_j ‖Z_j‖₂ (unscaled, as in docs/method.md; with one output
 * this is ½‖y − Hz‖² + β‖z‖₁), where the columns h_j of H are the 0/1 activation patterns and β
 * is {@code penalty}. The update of row j is block soft-thresholding:
 * g = h_jᵀR + ‖h_j‖²·Z_j, Z_j ← g·max(0, 1 − β/‖g‖)/‖h_j‖².
 *
 * <p>Stopping: the duality gap G = P(Z) − D(θ), with R = Y − HZ, θ = R·min(1, β/max_j‖h_jᵀR‖₂) and
 * D(θ) = ½‖Y‖² − ½‖Y − θ‖², is computed after each pass over a working set; stop when
 * G ≤ tol·P(Z), else after {@code maxSweeps} sweeps (status MAX_SWEEPS) or on cancellation
 * (status CANCELLED, checked once per sweep).
 *
 * <p>Speed: the full gradient HᵀR uses byte lookup tables on the packed bits. Each outer step picks a
 * working set (non-zero rows and as many zero rows closest to violating their KKT condition, at least
 * {@value #FIRST_WORKING_SET} rows: Celer's pruned working sets, Massias, Gramfort, Salmon, ICML 2018;
 * doubling instead while the gap stalls) and solves the problem
 * restricted to it to 0.3 times the current gap, on its integer Gram matrix with Anderson
 * extrapolation and steps on the support (Newton steps on its sign face for one output, Newton
 * steps of the group penalty for several; {@link GramSubproblem}); working sets beyond
 * {@value #GRAM_LIMIT} columns are swept on the bits directly. The gap-safe sphere rule (Fercoq,
 * Gramfort, Salmon, ICML 2015) discards columns that are provably zero at the optimum:
 * ‖h_jᵀθ‖ + ‖h_j‖·√(2G) < β.
 *
 * <p>Row weights (docs/method.md section 10, when the problem has them): P(Z) = ½ Σ_i w_i ‖Y_i − (HZ)_i‖²
 * + β Σ_j ‖Z_j‖₂, θ = (W R)·min(1, β/max_j‖h_jᵀWR‖₂), D(θ) = θ·Y − ½ Σ_i ‖θ_i‖²/w_i, the column
 * norms ‖h_j‖² become Σ_{i ∈ h_j} w_i, and the gap-safe radius is √(2G·max w). Without weights the
 * unweighted path runs unchanged.
 *
 * <p>Convex reformulation: Ergen et al., ICLR 2023; updates: Friedman, Hastie, Tibshirani, JSS 2010.
 */
public final class CoordinateDescentSolver implements LassoSolver {

    /** Working sets up to this many columns are solved on their Gram matrix (int, |W|² entries). */
    static final int GRAM_LIMIT = 4096;
    static final int FIRST_WORKING_SET = 100;

    private final SolverOptions options;

    /** A solver with the given options. */
    public CoordinateDescentSolver(SolverOptions options) {
        this.options = options;
    }

    /** A solver with {@link SolverOptions#defaults()}. */
    public CoordinateDescentSolver() {
        this(SolverOptions.defaults());
    }

    /**
     * Solves the problem at a penalty, starting from {@code warmStart} (Z rows, may be shorter than
     * P when columns were added since, or null for zero).
     */
    @Override
    public SolverResult solve(LassoProblem problem, double penalty, double[] warmStart, ConvergenceListener listener,
                              Cancellation cancellation) {
        return solve(problem, penalty, warmStart, listener, cancellation, new SolverSession());
    }

    /**
     * Solves as above; the first working set's Gram matrix copies the entries of the session's last
     * one where columns repeat, and the session keeps this solve's last one (same iterates and bits as
     * a solve without the session).
     */
    @Override
    public SolverResult solve(LassoProblem problem, double penalty, double[] warmStart, ConvergenceListener listener,
                              Cancellation cancellation, SolverSession session) {
        LassoSolver.requirePenalty(penalty);
        long start = System.nanoTime();
        PatternMatrix h = problem.patterns();
        int n = h.rows();
        int p = h.columns();
        int outputs = problem.outputs();
        int words = h.words();
        long[] bits = h.bits();
        double[][] y = problem.targets();
        double[] z = new double[p * outputs];
        if (warmStart != null) {
            System.arraycopy(warmStart, 0, z, 0, Math.min(warmStart.length, z.length));
        }
        // R = Y - HZ
        double[][] r = new double[outputs][];
        for (int c = 0; c < outputs; c++) {
            r[c] = y[c].clone();
        }
        for (int j = 0; j < p; j++) {
            for (int c = 0; c < outputs; c++) {
                double value = z[j * outputs + c];
                if (value != 0) {
                    BitKernels.subtract(bits, words, j, value, r[c]);
                }
            }
        }
        RowWeights rowWeights = problem.weighted() ? new RowWeights(problem.rowWeights(), words) : null;
        double yy = 0;
        if (rowWeights == null) {
            for (double[] column : y) {
                for (double v : column) {
                    yy += v * v;
                }
            }
        } else {
            double[] w = rowWeights.values();
            for (double[] column : y) {
                for (int i = 0; i < n; i++) {
                    yy += w[i] * column[i] * column[i];
                }
            }
        }
        double[][] hy = BitKernels.gradient(h, problem.weigh(y), options.threads());
        double[] columnWeights = rowWeights == null ? null : rowWeights.columnWeights(h);
        double maxWeight = rowWeights == null ? 1.0 : rowWeights.max();
        boolean[] screened = new boolean[p];
        int[] ones = new int[p];
        for (int j = 0; j < p; j++) {
            ones[j] = h.ones(j);
        }
        double[] norms = new double[p];
        int sweeps = 0;
        int wanted = FIRST_WORKING_SET;
        int lastSize = 0;
        // the gaps of the last two outer steps (the older first)
        double olderGap = Double.POSITIVE_INFINITY;
        double lastGap = Double.POSITIVE_INFINITY;
        SolverStatus status = null;
        Gap gap = null;
        GramSubproblem previous = session.last(problem);
        int[] previousColumns = session.lastColumns(problem);
        // the session lets go of its subproblem while this solve runs: the second subproblem writes its Gram
        // into that one's array, so a solve that ends by an exception must not leave it to the next solve (the
        // normal end keeps this solve's last subproblem)
        session.keep(problem, null, null);
        // work spaces of the outer steps: HᵀR (read by the gap only) and the working rows' weights before a solve
        double[][] gradient = null;
        double[] before = new double[z.length];
        while (status == null) {
            // outer step: full gradient, gap, screening, new working set
            gradient = BitKernels.gradient(h, problem.weigh(r), options.threads(), gradient);
            gap = gap(z, r, y, yy, gradient, norms, penalty, outputs, problem.rowWeights());
            listener.sweep(sweeps, gap.primal, gap.gap);
            status = SolverStatus.stop(gap.gap, gap.primal, sweeps, options, cancellation);
            if (status != null) {
                break;
            }
            double radius = rowWeights == null ? Math.sqrt(2 * Math.max(gap.gap, 0))
                    : Math.sqrt(2 * Math.max(gap.gap, 0) * maxWeight);
            // Celer's pruning: the non-zero rows and as many candidates (at least FIRST_WORKING_SET); the
            // working set doubles instead only while the gap stalls (not below its value two outer steps back)
            wanted = gap.gap >= olderGap ? Math.min(2 * Math.max(wanted, lastSize), GRAM_LIMIT) : FIRST_WORKING_SET;
            olderGap = lastGap;
            lastGap = gap.gap;
            int[] working = workingSet(ones, z, norms, screened, gap.scale, radius, penalty, outputs, wanted);
            if (working.length == 0) {
                // nothing can move: the gap is round-off (Z = 0 is optimal up to it)
                status = SolverStatus.CONVERGED;
                break;
            }
            // inner: solve the restricted problem to a fraction of the current gap (Celer's rule),
            // but never looser than half the final tolerance
            double target = Math.max(0.3 * gap.gap, 0.5 * options.tolerance() * gap.primal);
            int budget = options.maxSweeps() - sweeps;
            if (working.length <= GRAM_LIMIT) {
                GramSubproblem sub = new GramSubproblem(h, working, hy, z, yy, penalty, previous, previousColumns,
                        options.threads(), rowWeights);
                sweeps += sub.solve(target, budget, listener, sweeps, cancellation);
                copyRows(z, working, outputs, before);
                sub.copyTo(working, z);
                updateResidual(h, before, z, working, r, outputs);
                previous = sub;
                previousColumns = working;
            } else {
                sweeps += bitSweeps(h, working, z, r, penalty, outputs, target, budget, listener, sweeps,
                        cancellation, gap.primal, rowWeights, columnWeights);
                previous = null;
                previousColumns = null;
            }
            lastSize = working.length;
        }
        session.keep(problem, previous, previousColumns);
        if (status == SolverStatus.CANCELLED || status == SolverStatus.MAX_SWEEPS) {
            gradient = BitKernels.gradient(h, problem.weigh(r), options.threads(), gradient);
            gap = gap(z, r, y, yy, gradient, norms, penalty, outputs, problem.rowWeights());
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        return new SolverResult(z, outputs, penalty, gap.primal, gap.dual, Math.max(gap.gap, 0.0), sweeps, status,
                elapsed);
    }

    /**
     * The next working set: every non-zero row, then the unscreened zero rows closest to violating
     * their KKT condition (largest ‖h_jᵀθ‖ relative to β, per unit column norm), up to {@code wanted}
     * rows in all (at least twice the non-zero rows); {@code ones} holds the columns' counts of ones.
     */
    static int[] workingSet(int[] ones, double[] z, double[] norms, boolean[] screened, double scale,
                            double radius, double penalty, int outputs, int wanted) {
        return workingSet(ones, z, norms, screened, scale, radius, penalty, outputs, wanted, 1.0);
    }

    /**
     * The working set as above with {@code share} × |support| candidates (at least {@code wanted} rows in all)
     * in place of as many candidates as non-zero rows.
     */
    static int[] workingSet(int[] ones, double[] z, double[] norms, boolean[] screened, double scale,
                            double radius, double penalty, int outputs, int wanted, double share) {
        int p = ones.length;
        int[] chosen = new int[p];
        int size = 0;
        int candidates = 0;
        int[] order = new int[p];
        double[] priority = new double[p];
        for (int j = 0; j < p; j++) {
            int kind = classify(j, ones, z, norms, screened, scale, radius, penalty, outputs, priority);
            if (kind == IN) {
                chosen[size++] = j;
            } else if (kind == CANDIDATE) {
                order[candidates++] = j;
            }
        }
        int add = Math.min(candidates, Math.max(wanted, size + (int) Math.ceil(share * size)) - size);
        int nonzero = size;
        if (add > 0) {
            size = closest(order, candidates, priority, add, chosen, size);
        }
        return merged(chosen, nonzero, size);
    }

    /**
     * The two ascending runs [0, middle) and [middle, size) of distinct columns merged into one ascending
     * array (the non-zero rows, then the candidates taken, each in column order: what sorting them gives,
     * without the compiles of the library's sort in a fresh JVM).
     */
    static int[] merged(int[] runs, int middle, int size) {
        int[] out = new int[size];
        int a = 0;
        int b = middle;
        int k = 0;
        while (a < middle && b < size) {
            out[k++] = runs[a] < runs[b] ? runs[a++] : runs[b++];
        }
        System.arraycopy(runs, a, out, k, middle - a);
        k += middle - a;
        System.arraycopy(runs, b, out, k, size - b);
        return out;
    }

    /** {@link #classify}'s kinds of column. */
    private static final int OUT = 0;
    private static final int IN = 1;
    private static final int CANDIDATE = 2;

    /**
     * Column j for the working set: {@link #IN} when its row of Z is non-zero, else {@link #CANDIDATE} with its
     * priority set, or {@link #OUT} when screened (now: then marked in {@code screened}; or before) or empty. A
     * method per column: the loop over all columns ran interpreted through a fresh JVM's first solves.
     */
    private static int classify(int j, int[] ones, double[] z, double[] norms, boolean[] screened, double scale,
                                double radius, double penalty, int outputs, double[] priority) {
        if (screened[j] || ones[j] == 0) {
            return OUT;
        }
        boolean zero = isZero(z, j, outputs);
        double root = Math.sqrt(ones[j]);
        // gap-safe sphere test: |h_j' theta| + ||h_j|| sqrt(2G) < beta => Z_j = 0 at the optimum
        if (zero && scale * norms[j] + root * radius < penalty) {
            screened[j] = true;
            return OUT;
        }
        if (!zero) {
            return IN;
        }
        // distance of theta to the constraint of column j (Celer's priority)
        priority[j] = (penalty - scale * norms[j]) / root;
        return CANDIDATE;
    }

    /**
     * Appends to {@code chosen} (from {@code size} on) the {@code add} candidates (the first {@code candidates}
     * of {@code order}, in ascending column order) first in the order of their priority (by
     * {@link Double#compare}), ties by column; returns the new size. The same set as sorting the candidates
     * by (priority, column) and taking the first {@code add}, found from the add-th smallest priority (a
     * selection among primitives: the boxed sort with a comparator took 29 of a warm wine training's 450 ms of
     * solving; {@code Arrays.sort} of the priorities then cost a fresh JVM the compiles of the library's sort,
     * about 85 ms of the one C2 thread's time during a wine training).
     */
    static int closest(int[] order, int candidates, double[] priority, int add, int[] chosen, int size) {
        if (add >= candidates) {
            System.arraycopy(order, 0, chosen, size, candidates);
            return size + candidates;
        }
        double[] keys = new double[candidates];
        for (int k = 0; k < candidates; k++) {
            keys[k] = priority[order[k]];
        }
        double bound = select(keys, add - 1);
        // the selection leaves the keys before index add − 1 at most the bound and those after it at least the
        // bound, so only the former can be below it. Here and below, a comparison decides before the call to
        // compare, made only for equal values or NaN: these loops run interpreted through a fresh JVM's first
        // solve (closest and select are called once per outer step), where a call costs more than comparisons.
        int below = 0;
        for (int k = 0; k < add - 1; k++) {
            double key = keys[k];
            below += key < bound || (!(key > bound) && compare(key, bound) < 0) ? 1 : 0;
        }
        // every candidate below the bound, then those at it in ascending column order until add are taken
        int ties = add - below;
        for (int k = 0; k < candidates; k++) {
            int j = order[k];
            double key = priority[j];
            boolean take = key < bound;
            if (!take && !(key > bound)) {
                int byPriority = compare(key, bound);
                take = byPriority < 0 || (byPriority == 0 && ties-- > 0);
            }
            if (take) {
                chosen[size++] = j;
            }
        }
        return size;
    }

    /**
     * The entry at index k of {@code keys} sorted by {@link Double#compare} (keys are reordered): Hoare's
     * selection, the middle of three entries as the pivot; a range that keeps shrinking slowly is sorted
     * instead (the same entry: the total order leaves equal keys only where their bits are equal, or NaN).
     */
    static double select(double[] keys, int k) {
        int from = 0;
        int to = keys.length - 1;
        int rounds = 0;
        while (from < to) {
            if (++rounds > 64) {
                Arrays.sort(keys, from, to + 1);
                return keys[k];
            }
            double pivot = middle(keys[from], keys[(from + to) >>> 1], keys[to]);
            int i = from;
            int j = to;
            while (i <= j) {
                while (keys[i] < pivot || (!(keys[i] > pivot) && compare(keys[i], pivot) < 0)) {
                    i++;
                }
                while (keys[j] > pivot || (!(keys[j] < pivot) && compare(keys[j], pivot) > 0)) {
                    j--;
                }
                if (i <= j) {
                    double swap = keys[i];
                    keys[i] = keys[j];
                    keys[j] = swap;
                    i++;
                    j--;
                }
            }
            // [from, j] at most the pivot, [i, to] at least, the entries between equal to it
            if (k <= j) {
                to = j;
            } else if (k >= i) {
                from = i;
            } else {
                return keys[k];
            }
        }
        return keys[k];
    }

    /** The middle one of three values by {@link Double#compare}. */
    private static double middle(double a, double b, double c) {
        if (compare(a, b) > 0) {
            double swap = a;
            a = b;
            b = swap;
        }
        // a <= b
        if (compare(b, c) <= 0) {
            return b;
        }
        return compare(a, c) >= 0 ? a : c;
    }

    /**
     * {@link Double#compare}, by the comparisons where they decide (a fresh JVM ran the candidates' loop
     * interpreted through its first solves, a Double.compare call per candidate).
     */
    private static int compare(double a, double b) {
        return a < b ? -1 : a > b ? 1 : Double.compare(a, b);
    }

    /** The given rows of Z (rows of C outputs) into the same places of {@code out}. */
    private static void copyRows(double[] z, int[] rows, int outputs, double[] out) {
        for (int j : rows) {
            System.arraycopy(z, j * outputs, out, j * outputs, outputs);
        }
    }

    /** R -= H (Z_new − Z_old) over the working set's rows that changed (only those rows of Z_old are read). */
    private static void updateResidual(PatternMatrix h, double[] before, double[] after, int[] working, double[][] r,
                                       int outputs) {
        for (int j : working) {
            for (int c = 0; c < outputs; c++) {
                double delta = after[j * outputs + c] - before[j * outputs + c];
                if (delta != 0) {
                    BitKernels.subtract(h.bits(), h.words(), j, delta, r[c]);
                }
            }
        }
    }

    /**
     * Sweeps over a working set too large for a Gram matrix, on the bits directly, until the
     * objective stops decreasing. Returns the sweeps done. Unweighted when {@code rowWeights} is null
     * (the column norm is then the count of ones); otherwise the weighted column sums and column norms
     * Σ_{i ∈ h_j} w_i of {@code columnWeights}.
     */
    static int bitSweeps(PatternMatrix h, int[] working, double[] z, double[][] r, double penalty,
                         int outputs, double target, int budget, ConvergenceListener listener,
                         int sweepsBefore, Cancellation cancellation, double start,
                         RowWeights rowWeights, double[] columnWeights) {
        long[] bits = h.bits();
        int words = h.words();
        double[] w = rowWeights == null ? null : rowWeights.values();
        double[] g = new double[outputs];
        double primal = start;
        int sweeps = 0;
        while (sweeps < budget && !cancellation.isCancelled()) {
            for (int j : working) {
                double count = w == null ? h.ones(j) : columnWeights[j];
                double norm = 0;
                for (int c = 0; c < outputs; c++) {
                    double dot = w == null ? BitKernels.dot(bits, words, j, r[c]) : rowWeights.dot(bits, j, r[c]);
                    g[c] = dot + count * z[j * outputs + c];
                    norm += g[c] * g[c];
                }
                norm = Math.sqrt(norm);
                double shrink = norm > penalty ? (1 - penalty / norm) / count : 0.0;
                for (int c = 0; c < outputs; c++) {
                    double next = g[c] * shrink;
                    if (!Double.isFinite(next)) {
                        throw new IllegalStateException("A coordinate update produced a non-finite weight at "
                                + "pattern " + j + "; check the data for extreme values.");
                    }
                    double delta = next - z[j * outputs + c];
                    if (delta != 0) {
                        z[j * outputs + c] = next;
                        BitKernels.subtract(bits, words, j, delta, r[c]);
                    }
                }
            }
            sweeps++;
            double objective = primal(z, r, penalty, outputs, w);
            listener.sweep(sweepsBefore + sweeps, objective, Double.NaN);
            if (primal - objective <= 0.1 * target) {
                break;
            }
            primal = objective;
        }
        return sweeps;
    }

    private static boolean isZero(double[] z, int j, int outputs) {
        for (int c = 0; c < outputs; c++) {
            if (z[j * outputs + c] != 0) {
                return false;
            }
        }
        return true;
    }

    /** P(Z) = ½‖R‖² + β Σ_j ‖Z_j‖. */
    static double primal(double[] z, double[][] r, double penalty, int outputs) {
        return primal(z, r, penalty, outputs, null);
    }

    /** P(Z) = ½ Σ_i w_i ‖R_i‖² + β Σ_j ‖Z_j‖ (unweighted when w is null). */
    static double primal(double[] z, double[][] r, double penalty, int outputs, double[] w) {
        double loss = 0;
        if (w == null) {
            for (double[] column : r) {
                for (double v : column) {
                    loss += v * v;
                }
            }
        } else {
            for (double[] column : r) {
                for (int i = 0; i < column.length; i++) {
                    loss += w[i] * column[i] * column[i];
                }
            }
        }
        double norm = 0;
        for (int j = 0; j < z.length / outputs; j++) {
            norm += rowNorm(z, j, outputs);
        }
        return 0.5 * loss + penalty * norm;
    }

    /** ‖Z_j‖₂ (the squares summed over the outputs in order; a method per row, compiled early). */
    private static double rowNorm(double[] z, int j, int outputs) {
        double row = 0;
        for (int c = 0; c < outputs; c++) {
            row += z[j * outputs + c] * z[j * outputs + c];
        }
        return Math.sqrt(row);
    }

    /** norms[j] = ‖(HᵀR)_j‖₂ (squares summed over the outputs in order); returns max(max, norms[j]). */
    private static double correlationNorm(double[][] gradient, int j, int outputs, double[] norms, double max) {
        double norm = 0;
        for (int c = 0; c < outputs; c++) {
            norm += gradient[c][j] * gradient[c][j];
        }
        norms[j] = Math.sqrt(norm);
        return Math.max(max, norms[j]);
    }

    private record Gap(double primal, double dual, double gap, double scale) {
    }

    /** norms[j] = ‖(gradient[c][j])_c‖ (squares summed in ascending c) for every column; returns their maximum. */
    private static double groupNorms(double[][] gradient, double[] norms, int outputs) {
        double max = 0;
        for (int j = 0; j < norms.length; j++) {
            max = correlationNorm(gradient, j, outputs, norms, max);
        }
        return max;
    }

    /** sum + Σ_i (y_i − scale·r_i)², the terms added in ascending i. */
    private static double addSquaredDistance(double sum, double[] y, double scale, double[] r) {
        for (int i = 0; i < r.length; i++) {
            double d = y[i] - scale * r[i];
            sum += d * d;
        }
        return sum;
    }

    private static Gap gap(double[] z, double[][] r, double[][] y, double yy, double[][] gradient, double[] norms,
                           double penalty, int outputs, double[] w) {
        // the loops are small methods: a fresh JVM compiled this one three times (on-stack replacements at one
        // loop, then another, then whole)
        double max = groupNorms(gradient, norms, outputs);
        // theta = R * min(1, beta / max_j ||h_j' R||) is dual feasible
        double scale = max > penalty ? penalty / max : 1.0;
        if (w != null) {
            // theta = scale * W R: D = theta.Y - 0.5 sum theta^2 / w = scale Y'WR - 0.5 scale^2 R'WR
            double yr = 0;
            double rr = 0;
            for (int c = 0; c < outputs; c++) {
                for (int i = 0; i < r[c].length; i++) {
                    double wr = w[i] * r[c][i];
                    yr += wr * y[c][i];
                    rr += wr * r[c][i];
                }
            }
            double primal = primal(z, r, penalty, outputs, w);
            double dual = scale * yr - 0.5 * scale * scale * rr;
            return new Gap(primal, dual, primal - dual, scale);
        }
        double distance = 0; // ||Y - theta||^2
        for (int c = 0; c < outputs; c++) {
            distance = addSquaredDistance(distance, y[c], scale, r[c]);
        }
        double primal = primal(z, r, penalty, outputs);
        double dual = 0.5 * yy - 0.5 * distance;
        return new Gap(primal, dual, primal - dual, scale);
    }
}
