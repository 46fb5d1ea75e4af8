package org.heaviside.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.heaviside.arrangement.PatternSources;
import org.heaviside.conditions.Condition;
import org.heaviside.data.PreparedData;
import org.heaviside.deep.DeepResult;
import org.heaviside.deep.DeepTrainer;
import org.heaviside.network.ClassWeights;
import org.heaviside.network.ConvexResult;
import org.heaviside.network.CrossValidation;
import org.heaviside.network.OperatingPoint;
import org.heaviside.workflow.Preset;
import org.heaviside.workflow.TrainingResult;

/** What {@code train} prints: the result as text or as JSON, and the conditions. */
final class TrainOutput {

    private TrainOutput() {
    }

    /** The JSON document of a result (keys as the README lists them). */
    static void printJson(PrintWriter out, TrainingResult result) throws java.io.IOException {
        PreparedData data = result.data().prepared();
        Map<String, Object> report = result.convex() != null ? report(data, result.convex())
                : deepReport(data, result.deep());
        report.put("train", finite(result.train()));
        report.put("test", finite(result.test()));
        if (data.preprocessor().target().isBinary()) {
            report.put("operatingPoint", operatingPoint(result.operatingPoint()));
        }
        report.put("classWeight", result.request().classWeights().id());
        report.put("preset", result.request().preset().id());
        report.put("presetChanged", result.request().preset().changes(result.request()));
        report.put("conditions", result.conditions().stream().map(Flags::name).toList());
        report.put("provenance", result.provenance());
        if (result.crossValidation() != null) {
            report.put("cv", cvJson(result.crossValidation()));
        }
        out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report));
    }

    /** The result as text, then the conditions. */
    static void printText(PrintWriter out, TrainingResult result) {
        PreparedData data = result.data().prepared();
        Preset preset = result.request().preset();
        List<String> changed = preset.changes(result.request());
        out.printf(Locale.ROOT, "Preset: %s (%s)%s%n", preset.id(), preset.describe(), changed.isEmpty() ? ""
                : "; changed by options: " + String.join(", ", changed));
        printClassWeights(out, data, result.request().classWeights());
        if (result.convex() != null) {
            if (result.crossValidation() != null) {
                printCv(out, result.crossValidation());
            }
            printText(out, data, result.convex());
        } else {
            printDeep(out, data, result.deep());
        }
        if (data.preprocessor().target().isBinary()) {
            out.printf(Locale.ROOT, "Operating point: %s%n", result.operatingPoint().describe());
        }
        out.printf(Locale.ROOT, "Train: %s%n", format(result.train()));
        if (!result.test().isEmpty()) {
            out.printf(Locale.ROOT, "Test:  %s%n", format(result.test()));
        }
        printConditions(out, result.conditions());
    }

    private static Map<String, Object> operatingPoint(OperatingPoint point) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("threshold", point.threshold());
        root.put("rule", point.rule().id());
        if (point.rule() == OperatingPoint.Rule.EXPECTED_COST) {
            root.put("missedCost", point.missedCost());
            root.put("falseAlarmCost", point.falseAlarmCost());
        }
        root.put("rows", point.rows());
        return root;
    }

    static Map<String, Object> deepReport(PreparedData data, DeepResult result) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("objective", result.objective());
        root.put("networkObjective", result.networkObjective());
        root.put("dualityGap", result.dualityGap());
        root.put("relativeGap", result.relativeGap());
        root.put("status", result.status());
        root.put("certificate", result.certificate().status());
        root.put("violationRatio", finite(result.certificate().violationRatio()));
        root.put("neurons", result.network().head().width());
        root.put("patterns", result.patterns());
        root.put("patternUpperBound", result.convex() != null ? result.convex().upperBound()
                : "2^" + data.train().size());
        root.put("beta", result.beta());
        root.put("betaMax", result.betaMax());
        root.put("seconds", (result.layersMillis() + result.solveMillis()) / 1000.0);
        root.put("sweeps", result.sweeps());
        root.put("hyperplanes", result.reconstruction());
        if (data.preprocessor().target().isBinary()) {
            root.put("positive", data.preprocessor().target().positive());
        }
        root.put("train", finite(result.train()));
        root.put("test", finite(result.test()));
        root.put("kind", result.kind());
        root.put("layers", result.network().depth());
        root.put("widths", result.network().widths());
        root.put("layer1", result.layer1());
        root.put("rankB1", result.rankB1() < 0 ? null : result.rankB1());
        root.put("maxDeviation", finite(result.maxDeviation()));
        return root;
    }

    static Map<String, Object> report(PreparedData data, ConvexResult result) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("objective", result.solver().objective());
        root.put("networkObjective", result.networkObjective());
        root.put("dualityGap", result.solver().dualityGap());
        root.put("relativeGap", result.solver().relativeGap());
        root.put("status", result.solver().status().id());
        root.put("certificate", result.certificate().status());
        root.put("violationRatio", finite(result.certificate().violationRatio()));
        root.put("violators", result.certificate().violators());
        root.put("neurons", result.network().width());
        root.put("patterns", result.patterns());
        root.put("patternUpperBound", result.upperBound());
        root.put("beta", result.beta());
        root.put("betaMax", result.betaMax());
        root.put("seconds", (result.patternsMillis() + result.solveMillis()) / 1000.0);
        root.put("sweeps", result.solver().sweeps());
        root.put("hyperplanes", result.hyperplanes());
        if (data.preprocessor().target().isBinary()) {
            root.put("positive", data.preprocessor().target().positive());
        }
        root.put("train", finite(result.train()));
        root.put("test", finite(result.test()));
        return root;
    }

    static Map<String, Object> cvJson(CrossValidation cv) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("folds", cv.folds());
        List<Map<String, Object>> points = new ArrayList<>();
        for (int r = 0; r < cv.ratios().length; r++) {
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("ratio", cv.ratios()[r]);
            point.put("meanLoss", cv.meanLoss()[r]);
            point.put("standardError", cv.standardError()[r]);
            point.put("meanError", finite(cv.meanError()[r]));
            point.put("meanNeurons", cv.meanNeurons()[r]);
            point.put("meanMetric", finite(cv.meanMetric()[r]));
            point.put("metricError", finite(cv.metricError()[r]));
            points.add(point);
        }
        root.put("curve", points);
        root.put("bestRatio", cv.ratios()[cv.best()]);
        root.put("oneStandardErrorRatio", cv.ratios()[cv.oneStandardError()]);
        root.put("chosen", cv.settings().choice() == CrossValidation.Choice.MIN ? "best" : "oneStandardError");
        root.put("chosenRatio", cv.chosenRatio());
        root.put("metric", cv.settings().metric().id());
        root.put("stop", cv.stop().id());
        root.put("stopReason", cv.stopReason());
        root.put("neuronBudget", cv.settings().neuronBudget());
        return root;
    }

    private static void printCv(PrintWriter out, CrossValidation cv) {
        CrossValidation.Metric metric = cv.settings().metric();
        boolean loss = metric == CrossValidation.Metric.LOSS;
        out.printf(Locale.ROOT, "Cross-validation (%d folds; %s, mean +/- standard error; %s):%n", cv.folds(),
                loss ? "validation loss per row" : metric.id() + " on the held-out folds",
                cv.settings().choice() == CrossValidation.Choice.MIN ? "the best mean is chosen"
                        : "the one-standard-error rule chooses");
        out.printf(Locale.ROOT, "  %10s  %12s  %10s  %8s  %8s%n", "ratio", loss ? "loss" : metric.id(), "std. err.",
                "error", "neurons");
        String best = loss ? "lowest mean loss" : (metric.higherIsBetter() ? "highest mean " : "lowest mean ")
                + metric.id();
        for (int r = 0; r < cv.ratios().length; r++) {
            boolean chosen = r == cv.chosen();
            String mark = chosen && r == cv.best() ? "  <- " + best + ", chosen"
                    : chosen ? "  <- chosen (one-standard-error rule)"
                    : r == cv.best() ? "  <- " + best : "";
            out.printf(Locale.ROOT, "  %10.4g  %12.6g  %10.3g  %8.4f  %8.1f%s%n", cv.ratios()[r],
                    loss ? cv.meanLoss()[r] : cv.meanMetric()[r], loss ? cv.standardError()[r] : cv.metricError()[r],
                    cv.meanError()[r], cv.meanNeurons()[r], mark);
        }
        String reason = cv.stopReason();
        out.printf(Locale.ROOT, "  %s.%n", Character.toUpperCase(reason.charAt(0)) + reason.substring(1));
    }

    private static Object finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    private static Map<String, Object> finite(Map<String, Double> metrics) {
        Map<String, Object> out = new LinkedHashMap<>();
        metrics.forEach((name, value) -> out.put(name, finite(value)));
        return out;
    }

    private static void printText(PrintWriter out, PreparedData data, ConvexResult result) {
        var solver = result.solver();
        if (data.preprocessor().target().isBinary()) {
            out.printf(Locale.ROOT, "Positive class (+1): %s%n", data.preprocessor().target().positive());
        }
        out.printf(Locale.ROOT, "Rows: %d train, %d test; features: %d; rank(Xt) = %d%n", data.trainRows(),
                data.testRows(), data.preprocessor().width(), result.rank());
        out.printf(Locale.ROOT, "Patterns: %,d distinct (upper bound %s)%n", result.patterns(),
                PatternSources.readable(result.upperBound()));
        out.printf(Locale.ROOT, "beta = %.6g (beta_max = %.6g)%n", result.beta(), result.betaMax());
        out.printf(Locale.ROOT, "Objective (convex):  %.10g%n", solver.objective());
        out.printf(Locale.ROOT, "J of the network:    %.10g%n", result.networkObjective());
        out.printf(Locale.ROOT, "Duality gap:         %.3e (relative %.3e), status %s after %d sweeps%n",
                solver.dualityGap(), solver.relativeGap(), solver.status().id(), solver.sweeps());
        out.printf(Locale.ROOT, "Certificate:         %s%n", result.certificate().describe());
        out.printf(Locale.ROOT, "Neurons: %d (hyperplanes: %s)%n", result.network().width(), result.hyperplanes());
        out.printf(Locale.ROOT, "Time: patterns %.3f s, solve %.3f s%n", result.patternsMillis() / 1000.0,
                result.solveMillis() / 1000.0);
    }

    private static void printDeep(PrintWriter out, PreparedData data, DeepResult result) {
        if (data.preprocessor().target().isBinary()) {
            out.printf(Locale.ROOT, "Positive class (+1): %s%n", data.preprocessor().target().positive());
        }
        boolean shattering = DeepTrainer.SHATTERING.equals(result.kind());
        out.printf(Locale.ROOT, "Network: %d layers (%s), hidden widths %s%n", result.network().depth(),
                shattering ? "shattering program, closed form" : "deep Lasso on fixed sampled layers",
                java.util.Arrays.toString(result.network().widths()));
        out.printf(Locale.ROOT, "Rows: %d train, %d test; features: %d%n", data.train().size(), data.test().size(),
                data.train().width());
        if (shattering) {
            out.printf(Locale.ROOT, "Layer 1: %s, rank(B1) = %d; layer 2: %s (%d level neurons)%n", result.layer1(),
                    result.rankB1(), result.reconstruction(), result.patterns());
            out.printf(Locale.ROOT, "Reproduces delta on the training rows: max |f - delta| = %.3e%n",
                    result.maxDeviation());
        } else {
            out.printf(Locale.ROOT, "Patterns of the last hidden layer: %,d; hyperplanes: %s%n", result.patterns(),
                    result.reconstruction());
        }
        out.printf(Locale.ROOT, "beta = %.6g (beta_max = %.6g)%n", result.beta(), result.betaMax());
        out.printf(Locale.ROOT, "Objective (convex):  %.10g%n", result.objective());
        out.printf(Locale.ROOT, "J of the network:    %.10g%n", result.networkObjective());
        out.printf(Locale.ROOT, "Duality gap:         %.3e (relative %.3e), status %s%n", result.dualityGap(),
                result.relativeGap(), result.status());
        out.printf(Locale.ROOT, "Certificate:         %s%s%n", result.certificate().describe(), shattering
                ? " (the program is over every 0/1 pattern of the points)"
                : " (over the patterns of the fixed layers' outputs; the earlier layers are fixed, not optimized)");
        out.printf(Locale.ROOT, "Time: layers %.3f s, solve %.3f s%n", result.layersMillis() / 1000.0,
                result.solveMillis() / 1000.0);
    }

    /** The row weights per class, when the program is weighted (nothing for none). */
    private static void printClassWeights(PrintWriter out, PreparedData data, ClassWeights weights) {
        var target = data.preprocessor().target();
        double[] perClass = weights.perClassOf(data);
        if (perClass == null) {
            return;
        }
        List<String> parts = new ArrayList<>();
        for (int c = 0; c < perClass.length; c++) {
            parts.add(String.format(Locale.ROOT, "%s %.4g", target.classes().get(c), perClass[c]));
        }
        out.printf(Locale.ROOT, "Class weights: %s (%s)%n", weights.id(), String.join(", ", parts));
    }

    static void printConditions(PrintWriter out, List<Condition> conditions) {
        out.printf(Locale.ROOT, "Conditions:%n");
        for (Condition original : conditions) {
            Condition condition = Flags.name(original);
            out.printf(Locale.ROOT, "  [%-7s] %-26s %s%n", condition.verdict(), condition.id(), condition.detail());
            if (!condition.hint().isEmpty()) {
                out.printf(Locale.ROOT, "  %-36s %s%n", "", condition.hint());
            }
        }
    }

    private static String format(Map<String, Double> metrics) {
        List<String> parts = new ArrayList<>();
        metrics.forEach((name, value) -> parts.add(String.format(Locale.ROOT, "%s %.4f", name, value)));
        return String.join(", ", parts);
    }
}
