package org.heaviside.solver;

import org.heaviside.arrangement.PatternMatrix;
import org.heaviside.run.Cancellation;

/**
 * The pattern Lasso min_Z L(HZ) + β Σ_j ‖Z_j‖₂ for a smooth loss ({@link RowLoss}: two-class or
 * multinomial logistic, with row weights) by proximal Newton steps on working sets, with the same
 * outer steps, screening and stopping rule as the squared loss ({@link CoordinateDescentSolver}).
 *
 * <p>Outer step: θ = −∇L(HZ), the full gradient Hᵀθ on the bits, the dual point θ·min(1, β / max_j
 * ‖h_jᵀθ‖), the gap P − D (stop when it is at most tol·P), gap-safe screening and the next working
 * set. Newton step: the quadratic model of L around F = HZ with row curvatures c_i (∇²ℓ_i ≼ c_i I),
 * L(F + Δ) ≈ L(F) − θ·Δ + ½ Σ_i c_i ‖Δ_i‖², is the weighted squared Lasso with targets U = F + θ / c
 * and row weights c on the working set. It is solved on its weighted Gram matrix ({@link
 * CurvatureGram}, {@link GramSubproblem}: coordinate descent, Anderson extrapolation, Newton polish) to
 * a fraction of the current gap; with one output the curvatures are rounded to levels first, until the
 * final steps, so that the Gram matrix costs popcounts as the squared loss's ({@link CurvatureGram#levels};
 * the gap and the line search use the exact loss). A loss with a curvature block per row ({@link RowLoss#basis()}: the
 * multinomial loss) has the Newton model with those blocks instead, solved on the working set's block Gram matrix
 * ({@link #blockStep}); for three classes its steps before the final ones round the blocks to levels above them
 * where that costs less ({@link BlockLevels}), the final steps take the exact blocks. A backtracking line search on
 * the true objective (Armijo) then takes the step, so the objective never rises; when no step lowers it, the
 * curvatures are scaled up until the model majorizes the loss (Lee, Sun, Saunders, "Proximal Newton-type methods", SIAM J. Optim.
 * 2014; Yuan, Ho, Lin, "newGLMNET", JMLR 2012).
 */
final class ProximalNewton {

    /** The model is solved to this fraction of the current gap. */
    static final double INNER = 0.01;
    /**
     * The block model ({@link #blockStep}: the exact Newton model) is solved to this fraction: its Newton steps
     * factor the support's Hessian ((|S|·d)³/3 each), and near the optimum one step lands far below any
     * fraction, so a looser model costs fewer factorisations for the same result (AI4I's three-class
     * {@code Type}, class-balanced, 2,000 rows: 26 factorisations against 47 at 0.01).
     */
    static final double BLOCK_INNER = 0.3;
    /**
     * The fraction for one output's models on curvatures rounded by up to about 5% ({@link CurvatureGram#levels};
     * rows below a thousandth of the largest curvature share one level across that band):
     * their steps converge linearly at about that rate, so solving each model a hundred times tighter than the
     * gap costs sweeps and saves no outer step (steel plates: 18 steps, against 20).
     */
    static final double ONE_OUTPUT_INNER = 0.1;
    /**
     * The smallest curvature per unit of row weight (keeps θ/c and the model's ‖U‖² finite); a rounded model
     * ({@link CurvatureGram#levels}) may take a floored row down to half of it, still finite.
     */
    static final double FLOOR = 1e-6;
    /** Steps at a relative gap below this many tolerances use the exact curvatures (not rounded, not stale). */
    static final double FINAL = 1000;
    /** The working set grows when a step leaves more than this share of the gap (1: only when the gap stalls). */
    static final double GROW = 1.0;
    /** Candidates beyond the support in a block step's working set, as a share of it, while the support grows. */
    static final double BLOCK_SHARE = 0.5;
    /** The share once the support has stopped growing (by at most {@link #SETTLED_GROWTH} in the last step). */
    static final double SETTLED_SHARE = 0.1;
    static final double SETTLED_GROWTH = 0.02;
    /**
     * Working sets up to this many coordinates (patterns × d) use the rows' curvature blocks when the loss has them
     * (the block Gram matrix: 75 MB at the limit; a Newton step on a support this large factors about 10 GFlop).
     * Ten classes (d = 9) at 2,048: supports above 227 patterns took the scalar-curvature steps, 1,200 outer
     * steps and more per solve (a cross-validation fold of 320 rows, a support of 231 patterns: 27 s, against 5 s
     * for the block model's 5 outer steps).
     */
    static final int BLOCK_LIMIT = 3072;
    /**
     * A support of {@link #BLOCK_LIMIT} coordinates or more (ten classes: 341 patterns) keeps the block model on a
     * working set of up to this many times the limit (4,608 coordinates, a block Gram matrix of 170 MB), its Newton
     * steps by conjugate gradients ({@link BlockSubproblem}); only a larger support takes the scalar-curvature steps.
     */
    static final double LARGE_SHARE = 1.5;

    /**
     * The working set's patterns at most for a support at the block limit or above: {@link #LARGE_SHARE} times the
     * limit's, but no more than a block Gram matrix of an eighth of the heap allows (cross-validation solves folds
     * side by side; with the default heaps of this machine kind, 2 GB and more, the share itself is the bound).
     */
    static int largePatterns(int blockPatterns, int dimension) {
        int heap = (int) (Math.sqrt(Runtime.getRuntime().maxMemory() / 8.0 / Double.BYTES) / dimension);
        return Math.max(blockPatterns, Math.min((int) (LARGE_SHARE * blockPatterns), heap));
    }
    /** Column words (8 byte-table reads each) in one thread's block of the full gradient at least. */
    static final int GRADIENT_WORDS = 1 << 15;
    /** Sweeps on one model at most. */
    static final int MODEL_SWEEPS = 200;
    /** Armijo's sufficient decrease. */
    private static final double ARMIJO = 1e-4;
    static final int HALVINGS = 40;
    /** Relative changes of the objective this small are round-off. */
    private static final double ROUND_OFF = 1e-13;

    private final SolverOptions options;
    private final boolean blocks;
    private final int newtonLimit;
    private final int blockLimit;
    /** Receives each outer step's inner target share (a test's probe; does nothing in use). */
    java.util.function.DoubleConsumer shares = share -> { };
    /**
     * Whether the block model's steps before the final ones take the rows' blocks rounded to levels ({@link
     * BlockLevels}; false: every step's model exact, a test's setting).
     */
    boolean blockLevels = true;
    /** Receives each block step's kind (a test's probe; does nothing in use). */
    BlockStepProbe blockSteps = (rounded, beforeFinal) -> { };

    /** A block step: on rounded blocks or exact ones, and whether it came before the final steps. */
    interface BlockStepProbe {
        void step(boolean rounded, boolean beforeFinal);
    }

    ProximalNewton(SolverOptions options) {
        this(options, true);
    }

    /**
     * @param blocks whether the rows' curvature blocks are used where the loss has them (false: one scalar
     *               curvature per row everywhere, the previous method, kept for comparison)
     */
    ProximalNewton(SolverOptions options, boolean blocks) {
        this(options, blocks, BlockSubproblem.NEWTON_LIMIT);
    }

    /** As above, the block models' Newton steps on supports of at most {@code newtonLimit} coordinates. */
    ProximalNewton(SolverOptions options, boolean blocks, int newtonLimit) {
        this(options, blocks, newtonLimit, BLOCK_LIMIT);
    }

    /** As above, the rows' curvature blocks on working sets of at most {@code blockLimit} coordinates. */
    ProximalNewton(SolverOptions options, boolean blocks, int newtonLimit, int blockLimit) {
        this.options = options;
        this.blocks = blocks;
        this.newtonLimit = newtonLimit;
        this.blockLimit = blockLimit;
    }

    SolverResult solve(LassoProblem problem, RowLoss loss, double penalty, double[] warmStart,
                       ConvergenceListener listener, Cancellation cancellation) {
        return solve(problem, loss, penalty, warmStart, listener, cancellation, null);
    }

    /**
     * As above, starting from the curvature-weighted Gram matrix the session's last solve of the same
     * patterns and row weights left (a certificate round's solve: the entries of repeated columns whose rows'
     * curvatures did not move are kept) and leaving this solve's in it; {@code session} may be null.
     */
    SolverResult solve(LassoProblem problem, RowLoss loss, double penalty, double[] warmStart,
                       ConvergenceListener listener, Cancellation cancellation, SolverSession session) {
        long start = System.nanoTime();
        PatternMatrix h = problem.patterns();
        int n = h.rows();
        int p = h.columns();
        int outputs = loss.outputs();
        double[] w = problem.rowWeights();
        double maxWeight = problem.maxWeight();
        double[] z = new double[p * outputs];
        if (warmStart != null) {
            System.arraycopy(warmStart, 0, z, 0, Math.min(warmStart.length, z.length));
        }
        if (loss.basis() != null) {
            // the optimum's groups sum to zero; the projection lowers the penalty and leaves the loss
            CenteredBasis.center(z, outputs);
        }
        double[][] f = DualityGap.fitted(problem, z);
        boolean[] screened = new boolean[p];
        double[] norms = new double[p];
        CurvatureGram kept = session == null ? null : session.curvatures(problem);
        CurvatureGram grams = kept != null ? kept : new CurvatureGram(h, options.threads());
        int[] ones = new int[p];
        for (int j = 0; j < p; j++) {
            ones[j] = h.ones(j);
        }
        int sweeps = 0;
        int previousSupport = -1;
        Schedule schedule = new Schedule();
        SolverStatus status;
        double primal;
        double dual;
        while (true) {
            loss.at(f);
            double[][] theta = loss.theta();
            // blocks by work, not by 512 columns: AI4I's 1,001 columns of 7,500 rows on both threads
            double[][] gradient = BitKernels.gradient(h, theta, options.threads(),
                    Math.max(1, GRADIENT_WORDS / h.words()), options.threads());
            double max = 0;
            for (int j = 0; j < p; j++) {
                double norm = 0;
                for (double[] g : gradient) {
                    norm += g[j] * g[j];
                }
                norms[j] = Math.sqrt(norm);
                max = Math.max(max, norms[j]);
            }
            double scale = max > penalty ? penalty / max : 1.0;
            primal = loss.loss() + penalty * groupNorm(z, outputs, null);
            dual = loss.dual(scale);
            double gap = primal - dual;
            listener.sweep(sweeps, primal, gap);
            status = SolverStatus.stop(gap, primal, sweeps, options, cancellation);
            if (status != null) {
                break;
            }
            double radius = Math.sqrt(2 * Math.max(gap, 0) * maxWeight / loss.dualCurvature());
            // the model's Gram matrix is weighted by curvatures that change at every step, so it is rebuilt at a
            // cost of |W|² entries: the working set is the support and a quarter as many candidates (at least
            // the first size); a step that leaves candidates out costs one more outer step (a gradient on the
            // bits), much less than a Gram matrix on twice the support. With the rows' curvature blocks (the
            // multinomial loss) a slow step comes from the loss's nonlinearity, not from the working set: the
            // support and half as many candidates while the support grows, not grown by the schedule, and a tenth
            // once it has stopped growing (blockShare)
            boolean exact = blocks && loss.basis() != null;
            int support = supportSize(z, outputs);
            int[] working = exact
                    ? CoordinateDescentSolver.workingSet(ones, z, norms, screened, scale, radius, penalty, outputs,
                    CoordinateDescentSolver.FIRST_WORKING_SET, blockShare(previousSupport, support))
                    : CoordinateDescentSolver.workingSet(ones, z, norms, screened, scale, radius, penalty, outputs,
                    schedule.wanted, Schedule.SHARE);
            int blockPatterns = exact ? blockLimit / loss.basis().dimension() : 0;
            int largePatterns = exact ? largePatterns(blockPatterns, loss.basis().dimension()) : 0;
            if (working.length > blockPatterns && support < largePatterns) {
                // the support fits the block model with room for candidates: the working set is cut to the
                // block limit (the support and the candidates closest to entering), where a larger one would
                // take the scalar-curvature steps. Those close a few tenths of a percent of the gap per outer
                // step with many classes (ten classes, 320 rows, a support of about 210 patterns: 1,200-3,200
                // outer steps per solve, where a block model's Newton steps take a few). A support at the limit
                // or above it has a working set of up to LARGE_SHARE times the limit, its Newton steps by
                // conjugate gradients above the Newton limit (BlockSubproblem)
                working = CoordinateDescentSolver.workingSet(ones, z, norms, screened, scale, radius, penalty,
                        outputs, support < blockPatterns ? blockPatterns : largePatterns, 0.0);
            }
            previousSupport = support;
            if (working.length == 0) {
                status = SolverStatus.CONVERGED;
                break;
            }
            double[] c = loss.curvature();
            double[] model = new double[n];
            for (int i = 0; i < n; i++) {
                double weight = w == null ? 1.0 : w[i];
                model[i] = schedule.damping * Math.max(c[i], FLOOR * weight);
            }
            CenteredBasis basis = blocks ? loss.basis() : null;
            // the looser target is the block model's only: larger working sets take the scalar-curvature steps
            boolean blockModel = basis != null && working.length <= Math.max(blockPatterns,
                    support < largePatterns ? largePatterns : 0);
            double stale = gap > FINAL * options.tolerance() * primal ? CurvatureGram.STALE : 0.0;
            // one output: models on curvatures rounded to levels (popcounts) until the final steps; the final
            // steps, and every step of several outputs, use the exact curvatures: Newton's fast local
            // convergence lands them well below the tolerance, at the point the exact steps reach
            boolean rounded = outputs == 1 && stale > 0;
            double share = blockModel ? BLOCK_INNER : rounded ? ONE_OUTPUT_INNER : INNER;
            shares.accept(share);
            double target = Math.max(share * gap, 0.01 * options.tolerance() * primal);
            double current = primal;
            ConvergenceListener inner = (sweep, objective, ignored) -> listener.sweep(sweep, current, Double.NaN);
            double[] next = z.clone();
            if (blockModel) {
                sweeps += blockStep(h, loss, basis, working, support, stale > 0, schedule.damping,
                        gradient, next, penalty, outputs, target, sweeps, inner, cancellation);
            } else {
                sweeps += working.length <= CoordinateDescentSolver.GRAM_LIMIT
                        ? gramStep(grams, working, model, rounded, stale, theta, gradient, f, next, penalty, outputs,
                        target, sweeps, inner, cancellation)
                        : bitStep(h, working, model, theta, next, penalty, outputs, target, sweeps, inner,
                        cancellation);
            }
            schedule.after(lineSearch(h, loss, working, z, next, f, gradient, penalty, outputs, primal), gap,
                    working.length);
        }
        if (session != null) {
            session.keep(problem, grams);
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        return new SolverResult(z, outputs, penalty, primal, dual, Math.max(primal - dual, 0.0), sweeps, status,
                elapsed);
    }

    /**
     * Solves the model on the working set's Gram matrix into {@code next}; returns the sweeps. B = G Z_W +
     * H_Wᵀθ (that is H_Wᵀ c U) and ‖U‖²_c with U = F + θ / c, c the curvatures the Gram was built with.
     */
    private int gramStep(CurvatureGram grams, int[] working, double[] model, boolean rounded, double stale,
                         double[][] theta,
                         double[][] gradient,
                         double[][] f, double[] next, double penalty, int outputs, double target, int sweeps,
                         ConvergenceListener inner, Cancellation cancellation) {
        // rounded: the curvatures rounded to levels, summed by popcounts (on steel plates about a third of the
        // byte tables' cost, with no more outer steps)
        double[] gram = rounded ? grams.levels(working, model) : grams.update(working, model, stale);
        double[] used = grams.used();
        int size = working.length;
        double[] zw = new double[size * outputs];
        for (int k = 0; k < size; k++) {
            for (int c = 0; c < outputs; c++) {
                zw[k * outputs + c] = next[working[k] * outputs + c];
            }
        }
        double[] b = new double[size * outputs];
        for (int k = 0; k < size; k++) {
            for (int l = 0; l < size; l++) {
                double entry = gram[k * size + l];
                for (int c = 0; c < outputs; c++) {
                    b[k * outputs + c] += entry * zw[l * outputs + c];
                }
            }
            for (int c = 0; c < outputs; c++) {
                b[k * outputs + c] += gradient[c][working[k]];
            }
        }
        double yy = 0;
        for (int c = 0; c < outputs; c++) {
            for (int i = 0; i < used.length; i++) {
                double u = f[c][i] + theta[c][i] / used[i];
                yy += used[i] * u * u;
            }
        }
        GramSubproblem sub = new GramSubproblem(gram, b, zw, outputs, yy, penalty);
        int done = sub.solve(target, budget(sweeps), inner, sweeps, cancellation);
        sub.copyTo(working, next);
        return done;
    }

    /**
     * Solves the model with the rows' curvature blocks ({@link RowLoss#blocks}) in the loss's basis on the
     * working set's block Gram matrix into {@code next}; returns the sweeps.
     */
    private int blockStep(PatternMatrix h, RowLoss loss, CenteredBasis basis, int[] working, int support,
                          boolean beforeFinal, double damping, double[][] gradient, double[] next, double penalty,
                          int outputs, double target, int sweeps, ConvergenceListener inner,
                          Cancellation cancellation) {
        int d = basis.dimension();
        BlockModel model = blockModel(h, loss, d, working, support, blockLevels && beforeFinal, damping,
                options.threads());
        blockSteps.step(model.rounded(), beforeFinal);
        int size = working.length;
        double[] g = new double[size * d];
        double[] y0 = new double[size * d];
        double[] column = new double[outputs];
        for (int a = 0; a < size; a++) {
            for (int c = 0; c < outputs; c++) {
                column[c] = gradient[c][working[a]];
            }
            basis.reduce(column, 0, g, a * d);
            basis.reduce(next, working[a] * outputs, y0, a * d);
        }
        BlockSubproblem sub = new BlockSubproblem(model.k(), g, y0, d, model.energy(), penalty, newtonLimit,
                options.threads(), model.product(h, working, d));
        int done = sub.solve(target, budget(sweeps), inner, sweeps, cancellation);
        double[] y = sub.weights();
        for (int a = 0; a < size; a++) {
            basis.expand(y, a * d, next, working[a] * outputs);
        }
        return done;
    }

    /**
     * A block step's model: K, the blocks it was built with ({@code rows}: the rounded ones, or the exact ones), T =
     * Σ_i θ_iᵀ A_i⁻¹ θ_i on the same blocks, and whether they are rounded.
     */
    record BlockModel(double[] k, double[] rows, double energy, boolean rounded) {

        /** K_BB x from the rows' bits and this model's blocks (the conjugate gradients' products). */
        BlockSubproblem.Product product(PatternMatrix h, int[] working, int d) {
            double[] blocks = rows;
            return new BlockSubproblem.Product() {
                // the rows' sums of each product, work spaces for all of this model's products
                private final double[] summed = new double[h.rows() * d];
                private final double[] applied = new double[h.rows() * d];

                @Override
                public void multiply(int[] chosen, double[] x, double[] out) {
                    BlockGram.multiply(h, working, blocks, d, chosen, x, out, summed, applied);
                }

                @Override
                public double work(int[] chosen) {
                    return BlockGram.multiplyWork(h, working, d, chosen);
                }
            };
        }
    }

    /**
     * The model of a block step at the loss's current point: with {@code rounded} (a step before the final ones)
     * the blocks rounded to levels above the exact ones where that costs less ({@link BlockLevels#cheaper}), else
     * the exact blocks.
     */
    static BlockModel blockModel(PatternMatrix h, RowLoss loss, int d, int[] working, int support, boolean rounded,
                                 double damping, int threads) {
        double[] exact = new double[h.rows() * BlockGram.packed(d)];
        double energy = loss.blocks(damping, exact);
        if (rounded && BlockLevels.worthTrying(h, d, working.length, support)) {
            // the blocks rounded to levels, above the exact ones (popcounts), until the final steps, where cheaper
            BlockLevels levels = BlockLevels.of(exact, h.rows(), d);
            if (levels.cheaper(h, working.length, support)) {
                double[] rows = levels.rounded();
                return new BlockModel(levels.gram(h, working, threads), rows, loss.energy(rows), true);
            }
        }
        return new BlockModel(BlockGram.build(h, working, exact, d, threads), exact, energy, false);
    }

    /** The model on a working set too large for a Gram matrix, swept on the bits; returns the sweeps. */
    private int bitStep(PatternMatrix h, int[] working, double[] model, double[][] theta, double[] next,
                        double penalty, int outputs, double target, int sweeps, ConvergenceListener inner,
                        Cancellation cancellation) {
        double[][] r = new double[outputs][model.length];
        for (int c = 0; c < outputs; c++) {
            for (int i = 0; i < model.length; i++) {
                r[c][i] = theta[c][i] / model[i];
            }
        }
        RowWeights weights = new RowWeights(model, h.words());
        double start = CoordinateDescentSolver.primal(next, r, penalty, outputs, model);
        return CoordinateDescentSolver.bitSweeps(h, working, next, r, penalty, outputs, target,
                budget(sweeps), inner, sweeps, cancellation, start, weights, weights.columnWeights(h));
    }

    /**
     * The sweeps one model may take: far from the optimum the model is only good near Z, so a new one
     * (at the line search's point) is worth more than solving the old one exactly.
     */
    private int budget(int sweeps) {
        return Math.min(MODEL_SWEEPS, options.maxSweeps() - sweeps);
    }

    /**
     * Backtracking from Z towards {@code next} on the true objective; moves Z and F and returns true
     * when a step lowers the objective (Armijo's condition, or failing it the lowest trial below P).
     */
    private static boolean lineSearch(PatternMatrix h, RowLoss loss, int[] working, double[] z, double[] next,
                                      double[][] f, double[][] gradient, double penalty, int outputs, double primal) {
        int n = h.rows();
        double[][] change = new double[outputs][n];
        double slope = 0;
        boolean moved = false;
        for (int j : working) {
            for (int c = 0; c < outputs; c++) {
                double delta = next[j * outputs + c] - z[j * outputs + c];
                if (delta != 0) {
                    BitKernels.subtract(h.bits(), h.words(), j, -delta, change[c]);
                    slope -= gradient[c][j] * delta;
                    moved = true;
                }
            }
        }
        if (!moved) {
            return false;
        }
        double before = penalty * groupNorm(z, outputs, working);
        double outside = penalty * groupNorm(z, outputs, null) - before;
        double predicted = slope + penalty * groupNorm(next, outputs, working) - before;
        double[][] trial = new double[outputs][n];
        double[] point = z.clone();
        double bestStep = step(k -> {
            double step = Math.scalb(1.0, -k);
            for (int c = 0; c < outputs; c++) {
                for (int i = 0; i < n; i++) {
                    trial[c][i] = f[c][i] + step * change[c][i];
                }
            }
            for (int j : working) {
                for (int c = 0; c < outputs; c++) {
                    int at = j * outputs + c;
                    point[at] = z[at] + step * (next[at] - z[at]);
                }
            }
            return loss.value(trial) + outside + penalty * groupNorm(point, outputs, working);
        }, primal, predicted);
        if (bestStep == 0) {
            return false;
        }
        for (int j : working) {
            for (int c = 0; c < outputs; c++) {
                int at = j * outputs + c;
                z[at] = bestStep == 1.0 ? next[at] : z[at] + bestStep * (next[at] - z[at]);
            }
        }
        for (int c = 0; c < outputs; c++) {
            for (int i = 0; i < n; i++) {
                f[c][i] += bestStep * change[c][i];
            }
        }
        return true;
    }

    /** The model's damping and the working set's size from step to step (also {@link AggregatedLogistic}'s). */
    static final class Schedule {
        /**
         * The first working set's size, and the smallest (30: on AI4I's 7,500 rows the support has 7-17 columns,
         * and 50 columns made the Gram matrix of candidates that stay at zero about a third more of the solve).
         */
        static final int FIRST = 30;
        /** Candidates beyond the support, as a share of its size. */
        static final double SHARE = 0.25;
        int wanted = FIRST;
        double damping = 1.0;
        private double previousGap = Double.POSITIVE_INFINITY;

        /** After a step that descended or not, at the gap before it, on a working set of that size. */
        void after(boolean descended, double gap, int working) {
            // a model that did not describe the loss well enough to descend is made more conservative
            damping = descended ? Math.max(1.0, damping / 4) : damping * 4;
            // the working set doubles only while Newton steps stop closing the gap; otherwise it is pruned to the
            // support and SHARE of it in candidates (at least FIRST), since the curvature-weighted Gram matrix
            // of a larger one costs more at every step (early Newton steps close the gap slowly however large
            // the working set: doubling on slow progress only grew the Gram)
            wanted = gap > GROW * previousGap
                    ? Math.min(2 * Math.max(wanted, working), CoordinateDescentSolver.GRAM_LIMIT)
                    : FIRST;
            previousGap = gap;
        }
    }

    /**
     * The backtracking step from the objective at steps 2^−k (k = 0, 1, ...): the first that meets
     * Armijo's condition, else the lowest below P; near the optimum, where the change is below the
     * objective's round-off, the full step (it is accurate there, and taking it brings the gap down);
     * 0 when no step lowers the objective.
     */
    static double step(java.util.function.IntToDoubleFunction objective, double primal, double predicted) {
        double bestStep = 0;
        double best = primal;
        double step = 1.0;
        double full = Double.NaN;
        for (int k = 0; k < HALVINGS; k++) {
            double value = objective.applyAsDouble(k);
            if (k == 0) {
                full = value;
            }
            if (value < best) {
                best = value;
                bestStep = step;
                if (value <= primal + ARMIJO * step * Math.min(predicted, 0)) {
                    break;
                }
            }
            step *= 0.5;
        }
        if (bestStep == 0 && Math.abs(full - primal) <= ROUND_OFF * Math.abs(primal)) {
            return 1.0;
        }
        return bestStep;
    }

    /**
     * Candidates beyond the support in a block step's working set, as a share of the support, for a support of
     * {@code support} patterns that had {@code previous} before the last step (−1: none yet). The block Gram
     * matrix costs |W|² pairs of columns at every step: as many candidates as the support (the earlier rule)
     * made the late steps' Gram matrices four times the support's; half as many cost one or two more outer
     * steps early on, and once the support has stopped growing few candidates can enter
     * (bench --case multinomial).
     */
    static double blockShare(int previous, int support) {
        return previous >= 0 && support <= previous * (1 + SETTLED_GROWTH) ? SETTLED_SHARE : BLOCK_SHARE;
    }

    /** The patterns with a non-zero group in Z. */
    static int supportSize(double[] z, int outputs) {
        int count = 0;
        for (int j = 0; j < z.length / outputs; j++) {
            for (int c = 0; c < outputs; c++) {
                if (z[j * outputs + c] != 0) {
                    count++;
                    break;
                }
            }
        }
        return count;
    }

    /** Σ_j ‖Z_j‖₂ over all rows, or over the given rows. */
    static double groupNorm(double[] z, int outputs, int[] rows) {
        double sum = 0;
        int count = rows == null ? z.length / outputs : rows.length;
        for (int k = 0; k < count; k++) {
            int j = rows == null ? k : rows[k];
            double row = 0;
            for (int c = 0; c < outputs; c++) {
                row += z[j * outputs + c] * z[j * outputs + c];
            }
            sum += outputs == 1 ? Math.abs(z[j]) : Math.sqrt(row);
        }
        return sum;
    }
}
