package org.heaviside.network;

import static org.assertj.core.api.Assertions.assertThat;

import org.heaviside.solver.Loss;
import org.heaviside.solver.SolverOptions;
import org.junit.jupiter.api.Test;

class ConvexOptionsTest {

    @Test
    void toBuilderKeepsEveryFieldWithARatio() {
        ConvexOptions options = ConvexOptions.builder().exact(true).sampled(77).anchored(true).betaRatio(0.05)
                .certify(false).certifyRounds(3).maxMargin(false).seed(9).loss(Loss.LOGISTIC)
                .solver(SolverOptions.defaults().withTolerance(1e-4)).classWeights(ClassWeights.BALANCED).build();
        assertThat(options.toBuilder().build()).isEqualTo(options);
        assertThat(options.toBuilder().build().penalty()).isEqualTo(new Penalty.Ratio(0.05));
    }

    @Test
    void toBuilderKeepsAnAbsoluteBetaAndTheRatioBesideIt() {
        ConvexOptions options = ConvexOptions.builder().betaRatio(0.2).beta(1.5).build();
        assertThat(options.toBuilder().build()).isEqualTo(options);
        assertThat(options.toBuilder().build().penalty()).isEqualTo(new Penalty.Absolute(1.5));
        assertThat(options.toBuilder().build().betaRatio()).isEqualTo(0.2);
    }
}
