package org.heaviside.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.heaviside.data.ByteSource;
import org.heaviside.data.ColumnRole;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.DataSpec;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Preprocessing;
import org.heaviside.data.Samples;
import org.heaviside.data.Table;
import org.heaviside.deep.DeepOptions;
import org.heaviside.deep.DeepTrainer;
import org.heaviside.network.ConvexOptions;
import org.heaviside.network.ConvexTrainer;
import org.heaviside.network.TrainedModel;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.ConvergenceListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The C export compiled with the system compiler gives the Java model's predictions on held-out rows. */
class CExportTest {

    private static final int ROWS = 3000;

    /** The C export is part of the product: without a compiler these tests fail (CI installs one), never skip. */
    private static Path compiler() {
        return CExportCheck.compiler().orElseThrow(() -> new AssertionError(
                "no C compiler (cc, gcc or clang) on the PATH: install one to check the C export"));
    }

    private static Table ai4i() {
        ByteSource source = Samples.ai4i();
        return CsvLoader.load(source, CsvLoader.detect(source), ROWS, ProgressListener.NONE, Cancellation.NEVER);
    }

    private static PreparedData prepare(Table table) {
        java.util.Map<String, ColumnRole> roles = Preprocessing.ignoring(table, Samples.AI4I_LEAKS);
        return Preprocessing.prepare(table, new DataSpec(Samples.AI4I_TARGET, roles, null, "1", 0.5, 3L));
    }

    @Test
    void twoLayerAndDeepModelsGiveTheSamePredictionsInC(@TempDir Path dir) throws Exception {
        Path cc = compiler();
        Table table = ai4i();
        PreparedData data = prepare(table);
        ConvexOptions options = ConvexOptions.builder().sampled(200).betaRatio(0.01).certify(false).build();
        TrainedModel twoLayer = TrainedModel.of(data, new ConvexTrainer(options).train(data, ProgressListener.NONE,
                ConvergenceListener.NONE, Cancellation.NEVER), "squared", null);
        TrainedModel deep = new DeepTrainer(new DeepOptions(3, org.heaviside.deep.Layer1Generator.RANDOM, 60, org.heaviside.deep.Reconstruction.SVM, options)).deepLasso(data,
                ProgressListener.NONE, ConvergenceListener.NONE, Cancellation.NEVER).model(data, "squared", null);
        // the held-out rows as raw CSV: the file's own lines for the test rows
        List<String> lines = Files.readAllLines(Path.of("samples", "ai4i2020.csv"), StandardCharsets.UTF_8);
        StringBuilder golden = new StringBuilder(lines.get(0)).append('\n');
        int[] rows = data.test().rows();
        for (int row : rows) {
            golden.append(lines.get(row + 1)).append('\n');
        }
        for (TrainedModel model : List.of(twoLayer, deep)) {
            Path folder = dir.resolve(model.kind());
            CExport.write(model, folder);
            CExportCheck.compile(folder, cc, true);
            List<String> predicted = run(folder, List.of(folder.resolve("heaviside").toString()), golden.toString());
            TrainedModel.Prediction[] expected = model.predict(model.preprocessor().apply(table, rows));
            assertThat(predicted).hasSize(expected.length);
            for (int i = 0; i < expected.length; i++) {
                assertThat(predicted.get(i)).as("row %d (%s)", rows[i], model.kind()).isEqualTo(expected[i].label());
            }
            assertThat(CExport.flashBytes(model)).isPositive();
            // the same rows with quoted fields (a quoted header name, quoted text with a doubled quote) read the same
            StringBuilder quoted = new StringBuilder();
            for (String line : golden.toString().split("\n")) {
                String[] cells = line.split(",", -1);
                cells[1] = "\"" + cells[1].replace("\"", "\"\"") + " \"\"x\"\"\"";
                cells[2] = "\"" + cells[2] + "\"";
                quoted.append(String.join(",", cells)).append('\n');
            }
            quoted.replace(0, quoted.indexOf("\n"), golden.substring(0, golden.indexOf("\n")).replace("Type", "\"Type\""));
            assertThat(run(folder, List.of(folder.resolve("heaviside").toString()), quoted.toString()))
                    .isEqualTo(predicted);
        }
    }

    @Test
    void hostileNamesLevelsAndLabelsCompileStrictlyAndPredictAsJava(@TempDir Path dir) throws Exception {
        Table table = HostileText.table(400);
        TrainedModel model = HostileText.model(table);
        CExport.write(model, dir);
        Path program = CExportCheck.compile(dir, compiler(), true);
        CExportCheck.Result result = CExportCheck.check(program, model, table, CExportCheck.allRows(table));
        assertThat(result.rows()).isEqualTo(400);
        assertThat(result.mismatches()).as(String.valueOf(result.firstMismatch())).isZero();
        // every level reaches its own one-hot input: no level was altered on its way into the C source
        String source = Files.readString(dir.resolve("heaviside_model.c"));
        assertThat(source).doesNotContain("??").doesNotContain("OK|");
    }

    @Test
    void aFailingProgramIsAFailureNotAnEmptyCheck(@TempDir Path dir) throws Exception {
        Table table = HostileText.table(50);
        TrainedModel model = HostileText.model(table);
        CExport.write(model, dir);
        Path program = CExportCheck.compile(dir, compiler(), true);
        Path input = dir.resolve("rows.csv");
        Files.writeString(input, "a,b\n1,2\n");
        assertThatThrownBy(() -> CExportCheck.run(program, input, CExportCheck.TIMEOUT))
                .isInstanceOf(CExportCheck.Failure.class).hasMessageContaining("exit code 2")
                .hasMessageContaining("no column named");
        Files.writeString(dir.resolve("heaviside_model.c"), "this is not C");
        assertThatThrownBy(() -> CExportCheck.compile(dir, compiler(), false))
                .isInstanceOf(CExportCheck.Failure.class).hasMessageContaining("the C compiler failed");
    }

    @Test
    void aMissingInputColumnStopsTheExampleWithItsName(@TempDir Path dir) throws Exception {
        Path cc = compiler();
        PreparedData data = prepare(ai4i());
        TrainedModel model = TrainedModel.of(data, new ConvexTrainer(ConvexOptions.builder().sampled(50).certify(false)
                .build()).train(data, ProgressListener.NONE, ConvergenceListener.NONE, Cancellation.NEVER), "squared",
                null);
        CExport.write(model, dir);
        CExportCheck.compile(dir, cc, true);
        Process process = new ProcessBuilder(dir.resolve("heaviside").toString()).directory(dir.toFile()).start();
        process.getOutputStream().write("UDI,Type\n1,L\n".getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
                .contains("no column named 'Air temperature [K]'");
    }

    @Test
    void theReluTwinBuildsBehindTheSameApiAndPrintsAValuePerRow(@TempDir Path dir) throws Exception {
        Path cc = compiler();
        PreparedData data = prepare(ai4i());
        TrainedModel model = TrainedModel.of(data, new ConvexTrainer(ConvexOptions.builder().sampled(50).certify(false)
                .build()).train(data, ProgressListener.NONE, ConvergenceListener.NONE, Cancellation.NEVER), "squared",
                null);
        CExport.write(model, dir);
        Files.writeString(dir.resolve("heaviside_model.c"), CExport.reluTwin(model));
        CExportCheck.compile(dir, cc, true);
        List<String> lines = Files.readAllLines(Path.of("samples", "ai4i2020.csv")).subList(0, 4);
        List<String> out = run(dir, List.of(dir.resolve("heaviside").toString()), String.join("\n", lines) + "\n");
        assertThat(out).hasSize(3);
        for (String line : out) {
            assertThat(Double.parseDouble(line)).isFinite();
        }
    }

    private static List<String> run(Path folder, List<String> command, String input) throws IOException,
            InterruptedException {
        Process process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
        if (input != null) {
            process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        List<String> lines = new ArrayList<>(output.lines().toList());
        return lines;
    }
}
