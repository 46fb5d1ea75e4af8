package org.heaviside.app.shell;

import java.util.Locale;
import javafx.scene.control.Alert;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.heaviside.app.page.data.DataViewModel;
import org.heaviside.app.page.train.TrainViewModel;
import org.heaviside.app.ui.Messages;

/** The window's menu bar (File, Run, Language, Help) in the current language, wired to the window's actions. */
final class MainMenu {

    private final MainWindow window;
    private final DataViewModel data;
    private final TrainViewModel train;
    private final DataFiles files;
    private final StudyDocument document;

    MainMenu(MainWindow window, DataViewModel data, TrainViewModel train, DataFiles files, StudyDocument document) {
        this.window = window;
        this.data = data;
        this.train = train;
        this.files = files;
        this.document = document;
    }

    /** A new menu bar in the current language. */
    MenuBar create() {
        return new MenuBar(createFileMenu(), createRunMenu(), createLanguageMenu(),
                new Menu(Messages.get("menu.help"), null, createAbout()));
    }

    private Menu createFileMenu() {
        MenuItem open = item("menu.file.open", shortcut(KeyCode.O));
        open.setOnAction(event -> files.openChosen(window.root()));
        MenuItem openStudy = item("menu.file.openStudy", shiftShortcut(KeyCode.O));
        openStudy.setOnAction(event -> document.openChosen());
        MenuItem saveStudy = item("menu.file.saveStudy", shortcut(KeyCode.S));
        saveStudy.setOnAction(event -> document.save(false));
        MenuItem saveStudyAs = item("menu.file.saveStudyAs", shiftShortcut(KeyCode.S));
        saveStudyAs.setOnAction(event -> document.save(true));
        MenuItem sample = item("menu.file.sample", null);
        sample.setOnAction(event -> data.openSample());
        MenuItem synthetic = item("menu.file.synthetic", null);
        synthetic.setOnAction(event -> data.openSynthetic(data.seedProperty().get()));
        MenuItem quit = item("menu.file.quit", shortcut(KeyCode.Q));
        quit.setOnAction(event -> quit());
        return new Menu(Messages.get("menu.file"), null, open, files.createRecentMenu(), new SeparatorMenuItem(),
                openStudy, saveStudy, saveStudyAs, new SeparatorMenuItem(), sample, synthetic,
                new SeparatorMenuItem(), quit);
    }

    private Menu createRunMenu() {
        MenuItem runTraining = item("menu.run.train", shortcut(KeyCode.R));
        runTraining.setOnAction(event -> {
            window.showPage(Messages.get("page.train"));
            train.run();
        });
        runTraining.disableProperty().bind(train.service().runningProperty());
        MenuItem cancelTraining = item("menu.run.cancel", new KeyCodeCombination(KeyCode.ESCAPE));
        cancelTraining.setOnAction(event -> train.cancel());
        cancelTraining.disableProperty().bind(train.service().runningProperty().not());
        return new Menu(Messages.get("menu.run"), null, runTraining, cancelTraining);
    }

    private Menu createLanguageMenu() {
        MenuItem english = new MenuItem("English");
        english.setId("language-en");
        english.setOnAction(event -> window.useLanguage(Locale.ENGLISH));
        MenuItem japanese = new MenuItem("日本語");
        japanese.setId("language-ja");
        japanese.setOnAction(event -> window.useLanguage(Locale.JAPANESE));
        return new Menu(Messages.get("menu.language"), null, english, japanese);
    }

    private MenuItem createAbout() {
        MenuItem about = item("menu.help.about", null);
        about.setOnAction(event -> {
            Alert alert = new Alert(Alert.AlertType.INFORMATION, Messages.get("about.text"));
            alert.setHeaderText(Messages.get("app.title"));
            alert.initOwner(window.root().getScene().getWindow());
            alert.show();
        });
        return about;
    }

    /** Fires the window's close request (which asks about unsaved results), then closes the window if still open. */
    private void quit() {
        Window stage = window.root().getScene().getWindow();
        stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST));
        if (stage.isShowing()) {
            ((Stage) stage).close();
        }
    }

    private static MenuItem item(String key, KeyCombination accelerator) {
        MenuItem item = new MenuItem(Messages.get(key));
        item.setAccelerator(accelerator);
        return item;
    }

    private static KeyCombination shortcut(KeyCode key) {
        return new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN);
    }

    private static KeyCombination shiftShortcut(KeyCode key) {
        return new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    }
}
