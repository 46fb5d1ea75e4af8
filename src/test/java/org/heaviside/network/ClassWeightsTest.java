package org.heaviside.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.heaviside.data.Dataset;
import org.heaviside.data.TargetEncoding;
import org.heaviside.data.TaskKind;
import org.junit.jupiter.api.Test;

class ClassWeightsTest {

    private static final TargetEncoding THREE = new TargetEncoding("fault", TaskKind.CLASSIFICATION,
            List.of("a", "b", "c"), null);

    private static Dataset rows(int... classes) {
        double[][] x = new double[classes.length][1];
        return new Dataset("t", List.of("x"), x, new double[classes.length], classes, new int[classes.length]);
    }

    @Test
    void balancedIsNOverKTimesTheClassCountAsScikitLearn() {
        double[] w = ClassWeights.BALANCED.rowWeights(rows(0, 0, 0, 0, 0, 0, 1, 1, 2), THREE);
        // n = 9, K = 3: 9 / (3 * 6) = 0.5, 9 / (3 * 2) = 1.5, 9 / (3 * 1) = 3
        assertThat(w).containsExactly(0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1.5, 1.5, 3.0);
    }

    @Test
    void noneAndAllOnesAreTheUnweightedProgram() {
        assertThat(ClassWeights.NONE.rowWeights(rows(0, 1, 2), THREE)).isNull();
        assertThat(ClassWeights.BALANCED.rowWeights(rows(0, 1, 2), THREE)).isNull();
        assertThat(ClassWeights.parse("b=1").rowWeights(rows(0, 1, 2), THREE)).isNull();
    }

    @Test
    void explicitWeightsKeepOneForClassesNotNamed() {
        ClassWeights weights = ClassWeights.parse(" c = 4 , a=0.5");
        assertThat(weights.rowWeights(rows(0, 1, 2), THREE)).containsExactly(0.5, 1.0, 4.0);
        assertThat(ClassWeights.parse(weights.id())).isEqualTo(weights);
    }

    @Test
    void balancedNeedsEveryClassInTheTrainingSplit() {
        assertThatThrownBy(() -> ClassWeights.BALANCED.rowWeights(rows(0, 0, 1), THREE))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'c'");
    }

    @Test
    void explicitWeightsOnARegressionTargetAreRefused() {
        TargetEncoding numeric = new TargetEncoding("PE", TaskKind.REGRESSION, List.of(), null);
        assertThatThrownBy(() -> ClassWeights.parse("a=2").rowWeights(rows(0, 0), numeric))
                .hasMessageContaining("regression");
        assertThat(ClassWeights.BALANCED.rowWeights(rows(0, 0), numeric)).isNull();
    }
}
