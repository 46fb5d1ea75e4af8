package org.heaviside.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code train} shows its progress on the error stream (not with {@code --json}); the result stays on the output. */
class TrainProgressTest {

    private static final String[] TRAIN = {"train", Path.of("samples", "ai4i2020.csv").toString(), "--preset", "paper",
        "--target", "Machine failure", "--drop", "UDI,Product ID,TWF,HDF,PWF,OSF,RNF", "--rows", "300",
        "--patterns", "200"};

    @Test
    void theStepsAppearOnTheErrorStreamAndTheLineIsClearedAfterwards() {
        InspectCommandTest.Result result = InspectCommandTest.run(TRAIN);
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.err()).contains("Building patterns").contains("Solving the convex program")
                .containsPattern("\\[\\s*\\d+ s\\] \\[\\d/3\\]")
                // the last thing written is the cleared line, so a warning or the shell prompt starts clean
                .endsWith("\r");
        assertThat(result.out()).contains("Objective (convex):").doesNotContain("Building patterns");
    }

    @Test
    void jsonOutputHasNoProgressLines() {
        String[] args = java.util.Arrays.copyOf(TRAIN, TRAIN.length + 1);
        args[TRAIN.length] = "--json";
        InspectCommandTest.Result result = InspectCommandTest.run(args);
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.err()).doesNotContain("Building patterns").doesNotContain("\r");
    }
}
