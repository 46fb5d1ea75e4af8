package org.heaviside.experiment;

import java.util.List;
import org.heaviside.run.Provenance;

/**
 * An experiment's results.
 *
 * @param spec          what was run (re-runs from it)
 * @param reference     the convex method the excess and the paired tests refer to
 * @param primaryMetric the test metric of the paired test: balanced accuracy for two classes with a
 *                      minority below 10%, accuracy for other classes, rmse for regression
 * @param test          "wilcoxon" (fixed split) or "corrected-resampled-t" (resampled splits)
 * @param methods       one summary per method, in the spec's order
 * @param runs          every run
 * @param notes         plain sentences on what the table cannot show (such as the smallest p-value K
 *                      seeds allow, or a convex program that took the baselines' patterns)
 * @param provenance    seeds, versions, data checksum, timings
 */
public record ExperimentResult(ExperimentSpec spec, String reference, String primaryMetric, String test,
                               List<MethodSummary> methods, List<Run> runs, List<String> notes,
                               Provenance provenance) {

    /** Whether a smaller value of the primary metric is better (RMSE). */
    public boolean smallerIsBetter() {
        return "rmse".equals(primaryMetric);
    }

    /** The summary of a method, or null. */
    public MethodSummary summary(String method) {
        return methods.stream().filter(m -> m.name().equals(method)).findFirst().orElse(null);
    }

    /**
     * The method other than the reference with the best mean held-out primary metric (what a verdict
     * leads with, method.md section 11), or null when none has a value.
     */
    public MethodSummary bestOnMetric() {
        MethodSummary best = null;
        double bestValue = Double.NaN;
        for (MethodSummary m : methods) {
            Stats stats = m.test().get(primaryMetric);
            double value = stats == null ? Double.NaN : stats.mean();
            if (m.name().equals(reference) || Double.isNaN(value)) {
                continue;
            }
            if (best == null || (smallerIsBetter() ? value < bestValue : value > bestValue)) {
                best = m;
                bestValue = value;
            }
        }
        return best;
    }
}
