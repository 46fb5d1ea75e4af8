package org.heaviside.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import javafx.concurrent.Worker;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ProgressBar;
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

    /** Every setting's name is shown whole: none is cut to "..." by the preset's wrapped line beside it. */
    @Test
    void theSettingsLabelsAreShownWhole(FxRobot robot) {
        robot.interact(() -> window.showPage(Messages.get("page.train")));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.layout.GridPane grid = robot.lookup("#train-settings").queryAs(javafx.scene.layout.GridPane.class);
        java.util.List<javafx.scene.control.Label> labels = new java.util.ArrayList<>();
        for (javafx.scene.Node child : grid.getChildren()) {
            Integer column = javafx.scene.layout.GridPane.getColumnIndex(child);
            if (child instanceof javafx.scene.control.Label label && (column == null || column == 0)) {
                labels.add(label);
            }
        }
        assertThat(labels).hasSizeGreaterThanOrEqualTo(6);
        for (javafx.scene.control.Label label : labels) {
            assertThat(label.getWidth()).as(label.getText()).isGreaterThanOrEqualTo(label.prefWidth(-1) - 0.5);
        }
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

    /**
     * The workbench's first run as a new user makes it: the AI4I sample it opens on, the default
     * (recommended) preset, Run. The cross-validation says what it does and how far it is, and
     * Cancel stops it without a result.
     */
    @Test
    void theFirstRunOnTheDefaultPresetShowsTheCrossValidationsProgressAndCanBeCancelled(FxRobot robot)
            throws Exception {
        assertThat(Preset.DEFAULT).isEqualTo(Preset.RECOMMENDED);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Gui.onFx(() -> window.data().tableProperty().get() != null
                && window.data().specProperty().get() != null && !window.data().loader().isRunning()));
        robot.interact(() -> window.showPage(Messages.get("page.train")));
        robot.clickOn("#train-run");
        // a ratio past the first: the bar has moved and the message names the step
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> Gui.onFx(() -> window.train().service().isRunning()
                && window.train().service().getMessage().startsWith("Cross-validation: ratio")
                && robot.lookup("#train-progress").queryAs(ProgressBar.class).getProgress() > 0));
        assertThat(robot.lookup("#train-run").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(window.train().outcomeProperty().get()).isNull();
        robot.clickOn("#train-cancel");
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Gui.onFx(() -> !window.train().service().isRunning()));
        assertThat(WaitForAsyncUtils.asyncFx(() -> window.train().service().getState()).get())
                .isEqualTo(Worker.State.CANCELLED);
        assertThat(robot.lookup("#train-cancelled").tryQuery()).isPresent();
        assertThat(WaitForAsyncUtils.asyncFx(() -> window.train().outcomeProperty().get()).get()).isNull();
    }

    /**
     * A run on the default preset chooses β by cross-validation: the status bar's breadcrumb says so
     * before the run and names the chosen ratio after it (it showed the disabled β field's 0.01), and the
     * Train page draws the run's validation curve.
     */
    @Test
    void theBreadcrumbNamesTheRatioTheRunsCrossValidationChose(FxRobot robot) throws Exception {
        Gui.trainOnSynthetic(window, robot);
        javafx.scene.control.Label crumb = robot.lookup("#breadcrumb").queryAs(javafx.scene.control.Label.class);
        assertThat(Gui.onFx(() -> crumb.getText().contains(Messages.get("crumb.beta.pending")))).as(crumb.getText())
                .isTrue();
        robot.clickOn("#train-run");
        WaitForAsyncUtils.waitFor(180, TimeUnit.SECONDS, () -> Gui.onFx(() -> window.train().outcomeProperty().get() != null));
        WaitForAsyncUtils.waitForFxEvents();
        var outcome = window.train().outcomeProperty().get();
        var cv = window.train().validationProperty().get();
        assertThat(cv).as("the run's cross-validation is the page's validation curve").isNotNull();
        assertThat(outcome.crossValidated()).isTrue();
        assertThat(outcome.betaRatio()).isEqualTo(cv.chosenRatio());
        String expected = Messages.get("crumb.beta.cv", String.format(Messages.locale(), "%.4g", cv.chosenRatio()));
        assertThat(Gui.onFx(() -> crumb.getText().contains(expected))).as(crumb.getText() + " names " + expected).isTrue();
        assertThat(robot.lookup("#validation-chart").tryQuery()).isPresent();
    }
}
