package org.heaviside.app.study;

import java.util.List;
import java.util.Map;
import org.heaviside.conditions.Condition;

/**
 * What the Train page shows after a run; every number comes from the trainer's result.
 *
 * @param method           the method id
 * @param objective        the program's objective
 * @param networkObjective J of the reconstructed network
 * @param dualityGap       P − D
 * @param relativeGap      (P − D) / P
 * @param tolerance        the relative gap asked for
 * @param status           solver status id
 * @param certificate      certificate status
 * @param neurons          m*, the last hidden layer's width
 * @param patterns         patterns in the program
 * @param widths           hidden widths, first to last
 * @param seconds          training time
 * @param train            training metrics
 * @param test             test metrics
 * @param confusion        for two classes: {true positives, false negatives, false positives, true negatives}
 *                         on the test rows (training rows when there are none), else null
 * @param positive         the +1 class label, or null
 * @param rules            the strongest neurons as readable rules (two layers)
 * @param conditions       the solve-time conditions (width, patterns, shattering)
 * @param predictedActual  for regression: {predicted, actual} in the target's units for up to 2,000 test
 *                         rows (training rows when there are none), else null
 * @param betaRatio        β as a share of β_max that the model was trained at (the cross-validation's choice
 *                         when it chose it), or null for an absolute β or a study saved before it was kept
 * @param crossValidated   whether cross-validation chose the ratio
 */
public record TrainOutcome(String method, double objective, double networkObjective, double dualityGap,
                           double relativeGap, double tolerance, String status, String certificate, int neurons,
                           int patterns, int[] widths, double seconds, Map<String, Double> train,
                           Map<String, Double> test, int[] confusion, String positive, List<String> rules,
                           List<Condition> conditions, double[][] predictedActual, Double betaRatio,
                           boolean crossValidated) {
}
