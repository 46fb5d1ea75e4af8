package org.heaviside.app.shell;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.prefs.Preferences;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.heaviside.app.page.compare.ComparePage;
import org.heaviside.app.page.compare.CompareViewModel;
import org.heaviside.app.page.conditions.ConditionsPage;
import org.heaviside.app.page.conditions.ConditionsViewModel;
import org.heaviside.app.page.data.DataPage;
import org.heaviside.app.page.train.TrainPage;
import org.heaviside.app.page.train.TrainViewModel;
import org.heaviside.app.page.data.DataViewModel;
import org.heaviside.data.Table;

/**
 * The workbench window: menu bar, navigation rail on the left, the current page in the centre,
 * a status bar with the dataset's shape and the progress of background work.
 */
public final class MainWindow {

    private static final int MAX_RECENT = 8;
    /**
     * The system property naming another preferences node (an absolute path such as
     * {@code /org/heaviside/test}) for the recent files, last folder and language: the GUI tests use
     * one so they never write into the user's own preferences.
     */
    public static final String PREFERENCES_NODE = "heaviside.preferences";

    private final Preferences preferences = System.getProperty(PREFERENCES_NODE) != null
            ? Preferences.userRoot().node(System.getProperty(PREFERENCES_NODE))
            : Preferences.userNodeForPackage(MainWindow.class);
    private final BorderPane root = new BorderPane();
    private final DataViewModel data = new DataViewModel();
    private final TrainViewModel train = new TrainViewModel(data);
    private final ConditionsViewModel conditions = new ConditionsViewModel(data, train);
    private final CompareViewModel compare = new CompareViewModel(data, train);
    private final org.heaviside.app.page.export.ExportViewModel export =
            new org.heaviside.app.page.export.ExportViewModel(train, compare);
    private boolean unsaved;
    private boolean restoring;
    private Path studyFile;
    private final List<Page> pages = new ArrayList<>();
    private ToggleGroup navigation = new ToggleGroup();
    private VBox rail = new VBox(4);
    private Menu recentMenu = new Menu(Messages.get("menu.file.recent"));
    private Label status = new Label();
    private Label breadcrumb = new Label();

    /** Builds the window's content; call {@link #openInitial(Path)} to load data. */
    public MainWindow() {
        root.getStyleClass().add("workbench");
        root.getStylesheets().add(MainWindow.class.getResource("workbench.css").toExternalForm());
        String language = preferences.get("language", null);
        if (language != null) {
            Messages.use(Locale.forLanguageTag(language));
        }
        buildViews(0);
        enableDrop();
        data.errorProperty().addListener((obs, old, message) -> {
            if (message != null) {
                showError(message);
            }
        });
        data.tableProperty().addListener((obs, old, table) -> updateStatus(table));
        javafx.beans.InvalidationListener crumb = obs -> updateBreadcrumb();
        data.specProperty().addListener(crumb);
        train.methodProperty().addListener(crumb);
        train.betaRatioProperty().addListener(crumb);
        train.outcomeProperty().addListener(crumb);
        train.outcomeProperty().addListener((obs, old, value) -> {
            unsaved = unsaved || (value != null && !restoring);
            if (value != null && !restoring) {
                notify(Messages.get("notify.trained.title"), Messages.get("notify.trained", Messages.get(
                        "train.certificate." + value.certificate()), String.format(Messages.locale(), "%.2e",
                        value.relativeGap()), String.format(Messages.locale(), "%.1f", value.seconds())));
            }
        });
        compare.resultProperty().addListener((obs, old, value) -> {
            unsaved = unsaved || (value != null && !restoring);
            if (value != null && !restoring) {
                notify(Messages.get("notify.compared.title"), org.heaviside.app.page.compare.ComparePage
                        .verdictText(value));
            }
        });
        data.fileProperty().addListener((obs, old, file) -> {
            if (file != null) {
                remember(file);
            }
        });
    }

    /** Builds the pages, menu, rail and status bar in the current language, showing page {@code index}. */
    private void buildViews(int index) {
        pages.clear();
        navigation = new ToggleGroup();
        rail = new VBox(4);
        recentMenu = new Menu(Messages.get("menu.file.recent"));
        status = new Label();
        breadcrumb = new Label();
        pages.add(new DataPage(data));
        pages.add(new ConditionsPage(conditions));
        pages.add(new TrainPage(train));
        pages.add(new ComparePage(compare));
        pages.add(new org.heaviside.app.page.export.ExportPage(export, train, compare));
        root.setTop(createMenuBar());
        root.setLeft(createRail());
        root.setBottom(createStatusBar());
        updateStatus(data.tableProperty().get());
        updateBreadcrumb();
        gate();
        show(pages.get(index));
    }

    /**
     * Switches the language of every page now (the data, settings and results stay) and remembers it
     * for the next start.
     */
    public void useLanguage(Locale locale) {
        Messages.use(locale);
        preferences.put("language", locale.toLanguageTag());
        int current = Math.max(0, pages.stream().map(Page::view).toList().indexOf(root.getCenter()));
        buildViews(current);
        if (root.getScene() != null && root.getScene().getWindow() instanceof javafx.stage.Stage stage) {
            stage.setTitle(Messages.get("app.title"));
        }
    }

    /** The root node to put in a scene. */
    public Parent root() {
        return root;
    }

    /** The Data page's view model. */
    public DataViewModel data() {
        return data;
    }

    /** The Train page's view model. */
    public TrainViewModel train() {
        return train;
    }

    /** The Export page's view model. */
    public org.heaviside.app.page.export.ExportViewModel export() {
        return export;
    }

    /** The Compare page's view model. */
    public CompareViewModel compare() {
        return compare;
    }

    /** The Conditions page's view model. */
    public ConditionsViewModel conditions() {
        return conditions;
    }

    /** Shows the page whose title is given (as in the navigation rail). */
    public void showPage(String title) {
        pages.stream().filter(page -> page.title().equals(title)).findFirst().ifPresent(this::show);
    }

    /** Opens a file, or the bundled AI4I sample when {@code file} is null. */
    public void openInitial(Path file) {
        if (file != null) {
            data.open(file);
        } else {
            data.openSample();
        }
    }

    /** Cancels all running work. */
    public void dispose() {
        pages.forEach(Page::dispose);
    }

    private MenuBar createMenuBar() {
        MenuItem open = new MenuItem(Messages.get("menu.file.open"));
        open.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN));
        open.setOnAction(event -> chooseFile());
        MenuItem openStudy = new MenuItem(Messages.get("menu.file.openStudy"));
        openStudy.setAccelerator(new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        openStudy.setOnAction(event -> chooseStudy());
        MenuItem saveStudy = new MenuItem(Messages.get("menu.file.saveStudy"));
        saveStudy.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN));
        saveStudy.setOnAction(event -> saveStudy(false));
        MenuItem saveStudyAs = new MenuItem(Messages.get("menu.file.saveStudyAs"));
        saveStudyAs.setAccelerator(new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN));
        saveStudyAs.setOnAction(event -> saveStudy(true));
        MenuItem sample = new MenuItem(Messages.get("menu.file.sample"));
        sample.setOnAction(event -> data.openSample());
        MenuItem synthetic = new MenuItem(Messages.get("menu.file.synthetic"));
        synthetic.setOnAction(event -> data.openSynthetic(data.seedProperty().get()));
        MenuItem quit = new MenuItem(Messages.get("menu.file.quit"));
        quit.setAccelerator(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN));
        quit.setOnAction(event -> {
            Window window = root.getScene().getWindow();
            window.fireEvent(new javafx.stage.WindowEvent(window, javafx.stage.WindowEvent.WINDOW_CLOSE_REQUEST));
            if (window.isShowing()) {
                ((javafx.stage.Stage) window).close();
            }
        });
        updateRecentMenu();
        Menu file = new Menu(Messages.get("menu.file"), null, open, recentMenu, new SeparatorMenuItem(), openStudy,
                saveStudy, saveStudyAs, new SeparatorMenuItem(), sample,
                synthetic, new SeparatorMenuItem(), quit);
        MenuItem about = new MenuItem(Messages.get("menu.help.about"));
        about.setOnAction(event -> {
            Alert alert = new Alert(Alert.AlertType.INFORMATION, Messages.get("about.text"));
            alert.setHeaderText(Messages.get("app.title"));
            alert.initOwner(root.getScene().getWindow());
            alert.show();
        });
        MenuItem runTraining = new MenuItem(Messages.get("menu.run.train"));
        runTraining.setAccelerator(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN));
        runTraining.setOnAction(event -> {
            showPage(Messages.get("page.train"));
            train.run();
        });
        runTraining.disableProperty().bind(train.service().runningProperty());
        MenuItem cancelTraining = new MenuItem(Messages.get("menu.run.cancel"));
        cancelTraining.setAccelerator(new KeyCodeCombination(KeyCode.ESCAPE));
        cancelTraining.setOnAction(event -> train.cancel());
        cancelTraining.disableProperty().bind(train.service().runningProperty().not());
        Menu run = new Menu(Messages.get("menu.run"), null, runTraining, cancelTraining);
        MenuItem english = new MenuItem("English");
        english.setId("language-en");
        english.setOnAction(event -> useLanguage(Locale.ENGLISH));
        MenuItem japanese = new MenuItem("日本語");
        japanese.setId("language-ja");
        japanese.setOnAction(event -> useLanguage(Locale.JAPANESE));
        Menu language = new Menu(Messages.get("menu.language"), null, english, japanese);
        return new MenuBar(file, run, language, new Menu(Messages.get("menu.help"), null, about));
    }

    private Region createRail() {
        rail.getStyleClass().add("nav-rail");
        rail.setPadding(new Insets(8));
        for (Page page : pages) {
            ToggleButton button = new ToggleButton(page.title());
            button.setToggleGroup(navigation);
            button.setMaxWidth(Double.MAX_VALUE);
            button.getStyleClass().add("nav-button");
            button.setOnAction(event -> show(page));
            rail.getChildren().add(button);
        }
        return rail;
    }

    private Region createStatusBar() {
        status.setId("status");
        ProgressBar progress = new ProgressBar();
        progress.setId("load-progress");
        progress.progressProperty().bind(data.loader().progressProperty());
        progress.visibleProperty().bind(data.loader().runningProperty());
        Label message = new Label();
        message.textProperty().bind(Bindings.when(data.loader().runningProperty())
                .then(data.loader().messageProperty()).otherwise(""));
        Button cancel = new Button(Messages.get("action.cancel"));
        cancel.setId("cancel-load");
        cancel.visibleProperty().bind(data.loader().runningProperty());
        cancel.setOnAction(event -> data.cancel());
        cancel.setTooltip(new Tooltip(Messages.get("action.cancel.tooltip")));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        breadcrumb.setId("breadcrumb");
        breadcrumb.getStyleClass().add("breadcrumb");
        HBox bar = new HBox(8, status, breadcrumb, spacer, message, progress, cancel);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.getStyleClass().add("status-bar");
        return bar;
    }

    private void show(Page page) {
        root.setCenter(page.view());
        int index = pages.indexOf(page);
        ((ToggleButton) rail.getChildren().get(index)).setSelected(true);
    }

    /** "target Machine failure > Convex, 2 layers, beta ratio 0.01 > certificate heuristic". */
    private void updateBreadcrumb() {
        var spec = data.specProperty().get();
        if (spec == null) {
            breadcrumb.setText("");
            return;
        }
        StringBuilder text = new StringBuilder(Messages.get("crumb.target", spec.target()));
        text.append("  >  ").append(Messages.get("train.method." + train.methodProperty().get())).append(", ")
                .append(Messages.get("crumb.beta", String.format(Messages.locale(), "%.4g",
                        train.betaRatioProperty().get())));
        var outcome = train.outcomeProperty().get();
        if (outcome != null) {
            text.append("  >  ").append(Messages.get("train.certificate." + outcome.certificate()));
        }
        breadcrumb.setText(text.toString());
    }

    /** Pages are enabled once their inputs exist: data for Conditions, Train and Compare; a model for Export. */
    private void gate() {
        for (int i = 1; i < rail.getChildren().size(); i++) {
            javafx.scene.Node button = rail.getChildren().get(i);
            button.disableProperty().unbind();
            button.disableProperty().bind(i == rail.getChildren().size() - 1
                    ? train.modelProperty().isNull().and(compare.resultProperty().isNull())
                    : data.specProperty().isNull());
        }
    }

    private void updateStatus(Table table) {
        if (table == null) {
            status.setText(Messages.get("status.empty"));
            return;
        }
        NumberFormat integers = NumberFormat.getIntegerInstance(Messages.locale());
        status.setText(Messages.get("status.dataset", table.source(), integers.format(table.rows()),
                integers.format(table.columns().size())));
    }

    private void chooseFile() {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Messages.get("menu.file.open"));
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(Messages.get("filter.csv"), "*.csv", "*.txt", "*.tsv"),
                new FileChooser.ExtensionFilter(Messages.get("filter.all"), "*.*"));
        String last = preferences.get("lastDirectory", null);
        if (last != null && Files.isDirectory(Path.of(last))) {
            chooser.setInitialDirectory(new File(last));
        }
        File chosen = chooser.showOpenDialog(root.getScene().getWindow());
        if (chosen != null) {
            preferences.put("lastDirectory", chosen.getParent());
            data.open(chosen.toPath());
        }
    }

    private void enableDrop() {
        root.setOnDragOver(event -> {
            if (event.getDragboard().hasFiles()) {
                event.acceptTransferModes(TransferMode.COPY);
            }
            event.consume();
        });
        root.setOnDragDropped(event -> {
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

    /** A short ControlsFX notification in the window's corner, so a finished run is seen from any page. */
    private void notify(String title, String text) {
        if (root.getScene() == null || root.getScene().getWindow() == null) {
            return;
        }
        org.controlsfx.control.Notifications.create().title(title).text(text).owner(root)
                .hideAfter(javafx.util.Duration.seconds(5)).showInformation();
    }

    /** The current study: data reference and settings, Train and Compare settings and results. */
    public Study study() {
        Table table = data.tableProperty().get();
        Path file = data.fileProperty().get();
        var spec = data.specProperty().get();
        Study.DataPart part = new Study.DataPart(file == null ? null : file.toAbsolutePath().toString(),
                table == null ? null : table.source(), table == null ? null : table.settings(),
                data.targetProperty().get(), Map.copyOf(data.roleOverrides()),
                spec == null ? null : spec.positiveLabel(), data.testFractionProperty().get(),
                data.seedProperty().get());
        Study.TrainPart trainPart = new Study.TrainPart(train.methodProperty().get(), train.lossProperty().get(),
                train.betaRatioProperty().get(), train.patternsProperty().get(), train.anchoredProperty().get(),
                train.certifyProperty().get(), train.seedProperty().get(), train.toleranceProperty().get());
        List<String> baselines = new ArrayList<>();
        for (org.heaviside.ste.Surrogate surrogate : org.heaviside.ste.Surrogate.values()) {
            if (compare.baselineProperty(surrogate).get()) {
                baselines.add(surrogate.id());
            }
        }
        Study.ComparePart comparePart = new Study.ComparePart(baselines, compare.seedsProperty().get(),
                compare.epochsProperty().get(), compare.widthProperty().get(), compare.layersProperty().get());
        return new Study(part, trainPart, train.outcomeProperty().get(), comparePart,
                compare.resultProperty().get());
    }

    /** Saves the study to a file (atomically) and marks it saved. */
    public void saveStudy(Path file) throws java.io.IOException {
        StudyFile.save(study(), file);
        studyFile = file;
        unsaved = false;
    }

    /** Opens a study: reloads its data with its settings and shows its saved results. */
    public void openStudy(Path file) {
        Study study = StudyFile.load(file);
        restoring = true;
        try {
            Study.DataPart part = study.data();
            org.heaviside.data.ByteSource source;
            Path path = null;
            if (part.file() != null) {
                path = Path.of(part.file());
                if (!Files.isRegularFile(path)) {
                    throw org.heaviside.data.DataException.of(part.file(), "no such file (the study's data file was "
                            + "moved or deleted)", "the data file at that path; put it back or open the CSV and redo "
                            + "the study");
                }
                source = org.heaviside.data.ByteSource.of(path);
            } else if (part.source() != null && part.source().startsWith("paper-synthetic-seed")) {
                long dataSeed = Long.parseLong(part.source().replaceAll("\\D+", ""));
                source = org.heaviside.data.ByteSource.of(part.source(),
                        org.heaviside.data.PaperSynthetic.generate(dataSeed).toCsv());
            } else {
                source = org.heaviside.data.Samples.ai4i();
            }
            data.restore(source, part.csv(), path, part.target(), part.roles(), part.positive(), part.testFraction(),
                    part.seed());
            Study.TrainPart t = study.train();
            train.methodProperty().set(t.method());
            train.lossProperty().set(t.loss());
            train.betaRatioProperty().set(t.betaRatio());
            train.patternsProperty().set(t.patterns());
            train.anchoredProperty().set(t.anchored());
            train.certifyProperty().set(t.certify());
            train.seedProperty().set(t.seed());
            train.toleranceProperty().set(t.tolerance());
            train.show(study.outcome());
            Study.ComparePart c = study.compare();
            for (org.heaviside.ste.Surrogate surrogate : org.heaviside.ste.Surrogate.values()) {
                compare.baselineProperty(surrogate).set(c.baselines().contains(surrogate.id()));
            }
            compare.seedsProperty().set(c.seeds());
            compare.epochsProperty().set(c.epochs());
            compare.widthProperty().set(c.width());
            compare.layersProperty().set(c.layers());
            compare.show(study.comparison());
            studyFile = file;
            unsaved = false;
        } finally {
            restoring = false;
        }
    }

    /** Whether there are results not saved in a study file. */
    public boolean hasUnsavedResults() {
        return unsaved;
    }

    /**
     * Asks before closing when results are unsaved: save, discard or stay. Returns whether the window
     * may close.
     */
    public boolean confirmClose() {
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
        javafx.scene.control.ButtonType save = new javafx.scene.control.ButtonType(Messages.get("close.save"),
                javafx.scene.control.ButtonBar.ButtonData.YES);
        javafx.scene.control.ButtonType discard = new javafx.scene.control.ButtonType(Messages.get(action + ".discard"),
                javafx.scene.control.ButtonBar.ButtonData.NO);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, Messages.get(action + ".question"), save, discard,
                javafx.scene.control.ButtonType.CANCEL);
        alert.setHeaderText(Messages.get("close.header"));
        alert.getDialogPane().setId("unsaved-dialog");
        if (root.getScene() != null) {
            alert.initOwner(root.getScene().getWindow());
        }
        var answer = alert.showAndWait().orElse(javafx.scene.control.ButtonType.CANCEL);
        if (answer == save) {
            return saveStudy(false);
        }
        return answer == discard;
    }

    private boolean saveStudy(boolean choose) {
        Path target = studyFile;
        if (choose || target == null) {
            FileChooser chooser = new FileChooser();
            chooser.setTitle(Messages.get("menu.file.saveStudy"));
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(Messages.get("filter.study"),
                    "*.heaviside.json", "*.json"));
            chooser.setInitialFileName("study.heaviside.json");
            File chosen = chooser.showSaveDialog(root.getScene().getWindow());
            if (chosen == null) {
                return false;
            }
            target = chosen.toPath();
        }
        try {
            saveStudy(target);
            return true;
        } catch (java.io.IOException e) {
            showError(Messages.get("study.saveFailed", target, e.getMessage()));
            return false;
        }
    }

    private void chooseStudy() {
        if (!confirmDiscard("open")) {
            return;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle(Messages.get("menu.file.openStudy"));
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter(Messages.get("filter.study"),
                "*.heaviside.json", "*.json"), new FileChooser.ExtensionFilter(Messages.get("filter.all"), "*.*"));
        File chosen = chooser.showOpenDialog(root.getScene().getWindow());
        if (chosen != null) {
            try {
                openStudy(chosen.toPath());
            } catch (org.heaviside.data.DataException e) {
                showError(e.getMessage());
            }
        }
    }

    private void showError(String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message);
        alert.setHeaderText(Messages.get("error.load"));
        alert.getDialogPane().setId("error-dialog");
        if (root.getScene() != null) {
            alert.initOwner(root.getScene().getWindow());
        }
        alert.show();
    }
}
