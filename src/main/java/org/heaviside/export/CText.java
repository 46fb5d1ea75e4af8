package org.heaviside.export;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * User text (column names, levels, labels) inside generated C source, made safe: string literals
 * that no trigraph, quote or byte can break, comments that nothing can end early, and texts longer
 * than C99 guarantees for a literal as named arrays.
 */
final class CText {

    private CText() {
    }

    /**
     * A C99 string literal of any text, independent of the compiler's character sets: printable
     * ASCII as is except {@code "}, {@code \\} and {@code ?} (escaped, so no trigraph such as
     * {@code ??/} can form), every other byte of the UTF-8 form as an octal escape.
     */
    static String literal(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int ch = b & 0xFF;
            if (ch == '"' || ch == '\\' || ch == '?') {
                out.append('\\').append((char) ch);
            } else if (ch < 0x20 || ch >= 0x7F) {
                out.append(String.format(Locale.ROOT, "\\%03o", ch));
            } else {
                out.append((char) ch);
            }
        }
        return out.append('"').toString();
    }

    /**
     * Text for a block comment: control characters become spaces and the sequences that would end
     * or nest the comment ({@code * /}, {@code / *}) or form a trigraph ({@code ??}) are broken up.
     */
    static String comment(String text) {
        StringBuilder out = new StringBuilder();
        for (char ch : text.toCharArray()) {
            char previous = out.isEmpty() ? 0 : out.charAt(out.length() - 1);
            if ((previous == '*' && ch == '/') || (previous == '/' && ch == '*') || (previous == '?' && ch == '?')) {
                out.append(' ');
            }
            out.append(ch < 0x20 || ch == 0x7F ? ' ' : ch);
        }
        return out.toString();
    }

    /**
     * The strings of a source file: short ones as literals, longer ones (over the 4,095 characters
     * C99 guarantees for a literal) as named arrays declared before their first use.
     */
    static final class Pool {
        private static final int LONGEST_LITERAL = 4000;
        private final StringBuilder declarations = new StringBuilder();
        private final Map<String, String> names = new HashMap<>();
        private int count;

        /** The declarations of the long texts, to precede their first use. */
        StringBuilder declarations() {
            return declarations;
        }

        /** How many long texts were declared. */
        int count() {
            return count;
        }

        /** A literal for a short text, the name of a declared array for a long one. */
        String of(String text) {
            if (text.getBytes(StandardCharsets.UTF_8).length <= LONGEST_LITERAL) {
                return literal(text);
            }
            if (names.containsKey(text)) {
                return names.get(text);
            }
            String name = "hv_text" + count++;
            names.put(text, name);
            declarations.append("static const char ").append(name).append("[] = {");
            for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
                declarations.append(String.format(Locale.ROOT, "'\\%03o', ", b & 0xFF));
            }
            declarations.append("'\\0'};\n");
            return name;
        }
    }
}
