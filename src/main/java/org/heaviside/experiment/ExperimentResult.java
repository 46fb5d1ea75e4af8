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
}
