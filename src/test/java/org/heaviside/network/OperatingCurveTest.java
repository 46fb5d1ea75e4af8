package org.heaviside.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** ROC and precision-recall points and the confusion matrix at any cut, against hand-computed cases. */
class OperatingCurveTest {

    @Test
    void tiedScoresMoveTogetherAndTheCutsSitMidway() {
        // scores 0.9 (+), 0.5 (+), 0.5 (-), 0.1 (-): three distinct scores, four cuts
        OperatingCurve curve = OperatingCurve.of(new double[] {0.5, 0.1, 0.9, 0.5}, new double[] {1, -1, 1, -1}, null);
        assertThat(curve.cuts()).isEqualTo(4);
        assertThat(curve.threshold(0)).isEqualTo(1.9);
        assertThat(curve.threshold(1)).isEqualTo(0.7, within(1e-15));
        assertThat(curve.threshold(2)).isEqualTo(0.3, within(1e-15));
        assertThat(curve.threshold(3)).isEqualTo(-0.9);
        assertThat(curve.confusion(0)).isEqualTo(new Confusion(0, 2, 0, 2));
        assertThat(curve.confusion(1)).isEqualTo(new Confusion(1, 1, 0, 2));
        // the tie at 0.5 is flagged as a block: one more catch and one false alarm at once
        assertThat(curve.confusion(2)).isEqualTo(new Confusion(2, 0, 1, 1));
        assertThat(curve.confusion(3)).isEqualTo(new Confusion(2, 0, 2, 0));
        assertThat(curve.roc()).isDeepEqualTo(new double[][] {{0, 0}, {0, 0.5}, {0.5, 1}, {1, 1}});
        assertThat(curve.precisionRecall()).isDeepEqualTo(new double[][] {{0.5, 1}, {1, 2.0 / 3}, {1, 0.5}});
        // a cut exactly at a score flags it (score >= t), as the model file and exports do
        assertThat(curve.at(0.5)).isEqualTo(curve.confusion(2));
        assertThat(curve.at(0.50001)).isEqualTo(curve.confusion(1));
        assertThat(curve.at(-5)).isEqualTo(curve.confusion(3));
        assertThat(curve.at(5)).isEqualTo(curve.confusion(0));
    }

    @Test
    void weightsCountRowsAsTheirWeight() {
        // balanced weights for one positive among four rows: 2 for it, 2/3 for each negative
        double[] weights = {2, 2.0 / 3, 2.0 / 3, 2.0 / 3};
        OperatingCurve curve = OperatingCurve.of(new double[] {0.2, 0.4, -0.1, -0.3}, new double[] {1, -1, -1, -1},
                weights);
        assertThat(curve.positives()).isEqualTo(2);
        assertThat(curve.negatives()).isEqualTo(2, within(1e-15));
        // cut 2 (t = 0.05): the negative at 0.4 and the positive at 0.2 are flagged
        Confusion c = curve.confusion(2);
        assertThat(c.truePositives()).isEqualTo(2);
        assertThat(c.falsePositives()).isEqualTo(2.0 / 3, within(1e-15));
        assertThat(c.trueNegatives()).isEqualTo(4.0 / 3, within(1e-15));
        assertThat(c.recall()).isEqualTo(1);
        assertThat(c.precision()).isEqualTo(0.75, within(1e-15));
        assertThat(c.falseAlarmRate()).isEqualTo(1.0 / 3, within(1e-15));
        assertThat(c.falseAlarmsPerThousandRows()).isEqualTo(1000 * (2.0 / 3) / 4, within(1e-12));
        assertThat(c.expectedCost(5000, 200)).isEqualTo(200 * 2.0 / 3, within(1e-12));
        // unit weights give the plain counts
        assertThat(OperatingCurve.of(new double[] {0.2, 0.4, -0.1, -0.3}, new double[] {1, -1, -1, -1}, null)
                .confusion(2).counts()).containsExactly(1, 0, 1, 2);
    }

    @Test
    void oneClassOnlyLeavesTheOtherClassRatesUndefined() {
        OperatingCurve curve = OperatingCurve.of(new double[] {0.3, -0.2, 0.3}, new double[] {-1, -1, -1}, null);
        assertThat(curve.cuts()).isEqualTo(3);
        Confusion c = curve.confusion(1);
        assertThat(c).isEqualTo(new Confusion(0, 0, 2, 1));
        assertThat(c.recall()).isNaN();
        assertThat(c.precision()).isZero();
        assertThat(c.falseAlarmsPerThousandRows()).isEqualTo(2000.0 / 3, within(1e-12));
        assertThat(c.balancedAccuracy()).isEqualTo(1.0 / 3, within(1e-15));
        assertThat(curve.roc()[1][0]).isEqualTo(2.0 / 3, within(1e-15));
        assertThat(curve.roc()[1][1]).isNaN();
        assertThat(OperatingCurve.of(new double[0], new double[0], null).cuts()).isEqualTo(1);
        assertThat(OperatingCurve.of(new double[0], new double[0], null).confusion(0).recall()).isNaN();
    }

    @Test
    void badInputIsRefusedWithAMessage() {
        assertThatThrownBy(() -> OperatingCurve.of(new double[] {Double.NaN}, new double[] {1}, null))
                .hasMessageContaining("Row 1");
        assertThatThrownBy(() -> OperatingCurve.of(new double[] {0}, new double[] {1}, new double[] {-1}))
                .hasMessageContaining("weight");
        assertThatThrownBy(() -> OperatingCurve.of(new double[] {0, 1}, new double[] {1}, null))
                .hasMessageContaining("one value per row");
    }

    @Property(tries = 100)
    void everyCutAgreesWithCountingTheRows(@ForAll @IntRange(min = 1, max = 40) int n,
                                           @ForAll @IntRange(min = 0, max = 10_000) int seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] scores = new double[n];
        double[] labels = new double[n];
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextBoolean() ? 1 : -1;
            scores[i] = Math.round(random.nextGaussian() * 3) / 3.0; // rounded: ties
        }
        OperatingCurve curve = OperatingCurve.of(scores, labels, null);
        for (int k = 0; k < curve.cuts(); k++) {
            double t = curve.threshold(k);
            int[] counted = new int[4];
            for (int i = 0; i < n; i++) {
                boolean flagged = scores[i] >= t;
                counted[labels[i] > 0 ? (flagged ? 0 : 1) : (flagged ? 2 : 3)]++;
            }
            assertThat(curve.confusion(k).counts()).containsExactly(counted);
            assertThat(curve.cutOf(t)).isEqualTo(k);
        }
    }
}
