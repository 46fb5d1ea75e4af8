package org.heaviside.app.page.train;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.concurrent.Worker;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.heaviside.app.chart.Charts;
import org.heaviside.app.study.TrainOutcome;
import org.heaviside.app.ui.Messages;
import org.heaviside.app.ui.Page;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.data.xy.XYSeries;

/**
 * The Train page: method, loss, β (slider and field, as a ratio of β_max), patterns, certificate and
 * seed on the left; Run (Ctrl+R) and Cancel (Esc) with progress and elapsed time; the live chart of
 * the objective and the duality gap per sweep; after the run the certificate card, the metrics, the
 * confusion matrix and the strongest neurons as rules.
 */
public final class TrainPage implements Page {

    private final TrainViewModel model;
    private final BorderPane root = new BorderPane();
    private final XYSeries objectiveSeries = new XYSeries(Messages.get("train.chart.objective"), false, true);
    private final XYSeries gapSeries = new XYSeries(Messages.get("train.chart.gap"), false, true);
    private final Label elapsed = new Label();
    private final VBox result = new VBox(8);
    private long startedAt;

    /** Builds the page on its view model. */
    public TrainPage(TrainViewModel model) {
        this.model = model;
        root.setId("train-page");
        root.setLeft(settings());
        BorderPane centre = new BorderPane();
        centre.setTop(runBar());
        JFreeChart chart = Charts.convergence(Messages.get("train.chart.title"), Messages.get("train.chart.sweep"),
                objectiveSeries, gapSeries);
        ChartViewer viewer = Charts.viewer(chart);
        viewer.setId("convergence-chart");
        javafx.scene.control.Tab convergence = new javafx.scene.control.Tab(Messages.get("train.tab.convergence"), viewer);
        javafx.scene.control.Tab validation = new javafx.scene.control.Tab(Messages.get("train.tab.validation"),
                new Label(Messages.get("train.validation.none")));
        javafx.scene.control.TabPane tabs = new javafx.scene.control.TabPane(convergence, validation);
        tabs.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("train-tabs");
        centre.setCenter(tabs);
        model.validationProperty().addListener((obs, old, cv) -> {
            if (cv != null) {
                ChartViewer curve = Charts.viewer(Charts.crossValidation(Messages.get("train.validation.title",
                        cv.folds()), Messages.get("train.validation.ratio"), Messages.get("train.validation.loss"),
                        Messages.get("train.validation.neurons"), Messages.get("train.validation.chosen",
                        format(cv.chosenRatio())), cv));
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
        ScrollPane scroll = new ScrollPane(result);
        scroll.setFitToWidth(true);
        scroll.setPrefViewportHeight(300);
        centre.setBottom(scroll);
        result.setPadding(new Insets(8));
        result.setId("train-result");
        root.setCenter(centre);
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
        model.outcomeProperty().addListener((obs, old, outcome) -> showOutcome(outcome));
        model.errorProperty().addListener((obs, old, message) -> {
            if (message != null) {
                Label label = new Label(message);
                label.setId("train-error");
                label.setWrapText(true);
                label.getStyleClass().add("error-text");
                result.getChildren().setAll(label);
            }
        });
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

    private Node settings() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.setPrefWidth(420);
        grid.setMinWidth(420);
        int row = 0;

        ComboBox<String> method = new ComboBox<>(FXCollections.observableArrayList(TrainViewModel.CONVEX,
                TrainViewModel.SHATTERING, TrainViewModel.DEEP_LASSO));
        method.setId("train-method");
        method.setConverter(converter("train.method."));
        method.valueProperty().bindBidirectional(model.methodProperty());
        method.setTooltip(new Tooltip(Messages.get("train.method.tooltip")));
        grid.addRow(row++, new Label(Messages.get("train.method")), method);

        ComboBox<String> loss = new ComboBox<>(FXCollections.observableArrayList("squared", "logistic"));
        loss.setId("train-loss");
        loss.setConverter(converter("train.loss."));
        loss.valueProperty().bindBidirectional(model.lossProperty());
        grid.addRow(row++, new Label(Messages.get("train.loss")), loss);

        Slider slider = new Slider(-4, 0, Math.log10(model.betaRatioProperty().get()));
        slider.setId("beta-slider");
        slider.setShowTickMarks(true);
        slider.setMajorTickUnit(1);
        TextField ratio = new TextField(format(model.betaRatioProperty().get()));
        ratio.setId("beta-ratio");
        ratio.setPrefColumnCount(7);
        Tooltip betaTip = new Tooltip(Messages.get("train.beta.tooltip"));
        ratio.setTooltip(betaTip);
        slider.setTooltip(betaTip);
        slider.valueProperty().addListener((obs, old, value) -> {
            if (slider.isValueChanging() || slider.isFocused()) {
                model.betaRatioProperty().set(Math.pow(10, value.doubleValue()));
            }
        });
        model.betaRatioProperty().addListener((obs, old, value) -> {
            ratio.setText(format(value.doubleValue()));
            ratio.getStyleClass().remove("invalid");
            if (!slider.isValueChanging()) {
                slider.setValue(Math.log10(value.doubleValue()));
            }
        });
        org.controlsfx.validation.ValidationSupport validation = new org.controlsfx.validation.ValidationSupport();
        validation.registerValidator(ratio, false, org.controlsfx.validation.Validator.<String>createPredicateValidator(
                text -> parseRatio(text) > 0, Messages.get("train.beta.invalid", "")));
        ratio.setOnAction(event -> commitRatio(ratio));
        ratio.focusedProperty().addListener((obs, old, focused) -> {
            if (!focused) {
                commitRatio(ratio);
            }
        });
        Button validate = new Button(Messages.get("train.validate"));
        validate.setId("train-validate");
        validate.setTooltip(new Tooltip(Messages.get("train.validate.tooltip")));
        validate.disableProperty().bind(model.validationService().runningProperty()
                .or(model.service().runningProperty()));
        validate.setOnAction(event -> model.crossValidate());
        ProgressBar validating = new ProgressBar();
        validating.setPrefWidth(120);
        validating.visibleProperty().bind(model.validationService().runningProperty());
        validating.progressProperty().bind(model.validationService().progressProperty());
        grid.addRow(row++, new Label(Messages.get("train.beta")), new VBox(4, slider, new HBox(6, ratio, validate),
                validating));

        Spinner<Integer> patterns = new Spinner<>(10, 1_000_000, model.patternsProperty().get(), 100);
        patterns.setId("train-patterns");
        patterns.setEditable(true);
        patterns.valueProperty().addListener((obs, old, value) -> model.patternsProperty().set(value));
        model.patternsProperty().addListener((obs, old, value) -> patterns.getValueFactory().setValue(value.intValue()));
        patterns.setTooltip(new Tooltip(Messages.get("train.patterns.tooltip")));
        grid.addRow(row++, new Label(Messages.get("train.patterns")), patterns);

        CheckBox anchored = new CheckBox(Messages.get("train.anchored"));
        anchored.selectedProperty().bindBidirectional(model.anchoredProperty());
        anchored.setTooltip(new Tooltip(Messages.get("train.anchored.tooltip")));
        grid.add(anchored, 1, row++);

        CheckBox certify = new CheckBox(Messages.get("train.certify"));
        certify.setId("train-certify");
        certify.selectedProperty().bindBidirectional(model.certifyProperty());
        certify.setTooltip(new Tooltip(Messages.get("train.certificate.tooltip")));
        grid.add(certify, 1, row++);

        Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, model.seedProperty().get());
        seed.setEditable(true);
        seed.valueProperty().addListener((obs, old, value) -> model.seedProperty().set(value));
        model.seedProperty().addListener((obs, old, value) -> seed.getValueFactory().setValue(value.intValue()));
        grid.addRow(row++, new Label(Messages.get("train.seed")), seed);
        return grid;
    }

    /** The ratio in the text (decimal point or comma), or −1 when it is not one in (0, 1]. */
    private static double parseRatio(String text) {
        try {
            double value = Double.parseDouble(text.trim().replace(',', '.'));
            return value > 0 && value <= 1 ? value : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void commitRatio(TextField field) {
        try {
            double value = parseRatio(field.getText());
            if (value < 0) {
                throw new NumberFormatException();
            }
            field.getStyleClass().remove("invalid");
            field.setTooltip(new Tooltip(Messages.get("train.beta.tooltip")));
            model.betaRatioProperty().set(value);
        } catch (NumberFormatException e) {
            if (!field.getStyleClass().contains("invalid")) {
                field.getStyleClass().add("invalid");
            }
            field.setTooltip(new Tooltip(Messages.get("train.beta.invalid", field.getText())));
        }
    }

    private Node runBar() {
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

    private void showOutcome(TrainOutcome outcome) {
        if (outcome == null) {
            return;
        }
        Locale locale = Messages.locale();
        GridPane card = new GridPane();
        card.setId("certificate-card");
        card.getStyleClass().add("card");
        card.setHgap(12);
        card.setVgap(4);
        card.setPadding(new Insets(8));
        int row = 0;
        row = cardRow(card, row, "train.card.objective", String.format(locale, "%.10g", outcome.objective()), "card-objective");
        row = cardRow(card, row, "train.card.j", String.format(locale, "%.10g", outcome.networkObjective()), "card-j");
        row = cardRow(card, row, "train.card.gap", String.format(locale, "%.3e (%s %.3e, %s %.0e)", outcome.dualityGap(),
                Messages.get("train.card.relative"), outcome.relativeGap(), Messages.get("train.card.tolerance"),
                outcome.tolerance()), "card-gap");
        row = cardRow(card, row, "train.card.status", Messages.get("train.status." + outcome.status()), "card-status");
        row = cardRow(card, row, "train.card.certificate", Messages.get("train.certificate." + outcome.certificate()),
                "card-certificate");
        row = cardRow(card, row, "train.card.neurons", NumberFormat.getIntegerInstance(locale).format(outcome.neurons())
                + "  " + java.util.Arrays.toString(outcome.widths()), "card-neurons");
        row = cardRow(card, row, "train.card.patterns", NumberFormat.getIntegerInstance(locale)
                .format(outcome.patterns()), "card-patterns");
        cardRow(card, row, "train.card.time", String.format(locale, "%.2f s", outcome.seconds()), "card-time");
        Tooltip.install(card, new Tooltip(Messages.get("train.certificate.tooltip")));
        Label metrics = new Label(Messages.get("train.metrics", metrics(outcome.train(), locale),
                metrics(outcome.test(), locale)));
        metrics.setId("train-metrics");
        metrics.setWrapText(true);
        HBox top = new HBox(16, card);
        if (outcome.confusion() != null) {
            top.getChildren().add(confusion(outcome));
        }
        if (outcome.predictedActual() != null) {
            ChartViewer scatter = Charts.viewer(Charts.predictedActual(Messages.get("train.scatter.title"),
                    Messages.get("train.scatter.predicted"), Messages.get("train.scatter.actual"),
                    outcome.predictedActual()));
            scatter.setId("predicted-actual");
            scatter.setPrefSize(360, 240);
            top.getChildren().add(scatter);
        }
        result.getChildren().setAll(top, metrics);
        if (!outcome.rules().isEmpty()) {
            ListView<String> rules = new ListView<>(FXCollections.observableArrayList(outcome.rules()));
            rules.setId("neuron-rules");
            rules.setPrefHeight(160);
            result.getChildren().addAll(new Label(Messages.get("train.rules")), rules);
        }
    }

    private static int cardRow(GridPane card, int row, String key, String value, String id) {
        Label name = new Label(Messages.get(key));
        Label text = new Label(value);
        text.setId(id);
        card.addRow(row, name, text);
        return row + 1;
    }

    private static Node confusion(TrainOutcome outcome) {
        int[] c = outcome.confusion();
        GridPane grid = new GridPane();
        grid.setId("confusion-matrix");
        grid.getStyleClass().add("card");
        grid.setHgap(12);
        grid.setVgap(4);
        grid.setPadding(new Insets(8));
        grid.add(new Label(Messages.get("train.confusion", outcome.positive())), 0, 0, 3, 1);
        grid.addRow(1, new Label(""), new Label(Messages.get("train.confusion.predictedPositive")),
                new Label(Messages.get("train.confusion.predictedNegative")));
        grid.addRow(2, new Label(Messages.get("train.confusion.actualPositive")), new Label(Integer.toString(c[0])),
                new Label(Integer.toString(c[1])));
        grid.addRow(3, new Label(Messages.get("train.confusion.actualNegative")), new Label(Integer.toString(c[2])),
                new Label(Integer.toString(c[3])));
        return grid;
    }

    private static String metrics(Map<String, Double> metrics, Locale locale) {
        if (metrics.isEmpty()) {
            return "-";
        }
        List<String> parts = metrics.entrySet().stream()
                .map(e -> Messages.get("metric." + e.getKey()) + " " + String.format(locale, "%.4f", e.getValue()))
                .toList();
        return String.join(", ", parts);
    }

    private static String format(double ratio) {
        return String.format(Locale.ROOT, "%.4g", ratio);
    }

    private static StringConverter<String> converter(String prefix) {
        return new StringConverter<>() {
            @Override
            public String toString(String id) {
                return id == null ? "" : Messages.get(prefix + id);
            }

            @Override
            public String fromString(String text) {
                return text;
            }
        };
    }

    @Override
    public String title() {
        return Messages.get("page.train");
    }

    @Override
    public Node view() {
        return root;
    }

    @Override
    public void dispose() {
        model.dispose();
    }
}
