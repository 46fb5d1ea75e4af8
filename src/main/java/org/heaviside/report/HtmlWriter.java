package org.heaviside.report;

import java.awt.Rectangle;
import java.util.List;
import org.heaviside.report.ReportContent.Block;
import org.heaviside.report.ReportContent.Chart;
import org.heaviside.report.ReportContent.Figure;
import org.heaviside.report.ReportContent.Heading;
import org.heaviside.report.ReportContent.KeyFigures;
import org.heaviside.report.ReportContent.Paragraph;
import org.heaviside.report.ReportContent.Style;
import org.heaviside.report.ReportContent.Table;
import org.jfree.svg.SVGGraphics2D;

/**
 * Writes the report's content as one self-contained HTML file: the same blocks as the PDF, the
 * key-figures box as a tinted panel, tables as tables and the charts as inline SVG. Every piece of
 * text is escaped (column and file names come from the user's data).
 */
final class HtmlWriter {

    private static final String STYLE = "body{font-family:'DejaVu Sans',Arial,sans-serif;max-width:46em;margin:2em auto;"
            + "padding:0 1em;color:#33414e;line-height:1.45}h1{font-size:1.5em;margin-bottom:.4em}"
            + "h2{font-size:1.1em;margin-top:1.6em;border-bottom:1px solid #d5dbe1;padding-bottom:.2em}"
            + "p.lead{font-size:1.15em}p.small,figcaption{font-size:.8em;color:#5b6b7b}"
            + ".key-figures{background:#eef1f5;border-left:4px solid #1f6fb4;padding:.8em 1.1em;margin:1em 0}"
            + ".key-figures h2{border:none;color:#1f6fb4;margin:0 0 .4em;font-size:1em}"
            + ".key-figures dl{display:grid;grid-template-columns:42% 58%;margin:0}.key-figures dt{margin:.3em 0}"
            + ".key-figures dd{margin:.3em 0;font-weight:bold;font-size:1.15em}"
            + ".key-figures dd span{display:block;font-weight:normal;font-size:.7em;color:#5b6b7b}"
            + ".decision{font-weight:bold;border-top:1px solid #d5dbe1;padding-top:.5em}.go{color:#2e7d32}"
            + ".stop{color:#b3261e}table{border-collapse:collapse;width:100%;font-size:.9em}"
            + "th{background:#eef1f5;text-align:left}th,td{padding:.3em .5em;border-bottom:1px solid #d5dbe1}"
            + "td.n,th.n{text-align:right}figure{margin:1em 0}svg{max-width:100%;height:auto}"
            + "@page{size:A4;margin:20mm}";

    private HtmlWriter() {
    }

    /** The content as an HTML document. */
    static String write(ReportContent content) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"")
                .append(escape(content.locale().getLanguage())).append("\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(content.title())).append("</title><style>").append(STYLE).append("</style></head><body>\n");
        for (Block block : content.blocks()) {
            if (block instanceof Heading h) {
                String tag = "h" + h.level();
                out.append('<').append(tag).append('>').append(escape(h.text())).append("</").append(tag).append(">\n");
            } else if (block instanceof Paragraph p) {
                out.append(p.style() == Style.BODY ? "<p>" : p.style() == Style.LEAD ? "<p class=\"lead\">"
                        : "<p class=\"small\">").append(escape(p.text())).append("</p>\n");
            } else if (block instanceof KeyFigures k) {
                keyFigures(out, k);
            } else if (block instanceof Table t) {
                table(out, t);
            } else if (block instanceof Chart c) {
                SVGGraphics2D g = new SVGGraphics2D(600, 290);
                c.chart().draw(g, new Rectangle(0, 0, 600, 290));
                out.append("<figure>").append(g.getSVGElement()).append("<figcaption>").append(escape(c.caption()))
                        .append("</figcaption></figure>\n");
            }
        }
        return out.append("</body></html>\n").toString();
    }

    private static void keyFigures(StringBuilder out, KeyFigures box) {
        out.append("<section class=\"key-figures\" id=\"key-figures\"><h2>").append(escape(box.heading()))
                .append("</h2><dl>");
        for (Figure figure : box.figures()) {
            out.append("<dt>").append(escape(figure.label())).append("</dt><dd>").append(escape(figure.value()));
            if (!figure.range().isEmpty()) {
                out.append("<span>").append(escape(figure.range())).append("</span>");
            }
            out.append("</dd>");
        }
        out.append("</dl><p class=\"decision ").append(box.positive() ? "go" : "stop").append("\">")
                .append(escape(box.decision())).append("</p><p class=\"small\">").append(escape(box.basis()))
                .append("</p></section>\n");
    }

    private static void table(StringBuilder out, Table table) {
        out.append("<table><thead><tr>");
        cells(out, "th", table.header(), table.numeric());
        out.append("</tr></thead><tbody>");
        for (List<String> row : table.rows()) {
            out.append("<tr>");
            cells(out, "td", row, table.numeric());
            out.append("</tr>");
        }
        out.append("</tbody></table>\n");
    }

    private static void cells(StringBuilder out, String tag, List<String> cells, boolean[] numeric) {
        for (int c = 0; c < cells.size(); c++) {
            out.append('<').append(tag).append(numeric[c] ? " class=\"n\">" : ">").append(escape(cells.get(c)))
                    .append("</").append(tag).append('>');
        }
    }

    /** Text for HTML content and attribute values. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
