package org.heaviside.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.heaviside.data.PreparedData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BenchTableTest {

    /** The synthetic table cases have the training shapes of the speed issue's public sets. */
    @ParameterizedTest(name = "{0} rows x {1}, {2} classes")
    @CsvSource({"178, 13, 3, 133", "568, 30, 2, 426", "1797, 64, 10, 1347", "442, 10, 0, 331"})
    void syntheticSetsHaveTheTableShapes(int rows, int features, int classes, int trainRows) {
        PreparedData data = BenchTable.synthetic("shape", rows, features, classes, 1);
        assertThat(data.train().size()).isEqualTo(trainRows);
        assertThat(data.train().width()).isEqualTo(features);
        if (classes > 0) {
            assertThat(data.preprocessor().target().classes()).hasSize(classes);
        }
        PreparedData again = BenchTable.synthetic("shape", rows, features, classes, 1);
        assertThat(again.train().x()).isDeepEqualTo(data.train().x());
    }
}
