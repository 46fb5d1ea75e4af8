package org.heaviside.cli;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.heaviside.data.ColumnRole;
import org.heaviside.data.DataSpec;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.ConvergenceListener;
import org.heaviside.spark.SparkData;
import org.heaviside.spark.SparkEngine;
import org.heaviside.spark.SparkPreparation;
import org.heaviside.workflow.Training;
import org.heaviside.workflow.TrainingData;
import org.heaviside.workflow.TrainingRequest;
import org.heaviside.workflow.TrainingResult;

/**
 * Starts the Spark engine for a command. Spark is a provided dependency: the workbench jar does not
 * contain it, so this class is the only way in from the commands, and it checks first that Spark is
 * on the classpath (spark-submit puts it there) with a clear message when it is not.
 */
final class SparkRuns {

    private static final String CONTEXT = "org.apache.spark.api.java.JavaSparkContext";

    private SparkRuns() {
    }

    /** Refuses with a message naming what to do when Spark's classes are not on the classpath. */
    static void requireSpark() {
        try {
            Class.forName(CONTEXT, false, SparkRuns.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("--engine spark needs Apache Spark 3.5 (Scala 2.12) on the classpath, "
                    + "and the workbench jar does not include it: run the command through spark-submit --class "
                    + "org.heaviside.launcher.Main heaviside.jar train ..., or add Spark's jars (its jars/ folder) "
                    + "with java -cp; see the README, section \"Scaling out\".");
        }
    }

    /**
     * Trains on a file read by Spark ({@code .parquet}: Parquet, else CSV with the detected settings and
     * the import options), prepared in the partitions; the rows never pass through the driver.
     */
    static TrainingResult trainFile(Path file, ImportOptions importOptions, TargetOptions targetOptions,
                                    TrainingRequest request, String master, int partitions, long seed) {
        requireSpark();
        targetOptions.requireTarget();
        if (importOptions.rows != null) {
            throw new IllegalArgumentException("--rows applies to the local engine's loader; --engine spark reads "
                    + "the whole file.");
        }
        JavaSparkContext context = SparkEngine.context(master);
        try {
            int parts = partitions > 0 ? partitions : 2 * context.defaultParallelism();
            String path = file.toString();
            SparkData source = SparkData.isParquet(path) ? SparkData.parquet(context, path)
                    : SparkData.csv(context, path, importOptions::apply, parts);
            DataSpec spec = targetOptions.spec(source.name(), source.columns(), seed);
            try (SparkPreparation prepared = SparkPreparation.of(context, source, spec)) {
                List<String> dropped = source.columns().stream()
                        .filter(column -> spec.roles().get(column) == ColumnRole.IGNORED).toList();
                TrainingData data = new TrainingData(prepared.data(), null, source.name(), source.sha256(), dropped,
                        spec.testFraction());
                return Training.train(data, request, new SparkEngine(context, parts).on(prepared), List.of(),
                        ProgressListener.NONE, ConvergenceListener.NONE, Cancellation.NEVER);
            }
        } finally {
            context.stop();
        }
    }
}
