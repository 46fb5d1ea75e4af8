package org.heaviside.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Finding a named option (a loss, a method, an optimizer) by the id files and users write. */
public final class Ids {

    private Ids() {
    }

    /**
     * The constant of {@code type} whose id is {@code text} (case-insensitive).
     *
     * @param what the setting's name for the message, such as "loss"
     * @throws IllegalArgumentException naming the setting and the ids it takes when none matches
     */
    public static <E extends Enum<E>> E parse(Class<E> type, Function<E, String> id, String text, String what) {
        String wanted = text == null ? "" : text.toLowerCase(Locale.ROOT);
        List<String> known = new ArrayList<>();
        for (E value : type.getEnumConstants()) {
            if (id.apply(value).equals(wanted)) {
                return value;
            }
            known.add(id.apply(value));
        }
        throw new IllegalArgumentException("Unknown " + what + " '" + text + "'; expected "
                + String.join(" or ", known) + ".");
    }
}
