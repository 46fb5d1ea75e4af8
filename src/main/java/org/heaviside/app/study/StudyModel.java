package org.heaviside.app.study;

import java.nio.file.Path;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import org.heaviside.data.ByteSource;
import org.heaviside.data.DataSpec;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Table;
import org.heaviside.experiment.ExperimentResult;
import org.heaviside.network.TrainedModel;
import org.heaviside.workflow.Preset;

/**
 * The study the workbench works on, as observable properties shared by every view model: the data
 * (source, file, loaded table, target and split), the training settings, the trained model with its
 * outcome, and the last comparison. Each view model reads and writes its part here and listens to the
 * others' parts, so view models never reference each other. Lives on the FX thread.
 */
public final class StudyModel {

    /** The two-layer convex program. */
    public static final String CONVEX = "convex";

    private final ObjectProperty<ByteSource> source = new SimpleObjectProperty<>();
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final ObjectProperty<Table> table = new SimpleObjectProperty<>();
    private final ObjectProperty<DataSpec> spec = new SimpleObjectProperty<>();
    private final ObjectProperty<String> method = new SimpleObjectProperty<>(CONVEX);
    private final ObjectProperty<String> loss = new SimpleObjectProperty<>("squared");
    private final DoubleProperty betaRatio = new SimpleDoubleProperty(0.01);
    private final IntegerProperty patterns = new SimpleIntegerProperty(1000);
    private final ObjectProperty<String> preset = new SimpleObjectProperty<>(Preset.DEFAULT.id());
    private final BooleanProperty anchored = new SimpleBooleanProperty(Preset.DEFAULT == Preset.RECOMMENDED);
    private final BooleanProperty certify = new SimpleBooleanProperty(true);
    private final IntegerProperty seed = new SimpleIntegerProperty(1);
    private final DoubleProperty tolerance = new SimpleDoubleProperty(1e-6);
    private final ObjectProperty<TrainedModel> model = new SimpleObjectProperty<>();
    private final ObjectProperty<PreparedData> trainedData = new SimpleObjectProperty<>();
    private final ObjectProperty<Table> trainedTable = new SimpleObjectProperty<>();
    private final ObjectProperty<TrainOutcome> outcome = new SimpleObjectProperty<>();
    private final ObjectProperty<ExperimentResult> comparison = new SimpleObjectProperty<>();

    /** The source being shown (or loading), or null. */
    public ObjectProperty<ByteSource> sourceProperty() {
        return source;
    }

    /** The data file on disk, or null for the bundled sample and generated data. */
    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    /** The loaded table, or null. */
    public ObjectProperty<Table> tableProperty() {
        return table;
    }

    /** The target, roles and split, or null while the target is unusable. */
    public ObjectProperty<DataSpec> specProperty() {
        return spec;
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

    /** Whether data-anchored patterns are added. */
    public BooleanProperty anchoredProperty() {
        return anchored;
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

    /** The last trained model (preprocessing, network, evidence), or null; not kept in study files. */
    public ObjectProperty<TrainedModel> modelProperty() {
        return model;
    }

    /** The data the model was trained on (its test rows verify exports), or null. */
    public ObjectProperty<PreparedData> trainedDataProperty() {
        return trainedData;
    }

    /** The table the trained model's data came from (its raw rows behind the held-out set), or null. */
    public ObjectProperty<Table> trainedTableProperty() {
        return trainedTable;
    }

    /** The last training outcome, or null. */
    public ObjectProperty<TrainOutcome> outcomeProperty() {
        return outcome;
    }

    /** The last comparison, or null. */
    public ObjectProperty<ExperimentResult> comparisonProperty() {
        return comparison;
    }

    /** The training settings as saved in a study file. */
    public Study.TrainPart trainSettings() {
        return new Study.TrainPart(method.get(), loss.get(), betaRatio.get(), patterns.get(), anchored.get(),
                certify.get(), seed.get(), tolerance.get(), preset.get());
    }

    /** Sets the training settings of a reopened study. */
    public void restoreTrainSettings(Study.TrainPart settings) {
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
    }
}
