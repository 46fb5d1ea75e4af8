package org.heaviside.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.heaviside.run.AtomicFiles;

/**
 * The manager report: a headline and a key-figures box first (failures caught, false alarms per
 * day, expected net savings with their bootstrap ranges on held-out rows, and the decision), then
 * the evidence (accuracy and stability, optimality, training time, cost, the ROI in detail,
 * robustness) and an appendix (operating point, weights, costs, data files' SHA-256). What it says
 * is computed once ({@link ReportText} to {@link ReportContent}); {@link PdfWriter} and
 * {@link HtmlWriter} only lay it out. English or Japanese.
 */
public final class ManagerReport {

    private final ReportContent content;

    /** A report of the data in a language ("en" or "ja"). */
    public ManagerReport(ReportData data, Locale locale) {
        this.content = new ReportText(data, locale).content();
    }

    /** What the report says. */
    public ReportContent content() {
        return content;
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

    /** The report as self-contained HTML (charts as inline SVG). */
    public String html() {
        return HtmlWriter.write(content);
    }

    /** The report as PDF bytes. */
    public byte[] pdf() throws IOException {
        return PdfWriter.write(content);
    }

    /** Reads a report file back as text (for checks): the PDF's extracted text or the HTML. */
    static String textOf(Path file) throws IOException {
        if (file.toString().endsWith(".pdf")) {
            try (var document = org.apache.pdfbox.Loader.loadPDF(file.toFile())) {
                return new org.apache.pdfbox.text.PDFTextStripper().getText(document);
            }
        }
        return Files.readString(file);
    }
}
