package org.heaviside.app;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.heaviside.app.study.Study;
import org.heaviside.app.study.StudyFile;
import org.heaviside.data.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A damaged or hand-edited study file is refused on open with the field named, never a NullPointerException. */
class StudyFileTest {

    private static final String HEAD = "{\"format\": \"heaviside-study\", \"version\": 1";
    private static final String PARTS = "\"train\": {\"method\": \"convex\", \"loss\": \"squared\", \"betaRatio\": 0.01, "
            + "\"patterns\": 100, \"anchored\": false, \"certify\": true, \"seed\": 1, \"tolerance\": 1e-6}, "
            + "\"compare\": {\"baselines\": [\"ste\"], \"seeds\": 2, \"epochs\": 10, \"width\": 10, \"layers\": 2}";

    private static Path write(Path dir, String text) throws Exception {
        Path file = dir.resolve("edited.heaviside.json");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void aStudyFileWithoutItsStudyObjectIsNamed(@TempDir Path dir) throws Exception {
        Path file = write(dir, HEAD + "}");
        assertThatThrownBy(() -> StudyFile.load(file)).isInstanceOf(DataException.class)
                .hasMessageContaining("edited.heaviside.json").hasMessageContaining("no \"study\" object");
    }

    @Test
    void aSeedThatIsNotANumberIsNamed(@TempDir Path dir) throws Exception {
        Path file = write(dir, HEAD + ", \"study\": {\"data\": {\"source\": \"ai4i2020.csv\", \"seed\": \"seven\", "
                + "\"testFraction\": 0.25}, " + PARTS + "}}");
        assertThatThrownBy(() -> StudyFile.load(file)).isInstanceOf(DataException.class)
                .hasMessageContaining("\"study.data.seed\"").hasMessageContaining("a number");
    }

    @Test
    void aSyntheticSourceWithoutItsSeedIsNamed(@TempDir Path dir) throws Exception {
        Path file = write(dir, HEAD + ", \"study\": {\"data\": {\"source\": \"paper-synthetic-seedX.csv\", \"seed\": 1, "
                + "\"testFraction\": 0.25}, " + PARTS + "}}");
        assertThatThrownBy(() -> StudyFile.load(file)).isInstanceOf(DataException.class)
                .hasMessageContaining("\"study.data.source\"");
    }

    @Test
    void hostileNamesRoundTripThroughTheStudyFile(@TempDir Path dir) throws Exception {
        String target = org.heaviside.export.HostileText.TARGET;
        java.util.Map<String, org.heaviside.data.ColumnRole> roles = java.util.Map.of(
                org.heaviside.export.HostileText.CATEGORY, org.heaviside.data.ColumnRole.CATEGORICAL,
                org.heaviside.export.HostileText.NUMBER, org.heaviside.data.ColumnRole.IGNORED);
        Study study = new Study(new Study.DataPart(dir.resolve("データ \"x\".csv").toString(), "データ \"x\".csv",
                org.heaviside.data.CsvSettings.defaults(), target, roles, "=no */", 0.25, 3),
                new Study.TrainPart("convex", "squared", 0.01, 100, false, true, 1, 1e-6), null,
                new Study.ComparePart(java.util.List.of("ste"), 2, 10, 10, 2), null);
        Path file = dir.resolve("hostile.heaviside.json");
        StudyFile.save(study, file);
        org.assertj.core.api.Assertions.assertThat(StudyFile.load(file)).isEqualTo(study);
    }

    @Test
    void theClassWeightsOfTheTrainPageRoundTripThroughTheStudyFile(@TempDir Path dir) throws Exception {
        Study study = new Study(new Study.DataPart(null, "ai4i2020.csv", org.heaviside.data.CsvSettings.defaults(),
                "Machine failure", java.util.Map.of(), "1", 0.25, 1),
                new Study.TrainPart("convex", "squared", 0.01, 100, true, true, 1, 1e-6, "recommended", "1=20.0"), null,
                new Study.ComparePart(java.util.List.of("ste"), 2, 10, 10, 2), null);
        Path file = dir.resolve("weights.heaviside.json");
        StudyFile.save(study, file);
        org.assertj.core.api.Assertions.assertThat(StudyFile.load(file).train().classWeight()).isEqualTo("1=20.0");
    }
}
