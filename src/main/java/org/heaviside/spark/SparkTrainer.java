package org.heaviside.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.heaviside.arrangement.BlockViolatorSearch;
import org.heaviside.arrangement.PatternSources;
import org.heaviside.data.PaperSynthetic;
import org.heaviside.network.Certificate;
import org.heaviside.network.ConvexOptions;
import org.heaviside.network.ConvexResult;
import org.heaviside.network.ConvexTrainer;
import org.heaviside.network.Reconstruction;
import org.heaviside.network.Separator;
import org.heaviside.network.ThresholdNetwork;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.AggregatedLasso;
import org.heaviside.solver.AggregatedLogistic;
import org.heaviside.solver.ConvergenceListener;
import org.heaviside.solver.Loss;
import org.heaviside.solver.SolverResult;
import org.heaviside.solver.SolverStatus;

/**
 * The two-layer convex program (docs/method.md sections 3 to 5) on a Spark data set: the same
 * patterns as the local engine (the bias, then the seeded Gaussian hyperplanes of {@link
 * PatternSources#sample}, duplicates dropped), the same solvers on the driver ({@link AggregatedLasso}
 * for the squared loss, {@link AggregatedLogistic} for the two-class logistic loss) fed by passes over
 * the partitions, the certificate's column generation (the local violator search over the partitions,
 * {@link BlockViolatorSearch}; found patterns added as columns and the program solved again, rounds and
 * status as in {@link ConvexTrainer}), and the network with each neuron's maximum-margin hyperplane
 * ({@link SparkMargins}), whose J is checked against the convex objective as the local engine checks it.
 *
 * <p>What this engine does not do (it refuses): exact enumeration and data-anchored patterns (both need
 * every row in one place) and the multinomial loss.
 */
public final class SparkTrainer {

    /** Problem metadata the rows do not carry: outputs, and the regression target's mean and scale. */
    public record Targets(int outputs, double mean, double scale) {
    }

    private final ConvexOptions options;
    private final SparkPatterns.Probe probe;

    /** A trainer with options. */
    public SparkTrainer(ConvexOptions options) {
        this(options, partition -> { });
    }

    SparkTrainer(ConvexOptions options, SparkPatterns.Probe probe) {
        this.options = options;
        this.probe = probe;
        if (options.exact()) {
            throw new IllegalArgumentException("The Spark engine samples its patterns; exact enumeration needs every "
                    + "row in one place. Use --patterns N, or the local engine.");
        }
        if (options.anchored()) {
            throw new IllegalArgumentException("The Spark engine does not build data-anchored patterns (they sort "
                    + "every feature's values); leave out --anchored (the recommended preset adds them: give "
                    + "--preset paper), or use the local engine.");
        }

    }

    /** The candidate hyperplanes in the local engine's order: the bias, then the seeded samples. */
    static double[][] candidates(int dimension, int sampled, long seed) {
        double[][] out = new double[sampled + 1][];
        out[0] = new double[dimension + 1];
        out[0][dimension] = 1.0;
        SplittableRandom random = new SplittableRandom(seed);
        for (int s = 0; s < sampled; s++) {
            double[] u = new double[dimension + 1];
            for (int k = 0; k <= dimension; k++) {
                u[k] = PaperSynthetic.gaussian(random);
            }
            out[s + 1] = u;
        }
        return out;
    }

    /**
     * Trains on the rows (features of {@code dimension} values, encoded targets, row weights).
     * Train metrics are left to the caller (empty here).
     */
    public ConvexResult train(JavaSparkContext context, JavaRDD<SparkRow> rows, int dimension, Targets targets,
                              ProgressListener progress, ConvergenceListener convergence,
                              Cancellation cancellation) {
        long patternsStart = System.nanoTime();
        Loss loss = options.loss();
        if (loss == Loss.LOGISTIC && targets.outputs() != 1) {
            throw new IllegalArgumentException("The Spark engine's logistic loss takes two classes; for "
                    + targets.outputs() + " classes use the squared loss, or the local engine (multinomial loss).");
        }
        progress.progress(0, 3, "Building patterns in the partitions");
        try (SparkPatterns patterns = new SparkPatterns(context, rows,
                candidates(dimension, options.sampled(), options.seed()), targets.outputs(), probe)) {
            long patternsMillis = (System.nanoTime() - patternsStart) / 1_000_000;
            long solveStart = System.nanoTime();
            // the logistic loss's gradient at Z = 0 is half the squared one's (sigma(0) = 1/2)
            double betaMax = (loss == Loss.LOGISTIC ? 0.5 : 1.0) * AggregatedLasso.penaltyMax(patterns);
            double beta = options.resolveBeta(betaMax);
            if (!(beta > 0)) {
                throw new IllegalArgumentException("beta must be positive; got " + beta + " (beta_max = " + betaMax
                        + ").");
            }
            progress.progress(1, 3, "Solving the convex program over " + patterns.columns() + " patterns");
            SolverResult result = solve(patterns, beta, null, convergence, cancellation);
            Certificate certificate;
            if (options.certify() && result.status() == SolverStatus.CONVERGED) {
                int rounds = 0;
                int added = 0;
                double ratio;
                List<BlockViolatorSearch.Found> violators;
                while (true) {
                    List<BlockViolatorSearch.Found> found;
                    try (SparkViolators atZ = patterns.violators(result.weights(), loss)) {
                        found = BlockViolatorSearch.search(atZ, ConvexTrainer.SEARCH_DIRECTIONS,
                                ConvexTrainer.ADD_PER_ROUND, options.seed() + 1000L * rounds, cancellation);
                    }
                    // as the local engine: the program's own largest ratio is 1 up to the solver's tolerance
                    double inMatrix = Math.max(1.0, correlation(patterns, result.weights(), loss) / beta);
                    violators = new ArrayList<>();
                    for (BlockViolatorSearch.Found candidate : found) {
                        if (candidate.value() > beta * inMatrix && !patterns.contains(candidate.key())) {
                            violators.add(candidate);
                        }
                    }
                    ratio = Math.max(inMatrix, found.isEmpty() ? 0.0 : found.get(0).value() / beta);
                    if (violators.isEmpty() || rounds >= options.certifyRounds() || cancellation.isCancelled()) {
                        break;
                    }
                    patterns.add(violators.stream().map(BlockViolatorSearch.Found::generator).toList());
                    added += violators.size();
                    rounds++;
                    progress.progress(2, 3, "Certificate round " + rounds + ": " + added + " patterns added");
                    result = solve(patterns, beta, result.weights(), convergence, cancellation);
                    if (result.status() != SolverStatus.CONVERGED) {
                        violators = List.of();
                        if (!cancellation.isCancelled()) {
                            ratio = correlation(patterns, result.weights(), loss) / beta;
                        }
                        break;
                    }
                }
                certificate = Certificate.afterSearch(result.status() == SolverStatus.CONVERGED, violators.size(),
                        ratio, rounds, added);
            } else {
                certificate = new Certificate(Certificate.NONE, Double.NaN, 0, 0, 0);
            }
            long solveMillis = (System.nanoTime() - solveStart) / 1_000_000;
            progress.progress(2, 3, "Building the network");
            Built built = network(patterns, result, options.maxMargin() && !cancellation.isCancelled(), cancellation);
            ThresholdNetwork network = built.network();
            double networkObjective = objective(patterns, network, beta, loss);
            double difference = Math.abs(networkObjective - result.objective())
                    / Math.max(result.objective(), 1e-300);
            if (difference > ConvexTrainer.OBJECTIVE_MATCH) {
                throw new IllegalStateException(String.format(Locale.ROOT,
                        "The network's J = %.12g differs from the convex objective %.12g (relative %.2e).",
                        networkObjective, result.objective(), difference));
            }
            long n = patterns.rows();
            int rank = AffineRank.of(patterns.blocks(), dimension, patterns.probe()) + 1;
            long bitBytes = (long) patterns.columns() * ((n + 63) / 64) * Long.BYTES;
            progress.progress(3, 3, "Done");
            return new ConvexResult(network, result, certificate, networkObjective, patterns.columns(), -1,
                    PatternSources.upperBound((int) Math.min(n, Integer.MAX_VALUE), rank).toString(), rank, beta,
                    betaMax, built.hyperplanes(), targets.mean(), targets.scale(), Map.of(), Map.of(), patternsMillis,
                    solveMillis, bitBytes);
        }
    }

    private static double maxCorrelation(double[][] gradient) {
        double max = 0;
        for (int j = 0; j < gradient[0].length; j++) {
            double norm = 0;
            for (double[] g : gradient) {
                norm += g[j] * g[j];
            }
            max = Math.max(max, Math.sqrt(norm));
        }
        return max;
    }

    /** The solve at β from a warm start (null for zero; the logistic solver starts from zero). */
    private SolverResult solve(SparkPatterns patterns, double beta, double[] warmStart, ConvergenceListener convergence,
                               Cancellation cancellation) {
        return options.loss() == Loss.LOGISTIC
                ? new AggregatedLogistic(options.solver()).solve(patterns, beta, convergence, cancellation)
                : new AggregatedLasso(options.solver()).solve(patterns, beta, warmStart, convergence, cancellation);
    }

    /** max_j ‖h_jᵀθ‖ with θ the unscaled negative loss gradient at Z (one pass). */
    private static double correlation(SparkPatterns patterns, double[] z, Loss loss) {
        return maxCorrelation(loss == Loss.LOGISTIC ? new double[][] {patterns.at(z).gradient()}
                : patterns.residuals(z).gradient());
    }

    /** A network and how its hyperplanes were found (as {@link Reconstruction#hyperplanes}). */
    record Built(ThresholdNetwork network, String hyperplanes) {
    }

    /**
     * One neuron per non-zero row of Z (method.md section 3), amplitude √‖Z_j‖: with {@code maxMargin}
     * the maximum-margin hyperplane of its pattern ({@link SparkMargins}), else, or where that fit
     * fails or stops short of the optimum (a separating plane short of the maximum margin depends on
     * the rows the solver saw, so it would not be the local engine's), the pattern's own hyperplane;
     * the bias neuron keeps (0, ..., 0, 1), as locally.
     */
    static Built network(SparkPatterns patterns, SolverResult result, boolean maxMargin, Cancellation cancellation) {
        int outputs = result.outputs();
        double[] z = result.weights();
        List<Integer> neurons = new ArrayList<>();
        List<Integer> fitted = new ArrayList<>();
        for (int j = 0; j < patterns.columns(); j++) {
            double norm = 0;
            for (int c = 0; c < outputs; c++) {
                norm += z[j * outputs + c] * z[j * outputs + c];
            }
            if (norm == 0) {
                continue;
            }
            neurons.add(j);
            if (maxMargin && patterns.ones()[j] != patterns.rows()) {
                fitted.add(j);
            }
        }
        Separator.Fit[] fits = SparkMargins.fit(patterns.blocks(), patterns.probe(),
                fitted.stream().mapToInt(patterns::blockColumn).toArray(),
                fitted.stream().map(patterns::hyperplane).toArray(double[][]::new), cancellation);
        List<double[]> planes = new ArrayList<>();
        List<double[]> alphas = new ArrayList<>();
        List<Double> amplitudes = new ArrayList<>();
        int optimal = 0;
        int generators = 0;
        for (int j : neurons) {
            double norm = 0;
            for (int c = 0; c < outputs; c++) {
                norm += z[j * outputs + c] * z[j * outputs + c];
            }
            double s = Math.sqrt(Math.sqrt(norm));
            double[] alpha = new double[outputs];
            for (int c = 0; c < outputs; c++) {
                alpha[c] = z[j * outputs + c] / s;
            }
            int at = fitted.indexOf(j);
            Separator.Fit fit = at >= 0 ? fits[at] : null;
            if (fit != null && fit.optimal()) {
                planes.add(fit.plane());
                optimal++;
            } else {
                planes.add(patterns.hyperplane(j));
                generators += patterns.ones()[j] == patterns.rows() ? 0 : 1;
            }
            amplitudes.add(s);
            alphas.add(alpha);
        }
        double[] s = amplitudes.stream().mapToDouble(Double::doubleValue).toArray();
        return new Built(new ThresholdNetwork(planes.toArray(new double[0][]), s, alphas.toArray(new double[0][]),
                outputs), Reconstruction.label(optimal, 0, generators));
    }

    /** J of the network over the partitions' rows: Σ w_i ℓ(f(x_i), y_i) + β Σ |s_j| ‖α_j‖. */
    static double objective(SparkPatterns patterns, ThresholdNetwork network, double beta, Loss loss) {
        SparkPatterns.Probe probe = patterns.probe();
        // the network travels as its arrays (the record is not Serializable)
        double[][] planes = network.hyperplanes();
        double[] amplitudes = network.amplitudes();
        double[][] alphas = network.outputs();
        int outputs = network.outputCount();
        double total = patterns.blocks().treeAggregate(0.0, (sum, block) -> {
            probe.enter(block.partition);
            if (block.rows() == 0) {
                return sum;
            }
            double[][] out = new ThresholdNetwork(planes, amplitudes, alphas, outputs).predictRows(block.x);
            double[][] f = new double[block.y.length][block.rows()];
            for (int i = 0; i < out.length; i++) {
                for (int c = 0; c < f.length; c++) {
                    f[c][i] = out[i][c];
                }
            }
            return sum + loss.value(block.y, f, block.w);
        }, Double::sum, 2);
        return total + beta * network.penaltyTerm();
    }
}
