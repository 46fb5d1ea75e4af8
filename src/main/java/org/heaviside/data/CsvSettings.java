package org.heaviside.data;

import java.nio.charset.Charset;

/**
 * How a delimited text file is read. Every field is detected by {@link CsvSniffer} and can be
 * overridden by the user.
 *
 * @param delimiter    field separator: one of {@code , ; \t |}
 * @param encoding     canonical charset name, such as {@code UTF-8} or {@code windows-31j}
 * @param decimalComma whether numbers use a comma as the decimal separator ({@code 3,14})
 * @param header       whether the first record holds the column names
 */
public record CsvSettings(char delimiter, String encoding, boolean decimalComma, boolean header)
        implements java.io.Serializable {

    /** Plain comma-separated UTF-8 with a header, as most tools write. */
    public static CsvSettings defaults() {
        return new CsvSettings(',', "UTF-8", false, true);
    }

    /** Validates the fields. */
    public CsvSettings {
        if ("\r\n\"".indexOf(delimiter) >= 0) {
            throw new IllegalArgumentException("The delimiter cannot be a quote or a line break.");
        }
        Charset.forName(encoding); // fails early on an unknown name
    }

    /** The charset named by {@link #encoding()}. */
    public Charset charset() {
        return Charset.forName(encoding);
    }

    /** The delimiter as people name it: "comma", "semicolon", "tab", "pipe" or the character. */
    public String delimiterName() {
        return switch (delimiter) {
            case ',' -> "comma";
            case ';' -> "semicolon";
            case '\t' -> "tab";
            case '|' -> "pipe";
            default -> String.valueOf(delimiter);
        };
    }

    /** Returns these settings with another delimiter. */
    public CsvSettings withDelimiter(char value) {
        return new CsvSettings(value, encoding, decimalComma, header);
    }

    /** Returns these settings with another encoding. */
    public CsvSettings withEncoding(String value) {
        return new CsvSettings(delimiter, value, decimalComma, header);
    }

    /** Returns these settings with the decimal comma on or off. */
    public CsvSettings withDecimalComma(boolean value) {
        return new CsvSettings(delimiter, encoding, value, header);
    }

    /** Returns these settings with or without a header row. */
    public CsvSettings withHeader(boolean value) {
        return new CsvSettings(delimiter, encoding, decimalComma, value);
    }
}
