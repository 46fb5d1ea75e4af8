package org.heaviside.ste;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.heaviside.data.ByteSource;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.DataSpec;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Preprocessing;
import org.heaviside.network.Metrics;
import org.heaviside.network.OperatingPoint;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.Loss;
import org.junit.jupiter.api.Test;

class SteTuningTest {

    /** Two features; the positive class (a share {@code positives}) is a band the step cannot fit by sign alone. */
    static PreparedData data(int n, double positives, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder("a,b,y\n");
        for (int i = 0; i < n; i++) {
            boolean positive = random.nextDouble() < positives;
            double a = positive ? random.nextDouble(0.2, 1) : random.nextDouble(-1, 0.4);
            double b = random.nextDouble(-1, 1);
            text.append(a).append(',').append(b).append(',').append(positive ? 1 : 0).append('\n');
        }
        return Preprocessing.prepare(CsvLoader.load(ByteSource.of("band.csv",
                text.toString().getBytes(StandardCharsets.UTF_8)), ProgressListener.NONE, Cancellation.NEVER),
                DataSpec.of("y").withTestFraction(0.25));
    }

    private static SteOptions options(long seed) {
        return new SteOptions(Surrogate.STE, 2, 30, 0, 120, 0.01, Optimizer.ADAM, 100, 20, seed, Loss.SQUARED);
    }

    @Test
    void theGridPicksTheStepSizeWithTheBestValidationMetricWhateverItsPlace() {
        PreparedData data = data(300, 0.4, 3);
        double tiny = 1e-7;
        double useful = 0.03;
        SteTuning.Outcome forward = SteTuning.train(data, 0.01, options(5), new double[] {tiny, useful},
                "balancedAccuracy", OperatingPoint.Rule.ZERO, 0, 0, ProgressListener.NONE, Cancellation.NEVER);
        SteTuning.Outcome backward = SteTuning.train(data, 0.01, options(5), new double[] {useful, tiny},
                "balancedAccuracy", OperatingPoint.Rule.ZERO, 0, 0, ProgressListener.NONE, Cancellation.NEVER);
        // a step of 1e-7 leaves the random initialization where it was: the useful step is better on validation
        assertThat(forward.validation()[1]).isGreaterThan(forward.validation()[0]);
        assertThat(forward.learningRate()).isEqualTo(useful);
        assertThat(backward.learningRate()).isEqualTo(useful);
        // the recorded validation metric is that of the step size trained on the fitting rows for half the epochs
        PreparedData split = SteTuning.validationSplit(data, 5);
        SteResult trial = SteTrainer.train(split, 0.01, options(5).with(useful, 60), ProgressListener.NONE,
                Cancellation.NEVER);
        assertThat(forward.validation()[1]).isEqualTo(trial.test().get("balancedAccuracy"));
        // the final network trained on all training rows with the chosen step for the full budget
        assertThat(forward.result().epochs()).isEqualTo(120);
        assertThat(split.train().size() + split.test().size()).isEqualTo(data.train().size());
    }

    @Test
    void anOperatingPointRuleChoosesTheBaselinesCutOnItsValidationRows() {
        PreparedData data = data(400, 0.08, 7);
        SteTuning.Outcome outcome = SteTuning.train(data, 0.01, options(2), new double[] {0.01},
                "balancedAccuracy", OperatingPoint.Rule.BALANCED_ACCURACY, 0, 0, ProgressListener.NONE,
                Cancellation.NEVER);
        PreparedData split = SteTuning.validationSplit(data, 2);
        SteResult onFit = SteTrainer.train(split, 0.01, options(2), ProgressListener.NONE, Cancellation.NEVER);
        OperatingPoint expected = SteTuning.choose(onFit.network(), split.test(), OperatingPoint.Rule.BALANCED_ACCURACY,
                0, 0);
        assertThat(outcome.point().threshold()).isEqualTo(expected.threshold()).isNotEqualTo(0.0);
        assertThat(outcome.point().rows()).isEqualTo(split.test().size());
        assertThat(outcome.test()).isEqualTo(Metrics.binaryAt(outcome.result().network(), data.test(),
                expected.threshold()));
    }
}
