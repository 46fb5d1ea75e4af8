package org.heaviside.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.Callable;
import org.heaviside.export.HostileText;
import org.heaviside.export.ModelFile;
import org.heaviside.network.TrainedModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/** Bad and hostile input on the command line: a clear message and exit code, nothing lost, nothing injected. */
class HostileInputTest {

    @TempDir
    static Path dir;
    private static Path model;
    private static Path data;

    @BeforeAll
    static void hostileModel() throws Exception {
        data = dir.resolve("hostile.csv");
        Files.writeString(data, HostileText.csv(300), StandardCharsets.UTF_8);
        model = dir.resolve("model.json");
        TrainedModel trained = HostileText.model(HostileText.table(300));
        ModelFile.save(trained, model);
    }

    @Test
    void inspectOnTwoMillionCommasSaysWhichLimitAndExitsWithBadInput() throws Exception {
        Path commas = dir.resolve("commas.csv");
        Files.writeString(commas, ",".repeat(2_000_000));
        InspectCommandTest.Result result = InspectCommandTest.run("inspect", commas.toString());
        assertThat(result.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).startsWith("error: commas.csv: line 1").contains("columns")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Command(name = "oom")
    static final class OutOfMemory implements Callable<Integer> {
        @Override
        public Integer call() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    @Test
    void outOfMemoryIsCaughtWithWhatToDo() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out), new PrintWriter(err), line -> line.addSubcommand(new OutOfMemory()),
                "oom");
        assertThat(code).isEqualTo(Cli.BAD_INPUT);
        assertThat(err.toString()).startsWith("error: out of memory").contains("-Xmx").contains("--rows")
                .doesNotContain("\tat ");
    }

    @Test
    void predictNeverWritesOverItsInput() throws Exception {
        Path copy = dir.resolve("input.csv");
        Files.copy(data, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        byte[] before = Files.readAllBytes(copy);
        InspectCommandTest.Result result = InspectCommandTest.run("predict", model.toString(), copy.toString(), "--out",
                copy.toString());
        assertThat(result.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("input");
        assertThat(Files.readAllBytes(copy)).isEqualTo(before);
        // nor over the model file
        byte[] modelBefore = Files.readAllBytes(model);
        result = InspectCommandTest.run("predict", model.toString(), copy.toString(), "--out", model.toString());
        assertThat(result.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(Files.readAllBytes(model)).isEqualTo(modelBefore);
    }

    @Test
    void predictionCellsNeverBecomeSpreadsheetFormulas() throws Exception {
        Path out = dir.resolve("pred.csv");
        InspectCommandTest.Result result = InspectCommandTest.run("predict", model.toString(), data.toString(),
                "--out", out.toString(), "--id", HostileText.CATEGORY);
        assertThat(result.code()).as(result.err()).isZero();
        for (String line : Files.readAllLines(out, StandardCharsets.UTF_8)) {
            for (String cell : line.split(",")) {
                String text = cell.startsWith("\"") ? cell.substring(1) : cell;
                assertThat(text).as(line).doesNotStartWith("=").doesNotStartWith("+").doesNotStartWith("@");
                if (text.startsWith("-")) {
                    assertThat(text).as(line).matches("-[0-9.Ee+-]+");
                }
            }
        }
        assertThat(Files.readString(out)).contains("\"'=no */\"").contains("'=HYPERLINK");
    }

    @Test
    void aRehashedModelWithEmptyOrBrokenContentNamesWhatIsMissing() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = (ObjectNode) mapper.readTree(Files.readAllBytes(model));
        Path empty = dir.resolve("empty-content.json");
        Files.write(empty, rehashed(mapper, root, mapper.createObjectNode()));
        InspectCommandTest.Result result = InspectCommandTest.run("predict", empty.toString(), data.toString(), "--out",
                dir.resolve("p1.csv").toString());
        assertThat(result.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("empty-content.json").contains("without a valid kind")
                .doesNotContain("unexpected");

        ObjectNode content = ((ObjectNode) root.get("content")).deepCopy();
        ((ObjectNode) content.get("network")).putArray("amplitudes").add(1.0);
        Path shapes = dir.resolve("bad-shapes.json");
        Files.write(shapes, rehashed(mapper, root, content));
        result = InspectCommandTest.run("predict", shapes.toString(), data.toString(), "--out",
                dir.resolve("p2.csv").toString());
        assertThat(result.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("bad-shapes.json").contains("amplitudes").doesNotContain("unexpected");
    }

    private static byte[] rehashed(ObjectMapper mapper, ObjectNode root, ObjectNode content) throws Exception {
        ObjectNode copy = root.deepCopy();
        copy.set("content", content);
        copy.put("sha256", org.heaviside.run.Provenance.sha256(mapper.writeValueAsBytes(content)));
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(copy);
    }

    @Test
    void anOverwrittenFileKeepsItsPermissions() throws Exception {
        Path out = dir.resolve("shared.csv");
        Files.writeString(out, "old");
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rw-r--r--"));
        InspectCommandTest.Result result = InspectCommandTest.run("predict", model.toString(), data.toString(),
                "--out", out.toString());
        assertThat(result.code()).as(result.err()).isZero();
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(out);
        assertThat(PosixFilePermissions.toString(permissions)).isEqualTo("rw-r--r--");
    }

    @Test
    void costChecksTheCExportOnAFileReadWithTheLoadersSettingsAndCleansUp() throws Exception {
        // semicolons and windows-31j, as Japanese Excel writes: the C program gets the rows as the loader read them
        Path japanese = dir.resolve("excel.csv");
        Files.write(japanese, HostileText.csv(300).replace("\",\"", "\";\"").getBytes("windows-31j"));
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Set<Path> before = temporaryFolders(tmp);
        InspectCommandTest.Result result = InspectCommandTest.run("cost", model.toString(), japanese.toString(), "--c");
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(result.out()).contains("C export checked: compiled, run on the 300 rows of excel.csv, predictions "
                + "identical to Java's").contains("rows/s");
        // only this process's folders count (their names hold its id): another build on the machine may add or
        // remove its own meanwhile
        Set<Path> left = new java.util.HashSet<>(temporaryFolders(tmp));
        left.removeAll(before);
        assertThat(left).isEmpty();
    }

    private static Set<Path> temporaryFolders(Path tmp) throws Exception {
        try (var entries = Files.list(tmp)) {
            return entries.filter(p -> p.getFileName().toString().startsWith(CostCommand.TEMPORARY_PREFIX))
                    .collect(java.util.stream.Collectors.toSet());
        }
    }

    @Test
    void theCExportNeverWritesIntoAFolderHoldingOtherFiles() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("project"));
        Files.writeString(folder.resolve("heaviside_main.c"), "/* the user's own program */");
        Files.writeString(folder.resolve("notes.txt"), "mine");
        InspectCommandTest.Result result = InspectCommandTest.run("export", model.toString(), "--format", "c", "--out",
                folder.toString());
        assertThat(result.code()).isEqualTo(Cli.BAD_INPUT);
        assertThat(result.err()).contains("holds other files (notes.txt)");
        assertThat(Files.readString(folder.resolve("heaviside_main.c"))).isEqualTo("/* the user's own program */");
        Path fresh = dir.resolve("model-c");
        result = InspectCommandTest.run("export", model.toString(), "--format", "c", "--out", fresh.toString());
        assertThat(result.code()).as(result.err()).isZero();
        assertThat(fresh.resolve("heaviside_model.c")).exists();
    }
}
