package org.heaviside.app.page.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Service;
import javafx.concurrent.Task;
import org.heaviside.app.study.StudyModel;
import org.heaviside.app.study.TrainOutcome;
import org.heaviside.app.study.TrainSettings;
import org.heaviside.app.ui.Messages;
import org.heaviside.app.task.Background;
import org.heaviside.data.DataException;
import org.heaviside.data.DataSpec;
import org.heaviside.data.Dataset;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Table;
import org.heaviside.network.ClassWeights;
import org.heaviside.network.DeepNetwork;
import org.heaviside.network.NeuronRules;
import org.heaviside.run.CancelledException;
import org.heaviside.solver.ConvergenceListener;
import org.heaviside.network.Penalty;
import org.heaviside.solver.Loss;
import org.heaviside.workflow.Method;
import org.heaviside.workflow.Preset;
import org.heaviside.workflow.Training;
import org.heaviside.workflow.TrainingData;
import org.heaviside.workflow.TrainingRequest;
import org.heaviside.workflow.TrainingResult;

/**
 * The Train page's state: the method and its settings, a background run (progress, cancel, the
 * convergence trace per sweep) and its outcome. No numerical code: it calls the core trainers.
 */
public final class TrainViewModel {

    /** The two-layer convex program. */
    public static final String CONVEX = Method.TWO_LAYER.id();
    /** The three-layer shattering program. */
    public static final String SHATTERING = Method.SHATTERING.id();
    /** The deep Lasso with three layers. */
    public static final String DEEP_LASSO = Method.DEEP_LASSO.id();
    /** Points of the trace posted to the FX thread at most this often. */
    private static final long POST_NANOS = 100_000_000L;
    private static final int RULES = 12;

    /** One point of the convergence trace. */
    public record TracePoint(int step, double objective, double gap) {
    }

    private final StudyModel study;
    // the training settings and results live in the study, which the other pages read
    private final TrainSettings settings;
    private final ObjectProperty<TrainOutcome> outcome;
    private final ObjectProperty<org.heaviside.network.TrainedModel> model;
    // written by a run's task, published to the study when the run succeeds
    private volatile org.heaviside.network.TrainedModel pendingModel;
    private volatile PreparedData pendingData;
    private volatile Table pendingTable;
    private volatile double[] pendingPointScores;
    private volatile org.heaviside.network.CrossValidation pendingValidation;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ObservableList<TracePoint> trace = FXCollections.observableArrayList();
    private final TrainService service = new TrainService();
    private final ReadOnlyObjectWrapper<org.heaviside.network.CrossValidation> validation = new ReadOnlyObjectWrapper<>();
    private final Service<org.heaviside.network.CrossValidation> validationService = new Service<>() {
        @Override
        protected Task<org.heaviside.network.CrossValidation> createTask() {
            Table table = study.tableProperty().get();
            DataSpec spec = study.specProperty().get();
            // the folds choose the ratio, so the request's own penalty plays no part
            TrainingRequest request = request(Method.TWO_LAYER).certify(false).build();
            return new Task<>() {
                @Override
                protected org.heaviside.network.CrossValidation call() {
                    return Training.crossValidate(TrainingData.of(table, spec), request, 5, (done, total, message) -> {
                        updateProgress(done, total);
                        updateMessage(message);
                    }, this::isCancelled);
                }
            };
        }
    };

    /** A view model on the study's table and training settings; its runs set the study's model and outcome. */
    public TrainViewModel(StudyModel study) {
        this.study = study;
        settings = study.training();
        outcome = study.outcomeProperty();
        model = study.modelProperty();
        // a preset fills the settings it has a control for
        settings.presetProperty().addListener((obs, old, value) -> {
            settings.anchoredProperty().set(Preset.parse(value) == Preset.RECOMMENDED);
            settings.classWeightProperty().set(TrainSettings.classWeightOf(Preset.parse(value)));
        });
        service.setExecutor(Background.executor());
        service.setOnSucceeded(event -> {
            study.trainedDataProperty().set(pendingData);
            study.trainedTableProperty().set(pendingTable);
            study.pointScoresProperty().set(pendingPointScores);
            model.set(pendingModel);
            if (pendingValidation != null) {
                // the run's own cross-validation: its curve and choice, as the Cross-validate button draws them
                validation.set(pendingValidation);
            }
            outcome.set(service.getValue());
        });
        service.setOnFailed(event -> {
            Throwable failure = service.getException();
            error.set(failure instanceof DataException || failure instanceof IllegalArgumentException
                    ? failure.getMessage() : Messages.get("train.error.unexpected", String.valueOf(failure)));
        });
        service.setOnCancelled(event -> error.set(null));
        validationService.setExecutor(Background.executor());
        validationService.setOnSucceeded(event -> {
            validation.set(validationService.getValue());
            settings.betaRatioProperty().set(validationService.getValue().chosenRatio());
        });
        validationService.setOnFailed(event -> {
            Throwable failure = validationService.getException();
            error.set(failure instanceof DataException || failure instanceof IllegalArgumentException
                    ? failure.getMessage() : Messages.get("train.error.unexpected", String.valueOf(failure)));
        });
    }

    /** Runs 5-fold cross-validation over the β ratios and sets the ratio to the one-standard-error choice. */
    public void crossValidate() {
        if (validationService.isRunning() || service.isRunning() || study.specProperty().get() == null) {
            return;
        }
        error.set(null);
        validationService.restart();
    }

    /** The last cross-validation, or null. */
    public ReadOnlyObjectProperty<org.heaviside.network.CrossValidation> validationProperty() {
        return validation.getReadOnlyProperty();
    }

    /** The background cross-validation. */
    public Service<org.heaviside.network.CrossValidation> validationService() {
        return validationService;
    }

    /** Starts a run with the current settings (does nothing while one runs or without data). */
    public void run() {
        if (service.isRunning() || study.tableProperty().get() == null || study.specProperty().get() == null) {
            return;
        }
        error.set(null); // the previous model and outcome stay until a new run replaces them
        trace.clear();
        service.restart();
    }

    /** Shows a saved outcome (a reopened study) and clears the trace; the model is not kept in studies. */
    public void show(TrainOutcome value) {
        trace.clear();
        error.set(null);
        study.pointScoresProperty().set(null);
        model.set(null);
        outcome.set(value);
    }

    /** The last run's model (preprocessing, network, evidence), or null. */
    public ReadOnlyObjectProperty<org.heaviside.network.TrainedModel> modelProperty() {
        return model;
    }

    /** Asks the run to stop; the core polls the flag every sweep, so it stops within a fraction of a second. */
    public void cancel() {
        service.cancel();
        validationService.cancel();
    }

    /** Cancels running work. */
    public void dispose() {
        service.cancel();
        validationService.cancel();
    }

    private final class TrainService extends Service<TrainOutcome> {
        @Override
        protected Task<TrainOutcome> createTask() {
            // read the settings on the FX thread, where they live
            Table table = study.tableProperty().get();
            DataSpec spec = study.specProperty().get();
            TrainingRequest request = currentRequest();
            double gapAsked = settings.toleranceProperty().get();
            return new Task<>() {
                private final List<TracePoint> pending = new ArrayList<>();
                private long lastPost;
                private int steps;

                @Override
                protected TrainOutcome call() {
                    updateMessage(Messages.get("train.preparing"));
                    TrainingData training = TrainingData.of(table, spec);
                    ConvergenceListener listener = (sweep, objective, gap) -> record(objective, gap);
                    long start = System.nanoTime();
                    try {
                        TrainingResult result = Training.train(training, request, this::progress, listener,
                                this::isCancelled);
                        pendingModel = result.model();
                        pendingData = training.prepared();
                        pendingTable = table;
                        pendingPointScores = result.pointScores();
                        pendingValidation = result.crossValidation();
                        flush();
                        return outcome(result, gapAsked, start);
                    } catch (CancelledException e) {
                        flush();
                        throw e;
                    }
                }

                private void progress(long done, long total, String message) {
                    updateProgress(done, total);
                    updateMessage(message);
                }

                private synchronized void record(double objective, double gap) {
                    pending.add(new TracePoint(++steps, objective, gap));
                    long now = System.nanoTime();
                    if (now - lastPost > POST_NANOS) {
                        lastPost = now;
                        flush();
                    }
                }

                private synchronized void flush() {
                    if (pending.isEmpty()) {
                        return;
                    }
                    List<TracePoint> batch = List.copyOf(pending);
                    pending.clear();
                    Platform.runLater(() -> trace.addAll(batch));
                }
            };
        }
    }

    /**
     * The request the page's settings describe for a method: the preset, then the page's controls
     * (the β ratio unless the preset cross-validates it).
     */
    private TrainingRequest.Builder request(Method method) {
        TrainingRequest.Builder request = Preset.parse(settings.presetProperty().get()).builder(method)
                .loss(Loss.parse(settings.lossProperty().get()))
                .sampled(settings.patternsProperty().get()).anchored(settings.anchoredProperty().get())
                .certify(settings.certifyProperty().get()).seed(settings.seedProperty().get())
                .tolerance(settings.toleranceProperty().get())
                .classWeights(ClassWeights.parse(settings.classWeightProperty().get()));
        if (!betaCrossValidated()) {
            request.penalty(new Penalty.Ratio(settings.betaRatioProperty().get()));
        }
        return request;
    }

    /** The class weights the Train page's choice names (ids); any other value is custom LABEL=W,... weights. */
    public static final java.util.List<String> NAMED_CLASS_WEIGHTS = java.util.List.of(ClassWeights.BALANCED.id(),
            ClassWeights.NONE.id());

    /**
     * Sets custom class weights typed as LABEL=W,...: null when they parse, else what is wrong (the
     * weights are then unchanged).
     */
    public String customClassWeights(String text) {
        try {
            settings.classWeightProperty().set(ClassWeights.parse(text).id());
            return null;
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
    }

    /** The request a run of the page would send now (the chosen method, the preset and the page's settings). */
    public TrainingRequest currentRequest() {
        return request(Method.parse(settings.methodProperty().get())).build();
    }

    /** Whether a run chooses β by cross-validation (the recommended preset, two layers): the β controls are off. */
    public boolean betaCrossValidated() {
        return settings.betaCrossValidated();
    }

    /** The preset: recommended or paper. */
    public ObjectProperty<String> presetProperty() {
        return settings.presetProperty();
    }

    private static TrainOutcome outcome(TrainingResult result, double tolerance, long start) {
        PreparedData data = result.data().prepared();
        boolean twoLayer = result.convex() != null;
        return new TrainOutcome(twoLayer ? CONVEX : result.deep().kind(), result.objective(),
                result.networkObjective(), result.dualityGap(), result.relativeGap(), tolerance, result.status(),
                result.certificate().status(), result.neurons(), result.patterns(), result.network().widths(),
                seconds(start), result.train(), result.test(), result.confusion(), positive(data),
                twoLayer ? NeuronRules.describe(data.preprocessor(), result.convex().network(), RULES) : List.of(),
                result.modelConditions(), predictedActual(data, result.network(), result.targetMean(),
                        result.targetScale()), ratio(result), result.crossValidation() != null);
    }

    /** The β ratio the model was trained at: the cross-validation's choice, the requested ratio, or null for an absolute β. */
    private static Double ratio(TrainingResult result) {
        if (result.crossValidation() != null) {
            return result.crossValidation().chosenRatio();
        }
        return result.request().penalty() instanceof Penalty.Ratio ratio ? ratio.ratio() : null;
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static String positive(PreparedData data) {
        return data.preprocessor().target().isBinary() ? data.preprocessor().target().positive() : null;
    }

    /** Predicted and actual values in the target's units for up to 2,000 rows (regression only). */
    private static double[][] predictedActual(PreparedData data, DeepNetwork network, double mean, double scale) {
        if (data.preprocessor().target().task() != org.heaviside.data.TaskKind.REGRESSION) {
            return null;
        }
        Dataset rows = data.test().size() > 0 ? data.test() : data.train();
        int count = Math.min(2000, rows.size());
        double[][] x = java.util.Arrays.copyOf(rows.x(), count);
        double[][] out = network.predict(x);
        double[][] pairs = new double[count][];
        for (int i = 0; i < count; i++) {
            pairs[i] = new double[] {mean + scale * out[i][0], rows.y()[i]};
        }
        return pairs;
    }

    /** The training settings (the study's, which the other pages read). */
    public TrainSettings settings() {
        return settings;
    }

    /** The last run's outcome (null before, while running, or after a failure or cancel). */
    public ReadOnlyObjectProperty<TrainOutcome> outcomeProperty() {
        return outcome;
    }

    /** The last run's error message, or null. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The convergence trace of the current or last run. */
    public ObservableList<TracePoint> trace() {
        return trace;
    }

    /** The background run (state, progress, message). */
    public Service<TrainOutcome> service() {
        return service;
    }

    /** The metrics of the outcome as a map for tables (empty without one). */
    public Map<String, Double> testMetrics() {
        return outcome.get() == null ? Map.of() : outcome.get().test();
    }
}
