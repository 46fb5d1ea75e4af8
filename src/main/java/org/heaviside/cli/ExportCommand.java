package org.heaviside.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.heaviside.export.CExport;
import org.heaviside.export.ModelFile;
import org.heaviside.network.TrainedModel;
import org.heaviside.run.AtomicFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code export MODEL.json --format c --out DIR}: the model for deployment. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a saved model for deployment: 'c' writes a dependency-free C99 header, source and an "
                + "example program (reads CSV rows on standard input, prints one prediction per line).")
final class ExportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "MODEL.json", description = "A model file written by 'train --model'.")
    Path modelFile;

    @Option(names = "--format", required = true, paramLabel = "c", description = "The format: c.")
    String format;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "The folder to write into.")
    Path out;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TrainedModel model = ModelFile.load(modelFile);
        if (!"c".equals(format.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("Unknown or unbuilt --format '" + format + "'; this version exports c "
                    + "(ONNX export is not built yet).");
        }
        Files.createDirectories(out);
        Map<String, String> files = CExport.generate(model);
        for (Map.Entry<String, String> file : files.entrySet()) {
            AtomicFiles.write(out.resolve(file.getKey()), file.getValue().getBytes(StandardCharsets.UTF_8));
        }
        spec.commandLine().getOut().printf(Locale.ROOT, "Wrote %s to %s: constant data %,d bytes (flash), working "
                + "memory %,d bytes per inference (RAM). Build: cc -std=c99 -O2 -ffp-contract=off heaviside_model.c "
                + "heaviside_main.c -o heaviside%n", String.join(", ", files.keySet()), out, CExport.flashBytes(model),
                CExport.ramBytes(model));
        return 0;
    }
}
