package org.heaviside.app.page.train;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Font;
import org.heaviside.app.chart.Charts;
import org.heaviside.app.ui.Messages;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.fx.interaction.ChartMouseEventFX;
import org.jfree.chart.fx.interaction.ChartMouseListenerFX;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYSeries;

/**
 * The Train page's operating-point tab: the ROC and precision-recall curves with the operating
 * point marked, a slider (arrow keys move it a step) and a click on a curve to move it, the plant's
 * costs, the recall, false alarms per 1,000 rows and expected cost at the point, and a reset to the
 * cut training chose. Without a two-class model it says why in one line.
 */
final class OperatingPointView {

    private final OperatingPointViewModel model;
    private final XYSeries rocMarker = new XYSeries(Messages.get("train.point.marker"), false, true);
    private final XYSeries prMarker = new XYSeries(Messages.get("train.point.marker"), false, true);
    private final HBox charts = new HBox(8);
    private final Slider slider = new Slider(0, 1, 0);
    private final Label threshold = new Label();
    private final GridPane figures = new GridPane();
    private boolean updating;

    private OperatingPointView(OperatingPointViewModel model) {
        this.model = model;
    }

    /** The tab's content on {@code model}. */
    static Node create(OperatingPointViewModel model) {
        return new OperatingPointView(model).build();
    }

    private Node build() {
        Label reason = new Label();
        reason.setId("point-unavailable");
        reason.setWrapText(true);
        reason.textProperty().bind(model.unavailableProperty());
        reason.visibleProperty().bind(model.unavailableProperty().isNotNull());
        reason.managedProperty().bind(reason.visibleProperty());
        VBox content = new VBox(8, charts, createControls(), createCosts(), createFigures());
        content.setId("point-pane");
        content.visibleProperty().bind(model.curvesProperty().isNotNull());
        content.managedProperty().bind(content.visibleProperty());
        VBox.setVgrow(charts, Priority.ALWAYS);
        model.curvesProperty().addListener((obs, old, curves) -> showCurves(curves));
        model.readoutProperty().addListener((obs, old, readout) -> showReadout(readout));
        showCurves(model.curvesProperty().get());
        showReadout(model.readoutProperty().get());
        VBox root = new VBox(8, reason, content);
        root.setPadding(new Insets(8));
        return root;
    }

    private Node createControls() {
        slider.setId("point-slider");
        slider.setSnapToTicks(true);
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setTooltip(new Tooltip(Messages.get("train.point.slider.tooltip")));
        HBox.setHgrow(slider, Priority.ALWAYS);
        slider.valueProperty().addListener((obs, old, value) -> {
            if (!updating) {
                model.moveTo((int) Math.round(value.doubleValue()));
                if (!slider.isValueChanging()) {
                    model.save();
                }
            }
        });
        slider.valueChangingProperty().addListener((obs, old, changing) -> {
            if (!changing) {
                model.save();
            }
        });
        Label name = new Label(Messages.get("train.point.slider"));
        name.setLabelFor(slider);
        threshold.setId("point-threshold");
        threshold.setMinWidth(220);
        Button reset = new Button(Messages.get("train.point.reset"));
        reset.setId("point-reset");
        reset.setTooltip(new Tooltip(Messages.get("train.point.reset.tooltip")));
        reset.setOnAction(event -> model.reset());
        HBox row = new HBox(8, name, slider, threshold, reset);
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private Node createCosts() {
        HBox row = new HBox(8, new Label(Messages.get("train.point.missedCost")),
                costField("point-missed", "train.point.cost.prompt", model.missedCostProperty()),
                new Label(Messages.get("train.point.falseAlarmCost")),
                costField("point-alarm", "train.point.alarm.prompt", model.falseAlarmCostProperty()));
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    /** A cost field: a number of zero or more sets the cost; anything else clears it (NaN). */
    private static TextField costField(String id, String prompt, javafx.beans.property.DoubleProperty cost) {
        TextField field = new TextField(Double.isNaN(cost.get()) ? "" : plain(cost.get()));
        field.setId(id);
        field.setPrefColumnCount(8);
        field.setPromptText(Messages.get(prompt));
        field.setTooltip(new Tooltip(Messages.get("train.point.cost.tooltip")));
        field.textProperty().addListener((obs, old, text) -> {
            double value;
            try {
                value = Double.parseDouble(text.trim().replace(",", ""));
            } catch (NumberFormatException e) {
                value = Double.NaN;
            }
            cost.set(value >= 0 && Double.isFinite(value) ? value : Double.NaN);
        });
        cost.addListener((obs, old, value) -> {
            if (!Double.isNaN(value.doubleValue()) && !field.isFocused()) {
                field.setText(plain(value.doubleValue()));
            }
        });
        return field;
    }

    /** A cost as typed: whole numbers without decimals. */
    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
    }

    private Node createFigures() {
        figures.setId("point-figures");
        figures.getStyleClass().add("card");
        figures.setHgap(16);
        figures.setVgap(4);
        figures.setPadding(new Insets(8));
        javafx.scene.layout.ColumnConstraints names = new javafx.scene.layout.ColumnConstraints();
        names.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        figures.getColumnConstraints().add(names);
        return figures;
    }

    private void showCurves(OperatingPointViewModel.Curves curves) {
        charts.getChildren().clear();
        if (curves == null) {
            return;
        }
        String primary = Messages.get("train.point.heldOut", curves.rows());
        String reference = Messages.get(curves.referenceOutOfFold() ? "train.point.outOfFold" : "train.point.training",
                curves.referenceRows());
        ChartViewer roc = viewer(Charts.operatingCurve(Messages.get("train.point.roc.title"),
                Messages.get("train.point.roc.x"), Messages.get("train.point.roc.y"), primary,
                curves.roc(), reference, curves.referenceRoc(), rocMarker), "point-roc", curves.roc(), 0, curves);
        ChartViewer pr = viewer(Charts.operatingCurve(Messages.get("train.point.pr.title"),
                Messages.get("train.point.pr.x"), Messages.get("train.point.pr.y"), primary, curves.precisionRecall(),
                reference, curves.referencePrecisionRecall(), prMarker), "point-pr", curves.precisionRecall(), 1,
                curves);
        HBox.setHgrow(roc, Priority.ALWAYS);
        HBox.setHgrow(pr, Priority.ALWAYS);
        charts.getChildren().setAll(roc, pr);
        updating = true;
        slider.setMax(Math.max(1, curves.positions() - 1));
        slider.setBlockIncrement(Math.max(1, Math.round(curves.positions() / 200.0)));
        slider.setDisable(curves.positions() < 2);
        updating = false;
    }

    /**
     * A curve's viewer; a click moves the operating point to the curve's cut nearest the click
     * ({@code offset}: the cut of the curve's first point).
     */
    private ChartViewer viewer(JFreeChart chart, String id, double[][] points, int offset,
                               OperatingPointViewModel.Curves curves) {
        ChartViewer viewer = Charts.viewer(chart);
        viewer.setId(id);
        viewer.setPrefSize(360, 260);
        viewer.addChartMouseListener(new ChartMouseListenerFX() {
            @Override
            public void chartMouseClicked(ChartMouseEventFX event) {
                var info = viewer.getCanvas().getRenderingInfo();
                if (info == null || event.getTrigger().getButton() != javafx.scene.input.MouseButton.PRIMARY) {
                    return;
                }
                XYPlot plot = chart.getXYPlot();
                var area = info.getPlotInfo().getDataArea();
                double x = plot.getDomainAxis().java2DToValue(event.getTrigger().getX(), area, plot.getDomainAxisEdge());
                double y = plot.getRangeAxis().java2DToValue(event.getTrigger().getY(), area, plot.getRangeAxisEdge());
                int nearest = -1;
                double best = Double.POSITIVE_INFINITY;
                for (int k = 0; k < points.length; k++) {
                    double d = Math.hypot(points[k][0] - x, points[k][1] - y);
                    if (d < best) { // NaN distances never win
                        best = d;
                        nearest = k;
                    }
                }
                if (nearest >= 0) {
                    model.moveTo(curves.positions() - 1 - (nearest + offset));
                    model.save();
                }
            }

            @Override
            public void chartMouseMoved(ChartMouseEventFX event) {
                // only clicks move the point
            }
        });
        return viewer;
    }

    private void showReadout(OperatingPointViewModel.Readout readout) {
        rocMarker.clear();
        prMarker.clear();
        figures.getChildren().clear();
        if (readout == null) {
            return;
        }
        updating = true;
        slider.setValue(model.positionProperty().get());
        updating = false;
        Locale locale = Messages.locale();
        threshold.setText(Messages.get("train.point.threshold", String.format(locale, "%.4g", readout.threshold()),
                Messages.get("train.point.rule." + readout.rule())));
        double[] point = readout.point();
        if (!Double.isNaN(point[0]) && !Double.isNaN(point[1])) {
            rocMarker.add(point[0], point[1]);
        }
        if (!Double.isNaN(point[1]) && !Double.isNaN(point[2])) {
            prMarker.add(point[1], point[2]);
        }
        var curves = model.curvesProperty().get();
        figures.addRow(0, new Label(""), bold(Messages.get("train.point.heldOut", curves.rows())),
                bold(curves.referenceRoc() == null ? "" : Messages.get(curves.referenceOutOfFold()
                        ? "train.point.outOfFold" : "train.point.training", curves.referenceRows())));
        figure(1, "recall", percent(readout.recall(), locale), percent(readout.referenceRecall(), locale));
        figure(2, "falseAlarms", number(readout.falseAlarms(), locale), number(readout.referenceFalseAlarms(), locale));
        String missing = Messages.get("train.point.cost.missing");
        figure(3, "cost", Double.isNaN(readout.cost()) ? missing : number(readout.cost(), locale),
                Double.isNaN(readout.referenceCost()) ? (curves.referenceRoc() == null ? "" : missing)
                        : number(readout.referenceCost(), locale));
    }

    private void figure(int row, String key, String main, String reference) {
        Label name = new Label(Messages.get("train.point." + key));
        name.setTooltip(new Tooltip(Messages.get("train.point." + key + ".tooltip")));
        Label value = new Label(main);
        value.setId("point-" + key);
        figures.addRow(row, name, value, new Label(reference));
    }

    private static Label bold(String text) {
        Label label = new Label(text);
        label.setTooltip(new Tooltip(Messages.get("train.point.curves.tooltip")));
        label.setFont(Font.font(label.getFont().getFamily(), javafx.scene.text.FontWeight.BOLD,
                label.getFont().getSize()));
        return label;
    }

    private static String percent(double value, Locale locale) {
        return Double.isNaN(value) ? "-" : String.format(locale, "%.1f%%", 100 * value);
    }

    private static String number(double value, Locale locale) {
        return Double.isNaN(value) ? "-" : String.format(locale, "%,.1f", value);
    }
}
