package org.heaviside.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heaviside.workflow.Preset;
import org.junit.jupiter.api.Test;

/** {@code train --preset}: the output names the preset, and explicit options override its fields. */
class PresetCommandTest {

    private static final String AI4I = Path.of("samples", "ai4i2020.csv").toString();
    private static final String DROP = "UDI,Product ID,TWF,HDF,PWF,OSF,RNF";

    @Test
    void withoutAPresetTrainSaysWhichOneItUsedInTextAndJson() throws Exception {
        InspectCommandTest.Result text = InspectCommandTest.run("train", AI4I, "--target", "Machine failure", "--drop",
                DROP, "--rows", "300", "--patterns", "50", "--no-certify", "--beta-ratio", "0.01");
        assertThat(text.code()).as(text.err()).isZero();
        assertThat(text.out()).contains("Preset: " + Preset.DEFAULT.id() + " (");
        InspectCommandTest.Result json = InspectCommandTest.run("train", AI4I, "--target", "Machine failure", "--drop",
                DROP, "--rows", "300", "--patterns", "50", "--no-certify", "--preset", "paper", "--json");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertThat(root.get("preset").asText()).isEqualTo("paper");
        assertThat(root.get("provenance").get("parameters").get("preset").asText()).isEqualTo("paper");
        assertThat(root.get("classWeight").asText()).isEqualTo("none");
        assertThat(root.get("operatingPoint").get("rule").asText()).isEqualTo("zero");
    }

    @Test
    void explicitOptionsOverrideTheRecommendedPresetAndAreNamed() throws Exception {
        InspectCommandTest.Result result = InspectCommandTest.run("train", AI4I, "--target", "Machine failure",
                "--drop", DROP, "--rows", "300", "--patterns", "50", "--no-certify", "--preset", "recommended",
                "--beta-ratio", "0.05", "--class-weight", "none", "--operating-point", "zero", "--json");
        assertThat(result.code()).as(result.err()).isZero();
        JsonNode root = new ObjectMapper().readTree(result.out());
        assertThat(root.get("preset").asText()).isEqualTo("recommended");
        List<String> changed = new ArrayList<>();
        root.get("presetChanged").forEach(node -> changed.add(node.asText()));
        assertThat(changed).containsExactly("class weights", "penalty", "patterns", "operating point");
        assertThat(root.get("classWeight").asText()).isEqualTo("none");
        assertThat(root.get("operatingPoint").get("rule").asText()).isEqualTo("zero");
        assertThat(root.get("betaRatio") == null ? root.get("beta").asDouble() / root.get("betaMax").asDouble()
                : root.get("betaRatio").asDouble()).isCloseTo(0.05, org.assertj.core.api.Assertions.within(1e-9));
        // the preset's field that no option changed stays
        assertThat(root.get("provenance").get("parameters").get("anchored").asText()).isEqualTo("true");
    }

    @Test
    void anUnknownPresetIsBadInputNamingTheChoices() {
        InspectCommandTest.Result result = InspectCommandTest.run("train", AI4I, "--target", "Machine failure",
                "--rows", "100", "--preset", "fast");
        assertThat(result.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("recommended").contains("paper");
    }
}
