package org.heaviside.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.heaviside.export.CExport;
import org.heaviside.export.ModelFile;
import org.heaviside.export.OnnxExport;
import org.heaviside.network.TrainedModel;
import org.heaviside.run.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code export MODEL.json --format c --out DIR}: the model for deployment. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a saved model for deployment: 'onnx' one ONNX graph with the preprocessing; 'c' a "
                + "dependency-free C99 header, source and example program (reads CSV rows on standard input, prints "
                + "one prediction per line); 'json' the checked model file.")
final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL.json", description = "A model file written by 'train --model'.")
    Path modelFile;

    @Option(names = "--format", required = true, paramLabel = "json|onnx|c",
            description = "json: the checked model file; onnx: one ONNX file with the preprocessing; c: C99 files.")
    String format;

    @Option(names = "--out", required = true, paramLabel = "FILE|DIR",
            description = "The file to write (json, onnx) or the folder (c).")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Outputs.refuseOverwriting("--out", out, modelFile);
        TrainedModel model = ModelFile.load(modelFile);
        String chosen = format.toLowerCase(Locale.ROOT);
        if (chosen.equals("onnx")) {
            byte[] onnx = OnnxExport.toBytes(model);
            AtomicFiles.write(out, onnx);
            spec.commandLine().getOut().printf(Locale.ROOT, "Wrote %s (%,d bytes): ONNX opset 13 with ai.onnx.ml; inputs "
                    + "'numeric' (double, N x numeric columns, NaN for missing) and 'category_<k>' (string, N x 1); "
                    + "output 'output' (double); provenance in the metadata.%n", out, onnx.length);
            return 0;
        }
        if (chosen.equals("json")) {
            ModelFile.save(model, out);
            spec.commandLine().getOut().printf(Locale.ROOT, "Wrote %s (checked model file).%n", out);
            return 0;
        }
        if (!chosen.equals("c")) {
            throw new IllegalArgumentException("Unknown --format '" + format + "'; expected json, onnx or c.");
        }
        CExport.write(model, out);
        Map<String, String> files = CExport.generate(model);
        spec.commandLine().getOut().printf(Locale.ROOT, "Wrote %s to %s: constant data %,d bytes (flash), working "
                + "memory %,d bytes per inference (RAM). Build: cc -std=c99 -O2 -ffp-contract=off heaviside_model.c "
                + "heaviside_main.c -o heaviside%n", String.join(", ", files.keySet()), out, CExport.flashBytes(model),
                CExport.ramBytes(model));
        return 0;
    }
}
