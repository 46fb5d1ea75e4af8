package org.heaviside.network;

import java.util.List;
import org.heaviside.solver.Loss;

/**
 * An L-layer threshold network (docs/method.md section 6): earlier threshold layers that turn a row
 * into binary features, then a two-layer {@link ThresholdNetwork} (the last hidden layer and the
 * linear output) on those features. A two-layer network has no earlier layers. The earlier layers
 * are scale-free, so J is the head's: L(f(X), Y) + β Σ_j |s_j| ‖α_j‖₂ over the last hidden layer.
 *
 * @param layers earlier layers, each m_k rows of (m_{k−1} + 1) weights with the bias last; a neuron
 *               outputs 1 when its weighted input plus bias is >= 0, else 0
 * @param head   the last hidden layer and the output layer, on the last earlier layer's outputs
 */
public record DeepNetwork(List<double[][]> layers, ThresholdNetwork head) {

    /** Copies the layer list; null means none. */
    public DeepNetwork {
        layers = layers == null ? List.of() : List.copyOf(layers);
    }

    /** Number of weight layers: earlier layers + the head's two. */
    public int depth() {
        return layers.size() + 2;
    }

    /** Widths of the hidden layers, first to last. */
    public int[] widths() {
        int[] widths = new int[layers.size() + 1];
        for (int k = 0; k < layers.size(); k++) {
            widths[k] = layers.get(k).length;
        }
        widths[layers.size()] = head.width();
        return widths;
    }

    /** The 0/1 outputs of one threshold layer on rows x (n x m). */
    public static double[][] layer(double[][] weights, double[][] x) {
        double[][] out = new double[x.length][];
        if (weights.length == 0) {
            for (int i = 0; i < x.length; i++) {
                out[i] = new double[0];
            }
            return out;
        }
        ThresholdRows units = new ThresholdRows(weights);
        units.forEachRow(x, (i, z) -> {
            double[] bits = new double[z.length];
            for (int j = 0; j < z.length; j++) {
                bits[j] = z[j] >= 0 ? 1.0 : 0.0;
            }
            out[i] = bits;
        });
        return out;
    }

    /** The 0/1 outputs of one threshold layer on one row. */
    public static double[] layer(double[][] weights, double[] x) {
        double[] out = new double[weights.length];
        for (int j = 0; j < weights.length; j++) {
            double[] w = weights[j];
            int d = w.length - 1;
            double z = w[d];
            for (int k = 0; k < d; k++) {
                z += w[k] * x[k];
            }
            out[j] = z >= 0 ? 1.0 : 0.0;
        }
        return out;
    }

    /** The head's inputs for rows x: x itself for two layers, else the last earlier layer's bits. */
    public double[][] features(double[][] x) {
        double[][] h = x;
        for (double[][] weights : layers) {
            h = layer(weights, h);
        }
        return h;
    }

    /** The outputs on many rows (n x C). */
    public double[][] predict(double[][] x) {
        return head.predict(features(x));
    }

    /** {@link #predict(double[][])} with the head's rows computed neuron-parallel (the same numbers). */
    public double[][] predictRows(double[][] x) {
        return head.predictRows(features(x));
    }

    /** J = L(f(X), Y) + β Σ_j |s_j| ‖α_j‖₂ over the last hidden layer. */
    public double objective(double[][] x, double[][] targets, double penalty, Loss loss) {
        return head.objective(features(x), targets, penalty, loss);
    }

    /** J of the head on the earlier layers' outputs with row weights (null: unweighted). */
    public double objective(double[][] x, double[][] targets, double penalty, Loss loss, double[] rowWeights) {
        return head.objective(features(x), targets, penalty, loss, rowWeights);
    }
}
