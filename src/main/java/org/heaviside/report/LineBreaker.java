package org.heaviside.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Breaks a paragraph into lines no wider than a measure, greedily. Latin text breaks only at
 * spaces (never inside a word, no hyphenation; a no-break space joins a number to its unit). Between
 * Japanese characters (kana, kanji, full-width punctuation) a line may break anywhere, except before
 * closing punctuation or after an opening bracket. Only a single word wider than the whole line is
 * cut, as a last resort.
 */
final class LineBreaker {

    private static final String NO_LINE_START = "、。，．・：；？！）」』】〕｝〉》ー々ゃゅょっぁぃぅぇぉャュョッァィゥェォ)]},.:;!?%";
    private static final String NO_LINE_END = "（「『【〔｛〈《([{";

    private LineBreaker() {
    }

    /** The lines of {@code text} at most {@code width} wide as {@code measure} measures. */
    static List<String> lines(String text, double width, ToDoubleFunction<String> measure) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String[] unit : units(text)) {
            String space = unit[0];
            String word = unit[1];
            String candidate = line.length() == 0 ? word : line + space + word;
            if (measure.applyAsDouble(candidate) <= width || line.length() == 0 && fits(word, width, measure)) {
                line.setLength(0);
                line.append(candidate);
                continue;
            }
            if (line.length() > 0) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (fits(word, width, measure)) {
                line.append(word);
            } else {
                // a single word wider than the line: cut it (the only break inside a word)
                for (int i = 0; i < word.length(); i += Character.charCount(word.codePointAt(i))) {
                    String next = line.toString() + new String(Character.toChars(word.codePointAt(i)));
                    if (measure.applyAsDouble(next) > width && line.length() > 0) {
                        lines.add(line.toString());
                        line.setLength(0);
                        line.appendCodePoint(word.codePointAt(i));
                    } else {
                        line.setLength(0);
                        line.append(next);
                    }
                }
            }
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static boolean fits(String word, double width, ToDoubleFunction<String> measure) {
        return measure.applyAsDouble(word) <= width;
    }

    /**
     * The unbreakable units of a text, each with what joins it to the previous one: a space (a
     * break at a space drops the space) or nothing (a break between Japanese characters).
     */
    static List<String[]> units(String text) {
        List<String[]> units = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        String joiner = "";
        int previous = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == ' ') {
                if (word.length() > 0) {
                    units.add(new String[] {joiner, word.toString()});
                    word.setLength(0);
                }
                joiner = " ";
                previous = cp;
                continue;
            }
            boolean breakBefore = word.length() > 0 && (wide(cp) || wide(previous))
                    && NO_LINE_START.indexOf(cp) < 0 && NO_LINE_END.indexOf(previous) < 0;
            if (breakBefore) {
                units.add(new String[] {joiner, word.toString()});
                word.setLength(0);
                joiner = "";
            }
            word.appendCodePoint(cp);
            previous = cp;
        }
        if (word.length() > 0) {
            units.add(new String[] {joiner, word.toString()});
        }
        return units;
    }

    /** Whether a character is Japanese (kana, kanji, full-width forms, CJK punctuation). */
    static boolean wide(int cp) {
        if (cp < 0x2e80) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || (cp >= 0x3000 && cp <= 0x303f)
                || (cp >= 0xff00 && cp <= 0xffef);
    }
}
