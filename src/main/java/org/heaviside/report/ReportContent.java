package org.heaviside.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;

/**
 * What the report says, computed once from {@link ReportData} by {@link ReportText}: a title, a
 * headline, the key figures and the evidence, as blocks that the PDF and the HTML writer lay out
 * each in their own way. Text uses a no-break space (U+00A0) between a number and its unit.
 *
 * @param locale the language
 * @param title  the document's short title
 * @param blocks the blocks in reading order
 */
public record ReportContent(Locale locale, String title, List<Block> blocks) {

    /** Copies the blocks. */
    public ReportContent {
        blocks = List.copyOf(blocks);
    }

    /** One block of the report. */
    public sealed interface Block permits Heading, Paragraph, KeyFigures, Table, Chart {
    }

    /** A heading: level 1 for the title, 2 for a section. */
    public record Heading(String text, int level) implements Block {
    }

    /** A paragraph; {@code lead} for the headline sentence, {@code small} for notes and the appendix. */
    public record Paragraph(String text, Style style) implements Block {
        /** A body paragraph. */
        public Paragraph(String text) {
            this(text, Style.BODY);
        }
    }

    /** How a paragraph is set. */
    public enum Style {
        /** The headline sentence. */
        LEAD,
        /** Body text. */
        BODY,
        /** Notes, the appendix. */
        SMALL
    }

    /**
     * The key-figures box.
     *
     * @param heading  its heading
     * @param figures  label, value and range (or "") per figure
     * @param decision the decision in plain words
     * @param positive whether the decision is to go ahead
     * @param basis    where the figures come from
     */
    public record KeyFigures(String heading, List<Figure> figures, String decision, boolean positive, String basis)
            implements Block {
        /** Copies the figures. */
        public KeyFigures {
            figures = List.copyOf(figures);
        }
    }

    /** One key figure. */
    public record Figure(String label, String value, String range) {
    }

    /**
     * A table.
     *
     * @param header  column headings
     * @param rows    cells, row by row
     * @param widths  relative column widths
     * @param numeric per column, whether it is right-aligned
     */
    public record Table(List<String> header, List<List<String>> rows, double[] widths, boolean[] numeric)
            implements Block {
        /** Copies the rows. */
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    /** A chart, with a sentence on how to read it. */
    public record Chart(JFreeChart chart, String caption) implements Block {
    }

    /** Every word of the text (split at white space and no-break spaces), in order: for checks. */
    public List<String> words() {
        List<String> out = new ArrayList<>();
        for (String text : texts()) {
            for (String word : text.split("[\\s\\u00a0]+")) {
                if (!word.isEmpty()) {
                    out.add(word);
                }
            }
        }
        return out;
    }

    /** Every piece of text of the report, in order. */
    public List<String> texts() {
        List<String> out = new ArrayList<>();
        for (Block block : blocks) {
            if (block instanceof Heading h) {
                out.add(h.text());
            } else if (block instanceof Paragraph p) {
                out.add(p.text());
            } else if (block instanceof KeyFigures k) {
                out.add(k.heading());
                for (Figure f : k.figures()) {
                    out.add(f.label());
                    out.add(f.value());
                    out.add(f.range());
                }
                out.add(k.decision());
                out.add(k.basis());
            } else if (block instanceof Table t) {
                out.addAll(t.header());
                t.rows().forEach(out::addAll);
            } else if (block instanceof Chart c) {
                out.add(c.caption());
            }
        }
        return out;
    }
}
