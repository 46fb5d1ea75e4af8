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
        MarginFits ahead = new MarginFits(x);
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
