package org.heaviside.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.heaviside.data.PaperSynthetic;
import org.heaviside.data.PlantHistory;
import org.heaviside.run.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code synthetic}: writes the paper's synthetic classification data as CSV. */
@Command(name = "synthetic", mixinStandardHelpOptions = true,
        description = "Write the synthetic data of Ergen et al. (ICLR 2023), method.md section 9, as CSV: "
                + "x1..xd and y (+1/-1), the training rows first; with --plant, a seeded plant history instead "
                + "(time in seconds, 20 sensors s01..s20, failure 0/1 on about 1.4 %% of the rows).")
final class SyntheticCommand implements Callable<Integer> {

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the CSV.")
    Path out;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--train", defaultValue = "100", description = "Training rows (default: ${DEFAULT-VALUE}).")
    int train;

    @Option(names = "--test", defaultValue = "2000", description = "Test rows (default: ${DEFAULT-VALUE}).")
    int test;

    @Option(names = "--dimension", defaultValue = "20", description = "Features (default: ${DEFAULT-VALUE}).")
    int dimension;

    @Option(names = "--plant", description = "Write a plant history (PlantHistory) of --rows rows instead.")
    boolean plant;

    @Option(names = "--rows", defaultValue = "1000000", paramLabel = "N",
            description = "Plant history: rows, one per second (default: ${DEFAULT-VALUE}).")
    long rows;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (plant) {
            if (rows < 1) {
                throw new IllegalArgumentException("--rows must be at least 1, not " + rows + ".");
            }
            AtomicFiles.write(out, stream -> {
                java.io.Writer writer = new java.io.OutputStreamWriter(stream, java.nio.charset.StandardCharsets.UTF_8);
                writer.write(PlantHistory.header());
                writer.write('\n');
                for (long i = 0; i < rows; i++) {
                    writer.write(PlantHistory.line(seed, i));
                    writer.write('\n');
                }
                writer.flush();
            });
            spec.commandLine().getOut().printf(Locale.ROOT, "Wrote %s: a plant history of %d rows (one per second), "
                    + "%d sensors and a failure flag, seed %d.%n", out, rows, PlantHistory.SENSORS, seed);
            return 0;
        }
        if (train < 1 || test < 0 || dimension < 1) {
            throw new IllegalArgumentException("--train and --dimension must be at least 1 and --test at least 0.");
        }
        PaperSynthetic data = PaperSynthetic.generate(seed, train, test, dimension);
        AtomicFiles.write(out, data.toCsv());
        spec.commandLine().getOut().printf(Locale.ROOT,
                "Wrote %s: %d training rows then %d test rows, %d features, seed %d.%n", out, train, test, dimension, seed);
        return 0;
    }
}
