package org.heaviside.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.heaviside.data.ColumnRole;
import org.heaviside.data.Dataset;
import org.heaviside.data.FeatureStep;
import org.heaviside.data.PlantHistory;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Preprocessor;
import org.heaviside.data.TargetEncoding;
import org.heaviside.data.TaskKind;
import org.heaviside.network.ClassWeights;
import org.heaviside.network.ConvexOptions;
import org.heaviside.network.ConvexResult;
import org.heaviside.network.ConvexTrainer;
import org.heaviside.network.Penalty;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.ConvergenceListener;
import org.heaviside.spark.SparkEngine;
import org.heaviside.spark.SparkRow;
import org.heaviside.spark.SparkTrainer;

/**
 * {@code bench --case spark}: the Spark engine in local mode on plant histories of 1, 3 and 10
 * million rows ({@link PlantHistory}, generated inside the partitions, so the driver never holds
 * the rows), next to the local engine where the rows fit in this process. Prints rows per second
 * of the whole training (patterns, solve, the network's check) and the driver's peak heap and peak
 * resident memory; the process's maximum heap is the driver memory the run states.
 */
final class BenchSpark {

    static final String CASE = "spark";
    /** Rows per partition (each partition's byte tables are 32 doubles per row). */
    private static final long PARTITION_ROWS = 100_000;
    /** The local engine runs up to this many rows (its rows and bits must fit next to Spark's). */
    private static final long LOCAL_LIMIT = 3_000_000;
    private static final int PATTERNS = 200;
    private static final double RATIO = 0.01;

    private BenchSpark() {
    }

    /** The options of both engines, with the balanced class weights n / (2 n_c) of the history. */
    static ConvexOptions options(double normal, double failure) {
        return ConvexOptions.builder().sampled(PATTERNS).penalty(new Penalty.Ratio(RATIO)).certify(false)
                .maxMargin(false).seed(1).classWeights(ClassWeights.parse("1=" + failure + ",0=" + normal)).build();
    }

    static void run(PrintWriter out, List<Long> sizes, String master) {
        String at = master == null ? "local[*]" : master;
        out.printf(Locale.ROOT, "Spark engine (%s) on plant histories: %d sensors, %d sampled patterns, beta ratio "
                + "%.2f, squared loss with balanced class weights, no certificate search; driver max heap %d MB (the "
                + "stated driver memory)%n",
                at, PlantHistory.SENSORS, PATTERNS, RATIO, Runtime.getRuntime().maxMemory() >> 20);
        out.printf(Locale.ROOT, "%-7s %10s %6s %9s %9s %10s %8s %11s %11s %14s%n", "engine", "rows", "parts",
                "patterns", "seconds", "rows/s", "sweeps", "peak heap", "peak RSS", "objective");
        out.flush();
        for (long n : sizes) {
            int parts = (int) Math.max(1, (n + PARTITION_ROWS - 1) / PARTITION_ROWS);
            double normal;
            double failure;
            JavaSparkContext context = SparkEngine.context(at);
            try {
                resetPeaks();
                long start = System.nanoTime();
                long failures = plant(context, n, parts, 1, 1).filter(row -> row.y()[0] > 0).count();
                normal = n / (2.0 * (n - failures));
                failure = n / (2.0 * failures);
                JavaRDD<SparkRow> rows = plant(context, n, parts, normal, failure);
                ConvexResult spark = new SparkTrainer(options(normal, failure)).train(context, rows,
                        PlantHistory.SENSORS, new SparkTrainer.Targets(1, 0, 1), ProgressListener.NONE,
                        ConvergenceListener.NONE, Cancellation.NEVER);
                print(out, "spark", n, parts, spark, System.nanoTime() - start);
            } finally {
                context.stop();
            }
            if (n <= LOCAL_LIMIT) {
                resetPeaks();
                long start = System.nanoTime();
                ConvexResult local = new ConvexTrainer(options(normal, failure)).train(prepared(n),
                        ProgressListener.NONE, ConvergenceListener.NONE, Cancellation.NEVER);
                print(out, "local", n, 1, local, System.nanoTime() - start);
            }
        }
    }

    private static void print(PrintWriter out, String engine, long n, int parts, ConvexResult result, long nanos) {
        double seconds = nanos / 1e9;
        out.printf(Locale.ROOT, "%-7s %10d %6d %9d %9.1f %10.0f %8d %8d MB %8d MB %14.8g %s%n", engine, n, parts,
                result.patterns(), seconds, n / seconds, result.solver().sweeps(), peakHeap() >> 20,
                peakResident() >> 20, result.solver().objective(), result.solver().status().id());
        out.flush();
    }

    /** The plant history's rows 0..n−1 with their class weights in partitions, each generating its own range. */
    static JavaRDD<SparkRow> plant(JavaSparkContext context, long n, int parts, double normal, double failure) {
        List<Integer> indices = IntStream.range(0, parts).boxed().toList();
        return context.parallelize(indices, parts).flatMap(part -> {
            long from = n * part / parts;
            long to = n * (part + 1) / parts;
            return new Iterator<SparkRow>() {
                private long i = from;

                @Override
                public boolean hasNext() {
                    return i < to;
                }

                @Override
                public SparkRow next() {
                    double[] x = new double[PlantHistory.SENSORS];
                    boolean fails = PlantHistory.row(1, i++, x);
                    return new SparkRow(x, new double[] {fails ? 1.0 : -1.0}, fails ? failure : normal);
                }
            };
        });
    }

    /** The same rows for the local engine, as prepared data without scaling (the sensors are near unit scale). */
    private static PreparedData prepared(long n) {
        int rows = Math.toIntExact(n);
        double[][] x = new double[rows][PlantHistory.SENSORS];
        double[] y = new double[rows];
        int[] classes = new int[rows];
        int[] index = new int[rows];
        for (int i = 0; i < rows; i++) {
            boolean failure = PlantHistory.row(1, i, x[i]);
            y[i] = failure ? 1.0 : -1.0;
            classes[i] = failure ? 1 : 0;
            index[i] = i;
        }
        List<String> features = new ArrayList<>();
        List<FeatureStep> steps = new ArrayList<>();
        for (int k = 1; k <= PlantHistory.SENSORS; k++) {
            String name = String.format(Locale.ROOT, "s%02d", k);
            features.add(name);
            steps.add(new FeatureStep(name, ColumnRole.NUMERIC, 0, 0, 1, List.of(), null));
        }
        TargetEncoding encoding = new TargetEncoding("failure", TaskKind.CLASSIFICATION, List.of("0", "1"), "1");
        Dataset train = new Dataset("plant", features, x, y, classes, index);
        Dataset test = new Dataset("plant (test)", features, new double[0][], new double[0], new int[0], new int[0]);
        return new PreparedData(new Preprocessor(steps, encoding), train, test, List.of());
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Sum of the heap pools' peaks since the last reset. */
    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** The process's peak resident set (VmHWM, Linux), or -1 where /proc is not there. */
    private static long peakResident() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
