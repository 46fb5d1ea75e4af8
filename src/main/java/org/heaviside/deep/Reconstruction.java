package org.heaviside.deep;

import java.util.Locale;

/** How layer 2 of a three-layer shattering network is built (see {@code LevelLayer}). */
public enum Reconstruction {
    /** Maximum-margin separators, least norm where the margin search runs out of budget (the default). */
    SVM("svm"),
    /** Least-norm weights. */
    PI("pi");

    private final String id;

    Reconstruction(String id) {
        this.id = id;
    }

    /** The name used in files, on the command line and in results. */
    public String id() {
        return id;
    }

    /** The variant named {@code text} ("svm" or "pi"). */
    public static Reconstruction parse(String text) {
        for (Reconstruction value : values()) {
            if (value.id.equals(text.toLowerCase(Locale.ROOT))) {
                return value;
            }
        }
        throw new IllegalArgumentException("Unknown layer-2 reconstruction '" + text + "'; expected svm or pi.");
    }
}
