package org.heaviside.report;

import java.util.Map;
import org.heaviside.network.OperatingPoint;
import org.heaviside.network.TrainedModel;

/**
 * The decision rule the report states and uses: the score threshold t (the model flags a row as a
 * failure when its score is at least t), the class weights and the costs the model was chosen with.
 * Read from the model in one place, {@link #of}: the operating point the model file records (files
 * written before it existed say t = 0) and the costs it was chosen with; class weights are not yet
 * recorded (every row weighs 1).
 *
 * @param threshold      the score threshold t
 * @param recorded       whether the model file records a chosen operating point (false: the built-in t = 0)
 * @param classWeights   class label to weight, empty when every row weighs 1
 * @param missedCost     the cost of a missed failure the model was chosen with, or null if none is recorded
 * @param falseAlarmCost the cost of a false alarm the model was chosen with, or null if none is recorded
 * @param manual         whether the recorded threshold was set by hand (on the Train page) rather than by a rule
 */
public record ModelDecision(double threshold, boolean recorded, Map<String, Double> classWeights, Double missedCost,
                             Double falseAlarmCost, boolean manual) {

    /** Copies the weights. */
    public ModelDecision {
        classWeights = Map.copyOf(classWeights);
    }

    /** The decision rule a model file records. */
    public static ModelDecision of(TrainedModel model) {
        OperatingPoint point = model.operatingPoint();
        boolean costs = point.hasCosts();
        return new ModelDecision(point.threshold(), point.rule() != OperatingPoint.Rule.ZERO, Map.of(),
                costs ? point.missedCost() : null, costs ? point.falseAlarmCost() : null,
                point.rule() == OperatingPoint.Rule.MANUAL);
    }
}
