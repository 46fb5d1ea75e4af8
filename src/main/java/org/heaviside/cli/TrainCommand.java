package org.heaviside.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.heaviside.data.Table;
import org.heaviside.deep.Layer1Generator;
import org.heaviside.deep.Reconstruction;
import org.heaviside.export.ModelFile;
import org.heaviside.network.CrossValidation;
import org.heaviside.network.OperatingPoint;
import org.heaviside.network.ClassWeights;
import org.heaviside.network.Penalty;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.ConvergenceListener;
import org.heaviside.solver.Loss;
import org.heaviside.workflow.Method;
import org.heaviside.workflow.Preset;
import org.heaviside.workflow.Training;
import org.heaviside.workflow.TrainingData;
import org.heaviside.workflow.TrainingRequest;
import org.heaviside.workflow.TrainingResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code train FILE --target COL}: convex training of a two-layer threshold network. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a threshold network to the optimum of its convex program (Ergen et al., ICLR 2023): two "
                + "layers, the deep Lasso, or the three-layer shattering program; report the objective, the "
                + "duality gap, the certificate, the conditions and metrics.")
final class TrainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "A CSV file.")
    Path file;

    @Option(names = "--method", defaultValue = "convex",
            description = "convex (default): the pattern Lasso, two layers or, with --layers 3 or more, the deep Lasso "
                    + "on fixed sampled earlier layers; convex-deep: the three-layer shattering program (closed form).")
    String method;

    @Option(names = "--layers", paramLabel = "L",
            description = "Weight layers: 2 (default for convex), 3 or more for the deep Lasso; 3 for convex-deep.")
    Integer layers;

    @Option(names = "--layer1", defaultValue = "random", paramLabel = "random|projection",
            description = "convex-deep: how layer 1 shatters the points (default: ${DEFAULT-VALUE}).")
    String layer1;

    @Option(names = "--width1", defaultValue = "0", paramLabel = "N",
            description = "Width of layer 1 (convex-deep; default: the number of distinct points, twice that for "
                    + "random) or of each fixed layer (deep Lasso; default: 500).")
    int width1;

    @Option(names = "--reconstruction", defaultValue = "svm", paramLabel = "svm|pi",
            description = "convex-deep: layer-2 weights by maximum margin (svm, default; least norm where the "
                    + "margin search runs out of budget) or least norm (pi).")
    String reconstruction;

    @Option(names = "--loss", defaultValue = "squared", description = "Loss: squared (default) or logistic (two classes).")
    String loss;

    @Option(names = "--preset", paramLabel = "recommended|paper",
            description = "The setting the other options change: recommended (class-balanced weights, beta by "
                    + "5-fold cross-validation on the task's metric, sampled + anchored patterns, the operating "
                    + "point of the largest balanced accuracy; the default) or paper (no weights, beta ratio 0.01, "
                    + "the sign).")
    String preset;

    @Option(names = "--class-weight", paramLabel = "balanced|none|LABEL=W,...",
            description = "Row weights per class in every convex program: none (the paper preset), balanced "
                    + "(n / (K * n_class); the recommended preset), or a weight per class label, e.g. 1=20 (classes "
                    + "not named keep 1).")
    String classWeight;

    @ArgGroup(exclusive = true)
    PenaltyOptions penalty = new PenaltyOptions();

    static final class PenaltyOptions {
        @Option(names = "--beta", paramLabel = "B", description = "Absolute penalty beta.")
        Double beta;

        @Option(names = "--beta-ratio", paramLabel = "R",
                description = "Penalty as a share of beta_max = ||H^T y||_inf (the paper preset: 0.01; the "
                        + "recommended preset chooses it by cross-validation).")
        Double ratio;

        @Option(names = "--cv", paramLabel = "K",
                description = "Pick the beta ratio by K-fold cross-validation over ratios 1 to 1e-4 (seeded folds, "
                        + "stratified for classes; the one-standard-error choice).")
        Integer folds;
    }

    @Option(names = "--patterns", defaultValue = "1000", paramLabel = "exact|N",
            description = "'exact' to enumerate all patterns (at most two features), or a number of sampled "
                    + "directions (default: ${DEFAULT-VALUE}).")
    String patterns;

    @Option(names = "--anchored", description = "Add data-anchored patterns (single-sensor thresholds; on in the "
            + "recommended preset).")
    boolean anchored;

    // two plain flags: picocli's negatable form inverts a flag whose default is true
    @Option(names = "--certify", description = "Search for violated patterns for a certificate (the default).")
    boolean certify;

    @Option(names = "--no-certify", description = "Skip the certificate search.")
    boolean noCertify;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the split and the patterns (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--operating-point", paramLabel = "RULE",
            description = "Two classes: the cut on the score, chosen on out-of-fold scores by balanced-accuracy (the "
                    + "recommended preset), f1 or expected-cost (with --costs), or zero, the sign (the paper preset).")
    String operatingPoint;

    @Option(names = "--costs", paramLabel = "missed=C,false-alarm=C",
            description = "The plant's cost of a missed event and of a false alarm (for --operating-point "
                    + "expected-cost and --cv-metric expected-cost).")
    String costs;

    @Option(names = "--cv-metric", paramLabel = "METRIC",
            description = "What --cv scores: loss (the paper preset), task (the recommended preset: balanced accuracy "
                    + "or expected cost for classes, RMSE for regression), balanced-accuracy, accuracy, expected-cost "
                    + "or rmse.")
    String cvMetric;

    @Option(names = "--cv-choice", paramLabel = "min|1se",
            description = "--cv picks the best mean (min) or the sparsest ratio within one standard error (1se, "
                    + "default).")
    String cvChoice;

    @Option(names = "--tolerance", defaultValue = "1e-6", description = "Relative duality gap to reach (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--model", paramLabel = "OUT.json",
            description = "Save the model (preprocessing, network, solver result, certificate, provenance) to a file.")
    Path model;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Option(names = "--engine", defaultValue = "local", paramLabel = "local|spark",
            description = "Where the two-layer program runs: in this process (default) or on Apache Spark (needs Spark "
                    + "on the classpath; at a given --beta-ratio or --beta, sampled patterns, squared or two-class "
                    + "logistic loss; see the README, \"Scaling out\").")
    String engine;

    @Option(names = "--master", paramLabel = "URL",
            description = "With --engine spark: the Spark master (local[N], spark://host:7077, ...; default: "
                    + "spark-submit's, else local[*]).")
    String master;

    @Option(names = "--partitions", defaultValue = "0", paramLabel = "N",
            description = "With --engine spark: the least number of partitions a CSV file is read in (default: twice "
                    + "the default parallelism; Parquet keeps Spark's own split).")
    int partitions;

    @Mixin
    TargetOptions targetOptions = new TargetOptions();

    @Mixin
    ImportOptions importOptions = new ImportOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Outputs.refuseOverwriting("--model", model, file);
        if (certify && noCertify) {
            throw new IllegalArgumentException("Give either --certify or --no-certify, not both.");
        }
        TrainingRequest request = request();
        targetOptions.requireTarget();
        TrainingResult result;
        if ("spark".equalsIgnoreCase(engine)) {
            // Spark reads the file in its partitions: the rows never pass through this process
            result = SparkRuns.trainFile(file, importOptions, targetOptions, request, master, partitions, seed);
        } else if ("local".equalsIgnoreCase(engine)) {
            if (master != null) {
                throw new IllegalArgumentException("--master applies to --engine spark only.");
            }
            Table table = importOptions.open(file);
            TrainingData data = TrainingData.of(table, targetOptions.spec(table, seed));
            // progress on the error stream (cross-validation and certificate rounds can take a while); none
            // with --json, whose output is for programs
            ConsoleProgress progress = json ? null : new ConsoleProgress(spec.commandLine().getErr());
            try {
                result = Training.train(data, request, progress == null ? ProgressListener.NONE : progress,
                        ConvergenceListener.NONE, Cancellation.NEVER);
            } finally {
                if (progress != null) {
                    progress.clear();
                }
            }
        } else {
            throw new IllegalArgumentException("--engine takes local or spark, not '" + engine + "'.");
        }
        if (model != null) {
            ModelFile.save(result.model(), model);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            TrainOutput.printJson(out, result);
        } else {
            TrainOutput.printText(out, result);
            if (model != null) {
                out.printf(Locale.ROOT, "Model saved to %s%n", model);
            }
        }
        if (!result.converged()) {
            spec.commandLine().getErr().println("warning: the solver stopped with status " + result.status()
                    + " at relative gap " + String.format(Locale.ROOT, "%.3g", result.relativeGap())
                    + "; the result is not optimal.");
        }
        return 0;
    }

    /** The request the options describe (the core's messages are translated to options by {@link Flags}). */
    private TrainingRequest request() {
        int depth = layers != null ? layers : "convex-deep".equalsIgnoreCase(method) ? 3 : 2;
        // the preset first; each option given explicitly then overrides its field
        TrainingRequest.Builder request = (preset == null ? Preset.DEFAULT : Preset.parse(preset))
                .builder(Method.of(method, depth)).layers(depth).seed(seed).certify(!noCertify).tolerance(tolerance)
                .width1(width1);
        request.loss(Loss.parse(loss)).layer1(Layer1Generator.parse(layer1))
                .reconstruction(Reconstruction.parse(reconstruction));
        if (anchored) {
            request.anchored(true);
        }
        if (classWeight != null) {
            request.classWeights(ClassWeights.parse(classWeight));
        }
        double[] plantCosts = Costs.parse(costs);
        request.costs(plantCosts[0], plantCosts[1]);
        if (operatingPoint != null) {
            request.pointRule(OperatingPoint.Rule.parse(operatingPoint));
        }
        if (cvMetric != null) {
            request.cvMetric("task".equalsIgnoreCase(cvMetric) ? null : CrossValidation.Metric.parse(cvMetric));
        }
        if (cvChoice != null) {
            request.cvChoice(CrossValidation.Choice.parse(cvChoice));
        }
        if ("exact".equalsIgnoreCase(patterns)) {
            request.exact(true);
        } else {
            try {
                request.sampled(Integer.parseInt(patterns));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--patterns takes 'exact' or a number of directions, not '"
                        + patterns + "'.");
            }
        }
        if (penalty.beta != null) {
            request.penalty(new Penalty.Absolute(penalty.beta));
        } else if (penalty.ratio != null) {
            request.penalty(new Penalty.Ratio(penalty.ratio));
        } else if (penalty.folds != null) {
            request.penalty(new Penalty.CrossValidated(penalty.folds));
        }
        return request.build();
    }
}
