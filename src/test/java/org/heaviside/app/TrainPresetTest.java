package org.heaviside.app;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.scene.control.ComboBox;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import org.heaviside.app.shell.MainWindow;
import org.heaviside.app.ui.Messages;
import org.heaviside.workflow.Preset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Train page's preset choice fills the settings it has controls for (issue 13, item 5). */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class TrainPresetTest {

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = Gui.open(stage);
    }

    @Test
    @SuppressWarnings("unchecked")
    void choosingAPresetFillsTheSettingsAndTheStudyKeepsIt(FxRobot robot) {
        robot.interact(() -> window.showPage(Messages.get("page.train")));
        ComboBox<String> preset = robot.lookup("#train-preset").queryAs(ComboBox.class);
        Slider beta = robot.lookup("#beta-slider").queryAs(Slider.class);
        assertThat(preset.getValue()).isEqualTo(Preset.DEFAULT.id());

        robot.interact(() -> preset.setValue(Preset.RECOMMENDED.id()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.train().settings().anchoredProperty().get()).isTrue();
        assertThat(beta.isDisabled()).as("beta is cross-validated in every two-layer run").isTrue();
        assertThat(window.study().training().saved().preset()).isEqualTo("recommended");

        robot.interact(() -> preset.setValue(Preset.PAPER.id()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.train().settings().anchoredProperty().get()).isFalse();
        assertThat(beta.isDisabled()).isFalse();
        assertThat(window.study().training().saved().preset()).isEqualTo("paper");
    }
}
