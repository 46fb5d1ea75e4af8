package org.heaviside.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.DataSpec;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Preprocessing;
import org.heaviside.data.Samples;
import org.heaviside.data.Table;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.ConvergenceListener;
import org.heaviside.solver.Loss;
import org.heaviside.workflow.Method;
import org.heaviside.workflow.Training;
import org.heaviside.workflow.TrainingData;
import org.heaviside.workflow.TrainingRequest;
import org.heaviside.workflow.TrainingResult;

/**
 * {@code bench --case multinomial} (issue 13, item 2): the multinomial logistic program (three classes,
 * group penalty) next to the squared loss on the same rows and patterns: AI4I's {@code Type} (L, M, H)
 * from the sensor columns, the first 200 and 2,000 rows with 100 and 1,000 sampled patterns, no
 * certificate. Each solve is timed cold (the first in this process) and warm (the median of
 * {@value #WARM} more, alternating the losses).
 */
final class BenchMultinomial {

    /** The case name. */
    static final String CASE = "multinomial";
    private static final int WARM = 3;
    private static final List<String> DROPPED = List.of("UDI", "Product ID", Samples.AI4I_TARGET, "TWF", "HDF",
            "PWF", "OSF", "RNF");

    private BenchMultinomial() {
    }

    /** Runs the case; false when {@code name} is another. */
    static boolean run(String name, PrintWriter out) {
        if (!name.equals(CASE)) {
            return false;
        }
        out.printf(Locale.ROOT, "%n%-40s %5s %8s %-9s %8s %8s %7s %9s %14s %7s%n", "multinomial vs squared (solve s)",
                "n", "patterns", "loss", "cold s", "warm s", "sweeps", "rel. gap", "objective", "ratio");
        Path file = Path.of("samples", Samples.AI4I);
        if (!Files.isRegularFile(file)) {
            out.printf(Locale.ROOT, "%-40s skipped: %s not found (run from the project folder)%n", "(multinomial)", file);
            return true;
        }
        row(out, file, 200, 100);
        row(out, file, 2000, 1000);
        return true;
    }

    private static void row(PrintWriter out, Path file, int rows, int patterns) {
        Table table = CsvLoader.open(file, settings -> settings, rows, ProgressListener.NONE, Cancellation.NEVER);
        PreparedData data = Preprocessing.prepare(table, DataSpec.of("Type")
                .withRoles(Preprocessing.ignoring(table, DROPPED)));
        String name = String.format(Locale.ROOT, "AI4I Type, first %,d rows", rows);
        Loss[] losses = {Loss.SQUARED, Loss.LOGISTIC};
        TrainingResult[] cold = new TrainingResult[2];
        List<List<Double>> warm = List.of(new ArrayList<>(), new ArrayList<>());
        for (int run = 0; run <= WARM; run++) {
            for (int l = 0; l < 2; l++) {
                TrainingResult result = train(data, name, losses[l], patterns);
                if (run == 0) {
                    cold[l] = result;
                } else {
                    warm.get(l).add(seconds(result));
                }
            }
        }
        double[] median = new double[2];
        for (int l = 0; l < 2; l++) {
            double[] sorted = warm.get(l).stream().mapToDouble(Double::doubleValue).toArray();
            Arrays.sort(sorted);
            median[l] = sorted[sorted.length / 2];
            TrainingResult result = cold[l];
            String ratio = l == 1 ? String.format(Locale.ROOT, "%.2f", median[1] / median[0]) : "";
            out.printf(Locale.ROOT, "%-40s %5d %8d %-9s %8.3f %8.3f %7d %9.2e %14.8g %7s%n", name,
                    data.train().size(), result.patterns(), l == 0 ? "squared" : "logistic", seconds(result), median[l],
                    result.sweeps(), result.relativeGap(), result.objective(), ratio);
        }
        out.flush();
    }

    private static TrainingResult train(PreparedData data, String name, Loss loss, int patterns) {
        return Training.train(new TrainingData(data, null, name, "", List.of(), DataSpec.DEFAULT_TEST_FRACTION),
                TrainingRequest.builder(Method.TWO_LAYER).loss(loss).sampled(patterns).certify(false).build(),
                ProgressListener.NONE, ConvergenceListener.NONE, Cancellation.NEVER);
    }

    /** The solver's time (the certificate search is off). */
    private static double seconds(TrainingResult result) {
        return result.convex().solveMillis() / 1000.0;
    }
}
