package org.heaviside.app;

import java.util.concurrent.Callable;
import java.util.prefs.Preferences;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.heaviside.app.shell.MainWindow;
import org.testfx.util.WaitForAsyncUtils;

/** What every workbench GUI test does first: the window on the Monocle screen, opened on the sample. */
final class Gui {

    private Gui() {
    }

    /** The preferences node of the windows the GUI tests open: never the user's own. */
    static final String PREFERENCES = "/org/heaviside/test/gui";

    /** The tests' preferences node (recent files, last folder, language). */
    static Preferences preferences() {
        return Preferences.userRoot().node(PREFERENCES);
    }

    /**
     * A main window in the stage (the headless screen's 1280 x 800), opening the bundled AI4I sample,
     * with the tests' own preferences node.
     */
    static MainWindow open(Stage stage) {
        System.setProperty(MainWindow.PREFERENCES_NODE, PREFERENCES);
        MainWindow window = new MainWindow();
        stage.setScene(new Scene(window.root(), 1280, 800));
        stage.show();
        window.openInitial(null);
        return window;
    }

    /**
     * As {@link #open(Stage)}, with the Train page on the paper preset: the tests that train on the
     * full sample time the page, the buttons and the cancel, not the recommended preset's
     * cross-validation (minutes on a busy 2-core machine); the default preset has its own tests.
     */
    static MainWindow openOnPaperPreset(Stage stage) {
        MainWindow window = open(stage);
        window.train().settings().presetProperty().set(org.heaviside.workflow.Preset.PAPER.id());
        return window;
    }

    /**
     * Opens the paper's synthetic data of seed 3 (100 training rows), waits until it is loaded and
     * shows the Train page with 300 sampled directions: a quick data set for the runs a test waits for.
     */
    static void trainOnSynthetic(MainWindow window, org.testfx.api.FxRobot robot) throws Exception {
        robot.interact(() -> window.data().openSynthetic(3));
        WaitForAsyncUtils.waitFor(60, java.util.concurrent.TimeUnit.SECONDS, () -> onFx(() ->
                window.data().tableProperty().get() != null
                && window.data().tableProperty().get().source().startsWith("paper-synthetic")
                && window.data().specProperty().get() != null && !window.data().loader().isRunning()));
        robot.interact(() -> {
            window.showPage(org.heaviside.app.ui.Messages.get("page.train"));
            window.train().settings().patternsProperty().set(300);
        });
    }

    /** Evaluates a condition on the FX thread, where the pages' state lives. */
    static boolean onFx(Callable<Boolean> condition) throws Exception {
        return WaitForAsyncUtils.asyncFx(condition).get();
    }

    /**
     * Presses and releases a key (with Shift and Ctrl as asked) on the window's focus owner, as the
     * keyboard delivers it: through the scene, so its accelerators (menu shortcuts) apply. The headless
     * screen's own focus tracking drops keys while a notification popup holds the focus.
     */
    static void key(MainWindow window, javafx.scene.input.KeyCode code, boolean shift,
                    boolean control) {
        // posted, not awaited: a shortcut may open a modal dialog, whose nested event loop keeps serving the FX thread
        javafx.application.Platform.runLater(() -> {
            Scene scene = window.root().getScene();
            // a disabled focus owner (the Run button just after it started a run, before the scene moves the
            // focus on at its next pulse) swallows key events, accelerators included: send them to the root then
            javafx.scene.Node owner = scene.getFocusOwner();
            javafx.scene.Node target = owner != null && !owner.isDisabled() ? owner : scene.getRoot();
            for (javafx.event.EventType<javafx.scene.input.KeyEvent> type : java.util.List.of(
                    javafx.scene.input.KeyEvent.KEY_PRESSED, javafx.scene.input.KeyEvent.KEY_RELEASED)) {
                javafx.event.Event.fireEvent(target, new javafx.scene.input.KeyEvent(type, "", "", code, shift, control,
                        false, false));
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }
}
