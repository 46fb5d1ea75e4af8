package org.heaviside.app.study;

import java.nio.file.Path;
import javafx.beans.property.ObjectProperty;
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
    private final TrainSettings training = new TrainSettings();
    private final ObjectProperty<TrainedModel> model = new SimpleObjectProperty<>();
    private final ObjectProperty<PreparedData> trainedData = new SimpleObjectProperty<>();
    private final ObjectProperty<Table> trainedTable = new SimpleObjectProperty<>();
    private final ObjectProperty<double[]> pointScores = new SimpleObjectProperty<>();
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

    /** The training settings. */
    public TrainSettings training() {
        return training;
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

    /**
     * The out-of-fold scores of the trained model's training rows (in their order) that its operating
     * point was chosen on, or null when no rule chose it; set before the model.
     */
    public ObjectProperty<double[]> pointScoresProperty() {
        return pointScores;
    }

    /** The last training outcome, or null. */
    public ObjectProperty<TrainOutcome> outcomeProperty() {
        return outcome;
    }

    /** The last comparison, or null. */
    public ObjectProperty<ExperimentResult> comparisonProperty() {
        return comparison;
    }
}
