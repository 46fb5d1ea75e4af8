package org.heaviside.report;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.heaviside.experiment.ExperimentResult;
import org.heaviside.experiment.MethodSummary;
import org.heaviside.experiment.Stats;
import org.heaviside.report.ReportContent.Block;
import org.heaviside.report.ReportContent.Chart;
import org.heaviside.report.ReportContent.Figure;
import org.heaviside.report.ReportContent.Heading;
import org.heaviside.report.ReportContent.KeyFigures;
import org.heaviside.report.ReportContent.Paragraph;
import org.heaviside.report.ReportContent.Style;
import org.heaviside.report.ReportContent.Table;

/**
 * Says what the report says, once, for both writers: the headline and the key figures first (from
 * the held-out ROI and the user's decision bars), then the evidence (accuracy and stability, the
 * verdict on optimality, training time, cost, the ROI in detail, robustness) and an appendix with the
 * operating point, weights, costs and the data files' SHA-256.
 */
final class ReportText {

    /** Between a number and its unit, so that a line never separates them. */
    static final char NBSP = '\u00a0';

    private final ReportData data;
    private final Locale locale;
    private final ResourceBundle text;

    ReportText(ReportData data, Locale locale) {
        this.data = data;
        this.locale = locale;
        this.text = ResourceBundle.getBundle("org.heaviside.report.report", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    String t(String key, Object... args) {
        return new MessageFormat(text.getString(key), locale).format(args);
    }

    /** The report's content. */
    ReportContent content() {
        ExperimentResult result = data.result();
        RoiEstimate estimate = data.estimate();
        List<Block> out = new ArrayList<>();
        String target = data.model() != null ? data.model().preprocessor().target().column() : result.spec().target();
        out.add(new Heading(t("title", target, result.provenance().dataset()), 1));
        keyFigures(out, estimate);
        out.add(new Heading(t("question.heading"), 2));
        out.add(new Paragraph(t("question", target, result.provenance().dataset(), result.spec().layers())));
        out.add(new Paragraph(t("data.text", result.provenance().dataset(), number(result.provenance().rows()),
                metricName(), result.spec().seeds())));
        accuracy(out);
        verdict(out);
        time(out);
        cost(out);
        roi(out, estimate);
        if (!Double.isNaN(data.stableShare())) {
            out.add(new Heading(t("noise.heading"), 2));
            out.add(new Paragraph(t("noise.text", percent(data.noiseShare()), fmt("%.1f%%", 100 * data.stableShare()))));
        }
        appendix(out, estimate);
        return new ReportContent(locale, t("title.short"), out);
    }

    private void keyFigures(List<Block> out, RoiEstimate e) {
        DecisionRule.Verdict verdict = data.rule().decide(e);
        DecisionRule rule = data.rule();
        String decision = switch (verdict) {
            case PILOT -> t("decision.PILOT", percent(e.recall()), money(rule.minSavings()));
            case TOO_FEW_CAUGHT -> t("decision.TOO_FEW_CAUGHT", percent(e.recall()), percent(rule.minRecall()));
            case TOO_LITTLE_SAVED -> t("decision.TOO_LITTLE_SAVED", money(e.savingsRange().low()),
                    money(rule.minSavings()));
            case NOT_ASSESSED -> t("decision.NOT_ASSESSED", why());
        };
        List<Figure> figures = new ArrayList<>();
        String basis;
        if (e != null) {
            out.add(new Paragraph(t("headline.roi", t("decision.short." + verdict), percent(e.recall()),
                    fmt("%.1f", e.alarmsPerDay()), money(e.savingsPerYear()), money(e.savingsRange().low()),
                    money(e.savingsRange().high())), Style.LEAD));
            figures.add(new Figure(t("kf.caught"), t("kf.caught.value", number(e.truePositives()), number(e.failures()),
                    percent(e.recall())), t("kf.range", percent(e.recallRange().low()), percent(e.recallRange().high()))));
            figures.add(new Figure(t("kf.alarms"), fmt("%.1f", e.alarmsPerDay()), t("kf.range",
                    fmt("%.1f", e.alarmsRange().low()), fmt("%.1f", e.alarmsRange().high()))));
            figures.add(new Figure(t("kf.savings"), money(e.savingsPerYear()), t("kf.range",
                    money(e.savingsRange().low()), money(e.savingsRange().high()))));
            basis = t("kf.basis", number(e.rows()), source(), number(e.replicates()));
        } else {
            MethodSummary reference = reference();
            Stats metric = reference.test().get(result().primaryMetric());
            out.add(new Paragraph(t("headline.none", reference.name(), metricName(), metric == null ? "-"
                    : fmt("%.3f", metric.mean()), result().spec().seeds(), why()), Style.LEAD));
            if (data.heldOut() != null) {
                int[] cm = RoiEstimate.confusion(data.heldOut(), data.operatingPoint().threshold(),
                        java.util.stream.IntStream.range(0, data.heldOut().size()).toArray());
                figures.add(new Figure(t("kf.caught"), t("kf.caught.value", number(cm[0]), number(cm[0] + cm[1]),
                        cm[0] + cm[1] == 0 ? "-" : percent(cm[0] / (double) (cm[0] + cm[1]))), ""));
            }
            basis = t("kf.basis.none", reference.name(), metricName(), result().spec().seeds());
        }
        out.add(new KeyFigures(t("kf.heading"), figures, decision, verdict == DecisionRule.Verdict.PILOT, basis));
    }

    /** Why the ROI is not measured, in plain words. */
    private String why() {
        if (data.model() == null) {
            return t("problem.noModel");
        }
        if (data.rows() == 0) {
            return t("problem.noData");
        }
        if (!data.model().preprocessor().target().isBinary()) {
            return t("problem.notBinary");
        }
        if (data.heldOut() == null) {
            return t("problem." + (data.heldOutProblem() == null ? "splitUnknown" : data.heldOutProblem()),
                    data.dataFile());
        }
        return t("problem.noRoi");
    }

    private String source() {
        HeldOut h = data.heldOut();
        if (h.source() == HeldOut.Source.OTHER_FILE) {
            return t("source.OTHER_FILE", data.dataFile());
        }
        return Double.isNaN(h.testFraction()) ? t("source.SPLIT.rows", data.dataFile())
                : t("source.SPLIT", percent(h.testFraction()), h.seed(), data.dataFile());
    }

    private void accuracy(List<Block> out) {
        ExperimentResult result = result();
        out.add(new Heading(t("accuracy.heading"), 2));
        List<List<String>> rows = new ArrayList<>();
        for (MethodSummary summary : result.methods()) {
            Stats j = summary.objective();
            Stats metric = summary.test().get(result.primaryMetric());
            rows.add(List.of(summary.name(), fmt("%.4g", j.mean()) + " ± " + fmt("%.2g", j.sd()),
                    metric == null ? "-" : fmt("%.4f", metric.mean()) + " ± " + fmt("%.4f", metric.sd()),
                    fmt("%.2f", summary.seconds().mean()) + NBSP + "s",
                    summary.name().equals(result.reference()) ? t("table.reference")
                            : summary.pValue() == null ? "-" : fmt("%.4f", summary.pValue())));
        }
        out.add(new Table(List.of(t("table.method"), t("table.j"), t("table.metric", metricName()), t("table.time"),
                t("table.p", testName())), rows, new double[] {1.2, 1.6, 1.8, 1.1, 1.5},
                new boolean[] {false, true, true, true, true}));
        out.add(new Paragraph(t("accuracy.explain", result.reference(), testName()), Style.SMALL));
        out.add(new Chart(ReportCharts.spread(t("chart.spread"), result), t("chart.spread.caption")));
        out.add(new Chart(ReportCharts.metric(t("chart.metric", metricName()), metricName(), result),
                t("chart.metric.caption")));
        for (String note : result.notes()) {
            out.add(new Paragraph(t("note", translate(note)), Style.SMALL));
        }
    }

    private void verdict(List<Block> out) {
        ExperimentResult result = result();
        out.add(new Heading(t("verdict.heading"), 2));
        int below = result.methods().stream().mapToInt(MethodSummary::belowReference).sum();
        out.add(new Paragraph(t(below == 0 ? "verdict.lowest" : "verdict.beaten", result.reference(),
                result.spec().seeds())));
        if (data.model() != null) {
            var m = data.model();
            out.add(new Paragraph(t("verdict.model", m.kind(), String.format(Locale.ROOT, "%.3e", m.relativeGap()),
                    m.status(), t("certificate." + m.certificate().status()))));
        }
    }

    private void time(List<Block> out) {
        ExperimentResult result = result();
        out.add(new Heading(t("time.heading"), 2));
        double baselines = result.methods().stream().filter(s -> !s.name().equals(result.reference()))
                .mapToDouble(s -> s.seconds().mean()).average().orElse(Double.NaN);
        out.add(new Paragraph(t("time.text", result.reference(), fmt("%.2f", reference().seconds().mean()) + NBSP + "s",
                fmt("%.2f", baselines) + NBSP + "s")));
    }

    private void cost(List<Block> out) {
        if (data.cost() == null) {
            return;
        }
        ExperimentResult result = result();
        var c = data.cost();
        out.add(new Heading(t("cost.heading"), 2));
        out.add(new Paragraph(t("cost.text", number(c.parameters()), number(c.bytes()), number(c.firstLayerMacs()),
                number(c.laterBitOps()), number(c.laterAdditions()), number(c.reluMacs()),
                fmt("%,.0f", c.javaRowsPerSecond()) + NBSP + t("unit.rowsPerSecond"),
                fmt("%,.0f", c.reluRowsPerSecond()) + NBSP + t("unit.rowsPerSecond"))));
        if (result.spec().layers() != 2) {
            return;
        }
        // the baselines as deployed networks, one line per architecture (hidden width and parameters)
        int inputs = data.model().preprocessor().width();
        int outputs = data.model().network().outputCount();
        Map<Long, List<String>> byWidth = new LinkedHashMap<>();
        for (MethodSummary summary : result.methods()) {
            if (!summary.name().equals(result.reference())) {
                byWidth.computeIfAbsent(Math.round(summary.neurons().mean()), w -> new ArrayList<>()).add(summary.name());
            }
        }
        byWidth.forEach((width, methods) -> out.add(new Paragraph(t("cost.baselines", String.join(", ", methods),
                number(width), number(width * (inputs + 1) + width * outputs)))));
    }

    private void roi(List<Block> out, RoiEstimate e) {
        out.add(new Heading(t("roi.heading"), 2));
        if (e == null) {
            out.add(new Paragraph(t("roi.none", why())));
            return;
        }
        RoiInputs roi = data.roi();
        out.add(new Paragraph(t("roi.confusion", number(e.rows()), number(e.truePositives()),
                number(e.falseNegatives()), number(e.falsePositives()), number(e.trueNegatives()), source())));
        out.add(new Paragraph(t("roi.text", fmt("%,.0f", roi.rowsPerDay()), money(roi.missedCost()),
                money(roi.falseAlarmCost()), money(roi.hardwareCost()), money(e.savingsPerYear()),
                money(e.savingsRange().low()), money(e.savingsRange().high()), percent(e.recall()),
                percent(e.recallRange().low()), percent(e.recallRange().high()), fmt("%.1f", e.alarmsPerDay()),
                fmt("%.1f", e.alarmsRange().low()), fmt("%.1f", e.alarmsRange().high()))));
        out.add(new Paragraph(t("roi.formula"), Style.SMALL));
        double chosen = data.operatingPoint().threshold();
        out.add(new Chart(ReportCharts.savingsAgainstThreshold(t("chart.cost"), t("chart.cost.x"),
                t("chart.cost.y", roi.currency()), t("chart.cost.chosen", fmt("%.2f", chosen)), data.heldOut(), roi,
                chosen, locale), t("chart.cost.caption")));
    }

    private void appendix(List<Block> out, RoiEstimate e) {
        ExperimentResult result = result();
        out.add(new Heading(t("appendix.heading"), 2));
        ModelDecision point = data.operatingPoint();
        if (point != null) {
            out.add(new Paragraph(t("appendix.operatingPoint", fmt("%.2f", point.threshold()),
                    t(point.manual() ? "op.manual" : point.recorded() ? "op.recorded" : "op.builtin")), Style.SMALL));
            out.add(new Paragraph(t("appendix.weights", point.classWeights().isEmpty() ? t("weights.none")
                    : point.classWeights().toString()), Style.SMALL));
            String costs = point.missedCost() != null ? t("costs.recorded", money(point.missedCost()),
                    money(point.falseAlarmCost())) : data.roi() == null ? t("costs.none.noRoi")
                    : t("costs.none", money(data.roi().missedCost()), money(data.roi().falseAlarmCost()),
                    money(data.roi().hardwareCost()));
            out.add(new Paragraph(t("appendix.costs", costs), Style.SMALL));
        }
        String preset = data.model() == null || data.model().provenance() == null ? null
                : data.model().provenance().parameters().get("preset");
        if (preset != null) {
            String changed = data.model().provenance().parameters().getOrDefault("presetChanged", "");
            out.add(new Paragraph(t(changed.isEmpty() ? "appendix.preset" : "appendix.preset.changed", preset,
                    changed), Style.SMALL));
        }
        out.add(new Paragraph(t("appendix.rule", percent(data.rule().minRecall()), money(data.rule().minSavings())),
                Style.SMALL));
        if (e != null) {
            out.add(new Paragraph(t("appendix.bootstrap", number(e.replicates()), e.seed()), Style.SMALL));
        }
        out.add(new Paragraph(t("appendix.sha.comparison", result.provenance().dataset(),
                result.provenance().datasetSha256()), Style.SMALL));
        if (data.model() != null && data.model().provenance() != null
                && !data.model().provenance().datasetSha256().isEmpty()) {
            out.add(new Paragraph(t("appendix.sha.model", data.model().provenance().dataset(),
                    data.model().provenance().datasetSha256()), Style.SMALL));
        }
        if (data.dataSha256() != null) {
            out.add(new Paragraph(t("appendix.sha.data", data.dataFile(), data.dataSha256()), Style.SMALL));
        }
        out.add(new Paragraph(t("footer", result.provenance().application(), result.provenance().startedAt()),
                Style.SMALL));
    }

    private ExperimentResult result() {
        return data.result();
    }

    private MethodSummary reference() {
        return result().methods().stream().filter(s -> s.name().equals(result().reference())).findFirst()
                .orElse(result().methods().get(0));
    }

    private String metricName() {
        return t("metric." + result().primaryMetric());
    }

    private String testName() {
        return t("test." + result().test());
    }

    private static final Pattern FEW_SEEDS = Pattern.compile(
            "With (\\d+) pairs tested the smallest two-sided Wilcoxon p-value is ([0-9.]+),.*");
    private static final Pattern AUGMENTED = Pattern.compile(
            "Seed (\\d+): a baseline reached a lower J than the program over the sampled patterns \\(J (\\S+) "
                    + "against (\\S+)\\); .* re-solved to J = (\\S+); its time includes .*");

    /** The core's notes in the report's language (known wordings; others as they are). */
    private String translate(String note) {
        Matcher few = FEW_SEEDS.matcher(note);
        if (few.matches()) {
            return t("note.fewSeeds", few.group(1), few.group(2));
        }
        Matcher augmented = AUGMENTED.matcher(note);
        if (augmented.matches()) {
            return t("note.augmented", augmented.group(1), augmented.group(2), augmented.group(3),
                    augmented.group(4));
        }
        if (note.startsWith("convex with 3 layers is the deep Lasso")) {
            return t("note.deepLasso");
        }
        return note;
    }

    private String fmt(String pattern, double value) {
        return String.format(locale, pattern, value);
    }

    private String number(long value) {
        return String.format(locale, "%,d", value);
    }

    /** A share as a whole percentage ("14%"). */
    String percent(double share) {
        return Double.isNaN(share) ? "-" : fmt("%.0f%%", 100 * share);
    }

    /** An amount with the ROI's currency, kept on one line. */
    String money(double amount) {
        String currency = data.roi() == null ? "" : NBSP + data.roi().currency();
        return fmt("%,.0f", amount) + currency;
    }
}
