package org.heaviside.app.page.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;
import javafx.concurrent.Service;
import javafx.concurrent.Task;
import org.heaviside.app.ui.Messages;
import org.heaviside.app.study.Study;
import org.heaviside.app.study.StudyModel;
import org.heaviside.app.task.Background;
import org.heaviside.data.ByteSource;
import org.heaviside.data.ColumnRole;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.CsvSettings;
import org.heaviside.data.DataException;
import org.heaviside.data.DataSpec;
import org.heaviside.data.DataWarning;
import org.heaviside.data.PaperSynthetic;
import org.heaviside.data.Samples;
import org.heaviside.data.Table;
import org.heaviside.data.TargetSummary;

/**
 * State and commands of the Data page: the source, its import settings, the loaded table, role
 * overrides, target and split. Loads off the FX thread through a {@link Service}; a failed load
 * keeps the previous table and reports the message.
 */
public final class DataViewModel {

    private final ObjectProperty<ByteSource> source;
    private final ObjectProperty<Table> table;
    private final ReadOnlyObjectWrapper<TargetSummary> targetSummary = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper targetProblem = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ObjectProperty<DataSpec> spec;
    private final StringProperty target = new SimpleStringProperty();
    private final StringProperty positiveLabel = new SimpleStringProperty();
    private final DoubleProperty testFraction = new SimpleDoubleProperty(DataSpec.DEFAULT_TEST_FRACTION);
    private final IntegerProperty seed = new SimpleIntegerProperty(1);
    private final ObjectProperty<Path> file;
    private final ObservableMap<String, ColumnRole> roleOverrides = FXCollections.observableHashMap();
    private final ObservableList<DataWarning> warnings = FXCollections.observableArrayList();
    private final LoadService loader = new LoadService();
    private Map<String, ColumnRole> pendingRoles = Map.of();
    private String pendingTarget;
    private String pendingPositive;
    private Double pendingFraction;
    private Integer pendingSeed;

    /** Creates the view model on the study's data; nothing is loaded until a command is called. */
    public DataViewModel(StudyModel study) {
        source = study.sourceProperty();
        table = study.tableProperty();
        spec = study.specProperty();
        file = study.fileProperty();
        loader.setExecutor(Background.executor());
        loader.setOnSucceeded(event -> accept(loader.getValue()));
        loader.setOnFailed(event -> {
            Throwable failure = loader.getException();
            error.set(failure instanceof DataException ? failure.getMessage()
                    : Messages.get("data.error.unexpected", String.valueOf(failure)));
        });
        target.addListener((obs, old, value) -> updateTarget());
        positiveLabel.addListener((obs, old, value) -> updateSpec());
        testFraction.addListener((obs, old, value) -> updateSpec());
        seed.addListener((obs, old, value) -> updateSpec());
        roleOverrides.addListener((javafx.collections.MapChangeListener<String, ColumnRole>) change -> updateSpec());
    }

    /** Opens the bundled AI4I sample with its target and its failure-mode columns ignored. */
    public void openSample() {
        Map<String, ColumnRole> roles = new LinkedHashMap<>();
        for (String leak : Samples.AI4I_LEAKS) {
            roles.put(leak, ColumnRole.IGNORED);
        }
        start(Samples.ai4i(), null, Samples.AI4I_TARGET, roles, null);
    }

    /** Opens a CSV file with detected settings. */
    public void open(Path path) {
        start(ByteSource.of(path), null, null, Map.of(), path);
    }

    /** Opens the synthetic data of the paper (method.md section 9) with a seed. */
    public void openSynthetic(long dataSeed) {
        PaperSynthetic data = PaperSynthetic.generate(dataSeed);
        String name = "paper-synthetic-seed" + dataSeed + ".csv";
        start(ByteSource.of(name, data.toCsv()), null, "y", Map.of(), null);
        // the paper holds out 2000 of 2100 rows
        testFraction.set((double) PaperSynthetic.TEST / (PaperSynthetic.TRAIN + PaperSynthetic.TEST));
    }

    /**
     * Opens a source with saved settings (a reopened study): import settings (null to detect), target,
     * role overrides, positive class, test fraction and split seed.
     */
    public void restore(ByteSource next, CsvSettings settings, Path path, String wantedTarget,
                        Map<String, ColumnRole> roles, String positive, double fraction, int splitSeed) {
        pendingPositive = positive;
        pendingFraction = fraction;
        pendingSeed = splitSeed;
        start(next, settings, wantedTarget, roles == null ? Map.of() : Map.copyOf(roles), path);
    }

    /**
     * Reopens a study's data: its file, the generated synthetic data of its seed, or else the bundled
     * sample, with its saved settings. Throws when the study's file is gone.
     */
    public void restore(Study.DataPart part) {
        ByteSource next;
        Path path = null;
        if (part.file() != null) {
            path = Path.of(part.file());
            if (!Files.isRegularFile(path)) {
                throw DataException.of(part.file(), "no such file (the study's data file was moved or deleted)",
                        "the data file at that path; put it back or open the CSV and redo the study");
            }
            next = ByteSource.of(path);
        } else if (part.source() != null && part.source().startsWith("paper-synthetic-seed")) {
            long dataSeed = Long.parseLong(part.source().replaceAll("\\D+", ""));
            next = ByteSource.of(part.source(), PaperSynthetic.generate(dataSeed).toCsv());
        } else {
            next = Samples.ai4i();
        }
        restore(next, part.csv(), path, part.target(), part.roles(), part.positive(), part.testFraction(),
                part.seed());
    }

    /** The data reference and settings as saved in a study file. */
    public Study.DataPart studyPart() {
        Table current = table.get();
        Path path = file.get();
        DataSpec chosen = spec.get();
        return new Study.DataPart(path == null ? null : path.toAbsolutePath().toString(),
                current == null ? null : current.source(), current == null ? null : current.settings(),
                target.get(), Map.copyOf(roleOverrides), chosen == null ? null : chosen.positiveLabel(),
                testFraction.get(), seed.get());
    }

    /** Re-reads the current source with other import settings (the previous table stays on failure). */
    public void reparse(CsvSettings settings) {
        Table current = table.get();
        if (source.get() == null || settings == null || (current != null && settings.equals(current.settings()))) {
            return;
        }
        start(source.get(), settings, target.get(), Map.copyOf(roleOverrides), file.get());
    }

    /** Stops a running load. */
    public void cancel() {
        loader.cancel();
    }

    private void start(ByteSource next, CsvSettings settings, String wantedTarget, Map<String, ColumnRole> roles,
                       Path path) {
        error.set(null);
        pendingTarget = wantedTarget;
        pendingRoles = roles;
        loader.request(next, settings);
        source.set(next);
        file.set(path);
        loader.restart();
    }

    private void accept(Table loaded) {
        roleOverrides.clear();
        pendingRoles.forEach((name, role) -> {
            if (loaded.column(name).isPresent()) {
                roleOverrides.put(name, role);
            }
        });
        warnings.setAll(loaded.warnings());
        if (pendingFraction != null) {
            testFraction.set(pendingFraction);
            seed.set(pendingSeed);
            pendingFraction = null;
        }
        table.set(loaded);
        String wanted = pendingTarget != null && loaded.column(pendingTarget).isPresent() ? pendingTarget
                : loaded.columns().get(loaded.columns().size() - 1).name();
        if (pendingPositive != null) {
            positiveLabel.set(pendingPositive);
        }
        if (Objects.equals(wanted, target.get())) {
            updateTarget();
        } else {
            target.set(wanted);
        }
        if (pendingPositive != null) {
            positiveLabel.set(pendingPositive);
            pendingPositive = null;
        }
    }

    private void updateTarget() {
        Table current = table.get();
        targetSummary.set(null);
        targetProblem.set(null);
        if (current == null || target.get() == null) {
            updateSpec();
            return;
        }
        try {
            TargetSummary summary = TargetSummary.of(current, target.get(), null);
            targetSummary.set(summary);
            if (summary.classes().size() == 2 && !summary.classes().containsKey(positiveLabel.get())) {
                positiveLabel.set(summary.minorityLabel());
            }
        } catch (DataException e) {
            targetProblem.set(e.getMessage());
        }
        updateSpec();
    }

    private void updateSpec() {
        if (table.get() == null || targetSummary.get() == null) {
            spec.set(null);
            return;
        }
        String positive = targetSummary.get().classes().size() == 2 ? positiveLabel.get() : null;
        spec.set(new DataSpec(target.get(), Map.copyOf(roleOverrides), null, positive, testFraction.get(), seed.get()));
    }

    /** The effective role of a column: target, override or inferred. */
    public String roleLabel(String column) {
        if (column.equals(target.get())) {
            return "target";
        }
        ColumnRole override = roleOverrides.get(column);
        if (override != null) {
            return override.id();
        }
        return table.get().require(column).inferredRole().id();
    }

    /** Sets the role of a column (the inferred one clears the override). */
    public void setRole(String column, ColumnRole role) {
        if (role == table.get().require(column).inferredRole()) {
            roleOverrides.remove(column);
        } else {
            roleOverrides.put(column, role);
        }
    }

    /** The loaded table, or null. */
    public ReadOnlyObjectProperty<Table> tableProperty() {
        return table;
    }

    /** The source being shown (or loading). */
    public ReadOnlyObjectProperty<ByteSource> sourceProperty() {
        return source;
    }

    /** The file on disk, or null for the bundled sample and generated data. */
    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    /** The target column name. */
    public StringProperty targetProperty() {
        return target;
    }

    /** The +1 class for two classes. */
    public StringProperty positiveLabelProperty() {
        return positiveLabel;
    }

    /** The share of rows held out. */
    public DoubleProperty testFractionProperty() {
        return testFraction;
    }

    /** The split seed. */
    public IntegerProperty seedProperty() {
        return seed;
    }

    /** The target's summary, or null while there is none or it is unusable. */
    public ReadOnlyObjectProperty<TargetSummary> targetSummaryProperty() {
        return targetSummary.getReadOnlyProperty();
    }

    /** Why the chosen target cannot be used, or null. */
    public ReadOnlyStringProperty targetProblemProperty() {
        return targetProblem.getReadOnlyProperty();
    }

    /** The last load error, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The study's data choices, or null while the target is unusable. */
    public ReadOnlyObjectProperty<DataSpec> specProperty() {
        return spec;
    }

    /** Role overrides by column. */
    public ObservableMap<String, ColumnRole> roleOverrides() {
        return roleOverrides;
    }

    /** Warnings of the loaded table. */
    public ObservableList<DataWarning> warnings() {
        return warnings;
    }

    /** The loading service (progress, running state) for binding. */
    public Service<Table> loader() {
        return loader;
    }

    /** Cancels running work. */
    public void dispose() {
        loader.cancel();
    }

    /** Loads a source in the background, detecting settings when none are given. */
    private static final class LoadService extends Service<Table> {
        private ByteSource requestedSource;
        private CsvSettings requestedSettings;

        void request(ByteSource next, CsvSettings settings) {
            this.requestedSource = next;
            this.requestedSettings = settings;
        }

        @Override
        protected Task<Table> createTask() {
            ByteSource next = requestedSource;
            CsvSettings settings = requestedSettings;
            return new Task<>() {
                @Override
                protected Table call() {
                    updateMessage(Messages.get("data.loading", next.name()));
                    return CsvLoader.open(next, detected -> settings != null ? settings : detected,
                            Integer.MAX_VALUE, (done, total, note) -> {
                        updateProgress(done, total);
                        updateMessage(note);
                    }, this::isCancelled);
                }
            };
        }
    }

    /** Column names of the loaded table (empty when none). */
    public List<String> columnNames() {
        return table.get() == null ? List.of() : table.get().columnNames();
    }
}
