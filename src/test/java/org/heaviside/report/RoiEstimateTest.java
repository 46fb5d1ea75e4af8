package org.heaviside.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The held-out ROI: the point estimate from the confusion matrix, a seeded bootstrap range, and the decision. */
class RoiEstimateTest {

    /** 10 failures (6 scored above 0) and 90 normal rows (9 scored above 0). */
    private static HeldOut heldOut() {
        boolean[] positive = new boolean[100];
        double[] score = new double[100];
        for (int i = 0; i < 100; i++) {
            positive[i] = i < 10;
            score[i] = i < 6 || (i >= 10 && i < 19) ? 0.5 : -0.5;
        }
        return new HeldOut(positive, score, HeldOut.Source.OTHER_FILE, Double.NaN, 0);
    }

    @Test
    void pointEstimateIsScaledToTheRowsPerDay() {
        RoiInputs roi = new RoiInputs(1000, 5000, 200, 20000, "EUR");
        RoiEstimate e = RoiEstimate.of(heldOut(), 0, roi);
        assertThat(new int[] {e.truePositives(), e.falseNegatives(), e.falsePositives(), e.trueNegatives()})
                .containsExactly(6, 4, 9, 81);
        assertThat(e.recall()).isEqualTo(0.6);
        assertThat(e.alarmsPerDay()).isEqualTo(90.0, within(1e-9)); // 1000 rows a day, 9 % false alarms
        assertThat(e.savingsPerYear()).isEqualTo(365 * 1000 * (0.06 * 5000 - 0.09 * 200) - 20000, within(1e-6));
    }

    @Test
    void bootstrapRangeIsSeededAndSurroundsTheEstimate() {
        RoiInputs roi = new RoiInputs(1000, 5000, 200, 20000, "EUR");
        RoiEstimate a = RoiEstimate.of(heldOut(), 0, roi, 500, 3);
        RoiEstimate b = RoiEstimate.of(heldOut(), 0, roi, 500, 3);
        assertThat(a).isEqualTo(b);
        assertThat(a.savingsRange().low()).isLessThan(a.savingsPerYear());
        assertThat(a.savingsRange().high()).isGreaterThan(a.savingsPerYear());
        assertThat(a.recallRange().low()).isLessThan(0.6);
        assertThat(a.recallRange().high()).isGreaterThan(0.6);
        assertThat(a.alarmsRange().low()).isLessThan(90);
        assertThat(a.alarmsRange().high()).isGreaterThan(90);
        // a higher threshold flags nothing: no savings beyond the hardware, no false alarms
        RoiEstimate none = RoiEstimate.of(heldOut(), 1, roi, 100, 3);
        assertThat(none.savingsPerYear()).isEqualTo(-20000);
        assertThat(none.alarmsRange().high()).isZero();
    }

    @Test
    void percentileInterpolatesBetweenOrderStatistics() {
        double[] values = {4, 1, 3, 2, 5};
        assertThat(RoiEstimate.percentile(values, 0.05)).isEqualTo(1.2, within(1e-12));
        assertThat(RoiEstimate.percentile(values, 0.95)).isEqualTo(4.8, within(1e-12));
        assertThat(RoiEstimate.percentile(values, 0.5)).isEqualTo(3);
    }

    @Test
    void decisionFollowsTheUsersBars() {
        RoiInputs roi = new RoiInputs(1000, 5000, 200, 20000, "EUR");
        RoiEstimate e = RoiEstimate.of(heldOut(), 0, roi, 500, 3);
        assertThat(new DecisionRule(0.5, 0).decide(e)).isEqualTo(DecisionRule.Verdict.PILOT);
        assertThat(new DecisionRule(0.7, 0).decide(e)).isEqualTo(DecisionRule.Verdict.TOO_FEW_CAUGHT);
        assertThat(new DecisionRule(0.5, 1e9).decide(e)).isEqualTo(DecisionRule.Verdict.TOO_LITTLE_SAVED);
        assertThat(new DecisionRule(0.5, 0).decide(null)).isEqualTo(DecisionRule.Verdict.NOT_ASSESSED);
    }
}
