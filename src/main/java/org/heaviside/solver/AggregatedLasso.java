package org.heaviside.solver;

import java.util.HashMap;
import java.util.Map;
import org.heaviside.run.Cancellation;

/**
 * The squared-loss pattern Lasso solved from aggregates ({@link PatternAggregates}): the rows and
 * their bits stay with the engine, the solver sees only Hᵀ W R, RᵀWR, YᵀWR per outer step and the
 * working set's Gram matrix. The outer step is the local solver's ({@link CoordinateDescentSolver}):
 * the gap at θ = (W R)·min(1, β / max_j ‖h_jᵀWR‖), the stopping rule of {@link SolverStatus#stop},
 * gap-safe screening and the working set of {@link CoordinateDescentSolver#workingSet}; the restricted
 * problem is the same {@link GramSubproblem}, solved to the same fraction of the gap. Working sets
 * always use a Gram matrix (the local solver sweeps sets above {@value CoordinateDescentSolver#GRAM_LIMIT}
 * columns on its bits, which are not here).
 */
public final class AggregatedLasso {

    private final SolverOptions options;

    /** A solver with options. */
    public AggregatedLasso(SolverOptions options) {
        this.options = options;
    }

    /** β_max = max_j ‖h_jᵀ W Y‖₂, the smallest penalty with Z = 0 optimal. */
    public static double penaltyMax(PatternAggregates data) {
        double[][] hy = data.targetCorrelations();
        double max = 0;
        for (int j = 0; j < data.columns(); j++) {
            double norm = 0;
            for (double[] g : hy) {
                norm += g[j] * g[j];
            }
            max = Math.max(max, Math.sqrt(norm));
        }
        return max;
    }

    /** Solves at a penalty from {@code warmStart} (null for zero). */
    public SolverResult solve(PatternAggregates data, double penalty, double[] warmStart,
                              ConvergenceListener listener, Cancellation cancellation) {
        LassoSolver.requirePenalty(penalty);
        long start = System.nanoTime();
        int p = data.columns();
        int outputs = data.outputs();
        int[] ones = data.ones();
        double[] z = new double[p * outputs];
        if (warmStart != null) {
            System.arraycopy(warmStart, 0, z, 0, Math.min(warmStart.length, z.length));
        }
        double yy = data.targetNorm();
        double[][] hy = data.targetCorrelations();
        double maxWeight = data.maxWeight();
        boolean[] screened = new boolean[p];
        double[] norms = new double[p];
        int sweeps = 0;
        int wanted = CoordinateDescentSolver.FIRST_WORKING_SET;
        SolverStatus status;
        double primal;
        double dual;
        Grams grams = new Grams(data);
        while (true) {
            PatternAggregates.Residuals sums = data.residuals(z);
            double max = 0;
            for (int j = 0; j < p; j++) {
                double norm = 0;
                for (double[] g : sums.gradient()) {
                    norm += g[j] * g[j];
                }
                norms[j] = Math.sqrt(norm);
                max = Math.max(max, norms[j]);
            }
            double scale = max > penalty ? penalty / max : 1.0;
            primal = 0.5 * sums.rr() + penalty * ProximalNewton.groupNorm(z, outputs, null);
            dual = scale * sums.yr() - 0.5 * scale * scale * sums.rr();
            double gap = primal - dual;
            listener.sweep(sweeps, primal, gap);
            status = SolverStatus.stop(gap, primal, sweeps, options, cancellation);
            if (status != null) {
                break;
            }
            double radius = Math.sqrt(2 * Math.max(gap, 0) * maxWeight);
            int[] working = CoordinateDescentSolver.workingSet(ones, z, norms, screened, scale, radius, penalty,
                    outputs, wanted);
            if (working.length == 0) {
                status = SolverStatus.CONVERGED;
                break;
            }
            double target = Math.max(0.3 * gap, 0.5 * options.tolerance() * primal);
            int size = working.length;
            double[] b = new double[size * outputs];
            double[] zw = new double[size * outputs];
            for (int k = 0; k < size; k++) {
                for (int c = 0; c < outputs; c++) {
                    b[k * outputs + c] = hy[c][working[k]];
                    zw[k * outputs + c] = z[working[k] * outputs + c];
                }
            }
            GramSubproblem sub = new GramSubproblem(grams.of(working), b, zw, outputs, yy, penalty);
            sweeps += sub.solve(target, options.maxSweeps() - sweeps, listener, sweeps, cancellation);
            sub.copyTo(working, z);
            wanted = Math.min(2 * Math.max(wanted, working.length), CoordinateDescentSolver.GRAM_LIMIT);
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        return new SolverResult(z, outputs, penalty, primal, dual, Math.max(primal - dual, 0.0), sweeps, status,
                elapsed);
    }

    /** The working sets' Gram matrices, aggregating only the entries of columns new to the set. */
    private static final class Grams {
        private final PatternAggregates data;
        private int[] columns = new int[0];
        private double[] gram = new double[0];

        Grams(PatternAggregates data) {
            this.data = data;
        }

        double[] of(int[] working) {
            if (java.util.Arrays.equals(working, columns)) {
                return gram;
            }
            Map<Integer, Integer> old = new HashMap<>();
            for (int k = 0; k < columns.length; k++) {
                old.put(columns[k], k);
            }
            int size = working.length;
            int[] fresh = new int[size];
            int[] freshAt = new int[size];
            int count = 0;
            for (int k = 0; k < size; k++) {
                if (!old.containsKey(working[k])) {
                    freshAt[count] = k;
                    fresh[count++] = working[k];
                }
            }
            fresh = java.util.Arrays.copyOf(fresh, count);
            double[] next = new double[size * size];
            double[] computed = count == 0 ? new double[0] : data.gram(fresh, working);
            for (int k = 0; k < size; k++) {
                Integer a = old.get(working[k]);
                for (int l = 0; l < size; l++) {
                    Integer c = old.get(working[l]);
                    if (a != null && c != null) {
                        next[k * size + l] = gram[a * columns.length + c];
                    }
                }
            }
            for (int f = 0; f < count; f++) {
                int k = freshAt[f];
                for (int l = 0; l < size; l++) {
                    double entry = computed[f * size + l];
                    next[k * size + l] = entry;
                    next[l * size + k] = entry;
                }
            }
            columns = working;
            gram = next;
            return next;
        }
    }
}
