package org.heaviside.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.AnimationTimer;
import javafx.concurrent.Worker;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.heaviside.app.study.TrainOutcome;
import org.heaviside.app.shell.MainWindow;
import org.heaviside.app.ui.Messages;
import org.heaviside.conditions.Condition;
import org.heaviside.network.TrainedModel;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Conditions and Train pages on the AI4I sample, walked as a user would, headless. */
@Tag("gui")
@ExtendWith(ApplicationExtension.class)
class TrainPageTest {

    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = Gui.openOnPaperPreset(stage);
    }


    private void awaitConditions() throws Exception {
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> Gui.onFx(() -> window.data().tableProperty().get() != null
                && !window.conditions().service().isRunning()
                && window.conditions().conditions().stream().anyMatch(c -> c.id().equals("data.class-balance"))));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Condition condition(String id) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> window.conditions().conditions().stream()
                .filter(c -> c.id().equals(id)).findFirst().orElseThrow()).get();
    }

    @Test
    void conditionsThenATrainingRunWithItsCertificateCard(FxRobot robot) throws Exception {
        awaitConditions();
        robot.interact(() -> window.showPage(Messages.get("page.conditions")));
        Node balance = robot.lookup("#condition-data-class-balance").query();
        assertThat(balance.getUserData()).isEqualTo(Condition.NOT_MET);
        assertThat(condition("data.class-balance").detail()).contains("3.4%");
        assertThat(condition("two-layer.width").verdict()).isEqualTo(Condition.UNKNOWN);

        robot.interact(() -> {
            window.showPage(Messages.get("page.train"));
            window.train().settings().patternsProperty().set(300);
            window.train().settings().certifyProperty().set(false);
        });
        robot.clickOn("#train-run");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> Gui.onFx(() -> window.train().outcomeProperty().get() != null));
        WaitForAsyncUtils.waitForFxEvents();
        TrainOutcome outcome = window.train().outcomeProperty().get();
        assertThat(outcome.status()).isEqualTo("converged");
        assertThat(outcome.relativeGap()).isLessThanOrEqualTo(outcome.tolerance());
        assertThat(outcome.networkObjective()).isCloseTo(outcome.objective(),
                org.assertj.core.api.Assertions.within(1e-9 * outcome.objective()));
        assertThat(robot.lookup("#card-status").queryAs(Label.class).getText()).isEqualTo("converged");
        assertThat(robot.lookup("#card-gap").queryAs(Label.class).getText()).contains("relative");
        assertThat(robot.lookup("#confusion-matrix").tryQuery()).isPresent();
        assertThat(window.train().trace()).isNotEmpty();
        // after the solve the width condition is known
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Gui.onFx(() ->
                window.conditions().conditions().stream().anyMatch(c -> c.id().equals("two-layer.width")
                        && c.verdict().equals(Condition.MET))));
    }

    /**
     * Esc (the key) cancels a long run; the previous run's model and outcome stay until a new run
     * replaces them. The longest gap between FX pulses and the cancel time are printed (the figures to
     * watch); the test asserts only bounds a busy 2-core CI machine meets (5 s each).
     */
    @Test
    void escCancelsARunWithinBoundsKeepingThePreviousResultAndTheFxThreadNeverStalls(FxRobot robot)
            throws Exception {
        awaitConditions();
        robot.interact(() -> {
            window.showPage(Messages.get("page.train"));
            window.train().settings().patternsProperty().set(200);
            window.train().settings().certifyProperty().set(false);
            window.train().run();
        });
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> Gui.onFx(() -> window.train().outcomeProperty().get() != null
                && !window.train().service().isRunning()));
        TrainOutcome previous = WaitForAsyncUtils.asyncFx(() -> window.train().outcomeProperty().get()).get();
        TrainedModel previousModel = WaitForAsyncUtils.asyncFx(() -> window.train().modelProperty().get()).get();
        assertThat(previousModel).isNotNull();

        AtomicLong last = new AtomicLong();
        AtomicLong worst = new AtomicLong();
        AnimationTimer pulses = new AnimationTimer() {
            @Override
            public void handle(long now) {
                long before = last.getAndSet(now);
                if (before != 0 && window.train().service().isRunning()) {
                    worst.accumulateAndGet(now - before, Math::max);
                }
            }
        };
        robot.interact(() -> {
            window.train().settings().patternsProperty().set(20_000);
            window.train().settings().betaRatioProperty().set(0.001);
            window.train().settings().certifyProperty().set(true);
            pulses.start();
        });
        robot.clickOn("#train-run");
        // wait until the solver reports sweeps, then let it run a little (the pulses are measured meanwhile)
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> Gui.onFx(() -> window.train().trace().size() > 20));
        assertThat(robot.lookup("#train-run").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(WaitForAsyncUtils.asyncFx(() -> window.train().outcomeProperty().get()).get()).isSameAs(previous);
        // timed from the moment the window receives the key
        AtomicLong pressedAt = new AtomicLong();
        AtomicLong stoppedAt = new AtomicLong();
        robot.interact(() -> {
            window.root().getScene().addEventFilter(KeyEvent.KEY_PRESSED, event -> {
                if (event.getCode() == KeyCode.ESCAPE) {
                    pressedAt.compareAndSet(0, System.nanoTime());
                }
            });
            window.train().service().runningProperty().addListener((obs, was, running) -> {
                if (!running) {
                    stoppedAt.compareAndSet(0, System.nanoTime());
                }
            });
        });
        long robotAt = System.nanoTime();
        Gui.key(window, KeyCode.ESCAPE, false, false);
        // under load the headless screen has dropped a posted key: deliver it again until the window has seen
        // it (the behaviour under test starts there; a key the window saw and ignored still fails below)
        for (int attempt = 1; attempt < 5 && pressedAt.get() == 0; attempt++) {
            try {
                WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> pressedAt.get() != 0);
            } catch (java.util.concurrent.TimeoutException e) {
                System.out.println("the Esc key did not reach the window; delivered again (attempt " + (attempt + 1)
                        + ")");
                Gui.key(window, KeyCode.ESCAPE, false, false);
            }
        }
        assertThat(pressedAt.get()).as("the Esc key reached the window").isPositive();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> Gui.onFx(() -> !window.train().service().isRunning()));
        robot.interact(pulses::stop);
        assertThat(pressedAt.get()).as("the Esc key reached the window").isPositive();
        double stopSeconds = (stoppedAt.get() - pressedAt.get()) / 1e9;
        System.out.printf(java.util.Locale.ROOT, "longest gap between FX pulses during the run: %.1f ms; cancel (Esc "
                + "received to run stopped) took %.3f s (%.3f s including the key's delivery on the FX thread)%n",
                worst.get() / 1e6, stopSeconds, (stoppedAt.get() - robotAt) / 1e9);
        assertThat(stopSeconds).as("seconds from Esc to the stopped run").isLessThan(5.0);
        assertThat(WaitForAsyncUtils.asyncFx(() -> window.train().service().getState()).get())
                .isEqualTo(Worker.State.CANCELLED);
        assertThat(robot.lookup("#train-run").queryAs(Button.class).isDisabled()).isFalse();
        assertThat(robot.lookup("#train-cancelled").tryQuery()).isPresent();
        // 5 s still catches work on the FX thread (this run lasts longer), yet holds on a 2-core machine at load 14,
        // where a 2.0 s gap was measured with nothing of the workbench's on the FX thread
        assertThat(worst.get() / 1e6).as("longest gap between FX pulses during the run, ms").isLessThan(5000);
        // the cancelled run replaced nothing
        assertThat(WaitForAsyncUtils.asyncFx(() -> window.train().outcomeProperty().get()).get()).isSameAs(previous);
        assertThat(WaitForAsyncUtils.asyncFx(() -> window.train().modelProperty().get()).get()).isSameAs(previousModel);
    }

    @Test
    void crossValidationDrawsTheCurveAndSetsTheChosenRatioAndCoverageDrawsItsChart(FxRobot robot) throws Exception {
        awaitConditions();
        Gui.trainOnSynthetic(window, robot);
        robot.clickOn("#train-validate");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> Gui.onFx(() -> window.train().validationProperty().get() != null));
        WaitForAsyncUtils.waitForFxEvents();
        var cv = window.train().validationProperty().get();
        assertThat(window.train().settings().betaRatioProperty().get()).isEqualTo(cv.chosenRatio());
        assertThat(robot.lookup("#validation-chart").tryQuery()).isPresent();
        // the chart says why the path ended
        org.jfree.chart.JFreeChart chart = robot.lookup("#validation-chart")
                .queryAs(org.jfree.chart.fx.ChartViewer.class).getChart();
        java.util.List<String> notes = new java.util.ArrayList<>();
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof org.jfree.chart.title.TextTitle text) {
                notes.add(text.getText());
            }
        }
        assertThat(notes).containsExactly(org.heaviside.app.page.train.TrainPage.stopNote(cv));
        assertThat(notes.get(0)).isNotBlank().doesNotContain("{");

        robot.interact(() -> window.showPage(Messages.get("page.conditions")));
        robot.clickOn("#coverage-run");
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> Gui.onFx(() -> window.conditions().coverageProperty().get() != null));
        WaitForAsyncUtils.waitForFxEvents();
        var coverage = window.conditions().coverageProperty().get();
        for (int p = 1; p < coverage.patterns().length; p++) {
            assertThat(coverage.patterns()[p]).isGreaterThanOrEqualTo(coverage.patterns()[p - 1]);
            // more patterns can only lower the optimum (up to the solver's tolerance)
            assertThat(coverage.objective()[p]).isLessThanOrEqualTo(coverage.objective()[p - 1] * (1 + 1e-5));
        }
        assertThat(robot.lookup("#coverage-chart").tryQuery()).isPresent();
    }
}
