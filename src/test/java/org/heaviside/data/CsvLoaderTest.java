package org.heaviside.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.heaviside.run.CancelledException;
import org.heaviside.run.ProgressListener;
import org.junit.jupiter.api.Test;

class CsvLoaderTest {

    @Test
    void emptyFileIsRejected() {
        assertThatThrownBy(() -> TestTables.load("empty.csv", ""))
                .isInstanceOf(DataException.class)
                .hasMessage("empty.csv: found an empty file; expected a header line and at least one data row.");
    }

    @Test
    void headerOnlyIsRejected() {
        assertThatThrownBy(() -> TestTables.load("header.csv", "a,b,c\n"))
                .isInstanceOf(DataException.class)
                .hasMessage("header.csv: line 1: found a header with no data rows after it; "
                        + "expected at least one data row.");
    }

    @Test
    void raggedRowNamesItsLine() {
        assertThatThrownBy(() -> TestTables.load("ragged.csv", "a,b,c\n1,2,3\n4,5\n"))
                .isInstanceOf(DataException.class)
                .hasMessage("ragged.csv: line 3: found 2 field(s); expected 3 fields as in the header "
                        + "(check the delimiter, now comma, and quotes).");
    }

    @Test
    void duplicateColumnNameIsRejected() {
        assertThatThrownBy(() -> TestTables.load("dup.csv", "a,b,a\n1,2,3\n"))
                .isInstanceOf(DataException.class)
                .hasMessage("dup.csv: line 1, column 'a': found the name 'a' in columns 1 and 3; "
                        + "expected a different name for each column (rename one of them).");
    }

    @Test
    void binaryFileIsRejected() {
        byte[] bytes = {'P', 'K', 3, 4, 0, 0, 1, 2};
        assertThatThrownBy(() -> TestTables.load("model.zip", bytes))
                .isInstanceOf(DataException.class)
                .hasMessage("model.zip: found binary content (a NUL byte at byte 5); "
                        + "expected a text file with delimited columns (CSV).");
    }

    @Test
    void unclosedQuoteNamesItsLine() {
        assertThatThrownBy(() -> TestTables.load("quote.csv", "a,b\n1,2\n3,\"open\n4,5\n"))
                .isInstanceOf(DataException.class)
                .hasMessage("quote.csv: line 3: found a quoted field that is never closed; "
                        + "expected a closing double quote (\") before the end of the file.");
    }

    @Test
    void bytesInvalidForTheEncodingAreNamed() {
        byte[] bytes = "a,b\n1,\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        CsvSettings utf8 = new CsvSettings(',', "UTF-8", false, true);
        assertThatThrownBy(() -> CsvLoader.load(ByteSource.of("latin.csv", bytes), utf8, ProgressListener.NONE,
                () -> false))
                .isInstanceOf(DataException.class)
                .hasMessageStartingWith("latin.csv: line 2, column 'b': found bytes that are not valid UTF-8; expected text in "
                        + "the file's encoding");
    }

    @Test
    void textInNumericColumnIsRejectedWhenTheRoleIsNumeric() {
        Table table = TestTables.load("text.csv", "a,b,y\n1,abc,0\n2,def,1\n3,ghi,0\n4,jkl,1\n");
        assertThat(table.require("b").inferredRole()).isEqualTo(ColumnRole.CATEGORICAL);
        DataSpec spec = DataSpec.of("y").withRoles(Map.of("b", ColumnRole.NUMERIC)).withTestFraction(0);
        assertThatThrownBy(() -> Preprocessing.prepare(table, spec))
                .isInstanceOf(DataException.class)
                .hasMessage("text.csv: line 2, column 'b': found text 'abc' in a column whose role is numeric; "
                        + "expected a number in every cell (or choose the role categorical or ignored).");
    }

    @Test
    void aFewUnparsableCellsAreAWarningNotAFailure() {
        StringBuilder text = new StringBuilder("x,y\n");
        for (int i = 0; i < 40; i++) {
            text.append(i == 7 ? "oops" : String.valueOf(i)).append(',').append(i % 2).append('\n');
        }
        Table table = TestTables.load("few.csv", text.toString());
        Column x = table.require("x");
        assertThat(x.isNumeric()).isTrue();
        assertThat(x.unparsable()).isEqualTo(1);
        assertThat(Double.isNaN(x.number(7))).isTrue();
        assertThat(table.warnings()).extracting(DataWarning::message)
                .contains("Column 'x': 1 cell(s) are not numbers (first at line 9: 'oops'); they are treated as missing.");
    }

    @Test
    void targetWithOneClassIsRejected() {
        Table table = TestTables.load("one.csv", "x,y\n1,a\n2,a\n3,a\n");
        assertThatThrownBy(() -> TargetSummary.of(table, "y", null))
                .isInstanceOf(DataException.class)
                .hasMessage("one.csv: column 'y': found a single class ('a' in 3 rows); "
                        + "expected at least two classes in the target.");
    }

    @Test
    void targetAllMissingIsRejected() {
        Table table = TestTables.load("none.csv", "x,y\n1,NA\n2,\n3,?\n");
        assertThatThrownBy(() -> TargetSummary.of(table, "y", null))
                .isInstanceOf(DataException.class)
                .hasMessage("none.csv: column 'y': found a target that is missing in every row (3 rows); "
                        + "expected a target value in at least two rows.");
    }

    @Test
    void unknownTargetListsTheColumns() {
        Table table = TestTables.load("t.csv", "x,y\n1,0\n2,1\n");
        assertThatThrownBy(() -> TargetSummary.of(table, "z", null))
                .isInstanceOf(DataException.class)
                .hasMessage("t.csv: found no column named 'z'; expected one of [x, y].");
    }

    @Test
    void missingTokensAreCounted() {
        Table table = TestTables.load("m.csv", "x,y\n,0\nNA,1\nNaN,0\nnull,1\n?,0\n-,1\n1.5,0\n");
        Column x = table.require("x");
        assertThat(x.missing()).isEqualTo(6);
        assertThat(x.unparsable()).isZero();
        assertThat(x.number(6)).isEqualTo(1.5);
    }

    @Test
    void rolesAreInferred() {
        StringBuilder text = new StringBuilder("UDI,Product ID,Type,Torque,Const,Machine failure\n");
        for (int i = 1; i <= 30; i++) {
            text.append(i).append(",P").append(1000 + i).append(',').append("LMH".charAt(i % 3)).append(',')
                    .append(40 + (i % 7) * 0.5).append(",7,").append(i % 5 == 0 ? 1 : 0).append('\n');
        }
        Table table = TestTables.load("roles.csv", text.toString());
        assertThat(table.columns()).extracting(Column::inferredRole).containsExactly(ColumnRole.IDENTIFIER,
                ColumnRole.IDENTIFIER, ColumnRole.CATEGORICAL, ColumnRole.NUMERIC, ColumnRole.CONSTANT,
                ColumnRole.NUMERIC);
        assertThat(table.warnings()).extracting(DataWarning::message)
                .contains("Column 'Const' holds a single value in every row; it is excluded.");
    }

    @Test
    void uniqueSensorReadingsAreNotIdentifiers() {
        StringBuilder text = new StringBuilder("t,y\n");
        for (int i = 0; i < 30; i++) {
            text.append(Math.sin(i) * 10).append(',').append(i % 2).append('\n');
        }
        assertThat(TestTables.load("s.csv", text.toString()).require("t").inferredRole())
                .isEqualTo(ColumnRole.NUMERIC);
    }

    @Test
    void reportsProgressAndStopsWhenCancelled() {
        StringBuilder text = new StringBuilder("a,b\n");
        for (int i = 0; i < 50_000; i++) {
            text.append(i).append(',').append(i % 3).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
        List<Long> reports = new ArrayList<>();
        CsvLoader.load(ByteSource.of("big.csv", bytes), (done, total, note) -> reports.add(done), () -> false);
        assertThat(reports).hasSizeGreaterThan(5).isSorted();
        assertThat(reports.get(reports.size() - 1)).isEqualTo(bytes.length);

        AtomicInteger polls = new AtomicInteger();
        assertThatThrownBy(() -> CsvLoader.load(ByteSource.of("big.csv", bytes), ProgressListener.NONE,
                () -> polls.incrementAndGet() > 2))
                .isInstanceOf(CancelledException.class);
        assertThat(polls.get()).isEqualTo(3);
    }
    @Test
    void aLineOfTwoMillionCommasHitsTheColumnLimitWithAMessageNotAnOutOfMemoryError() {
        byte[] bytes = ",".repeat(2_000_000).getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> TestTables.load("commas.csv", bytes))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("commas.csv: line 1")
                .hasMessageContaining("more than " + String.format(java.util.Locale.ROOT, "%,d", CsvLimits.maxColumns())
                        + " columns")
                .hasMessageContaining("-D" + CsvLimits.MAX_COLUMNS);
    }

    @Test
    void anUnclosedQuoteHitsTheFieldLimitInsteadOfBufferingTheFile() {
        String text = "a,b\n1,\"never closed\n" + "2,3\n".repeat(400_000);
        assertThatThrownBy(() -> TestTables.load("quote.csv", text))
                .isInstanceOf(DataException.class)
                .hasMessageContaining("quote.csv: line 2")
                .hasMessageContaining("a field longer than")
                .hasMessageContaining("-D" + CsvLimits.MAX_FIELD_CHARS);
    }

    @Test
    void aLongLegitimateFieldAndQuotedDelimitersStayWithinTheLimits() {
        String text = "a,b\n\"" + "x,\"\"".repeat(100_000) + "\",2\n";
        Table table = TestTables.load("long.csv", text);
        assertThat(table.require("a").text(0)).hasSize(300_000); // x, and a quote, 100,000 times
    }

    @Test
    void utf16WithAByteOrderMarkIsDetectedAndRead() {
        String text = "温度\t種別\tfault\n1.5\tA\t0\n2.5\tB\t1\n";
        for (java.nio.charset.Charset charset : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
            byte[] body = text.getBytes(charset);
            byte[] bom = charset == StandardCharsets.UTF_16LE ? new byte[] {(byte) 0xFF, (byte) 0xFE}
                    : new byte[] {(byte) 0xFE, (byte) 0xFF};
            byte[] bytes = new byte[bom.length + body.length];
            System.arraycopy(bom, 0, bytes, 0, bom.length);
            System.arraycopy(body, 0, bytes, bom.length, body.length);
            Table table = TestTables.load("unicode.txt", bytes);
            assertThat(table.settings().encoding()).isEqualTo(charset.name());
            assertThat(table.settings().delimiter()).isEqualTo('\t');
            assertThat(table.columnNames()).containsExactly("温度", "種別", "fault");
            assertThat(table.require("温度").number(1)).isEqualTo(2.5);
        }
    }
}
