package org.heaviside.ste;

import java.util.List;
import java.util.Map;
import org.heaviside.network.DeepNetwork;

/**
 * The outcome of STE training.
 *
 * @param method            the surrogate's id
 * @param network           the trained network
 * @param objective         its J on the training rows after the last epoch ({@link #best()} is the
 *                          lowest recorded J and its epoch)
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

    /** The recorded point with the lowest J (the first of equals): the baseline at its best, not its last step. */
    public CurvePoint best() {
        return best(curve);
    }

    /** The point with the lowest J of a curve (the first of equals), or null for an empty curve. */
    public static CurvePoint best(List<CurvePoint> curve) {
        CurvePoint best = null;
        for (CurvePoint point : curve) {
            if (best == null || point.objective() < best.objective()) {
                best = point;
            }
        }
        return best;
    }
}
