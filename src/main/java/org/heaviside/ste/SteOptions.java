package org.heaviside.ste;

import org.heaviside.network.ClassWeights;
import org.heaviside.solver.Loss;

/**
 * Options of straight-through-estimator training.
 *
 * @param surrogate    the backward surrogate
 * @param layers       2 or 3 weight layers
 * @param width1       width of the first hidden layer
 * @param width2       width of the second hidden layer (three layers only)
 * @param epochs       full-batch epochs
 * @param learningRate initial step size
 * @param optimizer    gradient descent (the paper's) or Adam
 * @param patience     epochs without a relative improvement of 1e-4 in the training objective after
 *                     which the step size is halved
 * @param recordEvery  a curve point every this many epochs (and at the last)
 * @param seed         initialization seed
 * @param loss         the training loss
 * @param classWeights row weights per class of the training rows (docs/method.md section 10), the same
 *                     choice as the convex programs': the loss, its gradient and J are weighted per row
 */
public record SteOptions(Surrogate surrogate, int layers, int width1, int width2, int epochs, double learningRate,
                         Optimizer optimizer, int patience, int recordEvery, long seed, Loss loss,
                         ClassWeights classWeights) {

    /** Checks the values. */
    public SteOptions {
        if (layers != 2 && layers != 3) {
            throw new IllegalArgumentException("STE baselines have 2 or 3 layers; got " + layers + ".");
        }
        if (width1 < 1 || (layers == 3 && width2 < 1)) {
            throw new IllegalArgumentException("Hidden widths must be positive.");
        }
        if (epochs < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("Epochs and learning rate must be positive.");
        }
        java.util.Objects.requireNonNull(optimizer, "optimizer");
        java.util.Objects.requireNonNull(classWeights, "classWeights");
        recordEvery = Math.max(1, recordEvery);
        patience = Math.max(1, patience);
    }

    /** Unweighted options (every row counts once). */
    public SteOptions(Surrogate surrogate, int layers, int width1, int width2, int epochs, double learningRate,
                      Optimizer optimizer, int patience, int recordEvery, long seed, Loss loss) {
        this(surrogate, layers, width1, width2, epochs, learningRate, optimizer, patience, recordEvery, seed, loss,
                ClassWeights.NONE);
    }

    /** The paper's settings: width 1000 (and n for the second layer), 2000 epochs, lr 0.01, gradient descent. */
    public static SteOptions paper(Surrogate surrogate, int layers, int n, long seed) {
        return new SteOptions(surrogate, layers, 1000, n, 2000, 0.01, Optimizer.SGD, 100, 50, seed, Loss.SQUARED);
    }

    /** A copy with another seed. */
    public SteOptions withSeed(long value) {
        return new SteOptions(surrogate, layers, width1, width2, epochs, learningRate, optimizer, patience,
                recordEvery, value, loss, classWeights);
    }

    /** A copy with another step size and number of epochs. */
    public SteOptions with(double rate, int epochCount) {
        return new SteOptions(surrogate, layers, width1, width2, epochCount, rate, optimizer, patience, recordEvery,
                seed, loss, classWeights);
    }

    /** A copy with other row weights per class. */
    public SteOptions withClassWeights(ClassWeights value) {
        return new SteOptions(surrogate, layers, width1, width2, epochs, learningRate, optimizer, patience,
                recordEvery, seed, loss, value);
    }
}
