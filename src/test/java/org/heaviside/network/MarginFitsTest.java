package org.heaviside.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.heaviside.arrangement.PatternMatrix;
import org.heaviside.arrangement.PatternSources;
import org.heaviside.run.Cancellation;
import org.junit.jupiter.api.Test;

class MarginFitsTest {

    /** Weights (rows of two outputs) on every third column from {@code first}, the all-ones column 0 included. */
    private static double[] support(PatternMatrix h, int first, SplittableRandom random) {
        double[] z = new double[2 * h.columns()];
        z[0] = 1.0;
        for (int j = first; j < h.columns(); j += 3) {
            z[2 * j + random.nextInt(2)] = random.nextGaussian();
        }
        return z;
    }

    /** Rows x and 90 sampled patterns with the all-ones one. */
    private static PatternMatrix patterns(double[][] x) {
        PatternMatrix h = new PatternMatrix(x.length);
        PatternSources.addBias(h, 5);
        PatternSources.sample(h, x, 90, 4, Cancellation.NEVER);
        return h;
    }

    private static double[][] rows(SplittableRandom random) {
        return rows(random, 300);
    }

    private static double[][] rows(SplittableRandom random, int n) {
        double[][] x = new double[n][5];
        for (double[] row : x) {
            for (int k = 0; k < 5; k++) {
                row[k] = random.nextGaussian();
            }
        }
        return x;
    }

    @Test
    void onlyColumnsThatStayedInTheSupportForTwoSolvesAreFitAhead() {
        SplittableRandom random = new SplittableRandom(5);
        double[][] x = rows(random);
        PatternMatrix h = patterns(x);
        MarginFits ahead = new MarginFits(x, true);
        double[] first = support(h, 1, random);
        ahead.queue(h, first, 2);
        assertThat(ahead.queued()).as("every column is new to the support").isZero();
        double[] second = support(h, 2, random);
        int stayed = 0;
        for (int j = 1; j < h.columns(); j += 6) {
            second[2 * j + 1] = 0.25; // every other column of the first support stays
            stayed++;
        }
        ahead.queue(h, second, 2);
        assertThat(ahead.queued()).isEqualTo(stayed);
        ahead.queue(h, second, 2);
        assertThat(ahead.queued()).as("the whole support stayed").isEqualTo(MarginFits.neurons(h, second, 2).length);
    }

    @Test
    void onSmallDataNothingIsFitAheadAndTheEndFitsAreEachPatternsFit() {
        SplittableRandom random = new SplittableRandom(7);
        double[][] x = rows(random, 300);
        assertThat((long) x.length * x[0].length).isLessThan(MarginFits.AHEAD_ENTRIES);
        PatternMatrix h = patterns(x);
        double[] z = support(h, 1, random);
        MarginFits fits = queuedTwice(x, h, z);
        assertThat(fits.queued()).as("the same support twice, on 300 x 5 rows").isZero();
        fits.resume();
        Separator.Fit[] all = fits.fits(h, z, 2);
        int[] neurons = MarginFits.neurons(h, z, 2);
        assertThat(neurons).hasSizeGreaterThan(20);
        for (int j : neurons) {
            Separator.Fit expected = Separator.fit(x, MarginFits.pattern(h, j), h.generator(j),
                    Reconstruction.FIT_WORK);
            assertThat(all[j].plane()).as("column %d", j).containsExactly(expected.plane());
            assertThat(all[j].optimal()).as("column %d", j).isEqualTo(expected.optimal());
        }
    }

    @Test
    void fromTenThousandEntriesTheSupportThatStayedIsFitAhead() {
        SplittableRandom random = new SplittableRandom(9);
        double[][] x = rows(random, 2000);
        assertThat((long) x.length * x[0].length).isEqualTo(MarginFits.AHEAD_ENTRIES);
        PatternMatrix h = patterns(x);
        double[] z = support(h, 1, random);
        MarginFits fits = queuedTwice(x, h, z);
        assertThat(fits.queued()).isEqualTo(MarginFits.neurons(h, z, 2).length).isPositive();
    }

    /** Fits on rows x with the support of z (two outputs) queued twice, as two certificate rounds queue it. */
    private static MarginFits queuedTwice(double[][] x, PatternMatrix h, double[] z) {
        MarginFits fits = new MarginFits(x);
        fits.queue(h, z, 2);
        fits.queue(h, z, 2);
        return fits;
    }

    @Test
    void fitsDoneAheadOnAnotherThreadAreTheFitsOfEachPattern() {
        SplittableRandom random = new SplittableRandom(3);
        double[][] x = new double[300][5];
        for (double[] row : x) {
            for (int k = 0; k < 5; k++) {
                row[k] = random.nextGaussian();
            }
        }
        PatternMatrix h = new PatternMatrix(x.length);
        PatternSources.addBias(h, 5);
        PatternSources.sample(h, x, 90, 4, Cancellation.NEVER);
        MarginFits ahead = new MarginFits(x, true);
        // two rounds' supports run ahead (the second drops most of the first), then the last support's fits
        ahead.queue(h, support(h, 1, random), 2);
        ahead.resume();
        ahead.pause();
        ahead.queue(h, support(h, 2, random), 2);
        ahead.resume();
        double[] last = support(h, 1, random);
        for (int j = 2; j < h.columns(); j += 6) {
            last[2 * j] = 0.5; // some columns of the second support stay
        }
        Separator.Fit[] fits = ahead.fits(h, last, 2);

        assertThat(fits).hasSize(h.columns());
        assertThat(fits[0]).as("the all-ones pattern keeps its generator").isNull();
        int neurons = 0;
        for (int j = 1; j < h.columns(); j++) {
            boolean neuron = last[2 * j] != 0 || last[2 * j + 1] != 0;
            if (!neuron) {
                assertThat(fits[j]).as("column %d has no neuron", j).isNull();
                continue;
            }
            neurons++;
            Separator.Fit expected = Separator.fit(x, MarginFits.pattern(h, j), h.generator(j),
                    Reconstruction.FIT_WORK);
            assertThat(fits[j]).as("column %d", j).isNotNull();
            assertThat(fits[j].plane()).as("column %d", j).containsExactly(expected.plane());
            assertThat(fits[j].optimal()).as("column %d", j).isEqualTo(expected.optimal());
        }
        assertThat(neurons).isGreaterThan(30);
    }
}
