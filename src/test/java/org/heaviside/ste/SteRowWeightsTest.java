package org.heaviside.ste;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.heaviside.data.ByteSource;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.DataSpec;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Preprocessing;
import org.heaviside.network.ClassWeights;
import org.heaviside.network.ConvexTrainer;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.Loss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** STE baselines trained with the convex model's row weights (docs/method.md sections 10-11). */
class SteRowWeightsTest {

    /**
     * Where the network is smooth (amplitudes and output weights) the weighted surrogate gradient is
     * the true gradient of the weighted training objective Σ_i w_i ℓ_i + (β/2)‖θ‖²: finite differences.
     */
    @ParameterizedTest(name = "{0}, {1} outputs")
    @CsvSource({"squared, 1", "logistic, 1", "logistic, 2"})
    void weightedGradientIsTheFiniteDifferenceOfTheWeightedObjective(String lossName, int outputs) {
        Loss loss = Loss.parse(lossName);
        SteTrainer.Model model = SteTrainer.initialize(3, new int[] {6, 4}, outputs, 9);
        SplittableRandom random = new SplittableRandom(4);
        int n = 9;
        double[][] x = new double[n][3];
        double[][] y = new double[outputs][n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                x[i][k] = random.nextDouble(-2, 2);
            }
            int label = random.nextInt(outputs == 1 ? 2 : outputs);
            for (int c = 0; c < outputs; c++) {
                y[c][i] = outputs == 1 ? (label == 1 ? 1 : -1) : (label == c ? 1 : -1);
            }
            w[i] = random.nextDouble(0.2, 5);
        }
        SteTrainer.Model grad = SteTrainer.gradient(model, SteTrainer.forward(model, x), y, w, 0.3, loss,
                Surrogate.STE);
        double h = 1e-6;
        double largest = 0;
        for (double[][] pair : new double[][][] {{model.amplitudes, grad.amplitudes}, {model.outputs, grad.outputs}}) {
            for (int i = 0; i < pair[0].length; i++) {
                double keep = pair[0][i];
                pair[0][i] = keep + h;
                double up = SteTrainer.trainingObjective(model, SteTrainer.forward(model, x), y, w, 0.3, loss);
                pair[0][i] = keep - h;
                double down = SteTrainer.trainingObjective(model, SteTrainer.forward(model, x), y, w, 0.3, loss);
                pair[0][i] = keep;
                assertThat(pair[1][i]).isCloseTo((up - down) / (2 * h), within(1e-6));
                largest = Math.max(largest, Math.abs(pair[1][i]));
            }
        }
        assertThat(largest).isGreaterThan(0.1); // the check is not on vanishing gradients
    }

    /**
     * A row of weight 2 counts as that row twice, in every part of the surrogate gradient (also the
     * hidden layers', which finite differences cannot check) and in the objective.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"ste", "relu", "leaky-relu", "clipped-relu"})
    void aRowOfWeightTwoCountsAsTheRowTwice(String name) {
        Surrogate surrogate = Surrogate.find(name);
        SteTrainer.Model model = SteTrainer.initialize(4, new int[] {11, 7}, 1, 3);
        SplittableRandom random = new SplittableRandom(8);
        int n = 13;
        double[][] x = new double[n][4];
        double[][] y = new double[1][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 4; k++) {
                x[i][k] = random.nextDouble(-2, 2);
            }
            y[0][i] = random.nextDouble(-1, 1);
        }
        double[] w = new double[n];
        Arrays.fill(w, 1.0);
        w[5] = 2.0;
        double[][] twice = Arrays.copyOf(x, n + 1);
        twice[n] = x[5];
        double[][] yTwice = {Arrays.copyOf(y[0], n + 1)};
        yTwice[0][n] = y[0][5];
        SteTrainer.Pass weighted = SteTrainer.forward(model, x);
        double[][] gw = copy(SteTrainer.gradient(model, weighted, y, w, 0.2, Loss.SQUARED, surrogate).tensors());
        SteTrainer.Pass repeated = SteTrainer.forward(model, twice);
        double[][] gr = SteTrainer.gradient(model, repeated, twice, yTwice, 0.2, Loss.SQUARED, surrogate).tensors();
        for (int t = 0; t < gw.length; t++) {
            if (t < model.weights.length) { // hidden layers: single-precision sums (the rows in another order)
                SteTrainerTest.assertSinglePrecision(gw[t], gr[t]);
                continue;
            }
            for (int i = 0; i < gw[t].length; i++) {
                assertThat(gw[t][i]).as("tensor %d element %d", t, i).isCloseTo(gr[t][i], within(1e-12));
            }
        }
        assertThat(SteTrainer.trainingObjective(model, weighted, y, w, 0.2, Loss.SQUARED))
                .isCloseTo(SteTrainer.trainingObjective(model, repeated, yTwice, 0.2, Loss.SQUARED), within(1e-12));
    }

    /** All-ones weights give the unweighted gradient, objective and training run bit for bit. */
    @Test
    void allOnesWeightsGiveTheUnweightedResultsBitForBit() {
        SteTrainer.Model model = SteTrainer.initialize(4, new int[] {11, 7}, 2, 3);
        SplittableRandom random = new SplittableRandom(5);
        int n = 10;
        double[][] x = new double[n][4];
        double[][] y = new double[2][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 4; k++) {
                x[i][k] = random.nextDouble(-2, 2);
            }
            y[0][i] = random.nextDouble(-1, 1);
            y[1][i] = random.nextDouble(-1, 1);
        }
        double[] ones = new double[n];
        Arrays.fill(ones, 1.0);
        SteTrainer.Pass pass = SteTrainer.forward(model, x);
        double[][] plain = copy(SteTrainer.gradient(model, pass, x, y, 0.2, Loss.SQUARED, Surrogate.RELU).tensors());
        double[][] unit = SteTrainer.gradient(model, pass, y, ones, 0.2, Loss.SQUARED, Surrogate.RELU).tensors();
        assertThat(unit).isDeepEqualTo(plain);
        assertThat(SteTrainer.trainingObjective(model, pass, y, ones, 0.2, Loss.SQUARED))
                .isEqualTo(SteTrainer.trainingObjective(model, pass, y, 0.2, Loss.SQUARED));

        PreparedData data = rare(120, 2);
        SteOptions options = new SteOptions(Surrogate.STE, 3, 20, 8, 60, 0.05, Optimizer.ADAM, 10, 20, 4,
                Loss.SQUARED);
        SteResult none = SteTrainer.train(data, 0.1, options, ProgressListener.NONE, Cancellation.NEVER);
        SteResult explicitOnes = SteTrainer.train(data, 0.1, options.withClassWeights(ClassWeights.parse("0=1,1=1")),
                ProgressListener.NONE, Cancellation.NEVER);
        assertThat(explicitOnes.objective()).isEqualTo(none.objective());
        assertThat(explicitOnes.trainingObjective()).isEqualTo(none.trainingObjective());
        assertThat(explicitOnes.curve().stream().map(CurvePoint::objective).toList())
                .isEqualTo(none.curve().stream().map(CurvePoint::objective).toList());
        assertThat(explicitOnes.network().head().outputs()).isDeepEqualTo(none.network().head().outputs());
    }

    /**
     * With class weights, a baseline's J (the last epoch and every curve point) is the J of its network
     * computed as the convex side computes it: the same weighted loss plus β Σ|s_j|‖α_j‖.
     */
    @ParameterizedTest(name = "{0} layers, {1}")
    @CsvSource({"2, squared", "3, squared", "2, logistic"})
    void aWeightedBaselinesJIsItsNetworksJInTheConvexWeightedLoss(int layers, String lossName) {
        Loss loss = Loss.parse(lossName);
        PreparedData data = rare(160, 3);
        double beta = 0.2;
        SteOptions options = new SteOptions(Surrogate.STE, layers, 25, 10, 80, 0.05, Optimizer.ADAM, 10, 80, 2, loss)
                .withClassWeights(ClassWeights.BALANCED);
        SteResult result = SteTrainer.train(data, beta, options, ProgressListener.NONE, Cancellation.NEVER);
        var encoding = data.preprocessor().target();
        double[] w = ClassWeights.BALANCED.rowWeights(data.train(), encoding);
        double[][] targets = ConvexTrainer.targets(data.train(), encoding).values();
        double weighted = result.network().objective(data.train().x(), targets, beta, loss, w);
        double unweighted = result.network().objective(data.train().x(), targets, beta, loss, null);
        assertThat(result.objective()).isCloseTo(weighted, within(1e-9 * Math.abs(weighted)));
        assertThat(result.curve().get(result.curve().size() - 1).objective())
                .isCloseTo(weighted, within(1e-9 * Math.abs(weighted)));
        assertThat(Math.abs(result.objective() - unweighted)).isGreaterThan(1e-3 * Math.abs(unweighted));
        // and the weights change the training itself, not only how its end is judged
        SteResult plain = SteTrainer.train(data, beta, options.withClassWeights(ClassWeights.NONE),
                ProgressListener.NONE, Cancellation.NEVER);
        assertThat(plain.network().head().outputs()).isNotEqualTo(result.network().head().outputs());
    }

    private static double[][] copy(double[][] tensors) {
        double[][] out = new double[tensors.length][];
        for (int t = 0; t < tensors.length; t++) {
            out[t] = tensors[t].clone();
        }
        return out;
    }

    /** A two-class set with about 10% positives (rows x features), no test rows. */
    private static PreparedData rare(int rows, int features) {
        SplittableRandom random = new SplittableRandom(17);
        StringBuilder text = new StringBuilder();
        for (int k = 0; k < features; k++) {
            text.append('f').append(k).append(',');
        }
        text.append("y\n");
        for (int i = 0; i < rows; i++) {
            boolean positive = i % 10 == 0;
            for (int k = 0; k < features; k++) {
                text.append(random.nextDouble(-1, 1) + (positive && k == 0 ? 0.8 : 0)).append(',');
            }
            text.append(positive ? 1 : 0).append('\n');
        }
        return Preprocessing.prepare(CsvLoader.load(ByteSource.of("rare.csv",
                text.toString().getBytes(StandardCharsets.UTF_8)), ProgressListener.NONE, Cancellation.NEVER),
                DataSpec.of("y").withTestFraction(0));
    }
}
