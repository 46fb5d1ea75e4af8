package org.heaviside.deep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.heaviside.conditions.Condition;
import org.heaviside.data.ByteSource;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.DataSpec;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Preprocessing;
import org.heaviside.data.Table;
import org.heaviside.export.ModelFile;
import org.heaviside.network.ConvexOptions;
import org.heaviside.network.ConvexTrainer;
import org.heaviside.network.TrainedModel;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.ConvergenceListener;
import org.heaviside.solver.Loss;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeepTrainerTest {

    /** n rows of three sensors; target "value" (numeric) and "fail" (two classes). */
    private static Table table(int n, long seed, String extraRows) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder("a,b,c,value,fail\n");
        for (int i = 0; i < n; i++) {
            double a = random.nextDouble(0, 10);
            double b = random.nextDouble(0, 10);
            double c = random.nextDouble(-1, 1);
            double value = Math.sin(a) + 0.3 * b * c + random.nextDouble(-0.2, 0.2);
            text.append(a).append(',').append(b).append(',').append(c).append(',').append(value).append(',')
                    .append(a + b > 10 ? 1 : 0).append('\n');
        }
        text.append(extraRows);
        return CsvLoader.load(ByteSource.of("deep.csv", text.toString().getBytes(StandardCharsets.UTF_8)),
                ProgressListener.NONE, Cancellation.NEVER);
    }

    private static PreparedData prepare(Table table, String target) {
        return Preprocessing.prepare(table, DataSpec.of(target).withTestFraction(0));
    }

    @ParameterizedTest(name = "{0} layer 1, {1} layer 2, target {2}")
    @CsvSource({"projection, pi, value", "projection, svm, value", "random, pi, value", "random, svm, value",
        "projection, pi, fail", "projection, svm, fail", "random, pi, fail", "random, svm, fail"})
    void theThreeLayerNetworkOutputsDeltaExactlyAndItsJIsTheClosedForm(String layer1, String variant,
                                                                       String target) {
        PreparedData data = prepare(table(40, 11, ""), target);
        DeepOptions options = new DeepOptions(3, Layer1Generator.parse(layer1), 0, Reconstruction.parse(variant), ConvexOptions.builder().betaRatio(0.05).build());
        DeepResult result = new DeepTrainer(options).shattering(data, ProgressListener.NONE, Cancellation.NEVER);

        ConvexTrainer.Targets targets = ConvexTrainer.targets(data.train(), data.preprocessor().target());
        ShatteringProgram program = ShatteringProgram.solve(targets.values(), result.beta(), Loss.SQUARED);
        double[][] f = result.network().predict(data.train().x());
        for (int i = 0; i < f.length; i++) {
            assertThat(f[i][0]).isCloseTo(program.delta()[0][i], within(1e-9));
        }
        assertThat(result.rankB1()).isEqualTo(40);
        assertThat(result.network().depth()).isEqualTo(3);
        assertThat(result.objective()).isCloseTo(program.objective(), within(1e-12 * program.objective()));
        assertThat(result.networkObjective()).isCloseTo(program.objective(), within(1e-9 * program.objective()));
        assertThat(result.reconstruction()).startsWith(variant.equals("pi") ? "pi" : "svm");
        if (target.equals("fail")) {
            // beta is below both class sizes, so delta has the sign of every target
            assertThat(result.train().get("accuracy")).isEqualTo(1.0);
        } else {
            assertThat(result.patterns()).isGreaterThan(2); // a level neuron per distinct level of delta
        }
    }

    @Test
    void levelNeuronsLabelledSvmAreTheMaximumMarginSeparatorsOfTheLayer1Outputs() {
        // 120 points: the old dual coordinate ascent stopped at its epoch budget 1e-5 short of the
        // widest margin and the neurons were still labelled svm
        PreparedData data = prepare(table(120, 11, ""), "value");
        DeepOptions options = new DeepOptions(3, Layer1Generator.RANDOM, 0, Reconstruction.SVM,
                ConvexOptions.builder().betaRatio(0.01).build());
        DeepResult result = new DeepTrainer(options).shattering(data, ProgressListener.NONE, Cancellation.NEVER);
        assertThat(result.reconstruction()).isEqualTo("svm");
        double[][] b1 = org.heaviside.network.DeepNetwork.layer(result.network().layers().get(0), data.train().x());
        double[][] planes = result.network().head().hyperplanes();
        assertThat(planes.length).isGreaterThan(50);
        for (double[] plane : planes) {
            boolean[] pattern = new boolean[b1.length];
            for (int i = 0; i < b1.length; i++) {
                double o = plane[b1[i].length];
                for (int j = 0; j < b1[i].length; j++) {
                    o += plane[j] * b1[i][j];
                }
                pattern[i] = o >= 0;
            }
            assertThat(LevelMarginsTest.kktResidual(b1, pattern, plane)).isLessThan(1e-9);
        }
    }

    @Test
    void severalOutputsOfTheShatteringProgramAreLabelledPerOutputNotExact() {
        SplittableRandom random = new SplittableRandom(4);
        StringBuilder text = new StringBuilder("a,b,grade\n");
        for (int i = 0; i < 30; i++) {
            double a = random.nextDouble(0, 10);
            double b = random.nextDouble(0, 10);
            text.append(a).append(',').append(b).append(',').append(a < 3 ? "low" : a + b < 10 ? "mid" : "high")
                    .append('\n');
        }
        Table table = CsvLoader.load(ByteSource.of("grades.csv", text.toString().getBytes(StandardCharsets.UTF_8)),
                ProgressListener.NONE, Cancellation.NEVER);
        DeepOptions options = new DeepOptions(3, Layer1Generator.PROJECTION, 0, Reconstruction.PI, ConvexOptions.builder().betaRatio(0.05).build());
        DeepResult result = new DeepTrainer(options).shattering(prepare(table, "grade"), ProgressListener.NONE,
                Cancellation.NEVER);
        assertThat(result.certificate().status()).isEqualTo(org.heaviside.network.Certificate.PER_OUTPUT);
        Condition patterns = result.conditions().stream().filter(c -> c.id().equals("deep.patterns")).findFirst()
                .orElseThrow();
        assertThat(patterns.verdict()).isEqualTo(Condition.NOT_MET);
        assertThat(patterns.key()).isEqualTo("deep.patterns.exact.per-output");
        assertThat(patterns.meaning()).contains("another network could have a lower J");

        DeepResult single = new DeepTrainer(options).shattering(prepare(table(40, 11, ""), "fail"),
                ProgressListener.NONE, Cancellation.NEVER);
        assertThat(single.certificate().status()).isEqualTo(org.heaviside.network.Certificate.EXACT);
    }

    @Test
    void conflictingDuplicatesFailTheConditionAndTheProgramRefusesNamingTheRows() {
        // rows 41 and 42 repeat row 41's sensors with the other class; row 43 repeats it with the same class
        Table base = table(40, 3, "");
        String copy = "1.5,2.5,0.5,0.3,0\n1.5,2.5,0.5,0.3,1\n1.5,2.5,0.5,0.3,0\n";
        PreparedData data = prepare(table(40, 3, copy), "fail");
        assertThat(base.rows()).isEqualTo(40);
        DeepTrainer trainer = new DeepTrainer(DeepOptions.of(ConvexOptions.builder().betaRatio(0.05).build()));
        List<Condition> conditions = trainer.shatteringConditions(data, Cancellation.NEVER);
        Condition distinct = conditions.stream().filter(c -> c.id().equals("shattering.distinct")).findFirst()
                .orElseThrow();
        assertThat(distinct.verdict()).isEqualTo(Condition.NOT_MET);
        assertThat(distinct.detail()).contains("41, 42, 43").contains("3 conflicting duplicate rows");
        assertThat(distinct.hint()).contains("deep Lasso");
        assertThatThrownBy(() -> trainer.shattering(data, ProgressListener.NONE, Cancellation.NEVER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("41, 42, 43")
                .hasMessageContaining("method convex with 3 layers");
        // the deep Lasso trains on the same data
        DeepResult lasso = trainer.deepLasso(data, ProgressListener.NONE, ConvergenceListener.NONE, Cancellation.NEVER);
        assertThat(lasso.networkObjective()).isCloseTo(lasso.objective(), within(1e-9 * lasso.objective()));
    }

    @Test
    void sameTargetDuplicatesStillShatter() {
        PreparedData data = prepare(table(30, 5, "1.5,2.5,0.5,0.3,0\n1.5,2.5,0.5,0.3,0\n"), "fail");
        DeepResult result = new DeepTrainer(DeepOptions.of(ConvexOptions.builder().betaRatio(0.05).build()))
                .shattering(data, ProgressListener.NONE, Cancellation.NEVER);
        assertThat(result.rankB1()).isEqualTo(31);
        assertThat(result.maxDeviation()).isLessThanOrEqualTo(1e-9);
    }

    @ParameterizedTest(name = "{0} layers")
    @CsvSource({"3", "4"})
    void theDeepLassoGivesAnExplicitNetworkWhoseJIsTheObjectiveAndItSavesAndLoads(int layers) throws Exception {
        PreparedData data = Preprocessing.prepare(table(80, 7, ""), DataSpec.of("fail").withTestFraction(0.25));
        DeepOptions options = new DeepOptions(layers, Layer1Generator.RANDOM, 40, Reconstruction.SVM,
                ConvexOptions.builder().sampled(300).betaRatio(0.02).build());
        DeepResult result = new DeepTrainer(options).deepLasso(data, ProgressListener.NONE, ConvergenceListener.NONE,
                Cancellation.NEVER);
        assertThat(result.network().depth()).isEqualTo(layers);
        assertThat(result.network().widths()[0]).isEqualTo(40);
        ConvexTrainer.Targets targets = ConvexTrainer.targets(data.train(), data.preprocessor().target());
        assertThat(result.network().objective(data.train().x(), targets.values(), result.beta(), Loss.SQUARED))
                .isCloseTo(result.objective(), within(1e-9 * result.objective()));

        TrainedModel model = result.model(data, "squared", null);
        TrainedModel loaded = ModelFile.parse(ModelFile.toBytes(model), "deep.json");
        assertThat(loaded.kind()).isEqualTo(DeepTrainer.DEEP_LASSO);
        assertThat(loaded.layers()).hasSize(layers - 2);
        TrainedModel.Prediction[] before = model.predict(data.test());
        TrainedModel.Prediction[] after = loaded.predict(data.test());
        for (int i = 0; i < before.length; i++) {
            assertThat(after[i]).isEqualTo(before[i]);
        }
    }

    @Test
    void rankIsExactWhereGf2Undercounts() {
        // determinant 2: rank 3 over the reals, 2 over GF(2)
        double[][] b = {{1, 1, 0}, {0, 1, 1}, {1, 0, 1}};
        assertThat(Rank.gf2(b, Cancellation.NEVER)).isEqualTo(2);
        assertThat(Rank.of(b, Cancellation.NEVER)).isEqualTo(3);
        double[][] singular = {{1, 1, 0}, {0, 0, 1}, {1, 1, 1}}; // row 3 = row 1 + row 2
        assertThat(Rank.of(singular, Cancellation.NEVER)).isEqualTo(2);
    }
}
