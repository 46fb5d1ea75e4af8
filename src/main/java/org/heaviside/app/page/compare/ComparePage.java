package org.heaviside.app.page.compare;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.heaviside.app.chart.Charts;
import org.heaviside.app.ui.Messages;
import org.heaviside.app.ui.ModelPage;
import org.heaviside.experiment.ExperimentResult;
import org.heaviside.experiment.MethodSummary;
import org.heaviside.experiment.Stats;
import org.heaviside.ste.Surrogate;
import org.jfree.chart.fx.ChartViewer;

/**
 * The Compare page: baselines, seeds, epochs and width on top; a one-line verdict; a 2 x 2 grid of
 * charts (J against time, test metric against time, spread of J across seeds, excess over the
 * convex optimum); the results table with significance, copied to the clipboard or saved as CSV.
 * Charts export to PNG and SVG from their context menu.
 */
public final class ComparePage extends ModelPage {

    private static final double SIGNIFICANCE = 0.05;

    private final CompareViewModel model;
    private final BorderPane root = new BorderPane();
    private final GridPane charts = new GridPane();
    private final TableView<MethodSummary> table = new TableView<>();
    private final Label verdict = new Label();

    /** Builds the page on its view model. */
    public ComparePage(CompareViewModel model) {
        super("page.compare", model::dispose);
        this.model = model;
        root.setId("compare-page");
        root.setTop(configuration());
        charts.setHgap(8);
        charts.setVgap(8);
        charts.setPadding(new Insets(0, 12, 0, 12));
        verdict.setId("compare-verdict");
        verdict.setWrapText(true);
        verdict.setMaxWidth(Double.MAX_VALUE);
        verdict.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        verdict.setPadding(new Insets(4, 12, 4, 12));
        VBox centre = new VBox(4, verdict, charts);
        VBox.setVgrow(charts, Priority.ALWAYS);
        root.setCenter(centre);
        table.setId("compare-table");
        table.setPrefHeight(190);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY);
        buildColumns();
        Button copy = new Button(Messages.get("compare.copy"));
        copy.setId("compare-copy");
        copy.setOnAction(event -> copyTable());
        Button save = new Button(Messages.get("compare.saveCsv"));
        save.setOnAction(event -> saveCsv());
        copy.disableProperty().bind(model.resultProperty().isNull());
        save.disableProperty().bind(model.resultProperty().isNull());
        VBox bottom = new VBox(4, table, new HBox(8, copy, save));
        bottom.setPadding(new Insets(8, 12, 12, 12));
        root.setBottom(bottom);
        table.setPlaceholder(new Label(Messages.get("compare.empty.table")));
        verdict.setText(Messages.get("compare.empty"));
        model.resultProperty().addListener((obs, old, result) -> show(result, false));
        model.partialProperty().addListener((obs, old, soFar) -> {
            if (soFar != null && model.resultProperty().get() == null) {
                show(soFar, true);
            }
        });
        model.errorProperty().addListener((obs, old, message) -> {
            if (message != null) {
                verdict.setText(message);
            }
        });
        model.service().stateProperty().addListener((obs, old, state) -> {
            if (state == javafx.concurrent.Worker.State.CANCELLED) {
                verdict.setText(Messages.get("compare.cancelled"));
            } else if (state == javafx.concurrent.Worker.State.RUNNING) {
                verdict.setText(Messages.get("compare.running"));
            }
        });
    }

    private Node configuration() {
        HBox methods = new HBox(8);
        for (Surrogate surrogate : Surrogate.values()) {
            CheckBox box = new CheckBox(surrogate.id());
            box.selectedProperty().bindBidirectional(model.baselineProperty(surrogate));
            box.setTooltip(new Tooltip(Messages.get("compare.surrogate.tooltip")));
            methods.getChildren().add(box);
        }
        ComboBox<Integer> layers = new ComboBox<>(FXCollections.observableArrayList(2, 3));
        layers.setValue(model.layersProperty().get());
        layers.valueProperty().addListener((obs, old, value) -> model.layersProperty().set(value));
        Spinner<Integer> seeds = spinner(1, 100, model.seedsProperty(), 1);
        seeds.setId("compare-seeds");
        seeds.setTooltip(new Tooltip(Messages.get("compare.seeds.tooltip")));
        Spinner<Integer> epochs = spinner(1, 100_000, model.epochsProperty(), 100);
        epochs.setId("compare-epochs");
        Spinner<Integer> width = spinner(1, 100_000, model.widthProperty(), 50);
        width.setId("compare-width");
        Button run = new Button(Messages.get("compare.run"));
        run.setId("compare-run");
        run.disableProperty().bind(model.service().runningProperty());
        run.setOnAction(event -> model.run());
        Button cancel = new Button(Messages.get("action.cancel"));
        cancel.setId("compare-cancel");
        cancel.disableProperty().bind(model.service().runningProperty().not());
        cancel.setOnAction(event -> model.cancel());
        ProgressBar progress = new ProgressBar(0);
        progress.setId("compare-progress");
        progress.progressProperty().bind(Bindings.when(model.service().runningProperty())
                .then(model.service().progressProperty()).otherwise(0.0));
        Label message = new Label();
        message.textProperty().bind(Bindings.when(model.service().runningProperty())
                .then(model.service().messageProperty()).otherwise(""));
        HBox first = new HBox(8, new Label(Messages.get("compare.baselines")), methods,
                new Label(Messages.get("compare.layers")), layers);
        HBox second = new HBox(8, new Label(Messages.get("compare.seeds")), seeds, new Label(Messages.get("compare.epochs")),
                epochs, new Label(Messages.get("compare.width")), width, run, cancel, progress, message);
        first.setAlignment(Pos.CENTER_LEFT);
        second.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(6, first, second);
        box.setPadding(new Insets(12));
        return box;
    }

    private static Spinner<Integer> spinner(int min, int max, javafx.beans.property.IntegerProperty property, int step) {
        Spinner<Integer> spinner = new Spinner<>(min, max, property.get(), step);
        spinner.setEditable(true);
        spinner.setPrefWidth(95);
        spinner.valueProperty().addListener((obs, old, value) -> property.set(value));
        property.addListener((obs, old, value) -> spinner.getValueFactory().setValue(value.intValue()));
        return spinner;
    }

    private void buildColumns() {
        TableColumn<MethodSummary, String> name = column(Messages.get("compare.column.method"), s -> s.name());
        TableColumn<MethodSummary, String> objective = column(Messages.get("compare.column.objective"),
                s -> meanSd(s.objective(), "%.5g", "%.2g"));
        TableColumn<MethodSummary, String> excess = column(Messages.get("compare.column.excess"),
                s -> Double.isNaN(s.excess().mean()) || s.name().equals(referenceName()) ? "-" : String.format(Messages.locale(), "%+.1f%%",
                        100 * s.excess().mean()));
        TableColumn<MethodSummary, String> accuracy = column(Messages.get("compare.column.metric"),
                s -> metric(s, model.resultProperty().get()));
        TableColumn<MethodSummary, String> time = column(Messages.get("compare.column.time"),
                s -> String.format(Messages.locale(), "%.2f", s.seconds().mean()));
        TableColumn<MethodSummary, String> p = column(Messages.get("compare.column.p"), s -> s.pValue() == null ? "-"
                : String.format(Locale.ROOT, "%.4f / %.4f", s.pValueObjective(), s.pValue()));
        TableColumn<MethodSummary, String> significant = column(Messages.get("compare.column.significant"),
                s -> s.pValue() == null ? "" : (s.pValue() < SIGNIFICANCE || s.pValueObjective() < SIGNIFICANCE)
                        ? Messages.get("compare.yes") : Messages.get("compare.no"));
        table.getColumns().setAll(List.of(name, objective, excess, accuracy, time, p, significant));
    }

    private static TableColumn<MethodSummary, String> column(String title,
                                                             java.util.function.Function<MethodSummary, String> value) {
        TableColumn<MethodSummary, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new javafx.beans.property.SimpleStringProperty(value.apply(cell.getValue())));
        return column;
    }

    private String referenceName() {
        ExperimentResult result = model.resultProperty().get();
        return result == null ? "" : result.reference();
    }

    private static String meanSd(Stats stats, String mean, String sd) {
        return String.format(Messages.locale(), mean + " \u00b1 " + sd, stats.mean(), stats.sd());
    }

    private static String metric(MethodSummary summary, ExperimentResult result) {
        if (result == null) {
            return "";
        }
        Stats stats = summary.test().get(result.primaryMetric());
        return stats == null ? "-" : meanSd(stats, "%.4f", "%.4f");
    }

    /** Shows a result, or the results so far of a running comparison ({@code partial}). */
    private void show(ExperimentResult result, boolean partial) {
        if (result == null) {
            table.getItems().clear();
            charts.getChildren().clear();
            if (!model.service().isRunning()) {
                verdict.setText(Messages.get("compare.empty"));
            }
            return;
        }
        table.getColumns().get(3).setText(Messages.get("compare.column.metric.named",
                Messages.get("metric." + result.primaryMetric())));
        table.setItems(FXCollections.observableArrayList(result.methods()));
        // a row equal to the one shown before (the reference's summary is the same record in the last partial
        // result and the final one) keeps its cells, which read the page's result: compute them again
        table.refresh();
        verdict.setText(partial ? Messages.get("compare.partial", result.runs().size(),
                result.spec().seeds() * result.spec().methods().size()) : verdictText(result));
        List<ChartViewer> viewers = new ArrayList<>();
        viewers.add(viewer(Charts.objectiveOverTime(Messages.get("compare.chart.objective"),
                Messages.get("compare.chart.time"), Messages.get("compare.chart.j"), result, false), "chart-objective"));
        viewers.add(viewer(Charts.objectiveOverTime(Messages.get("compare.chart.metric",
                Messages.get("metric." + result.primaryMetric())), Messages.get("compare.chart.time"),
                Messages.get("metric." + result.primaryMetric()), result, true), "chart-metric"));
        viewers.add(viewer(Charts.spread(Messages.get("compare.chart.spread"), Messages.get("compare.chart.j"), result),
                "chart-spread"));
        viewers.add(viewer(Charts.excess(Messages.get("compare.chart.excess"), Messages.get("compare.chart.excessAxis"),
                result), "chart-excess"));
        charts.getChildren().clear();
        for (int i = 0; i < viewers.size(); i++) {
            ChartViewer viewer = viewers.get(i);
            GridPane.setHgrow(viewer, Priority.ALWAYS);
            GridPane.setVgrow(viewer, Priority.ALWAYS);
            charts.add(viewer, i % 2, i / 2);
        }
    }

    private static ChartViewer viewer(org.jfree.chart.JFreeChart chart, String id) {
        ChartViewer viewer = Charts.viewer(chart);
        viewer.setId(id);
        return viewer;
    }

    /**
     * A plain-words verdict (method.md section 11): first the held-out metric of the reference and of
     * the best baseline on it, then where the reference stands on J, and the best baseline's J and
     * spread across seeds.
     */
    public static String verdictText(ExperimentResult result) {
        String onJ = verdictOnJ(result);
        MethodSummary reference = result.summary(result.reference());
        MethodSummary best = result.bestOnMetric();
        if (reference == null || best == null || reference.test().get(result.primaryMetric()) == null) {
            return onJ;
        }
        Stats mine = reference.test().get(result.primaryMetric());
        Stats theirs = best.test().get(result.primaryMetric());
        String metric = Messages.get(result.smallerIsBetter() ? "compare.verdict.metric.lower"
                : "compare.verdict.metric.higher", Messages.get("metric." + result.primaryMetric()),
                result.spec().seeds(), result.reference(), meanSd(mine, "%.3f", "%.3f"), best.name(),
                meanSd(theirs, "%.3f", "%.3f"));
        return onJ.isEmpty() ? metric : metric + " " + onJ;
    }

    private static String verdictOnJ(ExperimentResult result) {
        MethodSummary reference = result.methods().stream().filter(m -> m.name().equals(result.reference()))
                .findFirst().orElse(null);
        int below = result.methods().stream().mapToInt(MethodSummary::belowReference).sum();
        MethodSummary best = result.methods().stream().filter(m -> !m.name().equals(result.reference()))
                .min(java.util.Comparator.comparingDouble(m -> m.objective().mean())).orElse(null);
        if (reference == null || best == null) {
            return "";
        }
        Stats metric = best.test().get(result.primaryMetric());
        return Messages.get(below == 0 ? "compare.verdict.lowest" : "compare.verdict.beaten", result.spec().seeds(),
                best.name(), String.format(Messages.locale(), "%.0f", 100 * best.excess().mean()),
                Messages.get("metric." + result.primaryMetric()),
                metric == null ? "-" : String.format(Messages.locale(), "%.1f", 100 * metric.sd()));
    }

    private void copyTable() {
        ExperimentResult result = model.resultProperty().get();
        if (result == null) {
            return;
        }
        StringBuilder text = new StringBuilder();
        for (TableColumn<MethodSummary, ?> column : table.getColumns()) {
            text.append(column.getText()).append('\t');
        }
        text.setLength(text.length() - 1);
        text.append('\n');
        for (MethodSummary summary : table.getItems()) {
            List<String> cells = new ArrayList<>();
            for (TableColumn<MethodSummary, ?> column : table.getColumns()) {
                cells.add(String.valueOf(column.getCellData(summary)));
            }
            text.append(String.join("\t", cells)).append('\n');
        }
        ClipboardContent content = new ClipboardContent();
        content.putString(text.toString());
        Clipboard.getSystemClipboard().setContent(content);
    }

    private void saveCsv() {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName("comparison.csv");
        java.io.File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file != null) {
            model.saveCsv(file.toPath());
        }
    }

    @Override
    public Node view() {
        return root;
    }
}
