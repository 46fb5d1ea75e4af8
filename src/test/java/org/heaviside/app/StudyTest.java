package org.heaviside.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.heaviside.app.study.TrainOutcome;
import org.heaviside.app.shell.MainWindow;
import org.heaviside.app.ui.Messages;
import org.heaviside.data.DataException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Saving a study and opening it in a fresh window gives the same data settings and results. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class StudyTest {

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = Gui.openOnPaperPreset(stage);
    }


    @Test
    void aSavedStudyReopensWithIdenticalResults(FxRobot robot, @TempDir Path dir) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Gui.onFx(() -> window.data().specProperty().get() != null
                && !window.data().loader().isRunning()));
        robot.interact(() -> {
            window.data().testFractionProperty().set(0.3);
            window.data().seedProperty().set(7);
            window.train().settings().patternsProperty().set(250);
            window.train().settings().betaRatioProperty().set(0.02);
            window.train().settings().certifyProperty().set(false);
            window.train().run();
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> Gui.onFx(() -> window.train().outcomeProperty().get() != null));
        TrainOutcome original = window.train().outcomeProperty().get();
        assertThat(window.hasUnsavedResults()).isTrue();
        // File > Open study (Ctrl+Shift+O) asks first while results are unsaved; Cancel keeps everything
        Gui.key(window, KeyCode.O, true, true);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#unsaved-dialog").tryQuery().isPresent());
        DialogPane dialog = robot.lookup("#unsaved-dialog").queryAs(DialogPane.class);
        assertThat(dialog.getContentText()).contains("before opening another study");
        robot.clickOn(dialog.lookupButton(ButtonType.CANCEL));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#unsaved-dialog").tryQuery()).isEmpty();
        assertThat(window.hasUnsavedResults()).isTrue();
        assertThat(window.train().outcomeProperty().get()).isSameAs(original);
        Path file = dir.resolve("study.heaviside.json");
        robot.interact(() -> {
            try {
                window.saveStudy(file);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(window.hasUnsavedResults()).isFalse();
        assertThat(Files.readString(file)).contains("\"format\" : \"heaviside-study\"");

        AtomicReference<MainWindow> reopened = new AtomicReference<>();
        robot.interact(() -> {
            MainWindow other = new MainWindow();
            Stage stage = new Stage();
            stage.setScene(new Scene(other.root(), 1000, 700));
            stage.show();
            other.openStudy(file);
            other.showPage(Messages.get("page.train"));
            reopened.set(other);
        });
        MainWindow other = reopened.get();
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Gui.onFx(() -> other.data().specProperty().get() != null
                && !other.data().loader().isRunning()));
        TrainOutcome restored = other.train().outcomeProperty().get();
        assertThat(restored.objective()).isEqualTo(original.objective());
        assertThat(restored.networkObjective()).isEqualTo(original.networkObjective());
        assertThat(restored.relativeGap()).isEqualTo(original.relativeGap());
        assertThat(restored.test()).isEqualTo(original.test());
        assertThat(restored.confusion()).containsExactly(original.confusion());
        assertThat(restored.rules()).isEqualTo(original.rules());
        assertThat(other.data().specProperty().get()).isEqualTo(window.data().specProperty().get());
        assertThat(other.train().settings().patternsProperty().get()).isEqualTo(250);
        assertThat(other.train().settings().betaRatioProperty().get()).isEqualTo(0.02);
        assertThat(other.hasUnsavedResults()).isFalse();
        assertThat(robot.lookup("#card-objective").queryAllAs(Label.class)).isNotEmpty();
    }

    @Test
    void aFileThatIsNotAStudyIsNamed(FxRobot robot, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("other.json");
        Files.writeString(file, "{\"format\": \"something-else\"}");
        assertThatThrownBy(() -> WaitForAsyncUtils.asyncFx(() -> {
            window.openStudy(file);
            return null;
        }).get()).hasCauseInstanceOf(DataException.class).hasMessageContaining("other.json")
                .hasMessageContaining("heaviside-study");
    }
}
