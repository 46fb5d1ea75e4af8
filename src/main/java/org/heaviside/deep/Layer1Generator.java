package org.heaviside.deep;

import java.util.Locale;

/** How layer 1 of a three-layer shattering network is drawn (see {@link FirstLayer}). */
public enum Layer1Generator {
    /** Random hyperplanes through data points, twice as many as the points by default (the default). */
    RANDOM("random"),
    /** One random projection with a neuron per distinct projected value (rank n by construction). */
    PROJECTION("projection");

    private final String id;

    Layer1Generator(String id) {
        this.id = id;
    }

    /** The name used in files, on the command line and in results. */
    public String id() {
        return id;
    }

    /** The generator named {@code text} ("random" or "projection"). */
    public static Layer1Generator parse(String text) {
        for (Layer1Generator value : values()) {
            if (value.id.equals(text.toLowerCase(Locale.ROOT))) {
                return value;
            }
        }
        throw new IllegalArgumentException("Unknown layer-1 generator '" + text + "'; expected random or projection.");
    }
}
