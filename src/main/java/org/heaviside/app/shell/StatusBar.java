package org.heaviside.app.shell;

import java.text.NumberFormat;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.heaviside.app.page.data.DataViewModel;
import org.heaviside.app.study.StudyModel;
import org.heaviside.app.study.TrainOutcome;
import org.heaviside.app.ui.Messages;
import org.heaviside.data.Table;

/**
 * The window's status bar: the dataset's shape, a breadcrumb of the study's choices (target, method,
 * β ratio, certificate), and the progress of a running load with its Cancel button.
 */
final class StatusBar {

    private final DataViewModel data;
    private final StudyModel study;
    private Label status = new Label();
    private Label breadcrumb = new Label();

    /** Follows the data page's loader and the study's choices. */
    StatusBar(DataViewModel data, StudyModel study) {
        this.data = data;
        this.study = study;
        study.tableProperty().addListener((obs, old, table) -> updateStatus());
        InvalidationListener crumb = obs -> updateBreadcrumb();
        study.specProperty().addListener(crumb);
        study.training().methodProperty().addListener(crumb);
        study.training().betaRatioProperty().addListener(crumb);
        study.training().presetProperty().addListener(crumb);
        study.outcomeProperty().addListener(crumb);
    }

    /** A new bar in the current language. */
    Region create() {
        status = new Label();
        status.setId("status");
        breadcrumb = new Label();
        breadcrumb.setId("breadcrumb");
        breadcrumb.getStyleClass().add("breadcrumb");
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
        HBox bar = new HBox(8, status, breadcrumb, spacer, message, progress, cancel);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(4, 8, 4, 8));
        bar.getStyleClass().add("status-bar");
        updateStatus();
        updateBreadcrumb();
        return bar;
    }

    private void updateStatus() {
        Table table = study.tableProperty().get();
        if (table == null) {
            status.setText(Messages.get("status.empty"));
            return;
        }
        NumberFormat integers = NumberFormat.getIntegerInstance(Messages.locale());
        status.setText(Messages.get("status.dataset", table.source(), integers.format(table.rows()),
                integers.format(table.columns().size())));
    }

    /** "target Machine failure > Convex, 2 layers, beta ratio 0.01 > certificate heuristic". */
    private void updateBreadcrumb() {
        var spec = study.specProperty().get();
        if (spec == null) {
            breadcrumb.setText("");
            return;
        }
        StringBuilder text = new StringBuilder(Messages.get("crumb.target", spec.target()));
        var outcome = study.outcomeProperty().get();
        text.append("  >  ").append(Messages.get("train.method." + study.training().methodProperty().get())).append(", ")
                .append(beta(outcome));
        if (outcome != null) {
            text.append("  >  ").append(Messages.get("train.certificate." + outcome.certificate()));
        }
        breadcrumb.setText(text.toString());
    }

    /**
     * The β part: the ratio the shown model was trained at (marked when cross-validation chose it), else
     * what the next run will use: the β field, or "by cross-validation" when the preset chooses it.
     */
    private String beta(TrainOutcome outcome) {
        if (outcome != null && outcome.betaRatio() != null) {
            return Messages.get(outcome.crossValidated() ? "crumb.beta.cv" : "crumb.beta", ratio(outcome.betaRatio()));
        }
        if (study.training().betaCrossValidated()) {
            return Messages.get("crumb.beta.pending");
        }
        return Messages.get("crumb.beta", ratio(study.training().betaRatioProperty().get()));
    }

    private static String ratio(double value) {
        return String.format(Messages.locale(), "%.4g", value);
    }
}
