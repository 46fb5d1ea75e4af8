package org.heaviside.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.DataSpec;
import org.heaviside.data.Preprocessing;
import org.heaviside.data.Table;
import org.heaviside.network.ClassWeights;
import org.heaviside.network.CrossValidation;
import org.heaviside.network.OperatingPoint;
import org.heaviside.network.Penalty;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.ConvergenceListener;
import org.junit.jupiter.api.Test;

/** The one definition of the recommended and paper settings (issue 13, item 5). */
class PresetTest {

    @Test
    void theRecommendedPresetWeightsCrossValidatesOnTheTasksMetricAnchorsAndChoosesTheCut() {
        TrainingRequest request = Preset.RECOMMENDED.builder(Method.TWO_LAYER).build();
        assertThat(request.preset()).isEqualTo(Preset.RECOMMENDED);
        assertThat(request.classWeights()).isEqualTo(ClassWeights.BALANCED);
        assertThat(request.penalty()).isEqualTo(new Penalty.CrossValidated(Preset.FOLDS));
        assertThat(request.cvMetric()).as("null: the task's metric").isNull();
        assertThat(request.cvSettings(false).metric()).isEqualTo(CrossValidation.Metric.BALANCED_ACCURACY);
        assertThat(request.cvSettings(true).metric()).isEqualTo(CrossValidation.Metric.RMSE);
        assertThat(request.anchored()).isTrue();
        assertThat(request.exact()).isFalse();
        assertThat(request.sampled()).isEqualTo(1000);
        assertThat(request.pointRule()).isEqualTo(OperatingPoint.Rule.BALANCED_ACCURACY);
        assertThat(request.certify()).isTrue();
        assertThat(Preset.RECOMMENDED.changes(request)).isEmpty();
        // cross-validation chooses beta for two layers only: the deep programs keep the ratio
        TrainingRequest deep = Preset.RECOMMENDED.builder(Method.SHATTERING).build();
        assertThat(deep.penalty()).isEqualTo(Penalty.DEFAULT);
        assertThat(deep.classWeights()).isEqualTo(ClassWeights.BALANCED);
    }

    @Test
    void thePaperPresetIsTheRequestOfTheDefaultsBeforePresets() {
        for (Method method : Method.values()) {
            TrainingRequest paper = Preset.PAPER.builder(method).build();
            TrainingRequest plain = TrainingRequest.builder(method).build();
            assertThat(paper).isEqualTo(plain);
            assertThat(paper.preset()).isEqualTo(Preset.PAPER);
            assertThat(paper.penalty()).isEqualTo(new Penalty.Ratio(0.01));
            assertThat(paper.classWeights()).isEqualTo(ClassWeights.NONE);
            assertThat(paper.pointRule()).isEqualTo(OperatingPoint.Rule.ZERO);
            assertThat(paper.anchored()).isFalse();
        }
    }

    @Test
    void anOptionSetAfterThePresetOverridesItsFieldAndIsNamedAsAChange() {
        TrainingRequest request = Preset.RECOMMENDED.builder(Method.TWO_LAYER).penalty(new Penalty.Ratio(0.05))
                .classWeights(ClassWeights.NONE).build();
        assertThat(request.penalty()).isEqualTo(new Penalty.Ratio(0.05));
        assertThat(request.classWeights()).isEqualTo(ClassWeights.NONE);
        assertThat(request.anchored()).isTrue();
        assertThat(Preset.RECOMMENDED.changes(request)).containsExactly("class weights", "penalty");
        assertThat(Preset.PAPER.changes(Preset.PAPER.builder(Method.TWO_LAYER).anchored(true).build()))
                .containsExactly("patterns");
        assertThat(request.toBuilder().build().preset()).isEqualTo(Preset.RECOMMENDED);
    }

    @Test
    void presetsParseByTheirNamesAndAnUnknownNameSaysWhatIsExpected() {
        assertThat(Preset.parse("recommended")).isEqualTo(Preset.RECOMMENDED);
        assertThat(Preset.parse("Paper")).isEqualTo(Preset.PAPER);
        assertThatThrownBy(() -> Preset.parse("fast")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recommended").hasMessageContaining("paper");
    }

    @Test
    void theProvenanceNamesThePresetAndWhatOptionsChanged() {
        Table table = CsvLoader.open(Path.of("samples", "ai4i2020.csv"), settings -> settings, 300,
                ProgressListener.NONE, Cancellation.NEVER);
        DataSpec spec = new DataSpec("Machine failure", Preprocessing.ignoring(table, List.of("UDI", "Product ID",
                "TWF", "HDF", "PWF", "OSF", "RNF")), null, null, 0.25, 1L);
        TrainingRequest request = Preset.RECOMMENDED.builder(Method.TWO_LAYER).penalty(new Penalty.Ratio(0.05))
                .sampled(50).certify(false).pointRule(OperatingPoint.Rule.ZERO).build();
        TrainingResult result = Training.train(TrainingData.of(table, spec), request, ProgressListener.NONE,
                ConvergenceListener.NONE, Cancellation.NEVER);
        assertThat(result.model().provenance().parameters()).containsEntry("preset", "recommended")
                .containsEntry("presetChanged", "penalty,patterns,operating point")
                .containsEntry("classWeight", "balanced").containsEntry("anchored", "true");
    }
}
