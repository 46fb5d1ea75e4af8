package org.heaviside.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.heaviside.conditions.Condition;
import org.heaviside.data.Column;
import org.heaviside.data.CsvSettings;
import org.heaviside.data.DataWarning;
import org.heaviside.data.Table;
import org.heaviside.data.TargetSummary;
import org.heaviside.deep.Layer1Generator;
import org.heaviside.run.Cancellation;
import org.heaviside.workflow.Method;
import org.heaviside.workflow.Training;
import org.heaviside.workflow.TrainingData;
import org.heaviside.workflow.TrainingRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code inspect FILE}: what the importer sees in a plant CSV. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Show the detected import settings, each column's role and summary, the target and warnings; "
                + "with --target, the conditions of the convex programs (method.md section 7) on the training split.")
final class InspectCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "A CSV file.")
    Path file;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the split and of layer 1 (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--layer1", defaultValue = "random", paramLabel = "random|projection",
            description = "Layer-1 generator whose rank the shattering check computes (default: ${DEFAULT-VALUE}).")
    String layer1;

    @Option(names = "--width1", defaultValue = "0", paramLabel = "N",
            description = "Layer-1 width for the shattering check (default: twice the distinct points for random, "
                    + "the distinct points for projection).")
    int width1;

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    @Mixin
    TargetOptions targetOptions = new TargetOptions();

    @Mixin
    ImportOptions importOptions = new ImportOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Table table = importOptions.open(file);
        String target = targetOptions.target;
        TargetSummary summary = target == null ? null : TargetSummary.of(table, target, null);
        List<Condition> conditions = target == null ? List.of() : conditions(table);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Map<String, Object> root = toJson(table, summary);
            if (target != null) {
                root.put("conditions", conditions.stream().map(Flags::name).toList());
            }
            out.println(mapper.writeValueAsString(root));
        } else {
            printText(out, table, summary);
            if (target != null) {
                out.println();
                TrainOutput.printConditions(out, conditions);
            }
        }
        return 0;
    }

    /** The checks of method.md section 7 that are known before training, on the training split. */
    private List<Condition> conditions(Table table) {
        TrainingRequest request = TrainingRequest.builder(Method.SHATTERING).seed(seed)
                .layer1(Layer1Generator.parse(layer1)).width1(width1).build();
        return Training.conditionsBefore(TrainingData.of(table, targetOptions.spec(table, seed)), request,
                Cancellation.NEVER);
    }

    static Map<String, Object> toJson(Table table, TargetSummary summary) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("file", table.source());
        root.put("rows", table.rows());
        List<Map<String, Object>> columns = new ArrayList<>();
        for (Column column : table.columns()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", column.name());
            entry.put("role", summary != null && column.name().equals(summary.name()) ? "target"
                    : column.inferredRole().id());
            entry.put("missing", column.missing());
            entry.put("distinct", column.distinct());
            if (column.isNumeric()) {
                entry.put("min", column.min());
                entry.put("max", column.max());
            }
            columns.add(entry);
        }
        root.put("columns", columns);
        if (summary != null) {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("name", summary.name());
            target.put("task", summary.task().id());
            target.put("classes", summary.classes());
            target.put("missing", summary.missing());
            root.put("target", target);
        }
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("delimiter", String.valueOf(table.settings().delimiter()));
        settings.put("encoding", table.settings().encoding());
        settings.put("decimalComma", table.settings().decimalComma());
        settings.put("header", table.settings().header());
        root.put("settings", settings);
        root.put("warnings", table.warnings().stream().map(DataWarning::message).toList());
        return root;
    }

    private static void printText(PrintWriter out, Table table, TargetSummary summary) {
        CsvSettings s = table.settings();
        out.printf(Locale.ROOT, "File:      %s%n", table.source());
        out.printf(Locale.ROOT, "Settings:  delimiter %s, encoding %s, decimal comma %s, header %s%n",
                s.delimiterName(), s.encoding(), s.decimalComma() ? "yes" : "no", s.header() ? "yes" : "no");
        out.printf(Locale.ROOT, "Rows:      %,d%nColumns:   %d%n%n", table.rows(), table.columns().size());
        int width = 6;
        for (Column column : table.columns()) {
            width = Math.max(width, column.name().length());
        }
        String row = "%-" + width + "s  %-11s  %7s  %8s  %12s  %12s%n";
        out.printf(Locale.ROOT, row, "column", "role", "missing", "distinct", "min", "max");
        for (Column column : table.columns()) {
            String role = summary != null && column.name().equals(summary.name()) ? "target" : column.inferredRole().id();
            out.printf(Locale.ROOT, row, column.name(), role, column.missing(), column.distinct(),
                    column.isNumeric() ? format(column.min()) : "", column.isNumeric() ? format(column.max()) : "");
        }
        if (summary != null) {
            out.printf(Locale.ROOT, "%nTarget:    %s (%s)%n", summary.name(), summary.task().id());
            summary.classes().forEach((label, count) -> out.printf(Locale.ROOT, "  class %-12s %,8d rows (%.1f%%)%n",
                    label, count, 100.0 * count / (table.rows() - summary.missing())));
        }
        if (!table.warnings().isEmpty()) {
            out.printf(Locale.ROOT, "%nWarnings:%n");
            for (DataWarning warning : table.warnings()) {
                out.printf(Locale.ROOT, "  - %s%n", warning.message());
            }
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e12 ? String.format(Locale.ROOT, "%d", (long) value)
                : new java.math.BigDecimal(String.format(Locale.ROOT, "%.6g", value)).stripTrailingZeros().toPlainString();
    }
}
