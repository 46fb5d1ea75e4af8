package org.heaviside.report;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.heaviside.experiment.ExperimentResult;
import org.heaviside.experiment.MethodSummary;
import org.heaviside.experiment.Stats;
import org.heaviside.run.AtomicFiles;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;

/**
 * The manager report: the question, the data, the verdict on optimality, accuracy and stability
 * (convex against the baselines over seeds, with significance), training time, the cost profile,
 * the ROI sheet and the share of rows certified stable under sensor noise, with two charts rendered
 * by JFreeChart (headless). PDF (PDFBox, fonts embedded, text extractable) or self-contained HTML
 * (charts as inline SVG), in English or Japanese.
 */
public final class ManagerReport {

    private static final float MARGIN = 50;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;

    private final ReportData data;
    private final Locale locale;
    private final ResourceBundle text;

    /** A report of the data in a language ("en" or "ja"). */
    public ManagerReport(ReportData data, Locale locale) {
        this.data = data;
        this.locale = locale;
        this.text = ResourceBundle.getBundle("org.heaviside.report.report", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    private String t(String key, Object... args) {
        String pattern = text.getString(key);
        return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
    }

    /** The report's paragraphs (heading lines start with "# "). */
    List<String> paragraphs() {
        ExperimentResult result = data.result();
        List<String> out = new ArrayList<>();
        String target = data.model() != null ? data.model().preprocessor().target().column() : result.spec().target();
        out.add("# " + t("title", target, result.provenance().dataset()));
        out.add(t("question", target, result.provenance().dataset(), result.spec().layers()));
        out.add("# " + t("data.heading"));
        out.add(t("data.text", result.provenance().dataset(), result.provenance().rows(),
                result.provenance().datasetSha256().substring(0, 12), t("metric." + result.primaryMetric()),
                result.spec().seeds()));
        out.add("# " + t("verdict.heading"));
        int below = result.methods().stream().mapToInt(MethodSummary::belowReference).sum();
        out.add(t(below == 0 ? "verdict.lowest" : "verdict.beaten", result.reference(), result.spec().seeds()));
        if (data.model() != null) {
            var m = data.model();
            out.add(t("verdict.model", m.kind(), String.format(Locale.ROOT, "%.3e", m.relativeGap()), m.status(),
                    t("certificate." + m.certificate().status())));
        }
        out.add("# " + t("accuracy.heading"));
        for (MethodSummary summary : result.methods()) {
            Stats j = summary.objective();
            Stats metric = summary.test().get(result.primaryMetric());
            out.add(t("accuracy.row", summary.name(), fmt("%.4g", j.mean()), fmt("%.2g", j.sd()),
                    metric == null ? "-" : fmt("%.4f", metric.mean()), metric == null ? "-" : fmt("%.4f", metric.sd()),
                    fmt("%.2f", summary.seconds().mean()),
                    summary.pValue() == null ? "-" : fmt("%.4f", summary.pValue())));
        }
        for (String note : result.notes()) {
            out.add(t("note", translate(note)));
        }
        out.add("# " + t("time.heading"));
        MethodSummary reference = result.methods().stream().filter(s -> s.name().equals(result.reference())).findFirst()
                .orElse(result.methods().get(0));
        double baselines = result.methods().stream().filter(s -> !s.name().equals(result.reference()))
                .mapToDouble(s -> s.seconds().mean()).average().orElse(Double.NaN);
        out.add(t("time.text", result.reference(), fmt("%.2f", reference.seconds().mean()), fmt("%.2f", baselines)));
        if (data.cost() != null) {
            var c = data.cost();
            out.add("# " + t("cost.heading"));
            out.add(t("cost.text", c.parameters(), c.bytes(), c.firstLayerMacs(), c.laterBitOps(), c.laterAdditions(),
                    c.reluMacs(), fmt("%,.0f", c.javaRowsPerSecond()), fmt("%,.0f", c.reluRowsPerSecond())));
            // the baselines of the comparison as deployed networks: their hidden widths and parameters
            int inputs = data.model().preprocessor().width();
            int outputs = data.model().network().outputCount();
            for (MethodSummary summary : result.methods()) {
                if (!summary.name().equals(result.reference()) && result.spec().layers() == 2) {
                    long width = Math.round(summary.neurons().mean());
                    long parameters = width * (inputs + 1) + width * outputs;
                    out.add(t("cost.baseline", summary.name(), width, parameters));
                }
            }
        }
        if (data.confusion() != null) {
            int[] cm = data.confusion();
            out.add("# " + t("roi.heading"));
            out.add(t("roi.confusion", data.rows(), cm[0], cm[1], cm[2], cm[3]));
            if (data.roi() != null) {
                RoiInputs roi = data.roi();
                double savings = roi.savingsPerYear(cm[0], cm[1], cm[2], cm[3]);
                out.add(t("roi.text", fmt("%,.0f", roi.rowsPerDay()), fmt("%,.0f", roi.missedCost()),
                        fmt("%,.0f", roi.falseAlarmCost()), fmt("%,.0f", roi.hardwareCost()), roi.currency(),
                        fmt("%,.0f", savings)));
            }
        }
        if (!Double.isNaN(data.stableShare())) {
            out.add("# " + t("noise.heading"));
            out.add(t("noise.text", fmt("%.0f", 100 * data.noiseShare()), fmt("%.1f", 100 * data.stableShare())));
        }
        out.add(t("footer", result.provenance().application(), result.provenance().startedAt()));
        return out;
    }

    private static final java.util.regex.Pattern FEW_SEEDS = java.util.regex.Pattern.compile(
            "With (\\d+) seeds the smallest two-sided Wilcoxon p-value is ([0-9.]+),.*");
    private static final java.util.regex.Pattern AUGMENTED = java.util.regex.Pattern.compile(
            "Seed (\\d+): a baseline reached a lower J than the program over the sampled patterns.*");

    /** The core's notes in the report's language (known wordings; others as they are). */
    private String translate(String note) {
        java.util.regex.Matcher few = FEW_SEEDS.matcher(note);
        if (few.matches()) {
            return t("note.fewSeeds", few.group(1), few.group(2));
        }
        java.util.regex.Matcher augmented = AUGMENTED.matcher(note);
        if (augmented.matches()) {
            return t("note.augmented", augmented.group(1));
        }
        if (note.startsWith("convex with 3 layers is the deep Lasso")) {
            return t("note.deepLasso");
        }
        return note;
    }

    private String fmt(String pattern, double value) {
        return String.format(locale, pattern, value);
    }

    /** The two charts: J across seeds per method, and the primary test metric per method. */
    List<JFreeChart> charts() {
        ExperimentResult result = data.result();
        DefaultBoxAndWhiskerCategoryDataset spread = new DefaultBoxAndWhiskerCategoryDataset();
        DefaultCategoryDataset metric = new DefaultCategoryDataset();
        for (MethodSummary summary : result.methods()) {
            spread.add(result.runs().stream().filter(r -> r.method().equals(summary.name()))
                    .map(org.heaviside.experiment.Run::objective).toList(), "J", summary.name());
            Stats stats = summary.test().get(result.primaryMetric());
            if (stats != null) {
                metric.addValue(stats.mean(), t("metric." + result.primaryMetric()), summary.name());
            }
        }
        JFreeChart box = ChartFactory.createBoxAndWhiskerChart(t("chart.spread"), "", "J", spread, false);
        ((org.jfree.chart.renderer.category.BoxAndWhiskerRenderer) box.getCategoryPlot().getRenderer())
                .setMeanVisible(false);
        ((org.jfree.chart.renderer.category.BoxAndWhiskerRenderer) box.getCategoryPlot().getRenderer())
                .setMaximumBarWidth(0.12);
        JFreeChart bars = ChartFactory.createBarChart(t("chart.metric", t("metric." + result.primaryMetric())), "",
                t("metric." + result.primaryMetric()), metric, PlotOrientation.VERTICAL, false, false, false);
        java.awt.Font font = new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 11);
        for (JFreeChart chart : List.of(box, bars)) {
            chart.setBackgroundPaint(java.awt.Color.WHITE);
            chart.getTitle().setFont(font.deriveFont(java.awt.Font.BOLD, 12f));
            chart.getCategoryPlot().getRenderer().setSeriesPaint(0, new java.awt.Color(0x1f, 0x6f, 0xb4));
            chart.getCategoryPlot().setBackgroundPaint(new java.awt.Color(0xf7, 0xf8, 0xfa));
        }
        return List.of(box, bars);
    }

    /** Writes the report; the format follows the file's extension (.pdf or .html). */
    public void write(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            AtomicFiles.write(file, html().getBytes(StandardCharsets.UTF_8));
        } else if (name.endsWith(".pdf")) {
            AtomicFiles.write(file, pdf());
        } else {
            throw new IllegalArgumentException("The report is written as .pdf or .html; got '" + file.getFileName() + "'.");
        }
    }

    /** The report as self-contained HTML. */
    public String html() {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"").append(locale.getLanguage())
                .append("\"><head><meta charset=\"utf-8\"><title>").append(escape(t("title.short")))
                .append("</title><style>body{font-family:sans-serif;max-width:52em;margin:2em auto;color:#222}"
                        + "h1{font-size:1.4em}h2{font-size:1.1em;margin-top:1.4em}svg{max-width:100%;height:auto}"
                        + "</style></head><body>\n");
        boolean first = true;
        for (String paragraph : paragraphs()) {
            if (paragraph.startsWith("# ")) {
                String tag = first ? "h1" : "h2";
                out.append('<').append(tag).append('>').append(escape(paragraph.substring(2))).append("</").append(tag)
                        .append(">\n");
                first = false;
            } else {
                out.append("<p>").append(escape(paragraph)).append("</p>\n");
            }
        }
        for (JFreeChart chart : charts()) {
            org.jfree.svg.SVGGraphics2D g = new org.jfree.svg.SVGGraphics2D(640, 300);
            chart.draw(g, new Rectangle(0, 0, 640, 300));
            out.append(g.getSVGElement()).append('\n');
        }
        return out.append("</body></html>\n").toString();
    }

    /** The report as PDF bytes. */
    public byte[] pdf() throws IOException {
        try (PDDocument document = new PDDocument()) {
            List<PDFont> fonts = new ArrayList<>();
            fonts.add(PDType0Font.load(document, Fonts.find(Locale.ENGLISH).toFile()));
            if ("ja".equals(locale.getLanguage())) {
                fonts.add(PDType0Font.load(document, Fonts.find(locale).toFile()));
            } else {
                // column and target names may be Japanese in an English report: a CJK font when there is one
                java.util.Optional<java.nio.file.Path> japanese = Fonts.findOptional(Locale.JAPANESE);
                if (japanese.isPresent()) {
                    fonts.add(PDType0Font.load(document, japanese.get().toFile()));
                }
            }
            Writer writer = new Writer(document, fonts);
            boolean first = true;
            for (String paragraph : paragraphs()) {
                if (paragraph.startsWith("# ")) {
                    writer.gap(first ? 0 : 8);
                    writer.paragraph(paragraph.substring(2), first ? 16 : 12.5f);
                    first = false;
                } else {
                    writer.paragraph(paragraph, 10);
                }
            }
            for (JFreeChart chart : charts()) {
                BufferedImage image = chart.createBufferedImage(960, 450);
                writer.image(LosslessFactory.createFromImage(document, image), WIDTH * 0.8f);
            }
            writer.close();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** Lays out wrapped lines and images on A4 pages. */
    private static final class Writer {
        private final PDDocument document;
        private final List<PDFont> fonts;
        private PDPageContentStream stream;
        private float y;

        Writer(PDDocument document, List<PDFont> fonts) throws IOException {
            this.document = document;
            this.fonts = fonts;
            newPage();
        }

        /** The first font with a glyph for the code point (the Latin font, then the Japanese one), or null. */
        private PDFont fontFor(int codePoint) {
            String ch = new String(Character.toChars(codePoint));
            for (PDFont font : fonts) {
                try {
                    font.encode(ch);
                    return font;
                } catch (IOException | IllegalArgumentException e) {
                    // no glyph in this font: try the next
                }
            }
            return null;
        }

        /**
         * The line as the fonts can show it: control characters (a line break in a column name) as
         * spaces, a character no font has as '?'.
         */
        private String printable(String line) {
            StringBuilder out = new StringBuilder();
            line.codePoints().forEach(c -> {
                if (Character.isISOControl(c)) {
                    out.append(' ');
                } else if (fontFor(c) == null) {
                    out.append('?');
                } else {
                    out.appendCodePoint(c);
                }
            });
            return out.toString();
        }

        /** Shows a line as runs of one font each. */
        private void show(String text, float size) throws IOException {
            String line = printable(text);
            int i = 0;
            while (i < line.length()) {
                PDFont font = fontFor(line.codePointAt(i));
                int j = i;
                while (j < line.length() && fontFor(line.codePointAt(j)) == font) {
                    j += Character.charCount(line.codePointAt(j));
                }
                stream.setFont(font, size);
                stream.showText(line.substring(i, j));
                i = j;
            }
        }

        private void newPage() throws IOException {
            if (stream != null) {
                stream.close();
            }
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            stream = new PDPageContentStream(document, page);
            y = PDRectangle.A4.getHeight() - MARGIN;
        }

        void gap(float points) {
            y -= points;
        }

        void paragraph(String text, float size) throws IOException {
            for (String line : wrap(printable(text), size)) {
                if (y - size * 1.4f < MARGIN) {
                    newPage();
                }
                y -= size * 1.4f;
                stream.beginText();
                stream.newLineAtOffset(MARGIN, y);
                show(line, size);
                stream.endText();
            }
            y -= size * 0.5f;
        }

        void image(PDImageXObject image, float width) throws IOException {
            float height = width * image.getHeight() / image.getWidth();
            if (y - height < MARGIN) {
                newPage();
            }
            y -= height + 6;
            stream.drawImage(image, MARGIN, y, width, height);
        }

        /** Greedy wrapping by measured width; breaks at spaces, or anywhere in text without spaces (Japanese). */
        private List<String> wrap(String text, float size) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder line = new StringBuilder();
            int i = 0;
            while (i < text.length()) {
                int next = text.indexOf(' ', i);
                String word = next < 0 ? text.substring(i) : text.substring(i, next + 1);
                for (int c = 0; c < word.length(); ) {
                    int cp = word.codePointAt(c);
                    String ch = new String(Character.toChars(cp));
                    String candidate = line + ch;
                    if (width(candidate, size) > WIDTH && line.length() > 0) {
                        int space = line.lastIndexOf(" ");
                        if (space > 0 && cp != ' ' && word.indexOf(' ') >= 0 && c < word.length()) {
                            lines.add(line.substring(0, space));
                            line = new StringBuilder(line.substring(space + 1));
                        } else {
                            lines.add(line.toString());
                            line = new StringBuilder();
                        }
                    }
                    line.append(ch);
                    c += Character.charCount(cp);
                }
                i += word.length();
            }
            if (line.length() > 0) {
                lines.add(line.toString().stripTrailing());
            }
            return lines;
        }

        private float width(String text, float size) throws IOException {
            float width = 0;
            for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
                int cp = text.codePointAt(i);
                width += fontFor(cp).getStringWidth(new String(Character.toChars(cp))) / 1000 * size;
            }
            return width;
        }

        void close() throws IOException {
            stream.close();
        }
    }

    /** Reads a report file back as text (for checks): the PDF's extracted text or the HTML. */
    static String textOf(Path file) throws IOException {
        if (file.toString().endsWith(".pdf")) {
            try (PDDocument document = org.apache.pdfbox.Loader.loadPDF(file.toFile())) {
                return new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            }
        }
        return Files.readString(file);
    }
}
