package org.heaviside.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.heaviside.data.ColumnRole;
import org.heaviside.data.FeatureStep;
import org.heaviside.data.TaskKind;
import org.heaviside.network.TrainedModel;
import org.heaviside.network.ThresholdNetwork;

/**
 * The model as an ONNX graph (opset 13, plus ai.onnx.ml for one-hot categories), preprocessing
 * included. Inputs: {@code numeric} (double, N x the numeric input columns in the model's order;
 * NaN for a missing value, replaced by the training median) and one {@code category_<k>} string
 * tensor (N x 1) per categorical column (a level not seen in training, or missing, gives all zeros).
 * Output: {@code output} (double, N x outputs): the network's outputs, in the target's units for
 * regression; for two classes the network's output minus the model's operating point, so the positive
 * class is predicted when output >= 0 (as the Java model's score). Hidden layers are
 * MatMul + Add, GreaterOrEqual 0 and a cast to 0/1. The provenance and the labels are metadata.
 */
public final class OnnxExport {

    private static final int DOUBLE = 11;
    private static final int STRING = 8;
    private static final int INT64 = 7;
    private static final String ML = "ai.onnx.ml";

    private OnnxExport() {
    }

    /** The ONNX model's bytes. */
    public static byte[] toBytes(TrainedModel model) {
        List<FeatureStep> steps = model.preprocessor().steps();
        Graph g = new Graph();
        List<Integer> numericFeatures = new ArrayList<>();
        List<double[]> numericConstants = new ArrayList<>();
        List<Integer> categoricalSteps = new ArrayList<>();
        int at = 0;
        for (int s = 0; s < steps.size(); s++) {
            FeatureStep step = steps.get(s);
            if (step.role() == ColumnRole.NUMERIC) {
                numericFeatures.add(at);
                numericConstants.add(new double[] {step.median(), step.mean(), step.scale()});
                at++;
            } else {
                categoricalSteps.add(s);
                at += step.width();
            }
        }
        int numeric = numericFeatures.size();
        // the features in the graph's order: the numeric ones, then each categorical block
        List<Integer> order = new ArrayList<>(numericFeatures);
        List<String> parts = new ArrayList<>();
        if (numeric > 0) {
            g.input("numeric", DOUBLE, numeric);
            double[] medians = new double[numeric];
            double[] means = new double[numeric];
            double[] scales = new double[numeric];
            for (int k = 0; k < numeric; k++) {
                medians[k] = numericConstants.get(k)[0];
                means[k] = numericConstants.get(k)[1];
                scales[k] = numericConstants.get(k)[2];
            }
            g.constant("median", new long[] {numeric}, medians);
            g.constant("mean", new long[] {numeric}, means);
            g.constant("scale", new long[] {numeric}, scales);
            g.node("IsNaN", List.of("numeric"), "missing", null);
            g.node("Where", List.of("missing", "median", "numeric"), "filled", null);
            g.node("Sub", List.of("filled", "mean"), "centred", null);
            g.node("Div", List.of("centred", "scale"), "standardized", null);
            parts.add("standardized");
        }
        for (int c = 0; c < categoricalSteps.size(); c++) {
            FeatureStep step = steps.get(categoricalSteps.get(c));
            int first = 0;
            for (int s = 0; s < categoricalSteps.get(c); s++) {
                first += steps.get(s).width();
            }
            for (int k = 0; k < step.width(); k++) {
                order.add(first + k);
            }
            String name = "category_" + c;
            g.input(name, STRING, 1);
            Protobuf cats = new Protobuf().string(1, "cats_strings").varint(20, 8);
            for (String level : step.levels()) {
                cats.string(9, level);
            }
            g.node("OneHotEncoder", List.of(name), name + "_onehot3", ML, cats,
                    new Protobuf().string(1, "zeros").varint(20, 2).varint(3, 1));
            g.int64("shape_" + c, new long[] {2}, new long[] {-1, step.width()});
            g.node("Reshape", List.of(name + "_onehot3", "shape_" + c), name + "_onehot_float", null);
            g.node("Cast", List.of(name + "_onehot_float"), name + "_onehot", null,
                    new Protobuf().string(1, "to").varint(20, 2).varint(3, DOUBLE));
            parts.add(name + "_onehot");
        }
        String features = parts.get(0);
        if (parts.size() > 1) {
            g.node("Concat", parts, "features", null, new Protobuf().string(1, "axis").varint(20, 2).varint(3, 1));
            features = "features";
        }
        // layers: the first on the features (columns permuted to the graph's order), later ones on bits
        List<double[][]> layers = new ArrayList<>(model.layers());
        layers.add(model.network().hyperplanes());
        String input = features;
        for (int k = 0; k < layers.size(); k++) {
            double[][] w = layers.get(k);
            int inputs = w.length == 0 ? 0 : w[0].length - 1;
            int width = w.length;
            double[] weights = new double[inputs * width];
            double[] bias = new double[width];
            for (int j = 0; j < width; j++) {
                for (int i = 0; i < inputs; i++) {
                    int source = k == 0 ? order.get(i) : i;
                    weights[i * width + j] = w[j][source];
                }
                bias[j] = w[j][inputs];
            }
            g.constant("w" + k, new long[] {inputs, width}, weights);
            g.constant("b" + k, new long[] {width}, bias);
            g.constant("zero" + k, new long[] {}, new double[] {0.0});
            g.node("MatMul", List.of(input, "w" + k), "product" + k, null);
            g.node("Add", List.of("product" + k, "b" + k), "z" + k, null);
            g.node("GreaterOrEqual", List.of("z" + k, "zero" + k), "fires" + k, null);
            g.node("Cast", List.of("fires" + k), "h" + k, null, new Protobuf().string(1, "to").varint(20, 2).varint(3, DOUBLE));
            input = "h" + k;
        }
        ThresholdNetwork head = model.network();
        int outputs = head.outputCount();
        double[] alpha = new double[head.width() * outputs];
        for (int j = 0; j < head.width(); j++) {
            for (int c = 0; c < outputs; c++) {
                alpha[j * outputs + c] = head.outputs()[j][c] * head.amplitudes()[j];
            }
        }
        g.constant("alpha", new long[] {head.width(), outputs}, alpha);
        boolean regression = model.preprocessor().target().task() == TaskKind.REGRESSION;
        boolean shifted = model.preprocessor().target().isBinary() && model.operatingPoint().threshold() != 0;
        g.node("MatMul", List.of(input, "alpha"), regression || shifted ? "network" : "output", null);
        if (shifted) {
            g.constant("operating_point", new long[] {}, new double[] {model.operatingPoint().threshold()});
            g.node("Sub", List.of("network", "operating_point"), "output", null);
        }
        if (regression) {
            g.constant("target_scale", new long[] {}, new double[] {model.targetScale()});
            g.constant("target_mean", new long[] {}, new double[] {model.targetMean()});
            g.node("Mul", List.of("network", "target_scale"), "scaled", null);
            g.node("Add", List.of("scaled", "target_mean"), "output", null);
        }
        g.output("output", DOUBLE, outputs);

        Protobuf graph = g.build("heaviside_" + model.kind().replace('-', '_'));
        Protobuf root = new Protobuf().varint(1, 7).string(2, "Heaviside Workbench").string(3,
                org.heaviside.run.Provenance.applicationVersion()).message(7, graph);
        root.message(8, new Protobuf().string(1, "").varint(2, 13));
        root.message(8, new Protobuf().string(1, ML).varint(2, 1));
        var target = model.preprocessor().target();
        metadata(root, "kind", model.kind());
        metadata(root, "target", target.column());
        metadata(root, "task", target.task().id());
        ObjectMapper json = new ObjectMapper();
        try {
            // lists as JSON arrays: a name or label may hold a comma, a quote or a line break
            metadata(root, "classes", json.writeValueAsString(target.classes()));
            if (target.isBinary()) {
                metadata(root, "positive", target.positive());
                metadata(root, "operating_point", Double.toString(model.operatingPoint().threshold()));
            }
            metadata(root, "numeric_inputs", json.writeValueAsString(steps.stream()
                    .filter(s -> s.role() == ColumnRole.NUMERIC).map(FeatureStep::column).toList()));
            metadata(root, "categorical_inputs", json.writeValueAsString(categoricalSteps.stream()
                    .map(s -> steps.get(s).column()).toList()));
            metadata(root, "provenance", json.writeValueAsString(model.provenance()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return root.toByteArray();
    }

    private static void metadata(Protobuf root, String key, String value) {
        root.message(14, new Protobuf().string(1, key).string(2, value == null ? "" : value));
    }

    /** Collects nodes, initializers, inputs and outputs of a graph. */
    private static final class Graph {
        private final List<Protobuf> nodes = new ArrayList<>();
        private final List<Protobuf> initializers = new ArrayList<>();
        private final List<Protobuf> inputs = new ArrayList<>();
        private final List<Protobuf> outputs = new ArrayList<>();

        void node(String op, List<String> in, String out, String domain, Protobuf... attributes) {
            Protobuf node = new Protobuf();
            for (String name : in) {
                node.string(1, name);
            }
            node.string(2, out).string(3, out + "_node").string(4, op);
            for (Protobuf attribute : attributes) {
                node.message(5, attribute);
            }
            if (domain != null) {
                node.string(7, domain);
            }
            nodes.add(node);
        }

        void constant(String name, long[] dims, double[] values) {
            Protobuf tensor = new Protobuf();
            for (long dim : dims) {
                tensor.varint(1, dim);
            }
            tensor.varint(2, DOUBLE).string(8, name).bytes(9, Protobuf.doubles(values));
            initializers.add(tensor);
        }

        void int64(String name, long[] dims, long[] values) {
            Protobuf tensor = new Protobuf();
            for (long dim : dims) {
                tensor.varint(1, dim);
            }
            byte[] raw = new byte[values.length * 8];
            for (int i = 0; i < values.length; i++) {
                for (int b = 0; b < 8; b++) {
                    raw[8 * i + b] = (byte) (values[i] >>> (8 * b));
                }
            }
            tensor.varint(2, INT64).string(8, name).bytes(9, raw);
            initializers.add(tensor);
        }

        void input(String name, int type, int columns) {
            inputs.add(valueInfo(name, type, columns));
        }

        void output(String name, int type, int columns) {
            outputs.add(valueInfo(name, type, columns));
        }

        private static Protobuf valueInfo(String name, int type, int columns) {
            Protobuf shape = new Protobuf().message(1, new Protobuf().string(2, "N"))
                    .message(1, new Protobuf().varint(1, columns));
            Protobuf tensor = new Protobuf().varint(1, type).message(2, shape);
            return new Protobuf().string(1, name).message(2, new Protobuf().message(1, tensor));
        }

        Protobuf build(String name) {
            Protobuf graph = new Protobuf();
            nodes.forEach(node -> graph.message(1, node));
            graph.string(2, name);
            initializers.forEach(tensor -> graph.message(5, tensor));
            inputs.forEach(input -> graph.message(11, input));
            outputs.forEach(output -> graph.message(12, output));
            return graph;
        }
    }
}
