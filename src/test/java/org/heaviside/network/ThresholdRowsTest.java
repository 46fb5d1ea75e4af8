package org.heaviside.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ThresholdRowsTest {

    /**
     * Rows evaluated four at a time give the outputs of the one-row loop bit for bit: dense inputs,
     * 0/1 inputs (zero terms left out), row counts that are not multiples of four, and a layer in
     * front (the deep network's binary features).
     */
    @Test
    void manyRowsGiveTheBitsOfOneRowAtATime() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 12; trial++) {
            int n = 1 + random.nextInt(150);
            int d = 1 + random.nextInt(30);
            int m = 1 + random.nextInt(300);
            int classes = 1 + random.nextInt(3);
            boolean binary = trial % 2 == 1;
            double[][] x = new double[n][d];
            for (double[] row : x) {
                for (int k = 0; k < d; k++) {
                    row[k] = binary ? random.nextInt(2) : random.nextInt(5) == 0 ? 0.0 : random.nextGaussian();
                }
            }
            ThresholdNetwork network = network(random, m, d, classes);
            double[][] many = network.predictRows(x);
            for (int i = 0; i < n; i++) {
                assertThat(many[i]).containsExactly(network.predict(x[i]));
            }
            double[][] layer = planes(random, 40, d);
            DeepNetwork deep = new DeepNetwork(List.<double[][]>of(layer), network(random, m, 40, classes));
            double[][] features = DeepNetwork.layer(layer, x);
            for (int i = 0; i < n; i++) {
                assertThat(features[i]).containsExactly(DeepNetwork.layer(layer, x[i]));
            }
            double[][] deepRows = deep.head().predictRows(deep.features(x));
            for (int i = 0; i < n; i++) {
                assertThat(deepRows[i]).containsExactly(deep.head().predict(DeepNetwork.layer(layer, x[i])));
            }
        }
    }

    private static ThresholdNetwork network(SplittableRandom random, int m, int d, int classes) {
        double[] amplitudes = new double[m];
        double[][] alphas = new double[m][classes];
        for (int j = 0; j < m; j++) {
            amplitudes[j] = random.nextGaussian();
            for (int c = 0; c < classes; c++) {
                alphas[j][c] = random.nextGaussian();
            }
        }
        return new ThresholdNetwork(planes(random, m, d), amplitudes, alphas, classes);
    }

    private static double[][] planes(SplittableRandom random, int m, int d) {
        double[][] planes = new double[m][d + 1];
        for (double[] plane : planes) {
            for (int k = 0; k <= d; k++) {
                plane[k] = random.nextGaussian();
            }
        }
        return planes;
    }
}
