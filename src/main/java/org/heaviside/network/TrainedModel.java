package org.heaviside.network;

import org.heaviside.data.Dataset;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Preprocessor;
import org.heaviside.data.TaskKind;
import org.heaviside.run.Provenance;

/**
 * A trained model as deployed: the preprocessing pipeline, the network on its features, how its
 * outputs map back to the target, and the evidence of its training (objective, gap, certificate,
 * provenance). What a model file holds.
 *
 * @param kind             "two-layer", "three-layer-shattering" or "deep-lasso"
 * @param preprocessor     raw columns to features, and the target encoding
 * @param layers           threshold layers before the last hidden one (empty for two layers), see
 *                         {@link DeepNetwork}
 * @param network          the last hidden layer and the output on the earlier layers' outputs (on the
 *                         features for two layers)
 * @param loss             "squared" or "logistic"
 * @param targetMean       regression outputs are targetMean + targetScale * f; 0 for classes
 * @param targetScale      see targetMean; 1 for classes
 * @param beta             the penalty
 * @param betaMax          the smallest penalty whose solution is zero
 * @param objective        the convex objective at the solution
 * @param networkObjective J of the network on the training rows (equals the objective)
 * @param dualityGap       P − D at the solution
 * @param relativeGap      (P − D) / P
 * @param status           solver status id
 * @param sweeps           solver sweeps
 * @param certificate      what is proven over all patterns
 * @param patterns         distinct patterns in the final program
 * @param hyperplanes      how neuron hyperplanes were chosen
 * @param provenance       where the model came from
 * @param operatingPoint   for two classes, the cut on the score (null in files written before it
 *                         existed: the sign, t = 0)
 * @param classWeight      the row weights per class it was trained with ({@link ClassWeights#id()});
 *                         "none" for files written before row weights existed
 */
public record TrainedModel(String kind, Preprocessor preprocessor, java.util.List<double[][]> layers,
                           ThresholdNetwork network, String loss,
                           double targetMean, double targetScale, double beta, double betaMax, double objective,
                           double networkObjective, double dualityGap, double relativeGap, String status,
                           int sweeps, Certificate certificate, int patterns, String hyperplanes,
                           Provenance provenance, OperatingPoint operatingPoint, String classWeight) {

    /** The kind of a two-layer network. */
    public static final String TWO_LAYER = "two-layer";

    /** Copies the layers; a file without them (two layers) gives none. */
    public TrainedModel {
        layers = layers == null ? java.util.List.of() : java.util.List.copyOf(layers);
        operatingPoint = operatingPoint == null ? OperatingPoint.ZERO : operatingPoint;
        classWeight = classWeight == null ? ClassWeights.NONE.id() : classWeight;
    }

    /** This model with another operating point. */
    public TrainedModel withOperatingPoint(OperatingPoint value) {
        return new TrainedModel(kind, preprocessor, layers, network, loss, targetMean, targetScale, beta, betaMax,
                objective, networkObjective, dualityGap, relativeGap, status, sweeps, certificate, patterns, hyperplanes,
                provenance, value, classWeight);
    }

    /**
     * This model with its operating point moved (by hand, on the Train page): the point, and the
     * provenance's operating-point parameters replaced by the new point's, so that the model file,
     * {@code predict}, every export and the report use and state the moved cut.
     */
    public TrainedModel movedTo(OperatingPoint value) {
        Provenance moved = provenance;
        if (provenance != null) {
            java.util.Map<String, String> parameters = new java.util.LinkedHashMap<>(provenance.parameters());
            parameters.keySet().removeAll(java.util.List.of("operatingPoint", "threshold", "costs"));
            parameters.putAll(value.parameters());
            moved = provenance.withParameters(parameters);
        }
        return new TrainedModel(kind, preprocessor, layers, network, loss, targetMean, targetScale, beta, betaMax,
                objective, networkObjective, dualityGap, relativeGap, status, sweeps, certificate, patterns, hyperplanes,
                moved, value, classWeight);
    }

    /** The same model recorded as trained with the class weights {@code id}. */
    public TrainedModel withClassWeight(String id) {
        return new TrainedModel(kind, preprocessor, layers, network, loss, targetMean, targetScale, beta, betaMax,
                objective, networkObjective, dualityGap, relativeGap, status, sweeps, certificate, patterns,
                hyperplanes, provenance, operatingPoint, id);
    }

    /** The model of a convex training run. */
    public static TrainedModel of(PreparedData data, ConvexResult result, String loss, Provenance provenance) {
        var solver = result.solver();
        return new TrainedModel(TWO_LAYER, data.preprocessor(), java.util.List.of(), result.network(), loss, result.targetMean(),
                result.targetScale(), result.beta(), result.betaMax(), solver.objective(), result.networkObjective(),
                solver.dualityGap(), solver.relativeGap(), solver.status().id(), solver.sweeps(), result.certificate(),
                result.patterns(), result.hyperplanes(), provenance, OperatingPoint.ZERO, null);
    }

    /** The first layer's hyperplanes on the features (bias last): the head's for two layers. */
    public double[][] firstLayer() {
        return layers.isEmpty() ? network.hyperplanes() : layers.get(0);
    }

    /** The whole network: the earlier layers and the head. */
    public DeepNetwork deepNetwork() {
        return new DeepNetwork(layers, network);
    }

    /** One prediction: the label (class or value as text), the value, and for classes a score. */
    public record Prediction(String label, double value, double score) {
    }

    /**
     * Predictions on prepared rows: for two classes the positive label when the output is at least
     * the operating point, with the output minus the operating point as score (so a score >= 0 is
     * the positive class, as in every export); for more classes the class with the largest output, with that output as
     * score; for regression the value in the target's units (score NaN).
     */
    public Prediction[] predict(Dataset rows) {
        double[][] out = deepNetwork().predictRows(rows.x());
        var target = preprocessor.target();
        Prediction[] predictions = new Prediction[out.length];
        for (int i = 0; i < out.length; i++) {
            if (target.task() == TaskKind.REGRESSION) {
                double value = targetMean + targetScale * out[i][0];
                predictions[i] = new Prediction(Double.toString(value), value, Double.NaN);
            } else if (target.isBinary()) {
                double score = out[i][0] - operatingPoint.threshold();
                String label = score >= 0 ? target.positive() : target.negative();
                predictions[i] = new Prediction(label, score >= 0 ? 1 : -1, score);
            } else {
                int best = 0;
                for (int c = 1; c < out[i].length; c++) {
                    if (out[i][c] > out[i][best]) {
                        best = c;
                    }
                }
                predictions[i] = new Prediction(target.classes().get(best), best, out[i][best]);
            }
        }
        return predictions;
    }
}
