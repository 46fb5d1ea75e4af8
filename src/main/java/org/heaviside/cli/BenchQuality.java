package org.heaviside.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.heaviside.deep.DeepTrainer;
import org.heaviside.experiment.ExperimentResult;
import org.heaviside.experiment.ExperimentSpec;
import org.heaviside.experiment.Experiments;
import org.heaviside.experiment.MethodSummary;
import org.heaviside.experiment.Stats;
import org.heaviside.network.ClassWeights;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.Loss;
import org.heaviside.ste.Optimizer;
import org.heaviside.workflow.Preset;

/**
 * {@code bench --case quality} (issue 13): on the three bundled samples, over split seeds, the
 * recommended convex setting (two layers, and three where the shattering program takes the
 * training rows) against the tuned STE baselines with the same class weights, through the
 * comparison use case: the held-out metric (balanced accuracy for classes, RMSE for regression)
 * as mean +/- sd and the time per run.
 */
final class BenchQuality {

    /** The case name. */
    static final String CASE = "quality";
    /** STE widths: first hidden layer, and the second for three layers. */
    static final int WIDTH1 = 200;
    static final int WIDTH2 = 50;

    /** A bundled sample: the file under samples/, the target and the columns dropped. */
    record Sample(String key, String label, String file, String target, List<String> drop) {
    }

    /** The samples of the issue, with the columns that give the target away dropped. */
    static final List<Sample> SAMPLES = List.of(
            new Sample("ai4i", "AI4I, Machine failure", "ai4i2020.csv", "Machine failure",
                    List.of("UDI", "Product ID", "TWF", "HDF", "PWF", "OSF", "RNF")),
            new Sample("steel", "steel plates, Other_Faults", "steel_plates_faults.csv", "Other_Faults",
                    List.of("Pastry_Fault", "Z_Scratch_Fault", "K_Scatch_Fault", "Stains_Fault", "Dirtiness_Fault",
                            "Bumps_Fault")),
            new Sample("ccpp", "CCPP, PE", "ccpp.csv", "PE", List.of()));

    /** One line of the table: a method's held-out metric and time per run over the seeds. */
    record Row(String data, int layers, String method, String metric, Stats heldOut, Stats seconds, int runs,
               ExperimentResult result) {
    }

    private BenchQuality() {
    }

    /**
     * The experiment of one sample and depth: split seeds 1..seeds (each its own stratified 75/25
     * split), the recommended preset for the convex run (class-balanced weights; the operating point
     * of the largest balanced accuracy for two layers, the sign for three, as the deep programs keep
     * it), the four STE baselines with Adam tuned on validation rows and the same rule.
     */
    static ExperimentSpec spec(Sample sample, Path folder, Integer rows, int seeds, int epochs, int layers) {
        List<String> methods = new ArrayList<>(ExperimentSpec.defaultMethods(layers));
        return new ExperimentSpec(sample.label() + ", " + layers + " layers", folder.resolve(sample.file()).toString(),
                sample.target(), sample.drop(), null, rows, 0.25, 1, true, Loss.SQUARED, null, 0.01, 1000, true,
                methods, layers, seeds, 1, epochs, 0.01, Optimizer.ADAM, WIDTH1, layers == 3 ? WIDTH2 : 0,
                Math.max(1, epochs / 10), null, ClassWeights.BALANCED.id(), true,
                Preset.RECOMMENDED.comparisonRule(layers), 0, 0)
                .withPreset(Preset.RECOMMENDED);
    }

    /** Runs the case on every sample from the project folder (samples/ beside it) and prints the table. */
    static List<Row> run(PrintWriter out, Path folder, Integer rows, int seeds, int epochs) {
        return run(out, folder, rows, seeds, epochs, List.of(), ProgressListener.NONE);
    }

    /**
     * Runs the case on the samples named by key (ai4i, steel, ccpp; all when empty), reporting each
     * run as it starts to {@code progress}, and prints the table.
     */
    static List<Row> run(PrintWriter out, Path folder, Integer rows, int seeds, int epochs, List<String> keys,
                         ProgressListener progress) {
        for (String key : keys) {
            if (SAMPLES.stream().noneMatch(sample -> sample.key().equals(key))) {
                throw new IllegalArgumentException("Unknown sample '" + key + "' for the quality case; expected "
                        + String.join(", ", SAMPLES.stream().map(Sample::key).toList()) + ".");
            }
        }
        out.printf(Locale.ROOT, "%nQuality (held-out metric over %d split seeds, 75/25 stratified; convex: the "
                + "recommended preset; STE: the same class weights, Adam tuned on validation rows, %d epochs, "
                + "widths %d/%d):%n", seeds, epochs, WIDTH1,
                WIDTH2);
        out.printf(Locale.ROOT, "%-28s %6s %-14s %-22s %-22s %10s %5s%n", "data", "layers", "method",
                "held-out metric", "mean +/- sd", "s per run", "runs");
        out.flush();
        List<Row> table = new ArrayList<>();
        for (Sample sample : SAMPLES) {
            if (!keys.isEmpty() && !keys.contains(sample.key())) {
                continue;
            }
            if (!Files.isRegularFile(folder.resolve(sample.file()))) {
                out.printf(Locale.ROOT, "%-28s skipped: %s not found (run from the project folder)%n", sample.label(),
                        folder.resolve(sample.file()));
                continue;
            }
            ExperimentResult two = Experiments.run(spec(sample, folder, rows, seeds, epochs, 2), null,
                    progress, Cancellation.NEVER);
            table.addAll(print(out, sample, 2, two));
            // three layers where the shattering program takes the training rows
            if (two.provenance().rows() <= DeepTrainer.MAX_POINTS) {
                table.addAll(print(out, sample, 3, Experiments.run(spec(sample, folder, rows, seeds, epochs, 3), null,
                        progress, Cancellation.NEVER)));
            } else {
                out.printf(Locale.ROOT, "%-28s %6d skipped: %,d training rows, more than the shattering program's "
                        + "%,d%n", sample.label(), 3, two.provenance().rows(), DeepTrainer.MAX_POINTS);
            }
        }
        return table;
    }

    private static List<Row> print(PrintWriter out, Sample sample, int layers, ExperimentResult result) {
        String metric = result.primaryMetric().equals("rmse") ? "rmse" : "balancedAccuracy";
        List<Row> rows = new ArrayList<>();
        for (MethodSummary summary : result.methods()) {
            Stats heldOut = summary.test().getOrDefault(metric, Stats.of(new double[0]));
            Row row = new Row(sample.label(), layers, summary.name(), metric, heldOut, summary.seconds(),
                    summary.runs(), result);
            rows.add(row);
            out.printf(Locale.ROOT, "%-28s %6d %-14s %-22s %-22s %10.2f %5d%n", row.data(), layers, row.method(),
                    "test " + metric, String.format(Locale.ROOT, "%.4f +/- %.4f", heldOut.mean(), heldOut.sd()),
                    summary.seconds().mean(), summary.runs());
        }
        out.flush();
        return rows;
    }
}
