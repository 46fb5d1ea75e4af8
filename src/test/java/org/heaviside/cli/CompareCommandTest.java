package org.heaviside.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    @Test
    void paperPresetPrintsTheJsonKeysAndSavesARerunnableFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("paper.json");
        InspectCommandTest.Result result = InspectCommandTest.run("compare", "--paper", "--layers", "2", "--seeds", "2",
                "--epochs", "20", "--width1", "30", "--patterns", "150", "--no-certify", "--out", out.toString(),
                "--json");
        assertThat(result.code()).as(result.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("provenance").get("datasetSha256").asText()).hasSize(64);
        assertThat(json.get("methods")).hasSize(5);
        for (JsonNode method : json.get("methods")) {
            assertThat(method.get("name").asText()).isIn("convex", "ste", "relu", "leaky-relu", "clipped-relu");
            for (String key : new String[] {"mean", "sd", "min", "max"}) {
                assertThat(method.get("objective").get(key).isNumber()).as(key).isTrue();
            }
            assertThat(method.get("test").get("accuracy").get("mean").isNumber()).isTrue();
            assertThat(method.get("seconds").isNumber()).isTrue();
            assertThat(method.has("pValue")).isTrue();
            assertThat(method.get("belowReference").asInt()).isZero();
        }
        assertThat(Files.exists(out)).isTrue();

        InspectCommandTest.Result again = InspectCommandTest.run("compare", "--rerun", out.toString(), "--json");
        assertThat(again.code()).as(again.err()).isZero();
        JsonNode rerun = new ObjectMapper().readTree(again.out());
        for (int i = 0; i < 5; i++) {
            assertThat(rerun.get("methods").get(i).get("objective"))
                    .isEqualTo(json.get("methods").get(i).get("objective"));
        }
    }

    @Test
    void aTableNamesTheSignificanceAndTheCheck() {
        InspectCommandTest.Result result = InspectCommandTest.run("compare", "--paper", "--layers", "3", "--seeds", "2",
                "--epochs", "10", "--width1", "20", "--methods", "convex-deep,ste");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("convex-deep").contains("p(test)")
                .contains("Convex J at or below every other method's J on every seed: yes");
    }

    /** 60 rows of two features, y yes when a + b > 0. */
    private static String plant() {
        StringBuilder text = new StringBuilder("a,b,y\n");
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int i = 0; i < 60; i++) {
            double a = random.nextDouble(-1, 1);
            double b = random.nextDouble(-1, 1);
            text.append(a).append(',').append(b).append(',').append(a + b > 0 ? "yes" : "no").append('\n');
        }
        return text.toString();
    }

    @Test
    void thePresetSetsTheConvexRunsAndExplicitOptionsOverrideIt(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("plant.csv");
        Files.writeString(data, plant());
        Path out = dir.resolve("recommended.json");
        InspectCommandTest.Result recommended = InspectCommandTest.run("compare", data.toString(), "--target", "y",
                "--preset", "recommended", "--seeds", "1", "--epochs", "5", "--width1", "10", "--patterns", "30",
                "--no-certify", "--methods", "convex,ste", "--out", out.toString());
        assertThat(recommended.code()).as(recommended.err()).isZero();
        assertThat(recommended.out()).contains("Recommended preset");
        org.heaviside.experiment.ExperimentSpec saved = org.heaviside.experiment.ExperimentFile.loadSpec(out);
        assertThat(saved.preset()).isEqualTo("recommended");
        assertThat(saved.classWeight()).isEqualTo("balanced");
        assertThat(saved.pointRule()).isEqualTo(org.heaviside.network.OperatingPoint.Rule.BALANCED_ACCURACY);

        Path plain = dir.resolve("overridden.json");
        InspectCommandTest.Result overridden = InspectCommandTest.run("compare", data.toString(), "--target", "y",
                "--preset", "recommended", "--class-weight", "none", "--operating-point", "zero", "--seeds", "1",
                "--epochs", "5", "--width1", "10", "--patterns", "30", "--no-certify", "--methods", "convex",
                "--out", plain.toString());
        assertThat(overridden.code()).as(overridden.err()).isZero();
        org.heaviside.experiment.ExperimentSpec explicit = org.heaviside.experiment.ExperimentFile.loadSpec(plain);
        assertThat(explicit.preset()).isEqualTo("recommended");
        assertThat(explicit.classWeight()).isEqualTo("none");
        assertThat(explicit.pointRule()).isEqualTo(org.heaviside.network.OperatingPoint.Rule.ZERO);

        InspectCommandTest.Result paper = InspectCommandTest.run("compare", "--paper", "--layers", "2", "--seeds", "1",
                "--epochs", "5", "--width1", "10", "--patterns", "30", "--no-certify", "--methods", "convex",
                "--preset", "paper", "--out", dir.resolve("paper.json").toString());
        assertThat(paper.code()).as(paper.err()).isZero();
        assertThat(org.heaviside.experiment.ExperimentFile.loadSpec(dir.resolve("paper.json")).preset())
                .isEqualTo("paper");

        InspectCommandTest.Result rerun = InspectCommandTest.run("compare", "--rerun", out.toString(), "--preset",
                "paper");
        assertThat(rerun.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(rerun.err()).contains("--rerun runs the preset saved in the results file").doesNotContain(
                "Exception");
    }

    @Test
    void aRerunRefusesDataWhoseHashChanged(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("plant.csv");
        String text = plant();
        Files.writeString(data, text);
        Path out = dir.resolve("plant.json");
        InspectCommandTest.Result first = InspectCommandTest.run("compare", data.toString(), "--target", "y",
                "--preset", "paper", "--seeds", "1", "--epochs", "5", "--width1", "10", "--patterns", "30", "--no-certify",
                "--methods", "convex,ste", "--out", out.toString());
        assertThat(first.code()).as(first.err()).isZero();
        Files.writeString(data, text + "0.5,0.5,yes\n");
        InspectCommandTest.Result again = InspectCommandTest.run("compare", "--rerun", out.toString());
        assertThat(again.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(again.err()).contains("SHA-256").contains("would not reproduce").doesNotContain("Exception");
    }

    @Test
    void badInputSaysWhatToDo() {
        InspectCommandTest.Result none = InspectCommandTest.run("compare");
        assertThat(none.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(none.err()).contains("Give exactly one of FILE, --paper or --rerun");
        InspectCommandTest.Result method = InspectCommandTest.run("compare", "--paper", "--layers", "2", "--methods",
                "convex,sgd");
        assertThat(method.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(method.err()).contains("Unknown method 'sgd'");
    }
}
