package org.heaviside.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.heaviside.data.ByteSource;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.DataSpec;
import org.heaviside.data.Dataset;
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
import org.heaviside.run.Provenance;
import org.heaviside.solver.ConvergenceListener;
import org.heaviside.export.HostileText;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The manager report in English and Japanese, as PDF (every page rendered with PDFBox's renderer,
 * its text extracted) and as HTML: the key figures lead on page 1, no English word is split across
 * lines, and the ROI is the one measured on the model's held-out rows, not on every row of the file.
 */
class ManagerReportTest {

    private static final RoiInputs ROI = new RoiInputs(1000, 5000, 200, 20000, "EUR");
    private static final double TEST_FRACTION = 0.5;
    private static final long SEED = 7;

    @TempDir
    static Path dir;
    private static ReportData data;
    private static Path results;
    private static TrainedModel model;
    private static Table table;
    /** The savings computed here from the held-out rows, and from every row of the file. */
    private static String heldOutSavings;
    private static String allRowsSavings;

    @BeforeAll
    static void prepare() throws Exception {
        ExperimentSpec paper = ExperimentSpec.paper(2, 2, 15);
        ExperimentSpec small = new ExperimentSpec(paper.name(), paper.dataset(), paper.target(), paper.drop(),
                paper.positive(), null, 0, 1, false, org.heaviside.solver.Loss.SQUARED, 0.1, null, 150, false, List.of("convex", "ste", "relu"),
                2, 2, 1, 15, 0.01, org.heaviside.ste.Optimizer.SGD, 30, 0, 5, null);
        ExperimentResult result = Experiments.run(small, null, ProgressListener.NONE, Cancellation.NEVER);
        results = dir.resolve("results.json");
        ExperimentFile.save(result, results);
        // the model: trained on half of a file, the other half held out (seed and fraction in its provenance)
        byte[] csv = PaperSynthetic.generate(1).toCsv();
        Path file = dir.resolve("plant.csv");
        Files.write(file, csv);
        table = CsvLoader.load(ByteSource.of("plant.csv", csv), ProgressListener.NONE, Cancellation.NEVER);
        DataSpec spec = DataSpec.of("y").withPositiveLabel("1").withTestFraction(TEST_FRACTION).withSeed(SEED);
        PreparedData prepared = Preprocessing.prepare(table, spec);
        Provenance provenance = Provenance.of(SEED, Map.of("testFraction", Double.toString(TEST_FRACTION)),
                "plant.csv", Provenance.sha256(new ByteArrayInputStream(csv)), prepared.train().size(),
                prepared.preprocessor().steps().size(), Map.of(), Map.of());
        model = TrainedModel.of(prepared, new ConvexTrainer(ConvexOptions.builder().sampled(150).beta(0.1)
                .certify(false).build()).train(prepared, ProgressListener.NONE, ConvergenceListener.NONE,
                Cancellation.NEVER), "squared", provenance);
        Path modelFile = dir.resolve("model.json");
        ModelFile.save(model, modelFile);
        data = Reports.assemble(results, modelFile, table, 0.05, ROI, DecisionRule.DEFAULT);
        heldOutSavings = savings(model, prepared.test());
        allRowsSavings = savings(model, model.preprocessor().apply(table));
    }

    /** The ROI formula on the model's predictions at score >= 0, formatted as the report shows it. */
    private static String savings(TrainedModel model, Dataset rows) {
        int[] cm = new int[4];
        TrainedModel.Prediction[] predictions = model.predict(rows);
        for (int i = 0; i < rows.size(); i++) {
            boolean flagged = predictions[i].score() >= 0;
            cm[rows.y()[i] > 0 ? (flagged ? 0 : 1) : (flagged ? 2 : 3)]++;
        }
        double n = rows.size();
        double value = 365 * ROI.rowsPerDay() * (cm[0] / n * ROI.missedCost() - cm[2] / n * ROI.falseAlarmCost())
                - ROI.hardwareCost();
        return String.format(Locale.ENGLISH, "%,.0f EUR", value);
    }

    @Test
    void theCaseShowsTheDifferenceBetweenHeldOutAndAllRows() {
        assertThat(heldOutSavings).isNotEqualTo(allRowsSavings);
        assertThat(data.heldOut().source()).isEqualTo(HeldOut.Source.SPLIT);
        assertThat(data.heldOut().size()).isEqualTo(PaperSynthetic.TRAIN + PaperSynthetic.TEST
                - data.model().provenance().rows());
    }

    @Test
    void aModelTrainedOnEveryRowGetsNoRoiAndAnotherFileCountsAsNewRows() throws Exception {
        Provenance p = model.provenance();
        Provenance all = new Provenance(p.seed(), Map.of("testFraction", "0.0"), p.application(), p.java(),
                p.platform(), p.dataset(), p.datasetSha256(), p.rows(), p.columns(), p.startedAt(), Map.of(), Map.of());
        TrainedModel m = model;
        Path allRows = dir.resolve("all-rows.json");
        ModelFile.save(new TrainedModel(m.kind(), m.preprocessor(), m.layers(), m.network(), m.loss(), m.targetMean(),
                m.targetScale(), m.beta(), m.betaMax(), m.objective(), m.networkObjective(), m.dualityGap(),
                m.relativeGap(), m.status(), m.sweeps(), m.certificate(), m.patterns(), m.hyperplanes(), all, m.operatingPoint(), m.classWeight()), allRows);
        ReportData trainedOnAll = Reports.assemble(results, allRows, table, 0.05, ROI, DecisionRule.DEFAULT);
        assertThat(trainedOnAll.heldOut()).isNull();
        ManagerReport report = new ManagerReport(trainedOnAll, Locale.ENGLISH);
        assertThat(normalize(report.html())).contains("Not assessed").contains("trained on every row of plant.csv")
                .doesNotContain(allRowsSavings);
        // the same rows in a file with other bytes: rows the model never saw as far as the report can tell
        byte[] otherBytes = (new String(Files.readAllBytes(dir.resolve("plant.csv")),
                java.nio.charset.StandardCharsets.UTF_8) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Table other = CsvLoader.load(ByteSource.of("new-rows.csv", otherBytes), ProgressListener.NONE,
                Cancellation.NEVER);
        ReportData newRows = Reports.assemble(results, dir.resolve("model.json"), other, 0.05, ROI,
                DecisionRule.DEFAULT);
        assertThat(newRows.heldOut().source()).isEqualTo(HeldOut.Source.OTHER_FILE);
        assertThat(newRows.heldOut().size()).isEqualTo(table.rows());
        assertThat(normalize(new ManagerReport(newRows, Locale.ENGLISH).html())).contains(allRowsSavings);
    }

    @Test
    void englishPdfLeadsWithTheKeyFiguresAndBreaksNoWord() throws Exception {
        Assumptions.assumeTrue(hasFont(Locale.ENGLISH), "no TrueType font on this machine for the PDF");
        ManagerReport report = new ManagerReport(data, Locale.ENGLISH);
        Path pdf = dir.resolve("report.pdf");
        report.write(pdf);
        List<String> pages = renderAndExtract(pdf);
        String first = normalize(pages.get(0));
        assertThat(first).contains("Key figures").contains("Failures caught").contains("False alarms per day")
                .contains("Expected net savings, first year").contains(heldOutSavings);
        assertThat(first.indexOf("Key figures")).isLessThan(first.indexOf("Accuracy and stability") < 0
                ? Integer.MAX_VALUE : first.indexOf("Accuracy and stability"));
        String all = normalize(String.join("\n", pages));
        assertThat(all).contains("Verdict on optimality").contains("Accuracy and stability").contains("Training time")
                .contains("Inference cost").contains("Return on investment").contains("Robustness to sensor noise")
                .contains("certified stable").contains("Wilcoxon signed-rank").contains(data.dataSha256())
                .contains(heldOutSavings).doesNotContain(allRowsSavings);
        // every word on every extracted line is a word of the source text: no word was split across lines
        Set<String> words = new HashSet<>(report.content().words());
        for (String page : pages) {
            for (String line : page.split("\\R")) {
                for (String word : line.trim().split("[\\s\\u00a0]+")) {
                    if (!word.isEmpty()) {
                        assertThat(words).as("word '%s' of line '%s'", word, line).contains(word);
                    }
                }
                assertThat(line.trim()).as("a unit starts a line").doesNotStartWith("EUR").doesNotStartWith("s ");
            }
        }
    }

    @Test
    void hostileAndJapaneseNamesRenderInTheEnglishPdfAndAreEscapedInHtml() throws Exception {
        Table table = HostileText.table(200);
        Path modelFile = dir.resolve("hostile-model.json");
        ModelFile.save(HostileText.model(table), modelFile);
        ReportData hostile = Reports.assemble(dir.resolve("results.json"), modelFile, table, 0.05,
                new RoiInputs(1000, 5000, 200, 20000, "EUR"), DecisionRule.DEFAULT);
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
    void japanesePdfLeadsWithTheKeyFigures() throws Exception {
        // the core's notes in Japanese, with the pairs actually tested (issue 14)
        assertThat(new ManagerReport(data, Locale.JAPANESE).html()).contains("検定したペア 2 組では両側 Wilcoxon 検定")
                .doesNotContain("With 2 pairs tested");
        Assumptions.assumeTrue(hasFont(Locale.JAPANESE), "no Japanese TrueType font on this machine: the Japanese PDF "
                + "is not checked (the HTML is)");
        Path pdf = dir.resolve("report_ja.pdf");
        new ManagerReport(data, Locale.JAPANESE).write(pdf);
        List<String> pages = renderAndExtract(pdf);
        assertThat(normalize(pages.get(0))).contains("主要な数値").contains("検出した故障").contains(heldOutSavings);
        String all = normalize(String.join("\n", pages)).replace("\n", "");
        assertThat(all).contains("最適性の判定").contains("正解率と安定性").contains("推論コスト")
                .contains("センサノイズ耐性").contains("投資対効果").doesNotContain(allRowsSavings);
    }

    @Test
    void aCutSetByHandIsStatedAsSuchWithTheCostsItWasJudgedWith() throws Exception {
        Path moved = dir.resolve("moved.json");
        ModelFile.save(model.movedTo(org.heaviside.network.OperatingPoint.manual(-0.25, 4000, 150, 1000)), moved);
        ReportData report = Reports.assemble(results, moved, table, 0.05, ROI, DecisionRule.DEFAULT);
        assertThat(report.operatingPoint().manual()).isTrue();
        assertThat(report.operatingPoint().threshold()).isEqualTo(-0.25);
        assertThat(report.operatingPoint().missedCost()).isEqualTo(4000);
        assertThat(report.operatingPoint().falseAlarmCost()).isEqualTo(150);
        assertThat(normalize(new ManagerReport(report, Locale.ENGLISH).html())).contains("t = -0.25")
                .contains("set by hand on the Train page");
        assertThat(normalize(new ManagerReport(report, Locale.JAPANESE).html())).contains("手動で設定");
        assertThat(normalize(new ManagerReport(data, Locale.ENGLISH).html())).doesNotContain("set by hand");
    }

    @Test
    void htmlSaysTheSameInBothLanguages() {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.JAPANESE)) {
            ManagerReport report = new ManagerReport(data, locale);
            String html = report.html();
            assertThat(html).contains("<html lang=\"" + locale.getLanguage() + "\">").contains("<svg")
                    .contains("id=\"key-figures\"");
            for (String text : report.content().texts()) {
                assertThat(html).contains(HtmlWriter.escape(text));
            }
            String plain = normalize(html);
            assertThat(plain).contains(heldOutSavings).doesNotContain(allRowsSavings);
            // the key figures come before the evidence
            assertThat(html.indexOf("id=\"key-figures\"")).isLessThan(html.indexOf("<table>"));
        }
        String japanese = new ManagerReport(data, Locale.JAPANESE).html();
        assertThat(japanese).contains("正解率と安定性").contains("投資対効果 (ROI)").contains("検定したペア 2 組では両側 Wilcoxon 検定")
                .doesNotContain("With 2 pairs tested");
    }

    @Test
    void roiIsTheFormulaOnTheConfusionMatrix() {
        RoiInputs roi = new RoiInputs(100, 1000, 50, 2000, "EUR");
        // 10 caught, 5 missed, 20 false alarms, 965 passed of 1000 rows:
        // 365 * 100 * (0.010 * 1000 - 0.020 * 50) - 2000 = 36500 * 9 - 2000
        assertThat(roi.savingsPerYear(10, 5, 20, 965)).isEqualTo(36500 * 9.0 - 2000, org.assertj.core.api.Assertions
                .within(1e-6));
    }

    /** Renders every page with PDFBox's renderer (each must show something) and returns each page's text. */
    private static List<String> renderAndExtract(Path pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            PDFRenderer renderer = new PDFRenderer(document);
            List<String> pages = new java.util.ArrayList<>();
            for (int p = 0; p < document.getNumberOfPages(); p++) {
                BufferedImage image = renderer.renderImageWithDPI(p, 40);
                assertThat(inkShare(image)).as("page %d is not blank", p + 1).isGreaterThan(0.005);
                if (p == 0) {
                    assertThat(hasColour(image, ChartTheme.PANEL.getRGB())).as("the key-figures panel on page 1")
                            .isTrue();
                }
                PDFTextStripper stripper = new PDFTextStripper();
                stripper.setStartPage(p + 1);
                stripper.setEndPage(p + 1);
                pages.add(stripper.getText(document));
            }
            return pages;
        }
    }

    private static double inkShare(BufferedImage image) {
        long ink = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                ink += (image.getRGB(x, y) & 0xffffff) == 0xffffff ? 0 : 1;
            }
        }
        return ink / (double) (image.getWidth() * image.getHeight());
    }

    private static boolean hasColour(BufferedImage image, int rgb) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                count += (image.getRGB(x, y) & 0xffffff) == (rgb & 0xffffff) ? 1 : 0;
            }
        }
        return count > 500;
    }

    private static String normalize(String text) {
        return text.replace('\u00a0', ' ').replaceAll("[ \\t]+", " ");
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
