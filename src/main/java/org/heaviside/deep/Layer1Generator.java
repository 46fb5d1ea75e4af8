package org.heaviside.deep;

import org.heaviside.run.Ids;

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
        return Ids.parse(Layer1Generator.class, Layer1Generator::id, text, "layer-1 generator");
    }
}
