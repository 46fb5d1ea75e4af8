package org.heaviside.app.page.conditions;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Service;
import javafx.concurrent.Task;
import org.heaviside.app.study.StudyModel;
import org.heaviside.app.study.TrainOutcome;
import org.heaviside.app.task.Background;
import org.heaviside.conditions.Condition;
import org.heaviside.conditions.Conditions;
import org.heaviside.data.DataSpec;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Preprocessing;
import org.heaviside.data.Table;
import org.heaviside.network.ConvexOptions;
import org.heaviside.workflow.Method;
import org.heaviside.workflow.Training;
import org.heaviside.workflow.TrainingData;
import org.heaviside.workflow.TrainingRequest;

/**
 * The conditions of method.md section 7 for the current data and settings: recomputed in the
 * background when the table, the target or the split change; the solve-time ones ({@code unknown}
 * until then) replaced by a training run's.
 */
public final class ConditionsViewModel {

    private final StudyModel study;
    private final ObservableList<Condition> conditions = FXCollections.observableArrayList();
    private final CheckService service = new CheckService();
    private final javafx.beans.property.ReadOnlyObjectWrapper<org.heaviside.network.PatternCoverage> coverage =
            new javafx.beans.property.ReadOnlyObjectWrapper<>();
    private final Service<org.heaviside.network.PatternCoverage> coverageService = new Service<>() {
        @Override
        protected Task<org.heaviside.network.PatternCoverage> createTask() {
            Table table = study.tableProperty().get();
            DataSpec spec = study.specProperty().get();
            ConvexOptions options = ConvexOptions.builder().seed(study.training().seedProperty().get())
                    .betaRatio(study.training().betaRatioProperty().get())
                    .loss(org.heaviside.solver.Loss.parse(study.training().lossProperty().get())).build();
            return new Task<>() {
                @Override
                protected org.heaviside.network.PatternCoverage call() {
                    PreparedData prepared = Preprocessing.prepare(table, spec);
                    return org.heaviside.network.PatternCoverage.run(prepared, options,
                            org.heaviside.network.PatternCoverage.defaultCounts(), (done, total, message) -> {
                                updateProgress(done, total);
                                updateMessage(message);
                            }, this::isCancelled);
                }
            };
        }
    };
    private List<Condition> before = List.of();
    private List<Condition> solved = List.of();

    /** Follows the study's data and training outcome. */
    public ConditionsViewModel(StudyModel study) {
        this.study = study;
        coverageService.setExecutor(Background.executor());
        coverageService.setOnSucceeded(event -> coverage.set(coverageService.getValue()));
        service.setExecutor(Background.executor());
        service.setOnSucceeded(event -> {
            before = service.getValue();
            solved = List.of();
            publish();
        });
        service.setOnFailed(event -> {
            before = List.of(new Condition("data.target", Condition.NOT_MET,
                    String.valueOf(service.getException().getMessage()), "", ""));
            publish();
        });
        study.specProperty().addListener((obs, old, spec) -> {
            coverage.set(null);
            refresh();
        });
        study.tableProperty().addListener((obs, old, table) -> refresh());
        study.outcomeProperty().addListener((obs, old, outcome) -> accept(outcome));
        refresh();
    }

    /** Recomputes the pre-training conditions. */
    public void refresh() {
        if (study.tableProperty().get() == null || study.specProperty().get() == null) {
            before = List.of();
            solved = List.of();
            publish();
            return;
        }
        service.restart();
    }

    private void accept(TrainOutcome outcome) {
        if (outcome != null) {
            solved = outcome.conditions();
            publish();
        }
    }

    private void publish() {
        List<Condition> merged = new ArrayList<>();
        for (Condition condition : before) {
            Condition replacement = solved.stream().filter(c -> c.id().equals(condition.id())).findFirst().orElse(null);
            merged.add(replacement != null ? replacement : condition);
        }
        for (Condition condition : solved) {
            if (merged.stream().noneMatch(c -> c.id().equals(condition.id()))) {
                merged.add(condition);
            }
        }
        conditions.setAll(merged);
    }

    /** The conditions, in display order. */
    public ObservableList<Condition> conditions() {
        return conditions;
    }

    /** The background check. */
    public Service<List<Condition>> service() {
        return service;
    }

    /** Computes the pattern-coverage curve with the Train page's β ratio, loss and seed. */
    public void computeCoverage() {
        if (!coverageService.isRunning() && study.specProperty().get() != null) {
            coverage.set(null);
            coverageService.restart();
        }
    }

    /** The last pattern-coverage curve, or null. */
    public javafx.beans.property.ReadOnlyObjectProperty<org.heaviside.network.PatternCoverage> coverageProperty() {
        return coverage.getReadOnlyProperty();
    }

    /** The background coverage computation. */
    public Service<org.heaviside.network.PatternCoverage> coverageService() {
        return coverageService;
    }

    /** Cancels running work. */
    public void dispose() {
        service.cancel();
        coverageService.cancel();
    }

    private final class CheckService extends Service<List<Condition>> {
        @Override
        protected Task<List<Condition>> createTask() {
            Table table = study.tableProperty().get();
            DataSpec spec = study.specProperty().get();
            return new Task<>() {
                @Override
                protected List<Condition> call() {
                    return Training.conditionsBefore(TrainingData.of(table, spec),
                            TrainingRequest.builder(Method.SHATTERING).build(), this::isCancelled);
                }
            };
        }
    }
}
