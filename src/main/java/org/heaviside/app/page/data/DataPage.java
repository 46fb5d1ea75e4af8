package org.heaviside.app.page.data;

import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.List;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.control.Tooltip;
import javafx.scene.control.cell.ComboBoxTableCell;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.heaviside.app.chart.Charts;
import org.heaviside.app.ui.Messages;
import org.heaviside.app.ui.ModelPage;
import org.heaviside.data.Column;
import org.heaviside.data.ColumnRole;
import org.heaviside.data.CsvSettings;
import org.heaviside.data.DataWarning;
import org.heaviside.data.Table;
import org.heaviside.data.TargetSummary;
import org.jfree.chart.fx.ChartViewer;

/**
 * The Data page: import settings with a live re-parse, the column list with editable roles and
 * summaries, a preview of the first rows, the target with its class balance, and the split.
 */
public final class DataPage extends ModelPage {

    private static final List<String> ENCODINGS = List.of("UTF-8", "windows-31j", "ISO-8859-1");
    private static final List<String> DELIMITERS = List.of(",", ";", "\\t", "|");

    private final DataViewModel model;
    private final BorderPane root = new BorderPane();
    private final TableView<Column> columns = new TableView<>();
    private final TableView<String[]> preview = new TableView<>();
    private final ComboBox<String> delimiter = new ComboBox<>(FXCollections.observableArrayList(DELIMITERS));
    private final ComboBox<String> encoding = new ComboBox<>(FXCollections.observableArrayList(ENCODINGS));
    private final CheckBox decimalComma = new CheckBox(Messages.get("data.settings.decimalComma"));
    private final CheckBox header = new CheckBox(Messages.get("data.settings.header"));
    private final ComboBox<String> target = new ComboBox<>();
    private final ComboBox<String> positive = new ComboBox<>();
    private final Label taskLabel = new Label();
    private final Label targetProblem = new Label();
    private final BorderPane balanceHolder = new BorderPane();
    private final Label columnSummary = new Label();
    private boolean updatingControls;

    /** Builds the page around its view model. */
    public DataPage(DataViewModel model) {
        super("page.data", model::dispose);
        this.model = model;
        root.getStyleClass().add("data-page");
        root.getStylesheets().add(DataPage.class.getResource("data-page.css").toExternalForm());
        SplitPane split = new SplitPane(createColumnPane(), createPreviewPane(), createTargetPane());
        split.setDividerPositions(0.36, 0.72);
        root.setCenter(split);
        root.setBottom(createWarnings());
        model.tableProperty().addListener((obs, old, table) -> showTable(table));
        model.targetSummaryProperty().addListener((obs, old, summary) -> showTarget(summary));
        model.roleOverrides().addListener((javafx.collections.MapChangeListener<String, ColumnRole>) c -> columns.refresh());
        model.targetProperty().addListener((obs, old, value) -> columns.refresh());
    }

    @Override
    public Node view() {
        return root;
    }

    private Node createColumnPane() {
        TableColumn<Column, String> name = new TableColumn<>(Messages.get("data.column.name"));
        name.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name()));
        name.setPrefWidth(150);
        TableColumn<Column, String> role = new TableColumn<>(Messages.get("data.column.role"));
        role.setCellValueFactory(c -> new ReadOnlyStringWrapper(model.roleLabel(c.getValue().name())));
        List<String> roles = new java.util.ArrayList<>();
        for (ColumnRole value : ColumnRole.values()) {
            roles.add(value.id());
        }
        role.setCellFactory(ComboBoxTableCell.forTableColumn(FXCollections.observableArrayList(roles)));
        role.setOnEditCommit(edit -> {
            String column = edit.getRowValue().name();
            if (!"target".equals(edit.getNewValue())) {
                model.setRole(column, ColumnRole.valueOf(edit.getNewValue().toUpperCase(java.util.Locale.ROOT)));
            }
            columns.refresh();
        });
        role.setEditable(true);
        role.setPrefWidth(105);
        TableColumn<Column, Number> missing = new TableColumn<>(Messages.get("data.column.missing"));
        missing.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().missing()));
        TableColumn<Column, Number> distinct = new TableColumn<>(Messages.get("data.column.distinct"));
        distinct.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().distinct()));
        TableColumn<Column, String> range = new TableColumn<>(Messages.get("data.column.range"));
        range.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().isNumeric()
                ? format(c.getValue().min()) + " .. " + format(c.getValue().max()) : ""));
        range.setPrefWidth(120);
        columns.getColumns().setAll(List.of(name, role, missing, distinct, range));
        columns.setEditable(true);
        columns.setId("column-table");
        columns.setTooltip(new Tooltip(Messages.get("data.column.tooltip")));
        columns.getSelectionModel().selectedItemProperty().addListener((obs, old, column) -> showColumn(column));
        columnSummary.setWrapText(true);
        columnSummary.getStyleClass().add("column-summary");
        VBox box = new VBox(6, heading(Messages.get("data.columns")), columns, columnSummary);
        VBox.setVgrow(columns, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private Node createPreviewPane() {
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(6);
        grid.addRow(0, new Label(Messages.get("data.settings.delimiter")), delimiter);
        grid.addRow(1, new Label(Messages.get("data.settings.encoding")), encoding);
        grid.addRow(2, decimalComma, header);
        delimiter.setTooltip(new Tooltip(Messages.get("data.settings.delimiter.tooltip")));
        encoding.setTooltip(new Tooltip(Messages.get("data.settings.encoding.tooltip")));
        encoding.setEditable(true);
        delimiter.setId("delimiter");
        encoding.setId("encoding");
        decimalComma.setId("decimal-comma");
        header.setId("header");
        delimiter.valueProperty().addListener((obs, old, value) -> reparse());
        encoding.valueProperty().addListener((obs, old, value) -> reparse());
        decimalComma.selectedProperty().addListener((obs, old, value) -> reparse());
        header.selectedProperty().addListener((obs, old, value) -> reparse());
        TitledPane settings = new TitledPane(Messages.get("data.settings"), grid);
        settings.setExpanded(false);
        settings.setId("import-settings");
        preview.setId("preview-table");
        preview.setPlaceholder(new Label(Messages.get("data.preview.empty")));
        VBox box = new VBox(6, settings, heading(Messages.get("data.preview")), preview);
        VBox.setVgrow(preview, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private Node createTargetPane() {
        target.setId("target");
        target.setTooltip(new Tooltip(Messages.get("data.target.tooltip")));
        target.valueProperty().addListener((obs, old, value) -> {
            if (!updatingControls && value != null) {
                model.targetProperty().set(value);
            }
        });
        model.targetProperty().addListener((obs, old, value) -> target.setValue(value));
        positive.setId("positive-class");
        positive.setTooltip(new Tooltip(Messages.get("data.positive.tooltip")));
        positive.valueProperty().bindBidirectional(model.positiveLabelProperty());
        Spinner<Double> testFraction = new Spinner<>(0.0, 0.95, model.testFractionProperty().get(), 0.05);
        testFraction.setEditable(true);
        testFraction.setId("test-fraction");
        testFraction.setTooltip(new Tooltip(Messages.get("data.split.tooltip")));
        testFraction.valueProperty().addListener((obs, old, value) -> model.testFractionProperty().set(value));
        model.testFractionProperty().addListener((obs, old, value) -> {
            if (Math.abs(testFraction.getValue() - value.doubleValue()) > 1e-12) {
                testFraction.getValueFactory().setValue(value.doubleValue());
            }
        });
        Spinner<Integer> seed = new Spinner<>(0, Integer.MAX_VALUE, model.seedProperty().get());
        seed.setEditable(true);
        seed.setId("split-seed");
        seed.valueProperty().addListener((obs, old, value) -> model.seedProperty().set(value));
        targetProblem.getStyleClass().add("problem");
        targetProblem.setWrapText(true);
        targetProblem.textProperty().bind(model.targetProblemProperty());
        taskLabel.setId("task");
        balanceHolder.setId("class-balance");
        GridPane split = new GridPane();
        split.setHgap(8);
        split.setVgap(6);
        split.addRow(0, new Label(Messages.get("data.split.test")), testFraction);
        split.addRow(1, new Label(Messages.get("data.split.seed")), seed);
        VBox box = new VBox(6, heading(Messages.get("data.target")), target, taskLabel, targetProblem,
                new Label(Messages.get("data.positive")), positive, balanceHolder,
                heading(Messages.get("data.split")), split);
        VBox.setVgrow(balanceHolder, Priority.ALWAYS);
        box.setPadding(new Insets(8));
        return box;
    }

    private Node createWarnings() {
        ListView<DataWarning> list = new ListView<>(model.warnings());
        list.setId("warnings");
        list.setPrefHeight(90);
        list.setCellFactory(view -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(DataWarning item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.message());
            }
        });
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, warning) -> {
            if (warning != null && warning.column() != null) {
                for (Column column : columns.getItems()) {
                    if (column.name().equals(warning.column())) {
                        columns.getSelectionModel().select(column);
                        columns.scrollTo(column);
                    }
                }
            }
        });
        TitledPane pane = new TitledPane();
        pane.setContent(list);
        pane.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> Messages.get("data.warnings", model.warnings().size()), model.warnings()));
        pane.setExpanded(true);
        pane.setId("warnings-pane");
        return pane;
    }

    private void reparse() {
        Table table = model.tableProperty().get();
        if (updatingControls || table == null || delimiter.getValue() == null || encoding.getValue() == null) {
            return;
        }
        String text = delimiter.getValue();
        char d = "\\t".equals(text) ? '\t' : text.charAt(0);
        CsvSettings settings;
        try {
            settings = new CsvSettings(d, java.nio.charset.Charset.forName(encoding.getValue()).name(),
                    decimalComma.isSelected(), header.isSelected());
        } catch (IllegalArgumentException e) {
            encoding.setValue(table.settings().encoding());
            return;
        }
        model.reparse(settings);
    }

    private void showTable(Table table) {
        updatingControls = true;
        try {
            CsvSettings s = table.settings();
            delimiter.setValue(s.delimiter() == '\t' ? "\\t" : String.valueOf(s.delimiter()));
            encoding.setValue(s.encoding().equals(StandardCharsets.UTF_8.name()) ? "UTF-8" : s.encoding());
            decimalComma.setSelected(s.decimalComma());
            header.setSelected(s.header());
            columns.getItems().setAll(table.columns());
            target.getItems().setAll(table.columnNames());
            target.setValue(model.targetProperty().get());
        } finally {
            updatingControls = false;
        }
        preview.getColumns().clear();
        List<String> names = table.columnNames();
        for (int c = 0; c < names.size(); c++) {
            int index = c;
            TableColumn<String[], String> column = new TableColumn<>(names.get(c));
            column.setCellValueFactory(row -> new ReadOnlyStringWrapper(row.getValue()[index]));
            column.setSortable(false);
            preview.getColumns().add(column);
        }
        preview.getItems().setAll(table.preview());
    }

    private void showTarget(TargetSummary summary) {
        if (summary == null) {
            taskLabel.setText("");
            positive.getItems().clear();
            positive.setDisable(true);
            balanceHolder.setCenter(null);
            return;
        }
        NumberFormat integers = NumberFormat.getIntegerInstance(Messages.locale());
        taskLabel.setText(Messages.get("data.task." + summary.task().id(), integers.format(summary.classes().size())));
        positive.getItems().setAll(summary.classes().keySet());
        positive.setDisable(summary.classes().size() != 2);
        if (summary.classes().size() == 2) {
            positive.setValue(model.positiveLabelProperty().get());
        }
        if (summary.classes().isEmpty()) {
            balanceHolder.setCenter(null);
            return;
        }
        ChartViewer viewer = Charts.viewer(Charts.classBalance(Messages.get("data.balance.title", summary.name()),
                Messages.get("data.balance.class"), Messages.get("data.balance.rows"), summary.classes()));
        viewer.setId("class-balance-chart");
        balanceHolder.setCenter(viewer);
    }

    private void showColumn(Column column) {
        if (column == null) {
            columnSummary.setText("");
            return;
        }
        NumberFormat integers = NumberFormat.getIntegerInstance(Messages.locale());
        String text = Messages.get("data.summary", column.name(), model.roleLabel(column.name()),
                integers.format(column.rows() - column.missing()), integers.format(column.missing()),
                integers.format(column.distinct()));
        if (column.isNumeric()) {
            text += "\n" + Messages.get("data.summary.range", format(column.min()), format(column.max()));
        } else if (column.hasLevels()) {
            List<String> levels = column.levels();
            text += "\n" + Messages.get("data.summary.levels",
                    String.join(", ", levels.subList(0, Math.min(8, levels.size())))
                            + (levels.size() > 8 ? ", ..." : ""));
        }
        columnSummary.setText(text);
    }

    private static Label heading(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("section-heading");
        return label;
    }

    private static String format(double value) {
        NumberFormat number = NumberFormat.getNumberInstance(Messages.locale());
        number.setMaximumFractionDigits(4);
        return number.format(value);
    }

    /** The view model (for the shell's status bar and later pages). */
    public DataViewModel model() {
        return model;
    }
}
