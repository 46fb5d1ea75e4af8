package org.heaviside.export;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.heaviside.data.ByteSource;
import org.heaviside.data.Column;
import org.heaviside.data.ColumnRole;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.DataSpec;
import org.heaviside.data.Dataset;
import org.heaviside.data.FeatureStep;
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

/** ONNX Runtime runs the exported graphs (preprocessing included) to the Java network's predictions. */
class OnnxExportTest {

    /** Rows closer than this to a hidden hyperplane may fall either side under another summation order. */
    private static final double MARGIN = 1e-9;

    @Test
    void twoLayerAndDeepGraphsPredictAsTheWorkbenchOnHeldOutAi4iRows() throws Exception {
        ByteSource source = Samples.ai4i();
        Table table = CsvLoader.load(source, CsvLoader.detect(source), 3000, ProgressListener.NONE, Cancellation.NEVER);
        Map<String, ColumnRole> roles = Preprocessing.ignoring(table, Samples.AI4I_LEAKS);
        PreparedData data = Preprocessing.prepare(table, new DataSpec(Samples.AI4I_TARGET, roles, null, "1", 0.5, 4L));
        ConvexOptions options = ConvexOptions.builder().sampled(200).betaRatio(0.01).certify(false).build();
        TrainedModel twoLayer = TrainedModel.of(data, new ConvexTrainer(options).train(data, ProgressListener.NONE,
                ConvergenceListener.NONE, Cancellation.NEVER), "squared", null);
        TrainedModel deep = new DeepTrainer(new DeepOptions(3, org.heaviside.deep.Layer1Generator.RANDOM, 60, org.heaviside.deep.Reconstruction.SVM, options)).deepLasso(data,
                ProgressListener.NONE, ConvergenceListener.NONE, Cancellation.NEVER).model(data, "squared", null);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        Dataset test = data.test();
        for (TrainedModel model : List.of(twoLayer, deep)) {
            byte[] onnx = OnnxExport.toBytes(model);
            try (OrtSession session = env.createSession(onnx, new OrtSession.SessionOptions())) {
                assertThat(session.getMetadata().getCustomMetadata()).containsEntry("positive", "1")
                        .containsKey("provenance");
                Map<String, OnnxTensor> inputs = inputs(env, model, table, test.rows());
                double[][] out;
                try (OrtSession.Result result = session.run(inputs)) {
                    out = (double[][]) result.get(0).getValue();
                }
                inputs.values().forEach(OnnxTensor::close);
                double[][] expected = model.deepNetwork().predict(test.x());
                TrainedModel.Prediction[] labels = model.predict(test);
                int checked = 0;
                for (int i = 0; i < expected.length; i++) {
                    if (nearestHyperplane(model, test.x()[i]) <= MARGIN) {
                        continue;
                    }
                    checked++;
                    assertThat(out[i][0]).isCloseTo(expected[i][0], org.assertj.core.api.Assertions.within(1e-9));
                    assertThat(out[i][0] >= 0 ? "1" : "0").as("row %d", i).isEqualTo(labels[i].label());
                }
                assertThat(checked).isGreaterThan(expected.length * 9 / 10);
            }
        }
    }

    @Test
    void hostileNamesAndLevelsSurviveInTheMetadataAndPredictAsJava() throws Exception {
        Table table = HostileText.table(300);
        TrainedModel model = HostileText.model(table);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(OnnxExport.toBytes(model), new OrtSession.SessionOptions())) {
            Map<String, String> metadata = session.getMetadata().getCustomMetadata();
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            assertThat(metadata).containsEntry("target", HostileText.TARGET);
            assertThat(json.readValue(metadata.get("numeric_inputs"), List.class)).containsExactly(HostileText.NUMBER);
            assertThat(json.readValue(metadata.get("categorical_inputs"), List.class))
                    .containsExactly(HostileText.CATEGORY);
            assertThat(json.readValue(metadata.get("classes"), List.class))
                    .containsExactlyInAnyOrderElementsOf(HostileText.LABELS);
            int[] rows = new int[table.rows()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = i;
            }
            Dataset all = model.preprocessor().apply(table, rows);
            Map<String, OnnxTensor> inputs = inputs(env, model, table, rows);
            double[][] out;
            try (OrtSession.Result result = session.run(inputs)) {
                out = (double[][]) result.get(0).getValue();
            }
            inputs.values().forEach(OnnxTensor::close);
            TrainedModel.Prediction[] labels = model.predict(all);
            for (int i = 0; i < rows.length; i++) {
                if (nearestHyperplane(model, all.x()[i]) > MARGIN) {
                    assertThat(out[i][0] >= 0 ? model.preprocessor().target().positive()
                            : model.preprocessor().target().negative()).as("row %d", i).isEqualTo(labels[i].label());
                }
            }
        }
    }

    /** The raw inputs: numeric columns as doubles (NaN when missing), categorical ones as strings. */
    private static Map<String, OnnxTensor> inputs(OrtEnvironment env, TrainedModel model, Table table, int[] rows)
            throws Exception {
        List<FeatureStep> steps = model.preprocessor().steps();
        List<FeatureStep> numeric = steps.stream().filter(s -> s.role() == ColumnRole.NUMERIC).toList();
        List<FeatureStep> categorical = steps.stream().filter(s -> s.role() != ColumnRole.NUMERIC).toList();
        double[][] values = new double[rows.length][numeric.size()];
        for (int k = 0; k < numeric.size(); k++) {
            Column column = table.require(numeric.get(k).column());
            for (int i = 0; i < rows.length; i++) {
                values[i][k] = column.number(rows[i]);
            }
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        inputs.put("numeric", OnnxTensor.createTensor(env, values));
        for (int c = 0; c < categorical.size(); c++) {
            Column column = table.require(categorical.get(c).column());
            String[] text = new String[rows.length];
            for (int i = 0; i < rows.length; i++) {
                String level = column.text(rows[i]);
                text[i] = level == null ? "" : level;
            }
            inputs.put("category_" + c, OnnxTensor.createTensor(env, text, new long[] {rows.length, 1}));
        }
        return inputs;
    }

    /** The smallest |z| over every hidden neuron of every layer on a row. */
    private static double nearestHyperplane(TrainedModel model, double[] x) {
        double nearest = Double.POSITIVE_INFINITY;
        double[] h = x;
        List<double[][]> layers = new java.util.ArrayList<>(model.layers());
        layers.add(model.network().hyperplanes());
        for (double[][] layer : layers) {
            double[] next = new double[layer.length];
            for (int j = 0; j < layer.length; j++) {
                double[] u = layer[j];
                double z = u[u.length - 1];
                for (int k = 0; k < u.length - 1; k++) {
                    z += u[k] * h[k];
                }
                nearest = Math.min(nearest, Math.abs(z));
                next[j] = z >= 0 ? 1 : 0;
            }
            h = next;
        }
        return nearest;
    }
}
