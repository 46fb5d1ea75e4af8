package org.heaviside.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.heaviside.experiment.ExperimentResult;
import org.heaviside.experiment.ExperimentSpec;
import org.heaviside.experiment.MethodSummary;
import org.heaviside.experiment.Stats;

/** What {@code compare} prints: an experiment's table, or its JSON summary. */
final class CompareOutput {

    private static final double SIGNIFICANCE = 0.05;

    private CompareOutput() {
    }

    static Map<String, Object> json(ExperimentResult result) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", result.spec().name());
        root.put("layers", result.spec().layers());
        root.put("seeds", result.spec().seeds());
        root.put("reference", result.reference());
        root.put("primaryMetric", result.primaryMetric());
        root.put("test", result.test());
        List<Map<String, Object>> methods = new ArrayList<>();
        for (MethodSummary summary : result.methods()) {
            Map<String, Object> method = new LinkedHashMap<>();
            method.put("name", summary.name());
            method.put("objective", stats(summary.objective()));
            List<Map<String, Object>> best = new ArrayList<>();
            result.runs().stream().filter(r -> r.method().equals(summary.name()) && r.best() != null).forEach(r -> {
                Map<String, Object> point = new LinkedHashMap<>();
                point.put("seed", r.seed());
                point.put("objective", finite(r.best().objective()));
                point.put("epoch", r.best().epoch());
                best.add(point);
            });
            method.put("bestObjective", best);
            method.put("excess", stats(summary.excess()));
            method.put("train", metrics(summary.train()));
            method.put("test", metrics(summary.test()));
            method.put("seconds", finite(summary.seconds().mean()));
            method.put("neurons", finite(summary.neurons().mean()));
            method.put("pValue", summary.pValue());
            method.put("pValueObjective", summary.pValueObjective());
            method.put("augmentedRuns", summary.augmentedRuns());
            method.put("belowReference", summary.belowReference());
            methods.add(method);
        }
        root.put("methods", methods);
        root.put("notes", result.notes());
        root.put("provenance", result.provenance());
        return root;
    }

    private static Map<String, Object> stats(Stats stats) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mean", finite(stats.mean()));
        out.put("sd", finite(stats.sd()));
        out.put("min", finite(stats.min()));
        out.put("max", finite(stats.max()));
        return out;
    }

    private static Map<String, Object> metrics(Map<String, Stats> metrics) {
        Map<String, Object> out = new LinkedHashMap<>();
        metrics.forEach((name, stats) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("mean", finite(stats.mean()));
            entry.put("sd", finite(stats.sd()));
            out.put(name, entry);
        });
        return out;
    }

    private static Object finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    static void printTable(PrintWriter out, ExperimentResult result) {
        ExperimentSpec spec = result.spec();
        out.printf(Locale.ROOT, "%s: %d seeds, reference %s, paired test %s on test %s and on J%n", spec.name(),
                spec.seeds(), result.reference(), result.test(), result.primaryMetric());
        List<String> shown = result.primaryMetric().equals("rmse") ? List.of("rmse", "r2")
                : List.of("accuracy", "balancedAccuracy", "f1");
        StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "%-13s %-22s %-21s %-9s", "method",
                "J mean +/- sd", "J min .. max", "excess"));
        for (String metric : shown) {
            header.append(String.format(Locale.ROOT, " %-17s", "test " + abbreviate(metric)));
        }
        header.append(String.format(Locale.ROOT, " %8s %8s %8s %s", "time s", "p(J)", "p(test)", "sig."));
        out.println(header);
        for (MethodSummary summary : result.methods()) {
            Stats j = summary.objective();
            StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "%-13s %-22s %-21s %-9s", summary.name(),
                    String.format(Locale.ROOT, "%.5g +/- %.2g", j.mean(), j.sd()),
                    String.format(Locale.ROOT, "%.5g .. %.5g", j.min(), j.max()),
                    summary.name().equals(result.reference()) ? "-"
                            : String.format(Locale.ROOT, "%+.1f%%", 100 * summary.excess().mean())));
            for (String metric : shown) {
                Stats stats = summary.test().get(metric);
                row.append(String.format(Locale.ROOT, " %-17s", stats == null ? "-"
                        : String.format(Locale.ROOT, "%.4f +/- %.4f", stats.mean(), stats.sd())));
            }
            String significance = summary.pValue() == null ? "" : summary.pValue() < SIGNIFICANCE
                    || (summary.pValueObjective() != null && summary.pValueObjective() < SIGNIFICANCE) ? "yes" : "no";
            row.append(String.format(Locale.ROOT, " %8.2f %8s %8s %s", summary.seconds().mean(),
                    summary.pValueObjective() == null ? "-" : String.format(Locale.ROOT, "%.4f", summary.pValueObjective()),
                    summary.pValue() == null ? "-" : String.format(Locale.ROOT, "%.4f", summary.pValue()), significance));
            if (summary.augmentedRuns() > 0) {
                row.append(String.format(Locale.ROOT, "  (baseline patterns added on %d seed(s))", summary.augmentedRuns()));
            }
            out.println(row);
        }
        MethodSummary reference = result.summary(result.reference());
        MethodSummary best = result.bestOnMetric();
        if (reference != null && best != null && reference.test().get(result.primaryMetric()) != null) {
            Stats mine = reference.test().get(result.primaryMetric());
            Stats theirs = best.test().get(result.primaryMetric());
            out.printf(Locale.ROOT, "Held-out %s (mean +/- sd over %d seeds, %s is better): %s %.4f +/- %.4f; best "
                            + "baseline %s %.4f +/- %.4f%n", abbreviate(result.primaryMetric()), spec.seeds(),
                    result.smallerIsBetter() ? "lower" : "higher", result.reference(), mine.mean(), mine.sd(),
                    best.name(), theirs.mean(), theirs.sd());
        }
        int below = result.methods().stream().mapToInt(MethodSummary::belowReference).sum();
        out.printf(Locale.ROOT, "Convex J at or below every other method's J on every seed: %s%n",
                below == 0 ? "yes" : "no (" + below + " run(s) below it)");
        if (reference != null) {
            StringBuilder spread = new StringBuilder("Spread of J across seeds (sd):");
            for (MethodSummary summary : result.methods()) {
                spread.append(String.format(Locale.ROOT, " %s %.2g;", summary.name(), summary.objective().sd()));
            }
            spread.setLength(spread.length() - 1);
            out.println(spread);
        }
        if (result.runs().stream().anyMatch(r -> !Double.isNaN(r.learningRate()))) {
            StringBuilder rates = new StringBuilder("Baseline step sizes (per seed):");
            for (MethodSummary summary : result.methods()) {
                List<String> values = result.runs().stream().filter(r -> r.method().equals(summary.name())
                        && !Double.isNaN(r.learningRate())).map(r -> String.format(Locale.ROOT, "%.3g",
                        r.learningRate())).toList();
                if (!values.isEmpty()) {
                    rates.append(' ').append(summary.name()).append(' ').append(String.join(",", values)).append(';');
                }
            }
            rates.setLength(rates.length() - 1);
            out.println(rates);
        }
        for (String note : result.notes()) {
            out.printf(Locale.ROOT, "Note: %s%n", note);
        }
    }

    private static String abbreviate(String metric) {
        return switch (metric) {
            case "balancedAccuracy" -> "bal.acc.";
            case "accuracy" -> "acc.";
            default -> metric;
        };
    }
}
