package org.heaviside.report;

import org.heaviside.export.CostProfile;
import org.heaviside.experiment.ExperimentResult;
import org.heaviside.network.TrainedModel;

/**
 * What the manager report shows.
 *
 * @param result      the comparison (convex against baselines over seeds)
 * @param model       the deployed model, or null
 * @param confusion   TP, FN, FP, TN of the model on the evaluation rows, or null (regression or no model)
 * @param cost        the model's cost profile, or null
 * @param stableShare share of evaluation rows certified stable under the sensor noise, or NaN
 * @param noiseShare  the noise bound as a share of each sensor's standard deviation
 * @param rows        evaluation rows
 * @param roi         the ROI sheet's inputs, or null
 */
public record ReportData(ExperimentResult result, TrainedModel model, int[] confusion, CostProfile cost,
                         double stableShare, double noiseShare, int rows, RoiInputs roi) {
}
