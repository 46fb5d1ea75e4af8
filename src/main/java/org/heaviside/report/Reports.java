package org.heaviside.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.heaviside.data.Column;
import org.heaviside.data.ColumnRole;
import org.heaviside.data.DataSpec;
import org.heaviside.data.Dataset;
import org.heaviside.data.FeatureStep;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Preprocessing;
import org.heaviside.data.Table;
import org.heaviside.experiment.ExperimentFile;
import org.heaviside.experiment.ExperimentResult;
import org.heaviside.export.CostProfile;
import org.heaviside.export.ModelFile;
import org.heaviside.export.Robustness;
import org.heaviside.network.TrainedModel;

/**
 * Assembles the report's data: the one path from a comparison, a model and rows to {@link ReportData}
 * for the command line and the workbench. The ROI is measured on held-out rows only: the test rows
 * of the model's own split (reproduced from the seed and test fraction in its provenance) when the
 * rows are the model's training file, or every row of another file.
 */
public final class Reports {

    private Reports() {
    }

    /**
     * The report data from files (the {@code report} command).
     *
     * @param results    a results file written by {@code compare --out}
     * @param modelFile  a model file, or null
     * @param table      the evaluation rows (with the SHA-256 of their file), or null
     * @param noiseShare sensor noise bound as a share of each sensor's training deviation
     * @param roi        the ROI inputs, or null
     * @param rule       when the model is worth a pilot
     */
    public static ReportData assemble(Path results, Path modelFile, Table table, double noiseShare, RoiInputs roi,
                                      DecisionRule rule) {
        return assemble(ExperimentFile.load(results), modelFile == null ? null : ModelFile.load(modelFile), table,
                noiseShare, roi, rule);
    }

    /**
     * The report data (the command line and the workbench): the held-out rows are chosen here.
     *
     * @param result     the comparison
     * @param model      the deployed model, or null
     * @param table      the evaluation rows (with the SHA-256 of their file), or null
     * @param noiseShare sensor noise bound as a share of each sensor's training deviation
     * @param roi        the ROI inputs, or null
     * @param rule       when the model is worth a pilot
     */
    public static ReportData assemble(ExperimentResult result, TrainedModel model, Table table, double noiseShare,
                                      RoiInputs roi, DecisionRule rule) {
        if (model == null || table == null) {
            return of(result, model, null, null, null, noiseShare, roi, rule, null, null);
        }
        String sha = table.sha256() == null ? "" : table.sha256();
        String name = table.source();
        String trainedOn = model.provenance() == null ? "" : model.provenance().datasetSha256();
        Dataset all = model.preprocessor().apply(table);
        if (sha.isEmpty() || trainedOn.isEmpty()) {
            // no way to tell whether the model saw these rows: no ROI rather than a flattering one
            return of(result, model, all, null, "splitUnknown", noiseShare, roi, rule, name, sha.isEmpty() ? null : sha);
        }
        if (!sha.equals(trainedOn)) {
            // not the training file: every row is new to the model
            return of(result, model, all, HeldOut.Source.OTHER_FILE, null, noiseShare, roi, rule, name, sha);
        }
        String fraction = model.provenance().parameters().get("testFraction");
        double testFraction = fraction == null ? 0 : Double.parseDouble(fraction);
        if (testFraction <= 0) {
            return of(result, model, all, null, fraction == null ? "splitUnknown" : "trainedOnAll", noiseShare, roi,
                    rule, name, sha);
        }
        Dataset test = testRows(model, table, testFraction);
        if (test == null) {
            return of(result, model, all, null, "splitUnknown", noiseShare, roi, rule, name, sha);
        }
        return of(result, model, test, HeldOut.Source.SPLIT, null, noiseShare, roi, rule, name, sha);
    }

    /** The end of every path: the held-out scores, the cost profile and the robustness on the rows. */
    private static ReportData of(ExperimentResult result, TrainedModel model, Dataset rows, HeldOut.Source source,
                                 String problem, double noiseShare, RoiInputs roi, DecisionRule rule, String dataFile,
                                 String dataSha256) {
        if (model == null || rows == null) {
            return new ReportData(result, model, null, null, null, Double.NaN, noiseShare, 0, roi, rule, dataFile,
                    dataSha256);
        }
        HeldOut heldOut = null;
        if (source != null && model.preprocessor().target().isBinary()) {
            List<Integer> kept = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                if (!Double.isNaN(rows.y()[i])) {
                    kept.add(i);
                }
            }
            TrainedModel.Prediction[] predictions = model.predict(rows);
            boolean[] positive = new boolean[kept.size()];
            double[] score = new double[kept.size()];
            for (int k = 0; k < kept.size(); k++) {
                positive[k] = rows.y()[kept.get(k)] > 0;
                // the network's own output: predictions score it relative to the operating point
                score[k] = predictions[kept.get(k)].score() + model.operatingPoint().threshold();
            }
            String fraction = model.provenance() == null ? null : model.provenance().parameters().get("testFraction");
            heldOut = source == HeldOut.Source.SPLIT
                    ? new HeldOut(positive, score, source, fraction == null ? Double.NaN : Double.parseDouble(fraction),
                    model.provenance().seed())
                    : new HeldOut(positive, score, source, Double.NaN, 0);
        }
        List<FeatureStep> steps = model.preprocessor().steps();
        double[] noise = new double[steps.size()];
        for (int s = 0; s < steps.size(); s++) {
            noise[s] = steps.get(s).role() == ColumnRole.NUMERIC ? noiseShare * steps.get(s).scale() : 0;
        }
        double stable = Robustness.of(model.preprocessor(), model.firstLayer(), rows.x(), noise).stableShare();
        return new ReportData(result, model, heldOut, problem, CostProfile.of(model, rows.x()), stable, noiseShare,
                rows.size(), roi, rule, dataFile, dataSha256);
    }

    /**
     * The test rows of the model's split, reproduced from its target, seed and test fraction, or
     * null when the reproduction does not give the model's number of training rows.
     */
    static Dataset testRows(TrainedModel model, Table table, double testFraction) {
        var target = model.preprocessor().target();
        List<String> inputs = model.preprocessor().inputColumns();
        List<String> others = new ArrayList<>();
        for (Column column : table.columns()) {
            if (!column.name().equals(target.column()) && !inputs.contains(column.name())) {
                others.add(column.name());
            }
        }
        DataSpec spec = new DataSpec(target.column(), Preprocessing.ignoring(table, others), target.task(),
                target.positive(), testFraction, model.provenance().seed());
        PreparedData split = Preprocessing.prepare(table, spec);
        if (split.train().size() != model.provenance().rows()) {
            return null;
        }
        return model.preprocessor().apply(table, split.test().rows());
    }
}
