package org.heaviside.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.heaviside.conditions.Condition;

/**
 * Translates the core's wording of a setting ("the squared loss", "the number of layers") into the
 * command line's options ("--loss squared", "--layers"), so that messages and hints name what a
 * user of this front end types. The core names settings; each front end says how to change them.
 */
final class Flags {

    /** Phrases of the core, in order, with their command-line form ($1 is the number matched). */
    private static final Map<Pattern, String> PHRASES = new LinkedHashMap<>();

    static {
        phrase("method convex with (\\d+) layers", "--method convex --layers $1");
        phrase("set the number of layers to (\\d+)", "use --layers $1");
        phrase("The number of layers must be", "--layers must be");
        phrase("Use the squared loss", "Use --loss squared");
        phrase("\\(e\\.g\\. (\\d+) directions\\)", "(e.g. --patterns $1)");
        phrase("\\(read fewer rows, or hold out a larger test fraction\\)", "(--rows, or a larger --test-fraction)");
        phrase("the projection layer-1 generator", "--layer1 projection");
        phrase("a wider layer 1", "a wider --width1");
        phrase("Ignore the column \\(set its role to ignored\\)", "Drop the column (--drop)");
        phrase("Cross-validation chooses beta", "--cv chooses beta");
        phrase("give beta or a beta ratio", "give --beta or --beta-ratio");
        phrase("The number of seeds", "--seeds");
        phrase("a model file saved by Heaviside Workbench", "a model file written by 'train --model'");
        phrase("a results file saved by Heaviside Workbench", "a results file written by 'compare --out'");
        phrase("the \"spec\" object of a saved comparison", "the \"spec\" object written by 'compare --out'");
    }

    private Flags() {
    }

    private static void phrase(String core, String cli) {
        PHRASES.put(Pattern.compile(core), cli);
    }

    /** The message with the core's setting names replaced by options. */
    static String name(String message) {
        if (message == null) {
            return null;
        }
        String text = message;
        for (Map.Entry<Pattern, String> entry : PHRASES.entrySet()) {
            text = entry.getKey().matcher(text).replaceAll(Matcher.quoteReplacement(entry.getValue())
                    .replace("\\$1", "$1"));
        }
        return text;
    }

    /** A condition whose hint names options. */
    static Condition name(Condition condition) {
        return new Condition(condition.id(), condition.verdict(), condition.detail(), condition.meaning(),
                name(condition.hint()), condition.key(), condition.args());
    }
}
