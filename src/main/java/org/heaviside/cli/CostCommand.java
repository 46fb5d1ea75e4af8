package org.heaviside.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.heaviside.data.Dataset;
import org.heaviside.data.Table;
import org.heaviside.export.CExport;
import org.heaviside.export.CExportCheck;
import org.heaviside.export.CostProfile;
import org.heaviside.export.ModelFile;
import org.heaviside.network.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cost MODEL.json FILE}: the inference cost profile, measured on the rows of a file. */
@Command(name = "cost", mixinStandardHelpOptions = true,
        description = "Inference cost of a saved model next to a float ReLU network of the same shape: parameters, "
                + "bytes, first-layer multiply-accumulates, work after it, and measured rows per second (Java; and the "
                + "C export with --c, compiled with the system compiler).")
final class CostCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL.json", description = "A model file written by 'train --model'.")
    Path modelFile;

    @Parameters(index = "1", paramLabel = "FILE", description = "A CSV file with the model's input columns.")
    Path file;

    @Option(names = "--c", description = "Also time the C export (needs cc, gcc or clang on the PATH).")
    boolean c;

    @Mixin
    ImportOptions importOptions = new ImportOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TrainedModel model = ModelFile.load(modelFile);
        Table table = importOptions.open(file);
        Dataset data = model.preprocessor().apply(table);
        CostProfile cost = CostProfile.of(model, data.x());
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "Model: %s, hidden widths %s, %d features%n", model.kind(),
                java.util.Arrays.toString(model.deepNetwork().widths()), model.preprocessor().width());
        out.printf(Locale.ROOT, "Parameters: %,d (%,d bytes as doubles)%n", cost.parameters(), cost.bytes());
        out.printf(Locale.ROOT, "First layer: %,d multiply-accumulates per row%n", cost.firstLayerMacs());
        out.printf(Locale.ROOT, "After it: %,d bit tests and at most %,d additions per row (no multiplications)%n",
                cost.laterBitOps(), cost.laterAdditions());
        out.printf(Locale.ROOT, "Float ReLU network of the same shape: %,d multiply-accumulates per row%n",
                cost.reluMacs());
        out.printf(Locale.ROOT, "Java, one thread, %,d rows: threshold network %,.0f rows/s, float ReLU %,.0f rows/s%n",
                data.size(), cost.javaRowsPerSecond(), cost.reluRowsPerSecond());
        out.printf(Locale.ROOT, "C export: %,d bytes of constants (flash), %,d bytes of working memory (RAM)%n",
                CExport.flashBytes(model), CExport.ramBytes(model));
        if (c) {
            Path compiler = CExportCheck.compiler().orElse(null);
            if (compiler == null) {
                out.println("C: not measured: no C compiler (cc, gcc or clang) on the PATH");
                return 0;
            }
            try {
                String threshold = timeC(model, table, compiler, false);
                String relu = timeC(model, table, compiler, true);
                out.printf(Locale.ROOT, "C export checked: compiled, run on the %,d rows of %s, predictions identical to "
                        + "Java's%n", table.rows(), file.getFileName());
                out.printf(Locale.ROOT, "C, example program on %s (CSV parsing and process start included): threshold "
                        + "network %s; float ReLU of the same shape %s%n", file.getFileName(), threshold, relu);
            } catch (CExportCheck.Failure e) {
                spec.commandLine().getErr().println("error: the C export failed its check: " + e.getMessage());
                return 1;
            }
        }
        return 0;
    }

    /**
     * The start of the temporary folders' names: with the process id, so that a folder left behind
     * names the process, and a check that this process cleans up sees only its own.
     */
    static final String TEMPORARY_PREFIX = "heaviside-cost-" + ProcessHandle.current().pid() + "-";

    /**
     * Compiles the export (or its float ReLU twin) in a temporary folder, checks the threshold
     * network's predictions against Java's on every row, and times the best of three runs.
     */
    private static String timeC(TrainedModel model, Table table, Path compiler, boolean relu) throws Exception {
        Path dir = Files.createTempDirectory(TEMPORARY_PREFIX);
        try {
            CExport.write(model, dir);
            if (relu) {
                Files.writeString(dir.resolve("heaviside_model.c"), CExport.reluTwin(model), StandardCharsets.UTF_8);
            }
            Path program = CExportCheck.compile(dir, compiler, false);
            int[] rows = CExportCheck.allRows(table);
            if (!relu) {
                CExportCheck.Result check = CExportCheck.check(program, model, table, rows);
                if (check.mismatches() > 0) {
                    throw new CExportCheck.Failure(String.format(Locale.ROOT, "%,d of %,d predictions differ from "
                            + "Java's (first: %s)", check.mismatches(), check.rows(), check.firstMismatch()));
                }
            }
            Path input = dir.resolve("rows.csv");
            Files.write(input, CExportCheck.inputCsv(model, table, rows));
            long best = Long.MAX_VALUE;
            for (int run = 0; run < 3; run++) {
                best = Math.min(best, CExportCheck.run(program, input, CExportCheck.TIMEOUT).nanos());
            }
            return String.format(Locale.ROOT, "%,.0f rows/s (%,d rows in %.1f ms)", rows.length / (best / 1e9),
                    rows.length, best / 1e6);
        } finally {
            CExportCheck.deleteTree(dir);
        }
    }
}
