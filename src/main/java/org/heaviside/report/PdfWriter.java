package org.heaviside.report;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.apache.pdfbox.pdmodel.graphics.image.LosslessFactory;
import org.apache.pdfbox.pdmodel.graphics.image.PDImageXObject;
import org.heaviside.report.ReportContent.Block;
import org.heaviside.report.ReportContent.Chart;
import org.heaviside.report.ReportContent.Figure;
import org.heaviside.report.ReportContent.Heading;
import org.heaviside.report.ReportContent.KeyFigures;
import org.heaviside.report.ReportContent.Paragraph;
import org.heaviside.report.ReportContent.Style;
import org.heaviside.report.ReportContent.Table;

/**
 * Lays the report's content out on A4 pages with PDFBox: embedded TrueType fonts (a Japanese one
 * after the Latin one for Japanese text), lines broken by {@link LineBreaker}, the key-figures box as
 * a tinted panel, tables with rules, charts rendered by JFreeChart at print resolution. Headings stay
 * with what follows them.
 */
final class PdfWriter {

    private static final float MARGIN = 56;
    private static final float TOP = PDRectangle.A4.getHeight() - MARGIN;
    private static final float WIDTH = PDRectangle.A4.getWidth() - 2 * MARGIN;
    private static final float LEADING = 1.38f;
    /** Chart size in chart pixels (fonts are set for it) and the raster's scale. */
    private static final int CHART_W = 600;
    private static final int CHART_H = 290;
    private static final int CHART_SCALE = 3;
    private static final Color POSITIVE = new Color(0x2e, 0x7d, 0x32);

    private final PDDocument document;
    private final List<PDFont> regular = new ArrayList<>();
    private final List<PDFont> bold = new ArrayList<>();
    private final java.util.Map<Integer, PDFont> chosen = new java.util.HashMap<>();
    private PDPageContentStream stream;
    private float y;

    private PdfWriter(PDDocument document, Locale locale) throws IOException {
        this.document = document;
        PDFont latin = PDType0Font.load(document, Fonts.find(Locale.ENGLISH).toFile());
        Path boldFile = Fonts.findBold();
        regular.add(latin);
        bold.add(boldFile == null ? latin : PDType0Font.load(document, boldFile.toFile()));
        Path japaneseFile = null;
        if ("ja".equals(locale.getLanguage())) {
            japaneseFile = Fonts.find(locale);
        } else {
            // column and target names may be Japanese in an English report: a CJK font when there is one
            try {
                japaneseFile = Fonts.find(Locale.JAPANESE);
            } catch (IllegalArgumentException none) {
                // no CJK font: such characters show as '?'
            }
        }
        if (japaneseFile != null) {
            PDFont japanese = PDType0Font.load(document, japaneseFile.toFile());
            regular.add(japanese);
            bold.add(japanese);
        }
    }

    /** The content as PDF bytes. */
    static byte[] write(ReportContent content) throws IOException {
        try (PDDocument document = new PDDocument()) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setTitle(content.title());
            PdfWriter writer = new PdfWriter(document, content.locale());
            writer.newPage();
            List<Block> blocks = content.blocks();
            for (int b = 0; b < blocks.size(); b++) {
                writer.block(blocks.get(b), b + 1 < blocks.size() ? blocks.get(b + 1) : null);
            }
            writer.stream.close();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            document.save(bytes);
            return bytes.toByteArray();
        }
    }

    private void block(Block block, Block next) throws IOException {
        if (block instanceof Heading h) {
            heading(h, next);
        } else if (block instanceof Paragraph p) {
            paragraph(p);
        } else if (block instanceof KeyFigures k) {
            keyFigures(k);
        } else if (block instanceof Table t) {
            table(t);
        } else if (block instanceof Chart c) {
            chart(c);
        }
    }

    private void heading(Heading heading, Block next) throws IOException {
        float size = heading.level() == 1 ? 19 : 13;
        List<String> lines = wrap(heading.text(), WIDTH, size, true);
        float needed = lines.size() * size * LEADING + (next instanceof Paragraph ? 40 : 120);
        if (heading.level() > 1) {
            y -= 12;
            if (y - needed < MARGIN) {
                newPage();
            }
        }
        for (String line : lines) {
            y -= size * LEADING;
            text(line, MARGIN, y, size, true, ChartTheme.TEXT);
        }
        if (heading.level() > 1) {
            y -= 4;
            rule(MARGIN, y, WIDTH, ChartTheme.GRID);
        }
        y -= heading.level() == 1 ? 8 : 6;
    }

    private void paragraph(Paragraph paragraph) throws IOException {
        float size = paragraph.style() == Style.LEAD ? 12.5f : paragraph.style() == Style.SMALL ? 8.5f : 10;
        Color color = paragraph.style() == Style.SMALL ? ChartTheme.NEUTRAL : ChartTheme.TEXT;
        for (String line : wrap(paragraph.text(), WIDTH, size, false)) {
            if (y - size * LEADING < MARGIN) {
                newPage();
            }
            y -= size * LEADING;
            text(line, MARGIN, y, size, false, color);
        }
        y -= size * 0.6f;
    }

    private void keyFigures(KeyFigures box) throws IOException {
        float pad = 12;
        float inner = WIDTH - 2 * pad - 4;
        float labelWidth = inner * 0.42f;
        float valueWidth = inner - labelWidth;
        // measure first, then draw the panel and the text on it
        List<List<String>[]> rows = new ArrayList<>();
        float height = pad + 11 * LEADING + 4;
        for (Figure figure : box.figures()) {
            @SuppressWarnings("unchecked")
            List<String>[] row = new List[] {wrap(figure.label(), labelWidth - 8, 10, false),
                    wrap(figure.value(), valueWidth, 13, true), wrap(figure.range(), valueWidth, 8.5f, false)};
            rows.add(row);
            height += Math.max(row[0].size() * 10 * LEADING, row[1].size() * 13 * LEADING
                    + row[2].size() * 8.5f * LEADING) + 6;
        }
        List<String> decision = wrap(box.decision(), inner, 11.5f, true);
        List<String> basis = wrap(box.basis(), inner, 8, false);
        height += 6 + decision.size() * 11.5f * LEADING + 4 + basis.size() * 8 * LEADING + pad;
        if (y - height < MARGIN) {
            newPage();
        }
        y -= 6;
        float top = y;
        stream.setNonStrokingColor(ChartTheme.PANEL);
        stream.addRect(MARGIN, top - height, WIDTH, height);
        stream.fill();
        stream.setNonStrokingColor(ChartTheme.CONVEX);
        stream.addRect(MARGIN, top - height, 4, height);
        stream.fill();
        float x = MARGIN + 4 + pad;
        y = top - pad;
        y -= 11 * LEADING;
        text(box.heading(), x, y, 11, true, ChartTheme.CONVEX);
        y -= 4;
        for (List<String>[] row : rows) {
            float rowTop = y;
            float left = rowTop - (13 - 10) * LEADING; // the label's first baseline on the value's
            for (String line : row[0]) {
                left -= 10 * LEADING;
                text(line, x, left, 10, false, ChartTheme.TEXT);
            }
            float right = rowTop;
            for (String line : row[1]) {
                right -= 13 * LEADING;
                text(line, x + labelWidth, right, 13, true, ChartTheme.TEXT);
            }
            for (String line : row[2]) {
                right -= 8.5f * LEADING;
                text(line, x + labelWidth, right, 8.5f, false, ChartTheme.NEUTRAL);
            }
            y = Math.min(left, right) - 6;
        }
        y -= 6;
        rule(x, y + 3, inner, ChartTheme.GRID);
        for (String line : decision) {
            y -= 11.5f * LEADING;
            text(line, x, y, 11.5f, true, box.positive() ? POSITIVE : ChartTheme.PROBLEM);
        }
        y -= 4;
        for (String line : basis) {
            y -= 8 * LEADING;
            text(line, x, y, 8, false, ChartTheme.NEUTRAL);
        }
        y = top - height - 10;
    }

    private void table(Table table) throws IOException {
        double total = 0;
        for (double w : table.widths()) {
            total += w;
        }
        float[] widths = new float[table.widths().length];
        for (int c = 0; c < widths.length; c++) {
            widths[c] = (float) (WIDTH * table.widths()[c] / total);
        }
        row(table.header(), widths, table.numeric(), 8.5f, true, true);
        for (List<String> cells : table.rows()) {
            row(cells, widths, table.numeric(), 9, false, false);
        }
        y -= 6;
    }

    private void row(List<String> cells, float[] widths, boolean[] numeric, float size, boolean header, boolean shade)
            throws IOException {
        float pad = 4;
        List<List<String>> lines = new ArrayList<>();
        int most = 1;
        for (int c = 0; c < cells.size(); c++) {
            lines.add(wrap(cells.get(c), widths[c] - 2 * pad, size, header));
            most = Math.max(most, lines.get(c).size());
        }
        float height = most * size * LEADING + 2 * pad;
        if (y - height < MARGIN) {
            newPage();
        }
        if (shade) {
            stream.setNonStrokingColor(ChartTheme.PANEL);
            stream.addRect(MARGIN, y - height, WIDTH, height);
            stream.fill();
        }
        float x = MARGIN;
        for (int c = 0; c < cells.size(); c++) {
            float lineY = y - pad;
            for (String line : lines.get(c)) {
                lineY -= size * LEADING;
                float left = numeric[c] ? x + widths[c] - pad - width(line, size, header) : x + pad;
                text(line, left, lineY + size * 0.25f, size, header, ChartTheme.TEXT);
            }
            x += widths[c];
        }
        y -= height;
        rule(MARGIN, y, WIDTH, ChartTheme.GRID);
    }

    private void chart(Chart chart) throws IOException {
        BufferedImage image = new BufferedImage(CHART_W * CHART_SCALE, CHART_H * CHART_SCALE,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.scale(CHART_SCALE, CHART_SCALE);
        chart.chart().draw(g, new Rectangle2D.Double(0, 0, CHART_W, CHART_H));
        g.dispose();
        PDImageXObject xobject = LosslessFactory.createFromImage(document, image);
        float height = WIDTH * CHART_H / CHART_W;
        List<String> caption = wrap(chart.caption(), WIDTH, 8.5f, false);
        float needed = height + 8 + caption.size() * 8.5f * LEADING;
        if (y - needed < MARGIN) {
            newPage();
        }
        y -= height + 6;
        stream.drawImage(xobject, MARGIN, y, WIDTH, height);
        for (String line : caption) {
            y -= 8.5f * LEADING;
            text(line, MARGIN, y, 8.5f, false, ChartTheme.NEUTRAL);
        }
        y -= 8;
    }

    private void newPage() throws IOException {
        if (stream != null) {
            stream.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        document.addPage(page);
        stream = new PDPageContentStream(document, page);
        y = TOP;
    }

    private void rule(float x, float at, float length, Color color) throws IOException {
        stream.setStrokingColor(color);
        stream.setLineWidth(0.6f);
        stream.moveTo(x, at);
        stream.lineTo(x + length, at);
        stream.stroke();
    }

    /** Shows a line as runs of one font each. */
    private void text(String line, float x, float baseline, float size, boolean strong, Color color)
            throws IOException {
        stream.setNonStrokingColor(color);
        stream.beginText();
        stream.newLineAtOffset(x, baseline);
        int i = 0;
        while (i < line.length()) {
            PDFont font = fontFor(line.codePointAt(i), strong);
            int j = i;
            while (j < line.length() && fontFor(line.codePointAt(j), strong) == font) {
                j += Character.charCount(line.codePointAt(j));
            }
            stream.setFont(font, size);
            stream.showText(line.substring(i, j));
            i = j;
        }
        stream.endText();
    }

    /**
     * The text as the fonts can show it: control characters (a line break in a column name) as
     * spaces, a character no font has as '?'.
     */
    private String printable(String text, boolean strong) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                out.append(' ');
            } else if (fontFor(c, strong) == null) {
                out.append('?');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    /** The first font with a glyph for the code point (the Latin font, then the Japanese one), or null. */
    private PDFont fontFor(int codePoint, boolean strong) {
        return chosen.computeIfAbsent(strong ? -1 - codePoint : codePoint, key -> firstWithGlyph(codePoint, strong));
    }

    private PDFont firstWithGlyph(int codePoint, boolean strong) {
        List<PDFont> fonts = strong ? bold : regular;
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

    private List<String> wrap(String text, float width, float size, boolean strong) {
        return LineBreaker.lines(printable(text, strong), width, line -> width(line, size, strong));
    }

    private float width(String text, float size, boolean strong) {
        float width = 0;
        try {
            for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
                int cp = text.codePointAt(i);
                width += fontFor(cp, strong).getStringWidth(new String(Character.toChars(cp))) / 1000 * size;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return width;
    }
}
