package org.heaviside.app.study;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.heaviside.data.DataException;
import org.heaviside.run.AtomicFiles;

/** Reads and writes study (project) files: JSON with {@code format}, {@code version} and the study; atomic writes. */
public final class StudyFile {

    /** The value of the {@code format} field. */
    public static final String FORMAT = "heaviside-study";
    /** The version written and read. */
    public static final int VERSION = 1;

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private StudyFile() {
    }

    /** Saves a study atomically. */
    public static void save(Study study, Path file) throws IOException {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        root.set("study", MAPPER.valueToTree(study));
        AtomicFiles.write(file, MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(root));
    }

    /** Loads a study, with a message naming the file when it is not one. */
    public static Study load(Path file) {
        try {
            JsonNode root = MAPPER.readTree(Files.readAllBytes(file));
            if (root == null || !FORMAT.equals(root.path("format").asText())) {
                throw DataException.of(file.toString(), "no \"format\": \"" + FORMAT + "\" field",
                        "a study file saved by the workbench (File > Save study)");
            }
            if (root.path("version").asInt(-1) != VERSION) {
                throw DataException.of(file.toString(), "study file version " + root.path("version"),
                        "version " + VERSION);
            }
            validate(root.get("study"), file.toString());
            return MAPPER.treeToValue(root.get("study"), Study.class);
        } catch (IOException e) {
            throw DataException.of(file.toString(), "unreadable or damaged (" + e.getMessage().lines().findFirst()
                    .orElse("") + ")", "a study file saved by the workbench");
        }
    }

    /**
     * Checks the parts a study needs before it is read, naming the first field that is missing or
     * of the wrong kind (a study file edited by hand, or damaged).
     */
    private static void validate(JsonNode study, String source) {
        object(study, "study", source);
        for (String part : new String[] {"data", "train", "compare"}) {
            object(study.get(part), "study." + part, source);
        }
        for (String field : new String[] {"data.seed", "data.testFraction", "train.betaRatio", "train.patterns",
                "train.seed", "train.tolerance", "compare.seeds", "compare.epochs", "compare.width", "compare.layers"}) {
            String[] path = field.split("\\.");
            JsonNode value = study.get(path[0]).get(path[1]);
            if (value == null || !value.isNumber()) {
                throw DataException.of(source, "no number in \"study." + field + "\""
                        + (value == null ? "" : " (found " + value + ")"), "a number (fix the field or save the study "
                        + "again from the workbench)");
            }
        }
        JsonNode dataSource = study.get("data").get("source");
        if (dataSource != null && dataSource.isTextual() && dataSource.asText().startsWith("paper-synthetic-seed")
                && !dataSource.asText().matches("paper-synthetic-seed\\d{1,18}(\\.csv)?")) {
            throw DataException.of(source, "\"study.data.source\" " + dataSource + " without a seed number",
                    "paper-synthetic-seedN.csv with N a whole number");
        }
    }

    private static void object(JsonNode node, String field, String source) {
        if (node == null || !node.isObject()) {
            throw DataException.of(source, "no \"" + field + "\" object", "a study file saved by the workbench "
                    + "(File > Save study)");
        }
    }
}
