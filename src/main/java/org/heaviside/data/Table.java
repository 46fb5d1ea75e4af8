package org.heaviside.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A loaded data file: typed columns, the file line of each row, a preview of the first rows as
 * text, the settings it was read with and the warnings raised while reading. Immutable.
 */
public final class Table {

    /** Rows kept as text for previews. */
    public static final int PREVIEW_ROWS = 500;

    private final String source;
    private final CsvSettings settings;
    private final List<Column> columns;
    private final int[] lines;
    private final List<String[]> preview;
    private final List<DataWarning> warnings;
    private final String sha256;

    /** What the loader read, before the file's hash is known. */
    record Parts(String source, CsvSettings settings, List<Column> columns, int[] lines, List<String[]> preview,
                 List<DataWarning> warnings) {
        Table table(String sha256) {
            return new Table(source, settings, columns, lines, preview, warnings, sha256);
        }
    }

    Table(String source, CsvSettings settings, List<Column> columns, int[] lines, List<String[]> preview,
          List<DataWarning> loadWarnings, String sha256) {
        this.sha256 = sha256;
        this.source = source;
        this.settings = settings;
        this.columns = List.copyOf(columns);
        this.lines = lines;
        this.preview = List.copyOf(preview);
        List<DataWarning> all = new ArrayList<>(loadWarnings);
        all.addAll(columnWarnings(columns));
        this.warnings = List.copyOf(all);
    }

    /** The warnings a table raises about its columns: constant ones, and cells that are not numbers. */
    public static List<DataWarning> columnWarnings(List<? extends ColumnStats> columns) {
        List<DataWarning> all = new ArrayList<>();
        for (ColumnStats column : columns) {
            if (column.inferredRole() == ColumnRole.CONSTANT) {
                String what = column.rows() == column.missing() ? "is empty in every row"
                        : "holds a single value in every row";
                all.add(new DataWarning(column.name(), "Column '" + column.name() + "' " + what + "; it is excluded."));
            }
            if (column.isNumeric() && column.unparsable() > 0) {
                all.add(new DataWarning(column.name(), "Column '" + column.name() + "': " + column.unparsable()
                        + " cell(s) are not numbers (first at line " + column.firstUnparsableLine() + ": '"
                        + column.firstUnparsableText() + "'); they are treated as missing."));
            }
        }
        return all;
    }

    /** SHA-256 of the whole file's bytes (lower-case hex), also when only its first rows were read. */
    public String sha256() {
        return sha256;
    }

    /** The file or data set name. */
    public String source() {
        return source;
    }

    /** How the file was read. */
    public CsvSettings settings() {
        return settings;
    }

    /** The columns in file order. */
    public List<Column> columns() {
        return columns;
    }

    /** Number of data rows. */
    public int rows() {
        return lines.length;
    }

    /** The 1-based file line on which a row starts. */
    public int line(int row) {
        return lines[row];
    }

    /** The first rows as the text in the file. */
    public List<String[]> preview() {
        return preview;
    }

    /** Repairable problems found while reading. */
    public List<DataWarning> warnings() {
        return warnings;
    }

    /** The column with a name, if any. */
    public Optional<Column> column(String name) {
        for (Column column : columns) {
            if (column.name().equals(name)) {
                return Optional.of(column);
            }
        }
        return Optional.empty();
    }

    /** The column with a name, or a {@link DataException} listing the names there are. */
    public Column require(String name) {
        return column(name).orElseThrow(() -> DataException.of(source, "no column named '" + name + "'",
                "one of " + columnNames()));
    }

    /** The column names in file order. */
    public List<String> columnNames() {
        List<String> names = new ArrayList<>();
        for (Column column : columns) {
            names.add(column.name());
        }
        return names;
    }
}
