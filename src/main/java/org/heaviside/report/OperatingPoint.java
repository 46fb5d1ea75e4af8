package org.heaviside.report;

import java.util.Map;
import org.heaviside.network.TrainedModel;

/**
 * The decision rule the report states and uses: the score threshold t (the model flags a row as a
 * failure when its score is at least t), the class weights and the costs the model was chosen with.
 * Read from the model in one place, {@link #of}: today's model files hold no chosen operating point,
 * no weights and no costs (their rule is t = 0, unweighted), so that is what is reported; when the
 * model file records them, only {@link #of} changes.
 *
 * @param threshold      the score threshold t
 * @param recorded       whether the model file records a chosen operating point (false: the built-in t = 0)
 * @param classWeights   class label to weight, empty when every row weighs 1
 * @param missedCost     the cost of a missed failure the model was chosen with, or null if none is recorded
 * @param falseAlarmCost the cost of a false alarm the model was chosen with, or null if none is recorded
 */
public record OperatingPoint(double threshold, boolean recorded, Map<String, Double> classWeights, Double missedCost,
                             Double falseAlarmCost) {

    /** Copies the weights. */
    public OperatingPoint {
        classWeights = Map.copyOf(classWeights);
    }

    /** The operating point of a model: today the built-in rule, score >= 0, unweighted, no costs. */
    public static OperatingPoint of(TrainedModel model) {
        return new OperatingPoint(0.0, false, Map.of(), null, null);
    }
}
