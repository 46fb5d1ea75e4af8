package org.heaviside.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PreprocessingTest {

    private static Table plant() {
        StringBuilder text = new StringBuilder("id,temp,kind,fail\n");
        for (int i = 1; i <= 40; i++) {
            String temp = i == 3 ? "NA" : String.valueOf(300 + i);
            text.append(i).append(',').append(temp).append(',').append(i % 4 == 0 ? "B" : "A").append(',')
                    .append(i % 5 == 0 ? "yes" : "no").append('\n');
        }
        return TestTables.load("plant.csv", text.toString());
    }

    @Test
    void minorityClassIsPositiveByDefault() {
        PreparedData data = Preprocessing.prepare(plant(), DataSpec.of("fail"));
        TargetEncoding target = data.preprocessor().target();
        assertThat(target.classes()).containsExactly("no", "yes");
        assertThat(target.positive()).isEqualTo("yes");
        assertThat(target.negative()).isEqualTo("no");
    }

    @Test
    void splitIsStratifiedAndSeeded() {
        PreparedData a = Preprocessing.prepare(plant(), DataSpec.of("fail"));
        PreparedData b = Preprocessing.prepare(plant(), DataSpec.of("fail"));
        PreparedData c = Preprocessing.prepare(plant(), DataSpec.of("fail").withSeed(99));
        assertThat(a.test().size()).isEqualTo(10);
        long positivesInTest = java.util.Arrays.stream(a.test().y()).filter(v -> v > 0).count();
        assertThat(positivesInTest).isEqualTo(2); // 8 positives, a quarter held out
        assertThat(a.test().rows()).isEqualTo(b.test().rows());
        assertThat(c.test().rows()).isNotEqualTo(a.test().rows());
    }

    @Test
    void zeroTestFractionTrainsOnEveryRow() {
        PreparedData data = Preprocessing.prepare(plant(), DataSpec.of("fail").withTestFraction(0));
        assertThat(data.train().size()).isEqualTo(40);
        assertThat(data.test().size()).isZero();
    }

    @Test
    void identifiersAreExcludedAndCategoriesOneHot() {
        PreparedData data = Preprocessing.prepare(plant(), DataSpec.of("fail"));
        assertThat(data.preprocessor().featureNames()).containsExactly("temp", "kind=A", "kind=B");
        for (double[] row : data.train().x()) {
            assertThat(row[1] + row[2]).isEqualTo(1.0);
        }
    }

    @Test
    void imputationAndScalingUseTrainingRowsOnly() {
        Table table = plant();
        PreparedData data = Preprocessing.prepare(table, DataSpec.of("fail").withTestFraction(0.5).withSeed(3));
        FeatureStep temp = data.preprocessor().steps().get(0);
        double[] train = java.util.Arrays.stream(data.train().rows())
                .mapToDouble(row -> table.require("temp").number(row)).filter(v -> v == v).sorted().toArray();
        int n = train.length;
        double median = n % 2 == 1 ? train[n / 2] : 0.5 * (train[n / 2 - 1] + train[n / 2]);
        assertThat(temp.median()).isEqualTo(median);
        double mean = 0;
        for (double[] row : data.train().x()) {
            mean += row[0];
        }
        assertThat(mean / data.train().size()).isCloseTo(0.0, within(1e-12));
        double squares = 0;
        for (double[] row : data.train().x()) {
            squares += row[0] * row[0];
        }
        assertThat(squares / data.train().size()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void pipelineAppliesToRawRowsLikeTraining() {
        Table table = plant();
        PreparedData data = Preprocessing.prepare(table, DataSpec.of("fail"));
        Dataset again = data.preprocessor().apply(table, data.test().rows());
        assertThat(again.x()).isDeepEqualTo(data.test().x());
        assertThat(again.y()).containsExactly(data.test().y());
    }

    @Test
    void missingInputColumnIsNamed() {
        PreparedData data = Preprocessing.prepare(plant(), DataSpec.of("fail"));
        Table renamed = TestTables.load("new.csv", "id,temperature,kind\n1,300,A\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> data.preprocessor().apply(renamed, new int[] {0}))
                .isInstanceOf(DataException.class)
                .hasMessage("new.csv: line 1, column 'temp': found no column with this name; expected the model's "
                        + "input columns [temp, kind] (a column was removed or renamed).");
    }

    @Test
    void regressionTargetKeepsValues() {
        StringBuilder text = new StringBuilder("a,pe\n");
        for (int i = 0; i < 30; i++) {
            text.append(i).append(',').append(400 + i * 1.5).append('\n');
        }
        Table table = TestTables.load("ccpp.csv", text.toString());
        PreparedData data = Preprocessing.prepare(table, DataSpec.of("pe").withRoles(Map.of("a", ColumnRole.NUMERIC)));
        assertThat(data.preprocessor().target().task()).isEqualTo(TaskKind.REGRESSION);
        assertThat(data.train().y()[0]).isEqualTo(table.require("pe").number(data.train().rows()[0]));
    }

    @Test
    void paperSyntheticDataIsSeededAndHasBothClasses() {
        PaperSynthetic a = PaperSynthetic.generate(7);
        PaperSynthetic b = PaperSynthetic.generate(7);
        assertThat(a.trainX()).isDeepEqualTo(b.trainX());
        assertThat(a.testY()).containsExactly(b.testY());
        assertThat(a.trainX()).hasDimensions(100, 20);
        assertThat(a.testX()).hasDimensions(2000, 20);
        assertThat(a.testY()).contains(1.0, -1.0);
        Table table = TestTables.load("paper.csv", a.toCsv());
        assertThat(table.rows()).isEqualTo(2100);
        assertThat(table.require("x1").number(0)).isEqualTo(a.trainX()[0][0]);
    }
}
