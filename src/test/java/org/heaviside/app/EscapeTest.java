package org.heaviside.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.heaviside.app.shell.MainWindow;
import org.heaviside.app.ui.Messages;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Esc cancels a running training wherever the focus is, also in a text field that handles Esc itself. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class EscapeTest {

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = Gui.openOnPaperPreset(stage);
    }

    @Test
    void escInTheBetaRatioFieldCancelsTheRun(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Gui.onFx(() -> window.data().specProperty().get() != null));
        robot.interact(() -> {
            window.showPage(Messages.get("page.train"));
            window.train().settings().patternsProperty().set(20_000);
            window.train().settings().betaRatioProperty().set(0.001);
            window.train().settings().certifyProperty().set(true);
            window.train().run();
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> Gui.onFx(() -> window.train().trace().size() > 5));
        robot.interact(() -> robot.lookup("#beta-ratio").queryAs(TextField.class).requestFocus());
        assertThat(WaitForAsyncUtils.asyncFx(() -> window.root().getScene().getFocusOwner().getId()).get())
                .isEqualTo("beta-ratio");
        Gui.key(window, KeyCode.ESCAPE, false, false);
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Gui.onFx(() -> !window.train().service().isRunning()));
        assertThat(WaitForAsyncUtils.asyncFx(() -> window.train().service().getState()).get())
                .isEqualTo(javafx.concurrent.Worker.State.CANCELLED);
    }
}
