package org.heaviside.report;

import java.awt.BasicStroke;
import java.awt.geom.Ellipse2D;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.heaviside.experiment.ExperimentResult;
import org.heaviside.experiment.MethodSummary;
import org.heaviside.experiment.Run;
import org.heaviside.experiment.Stats;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.BoxAndWhiskerRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The report's charts, in the shared {@link ChartTheme}. */
final class ReportCharts {

    /** Thresholds on the operating-point chart's curve. */
    private static final int STEPS = 120;

    private ReportCharts() {
    }

    /** J across seeds per method (box plots), each method in its colour. */
    static JFreeChart spread(String title, ExperimentResult result) {
        DefaultBoxAndWhiskerCategoryDataset data = new DefaultBoxAndWhiskerCategoryDataset();
        for (MethodSummary summary : result.methods()) {
            data.add(result.runs().stream().filter(r -> r.method().equals(summary.name())).map(Run::objective).toList(),
                    "J", summary.name());
        }
        BoxAndWhiskerRenderer renderer = new BoxAndWhiskerRenderer();
        renderer.setMeanVisible(false);
        renderer.setMaximumBarWidth(0.12);
        renderer.setFillBox(true);
        renderer.setUseOutlinePaintForWhiskers(true);
        renderer.setSeriesPaint(0, ChartTheme.CONVEX);
        renderer.setSeriesOutlinePaint(0, ChartTheme.TEXT);
        NumberAxis axis = new NumberAxis("J");
        axis.setAutoRangeIncludesZero(false);
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(), axis, renderer);
        return ChartTheme.apply(new JFreeChart(title, ChartTheme.TITLE, plot, false));
    }

    /** The primary held-out metric per method (bars, the convex reference in its colour). */
    static JFreeChart metric(String title, String metricName, ExperimentResult result) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        List<MethodSummary> methods = result.methods();
        for (MethodSummary summary : methods) {
            Stats stats = summary.test().get(result.primaryMetric());
            if (stats != null) {
                data.addValue(stats.mean(), metricName, summary.name());
            }
        }
        BarRenderer renderer = new BarRenderer() {
            @Override
            public java.awt.Paint getItemPaint(int row, int column) {
                return ChartTheme.methodColor(data.getColumnKey(column).toString());
            }
        };
        renderer.setMaximumBarWidth(0.12);
        NumberAxis axis = new NumberAxis(metricName);
        CategoryPlot plot = new CategoryPlot(data, new CategoryAxis(), axis, renderer);
        return ChartTheme.apply(new JFreeChart(title, ChartTheme.TITLE, plot, false));
    }

    /**
     * Expected net savings in the first year against the score threshold, on the held-out rows, with
     * the chosen threshold marked.
     */
    static JFreeChart savingsAgainstThreshold(String title, String xLabel, String yLabel, String chosenLabel,
                                              HeldOut heldOut, RoiInputs roi, double chosen, Locale locale) {
        double[] thresholds = thresholds(heldOut.score(), chosen);
        double[] savings = RoiEstimate.savingsCurve(heldOut, roi, thresholds);
        XYSeries curve = new XYSeries(yLabel, true, true);
        for (int k = 0; k < thresholds.length; k++) {
            curve.add(thresholds[k], savings[k]);
        }
        XYSeries point = new XYSeries(chosenLabel);
        point.add(chosen, RoiEstimate.savingsCurve(heldOut, roi, new double[] {chosen})[0]);
        XYSeriesCollection data = new XYSeriesCollection(curve);
        data.addSeries(point);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        renderer.setSeriesPaint(0, ChartTheme.CONVEX);
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        renderer.setSeriesShapesVisible(0, false);
        renderer.setSeriesPaint(1, ChartTheme.MARK);
        renderer.setSeriesLinesVisible(1, false);
        renderer.setSeriesShape(1, new Ellipse2D.Double(-5, -5, 10, 10));
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(yLabel);
        y.setStandardTickUnits(NumberAxis.createIntegerTickUnits(locale));
        y.setNumberFormatOverride(java.text.NumberFormat.getIntegerInstance(locale));
        XYPlot plot = new XYPlot(data, x, y, renderer);
        ValueMarker marker = new ValueMarker(chosen, ChartTheme.MARK, new BasicStroke(1.2f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1f, new float[] {4f, 3f}, 0f));
        marker.setLabel(chosenLabel);
        marker.setLabelFont(ChartTheme.LABEL);
        marker.setLabelPaint(ChartTheme.MARK);
        marker.setLabelBackgroundColor(java.awt.Color.WHITE);
        marker.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        marker.setLabelTextAnchor(TextAnchor.TOP_LEFT);
        plot.addDomainMarker(marker);
        ValueMarker zero = new ValueMarker(0, ChartTheme.NEUTRAL, new BasicStroke(0.8f));
        plot.addRangeMarker(zero);
        return ChartTheme.apply(new JFreeChart(title, ChartTheme.TITLE, plot, false));
    }

    /** Evenly spaced quantiles of the scores (from the lowest to just above the highest) and the chosen one. */
    static double[] thresholds(double[] scores, double chosen) {
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double[] out = new double[STEPS + 2];
        for (int k = 0; k <= STEPS; k++) {
            out[k] = sorted.length == 0 ? chosen : RoiEstimate.percentile(sorted, k / (double) STEPS);
        }
        out[STEPS] = Math.nextUp(out[STEPS]);
        out[STEPS + 1] = chosen;
        Arrays.sort(out);
        return out;
    }
}
