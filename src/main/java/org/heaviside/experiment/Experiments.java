package org.heaviside.experiment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.DataException;
import org.heaviside.data.DataSpec;
import org.heaviside.data.PaperSynthetic;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Preprocessing;
import org.heaviside.data.Table;
import org.heaviside.data.TaskKind;
import org.heaviside.network.Penalty;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.run.Provenance;
import org.heaviside.solver.ConvergenceListener;
import org.heaviside.network.ClassWeights;
import org.heaviside.solver.Loss;
import org.heaviside.ste.CurvePoint;
import org.heaviside.ste.SteOptions;
import org.heaviside.ste.SteResult;
import org.heaviside.ste.SteTuning;
import org.heaviside.ste.Surrogate;
import org.heaviside.workflow.Method;
import org.heaviside.workflow.Preset;
import org.heaviside.workflow.Training;
import org.heaviside.workflow.TrainingData;
import org.heaviside.workflow.TrainingRequest;
import org.heaviside.workflow.TrainingResult;

/**
 * Runs an experiment: every method on every seed, on the same data and the same β, then the
 * summaries and the paired tests. The STE baselines of a seed run two at a time (one core each), before
 * its convex program (which uses both cores), so that the convex program can take their hidden
 * patterns when a baseline reached a lower J than the sampled program: the program's optimum is then
 * at most every baseline's J, because each baseline network is a feasible point of it.
 */
public final class Experiments {

    /** Relative duality gap of the convex runs in comparisons (tighter than train's default). */
    public static final double TOLERANCE = 1e-8;
    private static final double SIGNIFICANCE = 0.05;

    private Experiments() {
    }

    /**
     * Runs the experiment. A relative dataset path is resolved against the working directory, then
     * against {@code base} (the folder of a results file being re-run), if given.
     */
    public static ExperimentResult run(ExperimentSpec spec, Path base, ProgressListener progress,
                                       Cancellation cancellation) {
        if (ExperimentSpec.PAPER.equals(spec.dataset())) {
            return run(spec, null, null, "paper-synthetic",
                    Provenance.sha256(PaperSynthetic.generate(spec.splitSeed()).toCsv()), progress, cancellation);
        }
        Path file = resolve(spec.dataset(), base);
        Table table = CsvLoader.open(file, detected -> spec.csv() != null ? spec.csv() : detected,
                spec.rows() == null ? Integer.MAX_VALUE : spec.rows(), ProgressListener.NONE, cancellation);
        return run(spec, table, null, table.source(), table.sha256(), progress, cancellation);
    }

    /**
     * The SHA-256 of the data the spec names (the generated CSV for the paper's data), resolved as
     * {@link #run(ExperimentSpec, Path, ProgressListener, Cancellation)} does: what a re-run compares
     * with the results file's provenance.
     */
    public static String datasetSha256(ExperimentSpec spec, Path base) {
        if (ExperimentSpec.PAPER.equals(spec.dataset())) {
            return Provenance.sha256(PaperSynthetic.generate(spec.splitSeed()).toCsv());
        }
        Path file = resolve(spec.dataset(), base);
        try (InputStream in = Files.newInputStream(file)) {
            return Provenance.sha256(in);
        } catch (IOException e) {
            throw DataException.of(file.toString(), "unreadable (" + e.getMessage() + ")", "a readable CSV file");
        }
    }

    /**
     * Runs the experiment on a loaded table (the workbench's data), or on the paper's data when the
     * spec names it (table null).
     *
     * @param dataSpec the target, roles and split to use instead of the spec's target and drop list
     *                 (the split seed still follows the spec when it resamples), or null
     */
    public static ExperimentResult run(ExperimentSpec spec, Table table, DataSpec dataSpec, String datasetName,
                                       String sha, ProgressListener progress, Cancellation cancellation) {
        return run(spec, table, dataSpec, datasetName, sha, progress, cancellation, partial -> { });
    }

    /**
     * As {@link #run(ExperimentSpec, Table, DataSpec, String, String, ProgressListener, Cancellation)},
     * reporting after each finished run, on the experiment's thread, the results so far: every finished
     * run (a run's excess is NaN until its seed's reference has run) and the methods' summaries over
     * them, without paired tests or notes (those need every seed).
     */
    public static ExperimentResult run(ExperimentSpec spec, Table table, DataSpec dataSpec, String datasetName,
                                       String sha, ProgressListener progress, Cancellation cancellation,
                                       Consumer<ExperimentResult> soFar) {
        long started = System.nanoTime();
        boolean paper = table == null;
        boolean recommended = Preset.parse(spec.preset()) == Preset.RECOMMENDED;
        List<Run> runs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        int total = spec.seeds() * spec.methods().size();
        int done = 0;
        int trainRows = 0;
        int testRows = 0;
        String primary = null;
        boolean binary = false;
        for (int k = 0; k < spec.seeds(); k++) {
            long seed = spec.firstSeed() + k;
            PreparedData data = paper
                    ? PaperSynthetic.generate(spec.resampleSplit() ? seed : spec.splitSeed()).prepared("paper")
                    : Preprocessing.prepare(table, dataSpec != null
                    ? dataSpec.withSeed(spec.resampleSplit() ? seed : dataSpec.seed())
                    : new DataSpec(spec.target(), Preprocessing.ignoring(table, spec.drop()), null, spec.positive(),
                    spec.testFraction(), spec.resampleSplit() ? seed : spec.splitSeed()));
            trainRows = data.train().size();
            testRows = data.test().size();
            if (primary == null) {
                primary = primaryMetric(data);
                binary = data.preprocessor().target().isBinary();
            }
            Loss loss = spec.loss();
            ClassWeights classWeights = ClassWeights.parse(spec.classWeight());
            double beta = Training.betaOverAllPatterns(data, spec.beta() != null ? new Penalty.Absolute(spec.beta())
                    : new Penalty.Ratio(spec.betaRatio()), loss, classWeights);
            TrainingData trainingData = new TrainingData(data, null, datasetName, sha,
                    paper ? List.of() : spec.drop(), paper ? 0 : spec.testFraction());
            // the recommended two-layer program chooses its beta by cross-validation first; the baselines get it
            TrainingResult chosen = null;
            long chosenNanos = 0;
            if (recommended && spec.layers() == 2 && spec.methods().contains(ExperimentSpec.CONVEX)) {
                progress.progress(done, total, "Seed " + seed + ": " + ExperimentSpec.CONVEX);
                long start = System.nanoTime();
                chosen = Training.train(trainingData, convexRequest(spec, ExperimentSpec.CONVEX, seed, beta),
                        ProgressListener.NONE, ConvergenceListener.NONE, cancellation);
                chosenNanos = System.nanoTime() - start;
                beta = chosen.beta();
            }
            Map<String, Run> seedRuns = new LinkedHashMap<>();
            List<double[]> baselinePlanes = new ArrayList<>();
            double lowestBaseline = Double.POSITIVE_INFINITY;
            double baselineSeconds = 0;
            // the baselines of a seed are independent of each other: two at a time, one core each
            List<Supplier<SteTuning.Outcome>> baselineRuns = new ArrayList<>();
            for (Surrogate surrogate : spec.baselines()) {
                SteOptions options = new SteOptions(surrogate, spec.layers(), spec.width1(),
                        spec.width2() > 0 ? spec.width2() : data.train().size(), spec.epochs(), spec.learningRate(),
                        spec.optimizer(), 100, spec.recordEvery(), seed, loss, classWeights);
                double baselineBeta = beta;
                String metric = primary;
                baselineRuns.add(() -> SteTuning.train(data, baselineBeta, options,
                        spec.tuneLearningRate() ? SteTuning.GRID : new double[] {spec.learningRate()}, metric,
                        spec.pointRule(), spec.missedCost(), spec.falseAlarmCost(), ProgressListener.NONE,
                        cancellation));
            }
            TwoAtATime<SteTuning.Outcome> baselines = TwoAtATime.start(baselineRuns);
            for (int b = 0; b < spec.baselines().size(); b++) {
                Surrogate surrogate = spec.baselines().get(b);
                progress.progress(done, total, "Seed " + seed + ": " + surrogate.id());
                SteTuning.Outcome tuned = baselines.get(b);
                SteResult result = tuned.result();
                if (spec.layers() == 2) {
                    baselinePlanes.addAll(List.of(result.network().head().hyperplanes()));
                }
                lowestBaseline = Math.min(lowestBaseline, result.objective());
                // the time of a tuned baseline includes its step-size trials
                baselineSeconds += tuned.millis() / 1000.0;
                seedRuns.put(surrogate.id(), new Run(surrogate.id(), seed, result.objective(), Double.NaN,
                        tuned.train(), tuned.test(), tuned.millis() / 1000.0, result.network().head().width(), false,
                        "", Double.NaN, result.curve(), tuned.learningRate(), tuned.point().threshold()));
                done++;
                report(spec, runs, seedRuns, primary, soFar);
            }
            for (String method : spec.methods()) {
                if (Surrogate.find(method) != null) {
                    continue;
                }
                progress.progress(done, total, "Seed " + seed + ": " + method);
                // a cross-validated program is re-solved at the β it chose when it takes the baselines' patterns
                TrainingRequest request = convexRequest(spec, method, seed, beta).toBuilder()
                        .penalty(new Penalty.Absolute(beta)).build();
                boolean first = chosen != null && method.equals(ExperimentSpec.CONVEX);
                long start = System.nanoTime() - (first ? chosenNanos : 0);
                TrainingResult result = first ? chosen : Training.train(trainingData, request, ProgressListener.NONE,
                        ConvergenceListener.NONE, cancellation);
                boolean augmented = false;
                double extraSeconds = 0;
                if (request.method() == Method.TWO_LAYER && result.objective() > lowestBaseline) {
                    double sampled = result.objective();
                    result = Training.train(trainingData, request, baselinePlanes, ProgressListener.NONE,
                            ConvergenceListener.NONE, cancellation);
                    augmented = true;
                    // the program used the baselines' networks, so their training is part of its time
                    extraSeconds = baselineSeconds;
                    notes.add(String.format(Locale.ROOT, "Seed %d: a baseline reached a lower J than the "
                            + "program over the sampled patterns (J %.6g against %.6g); the baselines' hidden "
                            + "patterns were added and the program re-solved to J = %.6g; its time includes both "
                            + "solves and the baselines' training (%.3f s), and the test on J leaves this seed "
                            + "out.", seed, lowestBaseline, sampled, result.objective(), baselineSeconds));
                }
                double seconds = (System.nanoTime() - start) / 1e9 + extraSeconds;
                seedRuns.put(method, convexRun(method, seed, result.objective(), result.train(), result.test(),
                        seconds, result.neurons(), augmented, result.certificate().status(), result.relativeGap(),
                        result.operatingPoint().threshold()));
                done++;
                report(spec, runs, seedRuns, primary, soFar);
            }
            runs.addAll(withExcess(spec, seedRuns));
        }
        progress.progress(total, total, "Done");
        String test = spec.resampleSplit() ? "corrected-resampled-t" : "wilcoxon";
        List<MethodSummary> summaries = summarize(spec, runs, primary, trainRows, testRows, notes);
        for (Surrogate surrogate : spec.baselines()) {
            notes.add(bestEpochs(surrogate.id(), runs));
        }
        if (spec.baselines().size() > 1 && TwoAtATime.slots() > 1) {
            notes.add("The baselines of each seed ran two at a time, each on one core; a baseline's time is its own "
                    + "wall time.");
        }
        if (spec.tuneLearningRate() && !spec.baselines().isEmpty()) {
            notes.add(String.format(Locale.ROOT, "Each baseline's %s step size was chosen per seed from %s on a "
                    + "seeded stratified %.0f%% of the training rows held out (half the epochs per value, by the "
                    + "held-out %s), then the baseline was trained on all training rows; the chosen rates are in "
                    + "the runs.", spec.optimizer().id(), SteTuning.describe(SteTuning.GRID),
                    100 * SteTuning.VALIDATION_SHARE, primary));
        }
        if (spec.pointRule() != org.heaviside.network.OperatingPoint.Rule.ZERO && binary) {
            notes.add("Operating point (" + spec.pointRule().id() + "): the convex model's cut was chosen on its "
                    + "out-of-fold scores, each baseline's on the scores of its validation rows; two-class metrics "
                    + "are at those cuts.");
        }
        int pairs = mostPairs(spec, runs, primary);
        if (!spec.resampleSplit() && pairs > 0 && SignificanceTests.smallestWilcoxon(pairs) > SIGNIFICANCE) {
            notes.add(String.format(Locale.ROOT, "With %d pairs tested the smallest two-sided Wilcoxon p-value is "
                    + "%.4g, so no difference can be significant at %.2f; use at least 6 seeds for a significance "
                    + "column that can say yes.", pairs, SignificanceTests.smallestWilcoxon(pairs), SIGNIFICANCE));
        }
        if (recommended) {
            notes.add(spec.layers() == 2 ? "Recommended preset: per seed the convex program chose its beta by "
                    + Preset.FOLDS + "-fold cross-validation on the task's metric (class weights "
                    + spec.classWeight() + ", sampled + data-anchored patterns); every baseline was trained at that "
                    + "beta; the convex time includes the cross-validation."
                    : "Recommended preset: class weights " + spec.classWeight() + " and data-anchored patterns; the "
                    + "deep programs keep the shared beta.");
        }
        if (spec.methods().contains(ExperimentSpec.CONVEX) && spec.layers() == 3) {
            notes.add("convex with 3 layers is the deep Lasso: optimal for its last two layers given fixed sampled "
                    + "first-layer weights, so a baseline can reach a lower J than it.");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("name", spec.name());
        parameters.put("methods", String.join(",", spec.methods()));
        parameters.put("layers", Integer.toString(spec.layers()));
        parameters.put("seeds", Integer.toString(spec.seeds()));
        parameters.put("beta", String.valueOf(spec.beta()));
        parameters.put("betaRatio", String.valueOf(spec.betaRatio()));
        parameters.put("epochs", Integer.toString(spec.epochs()));
        parameters.put("patterns", Integer.toString(spec.patterns()));
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put("total", (System.nanoTime() - started) / 1_000_000);
        Provenance provenance = Provenance.of(spec.firstSeed(), parameters, datasetName, sha, trainRows,
                paper ? PaperSynthetic.DIMENSION : table.columns().size(), timings, Map.of("test", test));
        return new ExperimentResult(spec, spec.reference(), primary, test, summaries, runs, notes, provenance);
    }

    /**
     * The request of a convex method on one seed: the spec's preset, depth, patterns, certificate, loss,
     * weights and operating-point rule; β the shared one, except a recommended two-layer program, which
     * cross-validates it.
     */
    private static TrainingRequest convexRequest(ExperimentSpec spec, String method, long seed, double beta) {
        Preset preset = Preset.parse(spec.preset());
        Method chosen = Method.of(method, spec.layers());
        TrainingRequest.Builder request = preset.builder(chosen).layers(spec.layers()).sampled(spec.patterns())
                .seed(seed).certify(spec.certify()).loss(spec.loss()).tolerance(TOLERANCE)
                .classWeights(ClassWeights.parse(spec.classWeight())).pointRule(spec.pointRule())
                .costs(spec.missedCost(), spec.falseAlarmCost());
        if (preset != Preset.RECOMMENDED || chosen != Method.TWO_LAYER) {
            request.penalty(new Penalty.Absolute(beta));
        }
        return request.build();
    }

    /** The seed's runs in the spec's order, with their excess over the seed's reference (NaN without it). */
    private static List<Run> withExcess(ExperimentSpec spec, Map<String, Run> seedRuns) {
        Run reference = seedRuns.get(spec.reference());
        List<Run> out = new ArrayList<>();
        for (String method : spec.methods()) {
            Run run = seedRuns.get(method);
            if (run == null) {
                continue;
            }
            double excess = reference == null ? Double.NaN
                    : (run.objective() - reference.objective()) / reference.objective();
            out.add(new Run(run.method(), run.seed(), run.objective(), excess, run.train(), run.test(),
                    run.seconds(), run.neurons(), run.augmented(), run.certificate(), run.relativeGap(),
                    run.curve(), run.learningRate(), run.threshold()));
        }
        return out;
    }

    /** Reports the results so far: the finished seeds' runs and the current seed's finished runs. */
    private static void report(ExperimentSpec spec, List<Run> runs, Map<String, Run> seedRuns, String primary,
                               Consumer<ExperimentResult> soFar) {
        List<Run> all = new ArrayList<>(runs);
        all.addAll(withExcess(spec, seedRuns));
        List<MethodSummary> summaries = new ArrayList<>();
        for (MethodSummary summary : summarize(spec, all, primary, 0, 0, new ArrayList<>())) {
            if (summary.runs() > 0) {
                summaries.add(new MethodSummary(summary.name(), summary.runs(), summary.objective(),
                        summary.excess(), summary.train(), summary.test(), summary.seconds(), summary.neurons(), null,
                        null, summary.augmentedRuns(), summary.belowReference()));
            }
        }
        soFar.accept(new ExperimentResult(spec, spec.reference(), primary, "", summaries, all, List.of(), null));
    }

    private static Run convexRun(String method, long seed, double objective, Map<String, Double> train,
                                 Map<String, Double> test, double seconds, int neurons, boolean augmented,
                                 String certificate, double gap, double threshold) {
        CurvePoint end = new CurvePoint(0, seconds, objective, train, test);
        return new Run(method, seed, objective, Double.NaN, train, test, seconds, neurons, augmented, certificate, gap,
                List.of(end), Double.NaN, threshold);
    }

    /** The primary test metric for the data (see {@link ExperimentResult#primaryMetric()}). */
    static String primaryMetric(PreparedData data) {
        var target = data.preprocessor().target();
        if (target.task() == TaskKind.REGRESSION) {
            return "rmse";
        }
        int classes = target.classes().size();
        int[] counts = new int[classes];
        for (int c : data.train().classes()) {
            counts[c]++;
        }
        int minority = java.util.Arrays.stream(counts).min().orElse(0);
        return target.isBinary() && minority < 0.1 * data.train().size() ? "balancedAccuracy" : "accuracy";
    }

    /**
     * The paired test of the reference against a method on one quantity, over the pairs where both
     * have a value; null (with a note) when the test is undefined, and a note when fewer pairs than
     * seeds were tested or too few for any p below the significance level.
     */
    private static Double test(ExperimentSpec spec, String method, String quantity, double[] reference, double[] mine,
                               int trainRows, int testRows, List<String> notes) {
        int pairs = SignificanceTests.pairs(reference, mine);
        String name = spec.resampleSplit() ? "corrected resampled t-test" : "Wilcoxon test";
        if (pairs < mine.length) {
            notes.add(String.format(Locale.ROOT, "%s against %s on %s: the %s used %d of %d seeds (the others have "
                    + "no value%s).", spec.reference(), method, quantity, name, pairs, mine.length,
                    quantity.equals("J") ? ", or the program took the baselines' patterns" : ""));
        }
        double p = spec.resampleSplit() ? SignificanceTests.correctedResampledT(reference, mine, trainRows, testRows)
                : SignificanceTests.wilcoxon(reference, mine);
        if (Double.isNaN(p)) {
            notes.add(String.format(Locale.ROOT, "%s against %s on %s: the %s is undefined (%s), so no p-value is "
                    + "given.", spec.reference(), method, quantity, name, pairs < 2 ? "fewer than two pairs"
                    : "every paired difference is the same, so the variance is zero"));
            return null;
        }
        return p;
    }

    /** A baseline's best recorded J and its epoch per seed, next to its last-epoch J (which the table shows). */
    private static String bestEpochs(String method, List<Run> runs) {
        StringBuilder text = new StringBuilder(method + ": J after the last epoch (in the table) against the best "
                + "recorded J and its epoch:");
        String separator = " ";
        for (Run run : runs) {
            if (run.method().equals(method)) {
                CurvePoint best = run.best();
                text.append(separator).append(String.format(Locale.ROOT, "seed %d %.6g, best %.6g at epoch %d",
                        run.seed(), run.objective(), best == null ? Double.NaN : best.objective(),
                        best == null ? -1 : best.epoch()));
                separator = "; ";
            }
        }
        return text.append('.').toString();
    }

    /** The most pairs any test of the reference against another method used (on the metric or on J). */
    private static int mostPairs(ExperimentSpec spec, List<Run> runs, String primary) {
        Map<Long, Run> reference = new LinkedHashMap<>();
        runs.stream().filter(r -> r.method().equals(spec.reference())).forEach(r -> reference.put(r.seed(), r));
        Map<String, int[]> counts = new LinkedHashMap<>(); // per method: pairs on the metric, pairs on J
        for (Run run : runs) {
            Run ref = reference.get(run.seed());
            if (ref == null || run.method().equals(spec.reference())) {
                continue;
            }
            int[] count = counts.computeIfAbsent(run.method(), m -> new int[2]);
            count[0] += Double.isNaN(ref.test().getOrDefault(primary, Double.NaN)
                    - run.test().getOrDefault(primary, Double.NaN)) ? 0 : 1;
            count[1] += ref.augmented() || Double.isNaN(ref.objective() - run.objective()) ? 0 : 1;
        }
        return counts.values().stream().mapToInt(c -> Math.max(c[0], c[1])).max().orElse(0);
    }

    private static List<MethodSummary> summarize(ExperimentSpec spec, List<Run> runs, String primary, int trainRows,
                                                 int testRows, List<String> notes) {
        Map<Long, Run> reference = new LinkedHashMap<>();
        for (Run run : runs) {
            if (run.method().equals(spec.reference())) {
                reference.put(run.seed(), run);
            }
        }
        List<MethodSummary> summaries = new ArrayList<>();
        for (String method : spec.methods()) {
            List<Run> mine = runs.stream().filter(r -> r.method().equals(method)).toList();
            int k = mine.size();
            double[] objective = new double[k];
            double[] excess = new double[k];
            double[] seconds = new double[k];
            double[] neurons = new double[k];
            double[] refMetric = new double[k];
            double[] myMetric = new double[k];
            double[] refObjective = new double[k];
            int augmented = 0;
            int below = 0;
            Map<String, double[]> train = new LinkedHashMap<>();
            Map<String, double[]> test = new LinkedHashMap<>();
            for (int i = 0; i < k; i++) {
                Run run = mine.get(i);
                Run ref = reference.get(run.seed());
                objective[i] = run.objective();
                excess[i] = run.excess();
                seconds[i] = run.seconds();
                neurons[i] = run.neurons();
                myMetric[i] = run.test().getOrDefault(primary, Double.NaN);
                refMetric[i] = ref == null ? Double.NaN : ref.test().getOrDefault(primary, Double.NaN);
                // a program that took the baselines' patterns has J at most theirs by construction: such
                // seeds are left out of the test on J
                refObjective[i] = ref == null || ref.augmented() ? Double.NaN : ref.objective();
                augmented += run.augmented() ? 1 : 0;
                below += ref != null && run.objective() < ref.objective() ? 1 : 0;
                int index = i;
                run.train().forEach((name, value) -> train.computeIfAbsent(name, n -> new double[k])[index] = value);
                run.test().forEach((name, value) -> test.computeIfAbsent(name, n -> new double[k])[index] = value);
            }
            Double p = null;
            Double pObjective = null;
            if (!method.equals(spec.reference()) && !reference.isEmpty()) {
                p = test(spec, method, primary, refMetric, myMetric, trainRows, testRows, notes);
                pObjective = test(spec, method, "J", refObjective, objective, trainRows, testRows, notes);
            }
            Map<String, Stats> trainStats = new LinkedHashMap<>();
            train.forEach((name, values) -> trainStats.put(name, Stats.of(values)));
            Map<String, Stats> testStats = new LinkedHashMap<>();
            test.forEach((name, values) -> testStats.put(name, Stats.of(values)));
            summaries.add(new MethodSummary(method, k, Stats.of(objective), Stats.of(excess), trainStats, testStats,
                    Stats.of(seconds), Stats.of(neurons), p, pObjective, augmented, below));
        }
        return summaries;
    }

    private static Path resolve(String dataset, Path base) {
        Path path = Path.of(dataset);
        if (!Files.isRegularFile(path) && base != null && !path.isAbsolute()) {
            Path beside = base.resolve(dataset);
            if (Files.isRegularFile(beside)) {
                return beside;
            }
        }
        if (!Files.isRegularFile(path)) {
            throw DataException.of(dataset, "no such file", "the experiment's data file (give its path, or re-run "
                    + "from the folder the experiment was run in)");
        }
        return path;
    }
}
