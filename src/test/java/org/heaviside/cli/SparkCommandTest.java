package org.heaviside.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.PlantHistory;
import org.heaviside.data.Table;
import org.heaviside.export.ModelFile;
import org.heaviside.network.TrainedModel;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train --engine spark and synthetic --plant (issue 18). */
class SparkCommandTest {

    private static final String CCPP = Path.of("samples", "ccpp.csv").toString();

    @Test
    void trainOnSparkGivesTheLocalObjectiveAndAModelFileThatPredictsLikeTheLocalOne(@TempDir Path dir)
            throws Exception {
        Path sparkModel = dir.resolve("spark.json");
        Path localModel = dir.resolve("local.json");
        String[] common = {"train", CCPP, "--target", "PE", "--patterns", "100", "--beta-ratio", "0.05",
            "--no-certify", "--preset", "paper", "--json"};
        InspectCommandTest.Result spark = InspectCommandTest.run(concat(common, "--engine", "spark", "--master",
                "local[2]", "--partitions", "3", "--model", sparkModel.toString()));
        assertThat(spark.code()).as(spark.err()).isZero();
        InspectCommandTest.Result local = InspectCommandTest.run(concat(common, "--model", localModel.toString()));
        assertThat(local.code()).as(local.err()).isZero();
        JsonNode s = new ObjectMapper().readTree(spark.out());
        JsonNode l = new ObjectMapper().readTree(local.out());
        double objective = l.get("objective").asDouble();
        assertThat(s.get("objective").asDouble()).isCloseTo(objective, within(1e-6 * objective));
        assertThat(s.get("status").asText()).isEqualTo("converged");
        assertThat(s.get("certificate").asText()).isEqualTo(l.get("certificate").asText());
        // the same features to the bit (means and scales summed in the local order), the same patterns
        // and the same maximum-margin hyperplanes, so the same outputs on training and test rows
        for (String metric : List.of("rmse", "mae", "r2")) {
            assertThat(s.get("train").get(metric).asDouble()).as(metric)
                    .isCloseTo(l.get("train").get(metric).asDouble(), within(1e-6));
            assertThat(s.get("test").get(metric).asDouble()).as("held-out " + metric)
                    .isCloseTo(l.get("test").get(metric).asDouble(), within(1e-6));
        }
        assertThat(s.get("hyperplanes").asText()).isEqualTo(l.get("hyperplanes").asText());
        TrainedModel fromSpark = ModelFile.load(sparkModel);
        assertThat(fromSpark.network().width()).isEqualTo(s.get("neurons").asInt());
        Table table = CsvLoader.open(Path.of(CCPP), settings -> settings, 50, ProgressListener.NONE,
                Cancellation.NEVER);
        assertThat(fromSpark.predict(fromSpark.preprocessor().apply(table))).hasSize(50);
    }

    @Test
    void anUnknownEngineIsRefusedByName() {
        InspectCommandTest.Result result = InspectCommandTest.run("train", CCPP, "--target", "PE", "--engine", "gpu");
        assertThat(result.code()).isNotZero();
        assertThat(result.err()).contains("--engine takes local or spark, not 'gpu'");
    }

    @Test
    void thePlantHistoryIsSeededWithTwentySensorsAndRareFailures(@TempDir Path dir) throws Exception {
        Path first = dir.resolve("a.csv");
        Path second = dir.resolve("b.csv");
        assertThat(InspectCommandTest.run("synthetic", "--plant", "--rows", "2000", "--seed", "4", "--out",
                first.toString()).code()).isZero();
        assertThat(InspectCommandTest.run("synthetic", "--plant", "--rows", "2000", "--seed", "4", "--out",
                second.toString()).code()).isZero();
        assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
        List<String> lines = Files.readAllLines(first);
        assertThat(lines).hasSize(2001);
        assertThat(lines.get(0).split(",")).hasSize(22).startsWith("time", "s01").endsWith("s20", "failure");
        assertThat(lines.get(1)).isEqualTo(PlantHistory.line(4, 0));
        // failures come with wear, late in each 10-day maintenance cycle: count over 20 days, every 9th second
        double[] x = new double[PlantHistory.SENSORS];
        int failures = 0;
        int rows = 0;
        for (long i = 0; i < 20 * 86_400; i += 9) {
            failures += PlantHistory.row(4, i, x) ? 1 : 0;
            rows++;
        }
        assertThat((double) failures / rows).as("rare but present").isBetween(0.002, 0.05);
    }

    private static String[] concat(String[] first, String... more) {
        String[] out = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, out, first.length, more.length);
        return out;
    }
}
