package org.heaviside.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.heaviside.data.ByteSource;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.DataSpec;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Preprocessing;
import org.heaviside.data.Table;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.ConvergenceListener;
import org.heaviside.solver.SolverStatus;
import org.junit.jupiter.api.Test;

class ConvexTrainerTest {

    private static PreparedData twoFeatures(int n, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder("torque,speed,fail\n");
        for (int i = 0; i < n; i++) {
            double a = random.nextDouble(0, 10);
            double b = random.nextDouble(0, 10);
            text.append(a).append(',').append(b).append(',').append(a + b > 12 || a * b < 4 ? 1 : 0).append('\n');
        }
        Table table = CsvLoader.load(ByteSource.of("two.csv", text.toString().getBytes(StandardCharsets.UTF_8)),
                ProgressListener.NONE, Cancellation.NEVER);
        return Preprocessing.prepare(table, DataSpec.of("fail").withTestFraction(0));
    }

    private static PreparedData ai4iAllFeatures(int rows) {
        ByteSource source = ByteSource.of(java.nio.file.Path.of("samples", "ai4i2020.csv"));
        Table table = CsvLoader.load(source, CsvLoader.detect(source), rows, ProgressListener.NONE, Cancellation.NEVER);
        return Preprocessing.prepare(table, DataSpec.of("Machine failure").withRoles(Preprocessing.ignoring(table,
                java.util.List.of("UDI", "Product ID", "TWF", "HDF", "PWF", "OSF", "RNF"))));
    }

    @Test
    void aRoundBudgetEndingWithViolatorsOutstandingSaysNoneWithTheRatio() {
        ConvexResult result = new ConvexTrainer(ConvexOptions.builder().sampled(50).betaRatio(0.1).certifyRounds(2)
                .build()).train(ai4iAllFeatures(1500), ProgressListener.NONE, ConvergenceListener.NONE,
                Cancellation.NEVER);
        assertThat(result.solver().status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(result.certificate().rounds()).isEqualTo(2);
        assertThat(result.certificate().violators()).isPositive();
        assertThat(result.certificate().violationRatio()).isGreaterThan(1.001);
        assertThat(result.certificate().status()).isEqualTo(Certificate.NONE);
        assertThat(result.certificate().describe()).startsWith("none: optimality over all patterns not shown")
                .contains("largest violation ratio 1.0").contains("violating patterns found by the last search");
    }

    @Test
    void aLastSearchThatFindsNoViolatorSaysHeuristic() {
        ConvexResult result = new ConvexTrainer(ConvexOptions.builder().sampled(100).betaRatio(0.1).certifyRounds(20)
                .build()).train(ai4iAllFeatures(1500), ProgressListener.NONE, ConvergenceListener.NONE,
                Cancellation.NEVER);
        assertThat(result.certificate().status()).isEqualTo(Certificate.HEURISTIC);
        assertThat(result.certificate().violators()).isZero();
        assertThat(result.certificate().rounds()).isLessThan(20);
        assertThat(result.certificate().violationRatio()).isBetween(1 - 1e-9, 1 + 1e-6);
    }

    @Test
    void exactModeReportsTheUnscaledViolationRatioWhenTheSolveStoppedShort() {
        PreparedData data = twoFeatures(60, 3);
        ConvexResult result = new ConvexTrainer(ConvexOptions.builder().exact(true).betaRatio(0.02)
                .solver(ConvexOptions.defaults().solver().withMaxSweeps(1)).build())
                .train(data, ProgressListener.NONE, ConvergenceListener.NONE, Cancellation.NEVER);
        assertThat(result.solver().status()).isNotEqualTo(SolverStatus.CONVERGED);
        assertThat(result.certificate().status()).isEqualTo(Certificate.NONE);
        // a pattern of the (complete) program would still lower the objective: the ratio must show it
        assertThat(result.certificate().violationRatio()).isGreaterThan(1.0 + 1e-3);
    }

    @Test
    void exactEnumerationGivesAnExactCertificateAndJEqualsTheObjective() {
        PreparedData data = twoFeatures(60, 3);
        ConvexResult result = new ConvexTrainer(ConvexOptions.builder().exact(true).betaRatio(0.02).build())
                .train(data, ProgressListener.NONE, ConvergenceListener.NONE, Cancellation.NEVER);
        assertThat(result.solver().status()).isEqualTo(SolverStatus.CONVERGED);
        assertThat(result.certificate().status()).isEqualTo(Certificate.EXACT);
        assertThat(result.certificate().violationRatio()).isLessThanOrEqualTo(1 + 1e-6);
        assertThat(result.dichotomies()).isEqualTo(Long.parseLong(result.upperBound()));
        assertThat(result.networkObjective()).isCloseTo(result.solver().objective(),
                within(1e-9 * result.solver().objective()));
        assertThat(result.hyperplanes()).isEqualTo("max-margin");
    }

    @Test
    void noSampledPatternSetBeatsTheExactOptimum() {
        PreparedData data = twoFeatures(50, 5);
        ConvexResult exact = new ConvexTrainer(ConvexOptions.builder().exact(true).beta(1.0)
                .solver(ConvexOptions.defaults().solver().withTolerance(1e-10)).build())
                .train(data, ProgressListener.NONE, ConvergenceListener.NONE, Cancellation.NEVER);
        for (long seed = 1; seed <= 5; seed++) {
            ConvexResult sampled = new ConvexTrainer(ConvexOptions.builder().sampled(200).seed(seed)
                    .beta(1.0).certify(false).build())
                    .train(data, ProgressListener.NONE, ConvergenceListener.NONE, Cancellation.NEVER);
            assertThat(sampled.solver().objective()).isGreaterThanOrEqualTo(exact.solver().objective() * (1 - 1e-6));
        }
    }

    @Test
    void sampledPatternsWithSearchReconstructTheNetwork() {
        PreparedData data = twoFeatures(80, 8);
        ConvexResult result = new ConvexTrainer(ConvexOptions.builder().sampled(100).betaRatio(0.05).build())
                .train(data, ProgressListener.NONE, ConvergenceListener.NONE, Cancellation.NEVER);
        assertThat(result.networkObjective()).isCloseTo(result.solver().objective(),
                within(1e-9 * result.solver().objective()));
        assertThat(result.certificate().status()).isIn(Certificate.HEURISTIC, Certificate.NONE);
        assertThat(result.train().get("accuracy")).isGreaterThan(0.7);
    }

    @Test
    void exactOnManyFeaturesSaysWhy() {
        StringBuilder text = new StringBuilder("a,b,c,y\n");
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 20; i++) {
            text.append(random.nextDouble()).append(',').append(random.nextDouble()).append(',')
                    .append(random.nextDouble()).append(',').append(i % 2).append('\n');
        }
        Table table = CsvLoader.load(ByteSource.of("three.csv", text.toString().getBytes(StandardCharsets.UTF_8)),
                ProgressListener.NONE, Cancellation.NEVER);
        PreparedData data = Preprocessing.prepare(table, DataSpec.of("y").withTestFraction(0));
        assertThatThrownBy(() -> new ConvexTrainer(ConvexOptions.builder().exact(true).build())
                .train(data, ProgressListener.NONE, ConvergenceListener.NONE, Cancellation.NEVER))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Exact enumeration needs data whose rows span at most 2 dimensions")
                .hasMessageContaining("rank(Xt) = 4");
    }
}
