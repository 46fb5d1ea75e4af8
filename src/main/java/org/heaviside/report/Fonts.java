package org.heaviside.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Finds a TrueType font on the machine for the PDF report: one that covers Japanese for a Japanese
 * report (Noto Sans CJK/JP, IPA, Takao, VL Gothic, Droid Sans Fallback), DejaVu Sans or Liberation
 * Sans otherwise. Nothing is bundled.
 */
final class Fonts {

    private static final List<String> JAPANESE = List.of("notosansjp", "notosanscjk", "ipaexg", "ipag", "takaogothic",
            "vl-gothic", "droidsansfallback");
    private static final List<String> LATIN = List.of("dejavusans.ttf", "liberationsans-regular.ttf", "arial.ttf",
            "notosans-regular.ttf");
    private static final List<Path> ROOTS = List.of(Path.of("/usr/share/fonts"), Path.of("/usr/local/share/fonts"),
            Path.of(System.getProperty("user.home"), ".fonts"), Path.of(System.getProperty("user.home"), ".local",
                    "share", "fonts"), Path.of("C:\\Windows\\Fonts"), Path.of("/Library/Fonts"));

    private static final List<String> LATIN_BOLD = List.of("dejavusans-bold.ttf", "liberationsans-bold.ttf",
            "arialbd.ttf", "notosans-bold.ttf");

    private Fonts() {
    }

    /** A bold .ttf matching the regular Latin fonts, or null when there is none (then the regular one is used). */
    static Path findBold() {
        return first(LATIN_BOLD);
    }

    /** The first of the named fonts found under the font folders, or null. */
    private static Path first(List<String> names) {
        for (String name : names) {
            for (Path root : ROOTS) {
                Path found = search(root, name);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** A .ttf font for the language, or an exception saying what to install. */
    static Path find(Locale locale) {
        boolean japanese = "ja".equals(locale.getLanguage());
        Path found = first(japanese ? JAPANESE : LATIN);
        if (found == null && !japanese) {
            found = first(JAPANESE); // a CJK font covers Latin text too
        }
        if (found != null) {
            return found;
        }
        throw new IllegalArgumentException(japanese
                ? "No Japanese TrueType font was found for the PDF (looked for Noto Sans CJK/JP, IPA, Takao, VL Gothic, "
                + "Droid Sans Fallback under the system font folders). Install one (Debian: fonts-noto-cjk or "
                + "fonts-ipafont) or write the report as .html."
                : "No TrueType font was found for the PDF (looked for DejaVu Sans, Liberation Sans, Arial). Install one "
                + "(Debian: fonts-dejavu-core) or write the report as .html.");
    }

    /** A .ttf font for the language if the machine has one. */
    static java.util.Optional<Path> findOptional(Locale locale) {
        try {
            return java.util.Optional.of(find(locale));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    private static Path search(Path root, String name) {
        if (!Files.isDirectory(root)) {
            return null;
        }
        try (Stream<Path> files = Files.walk(root, 6)) {
            return files.filter(p -> {
                String file = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return file.endsWith(".ttf") && file.replace(" ", "").startsWith(name.replace(".ttf", ""))
                        && (name.endsWith(".ttf") ? file.equals(name) : true);
            }).sorted().findFirst().orElse(null);
        } catch (IOException | java.io.UncheckedIOException e) {
            return null;
        }
    }
}
