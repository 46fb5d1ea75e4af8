package org.heaviside.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.heaviside.app.page.train.OperatingPointViewModel;
import org.heaviside.app.study.StudyModel;
import org.heaviside.app.ui.Messages;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.DataSpec;
import org.heaviside.data.Preprocessing;
import org.heaviside.data.Table;
import org.heaviside.network.Metrics;
import org.heaviside.network.OperatingPoint;
import org.heaviside.network.TrainedModel;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.ConvergenceListener;
import org.heaviside.workflow.Method;
import org.heaviside.workflow.Training;
import org.heaviside.workflow.TrainingData;
import org.heaviside.workflow.TrainingRequest;
import org.heaviside.workflow.TrainingResult;
import org.junit.jupiter.api.Test;

/** The operating point's view model on trained models, without a stage. */
class OperatingPointViewModelTest {

    private static final List<String> DROPPED = List.of("UDI", "Product ID", "TWF", "HDF", "PWF", "OSF", "RNF");

    private static StudyModel trained(String target, OperatingPoint.Rule rule) {
        Table table = CsvLoader.open(Path.of("samples", "ai4i2020.csv"), settings -> settings, 600,
                ProgressListener.NONE, Cancellation.NEVER);
        DataSpec spec = new DataSpec(target, Preprocessing.ignoring(table, DROPPED), null, null, 0.25, 1L);
        TrainingRequest request = TrainingRequest.builder(Method.TWO_LAYER).sampled(100).certify(false)
                .pointRule(rule).build();
        TrainingResult result = Training.train(TrainingData.of(table, spec), request, ProgressListener.NONE,
                ConvergenceListener.NONE, Cancellation.NEVER);
        StudyModel study = new StudyModel();
        study.trainedDataProperty().set(result.data().prepared());
        study.pointScoresProperty().set(result.pointScores());
        study.modelProperty().set(result.model());
        return study;
    }

    @Test
    void movingThePointGivesTheConfusionMatrixAtTheNewCutAndSavesItInTheModel() {
        StudyModel study = trained("Machine failure", OperatingPoint.Rule.BALANCED_ACCURACY);
        TrainedModel base = study.modelProperty().get();
        var test = study.trainedDataProperty().get().test();
        OperatingPointViewModel point = new OperatingPointViewModel(study);
        assertThat(point.unavailableProperty().get()).isNull();
        assertThat(point.curvesProperty().get().referenceOutOfFold()).isTrue();
        assertThat(point.curvesProperty().get().rows()).isEqualTo(test.size());
        var chosen = point.readoutProperty().get();
        assertThat(chosen.rule()).isEqualTo("balanced-accuracy");
        assertThat(chosen.threshold()).isEqualTo(base.operatingPoint().threshold());
        assertThat(chosen.confusion()).containsExactly(Metrics.confusion(base.deepNetwork(), test,
                chosen.threshold()));
        // the lowest cut flags every held-out row
        point.moveTo(0);
        var moved = point.readoutProperty().get();
        assertThat(moved.rule()).isEqualTo("manual");
        assertThat(moved.confusion()).containsExactly(Metrics.confusion(base.deepNetwork(), test, moved.threshold()));
        assertThat(moved.confusion()[1] + moved.confusion()[3]).isZero();
        assertThat(moved.recall()).isEqualTo(1.0);
        assertThat(moved.falseAlarms()).isEqualTo(1000.0 * moved.confusion()[2] / test.size());
        assertThat(moved.cost()).isNaN(); // no costs given yet
        assertThat(study.modelProperty().get()).isSameAs(base); // not saved until asked
        point.missedCostProperty().set(5000);
        point.falseAlarmCostProperty().set(200);
        point.save();
        var costed = point.readoutProperty().get();
        assertThat(costed.cost()).isEqualTo(1000 * (5000.0 * costed.confusion()[1] + 200.0 * costed.confusion()[2])
                / test.size());
        TrainedModel saved = study.modelProperty().get();
        assertThat(saved.operatingPoint()).isEqualTo(OperatingPoint.manual(moved.threshold(), 5000, 200, test.size()));
        assertThat(saved.provenance().parameters()).containsEntry("operatingPoint", "manual")
                .containsEntry("threshold", Double.toString(moved.threshold()))
                .containsEntry("costs", "missed=5000.0,false-alarm=200.0");
        // the model's own predictions follow the saved cut
        long flagged = java.util.Arrays.stream(saved.predict(test)).filter(p -> p.value() > 0).count();
        assertThat(flagged).isEqualTo(moved.confusion()[0] + moved.confusion()[2]);
        point.reset();
        assertThat(study.modelProperty().get()).isSameAs(base);
        assertThat(point.readoutProperty().get().confusion()).containsExactly(chosen.confusion());
        assertThat(point.readoutProperty().get().rule()).isEqualTo("balanced-accuracy");
    }

    @Test
    void regressionAndThreeClassesHideTheCurvesWithAReason() {
        OperatingPointViewModel regression = new OperatingPointViewModel(trained("Torque [Nm]",
                OperatingPoint.Rule.ZERO));
        assertThat(regression.curvesProperty().get()).isNull();
        assertThat(regression.unavailableProperty().get()).isEqualTo(Messages.get("train.point.regression"));
        OperatingPointViewModel classes = new OperatingPointViewModel(trained("Type", OperatingPoint.Rule.ZERO));
        assertThat(classes.curvesProperty().get()).isNull();
        assertThat(classes.unavailableProperty().get()).isEqualTo(Messages.get("train.point.classes", 3));
        assertThat(new OperatingPointViewModel(new StudyModel()).unavailableProperty().get())
                .isEqualTo(Messages.get("train.point.none"));
    }
}
