package org.heaviside.report;

/**
 * The ROI sheet's inputs.
 *
 * @param rowsPerDay       rows (parts, cycles, readings) scored per day
 * @param missedCost       cost of a missed failure
 * @param falseAlarmCost   cost of a false alarm
 * @param hardwareCost     one-off cost of the hardware and integration
 * @param currency         the unit of the costs, as text
 */
public record RoiInputs(double rowsPerDay, double missedCost, double falseAlarmCost, double hardwareCost,
                        String currency) {

    /**
     * Expected savings in the first year against running without the model (every failure missed):
     * 365 · rowsPerDay · (P(caught failure) · missedCost − P(false alarm) · falseAlarmCost) − hardwareCost,
     * with the probabilities per row from the measured confusion matrix.
     */
    public double savingsPerYear(int truePositives, int falseNegatives, int falsePositives, int trueNegatives) {
        double rows = truePositives + falseNegatives + falsePositives + trueNegatives;
        if (rows == 0) {
            return Double.NaN;
        }
        double caught = truePositives / rows;
        double alarms = falsePositives / rows;
        return 365 * rowsPerDay * (caught * missedCost - alarms * falseAlarmCost) - hardwareCost;
    }
}
