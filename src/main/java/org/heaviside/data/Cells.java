package org.heaviside.data;

import java.util.Locale;
import java.util.Set;

/** Rules for single cells: which tokens mean "missing" and how numbers are read. */
public final class Cells {

    /** Tokens that mark a missing value (compared after trimming, case-insensitively). */
    public static final Set<String> MISSING_TOKENS = Set.of("", "na", "nan", "null", "?", "-");

    private Cells() {
    }

    /** Returns whether a raw cell is a missing-value token. */
    public static boolean isMissing(String raw) {
        if (raw == null) {
            return true;
        }
        String text = raw.strip();
        return text.length() <= 4 && MISSING_TOKENS.contains(text.toLowerCase(Locale.ROOT));
    }

    /**
     * Reads a plain decimal number ({@code -12}, {@code 3.5}, {@code 1e-3}; with {@code decimalComma},
     * {@code 3,5} and {@code 1.234,5}). Returns NaN for anything else, including "Infinity", hex
     * literals and Java suffixes such as {@code 1d}, which plant exports never mean as numbers.
     */
    public static double parseNumber(String raw, boolean decimalComma) {
        String text = raw.strip();
        int length = text.length();
        if (length == 0 || length > 64) {
            return Double.NaN;
        }
        if (decimalComma) {
            int comma = text.indexOf(',');
            if (comma >= 0) {
                // '.' before the decimal comma is a thousands separator (1.234,5)
                text = text.substring(0, comma).replace(".", "") + '.' + text.substring(comma + 1);
                length = text.length();
            }
        }
        boolean digit = false;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return Double.NaN;
            }
        }
        if (!digit) {
            return Double.NaN;
        }
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) ? value : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** A cell's text for a message: at most 40 characters, then "...". */
    static String shortText(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    /**
     * A text as one comma-separated field that a spreadsheet shows as text: quoted when it holds a
     * comma, quote or line break; and when it starts with {@code = + - @}, a tab or a carriage return
     * without being a number, prefixed with {@code '} (and quoted) so it never runs as a formula.
     */
    public static String csvField(String text) {
        boolean formula = !text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0
                && Double.isNaN(parseNumber(text, false));
        String safe = formula ? "'" + text : text;
        return formula || safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
                ? "\"" + safe.replace("\"", "\"\"") + "\"" : safe;
    }
}
