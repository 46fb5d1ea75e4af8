package org.heaviside.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Text from the user's data in the PDF: line breaks become spaces, a character no font has becomes '?'. */
class PdfWriterTest {

    @Test
    void controlCharactersAndMissingGlyphsDoNotBreakThePdf() throws Exception {
        try {
            Fonts.find(Locale.ENGLISH);
        } catch (IllegalArgumentException e) {
            Assumptions.abort("no TrueType font on this machine for the PDF");
        }
        String name = "fault\nrate \ue000 <b>";
        ReportContent content = new ReportContent(Locale.ENGLISH, "t", List.of(new ReportContent.Heading(name, 1),
                new ReportContent.Paragraph("Target " + name + " end.")));
        try (PDDocument document = Loader.loadPDF(PdfWriter.write(content))) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
            assertThat(text).contains("fault rate ? <b>").contains("Target fault rate ? <b> end.");
        }
    }
}
