package org.heaviside.workflow;

import java.util.List;
import org.heaviside.data.PreparedData;
import org.heaviside.network.ConvexOptions;
import org.heaviside.network.ConvexResult;
import org.heaviside.network.ConvexTrainer;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.ConvergenceListener;

/**
 * Where the two-layer convex program runs: in this process ({@link #LOCAL}) or on a cluster (the
 * Spark engine, package org.heaviside.spark, which the core never imports). Either returns the same
 * result type, so the model, its file and the reports are the same.
 */
@FunctionalInterface
public interface ConvexEngine {

    /** The local engine: {@link ConvexTrainer}. */
    ConvexEngine LOCAL = (data, options, extra, progress, convergence, cancellation) ->
            new ConvexTrainer(options).train(data, extra, progress, convergence, cancellation);

    /** Trains the program on the prepared data with the extra hyperplanes' patterns added. */
    ConvexResult train(PreparedData data, ConvexOptions options, List<double[]> extraHyperplanes,
                       ProgressListener progress, ConvergenceListener convergence, Cancellation cancellation);
}
