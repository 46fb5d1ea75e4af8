package org.heaviside.report;

import org.heaviside.experiment.ExperimentResult;
import org.heaviside.export.CostProfile;
import org.heaviside.network.TrainedModel;

/**
 * What the manager report is made from; {@link Reports} assembles it.
 *
 * @param result          the comparison (convex against baselines over seeds)
 * @param model           the deployed model, or null
 * @param heldOut         the model's scores on rows it did not train on, or null (no model, no rows,
 *                        regression, or no held-out rows)
 * @param heldOutProblem  why there are no held-out rows when there is a model and data, or null
 * @param cost            the model's cost profile, or null
 * @param stableShare     share of evaluation rows certified stable under the sensor noise, or NaN
 * @param noiseShare      the noise bound as a share of each sensor's standard deviation
 * @param rows            evaluation rows (of the robustness and cost figures)
 * @param roi             the ROI sheet's inputs, or null
 * @param rule            when the model is worth a pilot
 * @param dataFile        the evaluation file's name, or null
 * @param dataSha256      the evaluation file's SHA-256, or null
 */
public record ReportData(ExperimentResult result, TrainedModel model, HeldOut heldOut, String heldOutProblem,
                         CostProfile cost, double stableShare, double noiseShare, int rows, RoiInputs roi,
                         DecisionRule rule, String dataFile, String dataSha256) {

    /** The operating point the report states and measures at (read from the model, in one place). */
    public ModelDecision operatingPoint() {
        return model == null ? null : ModelDecision.of(model);
    }

    /** The held-out ROI, or null when there are no held-out rows or no ROI inputs. */
    public RoiEstimate estimate() {
        return heldOut == null || roi == null ? null : RoiEstimate.of(heldOut, operatingPoint().threshold(), roi);
    }
}
