package org.heaviside.export;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.heaviside.data.Column;
import org.heaviside.data.ColumnRole;
import org.heaviside.data.FeatureStep;
import org.heaviside.data.Table;
import org.heaviside.data.TaskKind;
import org.heaviside.network.TrainedModel;

/**
 * Checks a C export the one way the command line ({@code cost --c}), the workbench's Export page and
 * the tests do: compile the folder with the flags exactness needs, run the example program on rows
 * of a table within a time limit, require exit code 0, and compare each printed prediction with the
 * Java model's. Any failure (the compiler, the exit code, the time limit, a missing line) is a
 * {@link Failure}, never a silent zero.
 *
 * <p>The table is the one the loader read with its settings (delimiter, encoding, decimal comma), so
 * the program is fed what the Java model saw: the model's input columns written again as
 * comma-separated UTF-8 with every field quoted, numbers in Java's round-trip decimal form (which
 * {@code strtod} reads exactly), a missing value as an empty field.
 */
public final class CExportCheck {

    /** How long the compiler and one run of the program may take. */
    public static final Duration TIMEOUT = Duration.ofSeconds(120);

    /** A check that did not pass: the compiler failed, the program failed or did not finish in time. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        public Failure(String message) {
            super(message);
        }
    }

    /** Rows compared, how many differ, the first difference in words (or null), and the run's time. */
    public record Result(int rows, int mismatches, String firstMismatch, long nanos) {
    }

    /** What a program printed and how long it took. */
    public record Run(List<String> lines, long nanos) {
    }

    private CExportCheck() {
    }

    /** The first C compiler on the PATH (cc, gcc, clang), if any. */
    public static Optional<Path> compiler() {
        for (String name : List.of("cc", "gcc", "clang")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Compiles the folder's {@code heaviside_model.c} and {@code heaviside_main.c} into {@code heaviside}
     * with the flags the exactness needs ({@code -std=c99 -O2 -ffp-contract=off}); {@code strict} adds
     * {@code -Wall -Wextra -Werror -pedantic}. Returns the program.
     */
    public static Path compile(Path folder, Path compiler, boolean strict)
            throws Failure, IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(compiler.toString(), "-std=c99", "-O2", "-ffp-contract=off"));
        if (strict) {
            command.addAll(List.of("-Wall", "-Wextra", "-Werror", "-pedantic"));
        }
        command.addAll(List.of("heaviside_model.c", "heaviside_main.c", "-o", "heaviside"));
        Path log = Files.createTempFile("heaviside-cc", ".log");
        try {
            Process build = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!build.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                build.destroyForcibly();
                throw new Failure("the C compiler did not finish within " + TIMEOUT.toSeconds() + " s");
            }
            if (build.exitValue() != 0) {
                String first = Files.readString(log, StandardCharsets.UTF_8).lines()
                        .filter(line -> line.contains("error")).findFirst().orElse("exit code " + build.exitValue());
                throw new Failure("the C compiler failed: " + first);
            }
        } finally {
            Files.deleteIfExists(log);
        }
        return folder.resolve("heaviside");
    }

    /**
     * Runs a program with a file on standard input; its output and errors go to files beside the
     * input, so nothing blocks on a full pipe. Fails when the program exits with a code other than 0
     * (quoting its first error line) or runs longer than the time limit.
     */
    public static Run run(Path program, Path input, Duration timeout) throws Failure, IOException, InterruptedException {
        Path output = input.resolveSibling(input.getFileName() + ".out");
        Path errors = input.resolveSibling(input.getFileName() + ".err");
        try {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(program.toString()).redirectInput(input.toFile())
                    .redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new Failure("the C program did not finish within " + timeout.toSeconds() + " s");
            }
            long nanos = System.nanoTime() - start;
            if (process.exitValue() != 0) {
                String first = Files.readString(errors, StandardCharsets.UTF_8).lines().findFirst().orElse("");
                throw new Failure("the C program stopped with exit code " + process.exitValue()
                        + (first.isEmpty() ? "" : ": " + first));
            }
            return new Run(Files.readString(output, StandardCharsets.UTF_8).lines().toList(), nanos);
        } finally {
            Files.deleteIfExists(output);
            Files.deleteIfExists(errors);
        }
    }

    /**
     * Runs the compiled example on rows of a table and compares its predictions with the Java model's
     * (the label for classes; the value, exactly, for regression).
     */
    public static Result check(Path program, TrainedModel model, Table table, int[] rows)
            throws Failure, IOException, InterruptedException {
        TrainedModel.Prediction[] expected = model.predict(model.preprocessor().apply(table, rows));
        Path scratch = Files.createTempDirectory("heaviside-check");
        try {
            Path input = scratch.resolve("rows.csv");
            Files.write(input, inputCsv(model, table, rows));
            Run run = run(program, input, TIMEOUT);
            if (run.lines().size() != expected.length) {
                throw new Failure("the C program printed " + run.lines().size() + " predictions for "
                        + expected.length + " rows");
            }
            boolean regression = model.preprocessor().target().task() == TaskKind.REGRESSION;
            int mismatches = 0;
            String first = null;
            for (int i = 0; i < expected.length; i++) {
                if (!same(run.lines().get(i), expected[i], regression)) {
                    mismatches++;
                    if (first == null) {
                        first = "row " + (rows[i] + 1) + ": C printed '" + run.lines().get(i) + "', Java predicts '"
                                + expected[i].label() + "'";
                    }
                }
            }
            return new Result(expected.length, mismatches, first, run.nanos());
        } finally {
            deleteTree(scratch);
        }
    }

    /** Every row of a table (see {@link #check(Path, TrainedModel, Table, int[])}). */
    public static int[] allRows(Table table) {
        int[] rows = new int[table.rows()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        return rows;
    }

    /** The model's input columns of the given rows as the example program reads them (see the class note). */
    public static byte[] inputCsv(TrainedModel model, Table table, int[] rows) {
        List<FeatureStep> steps = model.preprocessor().steps();
        Column[] columns = new Column[steps.size()];
        StringBuilder out = new StringBuilder();
        for (int s = 0; s < steps.size(); s++) {
            String name = steps.get(s).column();
            columns[s] = table.require(name);
            out.append(s == 0 ? "" : ",").append(quoted(name));
        }
        out.append('\n');
        for (int row : rows) {
            for (int s = 0; s < steps.size(); s++) {
                String cell;
                if (steps.get(s).role() == ColumnRole.NUMERIC) {
                    double v = columns[s].number(row);
                    cell = v != v ? "" : Double.toString(v);
                } else {
                    String level = columns[s].hasLevels() ? columns[s].text(row) : null;
                    cell = level == null ? "" : level;
                }
                out.append(s == 0 ? "" : ",").append(quoted(cell));
            }
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Deletes a folder and what it holds (the temporary folders of a check). */
    public static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    private static boolean same(String line, TrainedModel.Prediction expected, boolean regression) {
        if (!regression) {
            return line.equals(expected.label());
        }
        try {
            return Double.parseDouble(line) == expected.value(); // regression: the value, exactly
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
