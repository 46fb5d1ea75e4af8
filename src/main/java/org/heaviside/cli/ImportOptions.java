package org.heaviside.cli;

import org.heaviside.data.ByteSource;
import org.heaviside.data.CsvLoader;
import org.heaviside.data.CsvSettings;
import org.heaviside.data.Table;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options that override the detected import settings; shared by the commands that read CSV. */
final class ImportOptions {

    @Option(names = "--delimiter", paramLabel = "CHAR",
            description = "Field delimiter: ',', ';', 'tab' or '|' (default: detected).")
    String delimiter;

    @Option(names = "--encoding", paramLabel = "NAME",
            description = "Text encoding, e.g. UTF-8, windows-31j, ISO-8859-1 (default: detected).")
    String encoding;

    @Option(names = "--decimal-comma", negatable = true,
            description = "Numbers use a decimal comma, as in 3,14 (default: detected).")
    Boolean decimalComma;

    @Option(names = "--rows", paramLabel = "N",
            description = "Read only the first N data rows (for a quick study of a large file).")
    Integer rows;

    @Option(names = "--header", negatable = true,
            description = "The first row holds the column names (default: detected).")
    Boolean header;

    /** Opens a file for a command: detection, these overrides and the row limit, through the core's one path. */
    Table open(Path file) {
        return CsvLoader.open(file, this::apply, rows == null ? Integer.MAX_VALUE : rows, ProgressListener.NONE,
                Cancellation.NEVER);
    }

    /** The detected settings of a source with these overrides applied. */
    CsvSettings settingsFor(ByteSource source) {
        return apply(CsvLoader.detect(source));
    }

    /** Detected settings with these overrides applied. */
    CsvSettings apply(CsvSettings detected) {
        CsvSettings settings = detected;
        if (delimiter != null) {
            settings = settings.withDelimiter(parseDelimiter(delimiter));
        }
        if (encoding != null) {
            try {
                settings = settings.withEncoding(java.nio.charset.Charset.forName(encoding).name());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Unknown encoding '" + encoding
                        + "'; expected a name such as UTF-8, windows-31j or ISO-8859-1.");
            }
        }
        if (decimalComma != null) {
            settings = settings.withDecimalComma(decimalComma);
        }
        if (header != null) {
            settings = settings.withHeader(header);
        }
        return settings;
    }

    static char parseDelimiter(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "tab", "\\t", "\t" -> '\t';
            case "comma", "," -> ',';
            case "semicolon", ";" -> ';';
            case "pipe", "|" -> '|';
            default -> {
                if (text.length() == 1) {
                    yield text.charAt(0);
                }
                throw new IllegalArgumentException("Unknown delimiter '" + text
                        + "'; expected one character or one of comma, semicolon, tab, pipe.");
            }
        };
    }
}
