package org.heaviside.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.junit.jupiter.api.Test;

/**
 * Profiles of a column's parts, merged in any order, say what the loader's {@link Column} says:
 * counts, levels in order of first appearance, distinct values for the rules, numeric or not, role.
 */
class ColumnProfileTest {

    /** The column's cells profiled in three parts (rows in order), merged in the order 2, 0, 1. */
    private static ColumnProfile profile(Table table, List<String[]> cells, int c) {
        ColumnProfile[] parts = new ColumnProfile[3];
        int n = table.rows();
        for (int p = 0; p < 3; p++) {
            parts[p] = new ColumnProfile(table.columns().get(c).name());
            for (int row = n * p / 3; row < n * (p + 1) / 3; row++) {
                parts[p].add(cells.get(row)[c], table.line(row), table.line(row), p, table.settings().decimalComma());
            }
        }
        return parts[2].merge(parts[0]).merge(parts[1]);
    }

    private static void assertSameAsColumn(Table table, List<String[]> cells) {
        for (int c = 0; c < table.columns().size(); c++) {
            Column column = table.columns().get(c);
            ColumnProfile profile = profile(table, cells, c);
            assertThat(profile.rows()).isEqualTo(column.rows());
            assertThat(profile.missing()).as(column.name()).isEqualTo(column.missing());
            assertThat(profile.unparsable()).as(column.name()).isEqualTo(column.unparsable());
            assertThat(profile.firstUnparsableLine()).as(column.name()).isEqualTo(column.firstUnparsableLine());
            assertThat(profile.firstUnparsableText()).as(column.name()).isEqualTo(column.firstUnparsableText());
            assertThat(profile.isNumeric()).as(column.name()).isEqualTo(column.isNumeric());
            assertThat(profile.hasLevels()).as(column.name()).isEqualTo(column.hasLevels());
            if (column.hasLevels()) {
                assertThat(profile.levels()).as(column.name()).isEqualTo(column.levels());
                assertThat(profile.levelCounts()).as(column.name()).isEqualTo(column.levelCounts());
            }
            assertThat(profile.allIntegers()).as(column.name()).isEqualTo(column.allIntegers());
            assertThat(Math.min(profile.distinct(), 65)).as(column.name()).isEqualTo(Math.min(column.distinct(), 65));
            assertThat(profile.inferredRole()).as(column.name()).isEqualTo(column.inferredRole());
        }
    }

    @Test
    void theAi4iSampleProfiledInPartsGivesTheLoadersColumns() {
        // the preview holds the cells of the first 500 rows: load and profile those
        Table first = CsvLoader.open(Path.of("samples", "ai4i2020.csv"), s -> s, Table.PREVIEW_ROWS,
                ProgressListener.NONE, Cancellation.NEVER);
        assertSameAsColumn(first, first.preview());
        assertThat(profile(first, first.preview(), 0).inferredRole()).isEqualTo(ColumnRole.IDENTIFIER);
    }

    @Test
    void missingCellsTextInNumbersAndACounterOutOfOrderAreProfiledAsLoaded() {
        StringBuilder text = new StringBuilder("id,down,value,kind,flag\n");
        for (int i = 0; i < 60; i++) {
            String value = i % 11 == 3 ? "NA" : i == 40 ? "oops" : Double.toString(i * 0.5 - 7);
            text.append(i + 1).append(',').append(100 - i % 30).append(',').append(value).append(',')
                    .append(i % 9 == 0 ? "" : "k" + (i % 4)).append(',').append(i % 2).append('\n');
        }
        Table table = TestTables.load("mixed.csv", text.toString());
        assertSameAsColumn(table, table.preview());
        // a counter split into parts that are numbered against the file's order is no identifier
        ColumnProfile reordered = new ColumnProfile("id");
        for (int row = 0; row < 60; row++) {
            reordered.add(Integer.toString(row + 1), row + 2, row + 2, row < 30 ? 1 : 0, false);
        }
        assertThat(reordered.inferredRole()).isEqualTo(ColumnRole.NUMERIC);
    }
}
