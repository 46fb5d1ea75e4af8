package org.heaviside.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentsTest {

    /** The paper preset, made small: 2 seeds, 25 epochs, width 40, 200 directions. */
    private static ExperimentSpec small(int layers) {
        ExperimentSpec paper = ExperimentSpec.paper(layers, 2, 25);
        return new ExperimentSpec(paper.name(), paper.dataset(), paper.target(), paper.drop(), paper.positive(), null,
                0, 1, false, org.heaviside.solver.Loss.SQUARED, 0.1, null, 200, false, paper.methods(), layers, 2, 1, 25, 0.01, org.heaviside.ste.Optimizer.SGD, 40, 0,
                10, null);
    }

    @Test
    void aSavedExperimentRerunsToIdenticalNonTimingNumbers(@TempDir Path dir) throws Exception {
        ExperimentResult first = Experiments.run(small(2), null, ProgressListener.NONE, Cancellation.NEVER);
        Path file = dir.resolve("results.json");
        ExperimentFile.save(first, file);
        ExperimentSpec loaded = ExperimentFile.loadSpec(file);
        assertThat(loaded).isEqualTo(first.spec());
        ExperimentResult second = Experiments.run(loaded, dir, ProgressListener.NONE, Cancellation.NEVER);
        assertThat(second.runs()).hasSameSizeAs(first.runs());
        for (int i = 0; i < first.runs().size(); i++) {
            Run a = first.runs().get(i);
            Run b = second.runs().get(i);
            assertThat(b.method()).isEqualTo(a.method());
            assertThat(b.objective()).isEqualTo(a.objective());
            assertThat(b.excess()).isEqualTo(a.excess());
            assertThat(b.train()).isEqualTo(a.train());
            assertThat(b.test()).isEqualTo(a.test());
            assertThat(b.neurons()).isEqualTo(a.neurons());
            assertThat(b.curve().stream().map(p -> p.objective()).toList())
                    .isEqualTo(a.curve().stream().map(p -> p.objective()).toList());
        }
        for (int i = 0; i < first.methods().size(); i++) {
            assertThat(second.methods().get(i).pValue()).isEqualTo(first.methods().get(i).pValue());
            assertThat(second.methods().get(i).objective()).isEqualTo(first.methods().get(i).objective());
        }
        String csv = ExperimentFile.csv(first);
        assertThat(csv.lines().count()).isEqualTo(1 + first.runs().size());
        assertThat(csv.lines().findFirst().orElseThrow()).startsWith("method,seed,objective,excess");
    }

    @Test
    void theConvexReferenceIsAtOrBelowEveryBaselineOnEverySeedForTwoAndThreeLayers() {
        for (int layers : new int[] {2, 3}) {
            ExperimentResult result = Experiments.run(small(layers), null, ProgressListener.NONE, Cancellation.NEVER);
            assertThat(result.reference()).isEqualTo(layers == 2 ? "convex" : "convex-deep");
            for (Run run : result.runs()) {
                Run reference = result.runs().stream()
                        .filter(r -> r.seed() == run.seed() && r.method().equals(result.reference())).findFirst()
                        .orElseThrow();
                assertThat(run.objective()).isGreaterThanOrEqualTo(reference.objective());
                assertThat(run.excess()).isGreaterThanOrEqualTo(0);
            }
            for (MethodSummary summary : result.methods()) {
                assertThat(summary.belowReference()).isZero();
                assertThat(summary.runs()).isEqualTo(2);
                assertThat(summary.test()).containsKeys("accuracy", "balancedAccuracy", "f1");
            }
            assertThat(result.notes()).anyMatch(note -> note.contains("smallest two-sided Wilcoxon p-value is 0.5"));
        }
    }

    @Test
    void aProgramThatTookTheBaselinesPatternsReportsJBeforeAndAfterCountsTheirTimeAndLeavesTheSeedOutOfTheTestOnJ() {
        // 3 sampled directions and no search: the baselines beat the sampled program on every seed
        ExperimentSpec paper = ExperimentSpec.paper(2, 2, 25);
        ExperimentSpec spec = new ExperimentSpec(paper.name(), paper.dataset(), paper.target(), paper.drop(),
                paper.positive(), null, 0, 1, false, org.heaviside.solver.Loss.SQUARED, 0.1, null, 3, false, paper.methods(), 2, 2, 1, 25, 0.01,
                org.heaviside.ste.Optimizer.SGD, 40, 0, 10, null);
        ExperimentResult result = Experiments.run(spec, null, ProgressListener.NONE, Cancellation.NEVER);
        List<Run> augmented = result.runs().stream().filter(Run::augmented).toList();
        assertThat(augmented).isNotEmpty();
        for (Run run : augmented) {
            double baselines = result.runs().stream().filter(r -> r.seed() == run.seed() && r.certificate().isEmpty())
                    .mapToDouble(Run::seconds).sum();
            assertThat(run.seconds()).isGreaterThanOrEqualTo(baselines);
            assertThat(result.notes()).anyMatch(note -> note.startsWith("Seed " + run.seed() + ": a baseline reached")
                    && note.contains(String.format(java.util.Locale.ROOT, "re-solved to J = %.6g", run.objective()))
                    && note.contains("against") && note.contains("baselines' training"));
        }
        for (String baseline : List.of("ste", "relu", "leaky-relu", "clipped-relu")) {
            if (spec.methods().contains(baseline)) {
                Run first = result.runs().stream().filter(r -> r.method().equals(baseline)).findFirst().orElseThrow();
                assertThat(result.notes()).anyMatch(note -> note.startsWith(baseline + ": J after the last epoch")
                        && note.contains(String.format(java.util.Locale.ROOT, "best %.6g at epoch %d",
                        first.best().objective(), first.best().epoch())));
            }
        }
        // the test on J uses only the seeds on which the program kept its sampled patterns
        int kept = 2 - augmented.size();
        assertThat(result.notes()).anyMatch(note -> note.contains("on J: the Wilcoxon test used " + kept + " of 2 seeds"));
        assertThat(result.notes()).anyMatch(note -> note.startsWith("With 2 pairs tested the smallest"));
        for (MethodSummary summary : result.methods()) {
            if (!summary.name().equals(result.reference())) {
                assertThat(summary.pValue()).isNotNull();
                assertThat(summary.pValueObjective() == null).isEqualTo(kept == 0);
            }
        }
    }

    @Test
    void aMissingDataFileIsNamed(@TempDir Path dir) {
        ExperimentSpec spec = new ExperimentSpec("x", dir.resolve("gone.csv").toString(), "y", List.of(), null, null,
                0.25, 1, false, org.heaviside.solver.Loss.SQUARED, null, 0.01, 100, false, List.of("convex"), 2, 1, 1, 10, 0.01, org.heaviside.ste.Optimizer.SGD, 10, 0,
                10, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Experiments.run(spec, null, ProgressListener.NONE,
                Cancellation.NEVER)).hasMessageContaining("gone.csv").hasMessageContaining("no such file");
        assertThat(Files.exists(dir.resolve("gone.csv"))).isFalse();
    }

    @Test
    void anOperatingPointRuleGivesTheBaselinesACutChosenOnTheirValidationRowsAndRunsAreReportedOneByOne(
            @TempDir Path dir) throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        StringBuilder text = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 400; i++) {
            boolean positive = random.nextDouble() < 0.08;
            double a = positive ? random.nextDouble(0.2, 1) : random.nextDouble(-1, 0.4);
            text.append(a).append(',').append(random.nextDouble(-1, 1)).append(',').append(positive ? 1 : 0)
                    .append('\n');
        }
        Path file = dir.resolve("rare.csv");
        Files.writeString(file, text);
        ExperimentSpec spec = new ExperimentSpec("rare", file.toString(), "y", List.of(), null, null, 0.25, 1, false,
                org.heaviside.solver.Loss.SQUARED, null, 0.01, 100, false, List.of("convex", "ste"), 2, 2, 1, 80, 0.01,
                org.heaviside.ste.Optimizer.ADAM, 30, 0, 20, null)
                .withFairBaseline(true, org.heaviside.network.OperatingPoint.Rule.BALANCED_ACCURACY, 0, 0);
        org.heaviside.data.Table table = org.heaviside.data.CsvLoader.load(org.heaviside.data.ByteSource.of(file),
                ProgressListener.NONE, Cancellation.NEVER);
        List<ExperimentResult> reports = new java.util.ArrayList<>();
        ExperimentResult result = Experiments.run(spec, table, null, "rare", table.sha256(), ProgressListener.NONE,
                Cancellation.NEVER, reports::add);
        for (Run run : result.runs()) {
            // on 8% positives the sign is not the best cut, for the convex model and the baseline alike
            assertThat(run.threshold()).as(run.method() + " seed " + run.seed()).isNotEqualTo(0.0);
            if (run.method().equals("ste")) {
                assertThat(org.heaviside.ste.SteTuning.GRID).contains(run.learningRate());
            } else {
                assertThat(run.learningRate()).isNaN();
            }
        }
        // one report per finished run, each with one run more: the first arrives before the comparison ends
        assertThat(reports).hasSize(result.runs().size());
        for (int i = 0; i < reports.size(); i++) {
            assertThat(reports.get(i).runs()).hasSize(i + 1);
        }
        assertThat(reports.get(0).methods()).extracting(MethodSummary::name).containsExactly("ste");
        assertThat(reports.get(reports.size() - 1).runs()).isEqualTo(result.runs());
        assertThat(result.notes()).anyMatch(note -> note.contains("step size was chosen per seed"));
    }

    @Test
    void classWeightsWeightTheBaselinesAsTheConvexPrograms(@TempDir Path dir) throws Exception {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        StringBuilder text = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 200; i++) {
            boolean positive = i % 10 == 0;
            text.append(random.nextDouble(-1, 1) + (positive ? 0.7 : 0)).append(',').append(random.nextDouble(-1, 1))
                    .append(',').append(positive ? 1 : 0).append('\n');
        }
        Path file = dir.resolve("rare.csv");
        Files.writeString(file, text);
        org.heaviside.data.Table table = org.heaviside.data.CsvLoader.load(org.heaviside.data.ByteSource.of(file),
                ProgressListener.NONE, Cancellation.NEVER);
        java.util.Map<String, Double> objectives = new java.util.HashMap<>();
        for (String weights : List.of("none", "balanced")) {
            ExperimentSpec spec = new ExperimentSpec("rare", file.toString(), "y", List.of(), null, null, 0.25, 1,
                    false, org.heaviside.solver.Loss.SQUARED, 0.5, null, 100, false, List.of("ste"), 2, 1, 1, 40, 0.01,
                    org.heaviside.ste.Optimizer.ADAM, 20, 0, 20, null, weights);
            Run run = Experiments.run(spec, table, null, "rare", table.sha256(), ProgressListener.NONE,
                    Cancellation.NEVER, result -> { }).runs().get(0);
            // the same baseline trained directly with the class weights the convex programs get
            org.heaviside.data.PreparedData data = org.heaviside.data.Preprocessing.prepare(table,
                    new org.heaviside.data.DataSpec("y", org.heaviside.data.Preprocessing.ignoring(table, List.of()), null,
                            null, 0.25, 1));
            org.heaviside.ste.SteOptions options = new org.heaviside.ste.SteOptions(org.heaviside.ste.Surrogate.STE, 2,
                    20, data.train().size(), 40, 0.01, org.heaviside.ste.Optimizer.ADAM, 100, 20, 1,
                    org.heaviside.solver.Loss.SQUARED)
                    .withClassWeights(org.heaviside.network.ClassWeights.parse(weights));
            double direct = org.heaviside.ste.SteTrainer.train(data, 0.5, options, ProgressListener.NONE,
                    Cancellation.NEVER).objective();
            assertThat(run.objective()).as(weights).isEqualTo(direct);
            objectives.put(weights, run.objective());
        }
        assertThat(objectives.get("balanced")).isNotEqualTo(objectives.get("none"));
    }
}
