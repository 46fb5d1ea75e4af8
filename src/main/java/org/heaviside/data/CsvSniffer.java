package org.heaviside.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Detects how a delimited text file is written: encoding (UTF-8 with or without BOM, UTF-16 with
 * BOM, windows-31j, ISO-8859-1 as the fallback), delimiter ({@code , ; \t |}), decimal comma and
 * header row.
 *
 * <p>Rules, in order: a byte order mark means UTF-8, UTF-16LE or UTF-16BE (Excel's "Unicode
 * text"). Without a UTF-16 mark, a NUL byte or many control bytes mean a binary file (rejected);
 * without any mark the first {@value #SAMPLE_BYTES} bytes are decoded strictly as UTF-8, then as
 * windows-31j (the Shift_JIS variant Japanese Excel writes), and the first that decodes wins,
 * ISO-8859-1 otherwise. The delimiter is the candidate giving the same field count (above one) on
 * the most of the first {@value #SAMPLE_RECORDS} records, ties broken by more fields. A decimal
 * comma is assumed when the delimiter is a semicolon and some field reads like {@code 12,5}. The
 * first record is a header unless each of its fields is a number.
 */
public final class CsvSniffer {

    /** Bytes read from the start of the file for detection. */
    public static final int SAMPLE_BYTES = 1 << 20;
    /** Records looked at to choose the delimiter. */
    public static final int SAMPLE_RECORDS = 50;

    private static final char[] DELIMITERS = {',', ';', '\t', '|'};
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    static final Charset WINDOWS_31J = Charset.forName("windows-31j");

    private CsvSniffer() {
    }

    /** Detects the settings of a file on disk. */
    public static CsvSettings detect(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(SAMPLE_BYTES);
        } catch (IOException e) {
            throw DataException.of(file.getFileName().toString(), "a file that cannot be read (" + e.getMessage() + ")",
                    "a readable CSV file");
        }
        return detect(head, head.length < SAMPLE_BYTES, file.getFileName().toString());
    }

    /**
     * Detects the settings from the first bytes of a source.
     *
     * @param head     the first bytes (all of them when {@code complete})
     * @param complete whether {@code head} is the whole source
     * @param source   a name for messages
     */
    public static CsvSettings detect(byte[] head, boolean complete, String source) {
        String marked = bomEncoding(head);
        if (marked == null || marked.equals("UTF-8")) {
            rejectBinary(head, source); // UTF-16 text holds NUL bytes by nature
        }
        String encoding = marked != null ? marked : detectEncoding(head, complete);
        int skip = bomLength(head);
        String text = new String(head, skip, head.length - skip, Charset.forName(encoding));
        if (!complete) {
            // drop the last, possibly cut, line
            int cut = Math.max(text.lastIndexOf('\n'), 0);
            text = text.substring(0, cut);
        }
        char delimiter = detectDelimiter(text);
        boolean decimalComma = delimiter == ';' && looksLikeDecimalComma(text, delimiter);
        boolean header = detectHeader(text, delimiter, decimalComma);
        return new CsvSettings(delimiter, encoding, decimalComma, header);
    }

    /**
     * The encoding a byte order mark names: UTF-8, or UTF-16LE / UTF-16BE (what Excel writes as
     * "Unicode text"); null without one.
     */
    static String bomEncoding(byte[] head) {
        if (hasUtf8Bom(head)) {
            return "UTF-8";
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            return "UTF-16LE";
        }
        if (head.length >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            return "UTF-16BE";
        }
        return null;
    }

    /** The length of the byte order mark the bytes start with, 0 without one. */
    static int bomLength(byte[] head) {
        String encoding = bomEncoding(head);
        return encoding == null ? 0 : encoding.equals("UTF-8") ? UTF8_BOM.length : 2;
    }

    /** Returns whether the bytes start with the UTF-8 byte order mark. */
    static boolean hasUtf8Bom(byte[] head) {
        return head.length >= 3 && Arrays.equals(head, 0, 3, UTF8_BOM, 0, 3);
    }

    private static void rejectBinary(byte[] head, String source) {
        int control = 0;
        for (int i = 0; i < head.length; i++) {
            int b = head[i] & 0xFF;
            if (b == 0) {
                throw DataException.of(source, "binary content (a NUL byte at byte " + (i + 1) + ")",
                        "a text file with delimited columns (CSV)");
            }
            if (b < 0x09 || (b > 0x0D && b < 0x20) || b == 0x7F) {
                control++;
            }
        }
        if (head.length > 0 && control * 100L > head.length) {
            throw DataException.of(source, "binary content (" + control + " control bytes in the first " + head.length
                    + " bytes)", "a text file with delimited columns (CSV)");
        }
    }

    static String detectEncoding(byte[] head, boolean complete) {
        if (hasUtf8Bom(head)) {
            return "UTF-8";
        }
        if (decodes(head, StandardCharsets.UTF_8, complete)) {
            return "UTF-8";
        }
        if (decodes(head, WINDOWS_31J, complete)) {
            return WINDOWS_31J.name();
        }
        return StandardCharsets.ISO_8859_1.name();
    }

    private static boolean decodes(byte[] bytes, Charset charset, boolean complete) {
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(Math.max(16, bytes.length));
        CoderResult result = decoder.decode(in, out, complete);
        if (result.isError()) {
            return false;
        }
        if (complete) {
            try {
                return !decoder.flush(out).isError() && !in.hasRemaining();
            } catch (IllegalStateException e) {
                return false;
            }
        }
        return true; // a multi-byte character cut at the end of the sample is fine
    }

    private static List<CSVRecord> sampleRecords(String text, char delimiter) {
        List<CSVRecord> records = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord record : parser) {
                records.add(record);
                if (records.size() >= SAMPLE_RECORDS) {
                    break;
                }
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // an unbalanced quote under this delimiter: use what parsed so far
        }
        return records;
    }

    static char detectDelimiter(String text) {
        char best = ',';
        double bestScore = -1;
        int bestFields = 0;
        for (char candidate : DELIMITERS) {
            List<CSVRecord> records = sampleRecords(text, candidate);
            if (records.isEmpty()) {
                continue;
            }
            Map<Integer, Integer> counts = new HashMap<>();
            for (CSVRecord record : records) {
                counts.merge(record.size(), 1, Integer::sum);
            }
            int modeFields = 0;
            int modeCount = 0;
            for (Map.Entry<Integer, Integer> entry : counts.entrySet()) {
                if (entry.getValue() > modeCount || (entry.getValue() == modeCount && entry.getKey() > modeFields)) {
                    modeFields = entry.getKey();
                    modeCount = entry.getValue();
                }
            }
            if (modeFields < 2) {
                continue;
            }
            double score = (double) modeCount / records.size();
            if (score > bestScore + 1e-12 || (Math.abs(score - bestScore) <= 1e-12 && modeFields > bestFields)) {
                best = candidate;
                bestScore = score;
                bestFields = modeFields;
            }
        }
        return best;
    }

    private static boolean looksLikeDecimalComma(String text, char delimiter) {
        for (CSVRecord record : sampleRecords(text, delimiter)) {
            for (String field : record) {
                if (field.strip().matches("[-+]?\\d*,\\d+")) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean detectHeader(String text, char delimiter, boolean decimalComma) {
        List<CSVRecord> records = sampleRecords(text, delimiter);
        if (records.isEmpty()) {
            return true;
        }
        for (String field : records.get(0)) {
            if (Cells.isMissing(field) || Double.isNaN(Cells.parseNumber(field, decimalComma))) {
                return true;
            }
        }
        return false;
    }
}
