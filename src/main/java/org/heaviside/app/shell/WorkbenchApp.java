package org.heaviside.app.shell;

import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.heaviside.app.ui.Messages;

/** The JavaFX application: one {@link MainWindow}, opened on the bundled AI4I sample. */
public final class WorkbenchApp extends Application {

    private MainWindow window;

    /** Launches the workbench; an optional single argument names a CSV file to open. */
    public static void main(String[] args) {
        launch(WorkbenchApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        window = new MainWindow();
        stage.setTitle(Messages.get("app.title"));
        stage.setScene(new Scene(window.root(), 1280, 800));
        stage.setOnCloseRequest(event -> {
            if (window.confirmClose()) {
                window.dispose();
            } else {
                event.consume();
            }
        });
        stage.show();
        List<String> args = getParameters().getUnnamed();
        String tour = System.getProperty("heaviside.tour");
        if (tour != null) {
            new Tour(window, stage, Path.of(tour)).start();
        }
        window.openInitial(args.isEmpty() ? null : Path.of(args.get(0)));
    }

    @Override
    public void stop() {
        if (window != null) {
            window.dispose();
        }
    }
}
