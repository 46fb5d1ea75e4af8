package org.heaviside.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.heaviside.data.DataSpec;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Preprocessing;
import org.heaviside.data.Table;
import org.heaviside.network.ConvexOptions;
import org.heaviside.network.ConvexResult;
import org.heaviside.network.ConvexTrainer;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.ConvergenceListener;
import org.heaviside.solver.SolverStatus;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code train FILE --target COL}: convex training of a two-layer threshold network. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a two-layer threshold network to the optimum of its convex program (Ergen et al., "
                + "ICLR 2023) and report the objective, the duality gap, the certificate and metrics.")
final class TrainCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "A CSV file.")
    Path file;

    @Option(names = "--target", required = true, paramLabel = "COL", description = "The target column.")
    String target;

    @Option(names = "--positive", paramLabel = "LABEL",
            description = "For two classes, the +1 class (default: the minority class).")
    String positive;

    @Option(names = "--drop", split = ",", paramLabel = "COLS", description = "Columns to ignore, comma-separated.")
    List<String> drop = new ArrayList<>();

    @Option(names = "--method", defaultValue = "convex", description = "Training method (default: ${DEFAULT-VALUE}).")
    String method;

    @Option(names = "--loss", defaultValue = "squared", description = "Loss: squared (default).")
    String loss;

    @ArgGroup(exclusive = true)
    Penalty penalty = new Penalty();

    static final class Penalty {
        @Option(names = "--beta", paramLabel = "B", description = "Absolute penalty beta.")
        Double beta;

        @Option(names = "--beta-ratio", paramLabel = "R",
                description = "Penalty as a share of beta_max = ||H^T y||_inf (default 0.01).")
        Double ratio;
    }

    @Option(names = "--patterns", defaultValue = "1000", paramLabel = "exact|N",
            description = "'exact' to enumerate all patterns (at most two features), or a number of sampled "
                    + "directions (default: ${DEFAULT-VALUE}).")
    String patterns;

    @Option(names = "--anchored", description = "Add data-anchored patterns (single-sensor thresholds).")
    boolean anchored;

    @Option(names = "--certify", negatable = true, defaultValue = "true",
            description = "Search for violated patterns for a certificate (default: on).")
    boolean certify;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the split and the patterns (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--test-fraction", defaultValue = "0.25",
            description = "Share of rows held out (default: ${DEFAULT-VALUE}; 0 trains on every row).")
    double testFraction;

    @Option(names = "--tolerance", defaultValue = "1e-6", description = "Relative duality gap to reach (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Mixin
    ImportOptions importOptions = new ImportOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!"convex".equals(method)) {
            throw new IllegalArgumentException("Unknown --method '" + method + "'; expected convex.");
        }
        if (!"squared".equals(loss)) {
            throw new IllegalArgumentException("Unknown --loss '" + loss + "'; this build supports squared.");
        }
        Table table = InspectCommand.load(file, importOptions);
        DataSpec dataSpec = new DataSpec(target, Preprocessing.ignoring(table, drop), null, positive, testFraction, seed);
        PreparedData data = Preprocessing.prepare(table, dataSpec);
        ConvexOptions options = ConvexOptions.defaults().withSeed(seed).withAnchored(anchored).withCertify(certify)
                .withSolver(ConvexOptions.defaults().solver().withTolerance(tolerance));
        if ("exact".equalsIgnoreCase(patterns)) {
            options = options.withExact(true);
        } else {
            try {
                options = options.withSampled(Integer.parseInt(patterns));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--patterns takes 'exact' or a number of directions, not '"
                        + patterns + "'.");
            }
        }
        if (penalty.beta != null) {
            options = options.withBeta(penalty.beta);
        } else if (penalty.ratio != null) {
            options = options.withBetaRatio(penalty.ratio);
        }
        ConvexResult result = new ConvexTrainer(options).train(data, ProgressListener.NONE, ConvergenceListener.NONE,
                Cancellation.NEVER);
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Object> report = report(data, result);
        if (json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
        } else {
            printText(out, data, result);
        }
        if (result.solver().status() != SolverStatus.CONVERGED) {
            spec.commandLine().getErr().println("warning: the solver stopped with status "
                    + result.solver().status().id() + " at relative gap "
                    + String.format(Locale.ROOT, "%.3g", result.solver().relativeGap()) + "; the result is not optimal.");
        }
        return 0;
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

    private static String format(Map<String, Double> metrics) {
        List<String> parts = new ArrayList<>();
        metrics.forEach((name, value) -> parts.add(String.format(Locale.ROOT, "%s %.4f", name, value)));
        return String.join(", ", parts);
    }
}
