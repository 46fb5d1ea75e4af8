package org.heaviside.deep;

import org.heaviside.network.ConvexOptions;

/**
 * Options of deep convex training.
 *
 * @param layers         number of weight layers L (3 or more)
 * @param layer1         shattering layer generator: "random" (default; it generalizes better on the paper's
 *                       synthetic data and the steel sample) or "projection" (rank n by construction)
 * @param width1         width of layer 1 (and of every fixed layer of the deep Lasso); 0 for the default:
 *                       the number of distinct points (projection), twice that (random), or
 *                       {@link #DEFAULT_LASSO_WIDTH} for the deep Lasso
 * @param reconstruction layer-2 variant of the shattering network: "svm" (default) or "pi"
 * @param convex         the two-layer options (loss, beta, patterns, certificate, seed) of the program
 */
public record DeepOptions(int layers, Layer1Generator layer1, int width1, Reconstruction reconstruction,
                          ConvexOptions convex) {

    /** Default width of the deep Lasso's fixed layers. */
    public static final int DEFAULT_LASSO_WIDTH = 500;

    /** Checks the values. */
    public DeepOptions {
        if (layers < 3) {
            throw new IllegalArgumentException("A deep network has at least 3 layers; got " + layers + ".");
        }
        if (width1 < 0) {
            throw new IllegalArgumentException("The width of layer 1 must be positive; got " + width1 + ".");
        }
        java.util.Objects.requireNonNull(layer1, "layer1");
        java.util.Objects.requireNonNull(reconstruction, "reconstruction");
    }

    /** Three layers, random layer 1, maximum-margin layer 2, the given program options. */
    public static DeepOptions of(ConvexOptions convex) {
        return new DeepOptions(3, Layer1Generator.RANDOM, 0, Reconstruction.SVM, convex);
    }
}
