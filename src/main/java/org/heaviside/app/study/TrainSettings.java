package org.heaviside.app.study;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.heaviside.network.ClassWeights;
import org.heaviside.workflow.Method;
import org.heaviside.workflow.Preset;

/**
 * The training settings of a study as observable properties: held once by the {@link StudyModel},
 * edited through the Train page and read by the other pages. Lives on the FX thread.
 */
public final class TrainSettings {

    private final ObjectProperty<String> method = new SimpleObjectProperty<>(StudyModel.CONVEX);
    private final ObjectProperty<String> loss = new SimpleObjectProperty<>("squared");
    private final DoubleProperty betaRatio = new SimpleDoubleProperty(0.01);
    private final IntegerProperty patterns = new SimpleIntegerProperty(1000);
    private final ObjectProperty<String> preset = new SimpleObjectProperty<>(Preset.DEFAULT.id());
    private final BooleanProperty anchored = new SimpleBooleanProperty(Preset.DEFAULT == Preset.RECOMMENDED);
    private final ObjectProperty<String> classWeight = new SimpleObjectProperty<>(classWeightOf(Preset.DEFAULT));
    private final BooleanProperty certify = new SimpleBooleanProperty(true);
    private final IntegerProperty seed = new SimpleIntegerProperty(1);
    private final DoubleProperty tolerance = new SimpleDoubleProperty(1e-6);

    TrainSettings() {
    }

    /** The training method id ("convex", "convex-deep" or "deep-lasso"). */
    public ObjectProperty<String> methodProperty() {
        return method;
    }

    /** The loss id, "squared" or "logistic". */
    public ObjectProperty<String> lossProperty() {
        return loss;
    }

    /** β as a share of β_max. */
    public DoubleProperty betaRatioProperty() {
        return betaRatio;
    }

    /** Sampled directions. */
    public IntegerProperty patternsProperty() {
        return patterns;
    }

    /** The preset the Train page starts from: recommended or paper ({@link Preset#id()}). */
    public ObjectProperty<String> presetProperty() {
        return preset;
    }

    /**
     * Whether a run chooses β by cross-validation: the recommended preset with the two-layer method
     * (the deep methods keep the ratio); the β controls are then off.
     */
    public boolean betaCrossValidated() {
        return Preset.parse(preset.get()) == Preset.RECOMMENDED && Method.parse(method.get()) == Method.TWO_LAYER;
    }

    /** Whether data-anchored patterns are added. */
    public BooleanProperty anchoredProperty() {
        return anchored;
    }

    /**
     * The row weights per class, as {@link ClassWeights#id()}: {@code balanced}, {@code none} or
     * {@code LABEL=W,...}. A preset sets it; a choice made after the preset overrides it.
     */
    public ObjectProperty<String> classWeightProperty() {
        return classWeight;
    }

    /** The class weights a preset sets: balanced for recommended, none for paper. */
    public static String classWeightOf(Preset preset) {
        return (preset == Preset.RECOMMENDED ? ClassWeights.BALANCED : ClassWeights.NONE).id();
    }

    /** Whether the certificate search runs. */
    public BooleanProperty certifyProperty() {
        return certify;
    }

    /** Seed of the patterns and of layer 1. */
    public IntegerProperty seedProperty() {
        return seed;
    }

    /** The relative duality gap asked for. */
    public DoubleProperty toleranceProperty() {
        return tolerance;
    }

    /** The settings as saved in a study file. */
    public Study.TrainPart saved() {
        return new Study.TrainPart(method.get(), loss.get(), betaRatio.get(), patterns.get(), anchored.get(),
                certify.get(), seed.get(), tolerance.get(), preset.get(), classWeight.get());
    }

    /** Sets the settings of a reopened study. */
    public void restore(Study.TrainPart settings) {
        // first: choosing a preset fills the settings that follow
        preset.set(settings.preset() == null ? Preset.PAPER.id() : Preset.parse(settings.preset()).id());
        method.set(settings.method());
        loss.set(settings.loss());
        betaRatio.set(settings.betaRatio());
        patterns.set(settings.patterns());
        anchored.set(settings.anchored());
        certify.set(settings.certify());
        seed.set(settings.seed());
        tolerance.set(settings.tolerance());
        classWeight.set(settings.classWeight() == null ? classWeightOf(Preset.parse(preset.get()))
                : ClassWeights.parse(settings.classWeight()).id());
    }
}
