package org.heaviside.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.heaviside.conditions.Condition;
import org.heaviside.conditions.Conditions;
import org.heaviside.data.DataSpec;
import org.heaviside.deep.DeepOptions;
import org.heaviside.deep.DeepResult;
import org.heaviside.deep.DeepTrainer;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Preprocessing;
import org.heaviside.data.Table;
import org.heaviside.network.ConvexOptions;
import org.heaviside.network.ConvexResult;
import org.heaviside.network.ConvexTrainer;
import org.heaviside.network.CrossValidation;
import org.heaviside.network.TrainedModel;
import org.heaviside.export.ModelFile;
import org.heaviside.run.Provenance;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.ConvergenceListener;
import org.heaviside.solver.Loss;
import org.heaviside.solver.SolverOptions;
import org.heaviside.solver.SolverStatus;
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

    @ArgGroup(exclusive = true)
    Penalty penalty = new Penalty();

    static final class Penalty {
        @Option(names = "--beta", paramLabel = "B", description = "Absolute penalty beta.")
        Double beta;

        @Option(names = "--beta-ratio", paramLabel = "R",
                description = "Penalty as a share of beta_max = ||H^T y||_inf (default 0.01).")
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

    @Option(names = "--anchored", description = "Add data-anchored patterns (single-sensor thresholds).")
    boolean anchored;

    // two plain flags: picocli's negatable form inverts a flag whose default is true
    @Option(names = "--certify", description = "Search for violated patterns for a certificate (the default).")
    boolean certify;

    @Option(names = "--no-certify", description = "Skip the certificate search.")
    boolean noCertify;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the split and the patterns (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--tolerance", defaultValue = "1e-6", description = "Relative duality gap to reach (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--model", paramLabel = "OUT.json",
            description = "Save the model (preprocessing, network, solver result, certificate, provenance) to a file.")
    Path model;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Mixin
    TargetOptions targetOptions = new TargetOptions();

    @Mixin
    ImportOptions importOptions = new ImportOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Outputs.refuseOverwriting("--model", model, file);
        if (!"convex".equals(method) && !"convex-deep".equals(method)) {
            throw new IllegalArgumentException("Unknown --method '" + method + "'; expected convex or convex-deep.");
        }
        int depth = layers != null ? layers : "convex-deep".equals(method) ? 3 : 2;
        if (depth < 2) {
            throw new IllegalArgumentException("--layers must be 2 or more; got " + depth + ".");
        }
        if (certify && noCertify) {
            throw new IllegalArgumentException("Give either --certify or --no-certify, not both.");
        }
        String target = targetOptions.requireTarget();
        Table table = InspectCommand.load(file, importOptions);
        DataSpec dataSpec = targetOptions.spec(table, seed);
        PreparedData data = Preprocessing.prepare(table, dataSpec);
        ConvexOptions.Builder options = ConvexOptions.builder().seed(seed).anchored(anchored).certify(!noCertify)
                .loss(Loss.parse(loss)).solver(SolverOptions.defaults().withTolerance(tolerance));
        if ("exact".equalsIgnoreCase(patterns)) {
            options.exact(true);
        } else {
            try {
                options.sampled(Integer.parseInt(patterns));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--patterns takes 'exact' or a number of directions, not '"
                        + patterns + "'.");
            }
        }
        CrossValidation cv = null;
        if (penalty.beta != null) {
            options.beta(penalty.beta);
        } else if (penalty.ratio != null) {
            options.betaRatio(penalty.ratio);
        } else if (penalty.folds != null) {
            if (depth != 2) {
                throw new IllegalArgumentException("--cv chooses beta for two-layer networks; give --beta or "
                        + "--beta-ratio for " + depth + " layers.");
            }
            cv = CrossValidation.run(data, options.build(), penalty.folds, CrossValidation.defaultRatios(), seed,
                    ProgressListener.NONE, Cancellation.NEVER);
            options.betaRatio(cv.chosenRatio());
        }
        List<Condition> conditions = new ArrayList<>(Conditions.data(table, data));
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> report;
        TrainedModel trained;
        String status;
        double relativeGap;
        if (depth == 2) {
            if ("convex-deep".equals(method)) {
                throw new IllegalArgumentException("The shattering program builds three layers; use --layers 3.");
            }
            ConvexResult result = new ConvexTrainer(options.build()).train(data, ProgressListener.NONE,
                    ConvergenceListener.NONE, Cancellation.NEVER);
            conditions.addAll(Conditions.lasso("two-layer", data.train().size(), result.network().width(),
                    result.patterns(), result.upperBound(), options.build().exact(), result.solver().relativeGap(),
                    result.certificate().status()));
            Provenance provenance = provenance(data, result.beta(), result.betaMax(), result.patternsMillis(),
                    result.solveMillis(), result.solver().sweeps(), result.solver().dualityGap(),
                    result.solver().relativeGap(), result.solver().status().id(), result.certificate().status(), cv,
                    depth);
            trained = TrainedModel.of(data, result, loss, provenance);
            report = report(data, result);
            report.put("conditions", conditions);
            report.put("provenance", provenance);
            if (cv != null) {
                report.put("cv", cvJson(cv));
            }
            if (!json) {
                if (cv != null) {
                    printCv(out, cv);
                }
                printText(out, data, result);
            }
            status = result.solver().status().id();
            relativeGap = result.solver().relativeGap();
        } else {
            DeepOptions deep = new DeepOptions(depth, layer1, width1, reconstruction, options.build());
            DeepTrainer trainer = new DeepTrainer(deep);
            DeepResult result;
            if ("convex-deep".equals(method)) {
                result = trainer.shattering(data, ProgressListener.NONE, Cancellation.NEVER);
            } else {
                result = trainer.deepLasso(data, ProgressListener.NONE, ConvergenceListener.NONE, Cancellation.NEVER);
            }
            conditions.addAll(result.conditions());
            Provenance provenance = provenance(data, result.beta(), result.betaMax(), result.layersMillis(),
                    result.solveMillis(), result.sweeps(), result.dualityGap(), result.relativeGap(), result.status(),
                    result.certificate().status(), null, depth);
            trained = result.model(data, loss, provenance);
            report = deepReport(data, result);
            report.put("conditions", conditions);
            report.put("provenance", provenance);
            if (!json) {
                printDeep(out, data, result);
            }
            status = result.status();
            relativeGap = result.relativeGap();
        }
        if (model != null) {
            ModelFile.save(trained, model);
        }
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } else {
            printConditions(out, conditions);
            if (model != null) {
                out.printf(Locale.ROOT, "Model saved to %s%n", model);
            }
        }
        if (!SolverStatus.CONVERGED.id().equals(status)) {
            spec.commandLine().getErr().println("warning: the solver stopped with status " + status
                    + " at relative gap " + String.format(Locale.ROOT, "%.3g", relativeGap)
                    + "; the result is not optimal.");
        }
        return 0;
    }

    static Map<String, Object> deepReport(PreparedData data, DeepResult result) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("objective", result.objective());
        root.put("networkObjective", result.networkObjective());
        root.put("dualityGap", result.dualityGap());
        root.put("relativeGap", result.relativeGap());
        root.put("status", result.status());
        root.put("certificate", result.certificate().status());
        root.put("violationRatio", finite(result.certificate().violationRatio()));
        root.put("neurons", result.network().head().width());
        root.put("patterns", result.patterns());
        root.put("patternUpperBound", result.convex() != null ? result.convex().upperBound()
                : "2^" + data.train().size());
        root.put("beta", result.beta());
        root.put("betaMax", result.betaMax());
        root.put("seconds", (result.layersMillis() + result.solveMillis()) / 1000.0);
        root.put("sweeps", result.sweeps());
        root.put("hyperplanes", result.reconstruction());
        if (data.preprocessor().target().isBinary()) {
            root.put("positive", data.preprocessor().target().positive());
        }
        root.put("train", finite(result.train()));
        root.put("test", finite(result.test()));
        root.put("kind", result.kind());
        root.put("layers", result.network().depth());
        root.put("widths", result.network().widths());
        root.put("layer1", result.layer1());
        root.put("rankB1", result.rankB1() < 0 ? null : result.rankB1());
        root.put("maxDeviation", finite(result.maxDeviation()));
        return root;
    }

    static Map<String, Object> report(PreparedData data, ConvexResult result) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("objective", result.solver().objective());
        root.put("networkObjective", result.networkObjective());
        root.put("dualityGap", result.solver().dualityGap());
        root.put("relativeGap", result.solver().relativeGap());
        root.put("status", result.solver().status().id());
        root.put("certificate", result.certificate().status());
        root.put("violationRatio", finite(result.certificate().violationRatio()));
        root.put("neurons", result.network().width());
        root.put("patterns", result.patterns());
        root.put("patternUpperBound", result.upperBound());
        root.put("beta", result.beta());
        root.put("betaMax", result.betaMax());
        root.put("seconds", (result.patternsMillis() + result.solveMillis()) / 1000.0);
        root.put("sweeps", result.solver().sweeps());
        root.put("hyperplanes", result.hyperplanes());
        if (data.preprocessor().target().isBinary()) {
            root.put("positive", data.preprocessor().target().positive());
        }
        root.put("train", finite(result.train()));
        root.put("test", finite(result.test()));
        return root;
    }

    private Provenance provenance(PreparedData data, double beta, double betaMax, long buildMillis, long solveMillis,
                                  int sweeps, double gap, double relative, String status, String certificate,
                                  CrossValidation cv, int depth) throws IOException {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("target", targetOptions.target);
        parameters.put("positive", String.valueOf(data.preprocessor().target().positive()));
        parameters.put("drop", String.join(",", targetOptions.drop));
        parameters.put("method", method);
        parameters.put("layers", Integer.toString(depth));
        if (depth > 2) {
            parameters.put("layer1", layer1);
            parameters.put("width1", Integer.toString(width1));
            parameters.put("reconstruction", reconstruction);
        }
        parameters.put("loss", loss);
        parameters.put("beta", Double.toString(beta));
        parameters.put("betaRatio", Double.toString(beta / betaMax));
        parameters.put("cvFolds", cv == null ? "" : Integer.toString(cv.folds()));
        parameters.put("patterns", patterns);
        parameters.put("anchored", Boolean.toString(anchored));
        parameters.put("certify", Boolean.toString(!noCertify));
        parameters.put("testFraction", Double.toString(targetOptions.testFraction));
        parameters.put("tolerance", Double.toString(tolerance));
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put(depth > 2 ? "layers" : "patterns", buildMillis);
        timings.put("solve", solveMillis);
        Map<String, String> diagnostics = new LinkedHashMap<>();
        diagnostics.put("sweeps", Integer.toString(sweeps));
        diagnostics.put("dualityGap", Double.toString(gap));
        diagnostics.put("relativeGap", Double.toString(relative));
        diagnostics.put("status", status);
        diagnostics.put("certificate", certificate);
        String sha;
        try (var in = java.nio.file.Files.newInputStream(file)) {
            sha = Provenance.sha256(in);
        }
        return Provenance.of(seed, parameters, file.getFileName().toString(), sha, data.train().size(),
                data.preprocessor().steps().size(), timings, diagnostics);
    }

    static Map<String, Object> cvJson(CrossValidation cv) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("folds", cv.folds());
        List<Map<String, Object>> points = new ArrayList<>();
        for (int r = 0; r < cv.ratios().length; r++) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("ratio", cv.ratios()[r]);
            point.put("meanLoss", cv.meanLoss()[r]);
            point.put("standardError", cv.standardError()[r]);
            point.put("meanError", finite(cv.meanError()[r]));
            point.put("meanNeurons", cv.meanNeurons()[r]);
            points.add(point);
        }
        root.put("curve", points);
        root.put("bestRatio", cv.ratios()[cv.best()]);
        root.put("oneStandardErrorRatio", cv.chosenRatio());
        root.put("chosen", "oneStandardError");
        return root;
    }

    private static void printCv(PrintWriter out, CrossValidation cv) {
        out.printf(Locale.ROOT, "Cross-validation (%d folds; validation loss per row, mean +/- standard error):%n",
                cv.folds());
        out.printf(Locale.ROOT, "  %10s  %12s  %10s  %8s  %8s%n", "ratio", "loss", "std. err.", "error", "neurons");
        for (int r = 0; r < cv.ratios().length; r++) {
            String mark = r == cv.oneStandardError() && r == cv.best() ? "  <- lowest mean loss, chosen"
                    : r == cv.oneStandardError() ? "  <- chosen (one-standard-error rule)"
                    : r == cv.best() ? "  <- lowest mean loss" : "";
            out.printf(Locale.ROOT, "  %10.4g  %12.6g  %10.3g  %8.4f  %8.1f%s%n", cv.ratios()[r], cv.meanLoss()[r],
                    cv.standardError()[r], cv.meanError()[r], cv.meanNeurons()[r], mark);
        }
    }

    private static Object finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static Map<String, Object> finite(Map<String, Double> metrics) {
        Map<String, Object> out = new LinkedHashMap<>();
        metrics.forEach((name, value) -> out.put(name, finite(value)));
        return out;
    }

    private static void printText(PrintWriter out, PreparedData data, ConvexResult result) {
        var solver = result.solver();
        if (data.preprocessor().target().isBinary()) {
            out.printf(Locale.ROOT, "Positive class (+1): %s%n", data.preprocessor().target().positive());
        }
        out.printf(Locale.ROOT, "Rows: %d train, %d test; features: %d; rank(Xt) = %d%n", data.train().size(),
                data.test().size(), data.train().width(), result.rank());
        out.printf(Locale.ROOT, "Patterns: %,d distinct (upper bound %s)%n", result.patterns(), result.upperBound());
        out.printf(Locale.ROOT, "beta = %.6g (beta_max = %.6g)%n", result.beta(), result.betaMax());
        out.printf(Locale.ROOT, "Objective (convex):  %.10g%n", solver.objective());
        out.printf(Locale.ROOT, "J of the network:    %.10g%n", result.networkObjective());
        out.printf(Locale.ROOT, "Duality gap:         %.3e (relative %.3e), status %s after %d sweeps%n",
                solver.dualityGap(), solver.relativeGap(), solver.status().id(), solver.sweeps());
        out.printf(Locale.ROOT, "Certificate:         %s (largest violation ratio %.6f, %d rounds, %d patterns added)%n",
                result.certificate().status(), result.certificate().violationRatio(), result.certificate().rounds(),
                result.certificate().added());
        out.printf(Locale.ROOT, "Neurons: %d (hyperplanes: %s)%n", result.network().width(), result.hyperplanes());
        out.printf(Locale.ROOT, "Time: patterns %.3f s, solve %.3f s%n", result.patternsMillis() / 1000.0,
                result.solveMillis() / 1000.0);
        out.printf(Locale.ROOT, "Train: %s%n", format(result.train()));
        if (!result.test().isEmpty()) {
            out.printf(Locale.ROOT, "Test:  %s%n", format(result.test()));
        }
    }

    private static void printDeep(PrintWriter out, PreparedData data, DeepResult result) {
        if (data.preprocessor().target().isBinary()) {
            out.printf(Locale.ROOT, "Positive class (+1): %s%n", data.preprocessor().target().positive());
        }
        boolean shattering = DeepTrainer.SHATTERING.equals(result.kind());
        out.printf(Locale.ROOT, "Network: %d layers (%s), hidden widths %s%n", result.network().depth(),
                shattering ? "shattering program, closed form" : "deep Lasso on fixed sampled layers",
                java.util.Arrays.toString(result.network().widths()));
        out.printf(Locale.ROOT, "Rows: %d train, %d test; features: %d%n", data.train().size(), data.test().size(),
                data.train().width());
        if (shattering) {
            out.printf(Locale.ROOT, "Layer 1: %s, rank(B1) = %d; layer 2: %s (%d level neurons)%n", result.layer1(),
                    result.rankB1(), result.reconstruction(), result.patterns());
            out.printf(Locale.ROOT, "Reproduces delta on the training rows: max |f - delta| = %.3e%n",
                    result.maxDeviation());
        } else {
            out.printf(Locale.ROOT, "Patterns of the last hidden layer: %,d; hyperplanes: %s%n", result.patterns(),
                    result.reconstruction());
        }
        out.printf(Locale.ROOT, "beta = %.6g (beta_max = %.6g)%n", result.beta(), result.betaMax());
        out.printf(Locale.ROOT, "Objective (convex):  %.10g%n", result.objective());
        out.printf(Locale.ROOT, "J of the network:    %.10g%n", result.networkObjective());
        out.printf(Locale.ROOT, "Duality gap:         %.3e (relative %.3e), status %s%n", result.dualityGap(),
                result.relativeGap(), result.status());
        out.printf(Locale.ROOT, "Certificate:         %s%s%n", result.certificate().status(), shattering
                ? " (the program is over every 0/1 pattern of the points)"
                : " (over the patterns of the fixed layers' outputs; the earlier layers are fixed, not optimized)");
        out.printf(Locale.ROOT, "Time: layers %.3f s, solve %.3f s%n", result.layersMillis() / 1000.0,
                result.solveMillis() / 1000.0);
        out.printf(Locale.ROOT, "Train: %s%n", format(result.train()));
        if (!result.test().isEmpty()) {
            out.printf(Locale.ROOT, "Test:  %s%n", format(result.test()));
        }
    }

    static void printConditions(PrintWriter out, List<Condition> conditions) {
        out.printf(Locale.ROOT, "Conditions:%n");
        for (Condition condition : conditions) {
            out.printf(Locale.ROOT, "  [%-7s] %-26s %s%n", condition.verdict(), condition.id(), condition.detail());
            if (!condition.hint().isEmpty()) {
                out.printf(Locale.ROOT, "  %-36s %s%n", "", condition.hint());
            }
        }
    }

    private static String format(Map<String, Double> metrics) {
        List<String> parts = new ArrayList<>();
        metrics.forEach((name, value) -> parts.add(String.format(Locale.ROOT, "%s %.4f", name, value)));
        return String.join(", ", parts);
    }
}
