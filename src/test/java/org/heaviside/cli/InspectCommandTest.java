package org.heaviside.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

    private static final Path AI4I = Path.of("samples", "ai4i2020.csv");
    private static final Map<String, String> JAPANESE = Map.of("Air temperature [K]", "気温 [K]",
            "Process temperature [K]", "プロセス温度 [K]", "Rotational speed [rpm]", "回転数 [rpm]",
            "Torque [Nm]", "トルク [Nm]", "Tool wear [min]", "工具摩耗 [min]", "Machine failure", "故障");

    record Result(int code, String out, String err) {
    }

    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void jsonOnAi4iHasTheCountsAndRoles() throws Exception {
        Result result = run("inspect", AI4I.toString(), "--target", "Machine failure", "--json");
        assertThat(result.code()).isZero();
        JsonNode json = new ObjectMapper().readTree(result.out());
        assertThat(json.get("rows").asInt()).isEqualTo(10_000);
        assertThat(json.get("target").get("name").asText()).isEqualTo("Machine failure");
        assertThat(json.get("target").get("task").asText()).isEqualTo("classification");
        assertThat(json.get("target").get("classes").get("1").asInt()).isEqualTo(339);
        assertThat(json.get("target").get("classes").get("0").asInt()).isEqualTo(9_661);
        assertThat(json.get("settings").get("delimiter").asText()).isEqualTo(",");
        assertThat(json.get("settings").get("encoding").asText()).isEqualTo("UTF-8");
        assertThat(json.get("settings").get("decimalComma").asBoolean()).isFalse();
        assertThat(json.get("warnings").isArray()).isTrue();
        Map<String, String> roles = new java.util.LinkedHashMap<>();
        for (JsonNode column : json.get("columns")) {
            roles.put(column.get("name").asText(), column.get("role").asText());
            assertThat(column.has("missing") && column.has("distinct")).isTrue();
        }
        assertThat(roles).containsEntry("UDI", "identifier").containsEntry("Product ID", "identifier")
                .containsEntry("Type", "categorical").containsEntry("Torque [Nm]", "numeric")
                .containsEntry("Machine failure", "target");
    }

    @Test
    void japaneseExcelExportGivesTheSameCounts(@TempDir Path dir) throws Exception {
        List<String> lines = Files.readAllLines(AI4I, StandardCharsets.UTF_8);
        List<String> converted = new ArrayList<>();
        String[] header = lines.get(0).split(",");
        for (int c = 0; c < header.length; c++) {
            header[c] = JAPANESE.getOrDefault(header[c], header[c]);
        }
        converted.add(String.join("\t", header));
        for (String line : lines.subList(1, lines.size())) {
            converted.add(line.replace(',', '\t'));
        }
        Path file = dir.resolve("ai4i_sjis.tsv");
        Files.write(file, (String.join("\r\n", converted) + "\r\n").getBytes(Charset.forName("windows-31j")));

        Result original = run("inspect", AI4I.toString(), "--target", "Machine failure", "--json");
        Result japanese = run("inspect", file.toString(), "--target", "故障", "--json");
        assertThat(japanese.code()).as(japanese.err()).isZero();
        JsonNode a = new ObjectMapper().readTree(original.out());
        JsonNode b = new ObjectMapper().readTree(japanese.out());
        assertThat(b.get("settings").get("encoding").asText()).isEqualTo("windows-31j");
        assertThat(b.get("settings").get("delimiter").asText()).isEqualTo("\t");
        assertThat(b.get("rows")).isEqualTo(a.get("rows"));
        assertThat(b.get("target").get("classes")).isEqualTo(a.get("target").get("classes"));
        List<String> names = new ArrayList<>();
        for (int c = 0; c < a.get("columns").size(); c++) {
            JsonNode left = a.get("columns").get(c);
            JsonNode right = b.get("columns").get(c);
            names.add(right.get("name").asText());
            assertThat(right.get("role")).isEqualTo(left.get("role"));
            assertThat(right.get("missing")).isEqualTo(left.get("missing"));
            assertThat(right.get("distinct")).isEqualTo(left.get("distinct"));
        }
        assertThat(names).containsExactly(header);
    }

    @Test
    void badFileExitsWithCodeTwoAndOneLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ragged.csv");
        Files.writeString(file, "a,b\n1,2\n3\n");
        Result result = run("inspect", file.toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).isEqualTo("error: ragged.csv: line 3: found 1 field(s); expected 2 fields as in the "
                + "header (check the delimiter, now comma, and quotes)." + System.lineSeparator());
        assertThat(result.out()).isEmpty();
    }

    @Test
    void missingFileExitsWithCodeTwo(@TempDir Path dir) {
        Result result = run("inspect", dir.resolve("nope.csv").toString());
        assertThat(result.code()).isEqualTo(2);
        assertThat(result.err()).contains("nope.csv: found no such file; expected a path to an existing CSV file.");
    }

    @Test
    void textReportNamesSettingsAndTarget() {
        Result result = run("inspect", AI4I.toString(), "--target", "Machine failure");
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("delimiter comma, encoding UTF-8").contains("Rows:      10,000")
                .contains("class 1").contains("339 rows (3.4%)");
    }

    @Test
    void syntheticWritesThePaperData(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("paper.csv");
        Result result = run("synthetic", "--out", file.toString(), "--seed", "3");
        assertThat(result.code()).isZero();
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(2101);
        assertThat(lines.get(0)).startsWith("x1,x2,").endsWith(",x20,y");
    }
}
