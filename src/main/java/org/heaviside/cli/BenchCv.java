package org.heaviside.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.DataSpec;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Preprocessing;
import org.heaviside.data.Samples;
import org.heaviside.data.Table;
import org.heaviside.network.CrossValidation;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.workflow.Method;
import org.heaviside.workflow.Preset;
import org.heaviside.workflow.Training;
import org.heaviside.workflow.TrainingData;

/**
 * The {@code bench} cases of the cross-validation goals (issue 13, item 4): exactly the
 * cross-validation the recommended preset runs ({@link Preset#RECOMMENDED}, two layers) on the
 * training rows of a seeded synthetic set of the cancer shape (426 training rows x 30, overlapping
 * classes), of the AI4I
 * sample ({@code Machine failure}, failure modes dropped; 7,500 training rows) and of the steel plates
 * sample ({@code Other_Faults}, the other fault columns dropped). Each prints the wall time, the
 * chosen ratio, the folds, how many ratios of the path were solved and what stopped the path.
 */
final class BenchCv {

    /** The case names, in the order {@code --case cv} runs them. */
    static final List<String> CASES = List.of("cv-cancer", "cv-ai4i", "cv-steel");

    /** The steel plates' fault columns other than {@code Other_Faults}. */
    static final List<String> STEEL_OTHER_FAULTS = List.of("Pastry_Fault", "Z_Scratch_Fault", "K_Scatch_Fault",
            "Stains_Fault", "Dirtiness_Fault", "Bumps_Fault");

    private static boolean header;

    private BenchCv() {
    }

    /** Runs a cross-validation case; false when {@code name} is none. */
    static boolean run(String name, PrintWriter out) {
        if (name.equals("cv")) {
            for (String each : CASES) {
                run(each, out);
            }
            return true;
        }
        if (!CASES.contains(name)) {
            return false;
        }
        if (!header) {
            out.printf(Locale.ROOT, "%n%-46s %5s %3s %9s %6s %8s %6s %-4s %9s  %s%n", "cross-validation (recommended)",
                    "n", "d", "seconds", "folds", "ratios", "chosen", "rule", "metric", "path stopped by");
            header = true;
        }
        switch (name) {
            // centers 0.4 apart per unit of noise: classes overlap as in the cancer set (balanced accuracy
            // about 0.95), so the validation curve turns instead of staying at 1
            case "cv-cancer" -> time(out, "(cv-cancer) synthetic, 2 classes, 568 x 30",
                    BenchTable.synthetic("cancer", 568, 30, 2, 17, 0.4));
            case "cv-ai4i" -> {
                Table table = sample(out, "(cv-ai4i) AI4I, Machine failure", Samples.AI4I);
                if (table != null) {
                    time(out, "(cv-ai4i) AI4I, Machine failure", Preprocessing.prepare(table,
                            DataSpec.of(Samples.AI4I_TARGET).withRoles(Preprocessing.ignoring(table, Samples.AI4I_LEAKS))));
                }
            }
            case "cv-steel" -> {
                Table table = sample(out, "(cv-steel) steel plates, Other_Faults", "steel_plates_faults.csv");
                if (table != null) {
                    time(out, "(cv-steel) steel plates, Other_Faults", Preprocessing.prepare(table,
                            DataSpec.of("Other_Faults").withRoles(Preprocessing.ignoring(table, STEEL_OTHER_FAULTS))));
                }
            }
            default -> throw new IllegalStateException(name);
        }
        out.flush();
        return true;
    }

    private static Table sample(PrintWriter out, String name, String fileName) {
        Path file = Path.of("samples", fileName);
        if (!Files.isRegularFile(file)) {
            out.printf(Locale.ROOT, "%-46s skipped: %s not found (run from the project folder)%n", name, file);
            return null;
        }
        return CsvLoader.open(file, settings -> settings, Integer.MAX_VALUE, ProgressListener.NONE, Cancellation.NEVER);
    }

    private static void time(PrintWriter out, String name, PreparedData data) {
        TrainingData training = new TrainingData(data, null, name, "", List.of(), DataSpec.DEFAULT_TEST_FRACTION);
        long start = System.nanoTime();
        CrossValidation cv = Training.crossValidate(training, Preset.RECOMMENDED.builder(Method.TWO_LAYER).build(),
                Preset.FOLDS, ProgressListener.NONE, Cancellation.NEVER);
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "%-46s %5d %3d %9.2f %6d %3d of %2d %6.3g %-4s %9.4f  %s%n", name, data.train().size(),
                data.train().width(), seconds, cv.folds(), cv.ratios().length, CrossValidation.defaultRatios().length,
                cv.chosenRatio(), cv.settings().choice().id(), cv.meanMetric()[cv.chosen()], cv.stop().id());
    }
}
