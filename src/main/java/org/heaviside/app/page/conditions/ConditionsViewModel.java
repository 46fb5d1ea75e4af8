package org.heaviside.app.page.conditions;

import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Service;
import javafx.concurrent.Task;
import org.heaviside.app.page.data.DataViewModel;
import org.heaviside.app.page.train.TrainOutcome;
import org.heaviside.app.page.train.TrainViewModel;
import org.heaviside.app.task.Background;
import org.heaviside.conditions.Condition;
import org.heaviside.conditions.Conditions;
import org.heaviside.data.DataSpec;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Preprocessing;
import org.heaviside.data.Table;
import org.heaviside.deep.DeepOptions;
import org.heaviside.deep.DeepTrainer;
import org.heaviside.network.ConvexOptions;

/**
 * The conditions of method.md section 7 for the current data and settings: recomputed in the
 * background when the table, the target or the split change; the solve-time ones ({@code unknown}
 * until then) replaced by a training run's.
 */
public final class ConditionsViewModel {

    private final DataViewModel data;
    private final ObservableList<Condition> conditions = FXCollections.observableArrayList();
    private final CheckService service = new CheckService();
    private final TrainViewModel train;
    private final javafx.beans.property.ReadOnlyObjectWrapper<org.heaviside.network.PatternCoverage> coverage =
            new javafx.beans.property.ReadOnlyObjectWrapper<>();
    private final Service<org.heaviside.network.PatternCoverage> coverageService = new Service<>() {
        @Override
        protected Task<org.heaviside.network.PatternCoverage> createTask() {
            Table table = data.tableProperty().get();
            DataSpec spec = data.specProperty().get();
            ConvexOptions options = ConvexOptions.builder().seed(train.seedProperty().get())
                    .betaRatio(train.betaRatioProperty().get())
                    .loss(org.heaviside.solver.Loss.parse(train.lossProperty().get())).build();
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

    /** Follows the data page and the train page. */
    public ConditionsViewModel(DataViewModel data, TrainViewModel train) {
        this.data = data;
        this.train = train;
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
        data.specProperty().addListener((obs, old, spec) -> {
            coverage.set(null);
            refresh();
        });
        data.tableProperty().addListener((obs, old, table) -> refresh());
        train.outcomeProperty().addListener((obs, old, outcome) -> accept(outcome));
        refresh();
    }

    /** Recomputes the pre-training conditions. */
    public void refresh() {
        if (data.tableProperty().get() == null || data.specProperty().get() == null) {
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
        if (!coverageService.isRunning() && data.specProperty().get() != null) {
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
            Table table = data.tableProperty().get();
            DataSpec spec = data.specProperty().get();
            return new Task<>() {
                @Override
                protected List<Condition> call() {
                    PreparedData prepared = Preprocessing.prepare(table, spec);
                    List<Condition> checks = new ArrayList<>(Conditions.data(table, prepared));
                    checks.addAll(Conditions.lasso("two-layer", prepared.train().size(), -1, 0, "", false, Double.NaN,
                            null));
                    checks.addAll(new DeepTrainer(DeepOptions.of(ConvexOptions.defaults()))
                            .shatteringConditions(prepared, this::isCancelled));
                    return checks;
                }
            };
        }
    }
}
