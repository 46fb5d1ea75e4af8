package org.heaviside.ste;

import java.util.Map;

/**
 * One point of a training curve.
 *
 * @param epoch     epochs done
 * @param seconds   time since the start of training
 * @param objective J = L + β Σ |s_j| ‖α_j‖ at that point
 * @param train     training metrics
 * @param test      test metrics (empty without test rows)
 */
public record CurvePoint(int epoch, double seconds, double objective, Map<String, Double> train,
                         Map<String, Double> test) {
}
