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
 * <p>Speed: the full gradient HᵀR uses byte lookup tables on the packed bits; coordinate sweeps run
 * over a working set (non-zero rows and the strongest KKT violators), and the gap-safe sphere
 * rule (Fercoq, Gramfort, Salmon, ICML 2015) discards columns that are provably zero at the optimum:
 * ‖h_jᵀθ‖ + ‖h_j‖·√(2G) < β.
 *
 * <p>Convex reformulation: Ergen et al., ICLR 2023; updates: Friedman, Hastie, Tibshirani, JSS 2010.
 */
public final class CoordinateDescentSolver {

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
        double yy = 0;
        for (double[] column : y) {
            for (double v : column) {
                yy += v * v;
            }
        }
        boolean[] screened = new boolean[p];
        int[] working = new int[p];
        double[] g = new double[outputs];
        double[] norms = new double[p];
        int sweeps = 0;
        SolverStatus status = null;
        Gap gap = null;
        while (status == null) {
            // outer step: full gradient, gap, screening, new working set
            double[][] gradient = BitKernels.gradient(h, r, options.threads());
            gap = gap(z, r, y, yy, gradient, norms, penalty, outputs);
            listener.sweep(sweeps, gap.primal, gap.gap);
            if (gap.gap <= options.tolerance() * gap.primal) {
                status = SolverStatus.CONVERGED;
                break;
            }
            if (sweeps >= options.maxSweeps()) {
                status = SolverStatus.MAX_SWEEPS;
                break;
            }
            if (cancellation.isCancelled()) {
                status = SolverStatus.CANCELLED;
                break;
            }
            double radius = Math.sqrt(2 * Math.max(gap.gap, 0));
            int size = 0;
            double[] violation = new double[p];
            int candidates = 0;
            int[] order = new int[p];
            for (int j = 0; j < p; j++) {
                if (screened[j]) {
                    continue;
                }
                boolean zero = isZero(z, j, outputs);
                // gap-safe sphere test: |h_j' theta| + ||h_j|| sqrt(2G) < beta => Z_j = 0 at the optimum
                if (zero && gap.scale * norms[j] + Math.sqrt(h.ones(j)) * radius < penalty) {
                    screened[j] = true;
                    continue;
                }
                if (!zero) {
                    working[size++] = j;
                } else if (norms[j] > penalty) {
                    violation[j] = norms[j];
                    order[candidates++] = j;
                }
            }
            // add the strongest violators: at least 10, at most as many again as the active rows
            int add = Math.min(candidates, Math.max(10, size));
            if (add < candidates) {
                Integer[] boxed = new Integer[candidates];
                for (int k = 0; k < candidates; k++) {
                    boxed[k] = order[k];
                }
                Arrays.sort(boxed, (a, b) -> Double.compare(violation[b], violation[a]));
                for (int k = 0; k < add; k++) {
                    working[size++] = boxed[k];
                }
            } else {
                for (int k = 0; k < candidates; k++) {
                    working[size++] = order[k];
                }
            }
            if (size == 0) {
                // nothing can move: the gap is round-off (Z = 0 is optimal up to it)
                status = SolverStatus.CONVERGED;
                break;
            }
            // inner: sweeps over the working set until the largest change is small
            double primal = gap.primal;
            for (int inner = 0; inner < 1000 && status == null; inner++) {
                if (cancellation.isCancelled()) {
                    status = SolverStatus.CANCELLED;
                    break;
                }
                double maxChange = 0;
                double maxWeight = 0;
                for (int k = 0; k < size; k++) {
                    int j = working[k];
                    int count = h.ones(j);
                    double norm = 0;
                    for (int c = 0; c < outputs; c++) {
                        // g_c = h_j' r_c + ||h_j||^2 z_jc
                        g[c] = BitKernels.dot(bits, words, j, r[c]) + count * z[j * outputs + c];
                        norm += g[c] * g[c];
                    }
                    norm = Math.sqrt(norm);
                    double shrink = norm > penalty ? (1 - penalty / norm) / count : 0.0;
                    for (int c = 0; c < outputs; c++) {
                        double old = z[j * outputs + c];
                        double next = g[c] * shrink;
                        if (!Double.isFinite(next)) {
                            throw new IllegalStateException("A coordinate update produced a non-finite weight at "
                                    + "pattern " + j + "; check the data for extreme values.");
                        }
                        double delta = next - old;
                        if (delta != 0) {
                            z[j * outputs + c] = next;
                            // r_c -= delta * h_j
                            BitKernels.subtract(bits, words, j, delta, r[c]);
                            maxChange = Math.max(maxChange, Math.abs(delta) * Math.sqrt(count));
                        }
                        maxWeight = Math.max(maxWeight, Math.abs(next) * Math.sqrt(count));
                    }
                }
                sweeps++;
                double objective = primal(z, r, penalty, outputs);
                listener.sweep(sweeps, objective, Double.NaN);
                if (sweeps >= options.maxSweeps()) {
                    break;
                }
                if (maxChange <= Math.max(options.tolerance(), 1e-12) * 0.1 * Math.max(maxWeight, 1e-300)
                        || primal - objective <= 0.01 * options.tolerance() * objective) {
                    break;
                }
                primal = objective;
            }
        }
        if (status == SolverStatus.CANCELLED || status == SolverStatus.MAX_SWEEPS) {
            double[][] gradient = BitKernels.gradient(h, r, options.threads());
            gap = gap(z, r, y, yy, gradient, norms, penalty, outputs);
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        return new SolverResult(z, outputs, penalty, gap.primal, gap.dual, Math.max(gap.gap, 0.0), sweeps, status,
                elapsed);
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
        double loss = 0;
        for (double[] column : r) {
            for (double v : column) {
                loss += v * v;
            }
        }
        double norm = 0;
        for (int j = 0; j < z.length / outputs; j++) {
            double row = 0;
            for (int c = 0; c < outputs; c++) {
                row += z[j * outputs + c] * z[j * outputs + c];
            }
            norm += Math.sqrt(row);
        }
        return 0.5 * loss + penalty * norm;
    }

    private record Gap(double primal, double dual, double gap, double scale) {
    }

    private static Gap gap(double[] z, double[][] r, double[][] y, double yy, double[][] gradient, double[] norms,
                           double penalty, int outputs) {
        int p = norms.length;
        double max = 0;
        for (int j = 0; j < p; j++) {
            double norm = 0;
            for (int c = 0; c < outputs; c++) {
                norm += gradient[c][j] * gradient[c][j];
            }
            norms[j] = Math.sqrt(norm);
            max = Math.max(max, norms[j]);
        }
        // theta = R * min(1, beta / max_j ||h_j' R||) is dual feasible
        double scale = max > penalty ? penalty / max : 1.0;
        double distance = 0; // ||Y - theta||^2
        for (int c = 0; c < outputs; c++) {
            for (int i = 0; i < r[c].length; i++) {
                double d = y[c][i] - scale * r[c][i];
                distance += d * d;
            }
        }
        double primal = primal(z, r, penalty, outputs);
        double dual = 0.5 * yy - 0.5 * distance;
        return new Gap(primal, dual, primal - dual, scale);
    }
}
