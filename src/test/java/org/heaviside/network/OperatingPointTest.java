package org.heaviside.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The operating point is the best cut of out-of-fold scores by its rule, checked against every cut. */
class OperatingPointTest {

    @Test
    void aRareClassGetsACutBelowZeroThatBalancesTheRecalls() {
        // positives score around -0.5, negatives around -1: the sign cut finds none of them
        double[] scores = {-0.4, -0.5, -0.6, -0.95, -1.0, -1.05, -1.1, -0.9, -1.2, -1.0};
        double[] labels = {1, 1, 1, -1, -1, -1, -1, -1, -1, -1};
        OperatingPoint point = OperatingPoint.choose(scores, labels, OperatingPoint.Rule.BALANCED_ACCURACY, 0, 0);
        assertThat(point.threshold()).isBetween(-0.9, -0.6);
        for (int i = 0; i < scores.length; i++) {
            assertThat(point.positive(scores[i])).isEqualTo(labels[i] > 0);
        }
        assertThat(OperatingPoint.choose(scores, labels, OperatingPoint.Rule.ZERO, 0, 0).threshold()).isZero();
    }

    @Test
    void expectedCostWeighsMissesAgainstFalseAlarms() {
        double[] scores = {0.1, -0.2, -0.3, -0.4};
        double[] labels = {1, -1, 1, -1};
        // a miss costs 100 alarms: catch both positives even at the price of one false alarm
        OperatingPoint costly = OperatingPoint.choose(scores, labels, OperatingPoint.Rule.EXPECTED_COST, 100, 1);
        assertThat(costly.threshold()).isBetween(-0.4, -0.3);
        // alarms cost more than misses: only the top score, which is a positive, raises one
        OperatingPoint cheap = OperatingPoint.choose(scores, labels, OperatingPoint.Rule.EXPECTED_COST, 1, 100);
        assertThat(cheap.threshold()).isBetween(-0.2, 0.1);
        assertThatThrownBy(() -> OperatingPoint.choose(scores, labels, OperatingPoint.Rule.EXPECTED_COST, 0, 0))
                .hasMessageContaining("cost");
    }

    @Test
    void aCutSetByHandIsRecordedAsManualAndNoProgramChoosesIt() {
        OperatingPoint point = OperatingPoint.manual(-0.25, 5000, 200, 40);
        assertThat(point.rule()).isEqualTo(OperatingPoint.Rule.MANUAL);
        assertThat(point.describe()).contains("-0.25").contains("by hand");
        assertThat(point.parameters()).containsEntry("operatingPoint", "manual").containsEntry("threshold", "-0.25")
                .containsEntry("costs", "missed=5000.0,false-alarm=200.0");
        assertThat(OperatingPoint.manual(0.5, 0, 0, 40).parameters()).doesNotContainKey("costs");
        assertThat(OperatingPoint.ZERO.parameters()).isEmpty();
        assertThatThrownBy(() -> OperatingPoint.Rule.parse("manual")).hasMessageContaining("Train page");
        assertThatThrownBy(() -> OperatingPoint.choose(new double[] {1, -1}, new double[] {1, -1},
                OperatingPoint.Rule.MANUAL, 0, 0)).hasMessageContaining("Train page");
    }

    @Property(tries = 200)
    void theChosenCutIsAsGoodAsEveryOtherCut(@ForAll @IntRange(min = 2, max = 60) int n,
                                              @ForAll @IntRange(min = 0, max = 10_000) int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] scores = new double[n];
        double[] labels = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextDouble() < 0.3 ? 1 : -1;
            // rounded scores make ties, which must fall on one side of the cut together
            scores[i] = Math.round((labels[i] * 0.3 + random.nextGaussian()) * 4) / 4.0;
        }
        for (OperatingPoint.Rule rule : new OperatingPoint.Rule[] {OperatingPoint.Rule.BALANCED_ACCURACY,
            OperatingPoint.Rule.F1, OperatingPoint.Rule.EXPECTED_COST}) {
            OperatingPoint point = OperatingPoint.choose(scores, labels, rule, 7, 2);
            double chosen = value(rule, scores, labels, point.threshold());
            for (double cut : scores) {
                assertThat(chosen).as("%s at %s vs the cut %s", rule, point.threshold(), cut)
                        .isGreaterThanOrEqualTo(value(rule, scores, labels, cut) - 1e-12);
            }
            assertThat(chosen).isGreaterThanOrEqualTo(value(rule, scores, labels, Double.POSITIVE_INFINITY) - 1e-12);
        }
    }

    /** The rule's value of predicting positive when score >= cut, computed plainly. */
    private static double value(OperatingPoint.Rule rule, double[] scores, double[] labels, double cut) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (int i = 0; i < scores.length; i++) {
            boolean predicted = scores[i] >= cut;
            if (labels[i] > 0) {
                tp += predicted ? 1 : 0;
                fn += predicted ? 0 : 1;
            } else {
                fp += predicted ? 1 : 0;
                tn += predicted ? 0 : 1;
            }
        }
        return switch (rule) {
            case BALANCED_ACCURACY -> tp + fn == 0 || fp + tn == 0 ? 0
                    : 0.5 * ((double) tp / (tp + fn) + (double) tn / (tn + fp));
            case F1 -> tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
            case EXPECTED_COST -> -(7.0 * fn + 2.0 * fp);
            case ZERO, MANUAL -> 0;
        };
    }
}
