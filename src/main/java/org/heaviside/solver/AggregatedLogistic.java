package org.heaviside.solver;

import org.heaviside.run.Cancellation;

/**
 * The two-class logistic pattern Lasso solved from aggregates ({@link LogisticAggregates}), with the
 * outer steps of {@link ProximalNewton}: the gap at θ scaled into the dual feasible set, the stopping
 * rule of {@link SolverStatus#stop}, gap-safe screening with the logistic dual's curvature, the same
 * working sets; each Newton step solves the quadratic model on the working set's curvature-weighted
 * Gram matrix with {@link GramSubproblem} and takes the step of {@link ProximalNewton#step}. The rows
 * stay with the engine: per step it asks for the loss and Hᵀθ, the dual at the scale, the model's Gram
 * entries and the loss at every backtracking step in one pass. The model is rebuilt at every step (the
 * local solver reuses a Gram whose curvatures changed little), so the iterates differ; the optimum and
 * the stopping rule do not.
 */
public final class AggregatedLogistic {

    private final SolverOptions options;

    /** A solver with options. */
    public AggregatedLogistic(SolverOptions options) {
        this.options = options;
    }

    /** Solves at a penalty from Z = 0. */
    public SolverResult solve(LogisticAggregates data, double penalty, ConvergenceListener listener,
                              Cancellation cancellation) {
        LassoSolver.requirePenalty(penalty);
        if (data.outputs() != 1) {
            throw new IllegalArgumentException("This solver takes two classes (one output), not " + data.outputs()
                    + " outputs.");
        }
        long start = System.nanoTime();
        int p = data.columns();
        int[] ones = data.ones();
        double maxWeight = data.maxWeight();
        double[] z = new double[p];
        boolean[] screened = new boolean[p];
        double[] norms = new double[p];
        double[] steps = new double[ProximalNewton.HALVINGS];
        for (int k = 0; k < steps.length; k++) {
            steps[k] = Math.scalb(1.0, -k);
        }
        int sweeps = 0;
        ProximalNewton.Schedule schedule = new ProximalNewton.Schedule();
        SolverStatus status;
        double primal;
        double dual;
        while (true) {
            LogisticAggregates.Point point = data.at(z);
            double[] gradient = point.gradient();
            double max = 0;
            for (int j = 0; j < p; j++) {
                norms[j] = Math.abs(gradient[j]);
                max = Math.max(max, norms[j]);
            }
            double scale = max > penalty ? penalty / max : 1.0;
            primal = point.loss() + penalty * ProximalNewton.groupNorm(z, 1, null);
            dual = data.dual(z, scale);
            double gap = primal - dual;
            listener.sweep(sweeps, primal, gap);
            status = SolverStatus.stop(gap, primal, sweeps, options, cancellation);
            if (status != null) {
                break;
            }
            double radius = Math.sqrt(2 * Math.max(gap, 0) * maxWeight / Loss.LOGISTIC.dualCurvature());
            int[] working = CoordinateDescentSolver.workingSet(ones, z, norms, screened, scale, radius, penalty, 1,
                    schedule.wanted, ProximalNewton.Schedule.SHARE);
            if (working.length == 0) {
                status = SolverStatus.CONVERGED;
                break;
            }
            double target = Math.max(ProximalNewton.INNER * gap, 0.01 * options.tolerance() * primal);
            LogisticAggregates.Model model = data.model(z, working, schedule.damping);
            int size = working.length;
            double[] zw = new double[size];
            double[] b = new double[size];
            for (int k = 0; k < size; k++) {
                zw[k] = z[working[k]];
            }
            for (int k = 0; k < size; k++) {
                for (int l = 0; l < size; l++) {
                    b[k] += model.gram()[k * size + l] * zw[l];
                }
                b[k] += gradient[working[k]];
            }
            GramSubproblem sub = new GramSubproblem(model.gram(), b, zw, 1, model.uu(), penalty);
            double current = primal;
            ConvergenceListener inner = (sweep, objective, ignored) -> listener.sweep(sweep, current, Double.NaN);
            sweeps += sub.solve(target, Math.min(ProximalNewton.MODEL_SWEEPS, options.maxSweeps() - sweeps), inner,
                    sweeps, cancellation);
            double[] next = z.clone();
            sub.copyTo(working, next);
            schedule.after(lineSearch(data, working, z, next, gradient, penalty, primal, steps), gap,
                    working.length);
        }
        long elapsed = (System.nanoTime() - start) / 1_000_000;
        return new SolverResult(z, 1, penalty, primal, dual, Math.max(primal - dual, 0.0), sweeps, status, elapsed);
    }

    /** The step towards {@code next} (losses at all steps in one pass); moves Z and returns true when taken. */
    private static boolean lineSearch(LogisticAggregates data, int[] working, double[] z, double[] next,
                                      double[] gradient, double penalty, double primal, double[] steps) {
        double slope = 0;
        boolean moved = false;
        for (int j : working) {
            double delta = next[j] - z[j];
            if (delta != 0) {
                slope -= gradient[j] * delta;
                moved = true;
            }
        }
        if (!moved) {
            return false;
        }
        double before = penalty * ProximalNewton.groupNorm(z, 1, working);
        double outside = penalty * ProximalNewton.groupNorm(z, 1, null) - before;
        double predicted = slope + penalty * ProximalNewton.groupNorm(next, 1, working) - before;
        double[] values = data.values(z, next, working, steps);
        double[] point = z.clone();
        double step = ProximalNewton.step(k -> {
            for (int j : working) {
                point[j] = z[j] + steps[k] * (next[j] - z[j]);
            }
            return values[k] + outside + penalty * ProximalNewton.groupNorm(point, 1, working);
        }, primal, predicted);
        if (step == 0) {
            return false;
        }
        for (int j : working) {
            z[j] = step == 1.0 ? next[j] : z[j] + step * (next[j] - z[j]);
        }
        return true;
    }
}
