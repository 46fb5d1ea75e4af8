package org.heaviside.app.page.export;

import java.io.File;
import java.util.Locale;
import javafx.beans.property.DoubleProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import org.heaviside.app.ui.Messages;
import org.heaviside.app.ui.ModelPage;

/**
 * The Export page: the formats as cards (JSON, ONNX, C) with their verification results, the cost
 * profile, the robustness under sensor noise, and the manager report with its ROI inputs.
 */
public final class ExportPage extends ModelPage {

    private final ExportViewModel model;
    private final VBox root = new VBox(12);
    private final Label profile = new Label(Messages.get("export.profile.none"));
    private final ScrollPane scroll = new ScrollPane(root);

    /** Builds the page. */
    public ExportPage(ExportViewModel model) {
        super("page.export", model::dispose);
        this.model = model;
        root.setId("export-page");
        root.setPadding(new Insets(12));
        Label title = new Label(Messages.get("export.title"));
        title.getStyleClass().add("page-title");
        Button json = card("export-json", "JSON", Messages.get("export.json.tooltip"));
        json.setOnAction(event -> chooseFile("model.json", "*.json", model::exportJson));
        Button onnx = card("export-onnx", "ONNX", Messages.get("export.onnx.tooltip"));
        onnx.setOnAction(event -> chooseFile("model.onnx", "*.onnx", model::exportOnnx));
        Button c = card("export-c", "C", Messages.get("export.c.tooltip"));
        c.setOnAction(event -> {
            DirectoryChooser chooser = new DirectoryChooser();
            File folder = chooser.showDialog(root.getScene().getWindow());
            if (folder != null) {
                model.exportC(folder.toPath());
            }
        });
        for (Button button : new Button[] {json, onnx, c}) {
            button.disableProperty().bind(model.modelMissing().or(model.worker().runningProperty()));
        }
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(20, 20);
        busy.visibleProperty().bind(model.worker().runningProperty());
        ListView<String> results = new ListView<>();
        results.setId("export-results");
        results.setPrefHeight(120);
        results.setPlaceholder(new javafx.scene.control.Label(Messages.get("export.results.empty")));
        model.outcomes().addListener((ListChangeListener<ExportViewModel.Outcome>) change ->
                results.getItems().setAll(model.outcomes().stream().map(ExportViewModel.Outcome::message).toList()));
        profile.setId("export-profile");
        profile.setWrapText(true);
        model.profileProperty().addListener((obs, old, value) -> profile.setText(value == null
                ? Messages.get("export.profile.none") : Messages.get("export.profile",
                value.cost().parameters(), value.cost().bytes(), value.cost().firstLayerMacs(),
                value.cost().laterBitOps(), value.cost().reluMacs(),
                String.format(Messages.locale(), "%,.0f", value.cost().javaRowsPerSecond()),
                String.format(Messages.locale(), "%,.0f", value.cost().reluRowsPerSecond()), value.flash(), value.ram(),
                String.format(Messages.locale(), "%.0f", 100 * model.noiseShareProperty().get()),
                String.format(Messages.locale(), "%.1f", 100 * value.stableShare()), value.rows())));
        Spinner<Double> noise = new Spinner<>(0.0, 1.0, model.noiseShareProperty().get(), 0.01);
        noise.setEditable(true);
        noise.setId("export-noise");
        noise.valueProperty().addListener((obs, old, value) -> model.noiseShareProperty().set(value));
        noise.setTooltip(new Tooltip(Messages.get("export.noise.tooltip")));
        GridPane roi = new GridPane();
        roi.setHgap(8);
        roi.setVgap(6);
        roi.addRow(0, new Label(Messages.get("export.roi.rows")), field(model.rowsPerDayProperty()));
        roi.addRow(1, new Label(Messages.get("export.roi.missed")), field(model.missedCostProperty()));
        roi.addRow(2, new Label(Messages.get("export.roi.falseAlarm")), field(model.falseAlarmCostProperty()));
        roi.addRow(3, new Label(Messages.get("export.roi.hardware")), field(model.hardwareCostProperty()));
        roi.addRow(4, new Label(Messages.get("export.roi.pilotRecall")), field(model.pilotMinRecallProperty()));
        roi.addRow(5, new Label(Messages.get("export.roi.pilotSavings")), field(model.pilotMinSavingsProperty()));
        Button report = new Button(Messages.get("export.report.create"));
        report.setId("export-report");
        report.setTooltip(new Tooltip(Messages.get("export.report.tooltip")));
        report.disableProperty().bind(model.comparisonMissing().or(model.worker().runningProperty()));
        report.setOnAction(event -> chooseFile("report.pdf", "*.pdf", model::createReport));
        Label formats = new Label(Messages.get("export.formats"));
        formats.getStyleClass().add("group-title");
        Label cost = new Label(Messages.get("export.cost.heading"));
        cost.getStyleClass().add("group-title");
        Label reportHeading = new Label(Messages.get("export.report.heading"));
        reportHeading.getStyleClass().add("group-title");
        root.getChildren().addAll(new HBox(8, title, busy), formats, new FlowPane(12, 12, json, onnx, c), results, cost,
                new HBox(8, new Label(Messages.get("export.noise")), noise), profile, reportHeading, roi, report);
    }

    private static Button card(String id, String name, String tooltip) {
        Button button = new Button(name);
        button.setId(id);
        button.getStyleClass().add("card");
        button.setPrefSize(160, 70);
        button.setTooltip(new Tooltip(tooltip));
        return button;
    }

    private static TextField field(DoubleProperty property) {
        double value = property.get();
        TextField field = new TextField(value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : Double.toString(value));
        field.setPrefColumnCount(10);
        field.textProperty().addListener((obs, old, text) -> {
            try {
                property.set(Double.parseDouble(text.trim().replace(",", "")));
                field.getStyleClass().remove("invalid");
            } catch (NumberFormatException e) {
                if (!field.getStyleClass().contains("invalid")) {
                    field.getStyleClass().add("invalid");
                }
            }
        });
        return field;
    }

    private void chooseFile(String name, String pattern, java.util.function.Consumer<java.nio.file.Path> action) {
        FileChooser chooser = new FileChooser();
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(pattern, pattern));
        if (pattern.equals("*.pdf")) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("*.html", "*.html"));
        }
        File file = chooser.showSaveDialog(root.getScene().getWindow());
        if (file != null) {
            action.accept(file.toPath());
        }
    }

    @Override
    public Node view() {
        scroll.setFitToWidth(true);
        return scroll;
    }
}
