package org.heaviside.conditions;

/**
 * One check of docs/method.md section 7: what it found and what it means for the guarantee.
 *
 * @param id      stable identifier, such as {@code shattering.distinct}
 * @param verdict {@link #MET}, {@link #NOT_MET} or {@link #UNKNOWN}
 * @param detail  the numbers behind the verdict, in one sentence
 * @param meaning what the check means for the guarantee, in one sentence
 * @param hint    what to do when it is not met (empty when nothing needs doing)
 * @param key     which wording of the detail this is (for translations: {@code id} plus a variant)
 * @param args    the numbers and names in the detail, in the order the wording uses them
 */
public record Condition(String id, String verdict, String detail, String meaning, String hint, String key,
                        java.util.List<Object> args) {

    /** Copies the arguments; a missing key is the id. */
    public Condition {
        key = key == null ? id : key;
        args = args == null ? java.util.List.of() : java.util.List.copyOf(args);
    }

    /** A condition without translation arguments. */
    public Condition(String id, String verdict, String detail, String meaning, String hint) {
        this(id, verdict, detail, meaning, hint, id, java.util.List.of());
    }

    /** This condition with the wording's key and arguments. */
    public Condition with(String variant, Object... values) {
        return new Condition(id, verdict, detail, meaning, hint, variant == null ? id : id + "." + variant,
                java.util.List.of(values));
    }

    /** The condition holds. */
    public static final String MET = "met";
    /** The condition fails. */
    public static final String NOT_MET = "not_met";
    /** Not known yet (for example before a solve). */
    public static final String UNKNOWN = "unknown";

    /** A condition whose verdict is met when {@code holds}, else not met. */
    public static Condition of(String id, boolean holds, String detail, String meaning, String hint) {
        return new Condition(id, holds ? MET : NOT_MET, detail, meaning, holds ? "" : hint);
    }
}
