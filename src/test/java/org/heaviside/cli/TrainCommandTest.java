package org.heaviside.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.heaviside.data.DataException;
import org.heaviside.export.ModelFile;
import org.heaviside.network.TrainedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainCommandTest {

    private static final String AI4I = Path.of("samples", "ai4i2020.csv").toString();
    private static final String ALL_BUT_TORQUE_AND_SPEED = "UDI,Product ID,Type,Air temperature [K],"
            + "Process temperature [K],Tool wear [min],TWF,HDF,PWF,OSF,RNF";

    @Test
    void exactOnTwoColumnsCertifiesAndSavesAModelThatLoadsBack(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("model.json");
        InspectCommandTest.Result result = InspectCommandTest.run("train", AI4I, "--preset", "paper",
                "--target", "Machine failure",
                "--drop", ALL_BUT_TORQUE_AND_SPEED, "--rows", "120", "--patterns", "exact", "--test-fraction", "0",
                "--model", model.toString(), "--json");
        assertThat(result.code()).as(result.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("certificate").asText()).isEqualTo("exact");
        assertThat(json.get("status").asText()).isEqualTo("converged");
        assertThat(json.get("relativeGap").asDouble()).isLessThanOrEqualTo(1e-6);
        assertThat(json.get("networkObjective").asDouble())
                .isCloseTo(json.get("objective").asDouble(), org.assertj.core.api.Assertions.within(
                        1e-9 * json.get("objective").asDouble()));
        assertThat(json.get("provenance").get("datasetSha256").asText()).hasSize(64);
        TrainedModel loaded = ModelFile.load(model);
        assertThat(loaded.objective()).isEqualTo(json.get("objective").asDouble());
        assertThat(loaded.certificate().status()).isEqualTo("exact");
        assertThat(loaded.network().width()).isEqualTo(json.get("neurons").asInt());
    }

    @Test
    void allFeaturesGiveAnHonestHeuristicOrNoneWithTheViolationRatio() throws Exception {
        InspectCommandTest.Result result = InspectCommandTest.run("train", AI4I, "--preset", "paper",
                "--target", "Machine failure",
                "--drop", "UDI,Product ID,TWF,HDF,PWF,OSF,RNF", "--rows", "1500", "--patterns", "200", "--json");
        assertThat(result.code()).as(result.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("certificate").asText()).isIn("heuristic", "none");
        assertThat(json.get("violationRatio").isNumber()).isTrue();
        if (json.get("certificate").asText().equals("heuristic")) {
            assertThat(json.get("violationRatio").asDouble()).isLessThanOrEqualTo(1 + 1e-3);
        }
    }

    @Test
    void noCertifySkipsTheSearch() throws Exception {
        InspectCommandTest.Result result = InspectCommandTest.run("train", AI4I, "--preset", "paper",
                "--target", "Machine failure",
                "--drop", "UDI,Product ID,TWF,HDF,PWF,OSF,RNF", "--rows", "500", "--patterns", "50", "--no-certify",
                "--json");
        assertThat(result.code()).as(result.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("certificate").asText()).isEqualTo("none");
        assertThat(json.get("patterns").asInt()).isLessThanOrEqualTo(51);
    }

    @Test
    void exactOnManyFeaturesFailsWithTheReason() {
        InspectCommandTest.Result result = InspectCommandTest.run("train", AI4I, "--preset", "paper",
                "--target", "Machine failure",
                "--drop", "UDI,Product ID,TWF,HDF,PWF,OSF,RNF", "--rows", "200", "--patterns", "exact");
        assertThat(result.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("rank(Xt)").contains("--patterns");
    }

    @Test
    void logisticLossOnAMultiClassTargetTrainsTheMultinomialProgram() throws Exception {
        InspectCommandTest.Result result = InspectCommandTest.run("train", AI4I, "--preset", "paper",
                "--target", "Type",
                "--drop", "UDI,Product ID,Air temperature [K],Process temperature [K],Tool wear [min],TWF,HDF,PWF,OSF,RNF",
                "--rows", "120", "--loss", "logistic", "--patterns", "30", "--no-certify", "--json");
        assertThat(result.code()).as(result.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("status").asText()).isEqualTo("converged");
        assertThat(json.get("relativeGap").asDouble()).isLessThanOrEqualTo(1e-6);
        double objective = json.get("objective").asDouble();
        assertThat(json.get("networkObjective").asDouble())
                .isCloseTo(objective, org.assertj.core.api.Assertions.within(1e-9 * objective));
    }

    @Test
    void logisticLossOnANumericTargetSaysWhatToDo() {
        InspectCommandTest.Result result = InspectCommandTest.run("train", Path.of("samples", "ccpp.csv").toString(),
                "--preset", "paper",
                "--target", "PE", "--rows", "200", "--loss", "logistic");
        assertThat(result.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("class target").contains("--loss squared");
    }

    @Test
    void crossValidationReportsACurveAndTheChosenRatio() throws Exception {
        InspectCommandTest.Result result = InspectCommandTest.run("train", AI4I, "--preset", "paper",
                "--target", "Machine failure",
                "--drop", "UDI,Product ID,TWF,HDF,PWF,OSF,RNF", "--rows", "400", "--patterns", "40", "--cv", "3",
                "--no-certify", "--json");
        assertThat(result.code()).as(result.err()).isZero();
        JsonNode cv = new ObjectMapper().readTree(result.out()).get("cv");
        assertThat(cv.get("curve")).hasSize(13);
        assertThat(cv.get("stop").asText()).isEqualTo("whole-path");
        double chosen = cv.get("oneStandardErrorRatio").asDouble();
        double best = cv.get("bestRatio").asDouble();
        assertThat(chosen).isGreaterThanOrEqualTo(best);
        assertThat(new ObjectMapper().readTree(result.out()).get("beta").asDouble()
                / new ObjectMapper().readTree(result.out()).get("betaMax").asDouble())
                .isCloseTo(chosen, org.assertj.core.api.Assertions.within(1e-9));
    }

    @Test
    void tamperedTruncatedOrForeignModelFilesAreRejected(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("m.json");
        InspectCommandTest.Result result = InspectCommandTest.run("train", AI4I, "--preset", "paper",
                "--target", "Machine failure",
                "--drop", "UDI,Product ID,TWF,HDF,PWF,OSF,RNF", "--rows", "300", "--patterns", "30", "--no-certify",
                "--model", model.toString());
        assertThat(result.code()).as(result.err()).isZero();
        String text = Files.readString(model, StandardCharsets.UTF_8);
        ModelFile.load(model); // intact: loads

        Path tampered = dir.resolve("tampered.json");
        ObjectMapper mapper = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode root = (com.fasterxml.jackson.databind.node.ObjectNode)
                mapper.readTree(text);
        com.fasterxml.jackson.databind.node.ObjectNode content =
                (com.fasterxml.jackson.databind.node.ObjectNode) root.get("content");
        content.put("targetScale", 2 * content.get("targetScale").asDouble()); // doubles every score
        Files.write(tampered, mapper.writeValueAsBytes(root));
        assertThatThrownBy(() -> ModelFile.load(tampered)).isInstanceOf(DataException.class)
                .hasMessageContaining("checksum");

        Path truncated = dir.resolve("truncated.json");
        Files.writeString(truncated, text.substring(0, text.length() / 2), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ModelFile.load(truncated)).isInstanceOf(DataException.class)
                .hasMessageContaining("truncated");

        Path future = dir.resolve("future.json");
        Files.writeString(future, text.replace("\"version\" : 1", "\"version\" : 99"), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ModelFile.load(future)).isInstanceOf(DataException.class)
                .hasMessageContaining("version 99");

        assertThatThrownBy(() -> ModelFile.load(dir.resolve("missing.json"))).isInstanceOf(DataException.class)
                .hasMessageContaining("no such file");
    }
}
