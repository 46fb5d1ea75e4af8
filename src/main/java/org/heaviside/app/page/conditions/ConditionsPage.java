package org.heaviside.app.page.conditions;

import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Circle;
import org.heaviside.app.ui.Messages;
import org.heaviside.app.ui.ModelPage;
import org.heaviside.conditions.Condition;

/**
 * The Conditions page: one card per condition with a traffic light (green met, red not met, grey
 * unknown until a solve), its numbers, what it means for the guarantee and what to do.
 */
public final class ConditionsPage extends ModelPage {

    private final ConditionsViewModel model;
    private final BorderPane root = new BorderPane();
    private final FlowPane cards = new FlowPane(12, 12);

    /** Builds the page on its view model. */
    public ConditionsPage(ConditionsViewModel model) {
        super("page.conditions", model::dispose);
        this.model = model;
        root.setId("conditions-page");
        Label title = new Label(Messages.get("conditions.title"));
        title.getStyleClass().add("page-title");
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(model.service().runningProperty());
        javafx.scene.control.Button coverage = new javafx.scene.control.Button(Messages.get("conditions.coverage"));
        coverage.setId("coverage-run");
        coverage.setTooltip(new Tooltip(Messages.get("conditions.coverage.tooltip")));
        coverage.disableProperty().bind(model.coverageService().runningProperty());
        coverage.setOnAction(event -> model.computeCoverage());
        javafx.scene.control.ProgressBar progress = new javafx.scene.control.ProgressBar();
        progress.visibleProperty().bind(model.coverageService().runningProperty());
        progress.progressProperty().bind(model.coverageService().progressProperty());
        HBox header = new HBox(8, title, busy, new javafx.scene.layout.Region(), coverage, progress);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(12));
        root.setTop(header);
        cards.setPadding(new Insets(0, 12, 12, 12));
        cards.setId("condition-cards");
        ScrollPane scroll = new ScrollPane(cards);
        scroll.setFitToWidth(true);
        root.setCenter(scroll);
        model.conditions().addListener((ListChangeListener<Condition>) change -> rebuild());
        model.coverageProperty().addListener((obs, old, value) -> {
            if (value == null) {
                root.setBottom(null);
                return;
            }
            org.jfree.chart.fx.ChartViewer viewer = org.heaviside.app.chart.Charts.viewer(
                    org.heaviside.app.chart.Charts.patternCoverage(Messages.get("conditions.coverage.title",
                            String.format(Messages.locale(), "%.4g", value.beta())),
                            Messages.get("conditions.coverage.directions"), Messages.get("conditions.coverage.patterns"),
                            Messages.get("conditions.coverage.objective"), value));
            viewer.setId("coverage-chart");
            viewer.setPrefHeight(260);
            root.setBottom(viewer);
        });
        rebuild();
    }

    /** Cards in three groups: the two-layer guarantee, the three-layer (shattering) one, data health. */
    private void rebuild() {
        cards.getChildren().clear();
        String[][] groups = {{"conditions.group.twoLayer", "two-layer."},
            {"conditions.group.threeLayer", "shattering.", "deep."}, {"conditions.group.data", "data."}};
        for (String[] group : groups) {
            FlowPane row = new FlowPane(12, 12);
            for (Condition condition : model.conditions()) {
                for (int g = 1; g < group.length; g++) {
                    if (condition.id().startsWith(group[g])) {
                        row.getChildren().add(card(condition));
                    }
                }
            }
            if (!row.getChildren().isEmpty()) {
                Label header = new Label(Messages.get(group[0]));
                header.getStyleClass().add("group-title");
                VBox box = new VBox(6, header, row);
                box.setPrefWidth(1120);
                cards.getChildren().add(box);
            }
        }
    }

    private static Node card(Condition condition) {
        Circle light = new Circle(7);
        light.getStyleClass().addAll("light", "light-" + condition.verdict().replace('_', '-'));
        Label name = new Label(Messages.get("condition." + condition.id()));
        name.getStyleClass().add("card-title");
        Label verdict = new Label(Messages.get("verdict." + condition.verdict()));
        verdict.getStyleClass().add("verdict");
        HBox top = new HBox(8, light, name, verdict);
        top.setAlignment(Pos.CENTER_LEFT);
        Label detail = new Label(detail(condition));
        detail.setWrapText(true);
        detail.getStyleClass().add("condition-detail");
        VBox box = new VBox(6, top, detail);
        if (!condition.meaning().isEmpty()) {
            Label meaning = new Label(meaning(condition));
            meaning.setWrapText(true);
            meaning.getStyleClass().add("condition-meaning");
            box.getChildren().add(meaning);
        }
        if (!condition.hint().isEmpty()) {
            Label hint = new Label(Messages.get("conditions.todo", Messages.has("cond." + condition.id() + ".hint")
                    ? Messages.get("cond." + condition.id() + ".hint") : condition.hint()));
            hint.setWrapText(true);
            hint.getStyleClass().add("condition-hint");
            box.getChildren().add(hint);
        }
        box.setId("condition-" + condition.id().replace('.', '-'));
        box.setUserData(condition.verdict());
        box.getStyleClass().add("card");
        box.setPadding(new Insets(10));
        box.setPrefWidth(350);
        Tooltip.install(box, new Tooltip(Messages.get("condition." + condition.id() + ".tooltip")));
        return box;
    }

    /** The detail in the current language, from the condition's wording key and arguments. */
    static String detail(Condition condition) {
        String key = "cond." + condition.key();
        return Messages.has(key) ? Messages.get(key, condition.args().toArray()) : condition.detail();
    }

    private static String meaning(Condition condition) {
        for (String key : new String[] {"cond." + condition.key() + ".meaning", "cond." + condition.id() + ".meaning"}) {
            if (Messages.has(key)) {
                return Messages.get(key);
            }
        }
        return condition.meaning();
    }

    @Override
    public Node view() {
        return root;
    }
}
