package org.heaviside.app.page.compare;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.concurrent.Service;
import javafx.concurrent.Task;
import org.heaviside.app.study.Study;
import org.heaviside.app.study.StudyModel;
import org.heaviside.app.ui.Messages;
import org.heaviside.app.task.Background;
import org.heaviside.data.DataException;
import org.heaviside.data.DataSpec;
import org.heaviside.data.Table;
import org.heaviside.experiment.ExperimentFile;
import org.heaviside.experiment.ExperimentResult;
import org.heaviside.experiment.ExperimentSpec;
import org.heaviside.experiment.Experiments;
import org.heaviside.run.AtomicFiles;
import org.heaviside.run.Provenance;
import org.heaviside.ste.Surrogate;
import org.heaviside.workflow.Preset;

/**
 * The Compare page's state: which baselines, how many seeds, epochs and width; the experiment runs
 * in the background on the Data page's table with the Train page's β ratio and patterns; its result.
 */
public final class CompareViewModel {

    private final StudyModel study;
    private final BooleanProperty[] baselines = new BooleanProperty[Surrogate.values().length];
    private final IntegerProperty seeds = new SimpleIntegerProperty(5);
    private final IntegerProperty epochs = new SimpleIntegerProperty(300);
    private final IntegerProperty width = new SimpleIntegerProperty(200);
    private final IntegerProperty layers = new SimpleIntegerProperty(2);
    private final ObjectProperty<ExperimentResult> result;
    private final javafx.beans.property.ReadOnlyObjectWrapper<ExperimentResult> partial =
            new javafx.beans.property.ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final CompareService service = new CompareService();

    /** A view model on the study's data and training settings; its result is the study's comparison. */
    public CompareViewModel(StudyModel study) {
        this.study = study;
        this.result = study.comparisonProperty();
        for (int i = 0; i < baselines.length; i++) {
            baselines[i] = new SimpleBooleanProperty(true);
        }
        service.setExecutor(Background.executor());
        service.setOnSucceeded(event -> result.set(service.getValue()));
        service.setOnFailed(event -> {
            Throwable failure = service.getException();
            error.set(failure instanceof DataException || failure instanceof IllegalArgumentException
                    ? failure.getMessage() : Messages.get("compare.error.unexpected", String.valueOf(failure)));
        });
    }

    /** Starts the experiment (nothing while one runs or without data). */
    public void run() {
        if (service.isRunning() || study.tableProperty().get() == null || study.specProperty().get() == null) {
            return;
        }
        error.set(null);
        result.set(null);
        partial.set(null);
        service.restart();
    }

    /** Stops the experiment; the running trainer polls the flag every epoch or sweep. */
    public void cancel() {
        service.cancel();
    }

    /** Writes the result's table as CSV (atomically); a failure is reported as the error. */
    public void saveCsv(Path file) {
        ExperimentResult value = result.get();
        if (value == null) {
            return;
        }
        try {
            AtomicFiles.write(file, ExperimentFile.csv(value).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            error.set(Messages.get("compare.saveFailed", file, e.getMessage()));
        }
    }

    /** The baselines, seeds, epochs, width and layers as saved in a study file. */
    public Study.ComparePart settings() {
        List<String> chosen = new ArrayList<>();
        for (Surrogate surrogate : Surrogate.values()) {
            if (baselineProperty(surrogate).get()) {
                chosen.add(surrogate.id());
            }
        }
        return new Study.ComparePart(chosen, seeds.get(), epochs.get(), width.get(), layers.get());
    }

    /** Sets the settings of a reopened study. */
    public void restore(Study.ComparePart settings) {
        for (Surrogate surrogate : Surrogate.values()) {
            baselineProperty(surrogate).set(settings.baselines().contains(surrogate.id()));
        }
        seeds.set(settings.seeds());
        epochs.set(settings.epochs());
        width.set(settings.width());
        layers.set(settings.layers());
    }

    /** Sets a finished result (a reopened study). */
    public void show(ExperimentResult value) {
        result.set(value);
    }

    /**
     * The comparison a run of the page would start now, on the loaded data: the chosen baselines, seeds,
     * epochs and width, and the Train page's preset, loss, patterns, certificate, seed and class weights;
     * every network at the preset's operating-point rule, the baselines with Adam tuned on validation rows.
     */
    public ExperimentSpec currentSpec() {
        Table table = study.tableProperty().get();
        DataSpec dataSpec = study.specProperty().get();
        Preset preset = Preset.parse(study.training().presetProperty().get());
        List<String> methods = new ArrayList<>();
        methods.add(layers.get() == 2 ? ExperimentSpec.CONVEX : ExperimentSpec.CONVEX_DEEP);
        for (int i = 0; i < baselines.length; i++) {
            if (baselines[i].get()) {
                methods.add(Surrogate.values()[i].id());
            }
        }
        return new ExperimentSpec(table.source() + ", " + dataSpec.target() + ", " + layers.get()
                + " layers", table.source(), dataSpec.target(), List.of(), dataSpec.positiveLabel(), null,
                dataSpec.testFraction(), dataSpec.seed(), false,
                org.heaviside.solver.Loss.parse(study.training().lossProperty().get()), null,
                study.training().betaRatioProperty().get(), study.training().patternsProperty().get(),
                study.training().certifyProperty().get(), methods, layers.get(), seeds.get(),
                study.training().seedProperty().get(), epochs.get(), 0.01, org.heaviside.ste.Optimizer.ADAM,
                width.get(), 0, Math.max(1, epochs.get() / 20), table.settings(),
                study.training().classWeightProperty().get())
                // user data: the fair baseline of method.md section 11 (Adam with its step size chosen on
                // validation rows), the Train page's preset, its class weights for every network and the
                // preset's operating-point rule, as compare --preset runs them
                .withFairBaseline(true, preset.comparisonRule(layers.get()), 0, 0).withPreset(preset);
    }

    private final class CompareService extends Service<ExperimentResult> {
        @Override
        protected Task<ExperimentResult> createTask() {
            Table table = study.tableProperty().get();
            DataSpec dataSpec = study.specProperty().get();
            ExperimentSpec spec = currentSpec();
            return new Task<>() {
                @Override
                protected ExperimentResult call() {
                    return Experiments.run(spec, table, dataSpec, table.source(), table.sha256(), (done, total, message) -> {
                                updateProgress(done, total);
                                updateMessage(message);
                            }, this::isCancelled,
                            soFar -> javafx.application.Platform.runLater(() -> {
                                if (isRunning()) {
                                    partial.set(soFar);
                                }
                            }));
                }
            };
        }
    }

    /** Whether the baseline with the surrogate's index runs. */
    public BooleanProperty baselineProperty(Surrogate surrogate) {
        return baselines[surrogate.ordinal()];
    }

    /** Seeds K. */
    public IntegerProperty seedsProperty() {
        return seeds;
    }

    /** STE epochs. */
    public IntegerProperty epochsProperty() {
        return epochs;
    }

    /** STE first hidden width. */
    public IntegerProperty widthProperty() {
        return width;
    }

    /** 2 or 3 layers. */
    public IntegerProperty layersProperty() {
        return layers;
    }

    /** The last result. */
    public ReadOnlyObjectProperty<ExperimentResult> resultProperty() {
        return result;
    }

    /**
     * The running comparison's results so far (every finished run, summaries without tests), set on
     * the FX thread after each run; null before the first run finishes.
     */
    public ReadOnlyObjectProperty<ExperimentResult> partialProperty() {
        return partial.getReadOnlyProperty();
    }

    /** The last error, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The background experiment. */
    public Service<ExperimentResult> service() {
        return service;
    }

    /** Cancels running work. */
    public void dispose() {
        service.cancel();
    }
}
