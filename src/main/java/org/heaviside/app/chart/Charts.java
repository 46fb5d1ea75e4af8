package org.heaviside.app.chart;

import java.awt.Color;
import java.awt.Font;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.heaviside.report.ChartTheme;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.labels.StandardCategoryToolTipGenerator;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.data.category.DefaultCategoryDataset;

/** Builds the workbench's charts; every one passes through the shared flat {@link ChartTheme}. */
public final class Charts {

    /** The colour of convex (globally optimal) results in every chart. */
    public static final Color CONVEX = ChartTheme.CONVEX;
    /** A neutral colour for data summaries. */
    public static final Color NEUTRAL = ChartTheme.NEUTRAL;
    private static final Font TITLE = ChartTheme.TITLE;
    private static final Font LABEL = ChartTheme.LABEL;

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
        org.jfree.chart.plot.XYPlot plot = new org.jfree.chart.plot.XYPlot(
                new org.jfree.data.xy.XYSeriesCollection(objective), x, left, first);
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer second = onRightAxis(plot, right, gap, true);
        second.setSeriesPaint(0, ChartTheme.MARK);
        second.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-2, -2, 4, 4));
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        style(chart);
        return chart;
    }

    /** A colour per method: the convex ones in {@link #CONVEX}, the baselines in fixed others. */
    public static Color methodColor(String method) {
        return ChartTheme.methodColor(method);
    }

    /**
     * J (or the primary test metric) against training time: each baseline run as a curve (one per
     * seed), each convex run as a single marker at its final value and time. Log axes for time, and
     * for J.
     */
    public static JFreeChart objectiveOverTime(String title, String xLabel, String yLabel,
                                               org.heaviside.experiment.ExperimentResult result, boolean metric) {
        org.jfree.data.xy.XYSeriesCollection data = new org.jfree.data.xy.XYSeriesCollection();
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer renderer =
                new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer();
        java.util.Set<String> legend = new java.util.HashSet<>();
        int index = 0;
        for (org.heaviside.experiment.Run run : result.runs()) {
            org.jfree.data.xy.XYSeries series = new org.jfree.data.xy.XYSeries(run.method() + " #" + run.seed(), false,
                    true);
            for (org.heaviside.ste.CurvePoint point : run.curve()) {
                double y = metric ? point.test().getOrDefault(result.primaryMetric(), Double.NaN) : point.objective();
                if (point.seconds() > 0 && !Double.isNaN(y) && (metric || y > 0)) {
                    series.add(Math.max(point.seconds(), 1e-3), y);
                }
            }
            data.addSeries(series);
            boolean convex = run.curve().size() == 1;
            renderer.setSeriesPaint(index, methodColor(run.method()));
            renderer.setSeriesLinesVisible(index, !convex);
            renderer.setSeriesShapesVisible(index, convex);
            renderer.setSeriesShape(index, new java.awt.geom.Ellipse2D.Double(-4, -4, 8, 8));
            renderer.setSeriesVisibleInLegend(index, legend.add(run.method()));
            index++;
        }
        renderer.setDefaultToolTipGenerator(new org.jfree.chart.labels.StandardXYToolTipGenerator());
        org.jfree.chart.axis.LogAxis x = new org.jfree.chart.axis.LogAxis(xLabel);
        x.setSmallestValue(1e-3);
        org.jfree.chart.axis.ValueAxis y;
        if (metric) {
            org.jfree.chart.axis.NumberAxis linear = new org.jfree.chart.axis.NumberAxis(yLabel);
            linear.setAutoRangeIncludesZero(false);
            y = linear;
        } else {
            org.jfree.chart.axis.LogAxis log = new org.jfree.chart.axis.LogAxis(yLabel);
            log.setSmallestValue(1e-300);
            y = log;
        }
        org.jfree.chart.plot.XYPlot plot = new org.jfree.chart.plot.XYPlot(data, x, y, renderer);
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        style(chart);
        return chart;
    }

    /** A box plot of J per method across the seeds (the stability across runs). */
    public static JFreeChart spread(String title, String yLabel, org.heaviside.experiment.ExperimentResult result) {
        org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset data =
                new org.jfree.data.statistics.DefaultBoxAndWhiskerCategoryDataset();
        for (org.heaviside.experiment.MethodSummary summary : result.methods()) {
            java.util.List<Double> values = result.runs().stream().filter(r -> r.method().equals(summary.name()))
                    .map(org.heaviside.experiment.Run::objective).toList();
            data.add(values, yLabel, summary.name());
        }
        org.jfree.chart.renderer.category.BoxAndWhiskerRenderer renderer =
                new org.jfree.chart.renderer.category.BoxAndWhiskerRenderer();
        renderer.setSeriesPaint(0, NEUTRAL);
        renderer.setMeanVisible(false);
        renderer.setMaximumBarWidth(0.12);
        renderer.setDefaultToolTipGenerator(new org.jfree.chart.labels.BoxAndWhiskerToolTipGenerator());
        org.jfree.chart.axis.NumberAxis axis = new org.jfree.chart.axis.NumberAxis(yLabel);
        axis.setAutoRangeIncludesZero(false);
        CategoryPlot plot = new CategoryPlot(data, new org.jfree.chart.axis.CategoryAxis(), axis, renderer);
        JFreeChart chart = new JFreeChart(title, TITLE, plot, false);
        style(chart);
        return chart;
    }

    /** Mean excess of J over the convex reference per method, in percent. */
    public static JFreeChart excess(String title, String axis, org.heaviside.experiment.ExperimentResult result) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (org.heaviside.experiment.MethodSummary summary : result.methods()) {
            if (!summary.name().equals(result.reference())) {
                data.addValue(100 * summary.excess().mean(), axis, summary.name());
            }
        }
        JFreeChart chart = ChartFactory.createBarChart(title, "", axis, data, PlotOrientation.VERTICAL, false, true,
                false);
        BarRenderer renderer = (BarRenderer) chart.getCategoryPlot().getRenderer();
        renderer.setSeriesPaint(0, NEUTRAL);
        style(chart);
        return chart;
    }

    /**
     * The cross-validation curve, glmnet style: mean validation loss with a one-standard-error band
     * against the β ratio (log axis), the mean number of neurons on a second axis, the chosen ratio
     * marked, and {@code stopNote} (why the path ended) under the title.
     */
    public static JFreeChart crossValidation(String title, String xLabel, String lossLabel, String neuronsLabel,
                                             String chosenLabel, String stopNote,
                                             org.heaviside.network.CrossValidation cv) {
        org.jfree.data.xy.YIntervalSeries loss = new org.jfree.data.xy.YIntervalSeries(lossLabel);
        org.jfree.data.xy.XYSeries neurons = new org.jfree.data.xy.XYSeries(neuronsLabel);
        for (int r = 0; r < cv.ratios().length; r++) {
            loss.add(cv.ratios()[r], cv.meanLoss()[r], cv.meanLoss()[r] - cv.standardError()[r],
                    cv.meanLoss()[r] + cv.standardError()[r]);
            neurons.add(cv.ratios()[r], cv.meanNeurons()[r]);
        }
        org.jfree.data.xy.YIntervalSeriesCollection band = new org.jfree.data.xy.YIntervalSeriesCollection();
        band.addSeries(loss);
        org.jfree.chart.renderer.xy.DeviationRenderer renderer = new org.jfree.chart.renderer.xy.DeviationRenderer(true,
                true);
        renderer.setSeriesPaint(0, CONVEX);
        renderer.setSeriesFillPaint(0, new Color(CONVEX.getRed(), CONVEX.getGreen(), CONVEX.getBlue(), 60));
        renderer.setDefaultToolTipGenerator(new org.jfree.chart.labels.StandardXYToolTipGenerator());
        org.jfree.chart.axis.LogAxis x = new org.jfree.chart.axis.LogAxis(xLabel);
        x.setSmallestValue(1e-6);
        org.jfree.chart.axis.NumberAxis y = new org.jfree.chart.axis.NumberAxis(lossLabel);
        y.setAutoRangeIncludesZero(false);
        org.jfree.chart.plot.XYPlot plot = new org.jfree.chart.plot.XYPlot(band, x, y, renderer);
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer second = onRightAxis(plot,
                new org.jfree.chart.axis.NumberAxis(neuronsLabel), neurons, false);
        second.setSeriesPaint(0, NEUTRAL);
        second.setSeriesStroke(0, new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT,
                java.awt.BasicStroke.JOIN_MITER, 1f, new float[] {4f, 3f}, 0f));
        org.jfree.chart.plot.ValueMarker chosen = new org.jfree.chart.plot.ValueMarker(cv.chosenRatio());
        chosen.setPaint(ChartTheme.MARK);
        chosen.setLabel(chosenLabel);
        chosen.setLabelFont(LABEL);
        // inside the plot, right of the line at its top (the default centres it on the plot's edge, half under the title)
        chosen.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
        chosen.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_LEFT);
        plot.addDomainMarker(chosen);
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        chart.addSubtitle(new org.jfree.chart.title.TextTitle(stopNote, LABEL));
        style(chart);
        return chart;
    }

    /** Distinct patterns and the convex objective against the number of sampled directions (log axis). */
    public static JFreeChart patternCoverage(String title, String xLabel, String patternsLabel, String objectiveLabel,
                                             org.heaviside.network.PatternCoverage coverage) {
        org.jfree.data.xy.XYSeries patterns = new org.jfree.data.xy.XYSeries(patternsLabel);
        org.jfree.data.xy.XYSeries objective = new org.jfree.data.xy.XYSeries(objectiveLabel);
        for (int p = 0; p < coverage.directions().length; p++) {
            patterns.add(coverage.directions()[p], coverage.patterns()[p]);
            objective.add(coverage.directions()[p], coverage.objective()[p]);
        }
        org.jfree.chart.axis.LogAxis x = new org.jfree.chart.axis.LogAxis(xLabel);
        org.jfree.chart.axis.NumberAxis left = new org.jfree.chart.axis.NumberAxis(patternsLabel);
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer first =
                new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, true);
        first.setSeriesPaint(0, NEUTRAL);
        org.jfree.chart.plot.XYPlot plot = new org.jfree.chart.plot.XYPlot(
                new org.jfree.data.xy.XYSeriesCollection(patterns), x, left, first);
        org.jfree.chart.axis.NumberAxis right = new org.jfree.chart.axis.NumberAxis(objectiveLabel);
        right.setAutoRangeIncludesZero(false);
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer second = onRightAxis(plot, right, objective, true);
        second.setSeriesPaint(0, CONVEX);
        first.setDefaultToolTipGenerator(new org.jfree.chart.labels.StandardXYToolTipGenerator());
        second.setDefaultToolTipGenerator(new org.jfree.chart.labels.StandardXYToolTipGenerator());
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        style(chart);
        return chart;
    }

    /** Puts a second series on its own range axis at the right; returns the renderer that draws it (lines). */
    private static org.jfree.chart.renderer.xy.XYLineAndShapeRenderer onRightAxis(org.jfree.chart.plot.XYPlot plot,
            org.jfree.chart.axis.ValueAxis axis, org.jfree.data.xy.XYSeries series, boolean shapes) {
        plot.setRangeAxis(1, axis);
        plot.setDataset(1, new org.jfree.data.xy.XYSeriesCollection(series));
        plot.mapDatasetToRangeAxis(1, 1);
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer renderer =
                new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, shapes);
        plot.setRenderer(1, renderer);
        return renderer;
    }

    /** Predicted against actual values (regression), with the diagonal where they agree. */
    public static JFreeChart predictedActual(String title, String xLabel, String yLabel, double[][] pairs) {
        org.jfree.data.xy.XYSeries points = new org.jfree.data.xy.XYSeries(yLabel, false, true);
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double[] pair : pairs) {
            points.add(pair[0], pair[1]);
            low = Math.min(low, Math.min(pair[0], pair[1]));
            high = Math.max(high, Math.max(pair[0], pair[1]));
        }
        org.jfree.data.xy.XYSeries diagonal = new org.jfree.data.xy.XYSeries("y = x");
        diagonal.add(low, low);
        diagonal.add(high, high);
        org.jfree.data.xy.XYSeriesCollection data = new org.jfree.data.xy.XYSeriesCollection(points);
        data.addSeries(diagonal);
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer renderer =
                new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer();
        renderer.setSeriesLinesVisible(0, false);
        renderer.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-1.5, -1.5, 3, 3));
        renderer.setSeriesPaint(0, CONVEX);
        renderer.setSeriesShapesVisible(1, false);
        renderer.setSeriesPaint(1, NEUTRAL);
        org.jfree.chart.axis.NumberAxis x = new org.jfree.chart.axis.NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        org.jfree.chart.axis.NumberAxis y = new org.jfree.chart.axis.NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        org.jfree.chart.plot.XYPlot plot = new org.jfree.chart.plot.XYPlot(data, x, y, renderer);
        JFreeChart chart = new JFreeChart(title, TITLE, plot, false);
        style(chart);
        return chart;
    }

    /**
     * An operating-point curve (ROC or precision-recall) on a unit square: the primary rows' curve in
     * the convex colour, the reference rows' dashed (when given), and {@code marker}, the current
     * operating point, as a large dot the caller moves. Points are {x, y}; undefined ones are skipped.
     */
    public static JFreeChart operatingCurve(String title, String xLabel, String yLabel, String primaryName,
                                            double[][] primary, String referenceName, double[][] reference,
                                            org.jfree.data.xy.XYSeries marker) {
        org.jfree.data.xy.XYSeriesCollection data = new org.jfree.data.xy.XYSeriesCollection();
        data.addSeries(marker);
        data.addSeries(curveSeries(primaryName, primary));
        if (reference != null) {
            data.addSeries(curveSeries(referenceName, reference));
        }
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer renderer =
                new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer();
        renderer.setSeriesLinesVisible(0, false);
        renderer.setSeriesShape(0, new java.awt.geom.Ellipse2D.Double(-6, -6, 12, 12));
        renderer.setSeriesPaint(0, ChartTheme.MARK);
        renderer.setSeriesShapesVisible(1, false);
        renderer.setSeriesPaint(1, CONVEX);
        renderer.setSeriesStroke(1, new java.awt.BasicStroke(2f));
        renderer.setSeriesShapesVisible(2, false);
        renderer.setSeriesPaint(2, NEUTRAL);
        renderer.setSeriesStroke(2, new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT,
                java.awt.BasicStroke.JOIN_MITER, 1f, new float[] {4f, 3f}, 0f));
        renderer.setDefaultToolTipGenerator(new org.jfree.chart.labels.StandardXYToolTipGenerator());
        org.jfree.chart.axis.NumberAxis x = new org.jfree.chart.axis.NumberAxis(xLabel);
        x.setRange(0, 1);
        org.jfree.chart.axis.NumberAxis y = new org.jfree.chart.axis.NumberAxis(yLabel);
        y.setRange(0, 1.02);
        org.jfree.chart.plot.XYPlot plot = new org.jfree.chart.plot.XYPlot(data, x, y, renderer);
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        style(chart);
        return chart;
    }

    private static org.jfree.data.xy.XYSeries curveSeries(String name, double[][] points) {
        org.jfree.data.xy.XYSeries series = new org.jfree.data.xy.XYSeries(name, false, true);
        for (double[] point : points) {
            if (!Double.isNaN(point[0]) && !Double.isNaN(point[1])) {
                series.add(point[0], point[1], false);
            }
        }
        return series;
    }

    /** Applies the shared flat theme (fonts, palette, backgrounds, no gradients or shadows) to a chart. */
    public static void style(JFreeChart chart) {
        ChartTheme.apply(chart);
    }

    /** A viewer for a chart, sized to its container. */
    public static ChartViewer viewer(JFreeChart chart) {
        ChartViewer viewer = new ChartViewer(chart);
        viewer.setMinSize(120, 120);
        viewer.setPrefSize(320, 220);
        return viewer;
    }
}
