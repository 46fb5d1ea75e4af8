package org.heaviside.app.ui;

import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/** The workbench's translated strings (English and Japanese), from {@code messages*.properties}. */
public final class Messages {

    private static volatile ResourceBundle bundle = load(Locale.getDefault());

    private Messages() {
    }

    private static ResourceBundle load(Locale locale) {
        return ResourceBundle.getBundle("org.heaviside.app.messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** Switches the language for windows built from now on. */
    public static void use(Locale locale) {
        bundle = load(locale);
    }

    /** The locale of the strings in use. */
    public static Locale locale() {
        Locale locale = bundle.getLocale();
        return locale.getLanguage().isEmpty() ? Locale.ENGLISH : locale;
    }

    /** Whether a key has a translation. */
    public static boolean has(String key) {
        return bundle.containsKey(key);
    }

    /** A translated string, formatted with {@link MessageFormat} when arguments are given. */
    public static String get(String key, Object... arguments) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return "!" + key + "!";
        }
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale()).format(arguments);
    }
}
