package org.heaviside.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.heaviside.data.ByteSource;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.DataSpec;
import org.heaviside.data.PaperSynthetic;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Preprocessing;
import org.heaviside.data.Table;
import org.heaviside.experiment.ExperimentFile;
import org.heaviside.experiment.ExperimentResult;
import org.heaviside.experiment.ExperimentSpec;
import org.heaviside.experiment.Experiments;
import org.heaviside.export.ModelFile;
import org.heaviside.network.ConvexOptions;
import org.heaviside.network.ConvexTrainer;
import org.heaviside.network.TrainedModel;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.ConvergenceListener;
import org.heaviside.export.HostileText;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manager report renders in English and Japanese; its PDF text is extracted and checked. */
class ManagerReportTest {

    @TempDir
    static Path dir;
    private static ReportData data;

    @BeforeAll
    static void prepare() throws Exception {
        ExperimentSpec paper = ExperimentSpec.paper(2, 2, 15);
        ExperimentSpec small = new ExperimentSpec(paper.name(), paper.dataset(), paper.target(), paper.drop(),
                paper.positive(), null, 0, 1, false, "squared", 0.1, null, 150, false, List.of("convex", "ste", "relu"),
                2, 2, 1, 15, 0.01, "sgd", 30, 0, 5, null);
        ExperimentResult result = Experiments.run(small, null, ProgressListener.NONE, Cancellation.NEVER);
        Path results = dir.resolve("results.json");
        ExperimentFile.save(result, results);
        Table table = CsvLoader.load(ByteSource.of("paper.csv", PaperSynthetic.generate(1).toCsv()),
                ProgressListener.NONE, Cancellation.NEVER);
        PreparedData prepared = Preprocessing.prepare(table, DataSpec.of("y").withPositiveLabel("1")
                .withTestFraction(0.5));
        TrainedModel model = TrainedModel.of(prepared, new ConvexTrainer(ConvexOptions.builder().sampled(150).beta(0.1)
                .certify(false).build()).train(prepared, ProgressListener.NONE, ConvergenceListener.NONE,
                Cancellation.NEVER), "squared", null);
        Path modelFile = dir.resolve("model.json");
        ModelFile.save(model, modelFile);
        data = Reports.assemble(results, modelFile, table, 0.05, new RoiInputs(1000, 5000, 200, 20000, "EUR"));
    }

    @Test
    void englishPdfHoldsEverySectionAsText() throws Exception {
        Assumptions.assumeTrue(hasFont(Locale.ENGLISH), "no TrueType font on this machine for the PDF");
        Path pdf = dir.resolve("report.pdf");
        new ManagerReport(data, Locale.ENGLISH).write(pdf);
        String text = ManagerReport.textOf(pdf).replaceAll("\\s+", " ");
        assertThat(text).contains("Proof of concept: predicting y from paper-synthetic")
                .contains("Verdict on optimality").contains("Accuracy and stability").contains("convex: J")
                .contains("ste: J").contains("Training time").contains("Inference cost").contains("Return on investment")
                .contains("Robustness to sensor noise").contains("certified stable");
        int[] cm = data.confusion();
        double savings = data.roi().savingsPerYear(cm[0], cm[1], cm[2], cm[3]);
        assertThat(text).contains(String.format(Locale.ENGLISH, "%,.0f EUR", savings));
    }

    @Test
    void hostileAndJapaneseNamesRenderInTheEnglishPdfAndAreEscapedInHtml() throws Exception {
        Table table = HostileText.table(200);
        Path modelFile = dir.resolve("hostile-model.json");
        ModelFile.save(HostileText.model(table), modelFile);
        ReportData hostile = Reports.assemble(dir.resolve("results.json"), modelFile, table, 0.05,
                new RoiInputs(1000, 5000, 200, 20000, "EUR"));
        String html = new ManagerReport(hostile, Locale.ENGLISH).html();
        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;").contains("&amp;amp;").contains("故障");
        Assumptions.assumeTrue(hasFont(Locale.ENGLISH), "no TrueType font on this machine for the PDF");
        Path pdf = dir.resolve("hostile.pdf");
        new ManagerReport(hostile, Locale.ENGLISH).write(pdf);
        String text = ManagerReport.textOf(pdf).replaceAll("\\s+", " ");
        assertThat(text).contains("fault ??/ <script>alert(1)</script>");
        if (hasFont(Locale.JAPANESE)) {
            assertThat(text).contains("故障"); // the glyphs come from the Japanese font, per character
        }
    }

    @Test
    void japanesePdfAndHtmlAreTranslated() throws Exception {
        String html = new ManagerReport(data, Locale.JAPANESE).html();
        assertThat(html).contains("<html lang=\"ja\">").contains("正解率と安定性").contains("投資対効果 (ROI)")
                .contains("<svg").contains("シード 2 個では両側 Wilcoxon 検定").doesNotContain("With 2 seeds");
        Assumptions.assumeTrue(hasFont(Locale.JAPANESE), "no Japanese TrueType font on this machine: the Japanese PDF "
                + "is not checked (the HTML is)");
        Path pdf = dir.resolve("report_ja.pdf");
        new ManagerReport(data, Locale.JAPANESE).write(pdf);
        String text = ManagerReport.textOf(pdf).replaceAll("\\s+", " ");
        assertThat(text).contains("最適性の判定").contains("正解率と安定性").contains("推論コスト")
                .contains("センサノイズ耐性").contains("convex: J");
    }

    @Test
    void roiIsTheFormulaOnTheConfusionMatrix() {
        RoiInputs roi = new RoiInputs(100, 1000, 50, 2000, "EUR");
        // 10 caught, 5 missed, 20 false alarms, 965 passed of 1000 rows:
        // 365 * 100 * (0.010 * 1000 - 0.020 * 50) - 2000 = 36500 * 9 - 2000
        assertThat(roi.savingsPerYear(10, 5, 20, 965)).isEqualTo(36500 * 9.0 - 2000, org.assertj.core.api.Assertions
                .within(1e-6));
    }

    private static boolean hasFont(Locale locale) {
        try {
            Fonts.find(locale);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
