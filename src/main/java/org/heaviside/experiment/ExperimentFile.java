package org.heaviside.experiment;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import org.heaviside.solver.Loss;
import org.heaviside.ste.Optimizer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.function.Function;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import org.heaviside.data.Cells;
import org.heaviside.data.DataException;
import org.heaviside.data.SavedFiles;
import org.heaviside.run.AtomicFiles;

/**
 * Experiment results on disk: JSON ({@code format}, {@code version}, the spec, the summaries, every
 * run with its curve, notes and provenance) and CSV (one line per run). A results file re-runs from
 * its {@code spec}. Writes are atomic.
 */
public final class ExperimentFile {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "heaviside-experiment";
    /** The version this build writes and reads. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(ids())
            .build();

    /** Losses and optimizers are written by their ids ("squared", "sgd"), as the command line names them. */
    private static SimpleModule ids() {
        SimpleModule module = new SimpleModule("ids");
        byId(module, Loss.class, Loss::id, Loss::parse);
        byId(module, Optimizer.class, Optimizer::id, Optimizer::parse);
        byId(module, org.heaviside.network.OperatingPoint.Rule.class, org.heaviside.network.OperatingPoint.Rule::id,
                org.heaviside.network.OperatingPoint.Rule::parse);
        return module;
    }

    private static <E> void byId(SimpleModule module, Class<E> type, Function<E, String> id, Function<String, E> parse) {
        module.addSerializer(type, new StdSerializer<>(type) {
            @Override
            public void serialize(E value, JsonGenerator out, SerializerProvider provider) throws IOException {
                out.writeString(id.apply(value));
            }
        });
        module.addDeserializer(type, new StdDeserializer<>(type) {
            @Override
            public E deserialize(JsonParser in, DeserializationContext context) throws IOException {
                return parse.apply(in.getValueAsString());
            }
        });
    }

    private ExperimentFile() {
    }

    /** The JSON tree of a result. */
    public static ObjectNode toJson(ExperimentResult result) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ObjectNode body = MAPPER.valueToTree(result);
        root.setAll(body);
        return root;
    }

    /** Saves the result as pretty-printed JSON, atomically. */
    public static void save(ExperimentResult result, Path file) throws IOException {
        AtomicFiles.write(file, MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(toJson(result)));
    }

    /** Saves one CSV line per run, atomically. */
    public static void saveCsv(ExperimentResult result, Path file) throws IOException {
        AtomicFiles.write(file, csv(result).getBytes(StandardCharsets.UTF_8));
    }

    /** The runs as CSV text. */
    public static String csv(ExperimentResult result) {
        TreeSet<String> metrics = new TreeSet<>();
        for (Run run : result.runs()) {
            metrics.addAll(run.train().keySet());
            metrics.addAll(run.test().keySet());
        }
        List<String> header = new ArrayList<>(List.of("method", "seed", "objective", "excess", "seconds", "neurons",
                "augmented", "certificate", "relativeGap"));
        for (String metric : metrics) {
            header.add("train_" + metric);
        }
        for (String metric : metrics) {
            header.add("test_" + metric);
        }
        StringBuilder out = new StringBuilder(String.join(",", header)).append('\n');
        for (Run run : result.runs()) {
            List<String> cells = new ArrayList<>(List.of(Cells.csvField(run.method()), Long.toString(run.seed()),
                    number(run.objective()), number(run.excess()), number(run.seconds()), Integer.toString(run.neurons()),
                    Boolean.toString(run.augmented()), Cells.csvField(run.certificate()), number(run.relativeGap())));
            for (String metric : metrics) {
                cells.add(number(run.train().getOrDefault(metric, Double.NaN)));
            }
            for (String metric : metrics) {
                cells.add(number(run.test().getOrDefault(metric, Double.NaN)));
            }
            out.append(String.join(",", cells)).append('\n');
        }
        return out.toString();
    }

    /** Reads a whole results file. */
    public static ExperimentResult load(Path file) {
        loadSpec(file); // checks format and version with clear messages
        try {
            JsonNode root = MAPPER.readTree(Files.readAllBytes(file));
            ObjectNode body = ((ObjectNode) root).deepCopy();
            body.remove("format");
            body.remove("version");
            return MAPPER.treeToValue(body, ExperimentResult.class);
        } catch (IOException | IllegalArgumentException e) {
            throw DataException.of(file.toString(), "results that cannot be read (" + e.getMessage().lines()
                    .findFirst().orElse("") + ")", "a results file saved by Heaviside Workbench");
        }
    }

    /** The data file's SHA-256 a results file records (its provenance), or null when it records none. */
    public static String datasetSha256(Path file) {
        loadSpec(file); // checks format and version with clear messages
        try {
            JsonNode sha = MAPPER.readTree(Files.readAllBytes(file)).path("provenance").path("datasetSha256");
            return sha.isTextual() && !sha.asText().isEmpty() ? sha.asText() : null;
        } catch (IOException e) {
            throw DataException.of(file.toString(), "unreadable (" + e.getMessage() + ")", "a readable results file");
        }
    }

    /** Reads the spec of a results (or spec) file, to re-run it. */
    public static ExperimentSpec loadSpec(Path file) {
        byte[] bytes = SavedFiles.read(file, "results file");
        JsonNode root;
        try {
            root = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw DataException.of(file.toString(), "not complete JSON; the file may be truncated",
                    "a results file saved by Heaviside Workbench");
        }
        if (root == null || !FORMAT.equals(root.path("format").asText())) {
            throw DataException.of(file.toString(), "no \"format\": \"" + FORMAT + "\" field",
                    "a results file saved by Heaviside Workbench");
        }
        if (root.path("version").asInt(-1) != VERSION) {
            throw DataException.of(file.toString(), "results file version " + root.path("version"),
                    "version " + VERSION);
        }
        try {
            return MAPPER.treeToValue(root.get("spec"), ExperimentSpec.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw DataException.of(file.toString(), "a spec that cannot be read (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")", "the \"spec\" object of a saved comparison");
        }
    }

    private static String number(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.10g", value);
    }
}
