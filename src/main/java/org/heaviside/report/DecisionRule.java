package org.heaviside.report;

/**
 * When the report calls the model "worth a pilot": it must catch at least {@code minRecall} of the
 * held-out failures, and the low end (5th percentile) of its expected net savings in the first year
 * must reach {@code minSavings}. Set by the user (report options, Export page).
 *
 * @param minRecall  the least share of failures caught, in [0, 1]
 * @param minSavings the least net savings in the first year, in the ROI's currency
 */
public record DecisionRule(double minRecall, double minSavings) {

    /** Catch at least half of the failures and do not lose money even at the low end of the range. */
    public static final DecisionRule DEFAULT = new DecisionRule(0.5, 0);

    /** Checks the bounds. */
    public DecisionRule {
        if (!(minRecall >= 0 && minRecall <= 1)) {
            throw new IllegalArgumentException("The least share of failures caught for a pilot must be between 0 and 1, "
                    + "not " + minRecall + ".");
        }
        if (!Double.isFinite(minSavings)) {
            throw new IllegalArgumentException("The least savings for a pilot must be a number, not " + minSavings + ".");
        }
    }

    /** The verdicts. */
    public enum Verdict {
        /** Both bars are met. */
        PILOT,
        /** Too few failures caught. */
        TOO_FEW_CAUGHT,
        /** The savings may fall short of the bar. */
        TOO_LITTLE_SAVED,
        /** No held-out ROI to judge. */
        NOT_ASSESSED
    }

    /** The verdict on an estimate (null: not assessed). */
    public Verdict decide(RoiEstimate estimate) {
        if (estimate == null || Double.isNaN(estimate.recall())) {
            return Verdict.NOT_ASSESSED;
        }
        if (estimate.recall() < minRecall) {
            return Verdict.TOO_FEW_CAUGHT;
        }
        return estimate.savingsRange().low() >= minSavings ? Verdict.PILOT : Verdict.TOO_LITTLE_SAVED;
    }
}
