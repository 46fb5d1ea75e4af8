package org.heaviside.deep;

import java.util.List;
import java.util.Map;
import org.heaviside.conditions.Condition;
import org.heaviside.network.Certificate;
import org.heaviside.network.ConvexResult;
import org.heaviside.network.DeepNetwork;
import org.heaviside.network.TrainedModel;
import org.heaviside.data.PreparedData;
import org.heaviside.run.Provenance;

/**
 * The outcome of training a deep threshold network by a convex program.
 *
 * @param kind             {@link DeepTrainer#SHATTERING} or {@link DeepTrainer#DEEP_LASSO}
 * @param network          the explicit L-layer network (on standardized features)
 * @param objective        the program's objective at its solution
 * @param networkObjective J of the network on the training rows (equals the objective)
 * @param dualityGap       P − D
 * @param relativeGap      (P − D) / P
 * @param status           solver status id ("converged" for the closed form)
 * @param sweeps           solver sweeps (0 for the closed form)
 * @param certificate      what is proven over all patterns of the last hidden layer
 * @param patterns         patterns in the program (levels for the shattering program)
 * @param beta             the penalty
 * @param betaMax          the smallest penalty whose solution is zero
 * @param layer1           how layer 1 was made ("projection", "random", or "sampled" for the deep Lasso)
 * @param rankB1           rank of layer 1's outputs on the distinct training points (−1 when not computed)
 * @param reconstruction   layer-2 variant ("pi", "svm", "svm+pi") or the deep Lasso's hyperplane choice
 * @param maxDeviation     max |f(x_i) − δ_i| over the training rows (shattering), else NaN
 * @param targetMean       regression outputs are targetMean + targetScale * f; 0 for classes
 * @param targetScale      see targetMean; 1 for classes
 * @param train            metrics on the training rows
 * @param test             metrics on the test rows
 * @param layersMillis     time to build the fixed layers
 * @param solveMillis      time of the program and the reconstruction
 * @param conditions       the checks of docs/method.md section 7 after training
 * @param convex           the two-layer result on layer outputs (deep Lasso), else null
 */
public record DeepResult(String kind, DeepNetwork network, double objective, double networkObjective,
                         double dualityGap, double relativeGap, String status, int sweeps, Certificate certificate,
                         int patterns, double beta, double betaMax, String layer1, int rankB1, String reconstruction,
                         double maxDeviation, double targetMean, double targetScale, Map<String, Double> train,
                         Map<String, Double> test, long layersMillis, long solveMillis, List<Condition> conditions,
                         ConvexResult convex) {

    /** The model file's content for this result. */
    public TrainedModel model(PreparedData data, String loss, Provenance provenance) {
        return new TrainedModel(kind, data.preprocessor(), network.layers(), network.head(), loss, targetMean,
                targetScale, beta, betaMax, objective, networkObjective, dualityGap, relativeGap, status, sweeps,
                certificate, patterns, reconstruction, provenance, org.heaviside.network.OperatingPoint.ZERO, null);
    }
}
