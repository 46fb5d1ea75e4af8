package org.heaviside.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import org.heaviside.data.DataException;
import org.heaviside.data.SavedFiles;
import org.heaviside.network.ThresholdNetwork;
import org.heaviside.network.TrainedModel;
import org.heaviside.run.AtomicFiles;
import org.heaviside.run.Provenance;

/**
 * The model file: JSON with {@code format}, {@code version}, the model as {@code content} and
 * {@code sha256}, the SHA-256 of the content's compact JSON. Loading checks the format, the version
 * and the checksum, so a truncated or edited file is rejected with a message instead of giving
 * other predictions. Writes are atomic.
 */
public final class ModelFile {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "heaviside-model";
    /** The version this build writes and reads. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.AUTO_DETECT_IS_GETTERS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private ModelFile() {
    }

    /** The file's bytes for a model (pretty-printed). */
    public static byte[] toBytes(TrainedModel model) {
        try {
            JsonNode content = MAPPER.valueToTree(model);
            ObjectNode root = MAPPER.createObjectNode();
            root.put("format", FORMAT);
            root.put("version", VERSION);
            root.set("content", content);
            root.put("sha256", checksum(content));
            return MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The model could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Saves a model atomically. */
    public static void save(TrainedModel model, Path file) throws IOException {
        AtomicFiles.write(file, toBytes(model));
    }

    /** Loads and checks a model file. */
    public static TrainedModel load(Path file) {
        return parse(SavedFiles.read(file, "model file"), file.toString());
    }

    /** Parses and checks a model file's bytes; {@code source} names it in messages. */
    public static TrainedModel parse(byte[] bytes, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw DataException.of(source, "not complete JSON (" + firstLine(e) + "); the file may be truncated",
                    "a model file saved by Heaviside Workbench");
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText())) {
            throw DataException.of(source, "no \"format\": \"" + FORMAT + "\" field",
                    "a model file saved by Heaviside Workbench");
        }
        int version = root.path("version").asInt(-1);
        if (version != VERSION) {
            throw DataException.of(source, "model file version " + root.path("version"),
                    "version " + VERSION + " (re-train or save the model with this version of the workbench)");
        }
        JsonNode content = root.get("content");
        String expected = root.path("sha256").asText("");
        if (content == null || !content.isObject()) {
            throw DataException.of(source, "no model content", "a \"content\" object");
        }
        String actual = checksum(content);
        if (!actual.equals(expected)) {
            throw DataException.of(source, "a checksum that does not match the content (the file was edited or "
                    + "damaged after saving)", "sha256 " + actual + " as written by the workbench; re-export the model");
        }
        try {
            TrainedModel model = MAPPER.treeToValue(content, TrainedModel.class);
            validate(model, source);
            return model;
        } catch (JsonProcessingException e) {
            throw DataException.of(source, "content that is not a model (" + firstLine(e) + ")",
                    "a model file saved by Heaviside Workbench");
        }
    }

    private static String checksum(JsonNode content) {
        try {
            return Provenance.sha256(MAPPER.writeValueAsBytes(content));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(Exception e) {
        String message = e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }

    /**
     * Checks what a checksum cannot: that the content holds every part a model needs and that the
     * shapes agree (inputs, layers, neurons, outputs, classes), naming the first part that does not.
     */
    static void validate(TrainedModel model, String source) {
        require(model.kind() != null, source, "kind");
        require(model.preprocessor() != null, source, "preprocessor");
        require(model.preprocessor().steps() != null && !model.preprocessor().steps().isEmpty(), source,
                "preprocessor.steps (the input columns)");
        for (org.heaviside.data.FeatureStep step : model.preprocessor().steps()) {
            require(step != null && step.column() != null && step.role() != null, source,
                    "preprocessor.steps[].column and role");
            boolean numeric = step.role() == org.heaviside.data.ColumnRole.NUMERIC;
            require(numeric ? Double.isFinite(step.mean()) && Double.isFinite(step.scale()) && step.scale() != 0
                    && Double.isFinite(step.median()) : !step.levels().isEmpty() && step.mostFrequent() != null
                    && step.levels().stream().noneMatch(java.util.Objects::isNull), source, "preprocessor.steps[] of '" + step.column()
                    + "' (median, mean and a non-zero scale for numbers; levels and mostFrequent for categories)");
        }
        var target = model.preprocessor().target();
        require(target != null && target.column() != null && target.task() != null, source,
                "preprocessor.target (column and task)");
        require(target.task() == org.heaviside.data.TaskKind.REGRESSION || target.classes().size() >= 2
                && target.classes().stream().noneMatch(java.util.Objects::isNull), source, "preprocessor.target.classes (at least two)");
        require(!target.isBinary() || target.classes().stream().anyMatch(c -> c.equals(target.positive())), source,
                "preprocessor.target.positive (one of the classes)");
        ThresholdNetwork network = model.network();
        require(network != null && network.hyperplanes() != null && network.amplitudes() != null
                && network.outputs() != null, source, "network (hyperplanes, amplitudes, outputs)");
        int inputs = model.preprocessor().width();
        for (double[][] layer : model.layers()) {
            inputs = checkLayer(layer, inputs, source, "layers[]");
        }
        checkLayer(network.hyperplanes(), inputs, source, "network.hyperplanes");
        int width = network.hyperplanes().length;
        require(network.amplitudes().length == width, source, "network.amplitudes (one per neuron: " + width + ")");
        int outputs = target.task() == org.heaviside.data.TaskKind.CLASSIFICATION && !target.isBinary()
                ? target.classes().size() : 1;
        require(network.outputs().length == width, source, "network.outputs (one row per neuron: " + width + ")");
        for (double[] row : network.outputs()) {
            require(row != null && row.length == outputs, source, "network.outputs rows of " + outputs + " value(s)");
        }
        require(Double.isFinite(model.targetMean()) && Double.isFinite(model.targetScale()), source,
                "targetMean and targetScale");
    }

    private static int checkLayer(double[][] layer, int inputs, String source, String name) {
        require(layer != null, source, name);
        for (double[] row : layer) {
            require(row != null && row.length == inputs + 1, source, name + " rows of " + (inputs + 1)
                    + " values (one per input and a bias)");
            for (double v : row) {
                require(Double.isFinite(v), source, name + " (finite weights)");
            }
        }
        return layer.length;
    }

    private static void require(boolean holds, String source, String part) {
        if (!holds) {
            throw DataException.of(source, "a model content without a valid " + part,
                    "a model file written by 'train --model' (re-export the model)");
        }
    }
}
