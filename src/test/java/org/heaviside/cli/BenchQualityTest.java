package org.heaviside.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.heaviside.experiment.ExperimentSpec;
import org.heaviside.experiment.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench --case quality} on small stand-ins of the three samples (same columns, 60 rows each). */
class BenchQualityTest {

    @Test
    void theTableGivesEveryMethodsHeldOutMetricOverTheSplitSeeds(@TempDir Path dir) throws IOException {
        for (BenchQuality.Sample sample : BenchQuality.SAMPLES) {
            write(dir.resolve(sample.file()), sample, 60);
        }
        StringWriter text = new StringWriter();
        List<BenchQuality.Row> rows = BenchQuality.run(new PrintWriter(text), dir, null, 2, 5);
        String out = text.toString();
        assertThat(out).contains("data", "layers", "method", "held-out metric", "mean +/- sd", "s per run", "runs");
        // 2 layers on every sample and 3 layers (the shattering program) where the rows allow: all three here
        assertThat(rows).hasSize(3 * 2 * 5);
        for (BenchQuality.Row row : rows) {
            boolean regression = row.data().startsWith("CCPP");
            assertThat(row.metric()).isEqualTo(regression ? "rmse" : "balancedAccuracy");
            assertThat(row.runs()).isEqualTo(2);
            // the held-out figure: the mean over the seeds of each run's test metric (not its training metric)
            double[] test = row.result().runs().stream().filter(r -> r.method().equals(row.method()))
                    .mapToDouble(r -> r.test().get(row.metric())).toArray();
            assertThat(test).hasSize(2);
            assertThat(row.heldOut().mean()).isCloseTo((test[0] + test[1]) / 2, within(1e-12));
            assertThat(row.result().spec().resampleSplit()).as("each seed draws its own split").isTrue();
            assertThat(row.result().spec().preset()).isEqualTo("recommended");
            assertThat(out).contains(String.format(Locale.ROOT, "%.4f +/- %.4f", row.heldOut().mean(),
                    row.heldOut().sd()));
        }
        List<String> methods = new ArrayList<>();
        rows.stream().filter(r -> r.layers() == 3).forEach(r -> methods.add(r.method()));
        assertThat(methods).contains(ExperimentSpec.CONVEX_DEEP, "ste", "relu", "leaky-relu", "clipped-relu");
        Run convex = rows.get(0).result().runs().get(0);
        assertThat(convex.test()).containsKey("balancedAccuracy");
    }

    @Test
    void samplesCanBeChosenByKeyAndAnUnknownKeySaysWhichExist(@TempDir Path dir) throws IOException {
        for (BenchQuality.Sample sample : BenchQuality.SAMPLES) {
            write(dir.resolve(sample.file()), sample, 60);
        }
        List<String> notes = new ArrayList<>();
        List<BenchQuality.Row> rows = BenchQuality.run(new PrintWriter(new StringWriter()), dir, null, 1, 3,
                List.of("steel"), (done, total, note) -> notes.add(note));
        assertThat(rows).isNotEmpty().allMatch(row -> row.data().startsWith("steel"));
        assertThat(notes).contains("Seed 1: convex", "Seed 1: ste");
        assertThatThrownBy(() -> BenchQuality.run(new PrintWriter(new StringWriter()), dir, null, 1, 3,
                List.of("wine"), (done, total, note) -> { }))
                .hasMessageContaining("'wine'").hasMessageContaining("ai4i, steel, ccpp");
    }

    /** The sample's columns (the dropped ones constant), two informative features, seeded rows. */
    private static void write(Path file, BenchQuality.Sample sample, int rows) throws IOException {
        SplittableRandom random = new SplittableRandom(file.getFileName().toString().length());
        StringBuilder text = new StringBuilder("a,b");
        for (String column : sample.drop()) {
            text.append(',').append(column.contains(",") ? "\"" + column + "\"" : column);
        }
        text.append(',').append(sample.target()).append('\n');
        boolean regression = sample.target().equals("PE");
        for (int i = 0; i < rows; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            text.append(String.format(Locale.ROOT, "%.5f,%.5f", a, b));
            for (int k = 0; k < sample.drop().size(); k++) {
                text.append(k == 1 ? ",P" + i : ",0");
            }
            double noise = 0.3 * random.nextGaussian();
            text.append(',').append(regression ? String.format(Locale.ROOT, "%.4f", 450 + 10 * a - 5 * b + noise)
                    : (a + noise > 0.8 || i % 10 == 0 ? "1" : "0")).append('\n');
        }
        Files.writeString(file, text);
    }
}
