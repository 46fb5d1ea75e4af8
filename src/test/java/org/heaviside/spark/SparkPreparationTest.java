package org.heaviside.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.CsvSettings;
import org.heaviside.data.DataException;
import org.heaviside.data.DataSpec;
import org.heaviside.data.FeatureStep;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Preprocessing;
import org.heaviside.data.Preprocessor;
import org.heaviside.data.Table;
import org.heaviside.network.ClassWeights;
import org.heaviside.network.ConvexOptions;
import org.heaviside.network.ConvexResult;
import org.heaviside.network.ConvexTrainer;
import org.heaviside.network.Penalty;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.ConvergenceListener;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files read by Spark and prepared in the partitions (issue 18): the preprocessing fitted from the
 * partitions' aggregates is the local one (same columns, roles, levels, classes, medians, and the
 * means, scales and target scaling to the bit), for the three samples, a windows-31j file with
 * decimal commas and a Parquet file; bad rows give the local loader's messages.
 */
class SparkPreparationTest {

    private static JavaSparkContext context;

    @BeforeAll
    static void start() {
        context = SparkEngine.context("local[2]");
    }

    @AfterAll
    static void stop() {
        context.stop();
    }

    private static PreparedData local(Path file, UnaryOperator<CsvSettings> adjust, DataSpec spec) {
        Table table = CsvLoader.open(file, adjust, Integer.MAX_VALUE, ProgressListener.NONE, Cancellation.NEVER);
        return Preprocessing.prepare(table, spec);
    }

    private static SparkPreparation spark(Path file, UnaryOperator<CsvSettings> adjust, DataSpec spec) {
        return SparkPreparation.of(context, SparkData.csv(context, file.toString(), adjust, 3), spec);
    }

    private static void assertSamePreprocessing(PreparedData local, PreparedData spark) {
        Preprocessor a = local.preprocessor();
        Preprocessor b = spark.preprocessor();
        assertThat(b.target()).isEqualTo(a.target());
        assertThat(b.inputColumns()).isEqualTo(a.inputColumns());
        for (int s = 0; s < a.steps().size(); s++) {
            FeatureStep x = a.steps().get(s);
            FeatureStep y = b.steps().get(s);
            assertThat(y.role()).as(x.column()).isEqualTo(x.role());
            assertThat(y.levels()).as(x.column()).isEqualTo(x.levels());
            assertThat(y.mostFrequent()).as(x.column()).isEqualTo(x.mostFrequent());
            if (!Double.isNaN(x.median())) {
                assertThat(y.median()).as(x.column()).isEqualTo(x.median());
                assertThat(y.mean()).as(x.column() + " mean").isEqualTo(x.mean());
                assertThat(y.scale()).as(x.column() + " scale").isEqualTo(x.scale());
            }
        }
        assertThat(spark.trainRows()).isEqualTo(local.trainRows());
        assertThat(spark.testRows()).isEqualTo(local.testRows());
        assertThat(spark.warnings()).isEqualTo(local.warnings());
    }

    @Test
    void theThreeSamplesGiveTheLocalPreprocessingAndSplit() {
        String[][] samples = {{"ai4i2020.csv", "Machine failure"}, {"steel_plates_faults.csv", "Other_Faults"},
            {"ccpp.csv", "PE"}};
        for (String[] sample : samples) {
            Path file = Path.of("samples", sample[0]);
            DataSpec spec = DataSpec.of(sample[1]);
            PreparedData local = local(file, UnaryOperator.identity(), spec);
            try (SparkPreparation spark = spark(file, UnaryOperator.identity(), spec)) {
                assertSamePreprocessing(local, spark.data());
                if (local.preprocessor().target().classes().size() == 2) {
                    // the same training rows: the class counts the balanced weights come from
                    assertThat(ClassWeights.BALANCED.perClassOf(spark.data()))
                            .containsExactly(ClassWeights.BALANCED.perClassOf(local));
                } else {
                    // the target's scaling as ConvexTrainer.targets computes it on the local rows, to the bit
                    ConvexTrainer.Targets targets = ConvexTrainer.targets(local.train(),
                            local.preprocessor().target());
                    assertThat(spark.targets().mean()).isEqualTo(targets.mean());
                    assertThat(spark.targets().scale()).isEqualTo(targets.scale());
                }
            }
        }
    }

    @Test
    void aJapaneseExcelFileWithDecimalCommasReadsTheSameValues(@TempDir Path dir) throws Exception {
        StringBuilder text = new StringBuilder("温度;圧力;種類;状態\r\n");
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        String[] kinds = {"正常品", "試作", "再加工"};
        for (int i = 0; i < 400; i++) {
            String temperature = i % 37 == 5 ? "" : String.format(java.util.Locale.GERMANY, "%.3f",
                    20 + 5 * random.nextDouble());
            String pressure = String.format(java.util.Locale.GERMANY, "%,.2f", 900 + 300 * random.nextDouble());
            String kind = i % 53 == 7 ? "NA" : kinds[random.nextInt(3)];
            String state = i % 101 == 9 ? "" : random.nextInt(4) == 0 ? "異常" : "良";
            text.append(temperature).append(';').append(pressure).append(';').append(kind).append(';')
                    .append(state).append("\r\n");
        }
        Path file = dir.resolve("plant_sjis.csv");
        Files.write(file, text.toString().getBytes(Charset.forName("windows-31j")));
        DataSpec spec = DataSpec.of("状態");
        PreparedData local = local(file, UnaryOperator.identity(), spec);
        assertThat(CsvLoader.open(file, s -> s, 10, ProgressListener.NONE, Cancellation.NEVER).settings())
                .isEqualTo(new CsvSettings(';', "windows-31j", true, true));
        try (SparkPreparation spark = spark(file, UnaryOperator.identity(), spec)) {
            assertSamePreprocessing(local, spark.data());
            assertThat(local.preprocessor().steps().get(2).levels()).containsExactlyInAnyOrder(kinds);
            // the rows themselves: the training features in file order, as the local pipeline gives them
            List<SparkRow> rows = spark.rows(null).collect();
            assertThat(rows).hasSize(local.train().size());
            for (int i = 0; i < rows.size(); i++) {
                double[] expected = local.train().x()[i];
                double[] actual = rows.get(i).x();
                for (int k = 0; k < expected.length; k++) {
                    assertThat(Math.abs(actual[k] - expected[k])).as("row %d feature %d", i, k)
                            .isLessThanOrEqualTo(1e-9);
                }
                assertThat(rows.get(i).y()[0]).isEqualTo(local.train().y()[i]);
            }
        }
    }

    @Test
    void aBadCellReportsTheFileLineAndColumnAsTheLocalLoaderDoes(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("a,b,y\n1,2,x\n3,4,z\n\n5,".getBytes(StandardCharsets.UTF_8));
        bytes.write(0xFF);
        bytes.writeBytes(",x\n7,8,z\n".getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("bad.csv");
        Files.write(file, bytes.toByteArray());
        UnaryOperator<CsvSettings> utf8 = settings -> settings.withEncoding("UTF-8");
        DataSpec spec = DataSpec.of("y");
        assertThatThrownBy(() -> local(file, utf8, spec)).isInstanceOf(DataException.class)
                .hasMessageStartingWith("bad.csv: line 5, column 'b': found bytes that are not valid UTF-8");
        String message = messageOf(() -> spark(file, utf8, spec));
        assertThat(message).isEqualTo(messageOf(() -> local(file, utf8, spec)));

        Path short_ = dir.resolve("short.csv");
        Files.writeString(short_, "a,b,y\n1,2,x\n3,4,z\n5,6\n7,8,z\n");
        assertThat(messageOf(() -> spark(short_, UnaryOperator.identity(), spec)))
                .isEqualTo(messageOf(() -> local(short_, UnaryOperator.identity(), spec)))
                .startsWith("short.csv: line 4: found 2 field(s); expected 3 fields as in the header");
    }

    private static String messageOf(Runnable action) {
        try {
            action.run();
        } catch (DataException e) {
            return e.getMessage();
        }
        throw new AssertionError("no DataException");
    }

    @Test
    void aParquetFileWrittenBySparkTrainsTheSameModelAsItsCsv(@TempDir Path dir) throws Exception {
        Path csv = Path.of("samples", "steel_plates_faults.csv");
        String parquet = dir.resolve("steel.parquet").toString();
        SparkSession session = SparkSession.builder().sparkContext(context.sc()).getOrCreate();
        // text columns from the file's lines, in one file, which keeps the rows' order (so the same split)
        session.conf().set("spark.sql.codegen.wholeStage", "false");
        List<String> lines = Files.readAllLines(csv);
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType();
        for (String name : lines.get(0).split(",")) {
            schema = schema.add(name, org.apache.spark.sql.types.DataTypes.StringType);
        }
        List<org.apache.spark.sql.Row> cells = lines.subList(1, lines.size()).stream()
                .map(line -> org.apache.spark.sql.RowFactory.create((Object[]) line.split(",", -1))).toList();
        session.createDataFrame(cells, schema).coalesce(1).write().parquet(parquet);
        DataSpec spec = DataSpec.of("Other_Faults");
        ConvexOptions options = ConvexOptions.builder().sampled(60).penalty(new Penalty.Ratio(0.05)).certify(false)
                .maxMargin(false).seed(2).classWeights(ClassWeights.BALANCED).build();
        try (SparkPreparation fromCsv = spark(csv, UnaryOperator.identity(), spec);
             SparkPreparation fromParquet = SparkPreparation.of(context, SparkData.parquet(context, parquet), spec)) {
            assertSamePreprocessing(fromCsv.data(), fromParquet.data());
            ConvexResult a = train(fromCsv, options);
            ConvexResult b = train(fromParquet, options);
            assertThat(b.solver().objective()).isCloseTo(a.solver().objective(),
                    org.assertj.core.api.Assertions.within(1e-9 * a.solver().objective()));
            assertThat(b.network().width()).isEqualTo(a.network().width());
            assertThat(b.train()).isEqualTo(a.train());
            assertThat(b.test()).isEqualTo(a.test());
            // the metrics counted in the partitions are the local definitions on the local rows
            PreparedData rows = local(csv, UnaryOperator.identity(), spec);
            ConvexTrainer.Targets targets = ConvexTrainer.targets(rows.train(), rows.preprocessor().target());
            assertClose(a.train(), ConvexTrainer.evaluate(a.network(), rows.train(), rows.preprocessor().target(),
                    targets));
            assertClose(a.test(), ConvexTrainer.evaluate(a.network(), rows.test(), rows.preprocessor().target(),
                    targets));
        }
    }

    private static void assertClose(java.util.Map<String, Double> actual, java.util.Map<String, Double> expected) {
        assertThat(actual.keySet()).containsExactlyElementsOf(expected.keySet());
        expected.forEach((name, value) -> assertThat(actual.get(name)).as(name)
                .isCloseTo(value, org.assertj.core.api.Assertions.within(1e-12)));
    }

    @Test
    void mediansNarrowedByHistogramsAreTheSortedMiddleValues() {
        // column 0: ties, signed zeros and far outliers, an even count; column 1: one value; column 2: odd, gaps
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        List<SparkPreparation.Typed> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            double a = i % 500 == 0 ? (i % 1000 == 0 ? 1e300 : -1e300) : i % 7 == 0 ? (i % 2 == 0 ? 0.0 : -0.0)
                    : Math.rint(random.nextGaussian() * 40) / 8;
            double c = i % 3 == 0 || i == 4999 ? Double.NaN : random.nextDouble() * random.nextDouble();
            rows.add(new SparkPreparation.Typed(new double[] {a, 2.5, c}, new String[] {"a", "b", "c"}, 0, "0", 0));
        }
        SparkPreparation.Sums sums = new SparkPreparation.Sums(new boolean[3], 1);
        rows.forEach(sums::add);
        org.apache.spark.api.java.JavaRDD<SparkPreparation.Typed> rdd = context.parallelize(rows, 3);
        for (long gather : new long[] {7, SparkMedians.GATHER}) {
            double[] medians = SparkMedians.of(rdd, new int[] {0, 1, 2}, sums, gather);
            for (int f = 0; f < 3; f++) {
                int column = f;
                double[] values = rows.stream().mapToDouble(row -> row.numbers()[column]).filter(v -> v == v)
                        .sorted().toArray();
                int n = values.length;
                double expected = n % 2 == 1 ? values[n / 2] : 0.5 * (values[n / 2 - 1] + values[n / 2]);
                assertThat(medians[f]).as("column %d, gathering %d", f, gather).isEqualTo(expected);
            }
        }
    }

    private static ConvexResult train(SparkPreparation rows, ConvexOptions options) {
        return new SparkEngine(context, 3).on(rows).train(rows.data(), options, List.of(), ProgressListener.NONE,
                ConvergenceListener.NONE, Cancellation.NEVER);
    }
}
