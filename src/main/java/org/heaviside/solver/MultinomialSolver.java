package org.heaviside.solver;

import org.heaviside.arrangement.PatternMatrix;
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
 * (full gradient on the bits, screening, working sets); inner sweeps are block proximal steps per
 * pattern with the diagonal curvature max_c Σ w p_c (1 − p_c), falling back to Böhning's bound
 * ½ Σ_{i ∈ h_j} w_i (which always descends) when that step does not lower the objective.
 */
final class MultinomialSolver implements LassoSolver {

    private final SolverOptions options;

    MultinomialSolver(SolverOptions options) {
        this.options = options;
    }

    @Override
    public SolverResult solve(LassoProblem problem, double penalty, double[] warmStart, ConvergenceListener listener,
                              Cancellation cancellation) {
        if (!(penalty >= 0) || Double.isInfinite(penalty)) {
            throw new IllegalArgumentException("The penalty beta must be a finite number >= 0, not " + penalty + ".");
        }
        long start = System.nanoTime();
        PatternMatrix h = problem.patterns();
        int n = h.rows();
        int p = h.columns();
        int outputs = problem.outputs();
        double[][] y = problem.targets();
        double[] w = problem.weighted() ? problem.rowWeights() : null;
        double maxWeight = problem.maxWeight();
        double[] z = new double[p * outputs];
        if (warmStart != null) {
            System.arraycopy(warmStart, 0, z, 0, Math.min(warmStart.length, z.length));
        }
        State state = new State(y, w, DualityGap.fitted(problem, z));
        boolean[] screened = new boolean[p];
        double[] norms = new double[p];
        int sweeps = 0;
        int wanted = CoordinateDescentSolver.FIRST_WORKING_SET;
        SolverStatus status = null;
        double primal;
        double dual;
        while (true) {
            double[][] gradient = BitKernels.gradient(h, state.theta(), options.threads());
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
            primal = state.loss() + penalty * groupNorm(z, outputs, null);
            dual = state.dual(scale);
            double gap = primal - dual;
            listener.sweep(sweeps, primal, gap);
            if (status != null) {
                break;
            }
            status = SolverStatus.stop(gap, primal, sweeps, options, cancellation);
            if (status != null) {
                break;
            }
            double radius = Math.sqrt(2 * Math.max(gap, 0) * maxWeight);
            int[] working = CoordinateDescentSolver.workingSet(h, z, norms, screened, scale, radius, penalty, outputs,
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
                    decrease += state.update(h, j, z, penalty);
                }
                sweeps++;
                objective -= decrease;
                listener.sweep(sweeps, objective, Double.NaN);
                if (decrease == 0 || (inner % 5 == 0 && state.restrictedGap(h, working, z, penalty) <= target)) {
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
        return new SolverResult(z, outputs, penalty, primal, dual, Math.max(primal - dual, 0.0), sweeps, status,
                elapsed);
    }

    /** Σ_j ‖Z_j‖₂ over all rows, or over the given rows. */
    private static double groupNorm(double[] z, int outputs, int[] rows) {
        double sum = 0;
        int count = rows == null ? z.length / outputs : rows.length;
        for (int k = 0; k < count; k++) {
            int j = rows == null ? k : rows[k];
            double row = 0;
            for (int c = 0; c < outputs; c++) {
                row += z[j * outputs + c] * z[j * outputs + c];
            }
            sum += Math.sqrt(row);
        }
        return sum;
    }

    /** Per-row state: F = HZ, softmax(F), the loss terms, and the scratch values of a trial step. */
    private static final class State {
        private final int outputs;
        private final int[] label;
        private final double[] w;
        private final double[][] f;
        private final double[][] prob;
        private final double[] terms;
        private final double[][] trialProb;
        private final double[] trialTerms;
        private final double[] scratch;
        private double magnitude;

        State(double[][] y, double[] w, double[][] f) {
            int n = y[0].length;
            this.outputs = y.length;
            this.w = w;
            this.f = f;
            this.label = new int[n];
            this.prob = new double[outputs][n];
            this.terms = new double[n];
            this.trialProb = new double[outputs][n];
            this.trialTerms = new double[n];
            this.scratch = new double[outputs];
            for (int i = 0; i < n; i++) {
                label[i] = Multinomial.label(y, i);
                terms[i] = Multinomial.softmax(f, i, scratch) - f[label[i]][i];
                for (int c = 0; c < outputs; c++) {
                    prob[c][i] = scratch[c];
                }
            }
        }

        private double weight(int i) {
            return w == null ? 1.0 : w[i];
        }

        /** θ = W (E − softmax(F)), unscaled. */
        double[][] theta() {
            double[][] theta = new double[outputs][terms.length];
            for (int c = 0; c < outputs; c++) {
                for (int i = 0; i < terms.length; i++) {
                    theta[c][i] = weight(i) * ((label[i] == c ? 1.0 : 0.0) - prob[c][i]);
                }
            }
            return theta;
        }

        double loss() {
            double sum = 0;
            for (int i = 0; i < terms.length; i++) {
                sum += weight(i) * terms[i];
            }
            return sum;
        }

        /** D at θ scaled by s: −Σ w_i Σ_c q log q with q_i = (1 − s) e_{y_i} + s·softmax(F_i). */
        double dual(double scale) {
            double sum = 0;
            for (int i = 0; i < terms.length; i++) {
                double entropy = 0;
                for (int c = 0; c < outputs; c++) {
                    double q = scale * prob[c][i] + (label[i] == c ? 1 - scale : 0.0);
                    entropy += q > 0 ? q * Math.log(q) : 0;
                }
                sum -= weight(i) * entropy;
            }
            return sum;
        }

        /** The gap of the problem restricted to the working set (which holds every non-zero row). */
        double restrictedGap(PatternMatrix h, int[] working, double[] z, double penalty) {
            double max = 0;
            double[] g = new double[outputs];
            for (int j : working) {
                columnGradient(h, j, g);
                double norm = 0;
                for (double v : g) {
                    norm += v * v;
                }
                max = Math.max(max, Math.sqrt(norm));
            }
            double scale = max > penalty ? penalty / max : 1.0;
            return loss() + penalty * groupNorm(z, outputs, working) - dual(scale);
        }

        /** g = h_jᵀ W (softmax(F) − E) (the gradient of the loss in Z_j); returns the diagonal curvature. */
        private double columnGradient(PatternMatrix h, int j, double[] g) {
            java.util.Arrays.fill(g, 0);
            double[] curvature = new double[outputs];
            long[] bits = h.bits();
            int words = h.words();
            int base = j * words;
            for (int t = 0; t < words; t++) {
                long word = bits[base + t];
                int offset = t << 6;
                while (word != 0) {
                    int i = offset + Long.numberOfTrailingZeros(word);
                    double weight = weight(i);
                    for (int c = 0; c < outputs; c++) {
                        double pc = prob[c][i];
                        g[c] += weight * (pc - (label[i] == c ? 1.0 : 0.0));
                        curvature[c] += weight * pc * (1 - pc);
                    }
                    word &= word - 1;
                }
            }
            double largest = 0;
            for (double v : curvature) {
                largest = Math.max(largest, v);
            }
            return largest;
        }

        /** One block proximal step on Z_j; returns the decrease of the objective (>= 0). */
        double update(PatternMatrix h, int j, double[] z, double penalty) {
            int count = h.ones(j);
            if (count == 0) {
                return 0;
            }
            double[] g = new double[outputs];
            double curvature = columnGradient(h, j, g);
            double columnWeight = 0;
            long[] bits = h.bits();
            int words = h.words();
            int base = j * words;
            for (int t = 0; t < words; t++) {
                long word = bits[base + t];
                int offset = t << 6;
                while (word != 0) {
                    columnWeight += weight(offset + Long.numberOfTrailingZeros(word));
                    word &= word - 1;
                }
            }
            double[] old = new double[outputs];
            double oldNorm = 0;
            for (int c = 0; c < outputs; c++) {
                old[c] = z[j * outputs + c];
                oldNorm += old[c] * old[c];
            }
            oldNorm = Math.sqrt(oldNorm);
            double[] next = proximal(old, g, Math.max(curvature, 1e-12 * columnWeight), penalty);
            double change = trial(h, j, old, next, penalty, oldNorm);
            double roundOff = 1e-13 * (magnitude + penalty * oldNorm);
            if (!(change < 0) && !(Math.abs(change) <= roundOff)) {
                next = proximal(old, g, 0.5 * columnWeight, penalty);
                change = trial(h, j, old, next, penalty, oldNorm);
                if (!(change < 0)) {
                    return 0;
                }
            }
            if (java.util.Arrays.equals(old, next)) {
                return 0;
            }
            for (int c = 0; c < outputs; c++) {
                z[j * outputs + c] = next[c];
            }
            for (int t = 0; t < words; t++) {
                long word = bits[base + t];
                int offset = t << 6;
                while (word != 0) {
                    int i = offset + Long.numberOfTrailingZeros(word);
                    for (int c = 0; c < outputs; c++) {
                        f[c][i] += next[c] - old[c];
                        prob[c][i] = trialProb[c][i];
                    }
                    terms[i] = trialTerms[i];
                    word &= word - 1;
                }
            }
            return Math.max(-change, 0);
        }

        /** The objective's change when Z_j moves from old to next; keeps the trial values. */
        private double trial(PatternMatrix h, int j, double[] old, double[] next, double penalty, double oldNorm) {
            double nextNorm = 0;
            boolean moved = false;
            for (int c = 0; c < outputs; c++) {
                nextNorm += next[c] * next[c];
                moved |= next[c] != old[c];
            }
            if (!moved) {
                return 0;
            }
            long[] bits = h.bits();
            int words = h.words();
            int base = j * words;
            double sum = 0;
            magnitude = 0;
            for (int t = 0; t < words; t++) {
                long word = bits[base + t];
                int offset = t << 6;
                while (word != 0) {
                    int i = offset + Long.numberOfTrailingZeros(word);
                    double max = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < outputs; c++) {
                        scratch[c] = f[c][i] + next[c] - old[c];
                        max = Math.max(max, scratch[c]);
                    }
                    double total = 0;
                    for (int c = 0; c < outputs; c++) {
                        double e = Math.exp(scratch[c] - max);
                        trialProb[c][i] = e;
                        total += e;
                    }
                    for (int c = 0; c < outputs; c++) {
                        trialProb[c][i] /= total;
                    }
                    double term = max + Math.log(total) - scratch[label[i]];
                    trialTerms[i] = term;
                    double weight = weight(i);
                    magnitude += weight * terms[i];
                    sum += weight * (term - terms[i]);
                    word &= word - 1;
                }
            }
            return sum + penalty * (Math.sqrt(nextNorm) - oldNorm);
        }
    }

    /** argmin_t gᵀ(t − z) + (L/2)‖t − z‖² + β‖t‖₂: block soft-thresholding. */
    private static double[] proximal(double[] z, double[] g, double curvature, double penalty) {
        double[] u = new double[z.length];
        double norm = 0;
        for (int c = 0; c < z.length; c++) {
            u[c] = z[c] - g[c] / curvature;
            norm += u[c] * u[c];
        }
        norm = Math.sqrt(norm);
        double shrink = norm > penalty / curvature ? 1 - penalty / (curvature * norm) : 0.0;
        for (int c = 0; c < z.length; c++) {
            u[c] *= shrink;
        }
        return u;
    }
}
