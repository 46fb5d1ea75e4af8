package org.heaviside.workflow;

import java.util.Objects;
import org.heaviside.deep.DeepOptions;
import org.heaviside.deep.Layer1Generator;
import org.heaviside.deep.Reconstruction;
import org.heaviside.network.ClassWeights;
import org.heaviside.network.ConvexOptions;
import org.heaviside.network.CrossValidation;
import org.heaviside.network.OperatingPoint;
import org.heaviside.network.Penalty;
import org.heaviside.solver.Loss;
import org.heaviside.solver.SolverOptions;

/**
 * What to train: the one request type of {@link Training}, whatever front end builds it.
 *
 * @param method         the convex program
 * @param layers         weight layers (2 for the two-layer program, 3 for shattering, 3 or more for the deep Lasso)
 * @param loss           the training loss
 * @param penalty        β: absolute, a ratio of β_max, or cross-validated (two layers only)
 * @param exact          enumerate every pattern (data spanning at most two dimensions) instead of sampling
 * @param sampled        sampled directions when not exact
 * @param anchored       add data-anchored patterns
 * @param certify        search for violated patterns for a certificate
 * @param tolerance      relative duality gap to reach
 * @param seed           seed of the patterns, the certificate search, layer 1 and the folds
 * @param layer1         layer-1 generator of the shattering program
 * @param width1         width of layer 1 (shattering) or of each fixed layer (deep Lasso); 0 for the default
 * @param reconstruction layer-2 weights of the shattering network
 * @param cvMetric       what cross-validation scores (null: the task's metric, balanced accuracy or
 *                       expected cost for classes, RMSE for regression)
 * @param cvChoice       the best mean or the one-standard-error ratio
 * @param pointRule      how the operating point of a two-class model is chosen on out-of-fold scores
 * @param missedCost     cost of a missed positive (expected-cost rules)
 * @param falseAlarmCost cost of a false alarm (expected-cost rules)
 * @param classWeights   row weights per class of the training split
 * @param preset         the preset the request started from (its fields may have been changed since)
 */
public record TrainingRequest(Method method, int layers, Loss loss, Penalty penalty, boolean exact, int sampled,
                              boolean anchored, boolean certify, double tolerance, long seed, Layer1Generator layer1,
                              int width1, Reconstruction reconstruction, CrossValidation.Metric cvMetric,
                              CrossValidation.Choice cvChoice, OperatingPoint.Rule pointRule, double missedCost,
                              double falseAlarmCost, ClassWeights classWeights, Preset preset) {

    /** Checks the combination. */
    public TrainingRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(penalty, "penalty");
        Objects.requireNonNull(layer1, "layer1");
        Objects.requireNonNull(reconstruction, "reconstruction");
        Objects.requireNonNull(classWeights, "classWeights");
        Objects.requireNonNull(preset, "preset");
        if (method == Method.TWO_LAYER && layers != 2) {
            throw new IllegalArgumentException("The two-layer program has 2 layers; got " + layers + ".");
        }
        if (method != Method.TWO_LAYER && layers < 3) {
            throw new IllegalArgumentException("A deep network has at least 3 layers; got " + layers + ".");
        }
        if (method == Method.SHATTERING && layers != 3) {
            throw new IllegalArgumentException("The shattering program builds three layers; set the number of "
                    + "layers to 3.");
        }
        if (penalty instanceof Penalty.CrossValidated && method != Method.TWO_LAYER) {
            throw new IllegalArgumentException("Cross-validation chooses beta for two-layer networks; give beta or "
                    + "a beta ratio for " + layers + " layers.");
        }
        Objects.requireNonNull(cvChoice, "cvChoice");
        Objects.requireNonNull(pointRule, "pointRule");
        if ((pointRule == OperatingPoint.Rule.EXPECTED_COST || cvMetric == CrossValidation.Metric.EXPECTED_COST)
                && !(missedCost > 0 || falseAlarmCost > 0)) {
            throw new IllegalArgumentException("The expected cost needs the cost of a missed event and of a false "
                    + "alarm.");
        }
        if (!(tolerance > 0)) {
            throw new IllegalArgumentException("The relative duality gap to reach must be positive, not " + tolerance
                    + ".");
        }
    }

    /**
     * The defaults of a method: its depth, squared loss, ratio 0.01, 1,000 directions, certificate,
     * seed 1 (the paper's setting, {@link Preset#PAPER}; {@link Preset#builder(Method)} starts from a preset).
     */
    public static Builder builder(Method method) {
        return new Builder(method);
    }

    /** A builder starting from this request. */
    public Builder toBuilder() {
        return new Builder(method).layers(layers).loss(loss).penalty(penalty).exact(exact).sampled(sampled)
                .anchored(anchored).certify(certify).tolerance(tolerance).seed(seed).layer1(layer1).width1(width1)
                .reconstruction(reconstruction).cvMetric(cvMetric).cvChoice(cvChoice).pointRule(pointRule)
                .costs(missedCost, falseAlarmCost).classWeights(classWeights).preset(preset);
    }

    /** How cross-validation scores and chooses for a task. */
    public CrossValidation.Settings cvSettings(boolean regression) {
        if (cvMetric == CrossValidation.Metric.LOSS) {
            return new CrossValidation.Settings(CrossValidation.Metric.LOSS, cvChoice, OperatingPoint.Rule.ZERO, 0, 0,
                    false);
        }
        CrossValidation.Metric metric = cvMetric != null ? cvMetric : regression ? CrossValidation.Metric.RMSE
                : pointRule == OperatingPoint.Rule.EXPECTED_COST ? CrossValidation.Metric.EXPECTED_COST
                : CrossValidation.Metric.BALANCED_ACCURACY;
        OperatingPoint.Rule rule = pointRule == OperatingPoint.Rule.ZERO ? OperatingPoint.Rule.BALANCED_ACCURACY
                : pointRule;
        return new CrossValidation.Settings(metric, cvChoice, regression ? OperatingPoint.Rule.ZERO : rule, missedCost,
                falseAlarmCost, true);
    }

    /** "exact" or the number of sampled directions, as the command line and provenance write it. */
    public String patternsText() {
        return exact ? "exact" : Integer.toString(sampled);
    }

    /** The two-layer program's options with a resolved penalty (absolute or ratio). */
    ConvexOptions convexOptions(Penalty resolved) {
        return convexBuilder().penalty(resolved).build();
    }

    /** The two-layer program's options without the penalty (the builder's default ratio). */
    ConvexOptions.Builder convexBuilder() {
        ConvexOptions.Builder builder = ConvexOptions.builder().seed(seed).anchored(anchored).certify(certify)
                .loss(loss).solver(SolverOptions.defaults().withTolerance(tolerance)).classWeights(classWeights);
        return exact ? builder.exact(true) : builder.sampled(sampled);
    }

    /** The deep options with a resolved penalty. */
    DeepOptions deepOptions(Penalty resolved) {
        return new DeepOptions(layers, layer1, width1, reconstruction, convexOptions(resolved));
    }

    /** Builds a {@link TrainingRequest}. */
    public static final class Builder {
        private final Method method;
        private int layers;
        private Loss loss = Loss.SQUARED;
        private Penalty penalty = Penalty.DEFAULT;
        private boolean exact;
        private int sampled = 1000;
        private boolean anchored;
        private boolean certify = true;
        private double tolerance = SolverOptions.defaults().tolerance();
        private long seed = 1L;
        private Layer1Generator layer1 = Layer1Generator.RANDOM;
        private int width1;
        private Reconstruction reconstruction = Reconstruction.SVM;
        private CrossValidation.Metric cvMetric = CrossValidation.Metric.LOSS;
        private CrossValidation.Choice cvChoice = CrossValidation.Choice.ONE_SE;
        private OperatingPoint.Rule pointRule = OperatingPoint.Rule.ZERO;
        private double missedCost;
        private double falseAlarmCost;
        private ClassWeights classWeights = ClassWeights.NONE;
        private Preset preset = Preset.PAPER;

        private Builder(Method method) {
            this.method = Objects.requireNonNull(method, "method");
            this.layers = method == Method.TWO_LAYER ? 2 : 3;
        }

        /** Weight layers. */
        public Builder layers(int value) {
            layers = value;
            return this;
        }

        /** The loss. */
        public Builder loss(Loss value) {
            loss = value;
            return this;
        }

        /** The penalty. */
        public Builder penalty(Penalty value) {
            penalty = value;
            return this;
        }

        /** Exact enumeration on or off. */
        public Builder exact(boolean value) {
            exact = value;
            return this;
        }

        /** Sampled directions. */
        public Builder sampled(int value) {
            sampled = value;
            return this;
        }

        /** Data-anchored patterns on or off. */
        public Builder anchored(boolean value) {
            anchored = value;
            return this;
        }

        /** The certificate search on or off. */
        public Builder certify(boolean value) {
            certify = value;
            return this;
        }

        /** The relative duality gap to reach. */
        public Builder tolerance(double value) {
            tolerance = value;
            return this;
        }

        /** The seed. */
        public Builder seed(long value) {
            seed = value;
            return this;
        }

        /** The layer-1 generator (shattering). */
        public Builder layer1(Layer1Generator value) {
            layer1 = value;
            return this;
        }

        /** The width of layer 1 or of the fixed layers; 0 for the default. */
        public Builder width1(int value) {
            width1 = value;
            return this;
        }

        /** The layer-2 reconstruction (shattering). */
        public Builder reconstruction(Reconstruction value) {
            reconstruction = value;
            return this;
        }

        /** What cross-validation scores (null: the task's metric). */
        public Builder cvMetric(CrossValidation.Metric value) {
            cvMetric = value;
            return this;
        }

        /** The best mean or the one-standard-error ratio. */
        public Builder cvChoice(CrossValidation.Choice value) {
            cvChoice = value;
            return this;
        }

        /** How a two-class model's operating point is chosen. */
        public Builder pointRule(OperatingPoint.Rule value) {
            pointRule = value;
            return this;
        }

        /** The plant's costs of a missed event and of a false alarm. */
        public Builder costs(double missed, double falseAlarm) {
            missedCost = missed;
            falseAlarmCost = falseAlarm;
            return this;
        }

        /** Row weights per class of the training split (none by default). */
        public Builder classWeights(ClassWeights value) {
            classWeights = value;
            return this;
        }

        /** The preset the request starts from (set by {@link Preset#builder(Method)}). */
        Builder preset(Preset value) {
            preset = value;
            return this;
        }

        /** The request. */
        public TrainingRequest build() {
            return new TrainingRequest(method, layers, loss, penalty, exact, sampled, anchored, certify, tolerance,
                    seed, layer1, width1, reconstruction, cvMetric, cvChoice, pointRule, missedCost, falseAlarmCost,
                    classWeights, preset);
        }
    }
}
