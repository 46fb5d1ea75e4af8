package org.heaviside.network;

import java.util.ArrayList;
import java.util.List;
import org.heaviside.arrangement.PatternMatrix;
import org.heaviside.arrangement.PatternSources;
import org.heaviside.data.PreparedData;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.ConvergenceListener;
import org.heaviside.solver.LassoProblem;
import org.heaviside.solver.LassoSolver;
import org.heaviside.solver.SolverResult;

/**
 * Whether more patterns would still lower the objective: for growing numbers of sampled directions
 * (the same draws, extended), the distinct patterns found and the convex objective over them at one
 * fixed β (the options' β, or its ratio of β_max over the largest set). A curve that has flattened
 * says more sampling is unlikely to help; one still falling says sample more.
 *
 * @param directions sampled directions at each point
 * @param patterns   distinct patterns at each point (with the all-ones pattern)
 * @param objective  the optimum over those patterns (solved to the options' tolerance)
 * @param beta       the β used
 */
public record PatternCoverage(int[] directions, int[] patterns, double[] objective, double beta) {

    /** Runs the curve for the given direction counts (increasing). */
    public static PatternCoverage run(PreparedData data, ConvexOptions options, int[] counts,
                                      ProgressListener progress, Cancellation cancellation) {
        double[][] x = data.train().x();
        ConvexTrainer.Targets targets = ConvexTrainer.targets(data.train(), data.preprocessor().target());
        PatternMatrix h = new PatternMatrix(x.length);
        PatternSources.addBias(h, x[0].length);
        // one draw of the largest count, added in slices, so each point extends the previous one
        List<double[]> planes = new ArrayList<>();
        java.util.SplittableRandom random = new java.util.SplittableRandom(options.seed());
        int largest = counts[counts.length - 1];
        for (int s = 0; s < largest; s++) {
            double[] u = new double[x[0].length + 1];
            for (int k = 0; k < u.length; k++) {
                u[k] = org.heaviside.data.PaperSynthetic.gaussian(random);
            }
            planes.add(u);
        }
        int[] found = new int[counts.length];
        double[] objective = new double[counts.length];
        int added = 0;
        double beta = options.beta();
        LassoSolver solver = LassoSolver.of(options.loss(), options.solver());
        double[] warm = null;
        if (Double.isNaN(beta)) {
            PatternMatrix full = new PatternMatrix(x.length);
            PatternSources.addBias(full, x[0].length);
            for (double[] u : planes) {
                full.add(PatternMatrix.pattern(x, u), u, "sampled");
            }
            beta = options.resolveBeta(new LassoProblem(full, targets.values()).penaltyMax(options.loss()));
        }
        for (int p = 0; p < counts.length; p++) {
            cancellation.check();
            progress.progress(p, counts.length, "Patterns of " + counts[p] + " directions");
            for (; added < counts[p]; added++) {
                double[] u = planes.get(added);
                h.add(PatternMatrix.pattern(x, u), u, "sampled");
            }
            found[p] = h.columns();
            LassoProblem problem = new LassoProblem(h, targets.values());
            SolverResult result = solver.solve(problem, beta, warm, ConvergenceListener.NONE, cancellation);
            warm = result.weights();
            objective[p] = result.objective();
        }
        progress.progress(counts.length, counts.length, "Done");
        return new PatternCoverage(counts.clone(), found, objective, beta);
    }

    /** The default direction counts: 125 doubling to 8,000. */
    public static int[] defaultCounts() {
        return new int[] {125, 250, 500, 1000, 2000, 4000, 8000};
    }
}
