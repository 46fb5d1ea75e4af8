package org.heaviside.cli;

import org.apache.spark.api.java.JavaSparkContext;
import org.heaviside.spark.SparkEngine;
import org.heaviside.workflow.ConvexEngine;

/**
 * Starts the Spark engine for a command. Spark is a provided dependency: the workbench jar does not
 * contain it, so this class is the only way in from the commands, and it checks first that Spark is
 * on the classpath (spark-submit puts it there) with a clear message when it is not.
 */
final class SparkRuns {

    private static final String CONTEXT = "org.apache.spark.api.java.JavaSparkContext";

    /** A running engine and the context to stop after it. */
    record Engine(ConvexEngine engine, JavaSparkContext context) implements AutoCloseable {
        @Override
        public void close() {
            context.stop();
        }
    }

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
     * An engine on the master URL (null: spark-submit's, else local[*]) with the given partitions
     * (0: twice the context's default parallelism).
     */
    static Engine open(String master, int partitions) {
        requireSpark();
        JavaSparkContext context = SparkEngine.context(master);
        int parts = partitions > 0 ? partitions : 2 * context.defaultParallelism();
        return new Engine(new SparkEngine(context, parts), context);
    }
}
