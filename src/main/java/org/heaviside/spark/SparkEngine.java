package org.heaviside.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.heaviside.data.Dataset;
import org.heaviside.data.PreparedData;
import org.heaviside.network.ConvexOptions;
import org.heaviside.network.ConvexResult;
import org.heaviside.network.ConvexTrainer;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.ConvergenceListener;
import org.heaviside.workflow.ConvexEngine;

/**
 * The Spark engine behind the use case ({@link ConvexEngine}): the prepared training rows (features,
 * encoded targets, row weights) become a Spark data set of {@code partitions} partitions and {@link
 * SparkTrainer} trains on it; train and test metrics are those of the local engine's definitions.
 */
public final class SparkEngine implements ConvexEngine {

    private final JavaSparkContext context;
    private final int partitions;
    private final SparkPatterns.Probe probe;

    /** An engine on a running context. */
    public SparkEngine(JavaSparkContext context, int partitions) {
        this(context, partitions, partition -> { });
    }

    SparkEngine(JavaSparkContext context, int partitions, SparkPatterns.Probe probe) {
        this.context = context;
        this.partitions = partitions;
        this.probe = probe;
    }

    /** A context for a master URL ("local[2]", "spark://host:7077", or null for spark-submit's). */
    public static JavaSparkContext context(String master) {
        SparkConf conf = new SparkConf().setAppName("Heaviside Workbench").set("spark.ui.enabled", "false");
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        return new JavaSparkContext(conf);
    }

    @Override
    public ConvexResult train(PreparedData data, ConvexOptions options, List<double[]> extraHyperplanes,
                              ProgressListener progress, ConvergenceListener convergence,
                              Cancellation cancellation) {
        if (!extraHyperplanes.isEmpty()) {
            throw new IllegalArgumentException("The Spark engine takes no extra hyperplanes.");
        }
        Dataset train = data.train();
        ConvexTrainer.Targets targets = ConvexTrainer.targets(train, data.preprocessor().target());
        double[] weights = options.classWeights().rowWeights(train, data.preprocessor().target());
        int outputs = targets.values().length;
        List<SparkRow> rows = new ArrayList<>(train.size());
        for (int i = 0; i < train.size(); i++) {
            double[] y = new double[outputs];
            for (int c = 0; c < outputs; c++) {
                y[c] = targets.values()[c][i];
            }
            rows.add(new SparkRow(train.x()[i], y, weights == null ? 1.0 : weights[i]));
        }
        JavaRDD<SparkRow> rdd = context.parallelize(rows, partitions);
        ConvexResult result = new SparkTrainer(options, probe).train(context, rdd, train.x()[0].length,
                new SparkTrainer.Targets(outputs, targets.mean(), targets.scale()), progress, convergence,
                cancellation);
        Map<String, Double> trainMetrics = ConvexTrainer.evaluate(result.network(), train,
                data.preprocessor().target(), targets);
        Map<String, Double> testMetrics = data.test().size() == 0 ? Map.of()
                : ConvexTrainer.evaluate(result.network(), data.test(), data.preprocessor().target(), targets);
        return withMetrics(result, trainMetrics, testMetrics);
    }

    /**
     * The engine on rows read and prepared in the partitions: the prepared data it is given must be
     * {@code rows.data()}; the training rows never reach the driver, and the metrics come from the
     * network's outputs on the partitions' rows.
     */
    public ConvexEngine on(SparkPreparation rows) {
        return (data, options, extraHyperplanes, progress, convergence, cancellation) -> {
            if (data != rows.data()) {
                throw new IllegalArgumentException("This engine trains on the rows of its own preparation.");
            }
            if (!extraHyperplanes.isEmpty()) {
                throw new IllegalArgumentException("The Spark engine takes no extra hyperplanes.");
            }
            ConvexTrainer.Targets targets = rows.targets();
            JavaRDD<SparkRow> input = rows.rows(options.classWeights().perClassOf(data));
            ConvexResult result = new SparkTrainer(options, probe).train(context, input, data.preprocessor().width(),
                    new SparkTrainer.Targets(rows.outputs(), targets.mean(), targets.scale()), progress, convergence,
                    cancellation);
            return withMetrics(result, rows.metrics(result.network(), false), rows.metrics(result.network(), true));
        };
    }

    private static ConvexResult withMetrics(ConvexResult result, Map<String, Double> trainMetrics,
                                            Map<String, Double> testMetrics) {
        return new ConvexResult(result.network(), result.solver(), result.certificate(), result.networkObjective(),
                result.patterns(), result.dichotomies(), result.upperBound(), result.rank(), result.beta(),
                result.betaMax(), result.hyperplanes(), result.targetMean(), result.targetScale(), trainMetrics,
                testMetrics, result.patternsMillis(), result.solveMillis(), result.bitBytes());
    }
}
