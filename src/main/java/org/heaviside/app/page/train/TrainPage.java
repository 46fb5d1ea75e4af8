package org.heaviside.app.page.train;

import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Worker;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.heaviside.app.chart.Charts;
import org.heaviside.app.ui.Messages;
import org.heaviside.app.ui.ModelPage;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.xy.XYSeries;

/**
 * The Train page: the settings on the left ({@link TrainSettingsView}); Run (Ctrl+R) and Cancel (Esc)
 * with progress and elapsed time; the live chart of the objective and the duality gap per sweep, and
 * the cross-validation curve; after the run the outcome ({@link TrainOutcomeView}).
 */
public final class TrainPage extends ModelPage {

    private final TrainViewModel model;
    private final OperatingPointViewModel point;
    private final BorderPane root = new BorderPane();
    private final XYSeries objectiveSeries = new XYSeries(Messages.get("train.chart.objective"), false, true);
    private final XYSeries gapSeries = new XYSeries(Messages.get("train.chart.gap"), false, true);
    private final Label elapsed = new Label();
    private final VBox result = new VBox(8);
    private long startedAt;

    /** Builds the page on its view model and that of the model's operating point. */
    public TrainPage(TrainViewModel model, OperatingPointViewModel point) {
        super("page.train", model::dispose);
        this.model = model;
        this.point = point;
        root.setId("train-page");
        root.setLeft(new TrainSettingsView(model).create());
        BorderPane centre = new BorderPane();
        centre.setTop(createRunBar());
        centre.setCenter(createTabs());
        centre.setBottom(createResultPane());
        root.setCenter(centre);
        bindOutcome();
        bindRunState();
    }

    /** Convergence (live objective and gap per sweep), cross-validation and operating-point tabs. */
    private Node createTabs() {
        Tab convergence = new Tab(Messages.get("train.tab.convergence"), createConvergenceChart());
        Tab validation = new Tab(Messages.get("train.tab.validation"), new Label(Messages.get("train.validation.none")));
        Tab operatingPoint = new Tab(Messages.get("train.tab.point"), OperatingPointView.create(point));
        operatingPoint.setId("train-tab-point");
        TabPane tabs = new TabPane(convergence, validation, operatingPoint);
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("train-tabs");
        model.validationProperty().addListener((obs, old, cv) -> {
            if (cv != null) {
                ChartViewer curve = Charts.viewer(Charts.crossValidation(Messages.get("train.validation.title",
                        cv.folds()), Messages.get("train.validation.ratio"), Messages.get("train.validation.loss"),
                        Messages.get("train.validation.neurons"), Messages.get("train.validation.chosen",
                        TrainSettingsView.format(cv.chosenRatio())), stopNote(cv), cv));
                curve.setId("validation-chart");
                validation.setContent(curve);
                tabs.getSelectionModel().select(validation);
            }
        });
        model.service().runningProperty().addListener((obs, old, running) -> {
            if (running) {
                tabs.getSelectionModel().select(convergence);
            }
        });
        return tabs;
    }

    /** Why the cross-validation path ended, naming its last ratio (and the neuron budget where that ended it). */
    public static String stopNote(org.heaviside.network.CrossValidation cv) {
        int last = cv.ratios().length - 1;
        String ratio = TrainSettingsView.format(cv.ratios()[last]);
        return switch (cv.stop()) {
            case TURNED -> Messages.get("train.validation.stop.turned",
                    TrainSettingsView.format(cv.ratios()[last - 1]) + ", " + ratio);
            case NEURON_BUDGET -> Messages.get("train.validation.stop.neuron-budget", ratio,
                    String.format(java.util.Locale.ROOT, "%.0f", cv.meanNeurons()[last]),
                    String.format(java.util.Locale.ROOT, "%,d", cv.settings().neuronBudget()));
            default -> Messages.get("train.validation.stop." + cv.stop().id(), ratio);
        };
    }

    /** The live chart, fed from the view model's trace in batches. */
    private Node createConvergenceChart() {
        JFreeChart chart = Charts.convergence(Messages.get("train.chart.title"), Messages.get("train.chart.sweep"),
                objectiveSeries, gapSeries);
        ChartViewer viewer = Charts.viewer(chart);
        viewer.setId("convergence-chart");
        model.trace().addListener((ListChangeListener<TrainViewModel.TracePoint>) change -> {
            chart.setNotify(false); // one redraw per batch, not one per point
            while (change.next()) {
                if (change.wasRemoved() && model.trace().isEmpty()) {
                    objectiveSeries.clear();
                    gapSeries.clear();
                }
                for (TrainViewModel.TracePoint point : change.getAddedSubList()) {
                    if (point.objective() > 0) {
                        objectiveSeries.add(point.step(), point.objective(), false);
                    }
                    if (point.gap() > 0) {
                        gapSeries.add(point.step(), point.gap(), false);
                    }
                }
            }
            objectiveSeries.fireSeriesChanged();
            gapSeries.fireSeriesChanged();
            chart.setNotify(true);
        });
        return viewer;
    }

    private Node createResultPane() {
        ScrollPane scroll = new ScrollPane(result);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(300);
        result.setPadding(new Insets(8));
        result.setId("train-result");
        return scroll;
    }

    /** The result area shows the outcome, or the error. */
    private void bindOutcome() {
        model.outcomeProperty().addListener((obs, old, outcome) -> {
            if (outcome != null) {
                result.getChildren().setAll(TrainOutcomeView.create(outcome, point.readoutProperty()));
            }
        });
        model.errorProperty().addListener((obs, old, message) -> {
            if (message != null) {
                Label label = new Label(message);
                label.setId("train-error");
                label.setWrapText(true);
                label.getStyleClass().add("error-text");
                result.getChildren().setAll(label);
            }
        });
    }

    /** While a run goes the result area says so and the clock ticks; a cancelled run says "cancelled". */
    private void bindRunState() {
        Timeline clock = new Timeline(new KeyFrame(Duration.millis(200), event -> updateElapsed()));
        clock.setCycleCount(Timeline.INDEFINITE);
        model.service().runningProperty().addListener((obs, old, running) -> {
            if (running) {
                startedAt = System.nanoTime();
                result.getChildren().setAll(new Label(Messages.get("train.running")));
                clock.play();
            } else {
                clock.stop();
                updateElapsed();
            }
        });
        model.service().stateProperty().addListener((obs, old, state) -> {
            if (state == Worker.State.CANCELLED) {
                Label label = new Label(Messages.get("train.cancelled"));
                label.setId("train-cancelled");
                result.getChildren().setAll(label);
            }
        });
    }

    private Node createRunBar() {
        Button run = new Button(Messages.get("train.run"));
        run.setId("train-run");
        run.setDefaultButton(true);
        run.setTooltip(new Tooltip(Messages.get("train.run.tooltip")));
        run.disableProperty().bind(model.service().runningProperty());
        run.setOnAction(event -> model.run());
        Button cancel = new Button(Messages.get("action.cancel"));
        cancel.setId("train-cancel");
        cancel.setCancelButton(true);
        cancel.setTooltip(new Tooltip(Messages.get("action.cancel.tooltip")));
        cancel.disableProperty().bind(model.service().runningProperty().not());
        cancel.setOnAction(event -> model.cancel());
        ProgressBar progress = new ProgressBar(0);
        progress.setId("train-progress");
        progress.setPrefWidth(200);
        progress.progressProperty().bind(Bindings.when(model.service().runningProperty())
                .then(model.service().progressProperty()).otherwise(0.0));
        Label message = new Label();
        message.textProperty().bind(Bindings.when(model.service().runningProperty())
                .then(model.service().messageProperty()).otherwise(""));
        elapsed.setId("train-elapsed");
        HBox bar = new HBox(8, run, cancel, progress, elapsed, message);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(12, 12, 4, 12));
        HBox.setHgrow(message, Priority.ALWAYS);
        return bar;
    }

    private void updateElapsed() {
        if (startedAt == 0) {
            return;
        }
        elapsed.setText(Messages.get("train.elapsed", String.format(Messages.locale(), "%.1f",
                (System.nanoTime() - startedAt) / 1e9)));
    }

    @Override
    public Node view() {
        return root;
    }
}
