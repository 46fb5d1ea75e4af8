package org.heaviside.app.page.train;

import java.util.Map;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import org.heaviside.app.study.StudyModel;
import org.heaviside.app.ui.Messages;
import org.heaviside.data.Dataset;
import org.heaviside.data.PreparedData;
import org.heaviside.data.TargetEncoding;
import org.heaviside.data.TaskKind;
import org.heaviside.network.Confusion;
import org.heaviside.network.Metrics;
import org.heaviside.network.OperatingCurve;
import org.heaviside.network.OperatingPoint;
import org.heaviside.network.TrainedModel;

/**
 * The operating point of the study's two-class model on the Train page (method.md section 10): the
 * ROC and precision-recall curves, and the figures at the cut t the user moves to; a move is saved
 * in the study's model as a cut set by hand, so the model file, predictions, exports and the report
 * use it, and {@link #reset()} returns to the cut training chose.
 *
 * <p>The primary rows are the held-out rows (the training rows when none are held out): the model
 * never trained on them, the page's confusion matrix and metrics are theirs, and so are the
 * report's. Next to them, the rows the cut was chosen on: the out-of-fold scores of the training rows
 * when a rule chose it, else the training rows' own (in-sample) scores. Every row counts once (row
 * weights are a device of training; false alarms per 1,000 rows are rows of the plant).
 */
public final class OperatingPointViewModel {

    /** The curves to draw: {x, y} points per cut, for the primary rows and the reference rows (null if none). */
    public record Curves(double[][] roc, double[][] precisionRecall, int rows, double[][] referenceRoc,
                         double[][] referencePrecisionRecall, int referenceRows, boolean referenceOutOfFold,
                         int positions) {
    }

    /**
     * The figures at the current cut.
     *
     * @param threshold       t
     * @param rule            how t was set (a rule id, or "manual")
     * @param confusion       {TP, FN, FP, TN} on the primary rows
     * @param point           {false-alarm rate, recall, precision} on the primary rows (the markers)
     * @param recall          share of events caught, primary rows
     * @param falseAlarms     false alarms per 1,000 rows, primary rows
     * @param cost            expected cost per 1,000 rows, primary rows (NaN without both costs)
     * @param referenceRecall the same three on the reference rows (NaN without them)
     * @param train           training-row metrics at t
     * @param test            held-out metrics at t (empty when none are held out)
     */
    public record Readout(double threshold, String rule, int[] confusion, double[] point, double recall,
                          double falseAlarms, double cost, double referenceRecall, double referenceFalseAlarms,
                          double referenceCost, Map<String, Double> train, Map<String, Double> test) {
    }

    private final StudyModel study;
    private final ReadOnlyStringWrapper unavailable = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Curves> curves = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Readout> readout = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyIntegerWrapper position = new ReadOnlyIntegerWrapper();
    private final DoubleProperty missedCost = new SimpleDoubleProperty(Double.NaN);
    private final DoubleProperty falseAlarmCost = new SimpleDoubleProperty(Double.NaN);
    private TrainedModel base;
    private TrainedModel saved;
    private OperatingCurve primary;
    private OperatingCurve reference;
    private double[] trainScores;
    private double[] trainLabels;
    private double[] testScores;
    private double[] testLabels;
    private double threshold;
    private boolean moved;

    /** Follows the study's model; a new model (a new run) starts at its trained cut. */
    public OperatingPointViewModel(StudyModel study) {
        this.study = study;
        study.modelProperty().addListener((obs, old, model) -> {
            if (model != saved) {
                accept(model);
            }
        });
        missedCost.addListener((obs, old, value) -> costsChanged());
        falseAlarmCost.addListener((obs, old, value) -> costsChanged());
        accept(study.modelProperty().get());
    }

    private void accept(TrainedModel model) {
        base = model;
        saved = model;
        moved = false;
        primary = null;
        curves.set(null);
        readout.set(null);
        PreparedData data = study.trainedDataProperty().get();
        if (model == null || data == null) {
            unavailable.set(Messages.get("train.point.none"));
            return;
        }
        TargetEncoding target = model.preprocessor().target();
        if (!target.isBinary()) {
            unavailable.set(target.task() == TaskKind.REGRESSION ? Messages.get("train.point.regression")
                    : Messages.get("train.point.classes", target.classes().size()));
            return;
        }
        unavailable.set(null);
        OperatingPoint point = model.operatingPoint();
        if (point.hasCosts()) {
            missedCost.set(point.missedCost());
            falseAlarmCost.set(point.falseAlarmCost());
        }
        trainScores = scores(model, data.train());
        trainLabels = data.train().y();
        boolean heldOut = data.test().size() > 0;
        testScores = heldOut ? scores(model, data.test()) : null;
        testLabels = heldOut ? data.test().y() : null;
        primary = OperatingCurve.of(heldOut ? testScores : trainScores, heldOut ? testLabels : trainLabels, null);
        double[] chosenOn = study.pointScoresProperty().get();
        boolean outOfFold = chosenOn != null && chosenOn.length == trainLabels.length;
        reference = outOfFold || heldOut ? OperatingCurve.of(outOfFold ? chosenOn : trainScores, trainLabels, null)
                : null;
        curves.set(new Curves(primary.roc(), primary.precisionRecall(), (int) primary.confusion(0).rows(),
                reference == null ? null : reference.roc(), reference == null ? null : reference.precisionRecall(),
                reference == null ? 0 : (int) reference.confusion(0).rows(), outOfFold, primary.cuts()));
        show(point.threshold(), point.rule());
    }

    private static double[] scores(TrainedModel model, Dataset rows) {
        double[][] out = model.deepNetwork().predict(rows.x());
        double[] scores = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            scores[i] = out[i][0];
        }
        return scores;
    }

    /** Shows the figures at t and the slider position of the primary curve's cut there. */
    private void show(double t, OperatingPoint.Rule rule) {
        threshold = t;
        int cut = primary.cutOf(t);
        position.set(primary.cuts() - 1 - cut);
        Confusion main = primary.confusion(cut);
        Confusion other = reference == null ? null : reference.at(t);
        double missed = missedCost.get();
        double alarm = falseAlarmCost.get();
        readout.set(new Readout(t, rule.id(), main.counts(),
                new double[] {main.falseAlarmRate(), main.recall(), main.precision()}, main.recall(),
                main.falseAlarmsPerThousandRows(), main.expectedCostPerThousandRows(missed, alarm),
                other == null ? Double.NaN : other.recall(),
                other == null ? Double.NaN : other.falseAlarmsPerThousandRows(),
                other == null ? Double.NaN : other.expectedCostPerThousandRows(missed, alarm),
                metrics(trainScores, trainLabels, t), testScores == null ? Map.of() : metrics(testScores, testLabels, t)));
    }

    private static Map<String, Double> metrics(double[] scores, double[] labels, double t) {
        double[] shifted = new double[scores.length];
        for (int i = 0; i < scores.length; i++) {
            shifted[i] = scores[i] - t;
        }
        return Metrics.binary(shifted, labels);
    }

    /**
     * Moves the operating point to a slider position: 0 flags every row (the lowest cut), the last
     * position none; t is placed midway between the primary rows' scores it separates. The study's
     * model is not changed until {@link #save()}.
     */
    public void moveTo(int value) {
        if (primary == null) {
            return;
        }
        int clamped = Math.max(0, Math.min(primary.cuts() - 1, value));
        moved = true;
        show(primary.threshold(primary.cuts() - 1 - clamped), OperatingPoint.Rule.MANUAL);
    }

    /** Saves a moved cut in the study's model (the one the model file, exports and the report use). */
    public void save() {
        if (primary == null || !moved) {
            return;
        }
        double missed = missedCost.get();
        double alarm = falseAlarmCost.get();
        boolean costs = missed >= 0 && alarm >= 0;
        saved = base.movedTo(OperatingPoint.manual(threshold, costs ? missed : 0, costs ? alarm : 0,
                (int) primary.confusion(0).rows()));
        study.modelProperty().set(saved);
    }

    /** Returns to the cut training chose (its rule), in the figures and in the study's model. */
    public void reset() {
        if (primary == null) {
            return;
        }
        moved = false;
        saved = base;
        study.modelProperty().set(base);
        show(base.operatingPoint().threshold(), base.operatingPoint().rule());
    }

    private void costsChanged() {
        if (primary != null) {
            show(threshold, moved ? OperatingPoint.Rule.MANUAL : base.operatingPoint().rule());
            save();
        }
    }

    /** Why the curves are not shown (no model, regression, more than two classes), or null. */
    public ReadOnlyStringProperty unavailableProperty() {
        return unavailable.getReadOnlyProperty();
    }

    /** The curves of the current model, or null. */
    public ReadOnlyObjectProperty<Curves> curvesProperty() {
        return curves.getReadOnlyProperty();
    }

    /** The figures at the current cut, or null. */
    public ReadOnlyObjectProperty<Readout> readoutProperty() {
        return readout.getReadOnlyProperty();
    }

    /** The slider position of the current cut (see {@link #moveTo}). */
    public ReadOnlyIntegerProperty positionProperty() {
        return position.getReadOnlyProperty();
    }

    /** The plant's cost of a missed event (NaN until given; the model's when it was chosen with costs). */
    public DoubleProperty missedCostProperty() {
        return missedCost;
    }

    /** The plant's cost of a false alarm (as {@link #missedCostProperty()}). */
    public DoubleProperty falseAlarmCostProperty() {
        return falseAlarmCost;
    }

    /** The label of the rule that set the cut training chose, for the reset action. */
    public String chosenRule() {
        return base == null ? "" : base.operatingPoint().rule().id();
    }
}
