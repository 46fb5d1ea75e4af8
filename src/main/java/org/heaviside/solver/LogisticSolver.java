package org.heaviside.solver;

import org.heaviside.arrangement.PatternMatrix;
import org.heaviside.run.Cancellation;

/**
 * The pattern Lasso with logistic loss for two classes (targets ±1):
 * P(z) = Σ_i log(1 + exp(−y_i f_i)) + β‖z‖₁ with f = Hz.
 *
 * <p>Duality gap as in docs/method.md section 5: θ_i = y_i·σ(−y_i f_i) scaled by
 * min(1, β / ‖Hᵀθ‖_∞), D(θ) = −Σ [q log q + (1 − q) log(1 − q)], q_i = y_i θ_i; stop when
 * P − D ≤ tol·P. Outer steps as the squared-loss solver (full gradient on the bits, gap-safe
 * screening with radius √(G/2) because the dual is 4-strongly concave, working sets); inner sweeps
 * are proximal Newton steps per coordinate (curvature Σ σ(1 − σ) over the column's rows), falling
 * back to the always-descending step with curvature ‖h_j‖²/4 when the Newton step does not lower the
 * objective.
 *
 * <p>Row weights (docs/method.md section 10): P(z) = Σ_i w_i log(1 + exp(−y_i f_i)) + β‖z‖₁,
 * θ_i = w_i y_i σ(−y_i f_i) scaled likewise, D(θ) = −Σ w_i [q log q + (1 − q) log(1 − q)] with
 * q_i = y_i θ_i / w_i, screening radius √(2G·max w / 4). The unweighted program runs with w = 1, which
 * changes no floating-point result (multiplying by 1 is exact).
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
        if (!(penalty >= 0) || Double.isInfinite(penalty)) {
            throw new IllegalArgumentException("The penalty beta must be a finite number >= 0, not " + penalty + ".");
        }
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
        long start = System.nanoTime();
        PatternMatrix h = problem.patterns();
        int n = h.rows();
        int p = h.columns();
        long[] bits = h.bits();
        int words = h.words();
        double[] z = new double[p];
        if (warmStart != null) {
            System.arraycopy(warmStart, 0, z, 0, Math.min(warmStart.length, p));
        }
        double[] w = problem.weighted() ? problem.rowWeights() : ones(n);
        double maxWeight = problem.maxWeight();
        double[] f = DualityGap.fitted(problem, z)[0];
        // s_i = sigma(-y_i f_i): the dual direction is y_i s_i, the curvature s_i (1 - s_i)
        double[] s = new double[n];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            s[i] = Loss.sigmoid(-y[i] * f[i]);
            loss += w[i] * Loss.logistic(y[i] * f[i]);
        }
        State state = new State(n, f, s, y, w);
        boolean[] screened = new boolean[p];
        double[] norms = new double[p];
        int sweeps = 0;
        int wanted = CoordinateDescentSolver.FIRST_WORKING_SET;
        SolverStatus status = null;
        double primal;
        double dual;
        while (true) {
            double[] theta = new double[n];
            for (int i = 0; i < n; i++) {
                theta[i] = w[i] * y[i] * s[i];
            }
            double[] gradient = BitKernels.gradient(h, new double[][] {theta}, options.threads())[0];
            double max = 0;
            for (int j = 0; j < p; j++) {
                norms[j] = Math.abs(gradient[j]);
                max = Math.max(max, norms[j]);
            }
            double scale = max > penalty ? penalty / max : 1.0;
            loss = 0;
            dual = 0;
            for (int i = 0; i < n; i++) {
                loss += w[i] * Loss.logistic(y[i] * f[i]);
                dual -= w[i] * Loss.entropyTerm(scale * s[i]);
            }
            primal = loss + penalty * l1(z);
            double gap = primal - dual;
            listener.sweep(sweeps, primal, gap);
            if (status != null) {
                break;
            }
            status = SolverStatus.stop(gap, primal, sweeps, options, cancellation);
            if (status != null) {
                break;
            }
            double radius = Math.sqrt(2 * Math.max(gap, 0) * maxWeight / Loss.LOGISTIC.dualCurvature());
            int[] working = CoordinateDescentSolver.workingSet(h, z, norms, screened, scale, radius, penalty, 1,
                    wanted);
            if (working.length == 0) {
                status = SolverStatus.CONVERGED;
                break;
            }
            double target = Math.max(0.3 * gap, 0.5 * options.tolerance() * primal);
            double objective = primal;
            for (int inner = 1; sweeps < options.maxSweeps() && !cancellation.isCancelled(); inner++) {
                double decrease = 0;
                for (int j : working) {
                    decrease += state.update(bits, words, j, h.ones(j), z, penalty);
                }
                sweeps++;
                objective -= decrease;
                listener.sweep(sweeps, objective, Double.NaN);
                // the restricted problem's gap every few sweeps (Celer's inner rule)
                if (decrease == 0 || (inner % 5 == 0 && state.gap(bits, words, working, z, penalty) <= target)) {
                    break;
                }
            }
            wanted = Math.min(2 * Math.max(wanted, working.length), CoordinateDescentSolver.GRAM_LIMIT);
            if (sweeps >= options.maxSweeps()) {
                status = SolverStatus.MAX_SWEEPS;
            } else if (cancellation.isCancelled()) {
                status = SolverStatus.CANCELLED;
            }
            // a stopped run loops once more to report its exact objective and gap
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        return new SolverResult(z, 1, penalty, primal, dual, Math.max(primal - dual, 0.0), sweeps, status, elapsed);
    }

    /**
     * Per-sample state of the inner sweeps: f = Hz, σ(−y f), the loss terms, and scratch values of
     * a trial step (one exponential and one logarithm per sample and trial).
     */
    private static final class State {
        private final double[] f;
        private final double[] s;
        private final double[] y;
        private final double[] w;
        private final double[] terms;
        private final double[] trialTerms;
        private final double[] trialS;
        /** Sum of the loss terms the last trial touched (for its round-off). */
        private double magnitude;

        State(int n, double[] f, double[] s, double[] y, double[] w) {
            this.f = f;
            this.s = s;
            this.y = y;
            this.w = w;
            this.terms = new double[n];
            for (int i = 0; i < n; i++) {
                terms[i] = Loss.logistic(y[i] * f[i]);
            }
            this.trialTerms = new double[n];
            this.trialS = new double[n];
        }

        /** One proximal coordinate step on z_j; returns the decrease of the objective (>= 0). */
        double update(long[] bits, int words, int j, int count, double[] z, double penalty) {
            if (count == 0) {
                return 0;
            }
            double gradient = 0;
            double curvature = 0;
            double columnWeight = 0;
            int base = j * words;
            for (int t = 0; t < words; t++) {
                long word = bits[base + t];
                int offset = t << 6;
                while (word != 0) {
                    int i = offset + Long.numberOfTrailingZeros(word);
                    gradient -= w[i] * y[i] * s[i];
                    curvature += w[i] * s[i] * (1 - s[i]);
                    columnWeight += w[i];
                    word &= word - 1;
                }
            }
            double old = z[j];
            double next = proximal(old, gradient, Math.max(curvature, 1e-12 * columnWeight), penalty);
            if (next == old) {
                return 0;
            }
            double change = trial(bits, words, j, next - old) + penalty * (Math.abs(next) - Math.abs(old));
            // near the optimum the change is below round-off of the loss; the Newton step is then
            // accurate and taking it is what brings the gap down (it is linear, not quadratic, in the error)
            double roundOff = 1e-13 * (magnitude + penalty * Math.abs(old));
            if (!(change < 0) && !(Math.abs(change) <= roundOff)) {
                // majorization with the global bound sigma' <= 1/4 always descends
                next = proximal(old, gradient, 0.25 * columnWeight, penalty);
                change = trial(bits, words, j, next - old) + penalty * (Math.abs(next) - Math.abs(old));
                if (next == old || !(change < 0)) {
                    return 0;
                }
            }
            double delta = next - old;
            z[j] = next;
            for (int t = 0; t < words; t++) {
                long word = bits[base + t];
                int offset = t << 6;
                while (word != 0) {
                    int i = offset + Long.numberOfTrailingZeros(word);
                    f[i] += delta;
                    s[i] = trialS[i];
                    terms[i] = trialTerms[i];
                    word &= word - 1;
                }
            }
            return Math.max(-change, 0);
        }

        /** Duality gap of the problem restricted to the working set. */
        double gap(long[] bits, int words, int[] working, double[] z, double penalty) {
            double max = 0;
            for (int j : working) {
                double sum = 0;
                int base = j * words;
                for (int t = 0; t < words; t++) {
                    long word = bits[base + t];
                    int offset = t << 6;
                    while (word != 0) {
                        int i = offset + Long.numberOfTrailingZeros(word);
                        sum += w[i] * y[i] * s[i];
                        word &= word - 1;
                    }
                }
                max = Math.max(max, Math.abs(sum));
            }
            double scale = max > penalty ? penalty / max : 1.0;
            double primal = 0;
            double dual = 0;
            for (int i = 0; i < terms.length; i++) {
                primal += w[i] * terms[i];
                dual -= w[i] * Loss.entropyTerm(scale * s[i]);
            }
            for (int j : working) {
                primal += penalty * Math.abs(z[j]);
            }
            return primal - dual;
        }

        /** The change of the loss when f moves by delta on the column's rows; keeps the trial values. */
        private double trial(long[] bits, int words, int j, double delta) {
            if (delta == 0) {
                return 0;
            }
            double sum = 0;
            magnitude = 0;
            int base = j * words;
            for (int t = 0; t < words; t++) {
                long word = bits[base + t];
                int offset = t << 6;
                while (word != 0) {
                    int i = offset + Long.numberOfTrailingZeros(word);
                    magnitude += w[i] * terms[i];
                    double margin = y[i] * (f[i] + delta);
                    double e = Math.exp(-Math.abs(margin));
                    // log1p is a slow native call; log(1 + e) is as accurate here unless e is tiny
                    double term = Math.max(-margin, 0) + (e < 1e-5 ? e * (1 - e * (0.5 - e / 3)) : Math.log(1 + e));
                    trialTerms[i] = term;
                    trialS[i] = margin >= 0 ? e / (1 + e) : 1 / (1 + e);
                    sum += w[i] * (term - terms[i]);
                    word &= word - 1;
                }
            }
            return sum;
        }
    }

    /** argmin_t g (t − z) + (L/2)(t − z)² + β|t|. */
    private static double proximal(double z, double gradient, double curvature, double penalty) {
        double point = z - gradient / curvature;
        double threshold = penalty / curvature;
        return Math.signum(point) * Math.max(Math.abs(point) - threshold, 0.0);
    }

    private static double[] ones(int n) {
        double[] w = new double[n];
        java.util.Arrays.fill(w, 1.0);
        return w;
    }

    private static double l1(double[] z) {
        double sum = 0;
        for (double v : z) {
            sum += Math.abs(v);
        }
        return sum;
    }
}
