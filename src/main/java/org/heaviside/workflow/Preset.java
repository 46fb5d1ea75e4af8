package org.heaviside.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.heaviside.network.ClassWeights;
import org.heaviside.network.OperatingPoint;
import org.heaviside.network.Penalty;
import org.heaviside.run.Ids;

/**
 * The settings a training starts from, defined once for {@code train}, the Train page, comparisons
 * and {@code bench} (docs/method.md section 10). A front end takes {@link #builder(Method)} and then
 * sets only what the user chose explicitly, so an explicit option overrides the preset's field.
 */
public enum Preset {
    /**
     * What a plant engineer should start from: class-balanced row weights (no weights for
     * regression), β chosen by 5-fold cross-validation on the task's metric (two layers; the deep
     * programs keep the ratio), sampled plus data-anchored patterns, maximum-margin hyperplanes, and
     * for two classes the operating point of the largest balanced accuracy on out-of-fold scores.
     */
    RECOMMENDED("recommended"),
    /**
     * The paper's plain setting: unweighted rows, β = 0.01·β_max, sampled patterns only,
     * maximum-margin hyperplanes, the sign as the cut (the defaults before presets existed).
     */
    PAPER("paper");

    /**
     * The preset of {@code train}, {@code compare} on a file and the Train page when none is named.
     * ({@code compare --paper} runs the paper's experiment with the paper preset unless one is named.)
     */
    public static final Preset DEFAULT = RECOMMENDED;

    /** Folds of the recommended cross-validation. */
    public static final int FOLDS = 5;

    private final String id;

    Preset(String id) {
        this.id = id;
    }

    /** The name used on the command line, in provenance and in studies. */
    public String id() {
        return id;
    }

    /** The preset named {@code text} (recommended or paper). */
    public static Preset parse(String text) {
        return Ids.parse(Preset.class, Preset::id, text, "preset");
    }

    /** A request builder for {@code method} with this preset's settings (the method's depth). */
    public TrainingRequest.Builder builder(Method method) {
        TrainingRequest.Builder builder = TrainingRequest.builder(method).preset(this);
        if (this == RECOMMENDED) {
            builder.classWeights(ClassWeights.BALANCED).anchored(true).cvMetric(null)
                    .pointRule(OperatingPoint.Rule.BALANCED_ACCURACY);
            if (method == Method.TWO_LAYER) {
                builder.penalty(new Penalty.CrossValidated(FOLDS));
            }
        }
        return builder;
    }

    /**
     * The operating-point rule of every network in a comparison under this preset with {@code layers}
     * layers: the recommended preset's largest balanced accuracy on out-of-fold (baselines: validation)
     * scores for two layers; the sign for the deep programs (whose β is not cross-validated either) and
     * for the paper preset.
     */
    public OperatingPoint.Rule comparisonRule(int layers) {
        return this == RECOMMENDED && layers == 2 ? OperatingPoint.Rule.BALANCED_ACCURACY : OperatingPoint.Rule.ZERO;
    }

    /**
     * The settings of {@code request} that differ from this preset's for the same method and depth
     * ("class weights", "penalty", "patterns", "operating point", "cross-validation metric"), empty
     * when the request is the preset as defined.
     */
    public List<String> changes(TrainingRequest request) {
        TrainingRequest preset = builder(request.method()).layers(request.layers()).build();
        List<String> changed = new ArrayList<>();
        if (!preset.classWeights().id().equals(request.classWeights().id())) {
            changed.add("class weights");
        }
        if (!preset.penalty().equals(request.penalty())) {
            changed.add("penalty");
        }
        if (preset.anchored() != request.anchored() || preset.exact() != request.exact()
                || preset.sampled() != request.sampled()) {
            changed.add("patterns");
        }
        if (preset.pointRule() != request.pointRule()) {
            changed.add("operating point");
        }
        if (request.penalty() instanceof Penalty.CrossValidated && (!Objects.equals(preset.cvMetric(),
                request.cvMetric()) || preset.cvChoice() != request.cvChoice())) {
            changed.add("cross-validation");
        }
        return changed;
    }

    /** One line on what the preset sets, for outputs and tooltips. */
    public String describe() {
        return this == RECOMMENDED
                ? "class-balanced row weights, beta by " + FOLDS + "-fold cross-validation on the task's metric, "
                + "sampled + data-anchored patterns, maximum-margin hyperplanes, operating point of the largest "
                + "balanced accuracy (two classes)"
                : "the paper's plain setting: no row weights, beta ratio 0.01, sampled patterns, maximum-margin "
                + "hyperplanes, the sign as the cut";
    }
}
