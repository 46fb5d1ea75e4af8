package org.heaviside.app.page.train;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /** The nodes showing {@code outcome}, top to bottom. */
    static List<Node> create(TrainOutcome outcome) {
        Locale locale = Messages.locale();
        HBox top = new HBox(16, createCard(outcome, locale));
        if (outcome.confusion() != null) {
            top.getChildren().add(createConfusion(outcome));
        }
        if (outcome.predictedActual() != null) {
            top.getChildren().add(createScatter(outcome));
        }
        Label metrics = new Label(Messages.get("train.metrics", metrics(outcome.train(), locale),
                metrics(outcome.test(), locale)));
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
        Label text = new Label(value);
        text.setId(id);
        card.addRow(row, name, text);
        return row + 1;
    }

    private static Node createConfusion(TrainOutcome outcome) {
        int[] c = outcome.confusion();
        GridPane grid = card("confusion-matrix");
        grid.add(new Label(Messages.get("train.confusion", outcome.positive())), 0, 0, 3, 1);
        grid.addRow(1, new Label(""), new Label(Messages.get("train.confusion.predictedPositive")),
                new Label(Messages.get("train.confusion.predictedNegative")));
        grid.addRow(2, new Label(Messages.get("train.confusion.actualPositive")), new Label(Integer.toString(c[0])),
                new Label(Integer.toString(c[1])));
        grid.addRow(3, new Label(Messages.get("train.confusion.actualNegative")), new Label(Integer.toString(c[2])),
                new Label(Integer.toString(c[3])));
        return grid;
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
