package org.heaviside.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.heaviside.conditions.Condition;
import org.heaviside.data.Dataset;
import org.heaviside.deep.DeepResult;
import org.heaviside.network.Certificate;
import org.heaviside.network.ConvexResult;
import org.heaviside.network.CrossValidation;
import org.heaviside.network.DeepNetwork;
import org.heaviside.network.Metrics;
import org.heaviside.network.OperatingPoint;
import org.heaviside.network.TrainedModel;
import org.heaviside.run.Provenance;
import org.heaviside.solver.SolverStatus;

/**
 * What a training run produced: the model (with its provenance), the program's result (two-layer
 * or deep, the other null), the cross-validation that chose β when asked, and the conditions of
 * the guarantees. The accessors read the numbers of method.md from whichever program ran.
 *
 * @param request         what was asked
 * @param data            the data it was trained on
 * @param model           the saved form: preprocessing, network, evidence, provenance
 * @param convex          the two-layer result, or null
 * @param deep            the deep result, or null
 * @param crossValidation the cross-validation that chose the ratio, or null
 * @param dataConditions  the data conditions (empty for generated data)
 * @param modelConditions the conditions of the program that ran (width, patterns, certificate, shattering)
 * @param provenance      seed, parameters, versions, data hash, timings, diagnostics
 * @param train           metrics on the training rows, at the model's operating point
 * @param test            metrics on the held-out rows at the operating point (empty when none are held out)
 * @param pointScores     the out-of-fold scores of the training rows (in their order) that the operating point
 *                        was chosen on, or null when it was not chosen by a rule
 */
public record TrainingResult(TrainingRequest request, TrainingData data, TrainedModel model, ConvexResult convex,
                             DeepResult deep, CrossValidation crossValidation, List<Condition> dataConditions,
                             List<Condition> modelConditions, Provenance provenance, Map<String, Double> train,
                             Map<String, Double> test, double[] pointScores) {

    /** Copies the lists. */
    public TrainingResult {
        dataConditions = List.copyOf(dataConditions);
        modelConditions = List.copyOf(modelConditions);
    }

    /** The program that ran. */
    public Method method() {
        return request.method();
    }

    /** Every condition: the data's first, then the program's. */
    public List<Condition> conditions() {
        List<Condition> all = new ArrayList<>(dataConditions);
        all.addAll(modelConditions);
        return all;
    }

    /** The convex objective at the solution. */
    public double objective() {
        return convex != null ? convex.solver().objective() : deep.objective();
    }

    /** J of the network (equal to the objective, checked when the network was built). */
    public double networkObjective() {
        return convex != null ? convex.networkObjective() : deep.networkObjective();
    }

    /** The duality gap. */
    public double dualityGap() {
        return convex != null ? convex.solver().dualityGap() : deep.dualityGap();
    }

    /** The duality gap relative to the objective. */
    public double relativeGap() {
        return convex != null ? convex.solver().relativeGap() : deep.relativeGap();
    }

    /** The solver status id (converged, max-sweeps, cancelled). */
    public String status() {
        return convex != null ? convex.solver().status().id() : deep.status();
    }

    /** Whether the solver reached the asked gap. */
    public boolean converged() {
        return SolverStatus.CONVERGED.id().equals(status());
    }

    /** Solver sweeps. */
    public int sweeps() {
        return convex != null ? convex.solver().sweeps() : deep.sweeps();
    }

    /** What is proven over all patterns. */
    public Certificate certificate() {
        return convex != null ? convex.certificate() : deep.certificate();
    }

    /** The penalty β used. */
    public double beta() {
        return convex != null ? convex.beta() : deep.beta();
    }

    /** β_max of the program. */
    public double betaMax() {
        return convex != null ? convex.betaMax() : deep.betaMax();
    }

    /** Distinct patterns in the program (level neurons for the shattering program). */
    public int patterns() {
        return convex != null ? convex.patterns() : deep.patterns();
    }

    /** The whole network. */
    public DeepNetwork network() {
        return convex != null ? new DeepNetwork(List.of(), convex.network()) : deep.network();
    }

    /** Neurons of the last hidden layer. */
    public int neurons() {
        return network().head().width();
    }

    /** The cut on a two-class model's score ({@link OperatingPoint#ZERO} otherwise). */
    public OperatingPoint operatingPoint() {
        return model.operatingPoint();
    }

    /** Regression targets were trained as (y − mean)/scale; 0 for classes. */
    public double targetMean() {
        return convex != null ? convex.targetMean() : deep.targetMean();
    }

    /** See {@link #targetMean()}; 1 for classes. */
    public double targetScale() {
        return convex != null ? convex.targetScale() : deep.targetScale();
    }

    /** Wall time of building the patterns or layers and of solving, in milliseconds. */
    public long millis() {
        return convex != null ? convex.patternsMillis() + convex.solveMillis()
                : deep.layersMillis() + deep.solveMillis();
    }

    /** The rows a model is judged on: the held-out rows, or the training rows when none are held out. */
    public Dataset evaluationRows() {
        return data.prepared().test().size() > 0 ? data.prepared().test() : data.prepared().train();
    }

    /** TP, FN, FP, TN on {@link #evaluationRows()} for two classes, else null. */
    public int[] confusion() {
        return data.prepared().preprocessor().target().isBinary() ? Metrics.confusion(network(), evaluationRows(),
                operatingPoint().threshold())
                : null;
    }
}
