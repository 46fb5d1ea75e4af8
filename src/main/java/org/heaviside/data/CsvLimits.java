package org.heaviside.data;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;
import java.util.Locale;

/**
 * Limits that no real plant export reaches but a broken or hostile file does: fields per record,
 * characters per field, characters per record. Checked while the text streams in, before the parser
 * buffers a record, so a line of two million commas or a quote that is never closed ends with a
 * message naming the line and the limit instead of running out of memory. Each limit can be raised
 * with a system property ({@code java -Dheaviside.csv.maxColumns=50000 -jar heaviside.jar ...}).
 */
public final class CsvLimits {

    /** System property raising the number of columns. */
    public static final String MAX_COLUMNS = "heaviside.csv.maxColumns";
    /** System property raising the characters of one field. */
    public static final String MAX_FIELD_CHARS = "heaviside.csv.maxFieldChars";
    /** System property raising the characters of one record. */
    public static final String MAX_RECORD_CHARS = "heaviside.csv.maxRecordChars";

    private CsvLimits() {
    }

    /** Columns (fields per record): 20,000 unless raised. */
    public static int maxColumns() {
        return Integer.getInteger(MAX_COLUMNS, 20_000);
    }

    /** Characters of one field: 1,000,000 unless raised. */
    public static int maxFieldChars() {
        return Integer.getInteger(MAX_FIELD_CHARS, 1_000_000);
    }

    /** Characters of one record: 20,000,000 unless raised. */
    public static int maxRecordChars() {
        return Integer.getInteger(MAX_RECORD_CHARS, 20_000_000);
    }

    /** A reader that enforces the limits on delimited text, following quotes as the parser does. */
    static Reader enforce(Reader in, String source, char delimiter) {
        return new Enforcing(in, source, delimiter);
    }

    private static final class Enforcing extends FilterReader {
        private final String source;
        private final char delimiter;
        private final int maxColumns = maxColumns();
        private final int maxField = maxFieldChars();
        private final int maxRecord = maxRecordChars();
        private long line = 1;
        private long recordLine = 1;
        private int fields = 1;
        private int fieldChars;
        private int recordChars;
        private boolean fieldStart = true;
        private boolean quoted;
        private boolean quoteInQuoted;

        Enforcing(Reader in, String source, char delimiter) {
            super(in);
            this.source = source;
            this.delimiter = delimiter;
        }

        @Override
        public int read() throws IOException {
            int ch = super.read();
            if (ch >= 0) {
                accept((char) ch);
            }
            return ch;
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            int count = super.read(buffer, offset, length);
            for (int i = 0; i < count; i++) {
                accept(buffer[offset + i]);
            }
            return count;
        }

        private void accept(char ch) {
            if (ch == '\n') {
                line++;
            }
            if (quoted) {
                if (quoteInQuoted) {
                    quoteInQuoted = false;
                    if (ch != '"') {
                        quoted = false; // the closing quote: this character is outside the field
                        outside(ch);
                        return;
                    }
                } else if (ch == '"') {
                    quoteInQuoted = true;
                }
                grow();
                return;
            }
            outside(ch);
        }

        private void outside(char ch) {
            if (ch == '\n') {
                fields = 1;
                fieldChars = 0;
                recordChars = 0;
                fieldStart = true;
                recordLine = line;
                return;
            }
            if (ch == delimiter) {
                if (++fields > maxColumns) {
                    throw limit("more than " + format(maxColumns) + " columns", MAX_COLUMNS);
                }
                fieldChars = 0;
                recordChars++;
                fieldStart = true;
                return;
            }
            if (ch == '"' && fieldStart) {
                quoted = true;
            }
            fieldStart = false;
            grow();
        }

        private void grow() {
            if (++fieldChars > maxField) {
                throw limit("a field longer than " + format(maxField) + " characters (a quote that is never closed?)",
                        MAX_FIELD_CHARS);
            }
            if (++recordChars > maxRecord) {
                throw limit("a record longer than " + format(maxRecord) + " characters", MAX_RECORD_CHARS);
            }
        }

        private DataException limit(String found, String property) {
            return DataException.at(source, recordLine, null, found, "a file within the importer's limits (raise "
                    + "this one with java -D" + property + "=N if the file is right)");
        }

        private static String format(int value) {
            return String.format(Locale.ROOT, "%,d", value);
        }
    }
}
