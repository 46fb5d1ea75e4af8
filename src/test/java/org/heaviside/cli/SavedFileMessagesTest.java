package org.heaviside.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A saved model or results file that is missing or unreadable: a message naming it, exit code 2. */
class SavedFileMessagesTest {

    @TempDir
    Path dir;

    @Test
    void aMissingModelFileIsNamedWithTheCommandThatWritesOne() throws Exception {
        Path rows = Files.writeString(dir.resolve("rows.csv"), "a,b\n1,2\n");
        Path model = dir.resolve("gone.json");
        InspectCommandTest.Result result = InspectCommandTest.run("predict", model.toString(), rows.toString(),
                "--out", dir.resolve("p.csv").toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains(model + ": found no such file; expected a model file written by "
                + "'train --model'.");
    }

    @Test
    void aMissingResultsFileIsNamedWithTheCommandThatWritesOne() {
        Path results = dir.resolve("gone.json");
        InspectCommandTest.Result result = InspectCommandTest.run("compare", "--rerun", results.toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains(results + ": found no such file; expected a results file written by "
                + "'compare --out'.");
    }

    @Test
    void anUnreadableModelFileSaysSo() throws Exception {
        Path rows = Files.writeString(dir.resolve("rows.csv"), "a,b\n1,2\n");
        Path folder = Files.createDirectory(dir.resolve("model.json"));
        InspectCommandTest.Result result = InspectCommandTest.run("cost", folder.toString(), rows.toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains(folder + ": found unreadable (").contains("expected a readable model file.");
    }
}
