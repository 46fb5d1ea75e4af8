package org.heaviside.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.heaviside.export.ModelFile;
import org.heaviside.network.TrainedModel;
import org.heaviside.run.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --class-weight}: parsing, errors, the output, the model file and provenance. */
class ClassWeightCommandTest {

    private static final String AI4I = Path.of("samples", "ai4i2020.csv").toString();
    private static final String TWO_COLUMNS = "UDI,Product ID,Type,Air temperature [K],"
            + "Process temperature [K],Tool wear [min],TWF,HDF,PWF,OSF,RNF";

    private static InspectCommandTest.Result train(String... extra) {
        String[] base = {"train", AI4I, "--preset", "paper",
                "--target", "Machine failure", "--drop", TWO_COLUMNS, "--rows", "120",
            "--patterns", "exact", "--test-fraction", "0"};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return InspectCommandTest.run(args);
    }

    @Test
    void balancedWeightsAreShownSavedAndRecordedAndJStillEqualsTheObjective(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model.json");
        InspectCommandTest.Result result = train("--class-weight", "balanced", "--model", model.toString(), "--json");
        assertThat(result.code()).as(result.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("classWeight").asText()).isEqualTo("balanced");
        assertThat(json.get("provenance").get("parameters").get("classWeight").asText()).isEqualTo("balanced");
        assertThat(json.get("certificate").asText()).isEqualTo("exact");
        double objective = json.get("objective").asDouble();
        assertThat(json.get("networkObjective").asDouble()).isCloseTo(objective, within(1e-9 * objective));
        assertThat(ModelFile.load(model).classWeight()).isEqualTo("balanced");

        InspectCommandTest.Result plain = train("--json");
        JsonNode unweighted = new ObjectMapper().readTree(plain.out());
        assertThat(unweighted.get("classWeight").asText()).isEqualTo("none");
        // weighting the rare failures changes the program (its beta_max is H^T (w * y))
        assertThat(json.get("betaMax").asDouble()).isNotEqualTo(unweighted.get("betaMax").asDouble());

        InspectCommandTest.Result text = train("--class-weight", "balanced");
        assertThat(text.out()).containsPattern("Class weights: balanced \\(0 0\\.5\\d+, 1 \\d+\\.\\d+\\)");
        assertThat(train().out()).doesNotContain("Class weights");
    }

    @Test
    void explicitWeightsPerLabelAreParsed() throws Exception {
        InspectCommandTest.Result result = train("--class-weight", "1=20", "--json");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(new ObjectMapper().readTree(result.out()).get("classWeight").asText()).isEqualTo("1=20.0");
        assertThat(train("--class-weight", "1=20").out()).contains("Class weights: 1=20.0 (0 1.000, 1 20.00)");
    }

    @Test
    void anUnknownLabelNamesTheLabelAndTheClasses() {
        InspectCommandTest.Result result = train("--class-weight", "failure=20");
        assertThat(result.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("'failure'").contains("0, 1").doesNotContain("Exception");
    }

    @Test
    void malformedWeightsSayWhatIsExpected() {
        InspectCommandTest.Result words = train("--class-weight", "heavy");
        assertThat(words.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(words.err()).contains("none, balanced or LABEL=W");
        InspectCommandTest.Result negative = train("--class-weight", "1=-2");
        assertThat(negative.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(negative.err()).contains("positive number").contains("'-2'");
    }

    @Test
    void aModelFileWrittenBeforeRowWeightsLoadsAsUnweighted(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model.json");
        assertThat(train("--model", model.toString()).code()).isZero();
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(Files.readAllBytes(model));
        ObjectNode content = (ObjectNode) root.get("content");
        assertThat(content.has("classWeight")).isTrue();
        content.remove("classWeight");
        root.put("sha256", Provenance.sha256(mapper.writeValueAsBytes(content)));
        TrainedModel old = ModelFile.parse(mapper.writeValueAsBytes(root), "old.json");
        assertThat(old.classWeight()).isEqualTo("none");
    }
}
