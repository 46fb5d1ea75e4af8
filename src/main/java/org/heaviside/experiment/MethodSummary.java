package org.heaviside.experiment;

import java.util.Map;

/**
 * A method's results over the seeds.
 *
 * @param name            the method
 * @param runs            number of seeds
 * @param objective       J over the seeds
 * @param excess          (J − J_reference) / J_reference over the seeds
 * @param train           training metrics
 * @param test            test metrics
 * @param seconds         training time
 * @param neurons         last hidden width
 * @param pValue          two-sided p of the paired test of the reference against this method on the
 *                        primary test metric (null for the reference itself)
 * @param pValueObjective the same on J
 * @param augmentedRuns   seeds on which the convex program took the baselines' patterns
 * @param belowReference  seeds on which this method's J was below the reference's (never, when the
 *                        reference is a convex optimum over a dictionary containing this network)
 */
public record MethodSummary(String name, int runs, Stats objective, Stats excess, Map<String, Stats> train,
                            Map<String, Stats> test, Stats seconds, Stats neurons, Double pValue,
                            Double pValueObjective, int augmentedRuns, int belowReference) {
}
