package org.heaviside.ste;

import java.util.List;
import java.util.Map;
import org.heaviside.network.DeepNetwork;

/**
 * The outcome of STE training.
 *
 * @param method            the surrogate's id
 * @param network           the trained network
 * @param objective         its J on the training rows
 * @param trainingObjective the regularized loss it minimized, L + (β/2)‖θ‖²
 * @param train             final training metrics
 * @param test              final test metrics
 * @param curve             J and metrics every few epochs
 * @param millis            training time
 * @param epochs            epochs run
 * @param halvings          times the step was halved on a plateau
 * @param targetMean        regression outputs are targetMean + targetScale * f
 * @param targetScale       see targetMean
 */
public record SteResult(String method, DeepNetwork network, double objective, double trainingObjective,
                        Map<String, Double> train, Map<String, Double> test, List<CurvePoint> curve, long millis,
                        int epochs, int halvings, double targetMean, double targetScale) {
}
