package org.heaviside.experiment;

import java.util.List;
import java.util.Map;
import org.heaviside.ste.CurvePoint;

/**
 * One method on one seed.
 *
 * @param method      the method name
 * @param seed        the seed (data for the paper preset, split when resampled, patterns, initialization)
 * @param objective   J of the trained network on the training rows
 * @param excess      (J − J_reference) / J_reference on the same seed
 * @param train       training metrics
 * @param test        test metrics
 * @param seconds     training time
 * @param neurons     width of the last hidden layer
 * @param augmented   for the convex program: whether the baselines' hidden patterns were added and the
 *                    program re-solved because a baseline had a lower J than the sampled program
 * @param certificate for convex methods the certificate status, else empty
 * @param relativeGap for convex methods the relative duality gap, else NaN
 * @param curve       J and metrics over time (the convex methods: one point at the end)
 * @param learningRate for a baseline the step size it trained with (chosen on validation rows when the
 *                    experiment tunes it), else NaN
 * @param threshold   the operating point t at which the two-class metrics were computed (0: the sign)
 */
public record Run(String method, long seed, double objective, double excess, Map<String, Double> train,
                  Map<String, Double> test, double seconds, int neurons, boolean augmented, String certificate,
                  double relativeGap, List<CurvePoint> curve, double learningRate, double threshold) {

    /** The recorded point with the lowest J (a baseline's best epoch; the convex end point), or null. */
    public CurvePoint best() {
        return org.heaviside.ste.SteResult.best(curve);
    }
}
