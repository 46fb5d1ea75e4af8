package org.heaviside.app.page.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Service;
import javafx.concurrent.Task;
import org.heaviside.app.page.data.DataViewModel;
import org.heaviside.app.shell.Messages;
import org.heaviside.app.task.Background;
import org.heaviside.conditions.Conditions;
import org.heaviside.data.DataException;
import org.heaviside.data.DataSpec;
import org.heaviside.data.Dataset;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Preprocessing;
import org.heaviside.data.Table;
import org.heaviside.deep.DeepOptions;
import org.heaviside.deep.DeepResult;
import org.heaviside.deep.DeepTrainer;
import org.heaviside.network.ConvexOptions;
import org.heaviside.network.ConvexResult;
import org.heaviside.network.ConvexTrainer;
import org.heaviside.network.DeepNetwork;
import org.heaviside.network.NeuronRules;
import org.heaviside.run.CancelledException;
import org.heaviside.solver.ConvergenceListener;
import org.heaviside.solver.Loss;
import org.heaviside.solver.SolverOptions;

/**
 * The Train page's state: the method and its settings, a background run (progress, cancel, the
 * convergence trace per sweep) and its outcome. No numerical code: it calls the core trainers.
 */
public final class TrainViewModel {

    /** The two-layer convex program. */
    public static final String CONVEX = "convex";
    /** The three-layer shattering program. */
    public static final String SHATTERING = "convex-deep";
    /** The deep Lasso with three layers. */
    public static final String DEEP_LASSO = "deep-lasso";
    /** Points of the trace posted to the FX thread at most this often. */
    private static final long POST_NANOS = 100_000_000L;
    private static final int RULES = 12;

    /** One point of the convergence trace. */
    public record TracePoint(int step, double objective, double gap) {
    }

    private final DataViewModel data;
    private final ObjectProperty<String> method = new SimpleObjectProperty<>(CONVEX);
    private final ObjectProperty<String> loss = new SimpleObjectProperty<>("squared");
    private final DoubleProperty betaRatio = new SimpleDoubleProperty(0.01);
    private final IntegerProperty patterns = new SimpleIntegerProperty(1000);
    private final BooleanProperty anchored = new SimpleBooleanProperty(false);
    private final BooleanProperty certify = new SimpleBooleanProperty(true);
    private final IntegerProperty seed = new SimpleIntegerProperty(1);
    private final DoubleProperty tolerance = new SimpleDoubleProperty(1e-6);
    private final ReadOnlyObjectWrapper<TrainOutcome> outcome = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<org.heaviside.network.TrainedModel> model = new ReadOnlyObjectWrapper<>();
    private volatile PreparedData lastData;
    private volatile Table lastTable;
    private volatile org.heaviside.network.TrainedModel pendingModel;
    private volatile PreparedData pendingData;
    private volatile Table pendingTable;
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ObservableList<TracePoint> trace = FXCollections.observableArrayList();
    private final TrainService service = new TrainService();
    private final ReadOnlyObjectWrapper<org.heaviside.network.CrossValidation> validation = new ReadOnlyObjectWrapper<>();
    private final Service<org.heaviside.network.CrossValidation> validationService = new Service<>() {
        @Override
        protected Task<org.heaviside.network.CrossValidation> createTask() {
            Table table = data.tableProperty().get();
            DataSpec spec = data.specProperty().get();
            ConvexOptions options = ConvexOptions.builder().sampled(patterns.get()).anchored(anchored.get())
                    .certify(false).seed(seed.get()).loss(Loss.parse(loss.get()))
                    .solver(SolverOptions.defaults().withTolerance(tolerance.get())).build();
            long splitSeed = seed.get();
            return new Task<>() {
                @Override
                protected org.heaviside.network.CrossValidation call() {
                    PreparedData prepared = Preprocessing.prepare(table, spec);
                    return org.heaviside.network.CrossValidation.run(prepared, options, 5,
                            org.heaviside.network.CrossValidation.defaultRatios(), splitSeed, (done, total, message) -> {
                                updateProgress(done, total);
                                updateMessage(message);
                            }, this::isCancelled);
                }
            };
        }
    };

    /** A view model on the data page's table and settings. */
    public TrainViewModel(DataViewModel data) {
        this.data = data;
        service.setExecutor(Background.executor());
        service.setOnSucceeded(event -> {
            lastData = pendingData;
            lastTable = pendingTable;
            model.set(pendingModel);
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
            betaRatio.set(validationService.getValue().chosenRatio());
        });
        validationService.setOnFailed(event -> {
            Throwable failure = validationService.getException();
            error.set(failure instanceof DataException || failure instanceof IllegalArgumentException
                    ? failure.getMessage() : Messages.get("train.error.unexpected", String.valueOf(failure)));
        });
    }

    /** Runs 5-fold cross-validation over the β ratios and sets the ratio to the one-standard-error choice. */
    public void crossValidate() {
        if (validationService.isRunning() || service.isRunning() || data.specProperty().get() == null) {
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
        if (service.isRunning() || data.tableProperty().get() == null || data.specProperty().get() == null) {
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
        model.set(null);
        outcome.set(value);
    }

    /** The last run's model (preprocessing, network, evidence), or null. */
    public ReadOnlyObjectProperty<org.heaviside.network.TrainedModel> modelProperty() {
        return model.getReadOnlyProperty();
    }

    /** The data the last model was trained on (its test rows verify exports), or null. */
    public PreparedData lastData() {
        return lastData;
    }

    /** The table the last model was trained on (the raw rows behind {@link #lastData()}), or null. */
    public Table lastTable() {
        return lastTable;
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
            Table table = data.tableProperty().get();
            DataSpec spec = data.specProperty().get();
            String chosen = method.get();
            Loss chosenLoss = Loss.parse(loss.get());
            ConvexOptions options = ConvexOptions.builder().sampled(patterns.get()).anchored(anchored.get())
                    .certify(certify.get()).seed(seed.get()).betaRatio(betaRatio.get()).loss(chosenLoss)
                    .solver(SolverOptions.defaults().withTolerance(tolerance.get())).build();
            double gapAsked = tolerance.get();
            return new Task<>() {
                private final List<TracePoint> pending = new ArrayList<>();
                private long lastPost;
                private int steps;

                @Override
                protected TrainOutcome call() {
                    updateMessage(Messages.get("train.preparing"));
                    PreparedData prepared = Preprocessing.prepare(table, spec);
                    ConvergenceListener listener = (sweep, objective, gap) -> record(objective, gap);
                    long start = System.nanoTime();
                    try {
                        org.heaviside.run.Provenance provenance = org.heaviside.run.Provenance.of(options.seed(),
                                java.util.Map.of("method", chosen, "loss", chosenLoss.id(),
                                        "betaRatio", Double.toString(options.betaRatio()),
                                        "patterns", Integer.toString(options.sampled())), table.source(), "",
                                prepared.train().size(), prepared.preprocessor().steps().size(), java.util.Map.of(),
                                java.util.Map.of());
                        TrainOutcome result;
                        org.heaviside.network.TrainedModel trained;
                        switch (chosen) {
                            case SHATTERING, DEEP_LASSO -> {
                                DeepTrainer trainer = chosen.equals(SHATTERING) ? new DeepTrainer(DeepOptions.of(options))
                                        : new DeepTrainer(new DeepOptions(3, "random", 0, "svm", options));
                                DeepResult deepResult = chosen.equals(SHATTERING)
                                        ? trainer.shattering(prepared, this::progress, this::isCancelled)
                                        : trainer.deepLasso(prepared, this::progress, listener, this::isCancelled);
                                result = deep(prepared, deepResult, gapAsked, start);
                                trained = deepResult.model(prepared, chosenLoss.id(), provenance);
                            }
                            default -> {
                                ConvexResult convex = new ConvexTrainer(options).train(prepared, this::progress,
                                        listener, this::isCancelled);
                                result = twoLayer(prepared, convex, gapAsked, start);
                                trained = org.heaviside.network.TrainedModel.of(prepared, convex, chosenLoss.id(),
                                        provenance);
                            }
                        }
                        pendingModel = trained;
                        pendingData = prepared;
                        pendingTable = table;
                        flush();
                        return result;
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

    private static TrainOutcome twoLayer(PreparedData data, ConvexResult result, double tolerance, long start) {
        var solver = result.solver();
        DeepNetwork network = new DeepNetwork(List.of(), result.network());
        return new TrainOutcome(CONVEX, solver.objective(), result.networkObjective(), solver.dualityGap(),
                solver.relativeGap(), tolerance, solver.status().id(), result.certificate().status(),
                result.network().width(), result.patterns(), new int[] {result.network().width()}, seconds(start),
                result.train(), result.test(), confusion(data, network), positive(data),
                NeuronRules.describe(data.preprocessor(), result.network(), RULES),
                Conditions.lasso("two-layer", data.train().size(), result.network().width(), result.patterns(),
                        result.upperBound(), false, solver.relativeGap(), result.certificate().status()),
                predictedActual(data, network, result.targetMean(), result.targetScale()));
    }

    private static TrainOutcome deep(PreparedData data, DeepResult result, double tolerance, long start) {
        return new TrainOutcome(result.kind(), result.objective(), result.networkObjective(), result.dualityGap(),
                result.relativeGap(), tolerance, result.status(), result.certificate().status(),
                result.network().head().width(), result.patterns(), result.network().widths(), seconds(start),
                result.train(), result.test(), confusion(data, result.network()), positive(data), List.of(),
                result.conditions(), predictedActual(data, result.network(), result.targetMean(), result.targetScale()));
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

    /** TP, FN, FP, TN of a two-class network on the test rows (the training rows when none are held out). */
    private static int[] confusion(PreparedData data, DeepNetwork network) {
        if (!data.preprocessor().target().isBinary()) {
            return null;
        }
        Dataset rows = data.test().size() > 0 ? data.test() : data.train();
        double[][] out = network.predict(rows.x());
        int[] counts = new int[4];
        for (int i = 0; i < out.length; i++) {
            boolean predicted = out[i][0] >= 0;
            boolean actual = rows.y()[i] > 0;
            counts[actual ? (predicted ? 0 : 1) : (predicted ? 2 : 3)]++;
        }
        return counts;
    }

    /** The method: {@link #CONVEX}, {@link #SHATTERING} or {@link #DEEP_LASSO}. */
    public ObjectProperty<String> methodProperty() {
        return method;
    }

    /** "squared" or "logistic". */
    public ObjectProperty<String> lossProperty() {
        return loss;
    }

    /** β as a share of β_max. */
    public DoubleProperty betaRatioProperty() {
        return betaRatio;
    }

    /** Sampled directions. */
    public IntegerProperty patternsProperty() {
        return patterns;
    }

    /** Whether data-anchored patterns are added. */
    public BooleanProperty anchoredProperty() {
        return anchored;
    }

    /** Whether the certificate search runs. */
    public BooleanProperty certifyProperty() {
        return certify;
    }

    /** Seed of the patterns and of layer 1. */
    public IntegerProperty seedProperty() {
        return seed;
    }

    /** The relative duality gap asked for. */
    public DoubleProperty toleranceProperty() {
        return tolerance;
    }

    /** The last run's outcome (null before, while running, or after a failure or cancel). */
    public ReadOnlyObjectProperty<TrainOutcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
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
