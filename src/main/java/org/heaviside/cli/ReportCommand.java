package org.heaviside.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.heaviside.data.Table;
import org.heaviside.report.DecisionRule;
import org.heaviside.report.ManagerReport;
import org.heaviside.report.ReportData;
import org.heaviside.report.Reports;
import org.heaviside.report.RoiInputs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code report RESULTS.json --out report.pdf|report.html}: the manager report. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Write the manager report (PDF or HTML, English or Japanese) from a comparison's results file; "
                + "with --model and --data also the optimality of the deployed model, its cost profile, the ROI on "
                + "held-out rows (the test rows of the model's split, or every row of another file) with bootstrap "
                + "ranges, the decision, and the share of rows certified stable under sensor noise.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RESULTS.json", description = "A results file written by 'compare --out'.")
    Path results;

    @Option(names = "--out", required = true, paramLabel = "report.pdf|report.html", description = "Where to write it.")
    Path out;

    @Option(names = "--lang", defaultValue = "en", paramLabel = "en|ja", description = "Language (default: ${DEFAULT-VALUE}).")
    String language;

    @Option(names = "--model", paramLabel = "MODEL.json", description = "The deployed model's file.")
    Path model;

    @Option(names = "--data", paramLabel = "FILE", description = "Evaluation rows (CSV with the inputs and the target).")
    Path data;

    @Option(names = "--noise-sd", defaultValue = "0.05", description = "Sensor noise as a share of each sensor's deviation "
            + "(default: ${DEFAULT-VALUE}).")
    double noise;

    @Option(names = "--rows-per-day", paramLabel = "N", description = "ROI: rows scored per day.")
    Double rowsPerDay;

    @Option(names = "--missed-cost", defaultValue = "0", description = "ROI: cost of a missed failure.")
    double missedCost;

    @Option(names = "--false-alarm-cost", defaultValue = "0", description = "ROI: cost of a false alarm.")
    double falseAlarmCost;

    @Option(names = "--hardware-cost", defaultValue = "0", description = "ROI: one-off hardware cost.")
    double hardwareCost;

    @Option(names = "--currency", defaultValue = "EUR", description = "ROI: the costs' unit (default: ${DEFAULT-VALUE}).")
    String currency;

    @Option(names = "--pilot-min-recall", defaultValue = "0.5", paramLabel = "SHARE", description = "Decision: the least "
            + "share of held-out failures the model must catch to be called worth a pilot (default: ${DEFAULT-VALUE}).")
    double pilotMinRecall;

    @Option(names = "--pilot-min-savings", defaultValue = "0", paramLabel = "X", description = "Decision: the least net "
            + "savings in the first year, at the low end (5th percentile) of the range, for a pilot (default: "
            + "${DEFAULT-VALUE}).")
    double pilotMinSavings;

    @Mixin
    ImportOptions importOptions = new ImportOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Outputs.refuseOverwriting("--out", out, results, model, data);
        Locale locale = switch (language.toLowerCase(Locale.ROOT)) {
            case "en" -> Locale.ENGLISH;
            case "ja" -> Locale.JAPANESE;
            default -> throw new IllegalArgumentException("--lang takes en or ja, not '" + language + "'.");
        };
        if (data != null && model == null) {
            throw new IllegalArgumentException("--data needs --model: the rows are scored with the model.");
        }
        Table table = data == null ? null : importOptions.open(data);
        RoiInputs roi = rowsPerDay == null ? null
                : new RoiInputs(rowsPerDay, missedCost, falseAlarmCost, hardwareCost, currency);
        ReportData report = Reports.assemble(results, model, table, noise, roi,
                new DecisionRule(pilotMinRecall, pilotMinSavings));
        new ManagerReport(report, locale).write(out);
        spec.commandLine().getOut().printf(Locale.ROOT, "Report written to %s%n", out);
        return 0;
    }
}
