package org.heaviside.app.page.export;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.concurrent.Service;
import javafx.concurrent.Task;
import org.heaviside.app.study.StudyModel;
import org.heaviside.app.ui.Messages;
import org.heaviside.app.task.Background;
import org.heaviside.data.ColumnRole;
import org.heaviside.data.Dataset;
import org.heaviside.data.FeatureStep;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Table;
import org.heaviside.experiment.ExperimentResult;
import org.heaviside.export.CExport;
import org.heaviside.export.CExportCheck;
import org.heaviside.export.CostProfile;
import org.heaviside.export.ModelFile;
import org.heaviside.export.OnnxExport;
import org.heaviside.export.Robustness;
import org.heaviside.network.TrainedModel;
import org.heaviside.report.DecisionRule;
import org.heaviside.report.ManagerReport;
import org.heaviside.report.ReportData;
import org.heaviside.report.Reports;
import org.heaviside.report.RoiInputs;
import org.heaviside.run.AtomicFiles;

/**
 * The Export page's state: writes the Train page's model as JSON, ONNX or C and verifies what it
 * can here (the JSON file reloaded, the C program compiled and run when a compiler exists: each on
 * the held-out rows, counting mismatches against the in-memory network); the cost profile and the
 * robustness under sensor noise on the held-out rows; and the manager report.
 */
public final class ExportViewModel {

    /** One export's outcome, in words, for the page. */
    public record Outcome(String format, String message, int checked, int mismatches) {
    }

    /** Cost and robustness of the current model on its held-out rows. */
    public record Profile(CostProfile cost, double stableShare, int rows, long flash, long ram) {
    }

    private final StudyModel study;
    private final ObservableList<Outcome> outcomes = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<Profile> profile = new ReadOnlyObjectWrapper<>();
    private final DoubleProperty noiseShare = new SimpleDoubleProperty(0.05);
    private final DoubleProperty rowsPerDay = new SimpleDoubleProperty(10_000);
    private final DoubleProperty missedCost = new SimpleDoubleProperty(5_000);
    private final DoubleProperty falseAlarmCost = new SimpleDoubleProperty(200);
    private final DoubleProperty hardwareCost = new SimpleDoubleProperty(20_000);
    private final DoubleProperty pilotMinRecall = new SimpleDoubleProperty(DecisionRule.DEFAULT.minRecall());
    private final DoubleProperty pilotMinSavings = new SimpleDoubleProperty(DecisionRule.DEFAULT.minSavings());
    private final Worker worker = new Worker();

    /** Follows the study's trained model and its last comparison. */
    public ExportViewModel(StudyModel study) {
        this.study = study;
        worker.setExecutor(Background.executor());
        worker.setOnSucceeded(event -> {
            Object value = worker.getValue();
            if (value instanceof Outcome outcome) {
                outcomes.add(0, outcome);
            } else if (value instanceof Profile computed) {
                profile.set(computed);
            }
        });
        worker.setOnFailed(event -> outcomes.add(0, new Outcome("error", String.valueOf(
                worker.getException().getMessage()), 0, 0)));
        study.modelProperty().addListener((obs, old, model) -> {
            profile.set(null);
            if (model != null) {
                computeProfile();
            }
        });
        noiseShare.addListener((obs, old, value) -> computeProfile());
    }

    private TrainedModel model() {
        return study.modelProperty().get();
    }

    private Dataset rows() {
        PreparedData data = study.trainedDataProperty().get();
        return data.test().size() > 0 ? data.test() : data.train();
    }

    /** Recomputes the cost profile and robustness in the background. */
    public void computeProfile() {
        TrainedModel model = model();
        if (model == null || study.trainedDataProperty().get() == null) {
            return;
        }
        Dataset rows = rows();
        double share = noiseShare.get();
        submit(() -> {
            List<FeatureStep> steps = model.preprocessor().steps();
            double[] noise = new double[steps.size()];
            for (int s = 0; s < steps.size(); s++) {
                noise[s] = steps.get(s).role() == ColumnRole.NUMERIC ? share * steps.get(s).scale() : 0;
            }
            double stable = Robustness.of(model.preprocessor(), model.firstLayer(), rows.x(), noise).stableShare();
            return new Profile(CostProfile.of(model, rows.x()), stable, rows.size(), CExport.flashBytes(model),
                    CExport.ramBytes(model));
        });
    }

    /** Writes the model file and checks it: reloaded, it must predict the held-out rows as the model does. */
    public void exportJson(Path file) {
        TrainedModel model = model();
        Dataset rows = rows();
        submit(() -> {
            ModelFile.save(model, file);
            TrainedModel loaded = ModelFile.load(file);
            int mismatches = mismatches(model.predict(rows), loaded.predict(rows));
            return new Outcome("JSON", Messages.get("export.checked", "JSON", rows.size(), mismatches), rows.size(),
                    mismatches);
        });
    }

    /** Writes the ONNX file (checked against ONNX Runtime by the test suite; no runtime ships with the app). */
    public void exportOnnx(Path file) {
        TrainedModel model = model();
        submit(() -> {
            byte[] bytes = OnnxExport.toBytes(model);
            AtomicFiles.write(file, bytes);
            return new Outcome("ONNX", Messages.get("export.onnx", bytes.length), 0, 0);
        });
    }

    /**
     * Writes the C files into a new or empty folder (or one holding an earlier C export); compiles and
     * runs them on the held-out rows when a C compiler is on the PATH. A compiler or program failure
     * is reported as a failure.
     */
    public void exportC(Path folder) {
        TrainedModel model = model();
        Table table = study.trainedTableProperty().get();
        int[] rows = rows().rows();
        submit(() -> {
            CExport.write(model, folder);
            Path compiler = CExportCheck.compiler().orElse(null);
            if (compiler == null) {
                return new Outcome("C", Messages.get("export.c.unchecked", CExport.flashBytes(model)), 0, 0);
            }
            try {
                Path program = CExportCheck.compile(folder, compiler, false);
                CExportCheck.Result check = CExportCheck.check(program, model, table, rows);
                return new Outcome("C", Messages.get("export.checked", "C", check.rows(), check.mismatches()),
                        check.rows(), check.mismatches());
            } catch (CExportCheck.Failure e) {
                return new Outcome("error", Messages.get("export.c.failed", e.getMessage()), 0, 0);
            }
        });
    }

    /** Writes the manager report (.pdf or .html) in the workbench's language. */
    public void createReport(Path file) {
        TrainedModel model = model();
        ExperimentResult result = study.comparisonProperty().get();
        RoiInputs roi = new RoiInputs(rowsPerDay.get(), missedCost.get(), falseAlarmCost.get(), hardwareCost.get(),
                Messages.get("export.currency"));
        Locale locale = Messages.locale();
        double share = noiseShare.get();
        DecisionRule rule = new DecisionRule(pilotMinRecall.get(), pilotMinSavings.get());
        org.heaviside.data.Table table = study.tableProperty().get();
        submit(() -> {
            ReportData report = Reports.assemble(result, model, table, share, roi, rule);
            new ManagerReport(report, locale).write(file);
            return new Outcome("report", Messages.get("export.report", file.getFileName()), 0, 0);
        });
    }

    private void submit(java.util.concurrent.Callable<Object> work) {
        worker.work = work;
        worker.restart();
    }

    private static int mismatches(TrainedModel.Prediction[] a, TrainedModel.Prediction[] b) {
        int count = 0;
        for (int i = 0; i < a.length; i++) {
            count += a[i].equals(b[i]) ? 0 : 1;
        }
        return count;
    }

    /** True while there is no trained model to export. */
    public BooleanBinding modelMissing() {
        return study.modelProperty().isNull();
    }

    /** True while there is no comparison to report on. */
    public BooleanBinding comparisonMissing() {
        return study.comparisonProperty().isNull();
    }

    /** Export results, newest first. */
    public ObservableList<Outcome> outcomes() {
        return outcomes;
    }

    /** The cost profile and robustness of the current model, or null. */
    public ReadOnlyObjectProperty<Profile> profileProperty() {
        return profile.getReadOnlyProperty();
    }

    /** Sensor noise as a share of each sensor's deviation. */
    public DoubleProperty noiseShareProperty() {
        return noiseShare;
    }

    /** ROI: rows per day. */
    public DoubleProperty rowsPerDayProperty() {
        return rowsPerDay;
    }

    /** ROI: cost of a missed failure. */
    public DoubleProperty missedCostProperty() {
        return missedCost;
    }

    /** ROI: cost of a false alarm. */
    public DoubleProperty falseAlarmCostProperty() {
        return falseAlarmCost;
    }

    /** ROI: hardware cost. */
    public DoubleProperty hardwareCostProperty() {
        return hardwareCost;
    }

    /** The report's decision bar: the least share of held-out failures caught for a pilot. */
    public DoubleProperty pilotMinRecallProperty() {
        return pilotMinRecall;
    }

    /** The report's decision bar: the least net savings (low end of the range) for a pilot. */
    public DoubleProperty pilotMinSavingsProperty() {
        return pilotMinSavings;
    }

    /** The background work. */
    public Service<Object> worker() {
        return worker;
    }

    /** Cancels running work. */
    public void dispose() {
        worker.cancel();
    }

    private static final class Worker extends Service<Object> {
        private java.util.concurrent.Callable<Object> work;

        @Override
        protected Task<Object> createTask() {
            java.util.concurrent.Callable<Object> job = work;
            return new Task<>() {
                @Override
                protected Object call() throws Exception {
                    try {
                        return job.call();
                    } catch (IOException e) {
                        throw new IOException(Messages.get("export.writeFailed", e.getMessage()), e);
                    }
                }
            };
        }
    }
}
