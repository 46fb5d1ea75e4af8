package org.heaviside.app.shell;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.application.Platform;
import javafx.concurrent.Worker;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.heaviside.ste.Surrogate;
import org.heaviside.app.ui.Messages;

/**
 * A scripted walk through the real workbench that saves a screenshot of each page (for the README):
 * the Conditions page once the sample is checked, the Train page after a convex run (and its
 * operating-point tab), the Compare
 * page after a three-seed comparison, and the Export page with that model's cost and robustness. Started by {@code -Dheaviside.tour=DIR}; exits when done.
 */
final class Tour {

    private final MainWindow window;
    private final Stage stage;
    private final Path directory;

    Tour(MainWindow window, Stage stage, Path directory) {
        this.window = window;
        this.stage = stage;
        this.directory = directory;
    }

    void start() {
        window.conditions().service().stateProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Worker.State> obs, Worker.State old,
                                Worker.State state) {
                if (state == Worker.State.SUCCEEDED) {
                    window.conditions().service().stateProperty().removeListener(this);
                    later(() -> {
                        window.showPage(Messages.get("page.conditions"));
                        later(() -> {
                            shoot("conditions-page.png");
                            train();
                        });
                    });
                }
            }
        });
    }

    private void train() {
        window.showPage(Messages.get("page.train"));
        window.train().outcomeProperty().addListener((obs, old, outcome) -> {
            if (outcome != null) {
                later(() -> {
                    shoot("train-page.png");
                    operatingPoint();
                });
            }
        });
        window.train().run();
    }

    /** The Train page's operating-point tab for the model just trained, with the costs of the README's examples. */
    private void operatingPoint() {
        if (window.root().lookup("#train-tabs") instanceof javafx.scene.control.TabPane tabs) {
            tabs.getSelectionModel().select(tabs.getTabs().size() - 1);
        }
        window.operatingPoint().missedCostProperty().set(5000);
        window.operatingPoint().falseAlarmCostProperty().set(200);
        later(() -> {
            shoot("train-operating-point.png");
            compare();
        });
    }

    private void compare() {
        window.showPage(Messages.get("page.compare"));
        window.compare().seedsProperty().set(3);
        window.compare().epochsProperty().set(200);
        window.compare().widthProperty().set(100);
        window.compare().baselineProperty(Surrogate.STE).set(true);
        window.compare().resultProperty().addListener((obs, old, result) -> {
            if (result != null) {
                later(() -> {
                    shoot("compare-page.png");
                    window.showPage(Messages.get("page.export"));
                    later(() -> {
                        shoot("export-page.png");
                        Platform.exit();
                    });
                });
            }
        });
        window.compare().run();
    }

    /** Runs an action after two pulses, so that layout and charts have been drawn. */
    private static void later(Runnable action) {
        javafx.animation.PauseTransition pause = new javafx.animation.PauseTransition(javafx.util.Duration.millis(800));
        pause.setOnFinished(event -> action.run());
        pause.play();
    }

    private void shoot(String name) {
        WritableImage image = stage.getScene().snapshot(null);
        int width = (int) image.getWidth();
        int height = (int) image.getHeight();
        BufferedImage buffered = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        PixelReader reader = image.getPixelReader();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                buffered.setRGB(x, y, reader.getArgb(x, y));
            }
        }
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, name, ".tmp");
            ImageIO.write(buffered, "png", temp.toFile());
            Files.move(temp, directory.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new IllegalStateException("Could not write the screenshot " + name + ": " + e.getMessage(), e);
        }
    }
}
