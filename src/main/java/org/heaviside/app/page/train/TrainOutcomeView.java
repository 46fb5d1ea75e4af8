package org.heaviside.app.page.train;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import org.heaviside.app.chart.Charts;
import org.heaviside.app.study.TrainOutcome;
import org.heaviside.app.ui.Messages;
import org.jfree.chart.fx.ChartViewer;

/**
 * A training outcome as the Train page shows it: the certificate card (objective, J, gap, status,
 * certificate, neurons, patterns, time), the confusion matrix or the predicted-against-actual chart,
 * the metrics, and the strongest neurons as rules.
 */
final class TrainOutcomeView {

    private TrainOutcomeView() {
    }

    /**
     * The nodes showing {@code outcome}, top to bottom; the confusion matrix and the metrics follow
     * {@code point}, the figures at the model's operating point as the user moves it (null: the outcome's).
     */
    static List<Node> create(TrainOutcome outcome, ObservableValue<OperatingPointViewModel.Readout> point) {
        Locale locale = Messages.locale();
        HBox top = new HBox(16, createCard(outcome, locale));
        if (outcome.confusion() != null) {
            top.getChildren().add(createConfusion(outcome, point));
        }
        if (outcome.predictedActual() != null) {
            top.getChildren().add(createScatter(outcome));
        }
        Label metrics = new Label();
        metrics.textProperty().bind(Bindings.createStringBinding(() -> {
            OperatingPointViewModel.Readout at = live(outcome, point);
            return Messages.get("train.metrics", metrics(at == null ? outcome.train() : at.train(), locale),
                    metrics(at == null ? outcome.test() : at.test(), locale));
        }, point));
        metrics.setId("train-metrics");
        metrics.setWrapText(true);
        if (outcome.rules().isEmpty()) {
            return List.of(top, metrics);
        }
        ListView<String> rules = new ListView<>(FXCollections.observableArrayList(outcome.rules()));
        rules.setId("neuron-rules");
        rules.setPrefHeight(160);
        return List.of(top, metrics, new Label(Messages.get("train.rules")), rules);
    }

    private static Node createCard(TrainOutcome outcome, Locale locale) {
        GridPane card = card("certificate-card");
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
        return card;
    }

    private static int cardRow(GridPane card, int row, String key, String value, String id) {
        Label name = new Label(Messages.get(key));
        name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label text = new Label(value);
        text.setId(id);
        // long values (the certificate's sentence) wrap instead of squeezing the confusion matrix beside the card
        text.setWrapText(true);
        text.setMaxWidth(340);
        card.addRow(row, name, text);
        return row + 1;
    }

    private static Node createConfusion(TrainOutcome outcome, ObservableValue<OperatingPointViewModel.Readout> point) {
        GridPane grid = card("confusion-matrix");
        grid.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        grid.add(new Label(Messages.get("train.confusion", outcome.positive())), 0, 0, 3, 1);
        grid.addRow(1, new Label(""), new Label(Messages.get("train.confusion.predictedPositive")),
                new Label(Messages.get("train.confusion.predictedNegative")));
        grid.addRow(2, new Label(Messages.get("train.confusion.actualPositive")), cell(outcome, point, 0),
                cell(outcome, point, 1));
        grid.addRow(3, new Label(Messages.get("train.confusion.actualNegative")), cell(outcome, point, 2),
                cell(outcome, point, 3));
        return grid;
    }

    /** Cell {@code index} of {TP, FN, FP, TN}, at the live operating point when there is one. */
    private static Label cell(TrainOutcome outcome, ObservableValue<OperatingPointViewModel.Readout> point,
                              int index) {
        Label label = new Label();
        label.setId("confusion-" + new String[] {"tp", "fn", "fp", "tn"}[index]);
        label.textProperty().bind(Bindings.createStringBinding(() -> {
            OperatingPointViewModel.Readout at = live(outcome, point);
            return Integer.toString(at == null ? outcome.confusion()[index] : at.confusion()[index]);
        }, point));
        return label;
    }

    /**
     * The live figures when they belong to this outcome (same held-out size and two classes), else
     * null: a reopened study's outcome has no model behind it.
     */
    private static OperatingPointViewModel.Readout live(TrainOutcome outcome,
                                                        ObservableValue<OperatingPointViewModel.Readout> point) {
        OperatingPointViewModel.Readout at = point.getValue();
        if (at == null || outcome.confusion() == null) {
            return null;
        }
        int rows = 0;
        for (int i = 0; i < 4; i++) {
            rows += outcome.confusion()[i] - at.confusion()[i];
        }
        return rows == 0 ? at : null;
    }

    private static Node createScatter(TrainOutcome outcome) {
        ChartViewer scatter = Charts.viewer(Charts.predictedActual(Messages.get("train.scatter.title"),
                Messages.get("train.scatter.predicted"), Messages.get("train.scatter.actual"),
                outcome.predictedActual()));
        scatter.setId("predicted-actual");
        scatter.setPrefSize(360, 240);
        return scatter;
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

    /** An empty card (a grid styled as one) with the given id. */
    private static GridPane card(String id) {
        GridPane card = new GridPane();
        card.setId(id);
        card.getStyleClass().add("card");
        card.setHgap(12);
        card.setVgap(4);
        card.setPadding(new Insets(8));
        return card;
    }
}
