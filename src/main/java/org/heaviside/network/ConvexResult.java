package org.heaviside.network;

import java.util.Map;
import org.heaviside.solver.SolverResult;

/**
 * The outcome of convex training.
 *
 * @param network           the reconstructed threshold network (on standardized features)
 * @param solver            the final solve
 * @param certificate       what is proven over all patterns
 * @param networkObjective  J of the network on the training data (equals the convex objective)
 * @param patterns          distinct patterns in the program
 * @param dichotomies       all dichotomies of the data when enumerated (counting the empty one), else -1
 * @param upperBound        2 * sum_{k<r} C(n-1, k), r = rank(Xt), as text (it can be huge)
 * @param rank              rank(Xt)
 * @param beta              the penalty used
 * @param betaMax           beta_max = max_j ‖h_jᵀY‖ over the initial patterns
 * @param hyperplanes       how neuron hyperplanes were chosen: "max-margin" (the separator's optimum
 *                          reached), "separating", "generator", or the count of each kind present
 * @param targetMean        regression targets were trained as (y - mean) / scale; 0 for classes
 * @param targetScale       see targetMean; 1 for classes
 * @param train             metrics on the training rows
 * @param test              metrics on the test rows (empty when there are none)
 * @param patternsMillis    time to build H
 * @param solveMillis       time of all solves (with the certificate)
 * @param bitBytes          memory of the packed H
 */
public record ConvexResult(ThresholdNetwork network, SolverResult solver, Certificate certificate,
                           double networkObjective, int patterns, long dichotomies, String upperBound, int rank,
                           double beta, double betaMax, String hyperplanes, double targetMean, double targetScale,
                           Map<String, Double> train, Map<String, Double> test, long patternsMillis,
                           long solveMillis, long bitBytes) {
}
