package org.heaviside.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.heaviside.app.page.export.ExportViewModel;
import org.heaviside.app.shell.MainWindow;
import org.heaviside.app.ui.Messages;
import org.heaviside.ste.Surrogate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Export page on a model trained on the AI4I sample: each format written and verified, then the report. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class ExportPageTest {

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = Gui.openOnPaperPreset(stage);
    }


    private ExportViewModel.Outcome awaitOutcome(int count) throws Exception {
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> Gui.onFx(() -> window.export().outcomes().size() >= count
                && !window.export().worker().isRunning()));
        return WaitForAsyncUtils.asyncFx(() -> window.export().outcomes().get(0)).get();
    }

    @Test
    void formatsAreWrittenAndVerifiedAndTheReportIsCreated(FxRobot robot, @TempDir Path dir) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Gui.onFx(() -> window.data().specProperty().get() != null
                && !window.data().loader().isRunning()));
        robot.interact(() -> {
            window.train().settings().patternsProperty().set(200);
            window.train().settings().certifyProperty().set(false);
            window.train().run();
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> Gui.onFx(() -> window.train().modelProperty().get() != null
                && window.export().profileProperty().get() != null));
        robot.interact(() -> window.showPage(Messages.get("page.export")));
        assertThat(robot.lookup("#export-profile").queryAs(Label.class).getText()).contains("rows/s")
                .contains("certified stable");
        // before the first export the results list says what to do, not an empty box
        javafx.scene.control.ListView<?> results = robot.lookup("#export-results").queryAs(javafx.scene.control.ListView.class);
        assertThat(results.getItems()).isEmpty();
        assertThat(((Label) results.getPlaceholder()).getText()).isEqualTo(Messages.get("export.results.empty"));

        robot.interact(() -> window.export().exportJson(dir.resolve("model.json")));
        ExportViewModel.Outcome json = awaitOutcome(1);
        assertThat(json.message()).isEqualTo("JSON: 2,500 rows checked, 0 mismatches");

        robot.interact(() -> window.export().exportOnnx(dir.resolve("model.onnx")));
        assertThat(awaitOutcome(2).format()).isEqualTo("ONNX");
        assertThat(Files.size(dir.resolve("model.onnx"))).isPositive();

        robot.interact(() -> window.export().exportC(dir.resolve("c")));
        ExportViewModel.Outcome c = awaitOutcome(3);
        // a compiler is required (CI installs one): a C export that is not compiled and run is a failed check here
        assertThat(c.format()).as(c.message()).isEqualTo("C");
        assertThat(c.checked()).as(c.message()).isEqualTo(2500);
        assertThat(c.mismatches()).isZero();
        assertThat(c.message()).isEqualTo("C: 2,500 rows checked, 0 mismatches");

        // the fixed file names never land in a folder holding the user's other files
        Files.writeString(dir.resolve("notes.txt"), "mine");
        robot.interact(() -> window.export().exportC(dir));
        ExportViewModel.Outcome refused = awaitOutcome(4);
        assertThat(refused.format()).isEqualTo("error");
        assertThat(refused.message()).contains("holds other files");
        assertThat(Files.exists(dir.resolve("heaviside_model.c"))).isFalse();

        robot.interact(() -> {
            window.compare().seedsProperty().set(2);
            window.compare().epochsProperty().set(10);
            window.compare().widthProperty().set(10);
            for (Surrogate surrogate : Surrogate.values()) {
                window.compare().baselineProperty(surrogate).set(surrogate == Surrogate.STE);
            }
            window.compare().run();
        });
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> Gui.onFx(() -> window.compare().resultProperty().get() != null));
        robot.interact(() -> window.export().createReport(dir.resolve("report.html")));
        assertThat(awaitOutcome(5).format()).isEqualTo("report");
        assertThat(Files.readString(dir.resolve("report.html"))).contains("Accuracy and stability")
                .contains("Return on investment")
                // the workbench's report measures the ROI on the held-out rows of the model's split, as the CLI does
                .contains("id=\"key-figures\"").contains("the test rows of the model&#39;s own split")
                .doesNotContain("Not assessed");
    }
}
