package org.heaviside.app.shell;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.prefs.Preferences;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Alert;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.heaviside.app.page.compare.ComparePage;
import org.heaviside.app.page.compare.CompareViewModel;
import org.heaviside.app.page.conditions.ConditionsPage;
import org.heaviside.app.page.conditions.ConditionsViewModel;
import org.heaviside.app.page.data.DataPage;
import org.heaviside.app.page.data.DataViewModel;
import org.heaviside.app.page.export.ExportPage;
import org.heaviside.app.page.export.ExportViewModel;
import org.heaviside.app.page.train.OperatingPointViewModel;
import org.heaviside.app.page.train.TrainPage;
import org.heaviside.app.page.train.TrainViewModel;
import org.heaviside.app.study.StudyModel;
import org.heaviside.app.ui.Messages;
import org.heaviside.app.ui.Page;

/**
 * The workbench window: menu bar, navigation rail on the left, the current page in the centre,
 * a status bar with the dataset's shape and the progress of background work. One study model is
 * shared by the pages' view models; the study file, the data files and the menus have their own classes.
 */
public final class MainWindow {

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
    private final StudyModel study = new StudyModel();
    private final DataViewModel data = new DataViewModel(study);
    private final TrainViewModel train = new TrainViewModel(study);
    private final OperatingPointViewModel operatingPoint = new OperatingPointViewModel(study);
    private final ConditionsViewModel conditions = new ConditionsViewModel(study);
    private final CompareViewModel compare = new CompareViewModel(study);
    private final ExportViewModel export = new ExportViewModel(study);
    private final StudyDocument document = new StudyDocument(study, data, train, compare, root, this::showError);
    private final DataFiles files = new DataFiles(preferences, data);
    private final StatusBar statusBar = new StatusBar(data, study);
    private final MainMenu menu = new MainMenu(this, data, train, files, document);
    private final List<Page> pages = new ArrayList<>();
    private ToggleGroup navigation = new ToggleGroup();
    private VBox rail = new VBox(4);

    /** Builds the window's content in the language last chosen; call {@link #openInitial(Path)} to load data. */
    public MainWindow() {
        // Esc cancels a running training wherever the focus is: a text field or spinner that has the focus
        // consumes Esc itself, so the menu's accelerator alone would miss it
        root.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == javafx.scene.input.KeyCode.ESCAPE && train.service().isRunning()) {
                train.cancel();
                event.consume();
            }
        });
        root.getStyleClass().add("workbench");
        root.getStylesheets().add(MainWindow.class.getResource("workbench.css").toExternalForm());
        String language = preferences.get("language", null);
        if (language != null) {
            Messages.use(Locale.forLanguageTag(language));
        }
        buildViews(0);
        files.acceptDrops(root);
        data.errorProperty().addListener((obs, old, message) -> {
            if (message != null) {
                showError(message);
            }
        });
        study.outcomeProperty().addListener((obs, old, value) -> {
            if (value != null && !document.isRestoring()) {
                notify(Messages.get("notify.trained.title"), Messages.get("notify.trained", Messages.get(
                        "train.certificate." + value.certificate()), String.format(Messages.locale(), "%.2e",
                        value.relativeGap()), String.format(Messages.locale(), "%.1f", value.seconds())));
            }
        });
        study.comparisonProperty().addListener((obs, old, value) -> {
            if (value != null && !document.isRestoring()) {
                notify(Messages.get("notify.compared.title"), ComparePage.verdictText(value));
            }
        });
    }

    /** Builds the pages, menu, rail and status bar in the current language, showing page {@code index}. */
    private void buildViews(int index) {
        pages.clear();
        navigation = new ToggleGroup();
        rail = new VBox(4);
        pages.add(new DataPage(data));
        pages.add(new ConditionsPage(conditions));
        pages.add(new TrainPage(train, operatingPoint));
        pages.add(new ComparePage(compare));
        pages.add(new ExportPage(export));
        root.setTop(menu.create());
        root.setLeft(createRail());
        root.setBottom(statusBar.create());
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
        if (root.getScene() != null && root.getScene().getWindow() instanceof Stage stage) {
            stage.setTitle(Messages.get("app.title"));
        }
    }

    /** The root node to put in a scene. */
    public Parent root() {
        return root;
    }

    /** The study shared by the pages. */
    public StudyModel study() {
        return study;
    }

    /** The Data page's view model. */
    public DataViewModel data() {
        return data;
    }

    /** The Train page's view model. */
    public TrainViewModel train() {
        return train;
    }

    /** The view model of the trained model's operating point (Train page). */
    public OperatingPointViewModel operatingPoint() {
        return operatingPoint;
    }

    /** The Export page's view model. */
    public ExportViewModel export() {
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

    /** Saves the study to a file (atomically) and marks it saved. */
    public void saveStudy(Path file) throws java.io.IOException {
        document.save(file);
    }

    /** Opens a study: reloads its data with its settings and shows its saved results. */
    public void openStudy(Path file) {
        document.open(file);
    }

    /** Whether there are results not saved in a study file. */
    public boolean hasUnsavedResults() {
        return document.hasUnsavedResults();
    }

    /**
     * Asks before closing when results are unsaved: save, discard or stay. Returns whether the window
     * may close.
     */
    public boolean confirmClose() {
        return document.confirmClose();
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

    private void show(Page page) {
        root.setCenter(page.view());
        int index = pages.indexOf(page);
        ((ToggleButton) rail.getChildren().get(index)).setSelected(true);
    }

    /** Pages are enabled once their inputs exist: data for Conditions, Train and Compare; a model for Export. */
    private void gate() {
        for (int i = 1; i < rail.getChildren().size(); i++) {
            Node button = rail.getChildren().get(i);
            button.disableProperty().unbind();
            button.disableProperty().bind(i == rail.getChildren().size() - 1
                    ? study.modelProperty().isNull().and(study.comparisonProperty().isNull())
                    : study.specProperty().isNull());
        }
    }

    /** A short ControlsFX notification in the window's corner, so a finished run is seen from any page. */
    private void notify(String title, String text) {
        if (root.getScene() == null || root.getScene().getWindow() == null) {
            return;
        }
        Notifications.create().title(title).text(text).owner(root).hideAfter(Duration.seconds(5)).showInformation();
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
