package org.heaviside.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SignificanceTestsTest {

    @Test
    void wilcoxonGivesTheExactTwoSidedValuesOfSmallCases() {
        // all five differences positive: W+ = 15 is the largest of 2^5 = 32 outcomes, p = 2/32
        assertThat(SignificanceTests.wilcoxon(new double[] {2, 3, 4, 5, 6}, new double[] {1, 1, 1, 1, 1}))
                .isCloseTo(0.0625, within(1e-15));
        // six positive: p = 2/64
        assertThat(SignificanceTests.wilcoxon(new double[] {1, 2, 3, 4, 5, 6}, new double[6])).isCloseTo(0.03125, within(1e-15));
        // six, the smallest negative: W+ = 20 of 21; sums >= 20 come from 2 of 64 sign patterns, p = 4/64
        assertThat(SignificanceTests.wilcoxon(new double[] {-1, 2, 3, 4, 5, 6}, new double[6])).isCloseTo(0.0625, within(1e-15));
        // symmetric differences: W+ = W− , p = 1
        assertThat(SignificanceTests.wilcoxon(new double[] {1, -1, 2, -2}, new double[4])).isEqualTo(1.0);
        // zeros are dropped; nothing left means no evidence
        assertThat(SignificanceTests.wilcoxon(new double[] {3, 3}, new double[] {3, 3})).isEqualTo(1.0);
        // ties share ranks: |d| = 1, 1, 2 get ranks 1.5, 1.5, 3; W+ = 4.5 (d = 1, 2 positive... ) by enumeration:
        // sign patterns with positive rank sum >= 4.5: {1.5,3}, {1.5',3}, {1.5,1.5',3} → 3 of 8; <= 4.5: 7 of 8
        assertThat(SignificanceTests.wilcoxon(new double[] {1, -1, 2}, new double[3])).isCloseTo(2 * 3 / 8.0, within(1e-15));
        assertThat(SignificanceTests.smallestWilcoxon(5)).isEqualTo(0.0625);
    }

    @Test
    void studentTailMatchesTabulatedQuantiles() {
        // two-sided 5% critical values: 12.706 (1 df), 2.776 (4 df), 2.228 (10 df); 1% at 4 df: 4.604
        assertThat(SignificanceTests.studentTwoSided(12.7062, 1)).isCloseTo(0.05, within(1e-5));
        assertThat(SignificanceTests.studentTwoSided(2.77645, 4)).isCloseTo(0.05, within(1e-5));
        assertThat(SignificanceTests.studentTwoSided(2.22814, 10)).isCloseTo(0.05, within(1e-5));
        assertThat(SignificanceTests.studentTwoSided(4.60409, 4)).isCloseTo(0.01, within(1e-5));
        assertThat(SignificanceTests.studentTwoSided(0, 7)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void correctedResampledTUsesTheTestToTrainRatio() {
        // d = (1, 2, 3): mean 2, s² = 1; with n_test/n_train = 1/3: t = 2 / sqrt((1/3 + 1/3)·1) = 2.449..., 2 df
        double p = SignificanceTests.correctedResampledT(new double[] {1, 2, 3}, new double[3], 300, 100);
        assertThat(p).isCloseTo(SignificanceTests.studentTwoSided(2 / Math.sqrt(2.0 / 3), 2), within(1e-15));
        // Student t with 2 df has the closed form P(|T| >= t) = 1 − t / sqrt(2 + t²)
        double t = 2 / Math.sqrt(2.0 / 3);
        assertThat(p).isCloseTo(1 - t / Math.sqrt(2 + t * t), within(1e-10));
    }

    @Test
    void normalTailForLargeSamples() {
        assertThat(SignificanceTests.normalUpper(1.959964)).isCloseTo(0.025, within(1e-7));
        assertThat(SignificanceTests.normalUpper(0)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void pairsWithANaNAreNotTestedAndNoPairGivesNoPValue() {
        double nan = Double.NaN;
        assertThat(SignificanceTests.pairs(new double[] {1, nan, 3, 4}, new double[] {0, 0, nan, 0})).isEqualTo(2);
        assertThat(SignificanceTests.wilcoxon(new double[] {nan, nan}, new double[] {1, 2})).isNaN();
        assertThat(SignificanceTests.wilcoxon(new double[] {1, 2, 3, 4, 5, 6, nan}, new double[7]))
                .isEqualTo(SignificanceTests.wilcoxon(new double[] {1, 2, 3, 4, 5, 6}, new double[6]));
        assertThat(SignificanceTests.correctedResampledT(new double[] {1, 2, 3, nan}, new double[4], 300, 100))
                .isEqualTo(SignificanceTests.correctedResampledT(new double[] {1, 2, 3}, new double[3], 300, 100));
    }

    @Test
    void theCorrectedTTestIsUndefinedWhenEveryDifferenceIsTheSameNonZeroValue() {
        assertThat(SignificanceTests.correctedResampledT(new double[] {2, 3, 4}, new double[] {1, 2, 3}, 300, 100))
                .isNaN();
        assertThat(SignificanceTests.correctedResampledT(new double[] {2, 3}, new double[] {2, 3}, 300, 100))
                .isEqualTo(1.0);
    }
}
