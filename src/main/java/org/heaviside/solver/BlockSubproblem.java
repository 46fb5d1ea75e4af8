package org.heaviside.solver;

import org.heaviside.run.Cancellation;

/**
 * The quadratic model of a proximal Newton step with a d × d curvature block per row ({@link
 * ProximalNewton}, {@link MultinomialSolver}), on a working set of |W| patterns with d coordinates each:
 * min_Y Φ(Y) = −g·Δ + ½ Δᵀ K Δ + β Σ_k ‖y_k‖₂ with Δ = Y − Y₀, K the block Gram matrix ({@link
 * BlockGram}) and g = H_Wᵀθ the loss's negative gradient at Y₀.
 *
 * <p>State: Y and q = g − KΔ (the negative gradient of the smooth part, h_kᵀν for the model's dual
 * point ν_i = θ_i − A_i δ_i). Duality gap of the model: the per-row model m_i(δ) = −θ_i·δ + ½ δᵀA_iδ
 * has conjugate m_i*(u) = ½ (u + θ_i)ᵀ A_i⁻¹ (u + θ_i), so with s = min(1, β / max_k ‖q_k‖) the dual
 * objective is D = s·Y₀·q − ½ [(1 − s)² T + 2s(1 − s) g·Δ + s² Δ·(g − q)] with T = Σ_i θ_iᵀ A_i⁻¹ θ_i,
 * and P − D ≥ 0 vanishes at the model's optimum (all of it from |W|-sized vectors: no pass over the rows).
 *
 * <p>Method: block coordinate descent, each block minimised exactly (½ yᵀK_kk y − v·y + β‖y‖ has the
 * solution (K_kk + μI)⁻¹ v with μ = β/‖y‖, a scalar equation in μ solved on K_kk's eigenvalues), and after
 * each settled sweep a Newton step on the support (the Hessian K_SS + blockdiag(β/‖y_k‖ (I − u_k u_kᵀ)), Cholesky,
 * the blocks the step would carry through zero held at zero, backtracking on Φ), kept only if it lowers Φ. On a
 * support above the Newton limit, and below it where they cost less (few rows, many classes: {@link #CG_LEAST}),
 * the step is solved inexactly by conjugate gradients (products with K from the rows, {@link BlockGram#multiply};
 * preconditioned by the diagonal blocks coupled through one |S| × |S| matrix, {@link #precondition}) instead of
 * the factorisation.
 */
final class BlockSubproblem {

    /**
     * Newton steps on supports of up to this many coordinates factor the Hessian (cost (|S|·d)³/3); on larger ones
     * (a support at {@link ProximalNewton#BLOCK_LIMIT} or above, in the working sets of up to {@link
     * ProximalNewton#LARGE_SHARE} times it) they are solved by conjugate gradients. Before, larger supports took
     * Newton steps chunk by chunk, block Gauss–Seidel passes that converge slowly on correlated patterns (AI4I's
     * three-class {@code Type}, class-balanced, 2,000 rows: a support of 816 patterns, 1,632 coordinates, did not
     * converge in 200 s with chunks of 1,200, nor with coordinate descent alone above 1,200).
     */
    static final int NEWTON_LIMIT = ProximalNewton.BLOCK_LIMIT;
    /**
     * Newton steps after one sweep at most. Each factors the support's Hessian ((|S|·d)³/3); a sweep between two
     * of them costs |W|·|S|·d² and brings back the blocks that a step's line search set to zero, so one step
     * per settled sweep (bench --case multinomial, 2,000 rows: 43 factorisations in all, against 58 with four
     * steps on the same working sets, for the same objective).
     */
    static final int NEWTON_STEPS = 1;
    private static final double ARMIJO = 1e-4;
    private static final int HALVINGS = 30;
    /** Relative changes of Φ this small are round-off. */
    private static final double ROUND_OFF = 1e-13;

    private final int size;
    private final int d;
    private final int dim;
    private final double[] k;
    private final double[] g;
    private final double[] y0;
    private final double[] y;
    private final double[] q;
    private final double energy;
    private final double penalty;
    /** Per block: the eigenvalues of K_kk (d) and its eigenvectors (d × d, column a = vector a). */
    private final double[][] values;
    private final double[][] vectors;
    private final int newtonLimit;
    private final int threads;
    /** The conjugate gradients' relative residual at which a Newton step stops ({@link #FORCING}; a test's setting). */
    double forcing = FORCING;
    /**
     * Whether the conjugate gradients' preconditioner couples the blocks ({@link #coupling}; false: the blocks'
     * d × d diagonal blocks alone, block-Jacobi; a test's setting).
     */
    boolean coupled = true;
    /** The conjugate-gradient solves and iterations taken (a test's probes). */
    int conjugateSolves;
    int conjugateIterations;
    /** K_BB x for blocks B without reading K (null: the product with K). */
    private final Product product;

    /** out = K_BB x for the blocks B (positions in the working set) and x on them. */
    interface Product {
        void multiply(int[] blocks, double[] x, double[] out);

        /** The multiply-adds of one product on the blocks (about). */
        double work(int[] blocks);
    }

    /**
     * @param k      the block Gram matrix ((|W|·d)², row-major)
     * @param g      the negative gradient at Y₀ (|W|·d)
     * @param y0     the current weights (|W|·d, copied)
     * @param energy T = Σ_i θ_iᵀ A_i⁻¹ θ_i
     */
    BlockSubproblem(double[] k, double[] g, double[] y0, int d, double energy, double penalty) {
        this(k, g, y0, d, energy, penalty, NEWTON_LIMIT, 1);
    }

    /**
     * As above, with Newton steps on supports of at most {@code newtonLimit} coordinates, their Hessians
     * factored on {@code threads} threads.
     */
    BlockSubproblem(double[] k, double[] g, double[] y0, int d, double energy, double penalty, int newtonLimit,
                    int threads) {
        this(k, g, y0, d, energy, penalty, newtonLimit, threads, null);
    }

    /**
     * As above, the conjugate gradients' products with K by {@code product} (the same matrix, from the rows:
     * {@link BlockGram#multiply}) when not null.
     */
    BlockSubproblem(double[] k, double[] g, double[] y0, int d, double energy, double penalty, int newtonLimit,
                    int threads, Product product) {
        this.product = product;
        this.newtonLimit = newtonLimit;
        this.threads = threads;
        this.d = d;
        this.dim = y0.length;
        this.size = dim / d;
        this.k = k;
        this.g = g;
        this.y0 = y0.clone();
        this.y = y0.clone();
        this.q = g.clone();
        this.energy = energy;
        this.penalty = penalty;
        this.values = new double[size][];
        this.vectors = new double[size][];
        for (int b = 0; b < size; b++) {
            double[] block = new double[d * d];
            for (int r = 0; r < d; r++) {
                for (int s = 0; s < d; s++) {
                    block[r * d + s] = k[(b * d + r) * dim + b * d + s];
                }
            }
            vectors[b] = new double[d * d];
            values[b] = eigen(block, d, vectors[b]);
        }
    }

    /**
     * Sweeps (each followed by Newton steps on the support) until the model's gap is at most
     * {@code target}, the budget ends or the run is cancelled; returns the sweeps done.
     */
    int solve(double target, int budget, ConvergenceListener listener, int sweepsBefore, Cancellation cancellation) {
        int sweeps = 0;
        double previous = objective();
        double previousGap = gap();
        while (sweeps < budget && !cancellation.isCancelled()) {
            boolean settled = sweep();
            sweeps++;
            listener.sweep(sweepsBefore + sweeps, objective(), Double.NaN);
            if (gap() <= target) {
                break;
            }
            if (settled) {
                for (int step = 0; step < NEWTON_STEPS && newton(cancellation); step++) {
                    if (gap() <= target) {
                        return sweeps;
                    }
                }
            }
            double now = objective();
            double nowGap = gap();
            if (!(now < previous) && !(nowGap < previousGap)) {
                // nothing moves any more: the model is solved to round-off
                break;
            }
            previous = now;
            previousGap = nowGap;
        }
        return sweeps;
    }

    /** The weights Y (|W|·d; the caller must not change them). */
    double[] weights() {
        return y;
    }

    /** Φ(Y) = −½ g·Δ − ½ Δ·q + β Σ‖y_k‖ (the smooth part is −g·Δ + ½Δ·(g − q)). */
    double objective() {
        double sum = 0;
        for (int t = 0; t < dim; t++) {
            double delta = y[t] - y0[t];
            sum -= 0.5 * delta * (g[t] + q[t]);
        }
        return sum + penalty * norms(y);
    }

    /** The model's duality gap P − D (see the class comment). */
    double gap() {
        double largest = 0;
        for (int b = 0; b < size; b++) {
            largest = Math.max(largest, norm(q, b));
        }
        double s = largest > penalty ? penalty / largest : 1.0;
        double startDotQ = 0;
        double gDelta = 0;
        double deltaK = 0;
        for (int t = 0; t < dim; t++) {
            double delta = y[t] - y0[t];
            startDotQ += y0[t] * q[t];
            gDelta += g[t] * delta;
            deltaK += delta * (g[t] - q[t]);
        }
        double dual = s * startDotQ - 0.5 * ((1 - s) * (1 - s) * energy + 2 * s * (1 - s) * gDelta + s * s * deltaK);
        return objective() - dual;
    }

    /** One pass of exact block minimisations over the working set; true when no block entered or left the support. */
    private boolean sweep() {
        boolean settled = true;
        double[] v = new double[d];
        double[] next = new double[d];
        double[] change = new double[d];
        for (int b = 0; b < size; b++) {
            int base = b * d;
            // v = q_b + K_bb y_b: the linear term of the block's problem with the others fixed
            for (int r = 0; r < d; r++) {
                double sum = q[base + r];
                int row = (base + r) * dim + base;
                for (int s = 0; s < d; s++) {
                    sum += k[row + s] * y[base + s];
                }
                v[r] = sum;
            }
            minimizeBlock(b, v, next);
            boolean moved = false;
            boolean was = false;
            boolean is = false;
            for (int r = 0; r < d; r++) {
                change[r] = next[r] - y[base + r];
                moved |= change[r] != 0;
                was |= y[base + r] != 0;
                is |= next[r] != 0;
            }
            if (moved) {
                move(b, change);
            }
            settled &= was == is;
        }
        return settled;
    }

    /** y_b += change and q −= K_{·b} change. */
    private void move(int b, double[] change) {
        int base = b * d;
        for (int r = 0; r < d; r++) {
            y[base + r] += change[r];
        }
        // K is symmetric: column block b is row block b
        for (int r = 0; r < d; r++) {
            double c = change[r];
            if (c == 0) {
                continue;
            }
            int row = (base + r) * dim;
            for (int t = 0; t < dim; t++) {
                q[t] -= k[row + t] * c;
            }
        }
    }

    /**
     * argmin ½ yᵀ K_bb y − v·y + β‖y‖ into {@code out}: 0 when ‖v‖ ≤ β, else y = (K_bb + μI)⁻¹ v with
     * ψ(μ) = Σ_a (v'_a μ / (λ_a + μ))² = β² (v' = Uᵀv on the eigenvectors U, eigenvalues λ); ψ rises in
     * μ and the root lies between βλ_min / (‖v‖ − β) and βλ_max / (‖v‖ − β).
     */
    private void minimizeBlock(int b, double[] v, double[] out) {
        double vNorm = 0;
        for (double value : v) {
            vNorm += value * value;
        }
        vNorm = Math.sqrt(vNorm);
        if (vNorm <= penalty) {
            java.util.Arrays.fill(out, 0.0);
            return;
        }
        double[] lambda = values[b];
        double[] u = vectors[b];
        double[] rotated = new double[d];
        double smallest = Double.POSITIVE_INFINITY;
        double largest = 0;
        for (int a = 0; a < d; a++) {
            double sum = 0;
            for (int r = 0; r < d; r++) {
                sum += u[r * d + a] * v[r];
            }
            rotated[a] = sum;
            smallest = Math.min(smallest, lambda[a]);
            largest = Math.max(largest, lambda[a]);
        }
        double excess = vNorm - penalty;
        double low = penalty * Math.max(smallest, 0) / excess;
        double high = penalty * largest / excess;
        double mu = 0.5 * (low + high);
        if (high > low) {
            // Newton on ψ(μ) − β² kept inside the bracket (bisection when it leaves it)
            for (int iteration = 0; iteration < 60; iteration++) {
                double psi = 0;
                double slope = 0;
                for (int a = 0; a < d; a++) {
                    double ratio = mu / (lambda[a] + mu);
                    double term = rotated[a] * ratio;
                    psi += term * term;
                    // d/dμ (v μ/(λ+μ))² = 2 v² μ λ / (λ+μ)³
                    slope += 2 * rotated[a] * rotated[a] * ratio * lambda[a] / ((lambda[a] + mu) * (lambda[a] + mu));
                }
                double residual = psi - penalty * penalty;
                if (residual > 0) {
                    high = mu;
                } else {
                    low = mu;
                }
                double next = slope > 0 ? mu - residual / slope : Double.NaN;
                if (!(next > low && next < high)) {
                    next = 0.5 * (low + high);
                }
                if (Math.abs(next - mu) <= 1e-15 * mu || high - low <= 1e-15 * high) {
                    mu = next;
                    break;
                }
                mu = next;
            }
        }
        for (int r = 0; r < d; r++) {
            double sum = 0;
            for (int a = 0; a < d; a++) {
                sum += u[r * d + a] * rotated[a] / (lambda[a] + mu);
            }
            out[r] = sum;
        }
    }

    /**
     * A Newton step on the support, true when it lowered Φ (factored up to {@link #newtonLimit} coordinates, by
     * conjugate gradients above). A cancelled run stops at hold rounds, the factorisations' panels and the
     * conjugate gradients' iterations (the step in hand is discarded).
     */
    private boolean newton(Cancellation cancellation) {
        int[] support = new int[size];
        int count = 0;
        for (int b = 0; b < size; b++) {
            if (norm(y, b) > 0) {
                support[count++] = b;
            }
        }
        return !cancellation.isCancelled() && newton(java.util.Arrays.copyOf(support, count), cancellation);
    }

    /**
     * One Newton step on the blocks {@code support} (all in the support) with backtracking on Φ; true when
     * it lowered Φ. Direction: the Hessian of Φ on them, K_SS + blockdiag(β/‖y_k‖ (I − u_k u_kᵀ)), times the
     * step = −(its gradient −q_k + β u_k), with the blocks it would carry through zero held at zero instead
     * (x_k = −y_k). The model of a small block's norm, β/‖y‖(I − uuᵀ), has no curvature along u, so its step
     * along −u can be many times ‖y‖; the backtracking then cut the whole step to the length that kept that
     * block's sign (steps of 2⁻⁸ to 2⁻¹⁴ on AI4I's three-class {@code Type}, class-balanced, 2,000 rows),
     * where the held step moves the others as far as the model says. A few crossing blocks are held on the
     * same factor ({@link #holdOnFactor}); many (more than {@link #HELD_SHARE} of the free blocks) leave
     * the system, which is factored again without them. When the held step is not a descent direction (blocks
     * on the edge of the support, ‖q_k‖ ≈ β, whose hold the others cannot make up for), the plain Newton step
     * (its slope −gᵀH⁻¹g is negative) is searched instead.
     */
    private boolean newton(int[] support, Cancellation cancellation) {
        int count = support.length;
        int m = count * d;
        if (count == 0) {
            return false;
        }
        double[] gradient = supportGradient(support);
        double[] unheld = new double[m];
        double[] step = direction(support, gradient, HELD_SHARE, cancellation, unheld);
        if (step == null) {
            return false;
        }
        double slope = SupportAlgebra.dot(gradient, step, m);
        if (!(slope < 0)) {
            // holding the crossing blocks at zero would raise Φ (Φ is convex, so along the whole held step):
            // the plain Newton step instead, each crossing block stopped at zero by the backtracking. Before, no
            // step was taken, and every later sweep factored the same Hessian for the same held step (one fold of
            // AI4I's three-class Type, class-balanced, at ratio 0.1: 200 factorisations per model, no progress)
            step = unheld;
            slope = SupportAlgebra.dot(gradient, step, m);
        }
        if (!(slope < 0)) {
            return false;
        }
        double before = 0;
        for (int a = 0; a < count; a++) {
            before += norm(y, support[a]);
        }
        before *= penalty;
        // backtracking along the step, each block that the step would carry through zero stopped at zero
        // (the kink of its norm: such a block is leaving the support)
        double t = 1.0;
        double[] delta = new double[m];
        for (int halving = 0; halving < HALVINGS; halving++) {
            double after = 0;
            double linear = 0;
            for (int a = 0; a < count; a++) {
                int base = support[a] * d;
                double along = 0;
                for (int r = 0; r < d; r++) {
                    along += y[base + r] * (y[base + r] + t * step[a * d + r]);
                }
                double sum = 0;
                for (int r = 0; r < d; r++) {
                    double value = along > 0 ? y[base + r] + t * step[a * d + r] : 0.0;
                    delta[a * d + r] = value - y[base + r];
                    sum += value * value;
                    linear += q[base + r] * delta[a * d + r];
                }
                after += Math.sqrt(sum);
            }
            double change = -linear + 0.5 * quadraticForm(support, count, delta) + penalty * after - before;
            // near the model's optimum the change is below Φ's round-off: the full step is accurate there
            boolean roundOff = t == 1.0 && Math.abs(change) <= ROUND_OFF * (Math.abs(objective()) + before);
            if (change <= ARMIJO * t * slope || roundOff) {
                double[] part = new double[d];
                for (int a = 0; a < count; a++) {
                    System.arraycopy(delta, a * d, part, 0, d);
                    move(support[a], part);
                }
                return true;
            }
            t *= 0.5;
        }
        return false;
    }


    /** The gradient of Φ on the blocks {@code support} (all in the support): −q_k + β u_k. */
    private double[] supportGradient(int[] support) {
        double[] gradient = new double[support.length * d];
        for (int a = 0; a < support.length; a++) {
            int ba = support[a];
            double yNorm = norm(y, ba);
            for (int r = 0; r < d; r++) {
                gradient[a * d + r] = -q[ba * d + r] + penalty * y[ba * d + r] / yNorm;
            }
        }
        return gradient;
    }

    /**
     * The step {@link #newton(int[], Cancellation)} takes on the blocks {@code support} before its line search,
     * crossing blocks held on the factor while at most {@code heldShare} of the free ones, else out of a new factor
     * (a test's view).
     */
    double[] newtonStep(int[] support, double heldShare) {
        return direction(support, supportGradient(support), heldShare, Cancellation.NEVER, null);
    }

    /**
     * The slope of the plain Newton step on the blocks {@code support} (nothing held: −H⁻¹ times the gradient of Φ
     * there, by conjugate gradients above the Newton limit), the gradient of Φ times the step (a test's view).
     */
    double plainSlope(int[] support) {
        double[] gradient = supportGradient(support);
        double[] plain = new double[gradient.length];
        direction(support, gradient, HELD_SHARE, Cancellation.NEVER, plain);
        return SupportAlgebra.dot(gradient, plain, plain.length);
    }

    /**
     * One Newton step on the blocks {@code support} (all in the support) with its line search, as the solve takes
     * it after a settled sweep; true when it lowered Φ (a test's view).
     */
    boolean newtonOn(int[] support) {
        return newton(support, Cancellation.NEVER);
    }

    /**
     * The Newton direction on the blocks {@code support}, those it would carry through zero held at zero (see
     * {@link #newton(int[], Cancellation)}); null when the Hessian is not positive definite or the run is cancelled.
     * The plain step, −H⁻¹ times the gradient on all of them, goes into {@code unheld} (when not null).
     */
    private double[] direction(int[] support, double[] gradient, double heldShare, Cancellation cancellation,
                               double[] unheld) {
        int count = support.length;
        int m = count * d;
        boolean[] held = new boolean[count];
        double[] step = null;
        for (int round = 0; round < HOLD_ROUNDS && !cancellation.isCancelled(); round++) {
            int[] free = new int[count];
            int freeCount = 0;
            for (int a = 0; a < count; a++) {
                if (!held[a]) {
                    free[freeCount++] = a;
                }
            }
            free = java.util.Arrays.copyOf(free, freeCount);
            if (freeCount == 0) {
                break;
            }
            // x_F = −H_FF⁻¹ (gradient_F + H_FC x_C) with x_C = −y_C
            int mf = freeCount * d;
            boolean forced = mf > newtonLimit;
            int iterations = forced ? CG_ITERATIONS : affordableIterations(support, free);
            boolean iterative = iterations > 0;
            double[] rhs = new double[mf];
            for (int f = 0; f < freeCount; f++) {
                int bf = support[free[f]];
                for (int r = 0; r < d; r++) {
                    double sum = gradient[free[f] * d + r];
                    int kRow = (bf * d + r) * dim;
                    for (int c = 0; c < count; c++) {
                        if (held[c]) {
                            int kBase = kRow + support[c] * d;
                            for (int s = 0; s < d; s++) {
                                sum -= k[kBase + s] * y[support[c] * d + s];
                            }
                        }
                    }
                    rhs[f * d + r] = sum;
                }
            }
            double[] start = null;
            if (iterative && step != null) {
                // the last round's step on the blocks still free: the solve starts there
                start = new double[mf];
                for (int f = 0; f < freeCount; f++) {
                    for (int r = 0; r < d; r++) {
                        start[f * d + r] = -step[free[f] * d + r];
                    }
                }
            }
            double[] freeStep = iterative
                    ? conjugateGradient(support, free, rhs, start, iterations, !forced, cancellation) : null;
            double[][] factor = null;
            if (freeStep == null && !forced && !(iterative && cancellation.isCancelled())) {
                // below the Newton limit, conjugate gradients that do not converge within the factorisation's cost
                // give way to it
                iterative = false;
                factor = freeHessian(support, free, cancellation);
                if (factor != null) {
                    freeStep = GramSubproblem.solveFactored(factor, rhs, mf);
                }
            }
            if (freeStep == null) {
                break;
            }
            for (int i = 0; i < mf; i++) {
                freeStep[i] = -freeStep[i];
            }
            if (round == 0 && unheld != null) {
                System.arraycopy(freeStep, 0, unheld, 0, mf);
            }
            if (!iterative) {
                freeStep = holdOnFactor(support, free, factor, freeStep, heldShare, cancellation);
            }
            step = new double[m];
            for (int a = 0; a < count; a++) {
                if (held[a]) {
                    for (int r = 0; r < d; r++) {
                        step[a * d + r] = -y[support[a] * d + r];
                    }
                }
            }
            for (int f = 0; f < freeCount; f++) {
                System.arraycopy(freeStep, f * d, step, free[f] * d, d);
            }
            int[] crossing = crossing(support, free, freeStep);
            // without a factor every crossing block leaves the system, which is solved again without it
            if (crossing.length <= (iterative ? 0 : heldShare) * freeCount) {
                break;
            }
            for (int f : crossing) {
                held[free[f]] = true;
            }
        }
        return cancellation.isCancelled() ? null : step;
    }

    /**
     * Crossing blocks held on the current factor by {@link #holdOnFactor} at most this share of the free
     * blocks (each costs d solves with the factor); more are taken out of the system and it is factored again.
     */
    static final double HELD_SHARE = 0.125;
    /** Rounds of holding (a held block changes the others' step, which may carry more through zero). */
    static final int HOLD_ROUNDS = 3;
    /** The conjugate gradients' relative residual at which an inexact Newton step stops. */
    static final double FORCING = 1e-2;
    /**
     * A multiply-add of a product from the rows ({@link BlockGram#multiply}: scattered reads) costs about this many of
     * the factorisation's (its 4 × 2 register tiles on two threads).
     */
    static final double PRODUCT_COST = 5;
    /**
     * Below the Newton limit, a Newton step is solved by conjugate gradients when at least this many iterations
     * cost less than the factorisation, and factored when they do not converge within that cost. Ten classes, 300
     * rows, supports of about 1,800 coordinates: about 100 iterations per step, up to 650 affordable (the run's
     * processor time 9.5 s against 13.4 s factored, load 5); three classes on 1,500 rows: 150 affordable at 1,900
     * coordinates, and 500 iterations did not converge there (the factorisation is kept).
     */
    static final int CG_LEAST = 300;
    /** Conjugate-gradient iterations per Newton step at most. */
    static final int CG_ITERATIONS = 500;

    /**
     * The Hessian of Φ on the blocks support[free], factored (Cholesky, lower rows); null if not positive definite
     * or cancelled.
     */
    private double[][] freeHessian(int[] support, int[] free, Cancellation cancellation) {
        int count = free.length;
        int m = count * d;
        double[][] hessian = new double[m][];
        double trace = 0;
        for (int a = 0; a < count; a++) {
            int ba = support[free[a]];
            double yNorm = norm(y, ba);
            for (int r = 0; r < d; r++) {
                int i = a * d + r;
                double[] row = new double[i + 1];
                int kRow = (ba * d + r) * dim;
                for (int c = 0; c <= a; c++) {
                    int bc = support[free[c]];
                    for (int s = 0; s < d && c * d + s <= i; s++) {
                        row[c * d + s] = k[kRow + bc * d + s];
                    }
                }
                for (int s = 0; s <= r; s++) {
                    row[a * d + s] += normCurvature(ba, yNorm, r, s);
                }
                hessian[i] = row;
                trace += row[i];
            }
        }
        double ridge = 1e-12 * trace / m;
        for (int i = 0; i < m; i++) {
            hessian[i][i] += ridge;
        }
        return PanelCholesky.factor(hessian, threads, cancellation) ? hessian : null;
    }

    /**
     * The conjugate-gradient iterations on the blocks support[free] that cost as much as their factorisation
     * ((|F|·d)³/3 multiply-adds, against {@link #PRODUCT_COST} times a product's from the rows each and the
     * preconditioner's solve), at most
     * {@link #CG_ITERATIONS}; 0 when fewer than {@link #CG_LEAST} (the factorisation is then taken at once) or
     * without products from the rows.
     */
    private int affordableIterations(int[] support, int[] free) {
        if (product == null) {
            return 0;
        }
        int[] blocks = new int[free.length];
        for (int f = 0; f < free.length; f++) {
            blocks[f] = support[free[f]];
        }
        double m = free.length * d;
        double count = free.length;
        // the coupled preconditioner: its factor (|F|³/3) once, d solves with it (2·d·|F|²) per iteration; ten
        // classes, about 190 patterns: about a fifth of a product from the rows
        double setup = coupled ? count * count * count / 3 : 0;
        double solves = coupled ? 2 * d * count * count : 0;
        double iterations = (m * m * m / 3 - setup) / (PRODUCT_COST * product.work(blocks) + solves);
        return iterations < CG_LEAST ? 0 : (int) Math.min(iterations, CG_ITERATIONS);
    }

    /** Entry (r, s) of the Hessian of β‖y_b‖, β/‖y_b‖ (I − u uᵀ) with u = y_b/‖y_b‖ ({@code yNorm} = ‖y_b‖). */
    private double normCurvature(int b, double yNorm, int r, int s) {
        double ur = y[b * d + r] / yNorm;
        double us = y[b * d + s] / yNorm;
        return penalty / yNorm * ((r == s ? 1 : 0) - ur * us);
    }

    /**
     * H_FF⁻¹ rhs, inexactly, for the Hessian of Φ on the blocks support[free] (the matrix {@link #freeHessian}
     * factors, with its ridge), by conjugate gradients preconditioned by H's d × d diagonal blocks coupled by their
     * traces' correlations ({@link #precondition}; one |F| × |F| factor serves all d coordinates): each
     * iteration is one product with K_FF (from the rows when the solve has {@link Product}, else with K: m²
     * multiply-adds, where a factorisation costs m³/3), and it stops when the residual is at most {@link #forcing}
     * of ‖rhs‖ or after {@code iterations}. Started at 0, every iterate x has rhs·x &gt; 0: the step −x descends
     * whatever the iteration it stops at; a hold round starts at the last round's step ({@code start}, null: 0)
     * where the model is below its value at 0 there (else at 0), which keeps that property.
     * Null when cancelled, when H is not positive definite along the first direction, or, with {@code converge},
     * when the residual did not reach its target.
     */
    private double[] conjugateGradient(int[] support, int[] free, double[] rhs, double[] start, int iterations,
                                       boolean converge, Cancellation cancellation) {
        int count = free.length;
        int m = count * d;
        int[] blocks = new int[count];
        double[][][] preconditioner = new double[count][][];
        double trace = 0;
        for (int f = 0; f < count; f++) {
            int b = support[free[f]];
            blocks[f] = b;
            double yNorm = norm(y, b);
            double[][] block = new double[d][];
            for (int r = 0; r < d; r++) {
                block[r] = new double[r + 1];
                for (int s = 0; s <= r; s++) {
                    block[r][s] = k[(b * d + r) * dim + b * d + s] + normCurvature(b, yNorm, r, s);
                }
                trace += block[r][r];
            }
            preconditioner[f] = block;
        }
        double ridge = 1e-12 * trace / m;
        for (double[][] block : preconditioner) {
            for (int r = 0; r < d; r++) {
                block[r][r] += ridge;
            }
            if (!GramSubproblem.factor(block)) {
                return null;
            }
        }
        // a coupling that round-off makes indefinite (patterns differing in a row or two) leaves the blocks alone
        double[][] coupling = coupled ? coupling(blocks, preconditioner, cancellation) : null;
        if (cancellation.isCancelled()) {
            return null;
        }
        conjugateSolves++;
        double[] x = new double[m];
        double[] r = rhs.clone();
        double[] hp = new double[m];
        boolean warm = false;
        if (start != null) {
            hessianProduct(blocks, start, ridge, hp);
            // the start is taken only where the model q(x) = ½ xᵀHx − rhsᵀx is below q(0) = 0 there: the iterates
            // then keep q < 0, so rhs·x > 0 and the step −x descends wherever they stop (a hold round's rhs
            // is not the one the last round's step was solved for)
            if (0.5 * SupportAlgebra.dot(start, hp, m) - SupportAlgebra.dot(rhs, start, m) < 0) {
                System.arraycopy(start, 0, x, 0, m);
                SupportAlgebra.add(r, -1.0, hp, m);
                warm = true;
            }
        }
        double[] z = precondition(preconditioner, coupling, r);
        double[] p = z.clone();
        double rz = SupportAlgebra.dot(r, z, m);
        double limit = forcing * forcing * SupportAlgebra.dot(rhs, rhs, m);
        boolean converged = false;
        for (int iteration = 0; iteration < iterations && !cancellation.isCancelled(); iteration++) {
            hessianProduct(blocks, p, ridge, hp);
            conjugateIterations++;
            double curvature = SupportAlgebra.dot(p, hp, m);
            if (!(curvature > 0)) {
                return (iteration == 0 && !warm) || converge ? null : x;
            }
            double alpha = rz / curvature;
            SupportAlgebra.add(x, alpha, p, m);
            SupportAlgebra.add(r, -alpha, hp, m);
            if (SupportAlgebra.dot(r, r, m) <= limit) {
                converged = true;
                break;
            }
            z = precondition(preconditioner, coupling, r);
            double next = SupportAlgebra.dot(r, z, m);
            double ratio = next / rz;
            rz = next;
            for (int i = 0; i < m; i++) {
                p[i] = z[i] + ratio * p[i];
            }
        }
        return cancellation.isCancelled() || (converge && !converged) ? null : x;
    }

    /**
     * The factor of C, the blocks' coupling: C_ab = tr(K_ab) / (d·√(m_a m_b)) for a ≠ b, 1 on the diagonal, with
     * m_a = tr(D_a) / d the mean diagonal of block a's part of the Hessian (D_a = L_a L_aᵀ, {@code factors}). The
     * matrix of the tr(K_ab)/d and the m_a is the mean of the d principal submatrices of the Hessian that take one
     * coordinate from every block (positive definite), so C is. Null when round-off makes it indefinite or when
     * cancelled.
     */
    private double[][] coupling(int[] blocks, double[][][] factors, Cancellation cancellation) {
        int count = blocks.length;
        double[] scale = new double[count];
        for (int f = 0; f < count; f++) {
            double sum = 0;
            for (int r = 0; r < d; r++) {
                for (int s = 0; s <= r; s++) {
                    sum += factors[f][r][s] * factors[f][r][s];
                }
            }
            scale[f] = 1 / Math.sqrt(sum / d);
        }
        double[][] c = new double[count][];
        for (int a = 0; a < count; a++) {
            c[a] = new double[a + 1];
            int rowBase = blocks[a] * d;
            for (int b = 0; b < a; b++) {
                int colBase = blocks[b] * d;
                double sum = 0;
                for (int r = 0; r < d; r++) {
                    sum += k[(rowBase + r) * dim + colBase + r];
                }
                c[a][b] = sum / d * scale[a] * scale[b];
            }
            c[a][a] = 1.0;
        }
        return PanelCholesky.factor(c, threads, cancellation) ? c : null;
    }

    /**
     * The preconditioner's solve, with P = L (C ⊗ I) Lᵀ (L the blocks' d × d factors, C the coupling of {@link
     * #coupling}; null: block-Jacobi, C = I). P is exact when every row's curvature block is one matrix A times
     * the row's weight and the norms' curvature is 0, since then K_ab = G_ab A (G the weighted Gram matrix of the
     * patterns) and L_a C_ab L_bᵀ = G_ab A: the Kronecker structure of Böhning's bound, ½(I − 11ᵀ/C) per row on the
     * outputs, which is ½I on the zero-sum coordinates of {@link CenteredBasis}. The block-Jacobi preconditioner
     * (C = I) leaves out the patterns' overlaps, which is where the Newton systems of many correlated patterns are
     * ill-conditioned: ten classes, 300 rows, about 1,700 coordinates: about 53 iterations per Newton step against
     * 113 (the ten-class paper run: 2,490 against 4,641 in all).
     */
    private double[] precondition(double[][][] factors, double[][] coupling, double[] r) {
        int count = factors.length;
        double[] out = new double[r.length];
        double[] part = new double[d];
        if (coupling == null) {
            for (int f = 0; f < count; f++) {
                System.arraycopy(r, f * d, part, 0, d);
                System.arraycopy(GramSubproblem.solveFactored(factors[f], part, d), 0, out, f * d, d);
            }
            return out;
        }
        // L⁻¹ r block by block
        for (int f = 0; f < count; f++) {
            double[][] l = factors[f];
            for (int a = 0; a < d; a++) {
                double sum = r[f * d + a];
                for (int b = 0; b < a; b++) {
                    sum -= l[a][b] * out[f * d + b];
                }
                out[f * d + a] = sum / l[a][a];
            }
        }
        // (C⁻¹ ⊗ I): the same S × S solve for each of the d coordinates
        double[] column = new double[count];
        for (int a = 0; a < d; a++) {
            for (int f = 0; f < count; f++) {
                column[f] = out[f * d + a];
            }
            double[] solved = GramSubproblem.solveFactored(coupling, column, count);
            for (int f = 0; f < count; f++) {
                out[f * d + a] = solved[f];
            }
        }
        // L⁻ᵀ block by block
        for (int f = 0; f < count; f++) {
            double[][] l = factors[f];
            for (int a = d - 1; a >= 0; a--) {
                double sum = out[f * d + a];
                for (int b = a + 1; b < d; b++) {
                    sum -= l[b][a] * out[f * d + b];
                }
                out[f * d + a] = sum / l[a][a];
            }
        }
        return out;
    }

    /** out = H x on the blocks {@code blocks}: K's rows and columns of them, the norms' curvature and the ridge. */
    private void hessianProduct(int[] blocks, double[] x, double ridge, double[] out) {
        int count = blocks.length;
        if (product != null) {
            product.multiply(blocks, x, out);
            for (int f = 0; f < count; f++) {
                int b = blocks[f];
                double yNorm = norm(y, b);
                for (int r = 0; r < d; r++) {
                    double sum = 0;
                    for (int s = 0; s < d; s++) {
                        sum += normCurvature(b, yNorm, r, s) * x[f * d + s];
                    }
                    out[f * d + r] += sum + ridge * x[f * d + r];
                }
            }
            return;
        }
        BitKernels.run(count, threads, 32, "the Newton step", (from, to) -> {
            for (int f = from; f < to; f++) {
                int b = blocks[f];
                double yNorm = norm(y, b);
                for (int r = 0; r < d; r++) {
                    int kRow = (b * d + r) * dim;
                    double sum = 0;
                    for (int c = 0; c < count; c++) {
                        int kBase = kRow + blocks[c] * d;
                        int xBase = c * d;
                        for (int s = 0; s < d; s++) {
                            sum += k[kBase + s] * x[xBase + s];
                        }
                    }
                    for (int s = 0; s < d; s++) {
                        sum += normCurvature(b, yNorm, r, s) * x[f * d + s];
                    }
                    out[f * d + r] = sum + ridge * x[f * d + r];
                }
            }
        });
    }

    /** The positions f of the free blocks that {@code freeStep} carries through zero (y·(y + x) ≤ 0). */
    private int[] crossing(int[] support, int[] free, double[] freeStep) {
        int[] out = new int[free.length];
        int count = 0;
        for (int f = 0; f < free.length; f++) {
            int base = support[free[f]] * d;
            double along = 0;
            for (int r = 0; r < d; r++) {
                along += y[base + r] * (y[base + r] + freeStep[f * d + r]);
            }
            if (along <= 0) {
                out[count++] = f;
            }
        }
        return java.util.Arrays.copyOf(out, count);
    }

    /**
     * The step on the free blocks with those it carries through zero held at zero, x_C = −y_C, while they are
     * few: the minimiser of the same quadratic model on that affine set, x = x₀ − H⁻¹E λ with (EᵀH⁻¹E) λ =
     * x₀_C + y_C (E the held coordinates, H factored), in rounds (holding some moves the others). Returns
     * {@code step} when none or too many cross (the caller then holds those out of a new factor).
     */
    private double[] holdOnFactor(int[] support, int[] free, double[][] factor, double[] step,
                                  double heldShare, Cancellation cancellation) {
        int m = free.length * d;
        int[] held = new int[0];
        double[][] columns = new double[0][];
        double[] result = step;
        for (int round = 0; round < HOLD_ROUNDS && !cancellation.isCancelled(); round++) {
            int[] crossing = crossing(support, free, result);
            int[] next = java.util.Arrays.copyOf(held, held.length + crossing.length);
            int added = 0;
            for (int f : crossing) {
                if (!contains(held, f)) {
                    next[held.length + added++] = f;
                }
            }
            if (added == 0 || held.length + added > heldShare * free.length) {
                break;
            }
            held = java.util.Arrays.copyOf(next, held.length + added);
            int c = held.length * d;
            // z_e = L⁻¹e_e (H = LLᵀ), so EᵀH⁻¹E = ZᵀZ and H⁻¹Eλ = L⁻ᵀ(Zλ)
            double[][] grown = java.util.Arrays.copyOf(columns, c);
            for (int e = columns.length; e < c; e++) {
                grown[e] = PanelCholesky.forwardUnit(factor, held[e / d] * d + e % d);
            }
            columns = grown;
            double[][] schur = new double[c][];
            double[] rhs = new double[c];
            for (int e = 0; e < c; e++) {
                schur[e] = new double[e + 1];
                for (int f = 0; f <= e; f++) {
                    double sum = 0;
                    double[] ze = columns[e];
                    double[] zf = columns[f];
                    for (int i = Math.max(held[e / d] * d + e % d, held[f / d] * d + f % d); i < m; i++) {
                        sum += ze[i] * zf[i];
                    }
                    schur[e][f] = sum;
                }
                rhs[e] = step[held[e / d] * d + e % d] + y[support[free[held[e / d]]] * d + e % d];
            }
            if (!GramSubproblem.factor(schur)) {
                break;
            }
            double[] lambda = GramSubproblem.solveFactored(schur, rhs, c);
            double[] correction = new double[m];
            for (int e = 0; e < c; e++) {
                double[] column = columns[e];
                double l = lambda[e];
                for (int i = held[e / d] * d + e % d; i < m; i++) {
                    correction[i] += column[i] * l;
                }
            }
            PanelCholesky.backward(factor, correction);
            double[] moved = step.clone();
            for (int i = 0; i < m; i++) {
                moved[i] -= correction[i];
            }
            // exactly at zero (round-off would leave a tiny block in the support)
            for (int f : held) {
                for (int r = 0; r < d; r++) {
                    moved[f * d + r] = -y[support[free[f]] * d + r];
                }
            }
            result = moved;
        }
        return result;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    /** δᵀ K_SS δ for δ on the support's blocks. */
    private double quadraticForm(int[] support, int count, double[] delta) {
        double total = 0;
        for (int a = 0; a < count; a++) {
            for (int r = 0; r < d; r++) {
                double da = delta[a * d + r];
                if (da == 0) {
                    continue;
                }
                int kRow = (support[a] * d + r) * dim;
                double sum = 0;
                for (int c = 0; c < count; c++) {
                    int kBase = kRow + support[c] * d;
                    for (int s = 0; s < d; s++) {
                        sum += k[kBase + s] * delta[c * d + s];
                    }
                }
                total += da * sum;
            }
        }
        return total;
    }

    private double norms(double[] v) {
        double sum = 0;
        for (int b = 0; b < size; b++) {
            sum += norm(v, b);
        }
        return sum;
    }

    private double norm(double[] v, int b) {
        double sum = 0;
        for (int r = 0; r < d; r++) {
            sum += v[b * d + r] * v[b * d + r];
        }
        return Math.sqrt(sum);
    }

    /**
     * Eigenvalues of the symmetric d × d {@code a} (row-major, destroyed) by cyclic Jacobi rotations;
     * the eigenvectors go into the columns of {@code vectors}.
     */
    static double[] eigen(double[] a, int d, double[] vectors) {
        java.util.Arrays.fill(vectors, 0.0);
        for (int r = 0; r < d; r++) {
            vectors[r * d + r] = 1;
        }
        for (int sweep = 0; sweep < 50; sweep++) {
            double off = 0;
            double diagonal = 0;
            for (int r = 0; r < d; r++) {
                diagonal += a[r * d + r] * a[r * d + r];
                for (int s = r + 1; s < d; s++) {
                    off += a[r * d + s] * a[r * d + s];
                }
            }
            if (off <= 1e-30 * diagonal || off == 0) {
                break;
            }
            for (int p = 0; p < d; p++) {
                for (int r = p + 1; r < d; r++) {
                    double apr = a[p * d + r];
                    if (apr == 0) {
                        continue;
                    }
                    double theta = (a[r * d + r] - a[p * d + p]) / (2 * apr);
                    double t = (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int x = 0; x < d; x++) {
                        double xp = a[x * d + p];
                        double xr = a[x * d + r];
                        a[x * d + p] = c * xp - s * xr;
                        a[x * d + r] = s * xp + c * xr;
                    }
                    for (int x = 0; x < d; x++) {
                        double px = a[p * d + x];
                        double rx = a[r * d + x];
                        a[p * d + x] = c * px - s * rx;
                        a[r * d + x] = s * px + c * rx;
                    }
                    for (int x = 0; x < d; x++) {
                        double xp = vectors[x * d + p];
                        double xr = vectors[x * d + r];
                        vectors[x * d + p] = c * xp - s * xr;
                        vectors[x * d + r] = s * xp + c * xr;
                    }
                }
            }
        }
        double[] values = new double[d];
        for (int r = 0; r < d; r++) {
            values[r] = a[r * d + r];
        }
        return values;
    }
}
