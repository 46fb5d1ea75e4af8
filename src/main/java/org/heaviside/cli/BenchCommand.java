package org.heaviside.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.heaviside.arrangement.ExactEnumeration;
import org.heaviside.arrangement.PatternMatrix;
import org.heaviside.arrangement.PatternSources;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.DataSpec;
import org.heaviside.data.Dataset;
import org.heaviside.data.PaperSynthetic;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Preprocessing;
import org.heaviside.data.Samples;
import org.heaviside.data.Table;
import org.heaviside.arrangement.AffineSpan;
import org.heaviside.network.Penalty;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.ConvergenceListener;
import org.heaviside.solver.CoordinateDescentSolver;
import org.heaviside.solver.LassoProblem;
import org.heaviside.solver.SolverOptions;
import org.heaviside.solver.Loss;
import org.heaviside.solver.SolverResult;
import org.heaviside.ste.Optimizer;
import org.heaviside.workflow.Method;
import org.heaviside.workflow.Training;
import org.heaviside.workflow.TrainingData;
import org.heaviside.workflow.TrainingRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench}: times the convex engine on the reference cases of the convex-engine issue and prints
 * patterns, time to build H, solve time to the relative gap, sweeps and the memory of H. A
 * benchmark, not a test: it reports figures and fails only on errors.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time the convex engine on reference cases: (a) AI4I, 10,000 rows, 5,000 sampled directions, "
                + "beta 100 and 10; (b) 300 AI4I rows, torque and speed, exact enumeration; (c) the paper's "
                + "synthetic setting, 1,000 directions.")
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--case", split = ",", defaultValue = "a,b,c",
            paramLabel = "a|b|c|ste|table|steel|wine|cancer|digits|deep3|cv|cv-cancer|cv-ai4i|cv-steel|multinomial|quality|spark",
            description = "Cases to run, comma-separated (default: ${DEFAULT-VALUE}); 'ste' times STE epochs next to "
                    + "the convex training on the same data; 'table' runs train with its defaults on steel plates "
                    + "and synthetic sets of the speed table's shapes (steel, wine, cancer, digits) and the "
                    + "three-layer shattering program on a 442-row regression set (deep3); 'cv' times the recommended "
                    + "preset's 5-fold cross-validation on a cancer-shaped synthetic set, AI4I and steel plates "
                    + "(cv-cancer, cv-ai4i, cv-steel); 'multinomial' times the three-class logistic program next to "
                    + "the squared loss on the same AI4I rows and patterns (Type, 200 and 2,000 rows); 'quality' "
                    + "compares the "
                    + "recommended convex setting with the tuned STE baselines on the three bundled samples over "
                    + "split seeds (held-out metric, time per run); 'spark' times the Spark engine in local mode on "
                    + "plant histories of 1, 3 and 10 million rows next to the local engine where it fits (needs "
                    + "Spark on the classpath).")
    List<String> cases = new ArrayList<>();

    @Option(names = "--rows", paramLabel = "N", description = "quality: only the first N rows of each sample; spark: "
            + "one plant history of N rows instead of 1, 3 and 10 million.")
    Integer rows;

    @Option(names = "--samples", split = ",", paramLabel = "ai4i|steel|ccpp",
            description = "quality: only these samples (default: all three).")
    List<String> samples = new ArrayList<>();

    @Option(names = "--master", paramLabel = "URL", description = "spark: the Spark master (default: local[*]).")
    String master;

    @Option(names = "--seeds", defaultValue = "5", paramLabel = "K",
            description = "quality: split seeds 1..K (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(names = "--epochs", defaultValue = "500", paramLabel = "E",
            description = "quality: STE epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--tolerance", defaultValue = "1e-6", description = "Relative gap (default: ${DEFAULT-VALUE}).")
    double tolerance;

    @Option(names = "--threads", defaultValue = "0", description = "Solver threads (default: one per core).")
    int threads;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** One timed solve. */
    record Row(String name, int n, int d, int patterns, double buildSeconds, double beta, double betaMax,
               SolverResult result, long bitBytes) {
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SolverOptions solver = SolverOptions.defaults().withTolerance(tolerance);
        if (threads > 0) {
            solver = solver.withThreads(threads);
        }
        out.printf(Locale.ROOT, "Heaviside bench: %d cores, Java %s, max heap %d MB, relative gap %.0e%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20, tolerance);
        boolean header = false;
        for (String name : cases) {
            if (name.trim().equalsIgnoreCase("ste")) {
                ste(out);
                continue;
            }
            if (BenchTable.run(name.trim().toLowerCase(Locale.ROOT), out)
                    || BenchCv.run(name.trim().toLowerCase(Locale.ROOT), out)
                    || BenchMultinomial.run(name.trim().toLowerCase(Locale.ROOT), out)) {
                continue;
            }
            if (name.trim().equalsIgnoreCase(BenchSpark.CASE)) {
                SparkRuns.requireSpark();
                BenchSpark.run(out, rows == null ? List.of(1_000_000L, 3_000_000L, 10_000_000L) : List.of((long) rows),
                        master);
                continue;
            }
            if (name.trim().equalsIgnoreCase(BenchQuality.CASE)) {
                PrintWriter err = spec.commandLine().getErr();
                long started = System.nanoTime();
                BenchQuality.run(out, java.nio.file.Path.of("samples"), rows, seeds, epochs, samples,
                        (done, total, note) -> {
                            err.printf(Locale.ROOT, "  [%6.0f s] %s%n", (System.nanoTime() - started) / 1e9, note);
                            err.flush();
                        });
                continue;
            }
            if (!header) {
                out.printf(Locale.ROOT, "%-34s %6s %3s %8s %8s %10s %10s %8s %7s %-10s %9s %6s %9s%n", "case", "n",
                        "d", "patterns", "build s", "beta", "beta_max", "solve s", "sweeps", "status", "rel. gap", "m*",
                        "bits/ent");
                header = true;
            }
            for (Row row : run(name.trim().toLowerCase(Locale.ROOT), solver)) {
                SolverResult r = row.result();
                out.printf(Locale.ROOT, "%-34s %6d %3d %8d %8.3f %10.4g %10.4g %8.3f %7d %-10s %9.2e %6d %9.3f%n",
                        row.name(), row.n(), row.d(), row.patterns(), row.buildSeconds(), row.beta(), row.betaMax(),
                        r.elapsedMillis() / 1000.0, r.sweeps(), r.status().id(), r.relativeGap(), r.nonZeros(),
                        8.0 * row.bitBytes() / ((double) row.n() * row.patterns()));
                out.flush();
            }
        }
        return 0;
    }

    private static List<Row> run(String name, SolverOptions solver) {
        switch (name) {
            case "a": {
                Dataset data = ai4i(List.of(), 0);
                List<Row> rows = new ArrayList<>();
                long start = System.nanoTime();
                PatternMatrix h = new PatternMatrix(data.size());
                PatternSources.addBias(h, data.width());
                PatternSources.sample(h, data.x(), 5000, 1L, Cancellation.NEVER);
                double build = seconds(start);
                for (double beta : new double[] {100, 10}) {
                    rows.add(solve("(a) AI4I all rows, beta " + (int) beta, data, h, build, beta, solver));
                }
                return rows;
            }
            case "b": {
                Dataset data = ai4i(List.of("Torque [Nm]", "Rotational speed [rpm]"), 300);
                long start = System.nanoTime();
                PatternMatrix h = new PatternMatrix(data.size());
                PatternSources.addBias(h, data.width());
                ExactEnumeration.enumerate(h, AffineSpan.of(data.x()).coordinates(), Cancellation.NEVER);
                double build = seconds(start);
                return List.of(solve("(b) AI4I 300 rows, 2 features, exact", data, h, build, 0.01, solver));
            }
            case "c": {
                PaperSynthetic synthetic = PaperSynthetic.generate(1L);
                Dataset data = new Dataset("paper synthetic", synthetic.features(), synthetic.trainX(),
                        synthetic.trainY(), null, null);
                long start = System.nanoTime();
                PatternMatrix h = new PatternMatrix(data.size());
                PatternSources.addBias(h, data.width());
                PatternSources.sample(h, data.x(), 1000, 1L, Cancellation.NEVER);
                double build = seconds(start);
                double beta = 1e-3 * data.size();
                Row first = solve("(c) paper synthetic, first solve", data, h, build, beta, solver);
                List<Row> more = new ArrayList<>();
                for (int run = 0; run < C_REPEATS; run++) {
                    more.add(solve("(c) the same, median of " + C_REPEATS + " more", data, h, build, beta, solver));
                }
                more.sort(java.util.Comparator.comparingLong(row -> row.result().elapsedMillis()));
                return List.of(first, more.get(C_REPEATS / 2));
            }
            default:
                throw new IllegalArgumentException("Unknown --case '" + name + "'; expected a, b, c, ste, table, steel, wine, cancer, digits, deep3, cv, cv-cancer, cv-ai4i, cv-steel, multinomial, quality or spark.");
        }
    }

    /**
     * STE epoch time (the median epoch after a warm-up, and the first epoch of a cold run) next to the
     * convex training of the same data and β (patterns, solve and certificate search; the shattering
     * program for three layers).
     */
    private static void ste(PrintWriter out) {
        out.printf(Locale.ROOT, "%n%-40s %5s %3s %-10s %11s %11s %-28s %9s%n", "STE case", "n", "d", "widths",
                "ms/epoch", "1st epoch", "convex on the same data", "convex s");
        Table table = CsvLoader.open(Samples.ai4i(), settings -> settings, 1000, ProgressListener.NONE,
                Cancellation.NEVER);
        PreparedData ai4i = Preprocessing.prepare(table, new DataSpec(Samples.AI4I_TARGET,
                Preprocessing.ignoring(table, Samples.AI4I_LEAKS), null, "1", 0, 1L));
        PreparedData paper = PaperSynthetic.generate(1L).prepared("paper");
        double ai4iBeta = Training.betaOverAllPatterns(ai4i, new Penalty.Ratio(0.01), Loss.SQUARED);
        steRow(out, "AI4I first 1,000 rows, 2 layers", ai4i, ai4iBeta, 2, 1000, 0);
        steRow(out, "paper synthetic, 2 layers", paper, 0.1, 2, 1000, 0);
        steRow(out, "paper synthetic, 3 layers", paper, 0.1, 3, 1000, 100);
    }

    private static void steRow(PrintWriter out, String name, PreparedData data, double beta, int layers, int width1,
                               int width2) {
        EpochTimes times = steEpochs(data, beta, layers, width1, width2);
        double perEpoch = times.medianMillis();
        TrainingRequest request = TrainingRequest.builder(layers == 2 ? Method.TWO_LAYER : Method.SHATTERING)
                .sampled(1000).penalty(new Penalty.Absolute(beta)).build();
        TrainingData training = new TrainingData(data, null, name, "", List.of(), 0);
        long start = System.nanoTime();
        Training.train(training, request, ProgressListener.NONE, ConvergenceListener.NONE, Cancellation.NEVER);
        String what = layers == 2 ? "2-layer, 1,000 dirs, certificate" : "3-layer shattering (svm)";
        double convexSeconds = seconds(start);
        out.printf(Locale.ROOT, "%-40s %5d %3d %-10s %11.3f %11.2f %-28s %9.2f%n", name, data.train().size(),
                data.train().width(), layers == 2 ? Integer.toString(width1) : width1 + "/" + width2, perEpoch,
                times.firstMillis(), what, convexSeconds);
        out.flush();
    }

    /** The first epoch of a case's first run, and the median epoch of a run after a warm-up run. */
    record EpochTimes(double firstMillis, double medianMillis) {
    }

    /**
     * Times STE epochs (identity surrogate, gradient descent): runs of {@value #STE_EPOCHS} epochs that
     * report every epoch; the first run's first epoch (set-up and the first curve point included) is
     * what a user's first comparison pays; the median epoch of the third run is the steady rate.
     */
    private static EpochTimes steEpochs(PreparedData data, double beta, int layers, int width1, int width2) {
        var options = new org.heaviside.ste.SteOptions(org.heaviside.ste.Surrogate.STE, layers, width1,
                Math.max(width2, 1), STE_EPOCHS, 0.01, Optimizer.SGD, 100, 1_000_000, 1, org.heaviside.solver.Loss.SQUARED);
        double first = 0;
        long[] stamps = new long[STE_EPOCHS + 1];
        for (int run = 0; run < 3; run++) {
            int[] next = {1};
            stamps[0] = System.nanoTime();
            org.heaviside.ste.SteTrainer.train(data, beta, options, (done, total, note) -> {
                if (next[0] <= STE_EPOCHS && done == next[0]) {
                    stamps[next[0]++] = System.nanoTime();
                }
            }, Cancellation.NEVER);
            if (run == 0) {
                first = (stamps[1] - stamps[0]) / 1e6;
            }
        }
        double[] epochs = new double[STE_EPOCHS - 1];
        for (int e = 1; e < STE_EPOCHS; e++) {
            epochs[e - 1] = (stamps[e + 1] - stamps[e]) / 1e6;
        }
        java.util.Arrays.sort(epochs);
        return new EpochTimes(first, epochs[epochs.length / 2]);
    }

    private static final int STE_EPOCHS = 200;

    /**
     * Case (c) solves in a few milliseconds once compiled, so a single solve mostly times the JIT's
     * warm-up: the case prints its first solve (what a new process pays) and the median of this many more.
     */
    private static final int C_REPEATS = 9;

    /** Case (b) uses beta as a ratio of beta_max (0.01); the others an absolute beta. */
    private static Row solve(String name, Dataset data, PatternMatrix h, double build, double beta,
                             SolverOptions solver) {
        LassoProblem problem = LassoProblem.of(h, data.y());
        double betaMax = problem.penaltyMax();
        double penalty = name.startsWith("(b)") ? new Penalty.Ratio(beta).beta(betaMax) : beta;
        SolverResult result = new CoordinateDescentSolver(solver).solve(problem, penalty, null,
                ConvergenceListener.NONE, Cancellation.NEVER);
        return new Row(name, data.size(), data.width(), h.columns(), build, penalty, betaMax, result, h.bitBytes());
    }

    /** AI4I with identifiers and failure modes dropped; only {@code keep} features when not empty. */
    private static Dataset ai4i(List<String> keep, int rows) {
        Table table = CsvLoader.open(Samples.ai4i(), settings -> settings, Integer.MAX_VALUE, ProgressListener.NONE,
                Cancellation.NEVER);
        List<String> ignored = new ArrayList<>(Samples.AI4I_LEAKS);
        if (!keep.isEmpty()) {
            for (var column : table.columns()) {
                if (!keep.contains(column.name()) && !column.name().equals(Samples.AI4I_TARGET)) {
                    ignored.add(column.name());
                }
            }
        }
        Map<String, org.heaviside.data.ColumnRole> roles = new LinkedHashMap<>(Preprocessing.ignoring(table, ignored));
        PreparedData data = Preprocessing.prepare(table, new DataSpec(Samples.AI4I_TARGET, roles, null, "1", 0, 1L));
        Dataset train = data.train();
        if (rows <= 0 || rows >= train.size()) {
            return train;
        }
        return new Dataset(train.name(), train.features(), java.util.Arrays.copyOf(train.x(), rows),
                java.util.Arrays.copyOf(train.y(), rows), java.util.Arrays.copyOf(train.classes(), rows),
                java.util.Arrays.copyOf(train.rows(), rows));
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
