package org.heaviside.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.heaviside.data.ByteSource;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.Dataset;
import org.heaviside.data.FeatureStep;
import org.heaviside.data.Table;
import org.heaviside.export.ModelFile;
import org.heaviside.export.Robustness;
import org.heaviside.network.TrainedModel;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictCommandTest {

    private static final String AI4I = Path.of("samples", "ai4i2020.csv").toString();
    @TempDir
    static Path dir;
    private static Path model;

    @BeforeAll
    static void train() {
        model = dir.resolve("model.json");
        InspectCommandTest.Result result = InspectCommandTest.run("train", AI4I, "--preset", "paper",
                "--target", "Machine failure",
                "--drop", "TWF,HDF,PWF,OSF,RNF", "--rows", "2000", "--patterns", "200", "--no-certify", "--model",
                model.toString());
        assertThat(result.code()).as(result.err()).isZero();
    }

    @Test
    void predictionsMatchTheInMemoryModelBesideTheIdColumn() throws Exception {
        Path out = dir.resolve("pred.csv");
        InspectCommandTest.Result result = InspectCommandTest.run("predict", model.toString(), AI4I, "--rows", "3000",
                "--out", out.toString());
        assertThat(result.code()).as(result.err()).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines.get(0)).isEqualTo("UDI,prediction,score");
        assertThat(lines).hasSize(3001);
        TrainedModel loaded = ModelFile.load(model);
        Table table = CsvLoader.load(ByteSource.of(Path.of(AI4I)), ProgressListener.NONE, Cancellation.NEVER);
        int[] rows = new int[3000];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i;
        }
        TrainedModel.Prediction[] expected = loaded.predict(loaded.preprocessor().apply(table, rows));
        for (int i = 0; i < 3000; i++) {
            String[] cells = lines.get(i + 1).split(",");
            assertThat(cells[0]).isEqualTo(Integer.toString(i + 1)); // UDI runs 1..10000
            assertThat(cells[1]).isEqualTo(expected[i].label());
            assertThat(Double.parseDouble(cells[2])).isEqualTo(expected[i].score());
        }
    }

    @Test
    void aMissingColumnIsNamed() throws Exception {
        Path raw = dir.resolve("renamed.csv");
        List<String> lines = Files.readAllLines(Path.of(AI4I)).subList(0, 50);
        Files.write(raw, lines.stream().map(l -> l.replace("Torque [Nm]", "Torque")).toList());
        InspectCommandTest.Result result = InspectCommandTest.run("predict", model.toString(), raw.toString(), "--out",
                dir.resolve("x.csv").toString());
        assertThat(result.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("Torque [Nm]").contains("no column with this name");
        assertThat(Files.exists(dir.resolve("x.csv"))).isFalse();
    }

    @Test
    void rowsCertifiedStableKeepTheirPredictionUnderNoiseWithinTheBounds() throws Exception {
        TrainedModel loaded = ModelFile.load(model);
        Table table = CsvLoader.load(ByteSource.of(Path.of(AI4I)), ProgressListener.NONE, Cancellation.NEVER);
        int[] rows = new int[2000];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = 5000 + i;
        }
        Dataset data = loaded.preprocessor().apply(table, rows);
        List<FeatureStep> steps = loaded.preprocessor().steps();
        double[] noise = new double[steps.size()];
        for (int s = 0; s < steps.size(); s++) {
            noise[s] = 0.02 * steps.get(s).scale(); // 2% of each sensor's deviation
        }
        Robustness robust = Robustness.of(loaded.preprocessor(), loaded.firstLayer(), data.x(), noise);
        assertThat(robust.stableShare()).isBetween(0.0, 1.0);
        SplittableRandom random = new SplittableRandom(5);
        double[][] before = loaded.deepNetwork().predict(data.x());
        int checked = 0;
        for (int i = 0; i < data.size(); i++) {
            if (!robust.stable()[i]) {
                continue;
            }
            checked++;
            for (int trial = 0; trial < 20; trial++) {
                double[] x = data.x()[i].clone();
                int at = 0;
                for (FeatureStep step : steps) {
                    if (step.role() == org.heaviside.data.ColumnRole.NUMERIC) {
                        // corners of the box are the worst case; draw them and points inside
                        double sign = random.nextBoolean() ? 1 : -1;
                        double size = trial < 10 ? 1 : random.nextDouble();
                        x[at] += sign * size * 0.02; // standardized units: 2% of the deviation
                        at++;
                    } else {
                        at += step.width();
                    }
                }
                double after = loaded.deepNetwork().predict(new double[][] {x})[0][0];
                assertThat(after >= 0).isEqualTo(before[i][0] >= 0);
                assertThat(after).isEqualTo(before[i][0]); // no neuron flipped: the very same output
            }
        }
        assertThat(checked).isPositive();
        // the margin is the distance to the nearest hyperplane: moving that far along its normal flips a neuron
        for (double m : robust.margin()) {
            assertThat(m).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void robustnessOutputAddsMarginAndStability() throws Exception {
        Path out = dir.resolve("robust.csv");
        InspectCommandTest.Result result = InspectCommandTest.run("predict", model.toString(), AI4I, "--rows", "500",
                "--out", out.toString(), "--robustness", "--noise", "Torque [Nm]=0.5");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(Files.readAllLines(out).get(0)).isEqualTo("UDI,prediction,score,margin,stable");
        assertThat(result.out()).contains("Torque [Nm] +/-0.5").contains("Certified stable under that noise:")
                .contains("Borderline rows");
        InspectCommandTest.Result bad = InspectCommandTest.run("predict", model.toString(), AI4I, "--rows", "50",
                "--out", dir.resolve("y.csv").toString(), "--robustness", "--noise", "Type=1");
        assertThat(bad.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(bad.err()).contains("'Type'").contains("not a numeric input");
    }
}
