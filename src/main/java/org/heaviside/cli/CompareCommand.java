package org.heaviside.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.heaviside.data.ByteSource;
import org.heaviside.data.DataException;
import org.heaviside.experiment.ExperimentFile;
import org.heaviside.experiment.ExperimentResult;
import org.heaviside.experiment.ExperimentSpec;
import org.heaviside.experiment.Experiments;
import org.heaviside.network.OperatingPoint;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.network.ClassWeights;
import org.heaviside.solver.Loss;
import org.heaviside.ste.Optimizer;
import org.heaviside.workflow.Preset;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code compare}: the convex program(s) against STE baselines over seeds. */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare the convex program with straight-through-estimator baselines over several seeds on the "
                + "same data and beta: J, its excess over the convex optimum, train and test metrics, time, and a "
                + "paired test. --paper runs the synthetic experiment of Ergen et al. (ICLR 2023).")
final class CompareCommand implements Callable<Integer> {


    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "A CSV file (not with --paper or --rerun).")
    Path file;

    @Option(names = "--paper", description = "The paper's synthetic experiment (method.md section 9), two and three "
            + "layers unless --layers is given.")
    boolean paper;

    @Option(names = "--rerun", paramLabel = "RESULTS.json", description = "Run the experiment saved in a results file again.")
    Path rerun;

    @Option(names = "--methods", split = ",", paramLabel = "M,...",
            description = "Methods: convex, convex-deep, ste, relu, leaky-relu, clipped-relu (default: the convex "
                    + "program for the depth and all four baselines).")
    List<String> methods;

    @Option(names = "--layers", paramLabel = "2|3", description = "Network depth (default: 2; both for --paper).")
    Integer layers;

    @Option(names = "--seeds", defaultValue = "5", paramLabel = "K", description = "Seeds (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--seed", defaultValue = "1", description = "First seed, and the split's seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--resample-split", description = "Each seed also draws its own train/test split (the corrected "
            + "resampled t-test then replaces the Wilcoxon test).")
    boolean resampleSplit;

    @Option(names = "--loss", defaultValue = "squared", description = "squared (default) or logistic.")
    String loss;

    @Option(names = "--preset", paramLabel = "recommended|paper",
            description = "Setting of the convex runs, as train --preset: recommended (beta by cross-validation on "
                    + "the task's metric, data-anchored patterns, class weights balanced and the balanced-accuracy "
                    + "operating point unless given) or paper (the paper's plain setting). Default: the one train "
                    + "uses (recommended), and paper with --paper. --rerun uses the preset saved in the results file.")
    String preset;

    @Option(names = "--class-weight", paramLabel = "balanced|none|LABEL=W,...",
            description = "Row weights per class of every method's loss (the convex programs and the STE baselines "
                    + "alike, so J is the same weighted loss): none, balanced or LABEL=W,... (default: the preset's, "
                    + "balanced for recommended, none for paper)")
    String classWeight;

    @Option(names = "--beta", paramLabel = "B", description = "Absolute penalty beta (the paper: 0.1).")
    Double beta;

    @Option(names = "--beta-ratio", paramLabel = "R", description = "Penalty as a share of max(sum of positive "
            + "targets, sum of negative targets), beta_max over all patterns (default 0.01).")
    Double betaRatio;

    @Option(names = "--patterns", defaultValue = "1000", paramLabel = "N",
            description = "Sampled directions of the convex program (default: ${DEFAULT-VALUE}).")
    int patterns;

    @Option(names = "--no-certify", description = "Skip the convex certificate search.")
    boolean noCertify;

    @Option(names = "--epochs", paramLabel = "E", description = "STE epochs (default: 2000).")
    Integer epochs;

    @Option(names = "--lr", paramLabel = "RATE", description = "STE step size (default: 0.01 with --paper or "
            + "--optimizer sgd; on a CSV file with adam, chosen per baseline and seed on validation rows from "
            + "0.001, 0.003, 0.01, 0.03, 0.1).")
    Double learningRate;

    @Option(names = "--optimizer", paramLabel = "sgd|adam", description = "STE optimizer: sgd (the paper's; step "
            + "halved on a plateau) or adam (default: sgd with --paper, adam on a CSV file).")
    String optimizer;

    @Option(names = "--operating-point", paramLabel = "RULE",
            description = "Two classes: the cut on each network's score, chosen by balanced-accuracy, f1 or "
                    + "expected-cost (with --costs) on scores it did not train on (the convex model's out-of-fold "
                    + "scores, each baseline's validation rows), or zero, the sign (default: the preset's, "
                    + "balanced-accuracy for recommended on two layers, else zero).")
    String operatingPoint;

    @Option(names = "--costs", paramLabel = "missed=C,false-alarm=C",
            description = "The plant's cost of a missed event and of a false alarm (for --operating-point "
                    + "expected-cost).")
    String costs;

    @Option(names = "--width1", defaultValue = "1000", description = "STE first hidden width (default: ${DEFAULT-VALUE}).")
    int width1;

    @Option(names = "--width2", defaultValue = "0", description = "STE second hidden width for 3 layers (default: "
            + "the number of training rows).")
    int width2;

    @Option(names = "--record-every", defaultValue = "50", description = "STE curve point every E epochs (default: ${DEFAULT-VALUE}).")
    int recordEvery;

    @Option(names = "--out", paramLabel = "RESULTS.json", description = "Save the results (re-runnable) as JSON; with "
            + "two depths, -2layers and -3layers are added to the name.")
    Path out;

    @Option(names = "--csv", paramLabel = "RUNS.csv", description = "Save one line per run as CSV.")
    Path csv;

    @Option(names = "--json", description = "Print JSON instead of the table.")
    boolean json;

    @Mixin
    TargetOptions targetOptions = new TargetOptions();

    @Mixin
    ImportOptions importOptions = new ImportOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Outputs.refuseOverwriting("--out", out, file, rerun);
        Outputs.refuseOverwriting("--csv", csv, file, rerun);
        List<ExperimentSpec> specs = specs();
        PrintWriter console = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<ExperimentResult> results = new ArrayList<>();
        for (ExperimentSpec experiment : specs) {
            ConsoleProgress progress = json ? null : new ConsoleProgress(err);
            ExperimentResult result;
            try {
                result = Experiments.run(experiment, rerun == null ? null : rerun.toAbsolutePath().getParent(),
                        progress == null ? ProgressListener.NONE : progress, Cancellation.NEVER);
            } finally {
                if (progress != null) {
                    progress.clear();
                }
            }
            results.add(result);
            Path target = suffixed(out, experiment, specs.size());
            if (target != null) {
                ExperimentFile.save(result, target);
            }
            Path csvTarget = suffixed(csv, experiment, specs.size());
            if (csvTarget != null) {
                ExperimentFile.saveCsv(result, csvTarget);
            }
            if (!json) {
                CompareOutput.printTable(console, result);
                if (target != null) {
                    console.printf(Locale.ROOT, "Results saved to %s%n", target);
                }
                if (csvTarget != null) {
                    console.printf(Locale.ROOT, "Runs saved to %s%n", csvTarget);
                }
                console.println();
            }
        }
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Object body = results.size() == 1 ? CompareOutput.json(results.get(0))
                    : Map.of("experiments", results.stream().map(CompareOutput::json).toList());
            console.println(mapper.writeValueAsString(body));
        }
        return 0;
    }

    private List<ExperimentSpec> specs() {
        int sources = (paper ? 1 : 0) + (rerun != null ? 1 : 0) + (file != null ? 1 : 0);
        if (sources != 1) {
            throw new IllegalArgumentException("Give exactly one of FILE, --paper or --rerun RESULTS.json.");
        }
        if (rerun != null) {
            if (preset != null) {
                throw new IllegalArgumentException("--rerun runs the preset saved in the results file; give --preset "
                        + "with FILE or --paper.");
            }
            ExperimentSpec saved = ExperimentFile.loadSpec(rerun);
            String recorded = ExperimentFile.datasetSha256(rerun);
            String now = Experiments.datasetSha256(saved, rerun.toAbsolutePath().getParent());
            if (recorded != null && !recorded.equalsIgnoreCase(now)) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "The data '%s' has SHA-256 %s..., but %s "
                        + "was made from data with SHA-256 %s...; the file changed, so a re-run would not reproduce "
                        + "these results. Restore the original file, or run compare on the new one.",
                        saved.dataset(), now.substring(0, 12), rerun, recorded.substring(0, Math.min(12,
                        recorded.length()))));
            }
            return List.of(saved);
        }
        if (beta != null && betaRatio != null) {
            throw new IllegalArgumentException("Give either --beta or --beta-ratio, not both.");
        }
        int e = epochs != null ? epochs : 2000;
        // the paper's experiment is run as the paper ran it unless a preset is named
        Preset chosenPreset = preset != null ? Preset.parse(preset) : paper ? Preset.PAPER : Preset.DEFAULT;
        String weights = classWeight != null ? classWeight
                : chosenPreset == Preset.RECOMMENDED ? ClassWeights.BALANCED.id() : ClassWeights.NONE.id();
        if (paper) {
            List<ExperimentSpec> specs = new ArrayList<>();
            for (int depth : layers != null ? List.of(layers) : List.of(2, 3)) {
                ExperimentSpec base = ExperimentSpec.paper(depth, seeds, e);
                specs.add(new ExperimentSpec(base.name(), base.dataset(), base.target(), base.drop(), base.positive(),
                        null, base.testFraction(), seed, resampleSplit, Loss.parse(loss),
                        beta != null ? beta : base.beta(),
                        betaRatio, patterns, !noCertify, methods != null ? methods : base.methods(), depth, seeds, seed,
                        e, learningRate != null ? learningRate : 0.01,
                        Optimizer.parse(optimizer != null ? optimizer : "sgd"), width1, width2, recordEvery, null,
                        ClassWeights.parse(weights).id()).withPreset(chosenPreset));
            }
            return specs;
        }
        String target = targetOptions.requireTarget();
        if (!Files.isRegularFile(file)) {
            throw DataException.of(file.toString(), "no such file", "a path to an existing CSV file");
        }
        int depth = layers != null ? layers : 2;
        Double ratio = beta == null && betaRatio == null ? Double.valueOf(0.01) : betaRatio;
        Optimizer chosen = Optimizer.parse(optimizer != null ? optimizer : "adam");
        // on user data the baseline's Adam step size is chosen on validation rows unless --lr fixes it
        boolean tune = chosen == Optimizer.ADAM && learningRate == null;
        double[] plantCosts = Costs.parse(costs);
        return List.of(new ExperimentSpec(file.getFileName() + ", target " + target + ", " + depth + " layers",
                file.toString(), target, targetOptions.drop, targetOptions.positive, importOptions.rows,
                targetOptions.testFraction, seed, resampleSplit, Loss.parse(loss),
                beta, ratio, patterns, !noCertify, methods != null ? methods : ExperimentSpec.defaultMethods(depth),
                depth, seeds, seed, e, learningRate != null ? learningRate : 0.01, chosen, width1, width2, recordEvery,
                importOptions.settingsFor(ByteSource.of(file)), ClassWeights.parse(weights).id())
                .withFairBaseline(tune, OperatingPoint.Rule.parse(rule(chosenPreset, depth)), plantCosts[0],
                        plantCosts[1]).withPreset(chosenPreset));
    }

    /** The operating-point rule given, else the preset's: the deep programs keep the sign. */
    private String rule(Preset chosen, int depth) {
        if (operatingPoint != null) {
            return operatingPoint;
        }
        return chosen.comparisonRule(depth).id();
    }

    private static Path suffixed(Path path, ExperimentSpec experiment, int count) {
        if (path == null || count == 1) {
            return path;
        }
        String name = path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String tag = "-" + experiment.layers() + "layers";
        String renamed = dot < 0 ? name + tag : name.substring(0, dot) + tag + name.substring(dot);
        return path.resolveSibling(renamed);
    }
}
