package org.heaviside.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.Axis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.Plot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;

/**
 * The one chart theme of the workbench: its palette (the colours of the workbench's stylesheet),
 * flat fills (no gradients, no shadows), white backgrounds with light grid lines and type large
 * enough to read when a chart is printed at the width of an A4 column. The workbench's charts, their
 * PNG/SVG exports and the report's charts all pass through {@link #apply}. AWT and JFreeChart only,
 * no JavaFX, so both {@code app} and {@code report} use it.
 */
public final class ChartTheme {

    /** The workbench's accent; the colour of convex (globally optimal) results in every chart. */
    public static final Color CONVEX = new Color(0x1f, 0x6f, 0xb4);
    /** A neutral slate for data summaries and secondary series. */
    public static final Color NEUTRAL = new Color(0x5b, 0x6b, 0x7b);
    /** Orange: markers, the chosen point, the duality gap. */
    public static final Color MARK = new Color(0xd9, 0x5f, 0x02);
    /** The workbench's "problem" red. */
    public static final Color PROBLEM = new Color(0xb3, 0x26, 0x1e);
    /** Light panel fill (the workbench's navigation rail). */
    public static final Color PANEL = new Color(0xee, 0xf1, 0xf5);
    /** Grid lines and borders. */
    public static final Color GRID = new Color(0xd5, 0xdb, 0xe1);
    /** Body text. */
    public static final Color TEXT = new Color(0x33, 0x41, 0x4e);

    /** Chart titles. */
    public static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    /** Axis labels, legends and marker labels. */
    public static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    /** Tick labels. */
    public static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private ChartTheme() {
    }

    /** A colour per method: the convex ones in {@link #CONVEX}, the baselines in fixed others. */
    public static Color methodColor(String method) {
        return switch (method) {
            case "convex", "convex-deep" -> CONVEX;
            case "ste" -> MARK;
            case "relu" -> new Color(0x75, 0x70, 0xb3);
            case "leaky-relu" -> new Color(0xe7, 0x29, 0x8a);
            case "clipped-relu" -> new Color(0x66, 0xa6, 0x1e);
            default -> NEUTRAL;
        };
    }

    /**
     * Applies the theme to a built chart: fonts, backgrounds, grid lines, flat bars without shadows.
     * Series colours set by the chart's builder are kept.
     */
    public static JFreeChart apply(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        TextTitle title = chart.getTitle();
        if (title != null) {
            title.setFont(TITLE);
            title.setPaint(TEXT);
        }
        for (int i = 0; i < chart.getSubtitleCount(); i++) {
            if (chart.getSubtitle(i) instanceof LegendTitle legend) {
                legend.setItemFont(LABEL);
                legend.setItemPaint(TEXT);
                legend.setBackgroundPaint(Color.WHITE);
                legend.setFrame(org.jfree.chart.block.BlockBorder.NONE);
            }
        }
        Plot plot = chart.getPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(GRID);
        plot.setOutlineStroke(new BasicStroke(0.8f));
        if (plot instanceof CategoryPlot category) {
            category.setRangeGridlinePaint(GRID);
            category.setRangeGridlineStroke(new BasicStroke(0.8f));
            category.setDomainGridlinesVisible(false);
            axis(category.getDomainAxis());
            for (int i = 0; i < category.getRangeAxisCount(); i++) {
                axis(category.getRangeAxis(i));
            }
            for (int i = 0; i < category.getRendererCount(); i++) {
                flat(category.getRenderer(i));
            }
        } else if (plot instanceof XYPlot xy) {
            xy.setDomainGridlinePaint(GRID);
            xy.setRangeGridlinePaint(GRID);
            xy.setDomainGridlineStroke(new BasicStroke(0.8f));
            xy.setRangeGridlineStroke(new BasicStroke(0.8f));
            for (int i = 0; i < xy.getDomainAxisCount(); i++) {
                axis(xy.getDomainAxis(i));
            }
            for (int i = 0; i < xy.getRangeAxisCount(); i++) {
                axis(xy.getRangeAxis(i));
            }
            for (int i = 0; i < xy.getRendererCount(); i++) {
                flat(xy.getRenderer(i));
            }
        }
        return chart;
    }

    private static void axis(Axis axis) {
        if (axis == null) {
            return;
        }
        axis.setLabelFont(LABEL);
        axis.setLabelPaint(TEXT);
        axis.setTickLabelFont(TICK);
        axis.setTickLabelPaint(TEXT);
        axis.setAxisLinePaint(NEUTRAL);
        axis.setTickMarkPaint(NEUTRAL);
    }

    private static void flat(CategoryItemRenderer renderer) {
        if (renderer instanceof BarRenderer bars) {
            bars.setBarPainter(new StandardBarPainter());
            bars.setShadowVisible(false);
            bars.setDrawBarOutline(false);
        }
    }

    private static void flat(XYItemRenderer renderer) {
        if (renderer instanceof XYBarRenderer bars) {
            bars.setBarPainter(new StandardXYBarPainter());
            bars.setShadowVisible(false);
        }
    }
}
