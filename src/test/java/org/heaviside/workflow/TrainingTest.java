package org.heaviside.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heaviside.data.ByteSource;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.DataSpec;
import org.heaviside.data.Preprocessing;
import org.heaviside.data.Table;
import org.heaviside.network.ConvexOptions;
import org.heaviside.network.ConvexResult;
import org.heaviside.network.ConvexTrainer;
import org.heaviside.network.Penalty;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.run.Provenance;
import org.heaviside.solver.ConvergenceListener;
import org.junit.jupiter.api.Test;

/** The training use case: one entry point, one provenance, β resolved in one place. */
class TrainingTest {

    private static final Path AI4I = Path.of("samples", "ai4i2020.csv");

    private static Table ai4i(int rows) {
        return CsvLoader.open(AI4I, settings -> settings, rows, ProgressListener.NONE, Cancellation.NEVER);
    }

    private static DataSpec spec(Table table) {
        return new DataSpec("Machine failure", Preprocessing.ignoring(table, List.of("UDI", "Product ID", "TWF", "HDF",
                "PWF", "OSF", "RNF")), null, null, 0.25, 1L);
    }

    @Test
    void aTableCarriesTheWholeFilesHashAlsoWhenOnlyItsFirstRowsWereRead() throws Exception {
        String expected;
        try (InputStream in = Files.newInputStream(AI4I)) {
            expected = Provenance.sha256(in);
        }
        assertThat(ai4i(200).sha256()).isEqualTo(expected).hasSize(64);
        assertThat(ai4i(Integer.MAX_VALUE).sha256()).isEqualTo(expected);
        // bytes in memory (the bundled sample) and a UTF-8 byte-order mark, which the reader skips
        byte[] bytes = Files.readAllBytes(AI4I);
        assertThat(CsvLoader.open(ByteSource.of("ai4i2020.csv", bytes), settings -> settings, 100,
                ProgressListener.NONE, Cancellation.NEVER).sha256()).isEqualTo(expected);
        byte[] bom = new byte[bytes.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(bytes, 0, bom, 3, bytes.length);
        assertThat(CsvLoader.open(ByteSource.of("bom.csv", bom), settings -> settings, 100, ProgressListener.NONE,
                Cancellation.NEVER).sha256()).isEqualTo(Provenance.sha256(bom));
    }

    @Test
    void theProvenanceNamesTheDataHashAndEveryParameter() {
        Table table = ai4i(400);
        TrainingRequest request = TrainingRequest.builder(Method.TWO_LAYER).sampled(100).certify(false).build();
        TrainingResult result = Training.train(TrainingData.of(table, spec(table)), request, ProgressListener.NONE,
                ConvergenceListener.NONE, Cancellation.NEVER);
        Provenance provenance = result.model().provenance();
        assertThat(provenance.datasetSha256()).isEqualTo(table.sha256());
        assertThat(provenance.dataset()).isEqualTo("ai4i2020.csv");
        assertThat(provenance.parameters()).containsKeys("target", "positive", "drop", "method", "layers", "loss",
                "beta", "betaRatio", "cvFolds", "patterns", "anchored", "certify", "testFraction", "tolerance");
        assertThat(provenance.parameters().get("drop")).isEqualTo("UDI,Product ID,TWF,HDF,PWF,OSF,RNF");
        assertThat(provenance.timingsMillis()).containsKeys("patterns", "solve");
        assertThat(provenance.diagnostics()).containsEntry("status", result.status())
                .containsEntry("certificate", result.certificate().status());
    }

    @Test
    void theUseCaseGivesTheSameModelAsTheTrainerItCalls() {
        Table table = ai4i(400);
        TrainingRequest request = TrainingRequest.builder(Method.TWO_LAYER).sampled(100)
                .penalty(new Penalty.Ratio(0.05)).build();
        TrainingResult result = Training.train(TrainingData.of(table, spec(table)), request, ProgressListener.NONE,
                ConvergenceListener.NONE, Cancellation.NEVER);
        ConvexResult direct = new ConvexTrainer(ConvexOptions.builder().sampled(100).betaRatio(0.05).build())
                .train(Preprocessing.prepare(table, spec(table)), ProgressListener.NONE, ConvergenceListener.NONE,
                        Cancellation.NEVER);
        assertThat(result.objective()).isEqualTo(direct.solver().objective());
        assertThat(result.beta()).isEqualTo(0.05 * direct.betaMax());
        assertThat(result.certificate().status()).isEqualTo(direct.certificate().status());
    }

    @Test
    void aCrossValidatedPenaltyIsResolvedToTheChosenRatioAndRecorded() {
        Table table = ai4i(300);
        TrainingRequest request = TrainingRequest.builder(Method.TWO_LAYER).sampled(60).certify(false)
                .penalty(new Penalty.CrossValidated(3)).build();
        TrainingResult result = Training.train(TrainingData.of(table, spec(table)), request, ProgressListener.NONE,
                ConvergenceListener.NONE, Cancellation.NEVER);
        assertThat(result.crossValidation()).isNotNull();
        assertThat(result.beta() / result.betaMax()).isCloseTo(result.crossValidation().chosenRatio(), within(1e-12));
        assertThat(result.provenance().parameters()).containsEntry("cvFolds", "3");
    }

    @Test
    void aRequestThatCannotBeTrainedSaysWhichSettingToChange() {
        assertThatThrownBy(() -> TrainingRequest.builder(Method.SHATTERING).layers(4).build())
                .hasMessageContaining("set the number of layers to 3");
        assertThatThrownBy(() -> TrainingRequest.builder(Method.DEEP_LASSO).penalty(new Penalty.CrossValidated(5))
                .build()).hasMessageContaining("Cross-validation chooses beta for two-layer networks");
        assertThatThrownBy(() -> new Penalty.CrossValidated(5).beta(1.0)).isInstanceOf(IllegalStateException.class);
        assertThat(Method.of("convex", 2)).isEqualTo(Method.TWO_LAYER);
        assertThat(Method.of("convex", 4)).isEqualTo(Method.DEEP_LASSO);
        assertThat(Method.of("convex-deep", 3)).isEqualTo(Method.SHATTERING);
    }
}
