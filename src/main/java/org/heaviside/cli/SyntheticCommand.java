package org.heaviside.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.heaviside.data.PaperSynthetic;
import org.heaviside.run.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code synthetic}: writes the paper's synthetic classification data as CSV. */
@Command(name = "synthetic", mixinStandardHelpOptions = true,
        description = "Write the synthetic data of Ergen et al. (ICLR 2023), method.md section 9, as CSV: "
                + "x1..xd and y (+1/-1), the training rows first.")
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

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
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
