package org.heaviside.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heaviside.export.ModelFile;
import org.heaviside.network.TrainedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train --method convex-deep}, {@code train --layers 3} and {@code inspect --target} conditions. */
class DeepCommandTest {

    private static final String STEEL = Path.of("samples", "steel_plates_faults.csv").toString();
    private static final String OTHER_FAULTS = "Pastry_Fault,Z_Scratch_Fault,K_Scatch_Fault,Stains_Fault,"
            + "Dirtiness_Fault,Bumps_Fault";
    private static final String[] TWO_LAYER_KEYS = {"objective", "networkObjective", "dualityGap", "relativeGap",
        "status", "certificate", "violationRatio", "neurons", "patterns", "patternUpperBound", "beta", "betaMax",
        "seconds", "sweeps", "hyperplanes", "positive", "train", "test", "provenance"};

    @Test
    void shatteringOnSteelReproducesDeltaWithTheTwoLayerKeysAndConditions(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("deep.json");
        InspectCommandTest.Result result = InspectCommandTest.run("train", STEEL, "--preset", "paper",
                "--target", "Other_Faults",
                "--drop", OTHER_FAULTS, "--test-fraction", "0.8", "--method", "convex-deep", "--layers", "3",
                "--beta-ratio", "0.01", "--reconstruction", "pi", "--model", model.toString(), "--json");
        assertThat(result.code()).as(result.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        for (String key : TWO_LAYER_KEYS) {
            assertThat(json.has(key)).as(key).isTrue();
        }
        assertThat(json.get("layers").asInt()).isEqualTo(3);
        assertThat(json.get("certificate").asText()).isEqualTo("exact");
        assertThat(json.get("maxDeviation").asDouble()).isLessThanOrEqualTo(1e-9);
        assertThat(json.get("networkObjective").asDouble())
                .isCloseTo(json.get("objective").asDouble(), within(1e-9 * json.get("objective").asDouble()));
        assertThat(json.get("train").get("accuracy").asDouble()).isEqualTo(1.0);
        List<String> ids = new ArrayList<>();
        for (JsonNode condition : json.get("conditions")) {
            ids.add(condition.get("id").asText());
            assertThat(condition.get("verdict").asText()).isIn("met", "not_met", "unknown");
            assertThat(condition.get("detail").asText()).isNotBlank();
        }
        assertThat(ids).contains("data.rank", "shattering.distinct", "shattering.width", "shattering.rank",
                "deep.width");
        TrainedModel loaded = ModelFile.load(model);
        assertThat(loaded.kind()).isEqualTo("three-layer-shattering");
        assertThat(loaded.layers()).hasSize(1);
    }

    @Test
    void deepLassoRunsFromTheCommandLine() throws Exception {
        InspectCommandTest.Result result = InspectCommandTest.run("train", STEEL, "--preset", "paper",
                "--target", "Other_Faults",
                "--drop", OTHER_FAULTS, "--test-fraction", "0.85", "--method", "convex", "--layers", "3", "--width1", "60",
                "--patterns", "200", "--no-certify", "--json");
        assertThat(result.code()).as(result.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("kind").asText()).isEqualTo("deep-lasso");
        assertThat(json.get("widths").get(0).asInt()).isEqualTo(60);
        assertThat(json.get("networkObjective").asDouble())
                .isCloseTo(json.get("objective").asDouble(), within(1e-9 * json.get("objective").asDouble()));
        assertThat(json.has("conditions")).isTrue();
    }

    @Test
    void conflictingDuplicatesAreNamedByInspectAndRefusedByTrain(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("dup.csv");
        Files.writeString(file, "a,b,y\n1,2,0\n3,4,1\n5,1,0\n1,2,1\n2,2,1\n");
        InspectCommandTest.Result inspect = InspectCommandTest.run("inspect", file.toString(), "--target", "y",
                "--test-fraction", "0", "--json");
        assertThat(inspect.code()).as(inspect.err()).isZero();
        JsonNode distinct = null;
        for (JsonNode condition : new ObjectMapper().readTree(inspect.out()).get("conditions")) {
            if (condition.get("id").asText().equals("shattering.distinct")) {
                distinct = condition;
            }
        }
        assertThat(distinct).isNotNull();
        assertThat(distinct.get("verdict").asText()).isEqualTo("not_met");
        assertThat(distinct.get("detail").asText()).contains("rows (same features, different targets): 1, 4");

        InspectCommandTest.Result train = InspectCommandTest.run("train", file.toString(), "--preset", "paper",
                "--target", "y",
                "--test-fraction", "0", "--method", "convex-deep", "--beta", "0.1");
        assertThat(train.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(train.err()).contains("1, 4").contains("deep Lasso").contains("(--method convex --layers 3)").doesNotContain("Exception");
    }
}
