package org.heaviside.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.heaviside.data.Column;
import org.heaviside.data.ColumnRole;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.Dataset;
import org.heaviside.data.FeatureStep;
import org.heaviside.data.Table;
import org.heaviside.export.CExportCheck;
import org.heaviside.export.ModelFile;
import org.heaviside.export.OnnxExport;
import org.heaviside.network.OperatingPoint;
import org.heaviside.network.TrainedModel;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model whose operating point is not 0 predicts the same label for every row through the model
 * file, {@code predict}, ONNX Runtime and the compiled C export (method.md section 10: the cut is part
 * of the model).
 */
class OperatingPointExportTest {

    private static final int ROWS = 1500;

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out), new PrintWriter(err), args);
        assertThat(code).as(err.toString()).isZero();
        return new String[] {out.toString(), err.toString()};
    }

    @Test
    void aCutOtherThanZeroGivesIdenticalPredictionsEverywhere(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(Path.of("samples", "ai4i2020.csv"), StandardCharsets.UTF_8);
        Path csv = dir.resolve("rows.csv");
        Files.write(csv, lines.subList(0, ROWS + 1), StandardCharsets.UTF_8);
        Path modelFile = dir.resolve("model.json");
        run("train", csv.toString(), "--preset", "paper",
                "--target", "Machine failure", "--drop", "UDI,Product ID,TWF,HDF,PWF,OSF,RNF",
                "--patterns", "200", "--no-certify", "--operating-point", "balanced-accuracy", "--model",
                modelFile.toString());
        TrainedModel model = ModelFile.load(modelFile);
        OperatingPoint point = model.operatingPoint();
        assertThat(point.rule()).isEqualTo(OperatingPoint.Rule.BALANCED_ACCURACY);
        assertThat(point.threshold()).isNotZero();

        Table table = CsvLoader.open(csv, settings -> settings, Integer.MAX_VALUE, ProgressListener.NONE,
                Cancellation.NEVER);
        Dataset rows = model.preprocessor().apply(table);
        TrainedModel.Prediction[] java = model.predict(rows);
        double[][] raw = model.deepNetwork().predict(rows.x());
        int moved = 0;
        for (int i = 0; i < raw.length; i++) {
            boolean positive = raw[i][0] >= point.threshold();
            assertThat(java[i].label()).isEqualTo(positive ? "1" : "0");
            moved += (raw[i][0] >= 0) != positive ? 1 : 0;
        }
        assertThat(moved).as("rows the cut moves to the other class").isPositive();

        // predict
        Path predictions = dir.resolve("predictions.csv");
        run("predict", modelFile.toString(), csv.toString(), "--out", predictions.toString());
        List<String> predicted = Files.readAllLines(predictions, StandardCharsets.UTF_8);
        assertThat(predicted).hasSize(ROWS + 1);
        for (int i = 0; i < ROWS; i++) {
            assertThat(predicted.get(i + 1).split(",")[1]).as("predict, row %d", i).isEqualTo(java[i].label());
        }

        // ONNX Runtime: the output is the score relative to the cut
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(OnnxExport.toBytes(model), new OrtSession.SessionOptions())) {
            assertThat(session.getMetadata().getCustomMetadata()).containsEntry("operating_point",
                    Double.toString(point.threshold()));
            Map<String, OnnxTensor> inputs = inputs(env, model, table);
            double[][] out;
            try (OrtSession.Result result = session.run(inputs)) {
                out = (double[][]) result.get(0).getValue();
            }
            inputs.values().forEach(OnnxTensor::close);
            int checked = 0;
            for (int i = 0; i < out.length; i++) {
                // a row within rounding of the cut may fall either side under another summation order
                if (Math.abs(java[i].score()) > 1e-9) {
                    assertThat(out[i][0] >= 0 ? "1" : "0").as("ONNX, row %d", i).isEqualTo(java[i].label());
                    checked++;
                }
            }
            assertThat(checked).isGreaterThan(ROWS * 9 / 10);
        }

        // the C export, compiled: the same arithmetic order, so every row
        Path cc = CExportCheck.compiler().orElseThrow(() -> new AssertionError("no C compiler on the PATH; CI "
                + "needs gcc"));
        Path folder = dir.resolve("model-c");
        run("export", modelFile.toString(), "--format", "c", "--out", folder.toString());
        Path program = CExportCheck.compile(folder, cc, true);
        int[] all = new int[table.rows()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        CExportCheck.Result check = CExportCheck.check(program, model, table, all);
        assertThat(check.rows()).isEqualTo(ROWS);
        assertThat(check.mismatches()).as("C labels that differ from the Java model's").isZero();
    }

    /** The raw inputs: numeric columns as doubles (NaN when missing), categorical ones as strings. */
    private static Map<String, OnnxTensor> inputs(OrtEnvironment env, TrainedModel model, Table table)
            throws Exception {
        List<FeatureStep> steps = model.preprocessor().steps();
        List<FeatureStep> numeric = steps.stream().filter(s -> s.role() == ColumnRole.NUMERIC).toList();
        List<FeatureStep> categorical = steps.stream().filter(s -> s.role() != ColumnRole.NUMERIC).toList();
        int n = table.rows();
        double[][] values = new double[n][numeric.size()];
        for (int k = 0; k < numeric.size(); k++) {
            Column column = table.require(numeric.get(k).column());
            for (int i = 0; i < n; i++) {
                values[i][k] = column.number(i);
            }
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        inputs.put("numeric", OnnxTensor.createTensor(env, values));
        List<String> names = new ArrayList<>();
        for (int c = 0; c < categorical.size(); c++) {
            Column column = table.require(categorical.get(c).column());
            String[] text = new String[n];
            for (int i = 0; i < n; i++) {
                String level = column.text(i);
                text[i] = level == null ? "" : level;
            }
            names.add(column.name());
            inputs.put("category_" + c, OnnxTensor.createTensor(env, text, new long[] {n, 1}));
        }
        return inputs;
    }
}
