package org.heaviside.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.junit.jupiter.api.Test;

/** The shared chart theme: flat bars without shadows, readable type, the palette kept. */
class ChartThemeTest {

    @Test
    void barsAreFlatAndTypeIsReadable() {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        data.addValue(1, "s", "a");
        JFreeChart chart = ChartFactory.createBarChart("t", "x", "y", data, PlotOrientation.VERTICAL, true, false,
                false);
        BarRenderer renderer = (BarRenderer) chart.getCategoryPlot().getRenderer();
        renderer.setSeriesPaint(0, ChartTheme.CONVEX);
        assertThat(renderer.getBarPainter()).isNotInstanceOf(StandardBarPainter.class); // JFreeChart's gradient default
        ChartTheme.apply(chart);
        assertThat(renderer.getBarPainter()).isInstanceOf(StandardBarPainter.class);
        assertThat(renderer.getShadowsVisible()).isFalse();
        assertThat(renderer.getSeriesPaint(0)).isEqualTo(ChartTheme.CONVEX);
        assertThat(chart.getCategoryPlot().getRangeAxis().getTickLabelFont().getSize()).isGreaterThanOrEqualTo(11);
        assertThat(chart.getCategoryPlot().getRangeAxis().getLabelFont().getSize()).isGreaterThanOrEqualTo(12);
        assertThat(chart.getCategoryPlot().getBackgroundPaint()).isEqualTo(Color.WHITE);
    }

    @Test
    void theOperatingPointChartMarksTheChosenThreshold() {
        HeldOut heldOut = new HeldOut(new boolean[] {true, false, true, false}, new double[] {0.9, -0.4, -0.1, 0.2},
                HeldOut.Source.OTHER_FILE, Double.NaN, 0);
        JFreeChart chart = ReportCharts.savingsAgainstThreshold("t", "x", "y", "used", heldOut,
                new RoiInputs(100, 10, 1, 0, "EUR"), 0, java.util.Locale.ENGLISH);
        assertThat(chart.getXYPlot().getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND)).hasSize(1);
        var point = chart.getXYPlot().getDataset().getSeriesCount();
        assertThat(point).isEqualTo(2);
        // the marked point is the savings at t = 0: 1 of 2 failures caught, 1 false alarm in 4 rows
        assertThat(chart.getXYPlot().getDataset().getYValue(1, 0)).isEqualTo(365 * 100 * (0.25 * 10 - 0.25 * 1));
    }
}
