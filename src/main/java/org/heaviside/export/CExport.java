package org.heaviside.export;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.heaviside.data.ColumnRole;
import org.heaviside.data.FeatureStep;
import org.heaviside.data.TaskKind;
import org.heaviside.network.TrainedModel;
import org.heaviside.network.ThresholdNetwork;

/**
 * A dependency-free C99 version of a model: {@code heaviside_model.h} (the input columns in order,
 * the API), {@code heaviside_model.c} (preprocessing constants, weights as exact hexadecimal
 * literals, inference) and {@code heaviside_main.c} (reads raw rows as CSV with a header on standard
 * input and prints one prediction per line, as {@code predict} does).
 *
 * <p>The arithmetic is the Java network's, step for step and in the same order (standardize, the
 * first layer's dot products, then sums of weights over set bits, then the output sums), so compiled
 * without floating-point contraction ({@code -ffp-contract=off}, no {@code -ffast-math}) it gives the
 * same outputs bit for bit. Hidden activations are packed into {@code uint64_t} words; after the first
 * layer the only arithmetic is the addition of the weights of the set bits.
 */
public final class CExport {

    private CExport() {
    }

    /** File name to content. */
    public static Map<String, String> generate(TrainedModel model) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("heaviside_model.h", header(model));
        files.put("heaviside_model.c", source(model));
        files.put("heaviside_main.c", main());
        return files;
    }

    /**
     * Writes the generated files into a folder (each atomically), creating it when needed. The folder
     * must be new, empty or hold only an earlier export (these file names and the compiled
     * {@code heaviside}): the fixed file names never overwrite anything else of the user's.
     *
     * @throws IllegalArgumentException naming the folder and a file in it that is not an export's
     */
    public static void write(TrainedModel model, java.nio.file.Path folder) throws java.io.IOException {
        if (java.nio.file.Files.exists(folder) && !java.nio.file.Files.isDirectory(folder)) {
            throw new IllegalArgumentException("The C export goes into a folder, but " + folder + " is a file.");
        }
        if (java.nio.file.Files.isDirectory(folder)) {
            java.util.Set<String> own = new java.util.HashSet<>(generate(model).keySet());
            own.add("heaviside");
            try (var entries = java.nio.file.Files.list(folder)) {
                java.util.Optional<String> foreign = entries.map(path -> path.getFileName().toString())
                        .filter(name -> !own.contains(name)).sorted().findFirst();
                if (foreign.isPresent()) {
                    throw new IllegalArgumentException("The folder " + folder + " holds other files (" + foreign.get()
                            + "); the C export goes into a new or empty folder of its own.");
                }
            }
        }
        java.nio.file.Files.createDirectories(folder);
        for (Map.Entry<String, String> file : generate(model).entrySet()) {
            org.heaviside.run.AtomicFiles.write(folder.resolve(file.getKey()),
                    file.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    /**
     * A float ReLU network of the same shape behind the same API ({@code hv_predict}), with random
     * weights: linked with the same example program it times what the threshold network is compared
     * with (every later layer multiplies and accumulates in floating point).
     */
    public static String reluTwin(TrainedModel model) {
        String source = source(model);
        int start = source.indexOf("static const double hv_w0");
        StringBuilder c = new StringBuilder(source.substring(0, start));
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        List<double[][]> layers = new java.util.ArrayList<>(model.layers());
        layers.add(model.network().hyperplanes());
        int inputs = model.preprocessor().width();
        int[] widths = new int[layers.size()];
        for (int k = 0; k < layers.size(); k++) {
            widths[k] = Math.max(1, layers.get(k).length);
            c.append("static const double hv_r").append(k).append("[").append(widths[k]).append("][").append(inputs + 1)
                    .append("] = {\n");
            for (int j = 0; j < widths[k]; j++) {
                c.append("    {");
                for (int i = 0; i <= inputs; i++) {
                    c.append(i == 0 ? "" : ", ").append(hex(random.nextDouble(-1, 1)));
                }
                c.append("},\n");
            }
            c.append("};\n");
            inputs = widths[k];
        }
        int outputs = model.network().outputCount();
        c.append("static const double hv_ro[").append(outputs).append("][").append(inputs + 1).append("] = {\n");
        for (int o = 0; o < outputs; o++) {
            c.append("    {");
            for (int i = 0; i <= inputs; i++) {
                c.append(i == 0 ? "" : ", ").append(hex(random.nextDouble(-1, 1)));
            }
            c.append("},\n");
        }
        c.append("};\n\n");
        c.append("const char *hv_predict(const char *const fields[HV_INPUTS], double outputs[HV_OUTPUTS], "
                + "double *value) {\n    double h0[HV_FEATURES];\n    hv_features(fields, h0);\n");
        int in = model.preprocessor().width();
        for (int k = 0; k < widths.length; k++) {
            c.append("    double h").append(k + 1).append("[").append(widths[k]).append("];\n");
            c.append("    for (int j = 0; j < ").append(widths[k]).append("; j++) {\n        double z = hv_r").append(k)
                    .append("[j][").append(in).append("];\n        for (int i = 0; i < ").append(in)
                    .append("; i++) z += hv_r").append(k).append("[j][i] * h").append(k).append("[i];\n        h")
                    .append(k + 1).append("[j] = z > 0 ? z : 0;\n    }\n");
            in = widths[k];
        }
        c.append("    for (int o = 0; o < HV_OUTPUTS; o++) {\n        double z = hv_ro[o][").append(in)
                .append("];\n        for (int i = 0; i < ").append(in).append("; i++) z += hv_ro[o][i] * h")
                .append(widths.length).append("[i];\n        outputs[o] = z;\n    }\n");
        c.append("    *value = outputs[0];\n    return \"\";\n}\n");
        return c.toString();
    }

    /** Bytes of constant data (weights, scaling constants) in the generated source: the flash footprint. */
    public static long flashBytes(TrainedModel model) {
        long doubles = 0;
        for (double[][] layer : model.layers()) {
            for (double[] row : layer) {
                doubles += row.length;
            }
        }
        for (double[] row : model.network().hyperplanes()) {
            doubles += row.length;
        }
        doubles += (long) model.network().width() * model.network().outputCount(); // products s * alpha
        doubles += 3L * model.preprocessor().steps().size();
        return doubles * 8;
    }

    /** Bytes of working memory of one inference: features, packed bits per layer, outputs. */
    public static long ramBytes(TrainedModel model) {
        long bytes = 8L * model.preprocessor().width();
        for (double[][] layer : model.layers()) {
            bytes += 8L * ((layer.length + 63) / 64);
        }
        bytes += 8L * ((model.network().width() + 63) / 64);
        bytes += 8L * model.network().outputCount();
        return bytes;
    }

    private static String header(TrainedModel model) {
        StringBuilder h = new StringBuilder();
        h.append("/* Heaviside Workbench model: ").append(model.kind()).append(", target '")
                .append(CText.comment(model.preprocessor().target().column())).append("'.\n");
        h.append(" * Generated code; C99, no dependencies beyond the standard library.\n");
        h.append(" * Inputs, in this order (raw values as text; an empty field is a missing value):\n");
        List<FeatureStep> steps = model.preprocessor().steps();
        for (int s = 0; s < steps.size(); s++) {
            FeatureStep step = steps.get(s);
            h.append(" *   ").append(s).append(": ").append(CText.comment(step.column())).append(" (")
                    .append(step.role() == ColumnRole.NUMERIC ? "number" : "category: "
                            + CText.comment(String.join(", ", step.levels()))).append(")\n");
        }
        h.append(" */\n#ifndef HEAVISIDE_MODEL_H\n#define HEAVISIDE_MODEL_H\n\n");
        h.append("#define HV_INPUTS ").append(steps.size()).append("\n");
        h.append("#define HV_OUTPUTS ").append(model.network().outputCount()).append("\n\n");
        h.append("/* The input column names, in order. */\nextern const char *const hv_input_names[HV_INPUTS];\n\n");
        h.append("/* Predicts one row from its raw fields; writes the network's outputs and returns the label. */\n");
        h.append("const char *hv_predict(const char *const fields[HV_INPUTS], double outputs[HV_OUTPUTS], "
                + "double *value);\n\n#endif\n");
        return h.toString();
    }

    private static String source(TrainedModel model) {
        StringBuilder c = new StringBuilder();
        CText.Pool strings = new CText.Pool();
        List<FeatureStep> steps = model.preprocessor().steps();
        int d = model.preprocessor().width();
        c.append("#define HV_FEATURES ").append(d).append("\n\n");
        c.append("const char *const hv_input_names[HV_INPUTS] = {");
        for (int s = 0; s < steps.size(); s++) {
            c.append(s == 0 ? "" : ", ").append(strings.of(steps.get(s).column()));
        }
        c.append("};\n\n");
        // preprocessing
        c.append("static void hv_features(const char *const fields[HV_INPUTS], double x[HV_FEATURES]) {\n");
        c.append("    int at = 0;\n    char *end;\n    double v;\n");
        for (int s = 0; s < steps.size(); s++) {
            FeatureStep step = steps.get(s);
            if (step.role() == ColumnRole.NUMERIC) {
                c.append("    v = strtod(fields[").append(s).append("], &end);\n");
                c.append("    if (end == fields[").append(s).append("] || *end != '\\0') v = ").append(hex(step.median()))
                        .append("; /* missing or unreadable: the training median */\n");
                c.append("    x[at++] = (v - ").append(hex(step.mean())).append(") / ").append(hex(step.scale()))
                        .append(";\n");
            } else {
                List<String> levels = step.levels();
                c.append("    {\n        const char *f = fields[").append(s).append("][0] ? fields[").append(s)
                        .append("] : ").append(strings.of(step.mostFrequent())).append(";\n");
                for (int k = 0; k < levels.size(); k++) {
                    c.append("        x[at + ").append(k).append("] = strcmp(f, ").append(strings.of(levels.get(k)))
                            .append(") == 0 ? 1.0 : 0.0;\n");
                }
                c.append("        at += ").append(levels.size()).append(";\n    }\n");
            }
        }
        c.append("    (void) at;\n}\n\n");
        // first layer (on the features) and later layers (on bits)
        List<double[][]> layers = new java.util.ArrayList<>(model.layers());
        layers.add(model.network().hyperplanes());
        for (int k = 0; k < layers.size(); k++) {
            double[][] w = layers.get(k);
            int inputs = w.length == 0 ? (k == 0 ? d : layers.get(k - 1).length) : w[0].length - 1;
            c.append("static const double hv_w").append(k).append("[").append(Math.max(1, w.length)).append("][")
                    .append(inputs + 1).append("] = {\n");
            for (double[] row : w) {
                c.append("    {");
                for (int i = 0; i < row.length; i++) {
                    c.append(i == 0 ? "" : ", ").append(hex(row[i]));
                }
                c.append("},\n");
            }
            if (w.length == 0) {
                c.append("    {0}\n");
            }
            c.append("};\n");
            int words = Math.max(1, (w.length + 63) / 64);
            c.append("static void hv_layer").append(k).append("(const ").append(k == 0 ? "double *in" : "uint64_t *in")
                    .append(", uint64_t out[").append(words).append("]) {\n");
            c.append("    memset(out, 0, sizeof(uint64_t) * ").append(words).append(");\n");
            c.append("    for (int j = 0; j < ").append(w.length).append("; j++) {\n");
            c.append("        double z = hv_w").append(k).append("[j][").append(inputs).append("];\n");
            if (k == 0) {
                c.append("        for (int i = 0; i < ").append(inputs).append("; i++) z += hv_w0[j][i] * in[i];\n");
            } else {
                c.append("        for (int i = 0; i < ").append(inputs).append("; i++) if ((in[i >> 6] >> (i & 63)) & 1u) "
                        + "z += hv_w").append(k).append("[j][i];\n");
            }
            c.append("        if (z >= 0) out[j >> 6] |= (uint64_t) 1 << (j & 63);\n    }\n}\n\n");
        }
        // output: s_j * alpha_j added over the last layer's set bits, in the Java order
        ThresholdNetwork head = model.network();
        int outputs = head.outputCount();
        c.append("static const double hv_alpha[").append(Math.max(1, head.width())).append("][").append(outputs)
                .append("] = {\n");
        for (int j = 0; j < head.width(); j++) {
            c.append("    {");
            for (int o = 0; o < outputs; o++) {
                c.append(o == 0 ? "" : ", ").append(hex(head.outputs()[j][o])).append(" * ").append(hex(head.amplitudes()[j]));
            }
            c.append("},\n");
        }
        if (head.width() == 0) {
            c.append("    {0}\n");
        }
        c.append("};\n\n");
        var target = model.preprocessor().target();
        c.append("static const char *const hv_labels[] = {");
        List<String> labels = target.task() == TaskKind.REGRESSION ? List.of("")
                : target.isBinary() ? List.of(target.negative(), target.positive()) : target.classes();
        for (int i = 0; i < labels.size(); i++) {
            c.append(i == 0 ? "" : ", ").append(strings.of(labels.get(i)));
        }
        c.append("};\n\n");
        c.append("const char *hv_predict(const char *const fields[HV_INPUTS], double outputs[HV_OUTPUTS], "
                + "double *value) {\n");
        c.append("    double x[HV_FEATURES];\n    hv_features(fields, x);\n");
        for (int k = 0; k < layers.size(); k++) {
            c.append("    uint64_t b").append(k).append("[").append(Math.max(1, (layers.get(k).length + 63) / 64))
                    .append("];\n    hv_layer").append(k).append("(").append(k == 0 ? "x" : "b" + (k - 1)).append(", b")
                    .append(k).append(");\n");
        }
        int last = layers.size() - 1;
        c.append("    for (int o = 0; o < HV_OUTPUTS; o++) outputs[o] = 0.0;\n");
        c.append("    for (int j = 0; j < ").append(head.width()).append("; j++) {\n");
        c.append("        if ((b").append(last).append("[j >> 6] >> (j & 63)) & 1u) {\n");
        c.append("            for (int o = 0; o < HV_OUTPUTS; o++) outputs[o] += hv_alpha[j][o];\n        }\n    }\n");
        if (target.task() == TaskKind.REGRESSION) {
            c.append("    *value = ").append(hex(model.targetMean())).append(" + ").append(hex(model.targetScale()))
                    .append(" * outputs[0];\n    return hv_labels[0];\n}\n");
        } else if (target.isBinary()) {
            if (model.operatingPoint().threshold() != 0) {
                // the operating point: outputs[0] becomes the score the Java model reports, f(x) - t
                c.append("    outputs[0] -= ").append(hex(model.operatingPoint().threshold())).append(";\n");
            }
            c.append("    *value = outputs[0] >= 0 ? 1.0 : -1.0;\n    return hv_labels[outputs[0] >= 0 ? 1 : 0];\n}\n");
        } else {
            c.append("    int best = 0;\n    for (int o = 1; o < HV_OUTPUTS; o++) if (outputs[o] > outputs[best]) best = o;\n");
            c.append("    *value = best;\n    return hv_labels[best];\n}\n");
        }
        return "#include \"heaviside_model.h\"\n#include <stdint.h>\n#include <stdlib.h>\n#include <string.h>\n\n"
                + strings.declarations() + (strings.count() > 0 ? "\n" : "") + c;
    }

    private static String main() {
        return """
                /* Example: reads CSV rows (comma-separated; quoted fields allowed) with a header line on standard
                 * input, finds the model's input columns by name, and prints one prediction per line:
                 * the class label, or the value (as %.17g) for regression.
                 * Build: cc -std=c99 -O2 -ffp-contract=off heaviside_model.c heaviside_main.c -o heaviside */
                #include "heaviside_model.h"
                #include <stdio.h>
                #include <stdlib.h>
                #include <string.h>

                #define MAX_LINE 65536
                #define MAX_FIELDS 1024

                /* Reads one record: a line, joined with the next ones while a quoted field is open (a field
                 * may hold line breaks). Returns 0 at the end of the input. */
                static int read_record(char *line, size_t size) {
                    if (!fgets(line, (int) size, stdin)) {
                        return 0;
                    }
                    size_t used = strlen(line);
                    for (;;) {
                        int open = 0;
                        for (const char *c = line; *c; c++) {
                            if (*c == '"') open = !open;
                        }
                        if (!open || used + 1 >= size || !fgets(line + used, (int) (size - used), stdin)) {
                            return 1;
                        }
                        used += strlen(line + used);
                    }
                }

                /* Splits one record in place: comma-separated fields, a field in double quotes may hold commas,
                 * line breaks and doubled quotes ("a ""b"", c" reads as: a "b", c). */
                static int split(char *line, char *fields[MAX_FIELDS]) {
                    int count = 0;
                    size_t length = strlen(line);
                    while (length > 0 && (line[length - 1] == '\\n' || line[length - 1] == '\\r')) {
                        line[--length] = '\\0';
                    }
                    char *read = line;
                    while (count < MAX_FIELDS) {
                        char *write = read;
                        fields[count++] = write;
                        if (*read == '"') {
                            read++;
                            while (*read) {
                                if (*read == '"' && read[1] == '"') {
                                    *write++ = '"';
                                    read += 2;
                                } else if (*read == '"') {
                                    read++;
                                    break;
                                } else {
                                    *write++ = *read++;
                                }
                            }
                        }
                        while (*read && *read != ',') {
                            *write++ = *read++;
                        }
                        int more = *read == ',';
                        *write = '\\0';
                        if (!more) {
                            break;
                        }
                        read++;
                    }
                    return count;
                }

                int main(void) {
                    static char line[MAX_LINE];
                    char *fields[MAX_FIELDS];
                    int column[HV_INPUTS];
                    if (!read_record(line, sizeof line)) {
                        fprintf(stderr, "error: no header line on standard input\\n");
                        return 2;
                    }
                    int count = split(line, fields);
                    if (count > 0 && (unsigned char) fields[0][0] == 0xEF) fields[0] += 3; /* UTF-8 BOM */
                    for (int i = 0; i < HV_INPUTS; i++) {
                        column[i] = -1;
                        for (int f = 0; f < count; f++) {
                            if (strcmp(fields[f], hv_input_names[i]) == 0) column[i] = f;
                        }
                        if (column[i] < 0) {
                            fprintf(stderr, "error: line 1: no column named '%s'; the model needs it\\n", hv_input_names[i]);
                            return 2;
                        }
                    }
                    long number = 1;
                    while (read_record(line, sizeof line)) {
                        number++;
                        int n = split(line, fields);
                        const char *inputs[HV_INPUTS];
                        for (int i = 0; i < HV_INPUTS; i++) {
                            if (column[i] >= n) {
                                fprintf(stderr, "error: line %ld: %d fields; expected at least %d\\n", number, n, column[i] + 1);
                                return 2;
                            }
                            inputs[i] = fields[column[i]];
                        }
                        double outputs[HV_OUTPUTS];
                        double value;
                        const char *label = hv_predict(inputs, outputs, &value);
                        if (label[0]) printf("%s\\n", label); else printf("%.17g\\n", value);
                    }
                    return 0;
                }
                """;
    }

    /** An exact C99 hexadecimal floating literal. */
    static String hex(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("The model holds a non-finite constant (" + value + ").");
        }
        return "(" + Double.toHexString(value) + ")";
    }
}
