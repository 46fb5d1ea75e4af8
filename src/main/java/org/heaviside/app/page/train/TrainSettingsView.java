package org.heaviside.app.page.train;

import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.heaviside.app.study.TrainSettings;
import org.heaviside.app.ui.Messages;
import org.heaviside.workflow.Preset;

/**
 * The Train page's settings, bound to its view model: method, loss, β (log slider and field as a
 * ratio of β_max, with cross-validation), patterns, data anchoring, certificate and seed.
 */
final class TrainSettingsView {

    private final TrainViewModel model;
    private final TrainSettings settings;

    TrainSettingsView(TrainViewModel model) {
        this.model = model;
        this.settings = model.settings();
    }

    /** The class-weight choice that reads the typed LABEL=W,... field. */
    static final String CUSTOM = "custom";

    /** The settings grid. */
    Node create() {
        GridPane grid = new GridPane();
        grid.setId("train-settings");
        // the labels keep their width; the controls' column takes the rest (the preset's wrapped line too)
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        ColumnConstraints controls = new ColumnConstraints();
        controls.setHgrow(Priority.ALWAYS);
        controls.setMinWidth(0);
        grid.getColumnConstraints().setAll(labels, controls);
        grid.setHgap(8);
        grid.setVgap(8);
        grid.setPadding(new Insets(12));
        grid.setPrefWidth(420);
        grid.setMinWidth(420);
        grid.addRow(0, new Label(Messages.get("train.preset")), createPreset());
        grid.addRow(1, new Label(Messages.get("train.method")), createMethod());
        grid.addRow(2, new Label(Messages.get("train.loss")), createLoss());
        grid.addRow(3, new Label(Messages.get("train.classWeight")), createClassWeight());
        grid.addRow(4, new Label(Messages.get("train.beta")), createBeta());
        grid.addRow(5, new Label(Messages.get("train.patterns")), createPatterns());
        grid.add(createCheckBox("train.anchored", "train.anchored.tooltip", null, settings.anchoredProperty()), 1, 6);
        grid.add(createCheckBox("train.certify", "train.certificate.tooltip", "train-certify", settings.certifyProperty()),
                1, 7);
        grid.addRow(8, new Label(Messages.get("train.seed")), createSeed());
        return grid;
    }

    private Node createMethod() {
        ComboBox<String> method = new ComboBox<>(FXCollections.observableArrayList(TrainViewModel.CONVEX,
                TrainViewModel.SHATTERING, TrainViewModel.DEEP_LASSO));
        method.setId("train-method");
        method.setConverter(converter("train.method."));
        method.valueProperty().bindBidirectional(settings.methodProperty());
        method.setTooltip(new Tooltip(Messages.get("train.method.tooltip")));
        return method;
    }

    /** The preset choice and one line on what it sets beyond the controls below. */
    private Node createPreset() {
        ComboBox<String> preset = new ComboBox<>(FXCollections.observableArrayList(Preset.RECOMMENDED.id(),
                Preset.PAPER.id()));
        preset.setId("train-preset");
        preset.setConverter(converter("train.preset."));
        preset.valueProperty().bindBidirectional(model.presetProperty());
        preset.setTooltip(new Tooltip(Messages.get("train.preset.tooltip")));
        Label detail = new Label();
        detail.setWrapText(true);
        // wraps to the column's width instead of asking for its whole line
        detail.setMinWidth(0);
        detail.setPrefWidth(0);
        detail.setMaxWidth(Double.MAX_VALUE);
        detail.textProperty().bind(Bindings.createStringBinding(() -> Messages.get("train.preset."
                + model.presetProperty().get() + ".detail"), model.presetProperty()));
        return new VBox(4, preset, detail);
    }

    /**
     * The row weights per class: balanced, none, or custom weights typed as LABEL=W,... (committed on
     * Enter or when the field loses focus; a bad entry is marked and keeps the last good weights).
     */
    private Node createClassWeight() {
        ComboBox<String> choice = new ComboBox<>(FXCollections.observableArrayList(TrainViewModel.NAMED_CLASS_WEIGHTS));
        choice.getItems().add(CUSTOM);
        choice.setId("train-class-weight");
        choice.setConverter(converter("train.classWeight."));
        Tooltip tooltip = new Tooltip(Messages.get("train.classWeight.tooltip"));
        tooltip.setWrapText(true);
        tooltip.setMaxWidth(420);
        choice.setTooltip(tooltip);
        TextField custom = new TextField();
        custom.setId("train-class-weight-custom");
        custom.setPromptText(Messages.get("train.classWeight.prompt"));
        custom.setPrefColumnCount(10);
        custom.setTooltip(tooltip);
        Runnable show = () -> {
            String value = settings.classWeightProperty().get();
            boolean named = TrainViewModel.NAMED_CLASS_WEIGHTS.contains(value);
            choice.setValue(named ? value : CUSTOM);
            if (!named) {
                custom.setText(value);
            }
            custom.setDisable(named);
            custom.getStyleClass().remove("invalid");
        };
        show.run();
        settings.classWeightProperty().addListener((obs, old, value) -> show.run());
        choice.valueProperty().addListener((obs, old, value) -> {
            if (value == null || value.equals(CUSTOM)) {
                custom.setDisable(false);
                if (!custom.getText().isBlank()) {
                    commitClassWeight(custom, tooltip);
                }
                return;
            }
            settings.classWeightProperty().set(value);
        });
        custom.setOnAction(event -> commitClassWeight(custom, tooltip));
        custom.focusedProperty().addListener((obs, old, focused) -> {
            if (!focused && !custom.isDisabled()) {
                commitClassWeight(custom, tooltip);
            }
        });
        return new HBox(6, choice, custom);
    }

    /** The custom weights typed, when they parse; else the field is marked and says why. */
    private void commitClassWeight(TextField custom, Tooltip tooltip) {
        String problem = model.customClassWeights(custom.getText());
        if (problem == null) {
            custom.getStyleClass().remove("invalid");
            custom.setTooltip(tooltip);
        } else {
            if (!custom.getStyleClass().contains("invalid")) {
                custom.getStyleClass().add("invalid");
            }
            custom.setTooltip(new Tooltip(problem));
        }
    }

    private Node createLoss() {
        ComboBox<String> loss = new ComboBox<>(FXCollections.observableArrayList("squared", "logistic"));
        loss.setId("train-loss");
        loss.setConverter(converter("train.loss."));
        loss.valueProperty().bindBidirectional(settings.lossProperty());
        return loss;
    }

    /** β as a ratio of β_max: a log slider and a field kept in step, and cross-validation with its progress. */
    private Node createBeta() {
        Slider slider = new Slider(-4, 0, Math.log10(settings.betaRatioProperty().get()));
        slider.setId("beta-slider");
        slider.setShowTickMarks(true);
        slider.setMajorTickUnit(1);
        TextField ratio = createRatioField();
        slider.setTooltip(ratio.getTooltip());
        slider.valueProperty().addListener((obs, old, value) -> {
            if (slider.isValueChanging() || slider.isFocused()) {
                settings.betaRatioProperty().set(Math.pow(10, value.doubleValue()));
            }
        });
        settings.betaRatioProperty().addListener((obs, old, value) -> {
            ratio.setText(format(value.doubleValue()));
            ratio.getStyleClass().remove("invalid");
            if (!slider.isValueChanging()) {
                slider.setValue(Math.log10(value.doubleValue()));
            }
        });
        ProgressBar validating = new ProgressBar();
        validating.setPrefWidth(120);
        validating.visibleProperty().bind(model.validationService().runningProperty());
        validating.progressProperty().bind(model.validationService().progressProperty());
        VBox beta = new VBox(4, slider, new HBox(6, ratio, createValidateButton()), validating);
        // the recommended preset cross-validates β in every two-layer run
        beta.disableProperty().bind(Bindings.createBooleanBinding(model::betaCrossValidated, model.presetProperty(),
                settings.methodProperty()));
        return beta;
    }

    private TextField createRatioField() {
        TextField ratio = new TextField(format(settings.betaRatioProperty().get()));
        ratio.setId("beta-ratio");
        ratio.setPrefColumnCount(7);
        ratio.setTooltip(new Tooltip(Messages.get("train.beta.tooltip")));
        org.controlsfx.validation.ValidationSupport validation = new org.controlsfx.validation.ValidationSupport();
        validation.registerValidator(ratio, false, org.controlsfx.validation.Validator.<String>createPredicateValidator(
                text -> parseRatio(text) > 0, Messages.get("train.beta.invalid", "")));
        ratio.setOnAction(event -> commitRatio(ratio));
        ratio.focusedProperty().addListener((obs, old, focused) -> {
            if (!focused) {
                commitRatio(ratio);
            }
        });
        return ratio;
    }

    private Node createValidateButton() {
        Button validate = new Button(Messages.get("train.validate"));
        validate.setId("train-validate");
        validate.setTooltip(new Tooltip(Messages.get("train.validate.tooltip")));
        validate.disableProperty().bind(model.validationService().runningProperty()
                .or(model.service().runningProperty()));
        validate.setOnAction(event -> model.crossValidate());
        return validate;
    }

    private Node createPatterns() {
        Spinner<Integer> patterns = new Spinner<>(10, 1_000_000, settings.patternsProperty().get(), 100);
        patterns.setId("train-patterns");
        patterns.setEditable(true);
        patterns.valueProperty().addListener((obs, old, value) -> settings.patternsProperty().set(value));
        settings.patternsProperty().addListener((obs, old, value) -> patterns.getValueFactory().setValue(value.intValue()));
        patterns.setTooltip(new Tooltip(Messages.get("train.patterns.tooltip")));
        return patterns;
    }

    private static Node createCheckBox(String key, String tooltip, String id, BooleanProperty property) {
        CheckBox box = new CheckBox(Messages.get(key));
        box.setId(id);
        box.selectedProperty().bindBidirectional(property);
        box.setTooltip(new Tooltip(Messages.get(tooltip)));
        return box;
    }

    private Node createSeed() {
        Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, settings.seedProperty().get());
        seed.setEditable(true);
        seed.valueProperty().addListener((obs, old, value) -> settings.seedProperty().set(value));
        settings.seedProperty().addListener((obs, old, value) -> seed.getValueFactory().setValue(value.intValue()));
        return seed;
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
            settings.betaRatioProperty().set(value);
        } catch (NumberFormatException e) {
            if (!field.getStyleClass().contains("invalid")) {
                field.getStyleClass().add("invalid");
            }
            field.setTooltip(new Tooltip(Messages.get("train.beta.invalid", field.getText())));
        }
    }

    /** A β ratio as the field shows it. */
    static String format(double ratio) {
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
}
