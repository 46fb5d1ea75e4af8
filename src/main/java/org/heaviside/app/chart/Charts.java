package org.heaviside.app.chart;

import java.awt.Color;
import java.awt.Font;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.labels.StandardCategoryToolTipGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/** Builds the workbench's charts with shared fonts and colours. */
public final class Charts {

    /** The colour of convex (globally optimal) results in every chart. */
    public static final Color CONVEX = new Color(0x1f, 0x6f, 0xb4);
    /** A neutral colour for data summaries. */
    public static final Color NEUTRAL = new Color(0x5b, 0x6b, 0x7b);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private Charts() {
    }

    /**
     * A horizontal bar chart of rows per class.
     *
     * @param title   chart title
     * @param axis    label of the row-count axis
     * @param counts  label to count, in display order
     */
    public static JFreeChart classBalance(String title, String classAxis, String axis, Map<String, Integer> counts) {
        DefaultCategoryDataset dataset = new DefaultCategoryDataset();
        counts.forEach((label, count) -> dataset.addValue(count, axis, label));
        JFreeChart chart = ChartFactory.createBarChart(title, classAxis, axis, dataset, PlotOrientation.HORIZONTAL,
                false, true, false);
        CategoryPlot plot = chart.getCategoryPlot();
        BarRenderer renderer = (BarRenderer) plot.getRenderer();
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        renderer.setSeriesPaint(0, NEUTRAL);
        renderer.setDefaultToolTipGenerator(new StandardCategoryToolTipGenerator());
        style(chart);
        return chart;
    }

    /**
     * The live convergence chart: the objective (left, log scale) and the duality gap (right, log
     * scale) against the sweep.
     */
    public static JFreeChart convergence(String title, String xLabel, org.jfree.data.xy.XYSeries objective,
                                         org.jfree.data.xy.XYSeries gap) {
        org.jfree.chart.axis.NumberAxis x = new org.jfree.chart.axis.NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        org.jfree.chart.axis.LogAxis left = new org.jfree.chart.axis.LogAxis(objective.getKey().toString());
        left.setSmallestValue(1e-300);
        org.jfree.chart.axis.LogAxis right = new org.jfree.chart.axis.LogAxis(gap.getKey().toString());
        right.setSmallestValue(1e-300);
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer first =
                new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, false);
        first.setSeriesPaint(0, CONVEX);
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer second =
                new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, true);
        second.setSeriesPaint(0, new Color(0xd9, 0x5f, 0x02));
        second.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
        org.jfree.chart.plot.XYPlot plot = new org.jfree.chart.plot.XYPlot(
                new org.jfree.data.xy.XYSeriesCollection(objective), x, left, first);
        plot.setDataset(1, new org.jfree.data.xy.XYSeriesCollection(gap));
        plot.setRangeAxis(1, right);
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, second);
        plot.setBackgroundPaint(new Color(0xf7, 0xf8, 0xfa));
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        style(chart);
        return chart;
    }

    /** Applies the shared fonts and background to a chart. */
    public static void style(JFreeChart chart) {
        chart.setBackgroundPaint(Color.WHITE);
        chart.getTitle().setFont(TITLE);
        if (chart.getPlot() instanceof CategoryPlot plot) {
            plot.setBackgroundPaint(new Color(0xf7, 0xf8, 0xfa));
            plot.setRangeGridlinePaint(new Color(0xcc, 0xcc, 0xcc));
            plot.getDomainAxis().setLabelFont(LABEL);
            plot.getRangeAxis().setLabelFont(LABEL);
        }
    }

    /** A viewer for a chart, sized to its container. */
    public static ChartViewer viewer(JFreeChart chart) {
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setMinSize(120, 120);
        viewer.setPrefSize(320, 220);
        return viewer;
    }
}
