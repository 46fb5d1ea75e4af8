package org.heaviside.solver;

import org.heaviside.run.Cancellation;

/**
 * The pattern Lasso with multinomial (softmax) logistic loss for three or more classes and the group
 * penalty (docs/method.md section 10): P(Z) = Σ_i w_i [log Σ_c exp(F_ic) − F_i,y_i] + β Σ_j ‖Z_j‖₂,
 * F = HZ, with the C output weights of each pattern as one group.
 *
 * <p>Dual point θ_i = w_i (e_{y_i} − softmax(F_i)) scaled by min(1, β / max_j ‖h_jᵀθ‖₂); with s that
 * scale, q_i = e_{y_i} − θ_i / w_i = (1 − s) e_{y_i} + s·softmax(F_i) lies in the simplex and
 * D(θ) = −Σ_i w_i Σ_c q_ic log q_ic. D is (1 / max w)-strongly concave (the negative entropy has
 * curvature at least 1), so the gap-safe radius is √(2G·max w). Outer steps as the other solvers
 * (full gradient on the bits, screening, working sets), each followed by a proximal Newton step on the
 * working set and a line search on the objective ({@link ProximalNewton}). The step's model uses each
 * row's Hessian w_i (diag p_i − p_i p_iᵀ) on the zero-sum outputs ({@link CenteredBasis}: Z_j = Q y_j,
 * the same program, since the optimum's Z_j sum to zero), a (C − 1) × (C − 1) block per row ({@link
 * BlockGram}, {@link BlockSubproblem}). One scalar curvature per row (a bound on the Hessian's largest
 * eigenvalue), the previous model, overstates the curvature towards the unlikely classes by up to three
 * orders of magnitude and made each step a majorize-minimize step that closed about 6 % of the gap: it
 * stays for working sets too large for the block Gram matrix.
 */
final class MultinomialSolver implements LassoSolver {

    private final SolverOptions options;
    private final boolean blocks;
    private final int newtonLimit;

    MultinomialSolver(SolverOptions options) {
        this(options, true);
    }

    /** With {@code blocks} false, one scalar curvature per row (the previous method, for comparison). */
    MultinomialSolver(SolverOptions options, boolean blocks) {
        this(options, blocks, BlockSubproblem.NEWTON_LIMIT);
    }

    /** As above, the block models' Newton steps on supports of at most {@code newtonLimit} coordinates. */
    MultinomialSolver(SolverOptions options, boolean blocks, int newtonLimit) {
        this.options = options;
        this.blocks = blocks;
        this.newtonLimit = newtonLimit;
    }

    @Override
    public SolverResult solve(LassoProblem problem, double penalty, double[] warmStart, ConvergenceListener listener,
                              Cancellation cancellation) {
        LassoSolver.requirePenalty(penalty);
        return new ProximalNewton(options, blocks, newtonLimit).solve(problem, new Softmax(problem.targets(), problem.rowWeights()),
                penalty, warmStart, listener, cancellation);
    }

    /**
     * The softmax loss Σ_i w_i [log Σ_c exp(F_ic) − F_i,y_i]: θ_i = w_i (e_{y_i} − p_i) with p_i =
     * softmax(F_i); the row's Hessian w_i (diag p_i − p_i p_iᵀ) has largest eigenvalue at most
     * w_i·min(max_c p_ic, max_c 2 p_ic (1 − p_ic)) (the largest p, and Gershgorin's discs), exact for two
     * classes and for equal p; D = −Σ_i w_i Σ_c q_ic log q_ic with q_i = (1 − s) e_{y_i} + s p_i.
     */
    static final class Softmax extends RowLoss {
        private final int outputs;
        private final int[] label;
        private final double[][] prob;
        private final double[] scratch;
        private final double[][] y;
        private final CenteredBasis basis;

        Softmax(double[][] y, double[] w) {
            super(y.length, y[0].length, w);
            int n = y[0].length;
            this.y = y;
            this.outputs = y.length;
            this.label = new int[n];
            for (int i = 0; i < n; i++) {
                label[i] = Multinomial.label(y, i);
            }
            this.prob = new double[outputs][n];
            this.scratch = new double[outputs];
            this.basis = new CenteredBasis(outputs);
        }

        @Override
        void at(double[][] f) {
            loss = 0;
            for (int i = 0; i < label.length; i++) {
                double weight = weight(i);
                loss += weight * (Multinomial.softmax(f, i, scratch) - f[label[i]][i]);
                double largest = 0;
                double disc = 0;
                for (int c = 0; c < outputs; c++) {
                    double pc = scratch[c];
                    prob[c][i] = pc;
                    theta[c][i] = weight * ((label[i] == c ? 1.0 : 0.0) - pc);
                    largest = Math.max(largest, pc);
                    disc = Math.max(disc, 2 * pc * (1 - pc));
                }
                curvature[i] = weight * Math.min(largest, disc);
            }
        }

        @Override
        double dual(double scale) {
            double sum = 0;
            for (int i = 0; i < label.length; i++) {
                double entropy = 0;
                for (int c = 0; c < outputs; c++) {
                    double q = scale * prob[c][i] + (label[i] == c ? 1 - scale : 0.0);
                    entropy += q > 0 ? q * Math.log(q) : 0;
                }
                sum -= weight(i) * entropy;
            }
            return sum;
        }

        @Override
        double value(double[][] f) {
            return Multinomial.value(y, f, w);
        }

        @Override
        double dualCurvature() {
            // the negative entropy has curvature at least 1 on the simplex
            return 1.0;
        }

        @Override
        CenteredBasis basis() {
            return basis;
        }

        /**
         * A_i = damping·w_i (Qᵀ diag(p_i) Q − (Qᵀp_i)(Qᵀp_i)ᵀ + {@value ProximalNewton#FLOOR}·I): the softmax
         * Hessian on the zero-sum outputs (positive definite while every p_ic &gt; 0; the floor keeps it so
         * when some p_ic underflows).
         */
        @Override
        double blocks(double damping, double[] rows) {
            int d = outputs - 1;
            int entries = BlockGram.packed(d);
            double[] qp = new double[d];
            double[] full = new double[outputs];
            for (int i = 0; i < label.length; i++) {
                double scale = damping * weight(i);
                for (int c = 0; c < outputs; c++) {
                    full[c] = prob[c][i];
                }
                basis.reduce(full, 0, qp, 0);
                int base = i * entries;
                for (int r = 0; r < d; r++) {
                    for (int s = 0; s <= r; s++) {
                        double sum = 0;
                        for (int c = 0; c < outputs; c++) {
                            sum += basis.entry(c, r) * basis.entry(c, s) * prob[c][i];
                        }
                        sum -= qp[r] * qp[s];
                        if (r == s) {
                            sum += ProximalNewton.FLOOR;
                        }
                        rows[base + BlockGram.at(r, s)] = scale * sum;
                    }
                }
            }
            return energy(rows);
        }

        @Override
        double energy(double[] rows) {
            int d = outputs - 1;
            int entries = BlockGram.packed(d);
            double[] qt = new double[d];
            double[] full = new double[outputs];
            double[] factor = new double[entries];
            double energy = 0;
            for (int i = 0; i < label.length; i++) {
                for (int c = 0; c < outputs; c++) {
                    full[c] = theta[c][i];
                }
                basis.reduce(full, 0, qt, 0);
                System.arraycopy(rows, i * entries, factor, 0, entries);
                energy += inverseForm(factor, qt, d);
            }
            return energy;
        }
    }

    /** tᵀA⁻¹t for the packed positive definite A (factored in place by Cholesky). */
    static double inverseForm(double[] a, double[] t, int d) {
        double sum = 0;
        double[] x = new double[d];
        for (int r = 0; r < d; r++) {
            for (int s = 0; s <= r; s++) {
                double value = a[BlockGram.at(r, s)];
                for (int k = 0; k < s; k++) {
                    value -= a[BlockGram.at(r, k)] * a[BlockGram.at(s, k)];
                }
                a[BlockGram.at(r, s)] = r == s ? Math.sqrt(Math.max(value, Double.MIN_NORMAL)) : value / a[BlockGram.at(s, s)];
            }
            double value = t[r];
            for (int k = 0; k < r; k++) {
                value -= a[BlockGram.at(r, k)] * x[k];
            }
            x[r] = value / a[BlockGram.at(r, r)];
            sum += x[r] * x[r];
        }
        return sum;
    }
}
