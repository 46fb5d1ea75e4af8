package org.heaviside.ste;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.heaviside.data.ByteSource;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.DataSpec;
import org.heaviside.data.PaperSynthetic;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Preprocessing;
import org.heaviside.deep.DeepOptions;
import org.heaviside.deep.DeepResult;
import org.heaviside.deep.DeepTrainer;
import org.heaviside.network.ConvexOptions;
import org.heaviside.network.ConvexResult;
import org.heaviside.network.ConvexTrainer;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.ConvergenceListener;
import org.heaviside.solver.Loss;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SteTrainerTest {

    /**
     * Two rows x = 1 and x = −2, targets +1 and −1, β = 0.1, squared loss; neuron 0 has (w, b) =
     * (0.5, 0.75), neuron 1 (−1, 0.5); s = (2, 1), α = (0.25, −1). Then z = [[1.25, −0.5], [−0.25... ]]:
     * row 0: z = (1.25, −0.5), fires neuron 0; row 1: z = (−0.25, 2.5), fires neuron 1. f = (0.5, −1),
     * g = f − y = (−0.5, 0). By hand: ∂α = (2·(−0.5) + 0.1·0.25, 0 + 0.1·(−1)) = (−0.975, −0.1);
     * ∂s = (−0.5·0.25 + 0.1·2, 0 + 0.1·1) = (0.075, 0.1); δ_0 = s0 α0 g0 φ'(1.25) = −0.25 φ'(1.25),
     * δ_1 = s1 α1 g0 φ'(−0.5) = 0.5 φ'(−0.5) (row 1 has g = 0); ∂w0 = δ_0·1 + 0.05, ∂b0 = δ_0 + 0.075,
     * ∂w1 = δ_1·1 − 0.1, ∂b1 = δ_1 + 0.05.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // surrogate, φ'(1.25), φ'(−0.5)
        "ste, 1, 1",
        "relu, 1, 0",
        "leaky-relu, 1, 0.01",
        "clipped-relu, 0, 0"})
    void gradientMatchesTheHandComputation(String name, double at125, double atMinusHalf) {
        Surrogate surrogate = Surrogate.find(name);
        assertThat(surrogate.derivative(1.25)).isEqualTo(at125);
        assertThat(surrogate.derivative(-0.5)).isEqualTo(atMinusHalf);
        SteTrainer.Model model = new SteTrainer.Model(new int[] {1}, new int[] {2}, 1);
        System.arraycopy(new double[] {0.5, 0.75, -1, 0.5}, 0, model.weights[0], 0, 4);
        model.amplitudes[0] = 2;
        model.amplitudes[1] = 1;
        model.outputs[0] = 0.25;
        model.outputs[1] = -1;
        double[][] x = {{1}, {-2}};
        double[][] y = {{1, -1}};
        SteTrainer.Pass pass = SteTrainer.forward(model, x);
        assertThat(pass.f[0]).containsExactly(0.5, -1.0);
        SteTrainer.Model grad = SteTrainer.gradient(model, pass, x, y, 0.1, Loss.SQUARED, surrogate);
        assertThat(grad.outputs[0]).isCloseTo(-0.975, within(1e-15));
        assertThat(grad.outputs[1]).isCloseTo(-0.1, within(1e-15));
        assertThat(grad.amplitudes[0]).isCloseTo(0.075, within(1e-15));
        assertThat(grad.amplitudes[1]).isCloseTo(0.1, within(1e-15));
        double delta0 = -0.25 * at125;
        double delta1 = 0.5 * atMinusHalf;
        // the hidden layer's δ is single precision (0.5 · 0.01 rounds to float): within 1e-9
        assertThat(grad.weights[0][0]).isCloseTo(delta0 + 0.05, within(1e-9));
        assertThat(grad.weights[0][1]).isCloseTo(delta0 + 0.075, within(1e-9));
        assertThat(grad.weights[0][2]).isCloseTo(delta1 - 0.1, within(1e-9));
        assertThat(grad.weights[0][3]).isCloseTo(delta1 + 0.05, within(1e-9));
    }

    @Test
    void threeLayerAmplitudeAndOutputGradientsAreTheTrueOnes() {
        // the output is smooth in s and α, so there the surrogate gradient must equal finite differences
        SteTrainer.Model model = SteTrainer.initialize(3, new int[] {6, 4}, 2, 9);
        SplittableRandom random = new SplittableRandom(4);
        double[][] x = new double[7][3];
        double[][] y = new double[2][7];
        for (int i = 0; i < 7; i++) {
            for (int k = 0; k < 3; k++) {
                x[i][k] = random.nextDouble(-2, 2);
            }
            y[0][i] = random.nextBoolean() ? 1 : -1;
            y[1][i] = -y[0][i];
        }
        SteTrainer.Model grad = SteTrainer.gradient(model, SteTrainer.forward(model, x), x, y, 0.3, Loss.LOGISTIC,
                Surrogate.STE);
        double h = 1e-6;
        for (double[][] pair : new double[][][] {{model.amplitudes, grad.amplitudes}, {model.outputs, grad.outputs}}) {
            for (int i = 0; i < pair[0].length; i++) {
                double keep = pair[0][i];
                pair[0][i] = keep + h;
                double up = SteTrainer.trainingObjective(model, SteTrainer.forward(model, x), y, 0.3, Loss.LOGISTIC);
                pair[0][i] = keep - h;
                double down = SteTrainer.trainingObjective(model, SteTrainer.forward(model, x), y, 0.3, Loss.LOGISTIC);
                pair[0][i] = keep;
                assertThat(pair[1][i]).isCloseTo((up - down) / (2 * h), within(1e-6));
            }
        }
    }

    /**
     * The vectorized kernels give the element-by-element definitions: the outputs f and the output and
     * amplitude gradients bit for bit (double precision, same order), the hidden layers' weight
     * gradients (single-precision sums) to single precision; and the same bits with one thread or several.
     */
    @ParameterizedTest(name = "{0}, {1} thread(s)")
    @CsvSource({"ste, 1", "ste, 3", "relu, 2", "leaky-relu, 1", "clipped-relu, 3"})
    void kernelsGiveThePlainLoopsResults(String name, int threads) {
        Surrogate surrogate = Surrogate.find(name);
        SteTrainer.Model model = SteTrainer.initialize(5, new int[] {23, 9}, 2, 11);
        SplittableRandom random = new SplittableRandom(12);
        double[][] x = new double[17][5];
        double[][] y = new double[2][17];
        for (int i = 0; i < 17; i++) {
            for (int k = 0; k < 5; k++) {
                x[i][k] = random.nextDouble(-2, 2);
            }
            y[0][i] = random.nextDouble(-1, 1);
            y[1][i] = random.nextDouble(-1, 1);
        }
        assertKernelsGiveThePlainLoopsResults(model, x, y, 0.2, surrogate, threads);
    }

    /** With one output (the head's loops fused) the kernels still give the plain loops' results. */
    @ParameterizedTest(name = "{0}, {1} thread(s)")
    @CsvSource({"ste, 1", "ste, 2", "relu, 3", "clipped-relu, 1"})
    void kernelsGiveThePlainLoopsResultsForOneOutput(String name, int threads) {
        Surrogate surrogate = Surrogate.find(name);
        SteTrainer.Model model = SteTrainer.initialize(6, new int[] {21, 11}, 1, 13);
        SplittableRandom random = new SplittableRandom(14);
        double[][] x = new double[19][6];
        double[][] y = new double[1][19];
        for (int i = 0; i < 19; i++) {
            for (int k = 0; k < 6; k++) {
                x[i][k] = random.nextDouble(-2, 2);
            }
            y[0][i] = random.nextBoolean() ? 1 : -1;
        }
        assertKernelsGiveThePlainLoopsResults(model, x, y, 0.1, surrogate, threads);
    }

    /**
     * Layers of {@link SteWorkspace#NARROW} neurons or more go through the wide product kernel, narrower
     * ones through the narrow one: both give the plain loops' results, with any surrogate (the identity
     * takes the first layer's gradient through layer 1's δ), and the same bits on one thread or two.
     */
    @ParameterizedTest(name = "{0}, widths {1} x {2}")
    @CsvSource({"ste, 300, 7", "relu, 300, 7", "ste, 9, 270", "clipped-relu, 9, 270"})
    void wideAndNarrowLayersGiveThePlainLoopsResults(String name, int width1, int width2) {
        Surrogate surrogate = Surrogate.find(name);
        SteTrainer.Model model = SteTrainer.initialize(4, new int[] {width1, width2}, 1, 17);
        SplittableRandom random = new SplittableRandom(18);
        double[][] x = new double[9][4];
        double[][] y = new double[1][9];
        for (int i = 0; i < 9; i++) {
            for (int k = 0; k < 4; k++) {
                x[i][k] = random.nextDouble(-2, 2);
            }
            y[0][i] = random.nextDouble(-1, 1);
        }
        assertKernelsGiveThePlainLoopsResults(model, x, y, 0.1, surrogate, 2);
    }

    /**
     * The workspace's forward and gradient on {@code threads} threads against the plain double loops:
     * f, amplitude and output gradients bit for bit, the two hidden layers' weight gradients to single
     * precision, and the same bits on one thread.
     */
    private static void assertKernelsGiveThePlainLoopsResults(SteTrainer.Model model, double[][] x, double[][] y,
                                                             double beta, Surrogate surrogate, int threads) {
        SteTrainer.Pass pass = new SteWorkspace(model, x, threads).forward();
        SteTrainer.Model grad = pass.workspace.gradient(y, beta, Loss.SQUARED, surrogate);
        double[][][] plain = plainForwardAndBackward(model, x, y, beta, surrogate);
        assertThat(pass.f).isDeepEqualTo(plain[0]);
        assertSinglePrecision(grad.weights[0], plain[1][0]);
        assertSinglePrecision(grad.weights[1], plain[1][1]);
        assertThat(grad.amplitudes).containsExactly(plain[1][2]);
        assertThat(grad.outputs).containsExactly(plain[1][3]);
        assertSameBitsOnOneThread(model, x, y, beta, surrogate, grad);
    }

    /** A hidden layer's weight gradient: float sums, so the double loops' values to a relative 1e-5. */
    static void assertSinglePrecision(double[] actual, double[] expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual[i]).as("element %d", i)
                    .isCloseTo(expected[i], within(1e-5 * Math.max(1, Math.abs(expected[i]))));
        }
    }

    /** The gradient of a one-thread workspace has the bits of {@code grad} (made with any number of threads). */
    private static void assertSameBitsOnOneThread(SteTrainer.Model model, double[][] x, double[][] y, double beta,
                                                  Surrogate surrogate, SteTrainer.Model grad) {
        SteTrainer.Model one = new SteWorkspace(model, x, 1).forward().workspace.gradient(y, beta, Loss.SQUARED,
                surrogate);
        for (int t = 0; t < one.tensors().length; t++) {
            assertThat(grad.tensors()[t]).containsExactly(one.tensors()[t]);
        }
    }

    /** A neuron whose pre-activation is NaN (a diverged weight) does not fire, in either hidden layer. */
    @ParameterizedTest(name = "{0} thread(s)")
    @CsvSource({"1", "2"})
    void neuronsWithNaNPreActivationsDoNotFire(int threads) {
        SteTrainer.Model model = SteTrainer.initialize(5, new int[] {23, 9}, 1, 15);
        model.weights[0][3 * 6 + 5] = Double.NaN; // the bias of layer 1's neuron 3
        model.weights[1][2 * 24 + 23] = Double.NaN; // the bias of layer 2's neuron 2
        SplittableRandom random = new SplittableRandom(16);
        double[][] x = new double[13][5];
        double[][] y = new double[1][13];
        for (int i = 0; i < 13; i++) {
            for (int k = 0; k < 5; k++) {
                x[i][k] = random.nextDouble(-2, 2);
            }
        }
        SteTrainer.Pass pass = new SteWorkspace(model, x, threads).forward();
        double[][] plain = plainForwardAndBackward(model, x, y, 0.1, Surrogate.STE)[0];
        assertThat(pass.f).isDeepEqualTo(plain);
        for (double v : pass.f[0]) {
            assertThat(v).isFinite();
        }
    }

    /** Outputs f, then the gradients (W1, W2, s, α) of a two-hidden-layer model, one element at a time. */
    private static double[][][] plainForwardAndBackward(SteTrainer.Model model, double[][] x, double[][] y,
                                                        double beta, Surrogate surrogate) {
        int n = x.length;
        int m1 = model.widths[0];
        int m2 = model.widths[1];
        int d = model.inputs[0];
        int classes = model.classes;
        double[][] z1 = new double[n][m1];
        double[][] z2 = new double[n][m2];
        double[][] f = new double[classes][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m1; j++) {
                double sum = model.weights[0][j * (d + 1) + d];
                for (int l = 0; l < d; l++) {
                    sum += model.weights[0][j * (d + 1) + l] * x[i][l];
                }
                z1[i][j] = sum;
            }
            for (int j = 0; j < m2; j++) {
                double[] partial = new double[4];
                int main = m1 - m1 % 4;
                for (int l = 0; l < m1; l++) {
                    partial[l < main ? l % 4 : 0] += model.weights[1][j * (m1 + 1) + l] * (z1[i][l] >= 0 ? 1.0 : 0.0);
                }
                double sum = model.weights[1][j * (m1 + 1) + m1];
                sum += (partial[0] + partial[1]) + (partial[2] + partial[3]);
                z2[i][j] = sum;
                for (int c = 0; c < classes; c++) {
                    if (sum >= 0) {
                        f[c][i] += model.amplitudes[j] * model.outputs[j * classes + c];
                    }
                }
            }
        }
        double[] gOut = new double[m2 * classes];
        double[] gAmp = new double[m2];
        double[][] delta2 = new double[n][m2];
        for (int j = 0; j < m2; j++) {
            for (int c = 0; c < classes; c++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    if (z2[i][j] >= 0) {
                        sum += f[c][i] - y[c][i];
                    }
                }
                gOut[j * classes + c] = model.amplitudes[j] * sum + beta * model.outputs[j * classes + c];
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double dot = 0;
                for (int c = 0; c < classes; c++) {
                    dot += (f[c][i] - y[c][i]) * model.outputs[j * classes + c];
                }
                if (z2[i][j] >= 0) {
                    sum += dot;
                }
                delta2[i][j] = model.amplitudes[j] * dot * surrogate.derivative(z2[i][j]);
            }
            gAmp[j] = sum + beta * model.amplitudes[j];
        }
        double[] gW2 = new double[m2 * (m1 + 1)];
        double[][] delta1 = new double[n][m1];
        for (int j = 0; j < m2; j++) {
            for (int l = 0; l <= m1; l++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += delta2[i][j] * (l == m1 ? 1.0 : z1[i][l] >= 0 ? 1.0 : 0.0);
                }
                gW2[j * (m1 + 1) + l] = sum + beta * model.weights[1][j * (m1 + 1) + l];
            }
        }
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < m1; l++) {
                double sum = 0;
                for (int j = 0; j < m2; j++) {
                    sum += delta2[i][j] * model.weights[1][j * (m1 + 1) + l];
                }
                delta1[i][l] = sum * surrogate.derivative(z1[i][l]);
            }
        }
        double[] gW1 = new double[m1 * (d + 1)];
        for (int j = 0; j < m1; j++) {
            for (int l = 0; l <= d; l++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += delta1[i][j] * (l == d ? 1.0 : x[i][l]);
                }
                gW1[j * (d + 1) + l] = sum + beta * model.weights[0][j * (d + 1) + l];
            }
        }
        return new double[][][] {f, {gW1, gW2, gAmp, gOut}};
    }

    /**
     * A small run (the paper's 100 rows x 20 features, 1,000 neurons: 2.1 M multiply-adds per forward
     * pass) keeps to one thread; the paper's three-layer run and 1,000 rows use both cores.
     */
    @Test
    void smallRunsKeepToOneThread() {
        SteTrainer.Model two = SteTrainer.initialize(20, new int[] {1000}, 1, 1);
        SteTrainer.Model three = SteTrainer.initialize(20, new int[] {1000, 100}, 1, 1);
        SteTrainer.Model ai4i = SteTrainer.initialize(8, new int[] {1000}, 1, 1);
        assertThat(SteWorkspace.threads(two, 100, 2)).isEqualTo(1);
        assertThat(SteWorkspace.threads(two, 100, 64)).isEqualTo(1);
        assertThat(SteWorkspace.threads(three, 100, 2)).isEqualTo(2);
        assertThat(SteWorkspace.threads(ai4i, 1000, 2)).isEqualTo(2);
        assertThat(SteWorkspace.threads(three, 100, 1)).isEqualTo(1);
    }

    @Test
    void theSameSeedGivesBitForBitTheSameNetwork() {
        PreparedData data = PaperSynthetic.generate(2, 60, 40, 5).prepared("small");
        for (int layers : new int[] {2, 3}) {
            SteOptions options = new SteOptions(Surrogate.LEAKY_RELU, layers, 40, 20, 60, 0.05, Optimizer.ADAM, 10, 7,
                    5, Loss.SQUARED);
            SteResult first = SteTrainer.train(data, 0.05, options, ProgressListener.NONE, Cancellation.NEVER);
            SteResult second = SteTrainer.train(data, 0.05, options, ProgressListener.NONE, Cancellation.NEVER);
            assertThat(second.objective()).isEqualTo(first.objective());
            assertThat(second.network().head().hyperplanes()).isDeepEqualTo(first.network().head().hyperplanes());
            assertThat(second.network().head().outputs()).isDeepEqualTo(first.network().head().outputs());
            assertThat(second.curve().stream().map(CurvePoint::objective).toList())
                    .isEqualTo(first.curve().stream().map(CurvePoint::objective).toList());
            SteResult other = SteTrainer.train(data, 0.05, options.withSeed(6), ProgressListener.NONE, Cancellation.NEVER);
            assertThat(other.objective()).isNotEqualTo(first.objective());
        }
    }

    @Test
    void theBestRecordedJAndItsEpochAreReportedNextToTheLastOne() {
        PreparedData data = PaperSynthetic.generate(3, 80, 20, 6).prepared("small");
        // a large Adam step makes J jump around, so the last epoch is not the best
        SteOptions options = new SteOptions(Surrogate.STE, 2, 60, 0, 200, 0.5, Optimizer.ADAM, 1000, 10, 3,
                Loss.SQUARED);
        SteResult result = SteTrainer.train(data, 0.08, options, ProgressListener.NONE, Cancellation.NEVER);
        CurvePoint best = result.best();
        double lowest = result.curve().stream().mapToDouble(CurvePoint::objective).min().orElseThrow();
        assertThat(best.objective()).isEqualTo(lowest).isLessThanOrEqualTo(result.objective());
        assertThat(result.curve()).contains(best);
        assertThat(best.epoch() % 10 == 0 || best.epoch() == 200).isTrue();
    }

    @Test
    void trainingLowersTheObjectiveAndRecordsACurvePointEveryFewEpochs() {
        PreparedData data = PaperSynthetic.generate(3, 80, 20, 6).prepared("small");
        SteOptions options = new SteOptions(Surrogate.STE, 2, 100, 0, 400, 0.01, Optimizer.SGD, 20, 50, 1,
                Loss.SQUARED);
        SteResult result = SteTrainer.train(data, 0.08, options, ProgressListener.NONE, Cancellation.NEVER);
        assertThat(result.curve().get(result.curve().size() - 1).objective())
                .isLessThan(result.curve().get(0).objective());
        assertThat(result.curve()).hasSize(400 / 50 + 1);
    }

    /**
     * No baseline reaches a J below the convex optimum: two layers against the program over every pattern
     * (exact enumeration, one or two features), three layers against the shattering program.
     */
    @Property(tries = 8, seed = "2026")
    void noBaselineGoesBelowTheConvexOptimum(@ForAll @IntRange(min = 8, max = 24) int n,
                                             @ForAll @IntRange(min = 1, max = 2) int features,
                                             @ForAll @IntRange(min = 1, max = 1000) int seed) {
        PreparedData data = small(n, features, seed);
        double beta = 0.05 * n;
        ConvexResult exact = new ConvexTrainer(ConvexOptions.builder().exact(true).beta(beta)
                .solver(ConvexOptions.defaults().solver().withTolerance(1e-10)).build())
                .train(data, ProgressListener.NONE, ConvergenceListener.NONE, Cancellation.NEVER);
        double lowerBound = exact.solver().objective() - exact.solver().dualityGap();
        DeepResult shattering = new DeepTrainer(DeepOptions.of(ConvexOptions.builder().beta(beta).build()))
                .shattering(data, ProgressListener.NONE, Cancellation.NEVER);
        for (Surrogate surrogate : Surrogate.values()) {
            for (int layers : new int[] {2, 3}) {
                SteOptions options = new SteOptions(surrogate, layers, 30, 15, 150, 0.05, Optimizer.SGD, 20, 50, seed,
                        Loss.SQUARED);
                SteResult result = SteTrainer.train(data, beta, options, ProgressListener.NONE, Cancellation.NEVER);
                for (CurvePoint point : result.curve()) {
                    assertThat(point.objective()).isGreaterThanOrEqualTo(shattering.objective() * (1 - 1e-12));
                    if (layers == 2) {
                        assertThat(point.objective()).isGreaterThanOrEqualTo(lowerBound * (1 - 1e-12));
                    }
                }
            }
        }
    }

    private static PreparedData small(int n, int features, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder(features == 1 ? "a,y\n" : "a,b,y\n");
        for (int i = 0; i < n; i++) {
            double a = random.nextDouble(-1, 1);
            double b = random.nextDouble(-1, 1);
            int label = a * a + (features == 2 ? b : 0.3) > 0.4 || random.nextInt(5) == 0 ? 1 : 0;
            text.append(a).append(',');
            if (features == 2) {
                text.append(b).append(',');
            }
            text.append(label).append('\n');
        }
        text.append(features == 1 ? "0.99,1\n-0.99,0\n" : "0.99,0.99,1\n-0.99,-0.99,0\n"); // both classes present
        return Preprocessing.prepare(CsvLoader.load(ByteSource.of("small.csv",
                text.toString().getBytes(StandardCharsets.UTF_8)), ProgressListener.NONE, Cancellation.NEVER),
                DataSpec.of("y").withTestFraction(0));
    }
}
