package org.heaviside.app.shell;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.stage.FileChooser;
import org.heaviside.app.page.compare.CompareViewModel;
import org.heaviside.app.page.data.DataViewModel;
import org.heaviside.app.page.train.TrainViewModel;
import org.heaviside.app.study.Study;
import org.heaviside.app.study.StudyFile;
import org.heaviside.app.study.StudyModel;
import org.heaviside.app.ui.Messages;

/**
 * The study as a document: assembles it from the pages' settings and the study model, saves it to
 * and opens it from a study file, remembers that file and whether results are unsaved, and asks
 * before closing over unsaved results.
 */
final class StudyDocument {

    private final StudyModel study;
    private final DataViewModel data;
    private final TrainViewModel train;
    private final CompareViewModel compare;
    private final Node owner;
    private final Consumer<String> showError;
    private boolean unsaved;
    private boolean restoring;
    private Path file;

    /** Tracks the study's results; dialogs open over {@code owner}'s window and errors go to {@code showError}. */
    StudyDocument(StudyModel study, DataViewModel data, TrainViewModel train, CompareViewModel compare, Node owner,
                  Consumer<String> showError) {
        this.study = study;
        this.data = data;
        this.train = train;
        this.compare = compare;
        this.owner = owner;
        this.showError = showError;
        study.outcomeProperty().addListener((obs, old, value) -> unsaved = unsaved || (value != null && !restoring));
        study.comparisonProperty().addListener((obs, old, value) -> unsaved = unsaved || (value != null && !restoring));
    }

    /** Whether a study file is being opened (its results are restored, not new). */
    boolean isRestoring() {
        return restoring;
    }

    /** Whether there are results not saved in a study file. */
    boolean hasUnsavedResults() {
        return unsaved;
    }

    /** The current study: data reference and settings, Train and Compare settings and results. */
    Study current() {
        return new Study(data.studyPart(), study.training().saved(), study.outcomeProperty().get(), compare.settings(),
                study.comparisonProperty().get());
    }

    /** Saves the study to a file (atomically) and marks it saved. */
    void save(Path target) throws IOException {
        StudyFile.save(current(), target);
        file = target;
        unsaved = false;
    }

    /** Opens a study: reloads its data with its settings and shows its saved results. */
    void open(Path source) {
        Study opened = StudyFile.load(source);
        restoring = true;
        try {
            data.restore(opened.data());
            study.training().restore(opened.train());
            train.show(opened.outcome());
            compare.restore(opened.compare());
            compare.show(opened.comparison());
            file = source;
            unsaved = false;
        } finally {
            restoring = false;
        }
    }

    /** Asks before closing when results are unsaved: save, discard or stay. Returns whether the window may close. */
    boolean confirmClose() {
        return confirmDiscard("close");
    }

    /**
     * Asks, when results are unsaved, before they would be lost ({@code action} "close" or "open":
     * the message keys' prefix): save, discard or stay. Returns whether to go on.
     */
    private boolean confirmDiscard(String action) {
        if (!unsaved) {
            return true;
        }
        ButtonType save = new ButtonType(Messages.get("close.save"), ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType(Messages.get(action + ".discard"), ButtonBar.ButtonData.NO);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, Messages.get(action + ".question"), save, discard,
                ButtonType.CANCEL);
        alert.setHeaderText(Messages.get("close.header"));
        alert.getDialogPane().setId("unsaved-dialog");
        if (owner.getScene() != null) {
            alert.initOwner(owner.getScene().getWindow());
        }
        ButtonType answer = alert.showAndWait().orElse(ButtonType.CANCEL);
        if (answer == save) {
            return save(false);
        }
        return answer == discard;
    }

    /** File > Save study (to the current file, or chosen when {@code choose} or there is none). */
    boolean save(boolean choose) {
        Path target = file;
        if (choose || target == null) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(Messages.get("menu.file.saveStudy"));
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Messages.get("filter.study"),
                    "*.heaviside.json", "*.json"));
            chooser.setInitialFileName("study.heaviside.json");
            File chosen = chooser.showSaveDialog(owner.getScene().getWindow());
            if (chosen == null) {
                return false;
            }
            target = chosen.toPath();
        }
        try {
            save(target);
            return true;
        } catch (IOException e) {
            showError.accept(Messages.get("study.saveFailed", target, e.getMessage()));
            return false;
        }
    }

    /** File > Open study: a chosen study file, with a message when it cannot be opened. */
    void openChosen() {
        if (!confirmDiscard("open")) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Messages.get("menu.file.openStudy"));
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(Messages.get("filter.study"),
                "*.heaviside.json", "*.json"), new FileChooser.ExtensionFilter(Messages.get("filter.all"), "*.*"));
        File chosen = chooser.showOpenDialog(owner.getScene().getWindow());
        if (chosen != null) {
            try {
                open(chosen.toPath());
            } catch (org.heaviside.data.DataException e) {
                showError.accept(e.getMessage());
            }
        }
    }
}
