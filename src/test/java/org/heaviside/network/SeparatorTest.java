package org.heaviside.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class SeparatorTest {

    @Test
    void theMarginDoesNotDependOnWhereTheDataSits() {
        // 0-points at 100 and 101, 1-points at 103 and 104: the widest gap is 101..103, margin 1
        double[][] x = {{100}, {101}, {103}, {104}};
        boolean[] pattern = {false, false, true, true};
        Separator.Fit fit = Separator.fit(x, pattern, 1e7);
        assertThat(fit.optimal()).isTrue();
        assertThat(Separator.margin(x, pattern, fit.plane())).isCloseTo(1.0, within(1e-6));
        assertThat(-fit.plane()[1] / fit.plane()[0]).isCloseTo(102.0, within(1e-6));
    }

    @Test
    void theBiasIsNotPartOfTheMinimizedNorm() {
        // away from the origin a penalized bias tilts the plane: the old separator found margin 0.7115 here
        double[][] x = {{5, 5}, {8, 6}, {5, 8}, {8, 7.5}};
        boolean[] pattern = {false, false, true, true};
        Separator.Fit fit = Separator.fit(x, pattern, 1e7);
        assertThat(fit.optimal()).isTrue();
        assertThat(Separator.margin(x, pattern, fit.plane())).isCloseTo(0.75, within(1e-9));
    }

    @Test
    void aBudgetTooSmallForTheOptimumIsNotCalledMaxMargin() {
        SplittableRandom random = new SplittableRandom(2);
        double[][] x = new double[200][3];
        boolean[] pattern = new boolean[200];
        for (int i = 0; i < 200; i++) {
            for (int k = 0; k < 3; k++) {
                x[i][k] = random.nextDouble(-1, 1) + 50;
            }
            pattern[i] = x[i][0] + 0.5 * x[i][1] - x[i][2] > 25.5;
        }
        Separator.Fit short1 = Separator.fit(x, pattern, 3 * 2 * 64 * 3);
        if (short1 != null) {
            assertThat(short1.optimal()).isFalse();
            assertThat(Separator.reproduces(x, pattern, short1.plane())).isTrue();
        }
        Separator.Fit full = Separator.fit(x, pattern, 1e9);
        assertThat(full.optimal()).isTrue();
        assertThat(Reconstruction.label(0, 3, 0)).isEqualTo("separating");
        assertThat(Reconstruction.label(5, 0, 0)).isEqualTo("max-margin");
        assertThat(Reconstruction.label(5, 2, 1)).isEqualTo("max-margin 5, separating 2, generator 1");
    }

    /** No hyperplane through the gap beats the fitted margin, wherever the points sit. */
    @Property(tries = 60)
    void noSeparatorHasALargerGeometricMargin(@ForAll @IntRange(min = 4, max = 30) int n,
                                             @ForAll @DoubleRange(min = -1000, max = 1000) double shift,
                                             @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] x = new double[n][2];
        boolean[] pattern = new boolean[n];
        double angle = random.nextDouble(0, 2 * Math.PI);
        for (int i = 0; i < n; i++) {
            double a = random.nextDouble(-1, 1);
            double b = random.nextDouble(-1, 1);
            pattern[i] = i % 2 == 0;
            double side = pattern[i] ? 0.2 + a * a : -0.2 - a * a; // a gap of at least 0.4 along one direction
            x[i][0] = shift + side * Math.cos(angle) - b * Math.sin(angle);
            x[i][1] = shift + side * Math.sin(angle) + b * Math.cos(angle);
        }
        Separator.Fit fit = Separator.fit(x, pattern, 1e9);
        assertThat(fit).isNotNull();
        assertThat(fit.optimal()).isTrue();
        double margin = Separator.margin(x, pattern, fit.plane());
        assertThat(margin).isGreaterThanOrEqualTo(0.2 - 1e-6);
        // brute force over directions: for each, the best margin is half the gap between the classes
        for (int k = 0; k < 720; k++) {
            double t = Math.PI * k / 360;
            double lowestOne = Double.POSITIVE_INFINITY;
            double highestZero = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                double p = x[i][0] * Math.cos(t) + x[i][1] * Math.sin(t);
                if (pattern[i]) {
                    lowestOne = Math.min(lowestOne, p);
                } else {
                    highestZero = Math.max(highestZero, p);
                }
            }
            assertThat((lowestOne - highestZero) / 2).isLessThanOrEqualTo(margin * (1 + 1e-5) + 1e-9);
        }
    }
}
