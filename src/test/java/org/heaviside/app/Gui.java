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

    /** Evaluates a condition on the FX thread, where the pages' state lives. */
    static boolean onFx(Callable<Boolean> condition) throws Exception {
        return WaitForAsyncUtils.asyncFx(condition).get();
    }
}
