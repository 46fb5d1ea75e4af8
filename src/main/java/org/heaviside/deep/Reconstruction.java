package org.heaviside.deep;

import org.heaviside.run.Ids;

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
        return Ids.parse(Reconstruction.class, Reconstruction::id, text, "layer-2 reconstruction");
    }
}
