package org.heaviside.solver;

import org.heaviside.run.Cancellation;

/**
 * The pattern Lasso with logistic loss for two classes (targets ±1):
 * P(z) = Σ_i log(1 + exp(−y_i f_i)) + β‖z‖₁ with f = Hz.
 *
 * <p>Duality gap as in docs/method.md section 5: θ_i = y_i·σ(−y_i f_i) scaled by
 * min(1, β / ‖Hᵀθ‖_∞), D(θ) = −Σ [q log q + (1 − q) log(1 − q)], q_i = y_i θ_i; stop when
 * P − D ≤ tol·P. Outer steps as the squared-loss solver (full gradient on the bits, gap-safe
 * screening with radius √(G/2) because the dual is 4-strongly concave, working sets), each followed by
 * a proximal Newton step on the working set with row curvatures σ(1 − σ) and a line search on the
 * objective ({@link ProximalNewton}).
 *
 * <p>Row weights (docs/method.md section 10): P(z) = Σ_i w_i log(1 + exp(−y_i f_i)) + β‖z‖₁,
 * θ_i = w_i y_i σ(−y_i f_i) scaled likewise, D(θ) = −Σ w_i [q log q + (1 − q) log(1 − q)] with
 * q_i = y_i θ_i / w_i, screening radius √(2G·max w / 4), curvatures w_i σ(1 − σ).
 */
public final class LogisticSolver implements LassoSolver {

    private final SolverOptions options;

    /** A solver with options. */
    public LogisticSolver(SolverOptions options) {
        this.options = options;
    }

    @Override
    public SolverResult solve(LassoProblem problem, double penalty, double[] warmStart, ConvergenceListener listener,
                              Cancellation cancellation) {
        return solve(problem, penalty, warmStart, listener, cancellation, null);
    }

    /** As above; two classes keep the curvature-weighted Gram matrix in {@code session} (may be null). */
    @Override
    public SolverResult solve(LassoProblem problem, double penalty, double[] warmStart, ConvergenceListener listener,
                              Cancellation cancellation, SolverSession session) {
        LassoSolver.requirePenalty(penalty);
        if (problem.outputs() != 1) {
            // three or more classes: the multinomial (softmax) loss with the group penalty
            return new MultinomialSolver(options).solve(problem, penalty, warmStart, listener, cancellation);
        }
        double[] y = problem.targets()[0];
        for (double v : y) {
            if (v != 1.0 && v != -1.0) {
                throw new IllegalArgumentException("Logistic loss needs targets +1/-1 (two classes); found " + v
                        + ". Use the squared loss for regression.");
            }
        }
        return new ProximalNewton(options).solve(problem, new Binary(y, problem.rowWeights()), penalty, warmStart,
                listener, cancellation, session);
    }

    /**
     * The two-class loss Σ w_i log(1 + exp(−y_i f_i)): θ_i = w_i y_i s_i with s_i = σ(−y_i f_i), curvature
     * w_i s_i (1 − s_i) (the exact second derivative), D = −Σ w_i H(scale·s_i) with H(q) = q log q +
     * (1 − q) log(1 − q); the dual is 4/max w-strongly concave. Without weights w = 1 throughout.
     */
    static final class Binary extends RowLoss {
        private final double[] y;
        private final double[] s;

        Binary(double[] y, double[] w) {
            super(1, y.length, w);
            this.y = y;
            this.s = new double[y.length];
        }

        @Override
        void at(double[][] f) {
            loss = 0;
            for (int i = 0; i < y.length; i++) {
                double weight = weight(i);
                double margin = y[i] * f[0][i];
                s[i] = Loss.sigmoid(-margin);
                loss += weight * Loss.logistic(margin);
                theta[0][i] = weight * y[i] * s[i];
                curvature[i] = weight * s[i] * (1 - s[i]);
            }
        }

        @Override
        double dual(double scale) {
            double sum = 0;
            for (int i = 0; i < y.length; i++) {
                sum -= weight(i) * Loss.entropyTerm(scale * s[i]);
            }
            return sum;
        }

        @Override
        double value(double[][] f) {
            double sum = 0;
            for (int i = 0; i < y.length; i++) {
                sum += weight(i) * Loss.logistic(y[i] * f[0][i]);
            }
            return sum;
        }

        @Override
        double dualCurvature() {
            return Loss.LOGISTIC.dualCurvature();
        }
    }
}
