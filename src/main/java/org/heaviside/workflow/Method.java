package org.heaviside.workflow;

import org.heaviside.run.Ids;

import java.util.Locale;

/** Which convex program trains the network (docs/method.md sections 3 and 6). */
public enum Method {
    /** The two-layer pattern Lasso. */
    TWO_LAYER("convex", "convex"),
    /** The deep Lasso: fixed sampled earlier layers, the certified two-layer program on their outputs. */
    DEEP_LASSO("deep-lasso", "convex"),
    /** The three-layer shattering program, in closed form. */
    SHATTERING("convex-deep", "convex-deep");

    private final String id;
    private final String family;

    Method(String id, String family) {
        this.id = id;
        this.family = family;
    }

    /** The name used in studies and settings: convex, deep-lasso or convex-deep. */
    public String id() {
        return id;
    }

    /**
     * The program family as the command line and experiments name it: "convex" (two layers or, with
     * more layers, the deep Lasso) or "convex-deep" (the shattering program).
     */
    public String family() {
        return family;
    }

    /** The method named {@code id} (convex, deep-lasso or convex-deep). */
    public static Method parse(String id) {
        return Ids.parse(Method.class, Method::id, id, "method");
    }

    /**
     * The method of a program family and a depth: convex with 2 layers is the two-layer Lasso, with
     * more the deep Lasso; convex-deep is the shattering program (3 layers).
     */
    public static Method of(String family, int layers) {
        String name = family.toLowerCase(Locale.ROOT);
        if (layers < 2) {
            throw new IllegalArgumentException("The number of layers must be 2 or more; got " + layers + ".");
        }
        if (name.equals(SHATTERING.family)) {
            if (layers != 3) {
                throw new IllegalArgumentException("The shattering program builds three layers; set the number of "
                        + "layers to 3.");
            }
            return SHATTERING;
        }
        if (name.equals(TWO_LAYER.family)) {
            return layers == 2 ? TWO_LAYER : DEEP_LASSO;
        }
        throw new IllegalArgumentException("Unknown method '" + family + "'; expected convex or convex-deep.");
    }
}
