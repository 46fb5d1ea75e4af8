package org.heaviside.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.heaviside.data.ByteSource;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.DataSpec;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Preprocessing;
import org.heaviside.data.Table;
import org.heaviside.run.Cancellation;
import org.heaviside.workflow.Method;
import org.heaviside.workflow.Training;
import org.heaviside.workflow.TrainingData;
import org.heaviside.workflow.TrainingRequest;
import org.heaviside.workflow.TrainingResult;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.ConvergenceListener;

/**
 * The {@code bench} cases of the speed issue's table: {@code train} with today's defaults (1,000
 * sampled directions, beta ratio 0.01, certificate) on the bundled steel plates sample and on seeded
 * synthetic sets of the shapes of the public sets named there, and {@code train --method convex-deep
 * --layers 3} on a synthetic regression set. Each case prints its size, the wall time and what the
 * solve reached.
 */
final class BenchTable {

    /** The case names, in the order {@code --case table} runs them. */
    static final List<String> CASES = List.of("steel", "wine", "cancer", "digits", "deep3");

    private BenchTable() {
    }

    /** Runs a table case; false when {@code name} is none. */
    static boolean run(String name, PrintWriter out) {
        if (name.equals("table")) {
            for (String each : CASES) {
                run(each, out);
            }
            return true;
        }
        if (!CASES.contains(name)) {
            return false;
        }
        if (!header) {
            out.printf(Locale.ROOT, "%n%-46s %5s %3s %7s %9s %12s %9s %-10s %-10s %7s%n", "train case (defaults)", "n",
                    "d", "outputs", "seconds", "objective", "rel. gap", "status", "certificate", "neurons");
            header = true;
        }
        switch (name) {
            case "steel" -> {
                Path file = Path.of("samples", "steel_plates_faults.csv");
                if (!Files.isRegularFile(file)) {
                    out.printf(Locale.ROOT, "%-46s skipped: %s not found (run from the project folder)%n",
                            "(steel) steel plates, Other_Faults", file);
                    return true;
                }
                Table table = CsvLoader.open(file, settings -> settings, Integer.MAX_VALUE, ProgressListener.NONE,
                        Cancellation.NEVER);
                PreparedData data = Preprocessing.prepare(table, DataSpec.of("Other_Faults").withRoles(
                        Preprocessing.ignoring(table, List.of("Pastry_Fault", "Z_Scratch_Fault", "K_Scatch_Fault",
                                "Stains_Fault", "Dirtiness_Fault", "Bumps_Fault"))));
                convex(out, "(steel) steel plates, Other_Faults", data);
            }
            case "wine" -> convex(out, "(wine) synthetic, 3 classes, 178 rows x 13",
                    synthetic("wine", 178, 13, 3, 16));
            case "cancer" -> convex(out, "(cancer) synthetic, 2 classes, 568 rows x 30",
                    synthetic("cancer", 568, 30, 2, 17));
            case "digits" -> convex(out, "(digits) synthetic, 10 classes, 1797 rows x 64",
                    synthetic("digits", 1797, 64, 10, 18));
            case "deep3" -> {
                PreparedData data = synthetic("diabetes", 442, 10, 0, 19);
                long start = System.nanoTime();
                TrainingResult result = train(data, "diabetes", Method.SHATTERING);
                double seconds = (System.nanoTime() - start) / 1e9;
                out.printf(Locale.ROOT, "%-46s %5d %3d %7d %9.2f %12.6g %9.2e %-10s %-10s %7d%n",
                        "(deep3) convex-deep 3 layers, regression 442 x 10", data.train().size(), data.train().width(),
                        1, seconds, result.objective(), result.relativeGap(), result.status(),
                        result.certificate().status(), result.neurons());
            }
            default -> throw new IllegalStateException(name);
        }
        out.flush();
        return true;
    }

    private static boolean header;

    private static void convex(PrintWriter out, String name, PreparedData data) {
        long start = System.nanoTime();
        TrainingResult result = train(data, name, Method.TWO_LAYER);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "%-46s %5d %3d %7d %9.2f %12.6g %9.2e %-10s %-10s %7d%n", name,
                data.train().size(), data.train().width(), result.network().head().outputCount(), seconds,
                result.objective(), result.relativeGap(), result.status(),
                result.certificate().status() + "/" + result.certificate().rounds(), result.neurons());
    }

    /** Today's defaults (1,000 directions, ratio 0.01, certificate) through the training use case. */
    private static TrainingResult train(PreparedData data, String name, Method method) {
        return Training.train(new TrainingData(data, null, name, "", List.of(), DataSpec.DEFAULT_TEST_FRACTION),
                TrainingRequest.builder(method).build(), ProgressListener.NONE, ConvergenceListener.NONE,
                Cancellation.NEVER);
    }

    /**
     * Seeded rows of the given shape: for classes, Gaussian clusters (unit spread around centers drawn
     * with spread 1, so the classes overlap); for {@code classes == 0}, a smooth regression target with
     * noise. The default 25% test split leaves 0.75 n training rows.
     */
    static PreparedData synthetic(String name, int rows, int features, int classes, long seed) {
        return synthetic(name, rows, features, classes, seed, 1);
    }

    /** {@link #synthetic(String, int, int, int, long)} with the class centers drawn with another spread. */
    static PreparedData synthetic(String name, int rows, int features, int classes, long seed, double spread) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centers = new double[Math.max(classes, 1)][features];
        for (double[] center : centers) {
            for (int k = 0; k < features; k++) {
                center[k] = spread * random.nextGaussian();
            }
        }
        double[] weights = new double[features];
        for (int k = 0; k < features; k++) {
            weights[k] = random.nextGaussian();
        }
        StringBuilder text = new StringBuilder();
        List<String> header = new ArrayList<>();
        for (int k = 0; k < features; k++) {
            header.add("x" + (k + 1));
        }
        header.add("y");
        text.append(String.join(",", header)).append('\n');
        for (int i = 0; i < rows; i++) {
            int label = classes == 0 ? 0 : i % classes;
            double[] row = new double[features];
            double target = 0;
            for (int k = 0; k < features; k++) {
                row[k] = centers[label][k] + random.nextGaussian();
                target += weights[k] * row[k];
                text.append(String.format(Locale.ROOT, "%.6f", row[k])).append(',');
            }
            if (classes == 0) {
                target = Math.sin(target) + 0.5 * row[0] * row[1 % features] + 0.1 * random.nextGaussian();
                text.append(String.format(Locale.ROOT, "%.6f", target));
            } else {
                text.append('c').append(label);
            }
            text.append('\n');
        }
        Table table = CsvLoader.load(ByteSource.of(name + ".csv", text.toString().getBytes(StandardCharsets.UTF_8)),
                ProgressListener.NONE, Cancellation.NEVER);
        return Preprocessing.prepare(table, DataSpec.of("y"));
    }
}
