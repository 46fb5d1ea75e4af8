package org.heaviside.app;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.event.ActionEvent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.heaviside.app.shell.MainWindow;
import org.heaviside.app.study.Study;
import org.heaviside.app.ui.Messages;
import org.heaviside.network.ClassWeights;
import org.heaviside.workflow.Preset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Train page's class-weight choice (issue 13, item 1): the preset sets it, a choice made after
 * overrides it, custom LABEL=W weights are typed, the choice reaches the request a run sends, and
 * the study keeps it.
 */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class TrainClassWeightTest {

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = Gui.open(stage);
    }

    private String requested() {
        return window.train().currentRequest().classWeights().id();
    }

    @Test
    @SuppressWarnings("unchecked")
    void theChoiceReachesTheTrainingRequestOverridesThePresetAndIsSaved(FxRobot robot) {
        robot.interact(() -> window.showPage(Messages.get("page.train")));
        ComboBox<String> preset = robot.lookup("#train-preset").queryAs(ComboBox.class);
        ComboBox<String> weights = robot.lookup("#train-class-weight").queryAs(ComboBox.class);
        TextField custom = robot.lookup("#train-class-weight-custom").queryAs(TextField.class);
        assertThat(weights.getTooltip().getText()).isEqualTo(Messages.get("train.classWeight.tooltip"));

        robot.interact(() -> preset.setValue(Preset.RECOMMENDED.id()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(weights.getValue()).as("the preset sets the weights").isEqualTo("balanced");
        assertThat(custom.isDisabled()).isTrue();
        assertThat(requested()).isEqualTo("balanced");

        robot.interact(() -> weights.setValue("none"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(requested()).as("an explicit choice overrides the preset").isEqualTo("none");
        assertThat(window.train().currentRequest().preset()).isEqualTo(Preset.RECOMMENDED);
        assertThat(window.study().training().saved().classWeight()).isEqualTo("none");

        robot.interact(() -> weights.setValue("custom"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(custom.isDisabled()).isFalse();
        robot.interact(() -> {
            custom.setText("1=20");
            custom.fireEvent(new ActionEvent());
        });
        WaitForAsyncUtils.waitForFxEvents();
        String twenty = ClassWeights.parse("1=20").id();
        assertThat(requested()).isEqualTo(twenty);
        assertThat(window.study().training().saved().classWeight()).isEqualTo(twenty);

        // a bad entry is marked and keeps the last good weights
        robot.interact(() -> {
            custom.setText("1=heavy");
            custom.fireEvent(new ActionEvent());
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(custom.getStyleClass()).contains("invalid");
        assertThat(requested()).isEqualTo(twenty);

        // choosing a preset again sets its weights; a study saved before the control reads the preset's
        robot.interact(() -> preset.setValue(Preset.PAPER.id()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(weights.getValue()).isEqualTo("none");
        assertThat(requested()).isEqualTo("none");
        robot.interact(() -> window.study().training().restore(new Study.TrainPart("convex", "squared", 0.01, 1000,
                true, true, 1, 1e-6, Preset.RECOMMENDED.id())));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(weights.getValue()).isEqualTo("balanced");
        assertThat(requested()).isEqualTo("balanced");
        robot.interact(() -> window.study().training().restore(new Study.TrainPart("convex", "squared", 0.01, 1000,
                true, true, 1, 1e-6, Preset.RECOMMENDED.id(), twenty)));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(weights.getValue()).isEqualTo("custom");
        assertThat(custom.getText()).isEqualTo(twenty);
        assertThat(requested()).isEqualTo(twenty);
    }
}
