package org.heaviside.network;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cross-validation on the metric the user cares about, for any number of classes and for regression. */
class CrossValidationTest {

    /** Ratios 1 to 0.01, three per decade: enough to turn, short enough for a unit test. */
    private static final double[] PATH = java.util.Arrays.copyOf(CrossValidation.defaultRatios(), 7);

    /** Rows in three features; the class is the sector of the first two (or a value for regression). */
    private static PreparedData data(int n, int classes, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder("a,b,c,y\n");
        for (int i = 0; i < n; i++) {
            double a = random.nextDouble(-1, 1);
            double b = random.nextDouble(-1, 1);
            double c = random.nextDouble(-1, 1);
            String y;
            if (classes == 0) {
                y = Double.toString(3 * a * a - b + 0.1 * random.nextGaussian());
            } else {
                double angle = Math.atan2(b, a) + Math.PI;
                int sector = Math.min(classes - 1, (int) (angle / (2 * Math.PI) * classes));
                y = "k" + (random.nextDouble() < 0.05 ? random.nextInt(classes) : sector);
            }
            text.append(a).append(',').append(b).append(',').append(c).append(',').append(y).append('\n');
        }
        Table table = CsvLoader.load(ByteSource.of("cv.csv", text.toString().getBytes(StandardCharsets.UTF_8)),
                ProgressListener.NONE, Cancellation.NEVER);
        return Preprocessing.prepare(table, DataSpec.of("y").withTestFraction(0));
    }

    /** Regression rows in three features, y = 3a² − b plus Gaussian noise of the given deviation. */
    private static PreparedData noisy(int n, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder text = new StringBuilder("a,b,c,y\n");
        for (int i = 0; i < n; i++) {
            double a = random.nextDouble(-1, 1);
            double b = random.nextDouble(-1, 1);
            double c = random.nextDouble(-1, 1);
            text.append(a).append(',').append(b).append(',').append(c).append(',')
                    .append(3 * a * a - b + noise * random.nextGaussian()).append('\n');
        }
        Table table = CsvLoader.load(ByteSource.of("noisy.csv", text.toString().getBytes(StandardCharsets.UTF_8)),
                ProgressListener.NONE, Cancellation.NEVER);
        return Preprocessing.prepare(table, DataSpec.of("y").withTestFraction(0));
    }

    @ParameterizedTest(name = "{0} classes (0: regression)")
    @ValueSource(ints = {2, 3, 10, 0})
    void choosesARatioOnTheTasksMetricAndKeepsOutOfFoldOutputs(int classes) {
        PreparedData data = data(classes == 10 ? 300 : 200, classes, 5);
        boolean regression = classes == 0;
        CrossValidation.Settings settings = CrossValidation.Settings.forTask(regression, CrossValidation.Choice.MIN,
                OperatingPoint.Rule.BALANCED_ACCURACY, 0, 0);
        ConvexOptions options = ConvexOptions.builder().sampled(80).certify(false).build();
        CrossValidation cv = CrossValidation.run(data, options, 4, PATH, 1, settings,
                ProgressListener.NONE, Cancellation.NEVER);
        assertThat(cv.settings().metric()).isEqualTo(regression ? CrossValidation.Metric.RMSE
                : CrossValidation.Metric.BALANCED_ACCURACY);
        assertThat(cv.ratios().length).isBetween(3, PATH.length);
        assertThat(cv.meanMetric()).hasSameSizeAs(cv.ratios());
        for (int r = 0; r < cv.ratios().length; r++) {
            double value = cv.meanMetric()[r];
            if (regression) {
                assertThat(value).isPositive();
                assertThat(cv.meanMetric()[cv.best()]).isLessThanOrEqualTo(value);
            } else {
                assertThat(value).isBetween(0.0, 1.0);
                assertThat(cv.meanMetric()[cv.best()]).isGreaterThanOrEqualTo(value);
            }
        }
        assertThat(cv.chosen()).isEqualTo(cv.best());
        assertThat(cv.outOfFold()).hasNumberOfRows(data.train().size());
        for (double[] row : cv.outOfFold()) {
            assertThat(row).hasSize(classes <= 2 ? 1 : classes);
        }
        if (!regression) {
            // the learnable sectors are found far better than chance
            assertThat(cv.meanMetric()[cv.best()]).isGreaterThan(1.5 / classes);
        }
    }

    @Test
    void theOneStandardErrorChoiceIsTheSparsestRatioWithinOneErrorOfTheBest() {
        PreparedData data = data(240, 2, 9);
        CrossValidation cv = CrossValidation.run(data, ConvexOptions.builder().sampled(80).build(), 4, PATH, 1,
                CrossValidation.Settings.forTask(false, CrossValidation.Choice.ONE_SE,
                        OperatingPoint.Rule.BALANCED_ACCURACY, 0, 0), ProgressListener.NONE, Cancellation.NEVER);
        int chosen = cv.chosen();
        assertThat(chosen).isLessThanOrEqualTo(cv.best());
        double best = cv.meanMetric()[cv.best()];
        assertThat(cv.meanMetric()[chosen]).isGreaterThanOrEqualTo(best - cv.metricError()[cv.best()]);
        for (int r = 0; r < chosen; r++) {
            assertThat(cv.meanMetric()[r]).isLessThan(best - cv.metricError()[cv.best()]);
        }
    }

    /**
     * The path ends at the first ratio after the best that is worse than it on the same folds by more
     * than two standard errors of the paired differences (the curve has clearly turned): the smaller
     * ratios, where the programs have the most neurons, are not solved. Regression with noisy targets
     * over data-anchored patterns: the validation RMSE falls, then rises at once as the folds overfit.
     */
    @Test
    void thePathEndsAtTheFirstRatioClearlyWorseThanTheBest() {
        PreparedData data = noisy(200, 0.3, 1);
        CrossValidation.Settings settings = CrossValidation.Settings.forTask(true, CrossValidation.Choice.ONE_SE,
                OperatingPoint.Rule.ZERO, 0, 0);
        ConvexOptions options = ConvexOptions.builder().sampled(80).anchored(true).certify(false).build();
        CrossValidation cv = CrossValidation.run(data, options, 5, CrossValidation.defaultRatios(), 1, settings,
                ProgressListener.NONE, Cancellation.NEVER);
        assertThat(cv.ratios().length).isEqualTo(cv.best() + 2);
        int last = cv.ratios().length - 1;
        assertThat(cv.meanMetric()[last]).isGreaterThan(cv.meanMetric()[cv.best()]);
    }

    /**
     * A validation curve that keeps falling slowly towards the small ratios (a smooth target with little
     * noise, as the full CCPP sample) never turns, so the path would go on to the largest programs; with
     * a neuron budget it ends after the first ratio whose fold networks have more neurons on average than
     * the budget, and says so. Without the budget the same folds solve further.
     */
    @Test
    void aPathWhoseValidationKeepsFallingStopsAtTheNeuronBudget() {
        PreparedData data = noisy(240, 0.01, 4);
        CrossValidation.Settings settings = CrossValidation.Settings.forTask(true, CrossValidation.Choice.ONE_SE,
                OperatingPoint.Rule.ZERO, 0, 0);
        assertThat(settings.neuronBudget()).isEqualTo(CrossValidation.DEFAULT_NEURON_BUDGET);
        ConvexOptions options = ConvexOptions.builder().sampled(200).anchored(true).certify(false).build();
        int budget = 40;
        CrossValidation stopped = CrossValidation.run(data, options, 4, CrossValidation.defaultRatios(), 1,
                settings.withNeuronBudget(budget), ProgressListener.NONE, Cancellation.NEVER);
        CrossValidation unbounded = CrossValidation.run(data, options, 4, CrossValidation.defaultRatios(), 1,
                settings.withNeuronBudget(0), ProgressListener.NONE, Cancellation.NEVER);

        int last = stopped.ratios().length - 1;
        assertThat(stopped.stop()).isEqualTo(CrossValidation.Stop.NEURON_BUDGET);
        assertThat(stopped.meanNeurons()[last]).isGreaterThan(budget);
        for (int r = 0; r < last; r++) {
            assertThat(stopped.meanNeurons()[r]).isLessThanOrEqualTo(budget);
        }
        assertThat(stopped.stopReason()).startsWith("path stopped at a neuron budget")
                .contains(String.format(java.util.Locale.ROOT, "%.3g", stopped.ratios()[last])).contains("40");
        // the validation was still falling where the budget ended the path
        assertThat(stopped.best()).isEqualTo(last);
        assertThat(unbounded.ratios().length).isGreaterThan(stopped.ratios().length);
        assertThat(unbounded.meanMetric()[last + 1]).isLessThan(stopped.meanMetric()[last]);
        // the solved ratios are the same numbers either way
        for (int r = 0; r <= last; r++) {
            assertThat(unbounded.meanMetric()[r]).isEqualTo(stopped.meanMetric()[r]);
        }
    }

    @Test
    void theStopSaysWhyThePathEnded() {
        PreparedData data = noisy(200, 0.3, 1);
        ConvexOptions options = ConvexOptions.builder().sampled(80).anchored(true).certify(false).build();
        CrossValidation turned = CrossValidation.run(data, options, 5, CrossValidation.defaultRatios(), 1,
                CrossValidation.Settings.forTask(true, CrossValidation.Choice.ONE_SE, OperatingPoint.Rule.ZERO, 0, 0),
                ProgressListener.NONE, Cancellation.NEVER);
        assertThat(turned.stop()).isEqualTo(CrossValidation.Stop.CLEARLY_WORSE);
        assertThat(turned.stopReason()).startsWith("path stopped at ratio");
        CrossValidation whole = CrossValidation.run(data, options, 5, PATH, 1, CrossValidation.Settings.LOSS,
                ProgressListener.NONE, Cancellation.NEVER);
        assertThat(CrossValidation.Settings.LOSS.neuronBudget()).isZero();
        assertThat(whole.ratios()).hasSize(PATH.length);
        assertThat(whole.stop()).isEqualTo(CrossValidation.Stop.WHOLE_PATH);
    }

    @Test
    void aRatioIsClearlyWorseOnlyWhenTheFoldsAgree() {
        double[] best = {4.0, 5.0, 3.0, 6.0, 4.5};
        // worse by 0.1 on every fold, give or take 0.01: far beyond two paired errors, though the folds differ by 3
        assertThat(CrossValidation.clearlyWorse(CrossValidation.Metric.RMSE, new double[] {4.1, 5.11, 3.09, 6.1, 4.6},
                best)).isTrue();
        // worse by 0.1 on average, but better on two folds: within the noise
        assertThat(CrossValidation.clearlyWorse(CrossValidation.Metric.RMSE, new double[] {4.5, 4.8, 3.4, 5.9, 4.8},
                best)).isFalse();
        // better is never worse; for balanced accuracy, lower is worse
        assertThat(CrossValidation.clearlyWorse(CrossValidation.Metric.RMSE, new double[] {3.9, 4.9, 2.9, 5.9, 4.4},
                best)).isFalse();
        assertThat(CrossValidation.clearlyWorse(CrossValidation.Metric.BALANCED_ACCURACY,
                new double[] {0.8, 0.7, 0.75, 0.8, 0.72}, new double[] {0.85, 0.76, 0.8, 0.86, 0.77})).isTrue();
    }

    @Test
    void theLossSettingsKeepTheWholePathAndTheSameChoiceAsBefore() {
        PreparedData data = data(200, 2, 3);
        ConvexOptions options = ConvexOptions.builder().sampled(100).build();
        CrossValidation plain = CrossValidation.run(data, options, 3, CrossValidation.defaultRatios(), 2,
                ProgressListener.NONE, Cancellation.NEVER);
        assertThat(plain.ratios()).hasSize(13);
        assertThat(plain.meanMetric()).containsExactly(plain.meanLoss());
        assertThat(plain.chosenRatio()).isEqualTo(plain.ratios()[plain.oneStandardError()]);
        // the same folds and solves on any number of threads: a second run gives the same numbers
        CrossValidation again = CrossValidation.run(data, options, 3, CrossValidation.defaultRatios(), 2,
                ProgressListener.NONE, Cancellation.NEVER);
        assertThat(again.meanLoss()).containsExactly(plain.meanLoss());
    }

    /**
     * Method.md section 10: the validation loss (the loss option) counts every held-out row with its
     * row weight, as the programs' loss does; the expected cost is the plant's costs on its own rows
     * (c_missed FN + c_false_alarm FP per row, each row once, at the cut chosen as the final model's
     * is), since the costs already say how much a missed event weighs. Recomputed here from the
     * out-of-fold outputs of a one-ratio path and the same seeded folds.
     */
    @Test
    void theValidationLossCountsEachHeldOutRowWithItsRowWeightAndTheExpectedCostEachRowOnce() {
        PreparedData data = data(200, 2, 7);
        ClassWeights weights = ClassWeights.parse("k1=6");
        ConvexOptions options = ConvexOptions.builder().sampled(80).certify(false).classWeights(weights).build();
        double[] ratio = {0.05};
        int k = 4;
        long seed = 3;
        double[] w = weights.rowWeights(data.train(), data.preprocessor().target());
        double[] y = ConvexTrainer.targets(data.train(), data.preprocessor().target()).values()[0];
        int[] fold = org.heaviside.data.Split.folds(y.length, data.train().classes(), k, seed);

        CrossValidation byLoss = CrossValidation.run(data, options, k, ratio, seed, ProgressListener.NONE,
                Cancellation.NEVER);
        double[] f = scores(byLoss.outOfFold());
        double weighted = 0;
        double plain = 0;
        for (int part = 0; part < k; part++) {
            double loss = 0;
            double weight = 0;
            double plainLoss = 0;
            int rows = 0;
            for (int i = 0; i < y.length; i++) {
                if (fold[i] == part) {
                    double term = 0.5 * (f[i] - y[i]) * (f[i] - y[i]);
                    loss += w[i] * term;
                    weight += w[i];
                    plainLoss += term;
                    rows++;
                }
            }
            weighted += loss / weight / k;
            plain += plainLoss / rows / k;
        }
        assertThat(Math.abs(weighted - plain)).as("the weights matter on these rows").isGreaterThan(1e-2);
        assertThat(byLoss.meanLoss()[0]).isCloseTo(weighted, org.assertj.core.api.Assertions.within(1e-12));

        CrossValidation byCost = CrossValidation.run(data, options, k, ratio, seed, new CrossValidation.Settings(
                CrossValidation.Metric.EXPECTED_COST, CrossValidation.Choice.MIN, OperatingPoint.Rule.EXPECTED_COST,
                5, 1, false), ProgressListener.NONE, Cancellation.NEVER);
        double[] g = scores(byCost.outOfFold());
        double cut = OperatingPoint.choose(g, y, OperatingPoint.Rule.EXPECTED_COST, 5, 1).threshold();
        double cost = 0;
        double weightedCost = 0;
        for (int part = 0; part < k; part++) {
            double sum = 0;
            double weightedSum = 0;
            double weight = 0;
            int rows = 0;
            for (int i = 0; i < y.length; i++) {
                if (fold[i] == part) {
                    boolean alarm = g[i] >= cut;
                    double term = y[i] > 0 && !alarm ? 5 : y[i] <= 0 && alarm ? 1 : 0;
                    sum += term;
                    weightedSum += w[i] * term;
                    weight += w[i];
                    rows++;
                }
            }
            cost += sum / rows / k;
            weightedCost += weightedSum / weight / k;
        }
        assertThat(Math.abs(weightedCost - cost)).as("the weights would matter on these rows").isGreaterThan(1e-3);
        assertThat(byCost.meanMetric()[0]).isCloseTo(cost, org.assertj.core.api.Assertions.within(1e-12));
    }

    private static double[] scores(double[][] outOfFold) {
        double[] scores = new double[outOfFold.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = outOfFold[i][0];
        }
        return scores;
    }

    /**
     * A fold of the recommended preset's path on AI4I's three-class {@code Type} (first 2,000 rows, no signal in
     * the sensors), multinomial logistic loss, class-balanced, sampled + anchored patterns: its solves from
     * ratio 1 to 0.1 with warm starts, as cross-validation runs them, converge well within 600 sweeps. Before,
     * the solve at 0.1 (a support of about 520 patterns) stalled at a relative gap of 7e-5: each block model
     * used its 200 sweeps, each sweep factoring the Hessian for a Newton step that it then refused (holding
     * blocks at zero would have raised the model), so `train --target Type --loss logistic` did not finish.
     */
    @Test
    void aThreeClassLogisticFoldWithoutSignalConvergesAlongThePath() {
        ByteSource source = ByteSource.of(java.nio.file.Path.of("samples", "ai4i2020.csv"));
        Table table = CsvLoader.load(source, CsvLoader.detect(source), 2000, ProgressListener.NONE, Cancellation.NEVER);
        PreparedData data = Preprocessing.prepare(table, DataSpec.of("Type").withSeed(1));
        org.heaviside.data.Dataset train = data.train();
        ConvexOptions options = ConvexOptions.builder().seed(1).anchored(true).certify(false)
                .loss(org.heaviside.solver.Loss.LOGISTIC)
                .solver(org.heaviside.solver.SolverOptions.defaults().withThreads(1).withMaxSweeps(600))
                .classWeights(ClassWeights.BALANCED).sampled(1000).build();
        double[][] y = ConvexTrainer.targets(train, data.preprocessor().target()).values();
        double[] rowWeights = options.classWeights().rowWeights(train, data.preprocessor().target());
        int[] fold = org.heaviside.data.Split.folds(train.size(), train.classes(), 5, 1);
        // the fold whose solve at 0.1 stalled (the others converged in 61-96 sweeps before as now)
        int[] fit = java.util.stream.IntStream.range(0, train.size()).filter(i -> fold[i] != 1).toArray();
        double[][] xFit = new double[fit.length][];
        double[][] yFit = new double[y.length][fit.length];
        double[] wFit = new double[fit.length];
        for (int i = 0; i < fit.length; i++) {
            xFit[i] = train.x()[fit[i]];
            wFit[i] = rowWeights[fit[i]];
            for (int c = 0; c < y.length; c++) {
                yFit[c][i] = y[c][fit[i]];
            }
        }
        org.heaviside.solver.LassoProblem problem = new org.heaviside.solver.LassoProblem(ConvexTrainer.patterns(xFit,
                org.heaviside.arrangement.AffineSpan.of(xFit), options, Cancellation.NEVER).matrix(), yFit, wFit);
        double betaMax = problem.penaltyMax(org.heaviside.solver.Loss.LOGISTIC);
        org.heaviside.solver.LassoSolver solver = org.heaviside.solver.LassoSolver.of(org.heaviside.solver.Loss.LOGISTIC,
                options.solver());
        double[] warm = null;
        for (int r = 0; r <= 3; r++) {
            org.heaviside.solver.SolverResult result = solver.solve(problem,
                    CrossValidation.defaultRatios()[r] * betaMax, warm, org.heaviside.solver.ConvergenceListener.NONE,
                    Cancellation.NEVER);
            assertThat(result.status()).isEqualTo(org.heaviside.solver.SolverStatus.CONVERGED);
            assertThat(result.relativeGap()).isLessThanOrEqualTo(options.solver().tolerance());
            warm = result.weights();
            if (r == 3) {
                assertThat(result.nonZeros()).isGreaterThan(400);
            }
        }
    }
}
