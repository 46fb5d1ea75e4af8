package org.heaviside.network;

import org.heaviside.arrangement.AffineSpan;
import org.heaviside.arrangement.PatternMatrix;
import org.heaviside.data.Dataset;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Split;
import org.heaviside.data.TargetEncoding;
import org.heaviside.data.TaskKind;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.ConvergenceListener;
import org.heaviside.solver.LassoProblem;
import org.heaviside.solver.LassoSolver;
import org.heaviside.solver.SolverResult;

/**
 * k-fold cross-validation of the beta ratio over a regularization path (docs/method.md sections 5
 * and 10): seeded folds of the training rows (stratified for classes); on each fold the patterns are
 * built from the fold's training part, the path of ratios (largest first) is solved with warm starts,
 * each solution becomes a network, and the network is scored on the held-out part. (Patterns sampled
 * once on all training rows, each fold taking its rows' bits, were tried: not faster, since each fold
 * then holds more distinct patterns, and they moved the one-standard-error choice on AI4I.)
 *
 * <p>Scores per ratio and fold: the validation loss per row (squared: ½ Σ_c (f − y)²; logistic:
 * log(1 + e^{−yf})), the misclassification rate for classes, and the selection metric of
 * {@link Settings}: the loss, accuracy, balanced accuracy (two classes: at the operating point that
 * the settings' rule picks on the pooled out-of-fold scores of that ratio; more classes: mean recall
 * of the largest output), expected cost per row at the cost-optimal cut, or RMSE in the target's
 * units. The best ratio has the best mean metric; the one-standard-error ratio is the largest ratio
 * within one standard error of it (the sparser network; Hastie, Tibshirani and Friedman, The Elements
 * of Statistical Learning, 2nd ed., section 7.10). The folds of a ratio run in parallel (each fold's
 * solver on one thread, so results do not depend on the number of cores); with early stopping the
 * path ends once two consecutive ratios after the best are worse than it (the validation curve has
 * turned: the smaller ratios, the costliest to solve, are not solved), at the first ratio after the
 * best that is worse than it by more than two standard errors of the per-fold differences (a clear
 * turn; on the full CCPP sample the next ratio alone would cost more than the rest of the path), or
 * as soon as the best is the best the metric can be. The one-standard-error choice then is as on the whole path
 * unless a later ratio would have become the new best. Early stopping also ends the path after the
 * first ratio whose fold networks have more neurons on average than the settings' neuron budget
 * ({@link #DEFAULT_NEURON_BUDGET} for the task's metric): a validation curve that keeps falling slowly towards
 * the small ratios (the full CCPP sample) would otherwise go on to programs of thousands of neurons per
 * fold, each costing minutes, and the chosen network would be as large. Both choices are then made
 * among the solved ratios (a smaller ratio past the budget is not chosen even where its validation
 * would have been better). {@link #stop()} says which of these ended the path. Every held-out score counts a row with its
 * row weight, as the programs' loss does. The out-of-fold outputs of the chosen ratio are kept for
 * the operating point. The path solves carry no certificate, and the validation networks keep their patterns'
 * generating hyperplanes.
 *
 * @param folds             k
 * @param ratios            beta / beta_max, largest first (only those solved when the path stopped early)
 * @param meanLoss          mean over folds of the validation loss per row
 * @param standardError     standard deviation over folds of the loss / √k
 * @param meanError         mean misclassification rate (NaN for regression)
 * @param meanNeurons       mean width m* of the networks
 * @param best              index of the best mean metric
 * @param oneStandardError  index chosen by the one-standard-error rule
 * @param settings          the metric, the choice and the operating-point rule
 * @param meanMetric        mean over folds of the selection metric
 * @param metricError       its standard deviation over folds / √k
 * @param outOfFold         out-of-fold outputs of the chosen ratio, [row][output] in training-row order
 * @param stop              why the path ended where it did
 */
public record CrossValidation(int folds, double[] ratios, double[] meanLoss, double[] standardError,
                              double[] meanError, double[] meanNeurons, int best, int oneStandardError,
                              Settings settings, double[] meanMetric, double[] metricError, double[][] outOfFold,
                              Stop stop) {

    /**
     * The mean number of neurons of a ratio's fold networks beyond which early stopping solves no
     * smaller ratio. On the full CCPP sample (5,741 rows per fold) the ratio 0.001 has about 850 neurons
     * per fold and its folds take seconds; 0.00046 about 1,500 neurons (tens of seconds); 0.00022 several
     * thousand, and its folds had not finished after 6 minutes.
     */
    public static final int DEFAULT_NEURON_BUDGET = 1000;

    /** Why the path ended. */
    public enum Stop {
        /** Every ratio was solved. */
        WHOLE_PATH("whole-path"),
        /** Two consecutive ratios after the best were worse than it. */
        TURNED("turned"),
        /** A ratio after the best was worse by more than two paired standard errors. */
        CLEARLY_WORSE("clearly-worse"),
        /** The best is the best the metric can be. */
        BEST_POSSIBLE("best-possible"),
        /** The last ratio's fold networks had more neurons on average than the budget. */
        NEURON_BUDGET("neuron-budget");

        private final String id;

        Stop(String id) {
            this.id = id;
        }

        /** The name used in files. */
        public String id() {
            return id;
        }
    }

    /** Why the path ended, in a sentence naming the last ratio solved (and the budget, if it ended the path). */
    public String stopReason() {
        int last = ratios.length - 1;
        return switch (stop) {
            case WHOLE_PATH -> "path solved to its end (every ratio)";
            case TURNED -> String.format(java.util.Locale.ROOT, "path stopped after two ratios worse than the best "
                    + "(%.3g and %.3g)", ratios[last - 1], ratios[last]);
            case CLEARLY_WORSE -> String.format(java.util.Locale.ROOT, "path stopped at ratio %.3g, worse than the "
                    + "best on the folds by more than two standard errors of the paired differences", ratios[last]);
            case BEST_POSSIBLE -> String.format(java.util.Locale.ROOT, "path stopped at ratio %.3g: the best mean "
                    + "is the best the metric can be", ratios[last]);
            case NEURON_BUDGET -> String.format(java.util.Locale.ROOT, "path stopped at a neuron budget: at ratio %.3g "
                    + "the fold networks had %.0f neurons on average, more than %,d, so the smaller ratios (larger "
                    + "networks, the costliest programs) were not solved", ratios[last], meanNeurons[last],
                    settings.neuronBudget());
        };
    }

    /** What cross-validation scores and how it chooses. */
    public enum Metric {
        /** The training loss per held-out row (lower is better). */
        LOSS("loss", false),
        /** Share of rows classified right. */
        ACCURACY("accuracy", true),
        /** Mean recall over the classes (at the operating point for two classes). */
        BALANCED_ACCURACY("balanced-accuracy", true),
        /** Expected cost per row, missed·FN + falseAlarm·FP over the rows, at the cost-optimal cut. */
        EXPECTED_COST("expected-cost", false),
        /** Root mean squared error in the target's units. */
        RMSE("rmse", false);

        private final String id;
        private final boolean higherIsBetter;

        Metric(String id, boolean higherIsBetter) {
            this.id = id;
            this.higherIsBetter = higherIsBetter;
        }

        /** The name used on the command line and in files. */
        public String id() {
            return id;
        }

        /** Whether larger values are better. */
        public boolean higherIsBetter() {
            return higherIsBetter;
        }

        /** The metric named {@code text}. */
        public static Metric parse(String text) {
            return org.heaviside.run.Ids.parse(Metric.class, Metric::id, text, "cross-validation metric");
        }
    }

    /** Which ratio is chosen from the curve. */
    public enum Choice {
        /** The best mean metric. */
        MIN("min"),
        /** The largest ratio within one standard error of the best (the sparser network). */
        ONE_SE("1se");

        private final String id;

        Choice(String id) {
            this.id = id;
        }

        /** The name used on the command line and in files. */
        public String id() {
            return id;
        }

        /** The choice named {@code text}. */
        public static Choice parse(String text) {
            return org.heaviside.run.Ids.parse(Choice.class, Choice::id, text, "cross-validation choice");
        }
    }

    /**
     * How cross-validation scores and chooses.
     *
     * @param metric          the selection metric
     * @param choice          min or one standard error
     * @param rule            the operating-point rule for two-class metrics
     * @param missedCost      cost of a missed positive (expected cost)
     * @param falseAlarmCost  cost of a false alarm (expected cost)
     * @param earlyStop       end the path once the metric has clearly turned
     * @param neuronBudget    with early stopping, end the path after the first ratio whose fold networks
     *                        have more neurons on average than this (0: no budget)
     */
    public record Settings(Metric metric, Choice choice, OperatingPoint.Rule rule, double missedCost,
                           double falseAlarmCost, boolean earlyStop, int neuronBudget) {

        /** The validation loss, one-standard-error choice, sign cut, the whole path. */
        public static final Settings LOSS = new Settings(Metric.LOSS, Choice.ONE_SE, OperatingPoint.Rule.ZERO, 0, 0,
                false);

        /** Checks the values. */
        public Settings {
            java.util.Objects.requireNonNull(metric, "metric");
            java.util.Objects.requireNonNull(choice, "choice");
            java.util.Objects.requireNonNull(rule, "rule");
            if (metric == Metric.EXPECTED_COST && !(missedCost > 0 || falseAlarmCost > 0)) {
                throw new IllegalArgumentException("Cross-validation on expected cost needs the cost of a missed event "
                        + "and of a false alarm.");
            }
            if (neuronBudget < 0) {
                throw new IllegalArgumentException("The neuron budget must be 0 (none) or positive, not "
                        + neuronBudget + ".");
            }
        }

        /** With early stopping, the {@link CrossValidation#DEFAULT_NEURON_BUDGET}; without it, the whole path. */
        public Settings(Metric metric, Choice choice, OperatingPoint.Rule rule, double missedCost,
                        double falseAlarmCost, boolean earlyStop) {
            this(metric, choice, rule, missedCost, falseAlarmCost, earlyStop, earlyStop ? DEFAULT_NEURON_BUDGET : 0);
        }

        /** The same settings with another neuron budget (0: none). */
        public Settings withNeuronBudget(int budget) {
            return new Settings(metric, choice, rule, missedCost, falseAlarmCost, earlyStop, budget);
        }

        /**
         * The metric the user cares about for a task: balanced accuracy for classes, RMSE for
         * regression; expected cost when costs are given.
         */
        public static Settings forTask(boolean regression, Choice choice, OperatingPoint.Rule rule,
                                       double missedCost, double falseAlarmCost) {
            Metric metric = regression ? Metric.RMSE
                    : rule == OperatingPoint.Rule.EXPECTED_COST ? Metric.EXPECTED_COST : Metric.BALANCED_ACCURACY;
            return new Settings(metric, choice, regression ? OperatingPoint.Rule.ZERO : rule, missedCost,
                    falseAlarmCost, true);
        }
    }

    /** Ratios from 1 to 1e-4, three per decade. */
    public static double[] defaultRatios() {
        double[] ratios = new double[13];
        for (int k = 0; k < ratios.length; k++) {
            ratios[k] = Math.pow(10, -k / 3.0);
        }
        return ratios;
    }

    /** The ratio the settings' choice picks. */
    public double chosenRatio() {
        return ratios[chosen()];
    }

    /** Index of the chosen ratio. */
    public int chosen() {
        return settings.choice() == Choice.MIN ? best : oneStandardError;
    }

    /**
     * Runs k-fold cross-validation on the training part of {@code data}, scored by the validation
     * loss with the one-standard-error choice over the whole path.
     *
     * @param ratios beta ratios, any order (sorted largest first)
     */
    public static CrossValidation run(PreparedData data, ConvexOptions options, int k, double[] ratios, long seed,
                                      ProgressListener progress, Cancellation cancellation) {
        return run(data, options, k, ratios, seed, Settings.LOSS, progress, cancellation);
    }

    /** Runs k-fold cross-validation with the given scoring and choice. */
    public static CrossValidation run(PreparedData data, ConvexOptions options, int k, double[] ratios, long seed,
                                      Settings settings, ProgressListener progress, Cancellation cancellation) {
        double[] path = ratios.clone();
        java.util.Arrays.sort(path);
        for (int i = 0; i < path.length / 2; i++) {
            double swap = path[i];
            path[i] = path[path.length - 1 - i];
            path[path.length - 1 - i] = swap;
        }
        for (double ratio : path) {
            if (!(ratio > 0)) {
                throw new IllegalArgumentException("Beta ratios must be positive, not " + ratio + ".");
            }
        }
        Dataset train = data.train();
        TargetEncoding encoding = data.preprocessor().target();
        ConvexTrainer.Targets targets = ConvexTrainer.targets(train, encoding);
        double[][] y = targets.values();
        int n = train.size();
        int[] fold = Split.folds(n, train.classes(), k, seed);
        double[] rowWeights = options.classWeights().rowWeights(train, encoding);
        Fold[] parts = new Fold[k];
        ConvexOptions single = options.toBuilder().solver(options.solver().withThreads(1)).build();
        int threads = Math.max(1, Math.min(k, Runtime.getRuntime().availableProcessors()));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, task -> {
            Thread thread = new Thread(task, "cross-validation");
            thread.setDaemon(true);
            return thread;
        });
        try {
            parallel(pool, k, f -> parts[f] = new Fold(train.x(), y, rowWeights, rows(fold, f, false), rows(fold, f, true),
                    single, cancellation));
            double[] loss = new double[path.length];
            double[] lossSe = new double[path.length];
            double[] error = new double[path.length];
            double[] width = new double[path.length];
            double[] metric = new double[path.length];
            double[] metricSe = new double[path.length];
            double[][][] outputs = new double[path.length][][];
            double[][] foldScores = new double[path.length][];
            int solved = 0;
            int best = 0;
            Stop stop = Stop.WHOLE_PATH;
            int steps = path.length;
            for (int r = 0; r < path.length; r++) {
                cancellation.check();
                progress.progress(r, steps, String.format(java.util.Locale.ROOT,
                        "Cross-validation: ratio %.3g (%d folds)", path[r], k));
                double ratio = path[r];
                parallel(pool, k, f -> parts[f].solve(ratio, cancellation));
                double[][] pooled = new double[n][];
                double[] losses = new double[k];
                double[] errors = new double[k];
                double[] neurons = new double[k];
                for (int f = 0; f < k; f++) {
                    Fold part = parts[f];
                    losses[f] = HeldOutScores.validationLoss(part.out, part.yHeld, options.loss(), part.wHeld);
                    errors[f] = encoding.task() == TaskKind.REGRESSION ? Double.NaN
                            : HeldOutScores.errorRate(part.out, part.yHeld, part.wHeld);
                    neurons[f] = part.width;
                    for (int i = 0; i < part.held.length; i++) {
                        pooled[part.held[i]] = part.out[i];
                    }
                }
                double[] scores = scores(settings, parts, losses, pooled, y, rowWeights, targets.scale(), encoding);
                loss[r] = HeldOutScores.mean(losses);
                lossSe[r] = HeldOutScores.standardError(losses);
                error[r] = HeldOutScores.mean(errors);
                width[r] = HeldOutScores.mean(neurons);
                metric[r] = HeldOutScores.mean(scores);
                metricSe[r] = HeldOutScores.standardError(scores);
                foldScores[r] = scores;
                outputs[r] = pooled;
                solved = r + 1;
                if (better(settings.metric(), metric[r], metric[best])) {
                    best = r;
                }
                stop = !settings.earlyStop() || r == path.length - 1 ? Stop.WHOLE_PATH
                        : turned(settings.metric(), metric, best, r) ? Stop.TURNED
                        : clearlyWorse(settings.metric(), foldScores[r], foldScores[best]) ? Stop.CLEARLY_WORSE
                        : atBound(settings.metric(), metric[best], metricSe[best]) ? Stop.BEST_POSSIBLE
                        : settings.neuronBudget() > 0 && width[r] > settings.neuronBudget() ? Stop.NEURON_BUDGET
                        : Stop.WHOLE_PATH;
                if (stop != Stop.WHOLE_PATH) {
                    break;
                }
            }
            progress.progress(steps, steps, "Cross-validation done");
            int chosen = best;
            for (int r = 0; r <= best; r++) {
                double distance = settings.metric().higherIsBetter() ? metric[best] - metric[r] : metric[r] - metric[best];
                if (distance <= metricSe[best]) {
                    chosen = r;
                    break;
                }
            }
            int pick = settings.choice() == Choice.MIN ? best : chosen;
            return new CrossValidation(k, java.util.Arrays.copyOf(path, solved), java.util.Arrays.copyOf(loss, solved),
                    java.util.Arrays.copyOf(lossSe, solved), java.util.Arrays.copyOf(error, solved),
                    java.util.Arrays.copyOf(width, solved), best, chosen, settings,
                    java.util.Arrays.copyOf(metric, solved), java.util.Arrays.copyOf(metricSe, solved), outputs[pick],
                    stop);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One fold: its patterns, problem, warm start and the held-out outputs of the last solve. */
    private static final class Fold {
        final int[] held;
        final double[][] xFit;
        final double[][] xHeld;
        final double[][] yHeld;
        final double[] wHeld;
        final PatternMatrix patterns;
        final LassoProblem problem;
        final double betaMax;
        final LassoSolver solver;
        final org.heaviside.solver.SolverSession session = new org.heaviside.solver.SolverSession();
        double[] warm;
        double[][] out;
        int width;

        Fold(double[][] x, double[][] y, double[] rowWeights, int[] fit, int[] held, ConvexOptions options,
             Cancellation cancellation) {
            this.held = held;
            this.xFit = select(x, fit);
            this.xHeld = select(x, held);
            this.yHeld = targets(y, held);
            this.wHeld = weights(rowWeights, held);
            this.patterns = ConvexTrainer.patterns(xFit, AffineSpan.of(xFit), options, cancellation).matrix();
            this.problem = new LassoProblem(patterns, targets(y, fit), weights(rowWeights, fit));
            this.betaMax = problem.penaltyMax(options.loss());
            this.solver = LassoSolver.of(options.loss(), options.solver());
        }

        void solve(double ratio, Cancellation cancellation) {
            SolverResult result = solver.solve(problem, new Penalty.Ratio(ratio).beta(betaMax), warm,
                    ConvergenceListener.NONE, cancellation, session);
            warm = result.weights();
            // the sampled hyperplanes (an exact linear program only where a pattern has none): fitting
            // maximum margins for every fold and ratio would cost more than the path itself
            ThresholdNetwork network = Reconstruction.build(patterns, result, xFit, false).network();
            out = network.predictRows(xHeld);
            width = network.width();
        }
    }

    /** The row weights of some rows, or null for none. */
    private static double[] weights(double[] rowWeights, int[] rows) {
        if (rowWeights == null) {
            return null;
        }
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rowWeights[rows[i]];
        }
        return out;
    }

    /** The selection metric per fold, every held-out row counted with its row weight. */
    private static double[] scores(Settings settings, Fold[] parts, double[] losses, double[][] pooled, double[][] y,
                                   double[] rowWeights, double scale, TargetEncoding encoding) {
        int k = parts.length;
        double[] scores = new double[k];
        double threshold = 0;
        boolean binary = y.length == 1 && encoding.task() != TaskKind.REGRESSION;
        if (binary && (settings.metric() == Metric.BALANCED_ACCURACY || settings.metric() == Metric.EXPECTED_COST)) {
            double[] all = new double[pooled.length];
            for (int i = 0; i < pooled.length; i++) {
                all[i] = pooled[i][0];
            }
            OperatingPoint.Rule rule = settings.metric() == Metric.EXPECTED_COST ? OperatingPoint.Rule.EXPECTED_COST
                    : settings.rule();
            // the cut as the final model's (Training.train): each row once, so an expected cost is the plant's
            // costs on its own rows (method.md section 10); balanced accuracy does not change with class weights
            threshold = OperatingPoint.choose(all, y[0], rule, settings.missedCost(), settings.falseAlarmCost())
                    .threshold();
        }
        for (int f = 0; f < k; f++) {
            Fold part = parts[f];
            scores[f] = switch (settings.metric()) {
                case LOSS -> losses[f];
                case ACCURACY -> 1 - HeldOutScores.errorRate(part.out, part.yHeld, part.wHeld);
                case BALANCED_ACCURACY -> binary ? HeldOutScores.balancedAccuracy(part.out, part.yHeld[0], threshold,
                        part.wHeld) : HeldOutScores.meanRecall(part.out, part.yHeld, part.wHeld);
                case EXPECTED_COST -> HeldOutScores.expectedCost(part.out, part.yHeld[0], threshold, settings.missedCost(),
                        settings.falseAlarmCost(), null);
                case RMSE -> HeldOutScores.rmse(part.out, part.yHeld, part.wHeld) * scale;
            };
        }
        return scores;
    }

    private static boolean better(Metric metric, double value, double than) {
        return metric.higherIsBetter() ? value > than : value < than;
    }

    /** Whether the last two ratios, both after the best, are worse than the best (not merely equal to it). */
    private static boolean turned(Metric metric, double[] mean, int best, int r) {
        return r >= best + 2 && better(metric, mean[best], mean[r - 1]) && better(metric, mean[best], mean[r]);
    }

    /**
     * Whether a ratio after the best is worse than it on the same folds by more than two standard
     * errors of the paired differences (mean of the per-fold differences over their standard
     * deviation / √k): the validation curve has turned beyond the folds' noise, so the path need not
     * wait for a second worse ratio (the smaller ratios are the costliest to solve). Two ratios scored
     * on the same folds differ far less than the folds differ from each other, so the paired error is
     * the one that measures the turn.
     */
    static boolean clearlyWorse(Metric metric, double[] scores, double[] best) {
        if (scores == best) {
            return false;
        }
        double[] worse = new double[scores.length];
        for (int f = 0; f < scores.length; f++) {
            worse[f] = metric.higherIsBetter() ? best[f] - scores[f] : scores[f] - best[f];
        }
        double mean = HeldOutScores.mean(worse);
        return mean > 0 && mean > PAIRED_ERRORS * HeldOutScores.standardError(worse);
    }

    /** Standard errors of the paired differences by which a ratio must be worse than the best to end the path. */
    static final double PAIRED_ERRORS = 2;

    /**
     * Whether the best mean metric is the best the metric can be (accuracy or balanced accuracy 1 in
     * every fold; expected cost or RMSE 0): no later ratio can beat it, so neither choice changes.
     */
    private static boolean atBound(Metric metric, double best, double standardError) {
        return standardError == 0 && switch (metric) {
            case ACCURACY, BALANCED_ACCURACY -> best == 1;
            case EXPECTED_COST, RMSE -> best == 0;
            case LOSS -> false;
        };
    }

    private interface FoldTask {
        void run(int fold);
    }

    /** Runs a task for every fold on the pool and waits; rethrows the first failure (cancellation included). */
    private static void parallel(java.util.concurrent.ExecutorService pool, int k, FoldTask task) {
        java.util.List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
        for (int f = 0; f < k; f++) {
            int fold = f;
            futures.add(pool.submit(() -> task.run(fold)));
        }
        for (java.util.concurrent.Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.heaviside.run.CancelledException();
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    private static int[] rows(int[] fold, int f, boolean inFold) {
        int count = 0;
        for (int v : fold) {
            if ((v == f) == inFold) {
                count++;
            }
        }
        int[] rows = new int[count];
        int at = 0;
        for (int i = 0; i < fold.length; i++) {
            if ((fold[i] == f) == inFold) {
                rows[at++] = i;
            }
        }
        return rows;
    }

    private static double[][] select(double[][] x, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = x[rows[i]];
        }
        return out;
    }

    /** Selects entries of C target arrays. */
    private static double[][] targets(double[][] y, int[] rows) {
        double[][] out = new double[y.length][rows.length];
        for (int c = 0; c < y.length; c++) {
            for (int i = 0; i < rows.length; i++) {
                out[c][i] = y[c][rows[i]];
            }
        }
        return out;
    }
}
