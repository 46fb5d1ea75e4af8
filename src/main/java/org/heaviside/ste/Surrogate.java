package org.heaviside.ste;

import java.util.Locale;

/**
 * The backward pass of a straight-through estimator (docs/method.md section 8): the forward pass
 * uses the exact step 1{z >= 0}; its derivative, zero almost everywhere, is replaced by a surrogate.
 */
public enum Surrogate {
    /** Identity: derivative 1 (the original straight-through estimator). */
    STE("ste"),
    /** ReLU's derivative 1{z >= 0}. */
    RELU("relu"),
    /** Leaky ReLU's derivative: 1 for z >= 0, else 0.01. */
    LEAKY_RELU("leaky-relu"),
    /** Clipped ReLU's derivative 1{0 <= z <= 1}. */
    CLIPPED_RELU("clipped-relu");

    /** Slope of the leaky ReLU below zero. */
    public static final double LEAK = 0.01;

    private final String id;

    Surrogate(String id) {
        this.id = id;
    }

    /** The method name used on the command line and in results. */
    public String id() {
        return id;
    }

    /** The surrogate derivative at z. */
    public double derivative(double z) {
        return switch (this) {
            case STE -> 1.0;
            case RELU -> z >= 0 ? 1.0 : 0.0;
            case LEAKY_RELU -> z >= 0 ? 1.0 : LEAK;
            case CLIPPED_RELU -> z >= 0 && z <= 1 ? 1.0 : 0.0;
        };
    }

    /** The surrogate named {@code text}, or null when it names none. */
    public static Surrogate find(String text) {
        for (Surrogate surrogate : values()) {
            if (surrogate.id.equals(text.toLowerCase(Locale.ROOT))) {
                return surrogate;
            }
        }
        return null;
    }
}
