package org.heaviside.app.shell;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;
import javafx.scene.Node;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.TransferMode;
import javafx.stage.FileChooser;
import org.heaviside.app.page.data.DataViewModel;
import org.heaviside.app.ui.Messages;

/**
 * The ways to open a data file from the shell: File &gt; Open (starting in the last folder used), the
 * recent-files menu (the last eight, kept in the preferences), and dropping a file on the window.
 */
final class DataFiles {

    private static final int MAX_RECENT = 8;
    private final Preferences preferences;
    private final DataViewModel data;
    private Menu recentMenu = new Menu();

    /** Opens files with {@code data}; remembers each opened file in {@code preferences}. */
    DataFiles(Preferences preferences, DataViewModel data) {
        this.preferences = preferences;
        this.data = data;
        data.fileProperty().addListener((obs, old, file) -> {
            if (file != null) {
                remember(file);
            }
        });
    }

    /** A new File &gt; Recent menu in the current language (the previous one stops being updated). */
    Menu createRecentMenu() {
        recentMenu = new Menu(Messages.get("menu.file.recent"));
        updateRecentMenu();
        return recentMenu;
    }

    /** File &gt; Open: a chosen CSV file. */
    void openChosen(Node owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Messages.get("menu.file.open"));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(Messages.get("filter.csv"), "*.csv", "*.txt", "*.tsv"),
                new FileChooser.ExtensionFilter(Messages.get("filter.all"), "*.*"));
        String last = preferences.get("lastDirectory", null);
        if (last != null && Files.isDirectory(Path.of(last))) {
            chooser.setInitialDirectory(new File(last));
        }
        File chosen = chooser.showOpenDialog(owner.getScene().getWindow());
        if (chosen != null) {
            preferences.put("lastDirectory", chosen.getParent());
            data.open(chosen.toPath());
        }
    }

    /** Opens the first file dropped on {@code target}. */
    void acceptDrops(Node target) {
        target.setOnDragOver(event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.COPY);
            }
            event.consume();
        });
        target.setOnDragDropped(event -> {
            List<File> files = event.getDragboard().getFiles();
            boolean done = files != null && !files.isEmpty();
            if (done) {
                data.open(files.get(0).toPath());
            }
            event.setDropCompleted(done);
            event.consume();
        });
    }

    private void remember(Path file) {
        List<String> recent = recentFiles();
        String text = file.toAbsolutePath().toString();
        recent.remove(text);
        recent.add(0, text);
        while (recent.size() > MAX_RECENT) {
            recent.remove(recent.size() - 1);
        }
        preferences.put("recentFiles", String.join("\n", recent));
        updateRecentMenu();
    }

    private List<String> recentFiles() {
        List<String> recent = new ArrayList<>();
        for (String line : preferences.get("recentFiles", "").split("\n")) {
            if (!line.isBlank()) {
                recent.add(line);
            }
        }
        return recent;
    }

    private void updateRecentMenu() {
        recentMenu.getItems().clear();
        for (String path : recentFiles()) {
            MenuItem item = new MenuItem(path);
            item.setMnemonicParsing(false);
            item.setOnAction(event -> data.open(Path.of(path)));
            recentMenu.getItems().add(item);
        }
        recentMenu.setDisable(recentMenu.getItems().isEmpty());
    }
}
