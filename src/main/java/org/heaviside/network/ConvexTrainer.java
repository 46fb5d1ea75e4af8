package org.heaviside.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.heaviside.arrangement.AffineSpan;
import org.heaviside.arrangement.ExactEnumeration;
import org.heaviside.arrangement.PatternMatrix;
import org.heaviside.arrangement.PatternSources;
import org.heaviside.arrangement.ViolatorSearch;
import org.heaviside.data.Dataset;
import org.heaviside.data.PreparedData;
import org.heaviside.data.TargetEncoding;
import org.heaviside.data.TaskKind;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.ConvergenceListener;
import org.heaviside.solver.LassoSolver;
import org.heaviside.solver.Loss;
import org.heaviside.solver.DualityGap;
import org.heaviside.solver.LassoProblem;
import org.heaviside.solver.SolverResult;
import org.heaviside.solver.SolverSession;
import org.heaviside.solver.SolverStatus;

/**
 * Trains a two-layer threshold network to the optimum of its convex program (docs/method.md
 * sections 3 to 5): builds the patterns, solves the pattern Lasso, searches for violated patterns
 * for a certificate, reconstructs the network and checks that its J equals the convex objective.
 *
 * <p>Targets: two classes as +1/-1 (one output); more classes one-vs-rest +1/-1 (one output per
 * class, group penalty); regression standardized with the training mean and deviation.
 */
public final class ConvexTrainer {

    /** Relative difference allowed between J(network) and the convex objective. */
    public static final double OBJECTIVE_MATCH = 1e-9;
    /** Directions each certificate round's violator search tries. */
    public static final int SEARCH_DIRECTIONS = 400;
    /** Violating patterns a certificate round adds at most. */
    public static final int ADD_PER_ROUND = 25;

    private final ConvexOptions options;

    /** A trainer with options. */
    public ConvexTrainer(ConvexOptions options) {
        this.options = options;
    }

    /** Encoded training targets as C arrays, plus the regression mean and scale. */
    public record Targets(double[][] values, double mean, double scale) {
    }

    /** The targets the program is trained on. */
    public static Targets targets(Dataset data, TargetEncoding encoding) {
        int n = data.size();
        if (encoding.task() == TaskKind.REGRESSION) {
            double mean = 0;
            for (double v : data.y()) {
                mean += v / n;
            }
            double squares = 0;
            for (double v : data.y()) {
                squares += (v - mean) * (v - mean);
            }
            double scale = Math.sqrt(squares / n);
            scale = scale > 0 ? scale : 1.0;
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = (data.y()[i] - mean) / scale;
            }
            return new Targets(new double[][] {y}, mean, scale);
        }
        if (encoding.isBinary()) {
            return new Targets(new double[][] {data.y().clone()}, 0, 1);
        }
        int classes = encoding.classes().size();
        double[][] y = new double[classes][n];
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < n; i++) {
                y[c][i] = data.classes()[i] == c ? 1.0 : -1.0;
            }
        }
        return new Targets(y, 0, 1);
    }

    /** Trains on the prepared data. */
    public ConvexResult train(PreparedData data, ProgressListener progress, ConvergenceListener convergence,
                              Cancellation cancellation) {
        return train(data, List.of(), progress, convergence, cancellation);
    }

    /**
     * Trains with the patterns of extra first-layer hyperplanes (d + 1 weights, bias last) added to
     * the dictionary, such as the hidden neurons of a baseline network: the optimum is then at most
     * that network's J, because the network is a feasible point of the program.
     */
    public ConvexResult train(PreparedData data, List<double[]> extraHyperplanes, ProgressListener progress,
                              ConvergenceListener convergence, Cancellation cancellation) {
        Dataset train = data.train();
        double[][] x = train.x();
        int n = x.length;
        Targets targets = targets(train, data.preprocessor().target());
        Loss loss = options.loss();
        if (loss == Loss.LOGISTIC && data.preprocessor().target().task() != TaskKind.CLASSIFICATION) {
            throw new IllegalArgumentException("Logistic loss needs a class target; '"
                    + data.preprocessor().target().column() + "' is " + describe(data.preprocessor().target())
                    + ". Use the squared loss.");
        }

        long patternsStart = System.nanoTime();
        progress.progress(0, 3, "Building patterns");
        AffineSpan span = AffineSpan.of(x);
        Patterns built = patterns(x, span, options, cancellation);
        PatternMatrix h = built.matrix();
        for (double[] u : extraHyperplanes) {
            h.add(PatternMatrix.pattern(x, u), u, "baseline");
        }
        long dichotomies = built.dichotomies();
        long patternsMillis = (System.nanoTime() - patternsStart) / 1_000_000;

        long solveStart = System.nanoTime();
        double[] rowWeights = options.classWeights().rowWeights(train, data.preprocessor().target());
        LassoProblem problem = new LassoProblem(h, targets.values(), rowWeights);
        double betaMax = problem.penaltyMax(loss);
        double beta = options.resolveBeta(betaMax);
        if (!(beta > 0)) {
            throw new IllegalArgumentException("beta must be positive; got " + beta + " (beta_max = " + betaMax + ").");
        }
        progress.progress(1, 3, "Solving the convex program over " + h.columns() + " patterns");
        LassoSolver solver = LassoSolver.of(loss, options.solver());
        // the certificate rounds' solves reuse what the first one built (its Gram entries)
        SolverSession session = new SolverSession();
        // the neurons' maximum-margin fits of each round's support run ahead while the next round solves (from
        // 10,000 rows x features on; below that all at the end, see MarginFits)
        MarginFits ahead = options.maxMargin() ? new MarginFits(x) : null;
        SolverResult result = solver.solve(problem, beta, null, convergence, cancellation, session);
        Certificate certificate;
        if (options.exact()) {
            // the ratio from the unscaled gradient: above 1 when the solve stopped short of the optimum
            double ratio = DualityGap.maxCorrelation(h, DualityGap.direction(problem, result.weights(), loss)) / beta;
            certificate = new Certificate(result.status() == SolverStatus.CONVERGED ? Certificate.EXACT
                    : Certificate.NONE, ratio, 0, 0, 0);
        } else if (options.certify() && result.status() == SolverStatus.CONVERGED) {
            int rounds = 0;
            int added = 0;
            double ratio;
            List<ViolatorSearch.Candidate> violators;
            while (true) {
                if (ahead != null) {
                    ahead.queue(h, result.weights(), result.outputs());
                }
                double[][] direction = DualityGap.direction(problem, result.weights(), loss);
                List<ViolatorSearch.Candidate> found = ViolatorSearch.search(x, direction, SEARCH_DIRECTIONS,
                        ADD_PER_ROUND, options.seed() + 1000L * rounds, cancellation);
                // the program's own largest ratio is 1 up to the solver's tolerance: a pattern outside it
                // that is violated more would lower the objective
                double inMatrix = Math.max(1.0, DualityGap.maxCorrelation(h, direction) / beta);
                violators = violators(h, found, beta * inMatrix);
                ratio = Math.max(inMatrix, found.isEmpty() ? 0.0 : found.get(0).value() / beta);
                if (violators.isEmpty() || rounds >= options.certifyRounds() || cancellation.isCancelled()) {
                    break;
                }
                for (ViolatorSearch.Candidate candidate : violators) {
                    h.add(candidate.pattern(), candidate.generator(), "search");
                }
                added += violators.size();
                rounds++;
                progress.progress(2, 3, "Certificate round " + rounds + ": " + added + " patterns added");
                if (ahead != null) {
                    ahead.resume();
                }
                try {
                    result = solver.solve(problem, beta, result.weights(), convergence, cancellation, session);
                } finally {
                    if (ahead != null) {
                        ahead.pause();
                    }
                }
                if (result.status() != SolverStatus.CONVERGED) {
                    violators = List.of();
                    if (!cancellation.isCancelled()) {
                        ratio = DualityGap.maxCorrelation(h, DualityGap.direction(problem, result.weights(), loss))
                                / beta;
                    }
                    break;
                }
            }
            certificate = Certificate.afterSearch(result.status() == SolverStatus.CONVERGED, violators.size(), ratio,
                    rounds, added);
        } else {
            certificate = new Certificate(Certificate.NONE, Double.NaN, 0, 0, 0);
        }
        long solveMillis = (System.nanoTime() - solveStart) / 1_000_000;

        progress.progress(2, 3, "Building the network");
        // a cancelled run returns at once: its neurons keep the patterns' own hyperplanes
        Reconstruction reconstruction = Reconstruction.build(h, result, x,
                cancellation.isCancelled() ? null : ahead);
        ThresholdNetwork network = reconstruction.network();
        double networkObjective = network.objective(x, targets.values(), beta, loss, rowWeights);
        double difference = Math.abs(networkObjective - result.objective()) / Math.max(result.objective(), 1e-300);
        if (difference > OBJECTIVE_MATCH) {
            throw new IllegalStateException(String.format(java.util.Locale.ROOT,
                    "The reconstructed network's J = %.12g differs from the convex objective %.12g (relative %.2e).",
                    networkObjective, result.objective(), difference));
        }
        Map<String, Double> trainMetrics = evaluate(network, train, data.preprocessor().target(), targets);
        Map<String, Double> testMetrics = data.test().size() == 0 ? Map.of()
                : evaluate(network, data.test(), data.preprocessor().target(), targets);
        progress.progress(3, 3, "Done");
        return new ConvexResult(network, result, certificate, networkObjective, h.columns(), dichotomies,
                PatternSources.upperBound(n, span.augmentedRank()).toString(), span.augmentedRank(), beta, betaMax,
                reconstruction.hyperplanes(), targets.mean(), targets.scale(), trainMetrics, testMetrics,
                patternsMillis, solveMillis, h.bitBytes());
    }

    /** A pattern matrix and, when enumerated, the number of dichotomies (else -1). */
    record Patterns(PatternMatrix matrix, long dichotomies) {
    }

    /** Builds the patterns the options ask for on rows x (always with the all-ones pattern). */
    static Patterns patterns(double[][] x, AffineSpan span, ConvexOptions options, Cancellation cancellation) {
        int d = x[0].length;
        PatternMatrix h = new PatternMatrix(x.length);
        PatternSources.addBias(h, d);
        long dichotomies = -1;
        if (options.exact()) {
            if (span.coordinates() == null) {
                throw new IllegalArgumentException("Exact enumeration needs data whose rows span at most 2 dimensions "
                        + "after preprocessing (rank(Xt) <= 3), but rank(Xt) = " + span.augmentedRank()
                        + " here. Use sampled patterns (e.g. 5000 directions) or choose at most two numeric features.");
            }
            dichotomies = ExactEnumeration.enumerate(h, span.coordinates(), cancellation);
        } else {
            PatternSources.sample(h, x, options.sampled(), options.seed(), cancellation);
            if (options.anchored()) {
                PatternSources.anchored(h, x, 256, 1000, options.seed() + 1, cancellation);
            }
        }
        return new Patterns(h, dichotomies);
    }

    /** The found patterns outside H whose ‖hᵀθ‖ exceeds the bound (candidates come best first). */
    static List<ViolatorSearch.Candidate> violators(PatternMatrix h, List<ViolatorSearch.Candidate> found,
                                                    double bound) {
        List<ViolatorSearch.Candidate> outside = new ArrayList<>();
        for (ViolatorSearch.Candidate candidate : found) {
            if (candidate.value() > bound && h.indexOf(candidate.pattern()) < 0) {
                outside.add(candidate);
            }
        }
        return outside;
    }

    private static String describe(TargetEncoding encoding) {
        return encoding.task() == TaskKind.REGRESSION ? "numeric (regression)"
                : "a target with " + encoding.classes().size() + " classes";
    }

    /** Metrics of a network on a data set, in the target's original units. */
    public static Map<String, Double> evaluate(ThresholdNetwork network, Dataset data, TargetEncoding encoding,
                                               Targets targets) {
        double[][] out = network.predictRows(data.x());
        int n = data.size();
        if (encoding.task() == TaskKind.REGRESSION) {
            double[] predicted = new double[n];
            for (int i = 0; i < n; i++) {
                predicted[i] = targets.mean() + targets.scale() * out[i][0];
            }
            return Metrics.regression(predicted, data.y());
        }
        if (encoding.isBinary()) {
            double[] scores = new double[n];
            for (int i = 0; i < n; i++) {
                scores[i] = out[i][0];
            }
            return Metrics.binary(scores, data.y());
        }
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int c = 1; c < out[i].length; c++) {
                if (out[i][c] > out[i][best]) {
                    best = c;
                }
            }
            predicted[i] = best;
        }
        return Metrics.multiclass(predicted, data.classes(), encoding.classes().size());
    }

    /** Metrics of a deep network (earlier layers, then the head) on a data set, in the target's units. */
    public static Map<String, Double> evaluate(DeepNetwork network, Dataset data, TargetEncoding encoding,
                                               Targets targets) {
        Dataset features = new Dataset(data.name(), List.of(), network.features(data.x()), data.y(), data.classes(),
                data.rows());
        return evaluate(network.head(), features, encoding, targets);
    }

    /** Unused-pattern-free list of the sources of the network's neurons (for reports). */
    static List<String> sources(PatternMatrix h, SolverResult result) {
        List<String> sources = new ArrayList<>();
        for (int j = 0; j < h.columns(); j++) {
            for (int c = 0; c < result.outputs(); c++) {
                if (result.weights()[j * result.outputs() + c] != 0) {
                    sources.add(h.source(j));
                    break;
                }
            }
        }
        return sources;
    }
}
