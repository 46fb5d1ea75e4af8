package org.heaviside.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TabPane;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.heaviside.app.shell.MainWindow;
import org.heaviside.app.ui.Messages;
import org.heaviside.export.ModelFile;
import org.heaviside.network.Metrics;
import org.heaviside.network.OperatingPoint;
import org.heaviside.network.TrainedModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Train page's operating point on the AI4I sample, moved with the keyboard as a user would, headless. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class OperatingPointPageTest {

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = Gui.openOnPaperPreset(stage);
    }

    private int[] confusionShown(FxRobot robot) {
        int[] shown = new int[4];
        String[] ids = {"tp", "fn", "fp", "tn"};
        for (int i = 0; i < 4; i++) {
            shown[i] = Integer.parseInt(robot.lookup("#confusion-" + ids[i]).queryAs(Label.class).getText());
        }
        return shown;
    }

    @Test
    void movingTheOperatingPointChangesTheConfusionMatrixAndTheSavedModel(FxRobot robot, @TempDir Path folder)
            throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Gui.onFx(() -> window.data().tableProperty().get() != null
                && window.data().specProperty().get() != null && !window.data().loader().isRunning()));
        robot.interact(() -> {
            window.showPage(Messages.get("page.train"));
            window.train().settings().patternsProperty().set(300);
            window.train().settings().certifyProperty().set(false);
        });
        // before a run the tab says what to do
        robot.interact(() -> robot.lookup("#train-tabs").queryAs(TabPane.class).getSelectionModel().select(2));
        assertThat(robot.lookup("#point-unavailable").queryAs(Label.class).getText())
                .isEqualTo(Messages.get("train.point.none"));
        robot.clickOn("#train-run");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> Gui.onFx(() -> window.train().outcomeProperty().get() != null
                && !window.train().service().isRunning()));
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> robot.lookup("#train-tabs").queryAs(TabPane.class).getSelectionModel().select(2));
        assertThat(robot.lookup("#point-roc").tryQuery()).isPresent();
        assertThat(robot.lookup("#point-pr").tryQuery()).isPresent();
        TrainedModel trained = window.study().modelProperty().get();
        var test = window.study().trainedDataProperty().get().test();
        int[] before = confusionShown(robot);
        assertThat(before).containsExactly(Metrics.confusion(trained.deepNetwork(), test,
                trained.operatingPoint().threshold()));

        // the keyboard moves the point: focus the slider, press the left arrow (a lower t flags more rows)
        Slider slider = robot.lookup("#point-slider").queryAs(Slider.class);
        robot.interact(slider::requestFocus);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Gui.onFx(slider::isFocused));
        Gui.key(window, KeyCode.LEFT, false, false);
        Gui.key(window, KeyCode.LEFT, false, false);
        WaitForAsyncUtils.waitForFxEvents();
        TrainedModel moved = window.study().modelProperty().get();
        assertThat(moved).isNotSameAs(trained);
        assertThat(moved.operatingPoint().rule()).isEqualTo(OperatingPoint.Rule.MANUAL);
        double t = moved.operatingPoint().threshold();
        assertThat(t).isLessThan(trained.operatingPoint().threshold());
        int[] after = confusionShown(robot);
        assertThat(after).isNotEqualTo(before);
        assertThat(after).containsExactly(Metrics.confusion(trained.deepNetwork(), test, t));
        assertThat(after[0] + after[2]).as("rows flagged").isGreaterThan(before[0] + before[2]);
        assertThat(robot.lookup("#point-threshold").queryAs(Label.class).getText())
                .contains(Messages.get("train.point.rule.manual"));
        assertThat(robot.lookup("#point-recall").queryAs(Label.class).getText()).isNotEmpty();

        // the model file written from the Export page carries the moved cut
        Path file = folder.resolve("model.json");
        robot.interact(() -> window.export().exportJson(file));
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Gui.onFx(() -> !window.export().outcomes().isEmpty()
                && !window.export().worker().isRunning()));
        assertThat(window.export().outcomes().get(window.export().outcomes().size() - 1).mismatches()).isZero();
        TrainedModel loaded = ModelFile.load(file);
        assertThat(loaded.operatingPoint()).isEqualTo(moved.operatingPoint());
        assertThat(loaded.provenance().parameters()).containsEntry("operatingPoint", "manual")
                .containsEntry("threshold", Double.toString(t));

        // a click on the ROC chart moves the point to the curve's cut nearest the click
        robot.clickOn("#point-roc");
        WaitForAsyncUtils.waitForFxEvents();
        TrainedModel clicked = window.study().modelProperty().get();
        assertThat(clicked.operatingPoint().rule()).isEqualTo(OperatingPoint.Rule.MANUAL);
        assertThat(clicked.operatingPoint().threshold()).isNotEqualTo(t);
        int[] atClick = confusionShown(robot);
        assertThat(atClick).containsExactly(Metrics.confusion(trained.deepNetwork(), test,
                clicked.operatingPoint().threshold()));
        assertThat(atClick).isNotEqualTo(after);

        // reset returns to the cut training chose, in the matrix and in the model
        robot.clickOn("#point-reset");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.study().modelProperty().get()).isSameAs(trained);
        assertThat(confusionShown(robot)).containsExactly(before);
    }
}
