package org.heaviside.data;

import java.util.Objects;

/**
 * A problem with input data that the user can fix: the message names the file, the line and the
 * column where known, what was found and what was expected. Never carries a stack trace to users.
 */
public final class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final String column;

    private DataException(String source, long line, String column, String message) {
        super(message);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    /**
     * Creates an exception whose message reads "{source}: line {line}, column '{column}': found
     * {found}; expected {expected}."; absent parts (line &lt;= 0, null column) are left out.
     */
    public static DataException at(String source, long line, String column, String found, String expected) {
        StringBuilder text = new StringBuilder(Objects.requireNonNullElse(source, "input"));
        if (line > 0) {
            text.append(": line ").append(line);
        }
        if (column != null) {
            text.append(line > 0 ? ", column '" : ": column '").append(column).append('\'');
        }
        text.append(": found ").append(found).append("; expected ").append(expected).append('.');
        return new DataException(source, line, column, text.toString());
    }

    /** Creates an exception for a problem that concerns the whole source. */
    public static DataException of(String source, String found, String expected) {
        return at(source, 0, null, found, expected);
    }

    /** The file or data set name the problem was found in. */
    public String source() {
        return source;
    }

    /** The 1-based line of the problem, or 0 when it concerns no single line. */
    public long line() {
        return line;
    }

    /** The column name of the problem, or null. */
    public String column() {
        return column;
    }
}
