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
 * backtracking on Φ), kept only if they lower Φ.
 */
final class BlockSubproblem {

    /** Supports of more than this many coordinates are not polished by Newton steps (cost |S|³d³). */
    static final int NEWTON_LIMIT = 1200;
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

    /**
     * @param k      the block Gram matrix ((|W|·d)², row-major)
     * @param g      the negative gradient at Y₀ (|W|·d)
     * @param y0     the current weights (|W|·d, copied)
     * @param energy T = Σ_i θ_iᵀ A_i⁻¹ θ_i
     */
    BlockSubproblem(double[] k, double[] g, double[] y0, int d, double energy, double penalty) {
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
                for (int step = 0; step < NEWTON_STEPS && newton(); step++) {
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
     * One Newton step on the support with backtracking on Φ; true when it lowered Φ. Direction: the
     * Hessian of Φ on the support, K_SS + blockdiag(β/‖y_k‖ (I − u_k u_kᵀ)), times the step = −(its
     * gradient −q_k + β u_k).
     */
    private boolean newton() {
        int[] support = new int[size];
        int count = 0;
        for (int b = 0; b < size; b++) {
            if (norm(y, b) > 0) {
                support[count++] = b;
            }
        }
        int m = count * d;
        if (count == 0 || m > NEWTON_LIMIT) {
            return false;
        }
        double[][] hessian = new double[m][];
        double[] gradient = new double[m];
        double trace = 0;
        for (int a = 0; a < count; a++) {
            int ba = support[a];
            double yNorm = norm(y, ba);
            for (int r = 0; r < d; r++) {
                int i = a * d + r;
                double[] row = new double[i + 1];
                int kRow = (ba * d + r) * dim;
                for (int c = 0; c <= a; c++) {
                    int bc = support[c];
                    for (int s = 0; s < d && c * d + s <= i; s++) {
                        row[c * d + s] = k[kRow + bc * d + s];
                    }
                }
                for (int s = 0; s <= r; s++) {
                    double ur = y[ba * d + r] / yNorm;
                    double us = y[ba * d + s] / yNorm;
                    row[a * d + s] += penalty / yNorm * ((r == s ? 1 : 0) - ur * us);
                }
                hessian[i] = row;
                trace += row[i];
                gradient[i] = -q[ba * d + r] + penalty * y[ba * d + r] / yNorm;
            }
        }
        double ridge = 1e-12 * trace / m;
        for (int i = 0; i < m; i++) {
            hessian[i][i] += ridge;
        }
        if (!GramSubproblem.factor(hessian)) {
            return false;
        }
        double[] step = GramSubproblem.solveFactored(hessian, gradient, m);
        double slope = 0;
        for (int i = 0; i < m; i++) {
            step[i] = -step[i];
            slope += gradient[i] * step[i];
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
