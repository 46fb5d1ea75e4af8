package org.heaviside.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.stage.Stage;
import org.heaviside.app.shell.MainWindow;
import org.heaviside.app.ui.Messages;
import org.heaviside.cli.Cli;
import org.heaviside.export.ModelFile;
import org.heaviside.network.TrainedModel;
import org.heaviside.run.Provenance;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** A model trained in the workbench carries the provenance a model trained by {@code train} carries. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class WorkbenchProvenanceTest {

    private static final Path AI4I = Path.of("samples", "ai4i2020.csv");
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = Gui.openOnPaperPreset(stage);
    }

    @Test
    void theWorkbenchsModelNamesTheSameFieldsAndTheDataHashAsTrainDoes(FxRobot robot, @TempDir Path dir)
            throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Gui.onFx(() -> window.data().tableProperty().get() != null
                && window.data().specProperty().get() != null));
        robot.interact(() -> {
            window.showPage(Messages.get("page.train"));
            window.train().settings().patternsProperty().set(200);
            window.train().settings().certifyProperty().set(false);
        });
        robot.clickOn("#train-run");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> Gui.onFx(() -> window.train().modelProperty().get() != null));
        Provenance workbench = WaitForAsyncUtils.asyncFx(() -> window.train().modelProperty().get().provenance()).get();

        Path saved = dir.resolve("cli.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out), new PrintWriter(err), "train", AI4I.toString(), "--target",
                "Machine failure", "--drop", "TWF,HDF,PWF,OSF,RNF", "--patterns", "200", "--no-certify",
                "--preset", "paper", "--model",
                saved.toString());
        assertThat(code).as(err.toString()).isZero();
        TrainedModel cli = ModelFile.load(saved);

        String sha;
        try (InputStream in = Files.newInputStream(AI4I)) {
            sha = Provenance.sha256(in);
        }
        assertThat(workbench.datasetSha256()).isEqualTo(sha).isEqualTo(cli.provenance().datasetSha256());
        assertThat(workbench.dataset()).isEqualTo(cli.provenance().dataset());
        assertThat(workbench.parameters().keySet()).isEqualTo(cli.provenance().parameters().keySet());
        assertThat(workbench.timingsMillis().keySet()).isEqualTo(cli.provenance().timingsMillis().keySet());
        assertThat(workbench.diagnostics().keySet()).isEqualTo(cli.provenance().diagnostics().keySet());
        assertThat(workbench.parameters()).containsEntry("patterns", "200").containsEntry("certify", "false")
                .containsEntry("target", "Machine failure");
        assertThat(workbench.rows()).isEqualTo(cli.provenance().rows());
    }
}
