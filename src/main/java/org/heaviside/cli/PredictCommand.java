package org.heaviside.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.heaviside.data.Column;
import org.heaviside.data.ColumnRole;
import org.heaviside.data.DataException;
import org.heaviside.data.Dataset;
import org.heaviside.data.FeatureStep;
import org.heaviside.data.Table;
import org.heaviside.data.TaskKind;
import org.heaviside.export.ModelFile;
import org.heaviside.export.Robustness;
import org.heaviside.network.TrainedModel;
import org.heaviside.run.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code predict MODEL.json FILE --out PRED.csv}: batch scoring of raw plant rows with a saved model. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Apply a saved model (its preprocessing and network) to the raw rows of a CSV file and write "
                + "the predictions beside an id column; with --robustness, the distance of each row to the nearest "
                + "first-layer hyperplane and whether its prediction is certified stable under sensor noise.")
final class PredictCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL.json", description = "A model file written by 'train --model'.")
    Path modelFile;

    @Parameters(index = "1", paramLabel = "FILE", description = "A CSV file with the model's input columns.")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "PRED.csv", description = "Where to write the predictions.")
    Path out;

    @Option(names = "--id", paramLabel = "COL",
            description = "The id column to copy (default: the first identifier column, else the data row number).")
    String id;

    @Option(names = "--robustness", description = "Add the margin and the certified stability under sensor noise.")
    boolean robustness;

    @Option(names = "--noise-sd", defaultValue = "0.05", paramLabel = "F",
            description = "Noise bound of every numeric sensor as a share of its training standard deviation "
                    + "(default: ${DEFAULT-VALUE}).")
    double noiseShare;

    @Option(names = "--noise", split = ",", paramLabel = "COL=V",
            description = "Noise bound of a sensor in its own units, overriding --noise-sd.")
    Map<String, Double> noise = new LinkedHashMap<>();

    @Option(names = "--borderline", defaultValue = "10", paramLabel = "N",
            description = "How many rows nearest to a hyperplane to list (default: ${DEFAULT-VALUE}).")
    int borderline;

    @Mixin
    ImportOptions importOptions = new ImportOptions();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Outputs.refuseOverwriting("--out", out, modelFile, file);
        TrainedModel model = ModelFile.load(modelFile);
        Table table = importOptions.open(file);
        Dataset data = model.preprocessor().apply(table);
        TrainedModel.Prediction[] predictions = model.predict(data);
        Column idColumn = idColumn(table);
        boolean classes = model.preprocessor().target().task() == TaskKind.CLASSIFICATION;
        Robustness robust = robustness ? Robustness.of(model.preprocessor(), model.firstLayer(), data.x(), noise(model))
                : null;
        StringBuilder csv = new StringBuilder();
        csv.append(idColumn == null ? "row" : quote(idColumn.name())).append(",prediction");
        if (classes) {
            csv.append(",score");
        }
        if (robust != null) {
            csv.append(",margin,stable");
        }
        csv.append('\n');
        for (int i = 0; i < predictions.length; i++) {
            csv.append(idText(idColumn, i)).append(',').append(quote(predictions[i].label()));
            if (classes) {
                csv.append(',').append(predictions[i].score());
            }
            if (robust != null) {
                csv.append(',').append(robust.margin()[i]).append(',').append(robust.stable()[i]);
            }
            csv.append('\n');
        }
        AtomicFiles.write(out, csv.toString().getBytes(StandardCharsets.UTF_8));
        PrintWriter console = spec.commandLine().getOut();
        console.printf(Locale.ROOT, "Scored %,d rows of %s with %s (%s); predictions written to %s%n", predictions.length,
                file.getFileName(), modelFile.getFileName(), model.kind(), out);
        if (robust != null) {
            List<String> bounds = new ArrayList<>();
            List<FeatureStep> steps = model.preprocessor().steps();
            for (int s = 0; s < steps.size(); s++) {
                if (steps.get(s).role() == ColumnRole.NUMERIC) {
                    bounds.add(String.format(Locale.ROOT, "%s +/-%.4g", steps.get(s).column(), robust.noise()[s]));
                }
            }
            console.printf(Locale.ROOT, "Sensor noise bounds: %s%n", String.join(", ", bounds));
            console.printf(Locale.ROOT, "Certified stable under that noise: %.1f%% of rows (no first-layer neuron can "
                    + "flip, so the prediction cannot change)%n", 100 * robust.stableShare());
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < predictions.length; i++) {
                order.add(i);
            }
            order.sort(Comparator.comparingDouble(i -> robust.margin()[i]));
            List<String> nearest = new ArrayList<>();
            for (int i : order.subList(0, Math.min(borderline, order.size()))) {
                nearest.add(String.format(Locale.ROOT, "%s (margin %.3g)", idText(idColumn, i), robust.margin()[i]));
            }
            console.printf(Locale.ROOT, "Borderline rows (nearest to a hyperplane): %s%n", String.join(", ", nearest));
        }
        return 0;
    }

    private double[] noise(TrainedModel model) {
        List<FeatureStep> steps = model.preprocessor().steps();
        double[] bounds = new double[steps.size()];
        for (String name : noise.keySet()) {
            if (steps.stream().noneMatch(step -> step.column().equals(name) && step.role() == ColumnRole.NUMERIC)) {
                throw new IllegalArgumentException("--noise names '" + name + "', which is not a numeric input of the "
                        + "model; its numeric inputs are " + steps.stream().filter(s -> s.role() == ColumnRole.NUMERIC)
                        .map(FeatureStep::column).toList() + ".");
            }
        }
        for (int s = 0; s < steps.size(); s++) {
            FeatureStep step = steps.get(s);
            if (step.role() == ColumnRole.NUMERIC) {
                bounds[s] = noise.getOrDefault(step.column(), noiseShare * step.scale());
            }
        }
        return bounds;
    }

    private Column idColumn(Table table) {
        if (id != null) {
            return table.column(id).orElseThrow(() -> DataException.at(table.source(), 1, id, "no column with this name",
                    "one of " + table.columnNames()));
        }
        for (Column column : table.columns()) {
            if (column.inferredRole() == ColumnRole.IDENTIFIER) {
                return column;
            }
        }
        return null;
    }

    private static String idText(Column column, int row) {
        if (column == null) {
            return Integer.toString(row + 1);
        }
        String text = column.text(row);
        if (text == null && column.isNumeric()) {
            double v = column.number(row);
            text = v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }
        return quote(text == null ? "" : text);
    }

    private static String quote(String text) {
        return org.heaviside.data.Cells.csvField(text);
    }
}
