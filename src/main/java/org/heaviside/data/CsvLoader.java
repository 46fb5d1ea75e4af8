package org.heaviside.data;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.UnaryOperator;

import java.io.BufferedReader;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;

/**
 * Streams a delimited text file into a {@link Table}: one pass, typed columns, progress by bytes
 * read, cancellation every {@value #CHECK_EVERY} records. Memory grows with rows times columns
 * (8 bytes per number plus 4 per level code), never with the text of the file.
 */
public final class CsvLoader {

    private static final int CHECK_EVERY = 4096;
    /** What the decoder puts in place of bytes that are not valid in the encoding. */
    private static final char INVALID = '\uFFFD';

    private CsvLoader() {
    }

    /** Detects the settings of a file and loads it. */
    public static Table load(ByteSource source, ProgressListener progress, Cancellation cancellation) {
        return open(source, UnaryOperator.identity(), Integer.MAX_VALUE, progress, cancellation);
    }

    /**
     * Opens a CSV file: checks that it exists, detects its settings, lets the caller override them
     * (the user's choices), and loads at most {@code maxRows} rows with the file's SHA-256. The one
     * way every front end reads a data file.
     *
     * @param adjust the detected settings to the ones to use (identity to keep them)
     */
    public static Table open(Path file, UnaryOperator<CsvSettings> adjust, int maxRows, ProgressListener progress,
                             Cancellation cancellation) {
        if (!Files.isRegularFile(file)) {
            throw DataException.of(file.toString(), "no such file", "a path to an existing CSV file");
        }
        return open(ByteSource.of(file), adjust, maxRows, progress, cancellation);
    }

    /** Detects the settings of a source, adjusts them and loads at most {@code maxRows} rows. */
    public static Table open(ByteSource source, UnaryOperator<CsvSettings> adjust, int maxRows,
                             ProgressListener progress, Cancellation cancellation) {
        return load(source, adjust.apply(detect(source)), maxRows, progress, cancellation);
    }

    /** Detects the settings of a source from its first bytes. */
    public static CsvSettings detect(ByteSource source) {
        byte[] head;
        try (InputStream in = source.open()) {
            head = in.readNBytes(CsvSniffer.SAMPLE_BYTES);
        } catch (IOException e) {
            throw unreadable(source, e);
        }
        return CsvSniffer.detect(head, head.length < CsvSniffer.SAMPLE_BYTES, source.name());
    }

    /** Loads a source with the given settings. */
    public static Table load(ByteSource source, CsvSettings settings, ProgressListener progress,
                             Cancellation cancellation) {
        return load(source, settings, Integer.MAX_VALUE, progress, cancellation);
    }

    /** Loads at most {@code maxRows} data rows of a source (the first ones) with the given settings. */
    public static Table load(ByteSource source, CsvSettings settings, int maxRows, ProgressListener progress,
                             Cancellation cancellation) {
        if (maxRows < 1) {
            throw new IllegalArgumentException("The number of rows to read must be at least 1, not " + maxRows + ".");
        }
        String name = source.name();
        long size = source.size();
        CharsetDecoder decoder = settings.charset().newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(String.valueOf(INVALID));
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setDelimiter(settings.delimiter())
                .setIgnoreEmptyLines(false)
                .get();
        MessageDigest sha256 = sha256();
        try (DigestInputStream digested = new DigestInputStream(source.open(), sha256);
             // marks (for the byte-order mark) are kept above the digest, so no byte is hashed twice
             CountingStream counted = new CountingStream(new java.io.BufferedInputStream(digested, 1 << 16))) {
            skipBom(counted, settings.charset().name());
            Reader reader = CsvLimits.enforce(new BufferedReader(new InputStreamReader(counted, decoder), 1 << 16),
                    name, settings.delimiter());
            try (CSVParser parser = CSVParser.parse(reader, format)) {
                Table.Parts parts = read(name, size, settings, maxRows, parser, counted, progress, cancellation);
                // the hash covers the whole file, also when only the first rows were read
                digested.transferTo(OutputStream.nullOutputStream());
                return parts.table(HexFormat.of().formatHex(sha256.digest()));
            }
        } catch (IOException e) {
            throw unreadable(source, e);
        }
    }

    private static DataException unreadable(ByteSource source, IOException e) {
        return DataException.of(source.name(), "a file that cannot be read (" + e.getMessage() + ")",
                "a readable CSV file");
    }

    /** Skips the byte order mark of the encoding (UTF-8, UTF-16LE, UTF-16BE), if the file starts with one. */
    private static void skipBom(CountingStream in, String encoding) throws IOException {
        in.mark(3);
        byte[] head = in.readNBytes(3);
        in.reset();
        int bom = CsvSniffer.bomLength(head);
        if (bom > 0 && encoding.equals(CsvSniffer.bomEncoding(head))) {
            in.skipNBytes(bom);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }

    private static Table.Parts read(String name, long size, CsvSettings settings, int maxRows, CSVParser parser,
                              CountingStream counted, ProgressListener progress, Cancellation cancellation) {
        Iterator<CSVRecord> records = parser.iterator();
        List<DataWarning> warnings = new ArrayList<>();
        long line = 0; // last file line consumed
        String[] names = null;
        Builder[] builders = null;
        List<String[]> preview = new ArrayList<>();
        int[] lines = new int[1024];
        int rows = 0;
        long headerLine = 0;
        while (true) {
            CSVRecord record;
            try {
                if (rows >= maxRows || !records.hasNext()) {
                    break;
                }
                record = records.next();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw malformed(name, line + 1, settings, e);
            }
            long start = line + 1;
            line = start + newlines(record);
            if (record.size() == 1 && record.get(0).isEmpty()) {
                continue; // a blank line
            }
            checkFields(name, start, record.values(), names, settings);
            if (names == null) {
                headerLine = start;
                names = settings.header() ? headerNames(name, record.values(), start, warnings)
                        : numberedNames(record.size());
                builders = new Builder[names.length];
                for (int c = 0; c < names.length; c++) {
                    builders[c] = new Builder(names[c]);
                }
                if (settings.header()) {
                    continue;
                }
            }
            if (rows == lines.length) {
                lines = Arrays.copyOf(lines, rows * 2);
            }
            lines[rows] = (int) Math.min(start, Integer.MAX_VALUE);
            String[] values = preview.size() < Table.PREVIEW_ROWS ? new String[names.length] : null;
            for (int c = 0; c < names.length; c++) {
                String value = record.get(c);
                builders[c].add(value, start, settings.decimalComma());
                if (values != null) {
                    values[c] = value;
                }
            }
            if (values != null) {
                preview.add(values);
            }
            rows++;
            if ((rows & (CHECK_EVERY - 1)) == 0) {
                cancellation.check();
                progress.progress(counted.count(), size, "Reading " + name + ": " + rows + " rows");
            }
        }
        if (names == null) {
            throw DataException.of(name, "an empty file", "a header line and at least one data row");
        }
        if (rows == 0) {
            throw DataException.at(name, headerLine, null, settings.header() ? "a header with no data rows after it"
                    : "no data rows", "at least one data row");
        }
        List<Column> columns = new ArrayList<>(names.length);
        for (Builder builder : builders) {
            columns.add(builder.build());
        }
        progress.progress(size < 0 ? rows : size, size < 0 ? rows : size, "Read " + rows + " rows from " + name);
        return new Table.Parts(name, settings, columns, Arrays.copyOf(lines, rows), preview, warnings);
    }

    /**
     * Checks a record's fields as the loader does: no bytes invalid in the encoding, and (once the
     * column names are known) as many fields as names.
     *
     * @param names the column names, or null for the first record
     * @throws DataException naming the file, the line and, for invalid bytes, the column
     */
    public static void checkFields(String name, long line, String[] fields, String[] names, CsvSettings settings) {
        for (int c = 0; c < fields.length; c++) {
            if (fields[c].indexOf(INVALID) >= 0) {
                String column = names != null && c < names.length ? names[c] : null;
                throw DataException.at(name, line, column, "bytes that are not valid " + settings.encoding(),
                        "text in the file's encoding (choose it in the import settings, e.g. windows-31j for "
                                + "Japanese Excel files)");
            }
        }
        if (names != null && fields.length != names.length) {
            throw DataException.at(name, line, null, fields.length + " field(s)", names.length
                    + " fields as in " + (settings.header() ? "the header" : "the first row")
                    + " (check the delimiter, now " + settings.delimiterName() + ", and quotes)");
        }
    }

    /** The message for a record the parser cannot read, at its first line. */
    public static DataException malformed(String name, long line, CsvSettings settings, RuntimeException e) {
        String detail = String.valueOf(e.getMessage());
        if (detail.contains("EOF reached before encapsulated token finished")) {
            return DataException.at(name, line, null, "a quoted field that is never closed",
                    "a closing double quote (\") before the end of the file");
        }
        return DataException.at(name, line, null, "a malformed field (" + detail.replaceAll("\\s+", " ") + ")",
                "fields separated by " + settings.delimiterName() + ", quoted with \" where needed");
    }

    private static long newlines(CSVRecord record) {
        long count = 0;
        for (String value : record) {
            for (int i = value.indexOf('\n'); i >= 0; i = value.indexOf('\n', i + 1)) {
                count++;
            }
        }
        return count;
    }

    /** Names "column 1", "column 2", ... for a file without a header. */
    public static String[] numberedNames(int count) {
        String[] names = new String[count];
        for (int c = 0; c < count; c++) {
            names[c] = "column " + (c + 1);
        }
        return names;
    }

    /** The column names of a header record: stripped, "column N" for an empty one, refused when repeated. */
    public static String[] headerNames(String source, String[] fields, long line, List<DataWarning> warnings) {
        String[] names = new String[fields.length];
        Map<String, Integer> seen = new HashMap<>();
        for (int c = 0; c < names.length; c++) {
            String text = fields[c].strip();
            if (text.isEmpty()) {
                text = "column " + (c + 1);
                warnings.add(new DataWarning(text, "Column " + (c + 1) + " has no name in the header; it is called '"
                        + text + "'."));
            }
            Integer previous = seen.putIfAbsent(text, c);
            if (previous != null) {
                throw DataException.at(source, line, text, "the name '" + text + "' in columns " + (previous + 1)
                        + " and " + (c + 1), "a different name for each column (rename one of them)");
            }
            names[c] = text;
        }
        return names;
    }

    /** Accumulates one column while streaming. */
    private static final class Builder {
        private final String name;
        private double[] numbers = new double[64];
        private int[] codes = new int[64];
        private Map<String, Integer> codeOf = new HashMap<>();
        private List<String> levels = new ArrayList<>();
        private final LongHashSet distinctTexts = new LongHashSet();
        private int rows;
        private int missing;
        private int unparsable;
        private long firstUnparsableLine;
        private String firstUnparsableText;
        private boolean increasingIntegers = true;
        private double previous = Double.NEGATIVE_INFINITY;

        Builder(String name) {
            this.name = name;
        }

        void add(String raw, long line, boolean decimalComma) {
            if (rows == numbers.length) {
                numbers = Arrays.copyOf(numbers, rows * 2);
                if (codes != null) {
                    codes = Arrays.copyOf(codes, rows * 2);
                }
            }
            if (Cells.isMissing(raw)) {
                missing++;
                numbers[rows] = Double.NaN;
                if (codes != null) {
                    codes[rows] = -1;
                }
                increasingIntegers = false;
                rows++;
                return;
            }
            String text = raw.strip();
            double value = Cells.parseNumber(text, decimalComma);
            numbers[rows] = value;
            if (value != value) {
                // only texts are hashed: distinct numbers are counted by sorting after the load
                distinctTexts.add(LongHashSet.hash(text));
                unparsable++;
                increasingIntegers = false;
                if (firstUnparsableLine == 0) {
                    firstUnparsableLine = line;
                    firstUnparsableText = Cells.shortText(text);
                }
            } else {
                increasingIntegers &= value > previous && value == Math.rint(value);
                previous = value;
            }
            if (codes != null) {
                Integer code = codeOf.get(text);
                if (code == null) {
                    if (levels.size() >= Column.MAX_LEVELS) {
                        codes = null; // too many levels to be categorical: keep the numbers only
                        codeOf = null;
                        levels = null;
                    } else {
                        code = levels.size();
                        codeOf.put(text, code);
                        levels.add(text);
                    }
                }
                if (codes != null) {
                    codes[rows] = code;
                }
            }
            rows++;
        }

        Column build() {
            return new Column(name, Arrays.copyOf(numbers, rows), codes == null ? null : Arrays.copyOf(codes, rows),
                    levels, missing, unparsable, firstUnparsableLine, firstUnparsableText, distinctTexts.size(),
                    increasingIntegers);
        }
    }

    /** Counts bytes read, for progress. */
    private static final class CountingStream extends FilterInputStream {
        private long count;
        private long markCount;

        CountingStream(InputStream in) {
            super(in.markSupported() ? in : new java.io.BufferedInputStream(in, 1 << 16));
        }

        long count() {
            return count;
        }

        @Override public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override public synchronized void mark(int limit) {
            super.mark(limit);
            markCount = count;
        }

        @Override public synchronized void reset() throws IOException {
            super.reset();
            count = markCount;
        }
    }
}
