package org.heaviside.report;

import java.nio.file.Path;
import java.util.List;
import org.heaviside.data.ColumnRole;
import org.heaviside.data.Dataset;
import org.heaviside.data.FeatureStep;
import org.heaviside.data.Table;
import org.heaviside.experiment.ExperimentFile;
import org.heaviside.experiment.ExperimentResult;
import org.heaviside.export.CostProfile;
import org.heaviside.export.ModelFile;
import org.heaviside.export.Robustness;
import org.heaviside.network.TrainedModel;

/** Assembles the report's data from a results file and, optionally, a model and evaluation rows. */
public final class Reports {

    private Reports() {
    }

    /**
     * The report data.
     *
     * @param results    a results file written by {@code compare --out}
     * @param modelFile  a model file, or null
     * @param table      evaluation rows with the model's input columns and the target, or null
     * @param noiseShare sensor noise bound as a share of each sensor's training deviation
     * @param roi        the ROI inputs, or null
     */
    public static ReportData assemble(Path results, Path modelFile, Table table, double noiseShare, RoiInputs roi) {
        ExperimentResult result = ExperimentFile.load(results);
        if (modelFile == null) {
            return new ReportData(result, null, null, null, Double.NaN, noiseShare, 0, roi);
        }
        TrainedModel model = ModelFile.load(modelFile);
        if (table == null) {
            return new ReportData(result, model, null, null, Double.NaN, noiseShare, 0, roi);
        }
        Dataset data = model.preprocessor().apply(table);
        int[] confusion = null;
        if (model.preprocessor().target().isBinary()) {
            confusion = new int[4];
            TrainedModel.Prediction[] predictions = model.predict(data);
            for (int i = 0; i < predictions.length; i++) {
                if (Double.isNaN(data.y()[i])) {
                    continue;
                }
                boolean predicted = predictions[i].value() > 0;
                boolean actual = data.y()[i] > 0;
                confusion[actual ? (predicted ? 0 : 1) : (predicted ? 2 : 3)]++;
            }
        }
        List<FeatureStep> steps = model.preprocessor().steps();
        double[] noise = new double[steps.size()];
        for (int s = 0; s < steps.size(); s++) {
            noise[s] = steps.get(s).role() == ColumnRole.NUMERIC ? noiseShare * steps.get(s).scale() : 0;
        }
        double stable = Robustness.of(model.preprocessor(), model.firstLayer(), data.x(), noise).stableShare();
        return new ReportData(result, model, confusion, CostProfile.of(model, data.x()), stable, noiseShare,
                data.size(), roi);
    }
}
