package org.heaviside.arrangement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RowProductsTest {

    private static double[][] rows(int n, int d, SplittableRandom random) {
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                // mixed magnitudes and signs, so that the order of the additions shows in the last bits
                row[k] = random.nextGaussian() * Math.pow(10, random.nextInt(-3, 4));
            }
        }
        return x;
    }

    @Test
    void theProductsHaveTheBitsOfTheRowByRowLoop() {
        SplittableRandom random = new SplittableRandom(5);
        for (int n : new int[] {1, 3, 4, 7, 64, 129}) {
            for (int d : new int[] {1, 2, 4, 5, 8, 27}) {
                double[][] x = rows(n, d, random);
                double[] w = new double[d + 1]; // a hyperplane: the bias last is not a feature's weight
                for (int k = 0; k <= d; k++) {
                    w[k] = random.nextGaussian();
                }
                double start = random.nextGaussian();
                double[] expected = new double[n];
                for (int i = 0; i < n; i++) {
                    double s = start;
                    for (int k = 0; k < d; k++) {
                        s += w[k] * x[i][k];
                    }
                    expected[i] = s;
                }
                double[] out = new double[n];
                new RowProducts(x).products(w, start, out);
                assertThat(out).as("n = %d, d = %d", n, d).containsExactly(expected);
            }
        }
    }

    @Test
    void thePatternOfAHyperplaneIsPatternMatrixPattern() {
        SplittableRandom random = new SplittableRandom(6);
        double[][] x = rows(200, 6, random);
        // grid rows put some of them exactly on the hyperplanes below (x · u + b = 0 counts as 1)
        for (int i = 0; i < 50; i++) {
            for (int k = 0; k < 6; k++) {
                x[i][k] = random.nextInt(-2, 3);
            }
        }
        RowProducts rows = new RowProducts(x);
        for (int t = 0; t < 40; t++) {
            double[] u = new double[7];
            for (int k = 0; k < 7; k++) {
                u[k] = t < 20 ? random.nextInt(-2, 3) : random.nextGaussian();
            }
            assertThat(rows.pattern(u)).as("hyperplane %d", t).containsExactly(PatternMatrix.pattern(x, u));
        }
    }
}
