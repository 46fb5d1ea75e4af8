package org.heaviside.export;

import java.util.List;
import org.heaviside.data.ColumnRole;
import org.heaviside.data.FeatureStep;
import org.heaviside.data.Preprocessor;

/**
 * Robustness to sensor noise, exact for step activations: a row's prediction can only change when a
 * first-layer neuron flips, and neuron j flips only when the row crosses its hyperplane. So:
 * <ul>
 *   <li>the distance from the row to the nearest first-layer hyperplane (in standardized units) is a
 *       radius within which no perturbation of the numeric sensors changes the prediction;</li>
 *   <li>for each sensor alone, min over neurons of |z_j| / |u_jk| times the sensor's training
 *       deviation is the largest change of that sensor, in its own units, that cannot change it;</li>
 *   <li>under per-sensor noise bounds ε_k (original units), neuron j cannot flip when
 *       |z_j| > Σ_k |u_jk| ε_k / scale_k; a row is certified stable when no neuron can.</li>
 * </ul>
 * Categorical (one-hot) inputs are taken as exact.
 *
 * @param margin   per row, the distance to the nearest first-layer hyperplane (standardized units)
 * @param stable   per row, whether the prediction is certified stable under the noise bounds
 * @param noise    the noise bound per model input column (original units; 0 for categorical ones)
 */
public record Robustness(double[] margin, boolean[] stable, double[] noise) {

    /**
     * Computes the margins and the certified stability of prepared rows x under per-column noise.
     *
     * @param firstLayer the first layer's hyperplanes (d + 1 weights, bias last) on the features
     * @param noise      noise bound per input column of the preprocessor, in the column's units
     */
    public static Robustness of(Preprocessor preprocessor, double[][] firstLayer, double[][] x, double[] noise) {
        int d = preprocessor.width();
        double[] perFeature = new double[d]; // noise in standardized units
        boolean[] numeric = new boolean[d];
        int at = 0;
        List<FeatureStep> steps = preprocessor.steps();
        for (int s = 0; s < steps.size(); s++) {
            FeatureStep step = steps.get(s);
            if (step.role() == ColumnRole.NUMERIC) {
                perFeature[at] = noise[s] / step.scale();
                numeric[at] = true;
                at++;
            } else {
                at += step.width();
            }
        }
        double[] norms = new double[firstLayer.length];
        double[] slack = new double[firstLayer.length];
        for (int j = 0; j < firstLayer.length; j++) {
            double norm = 0;
            double allowed = 0;
            for (int k = 0; k < d; k++) {
                if (numeric[k]) {
                    norm += firstLayer[j][k] * firstLayer[j][k];
                    allowed += Math.abs(firstLayer[j][k]) * perFeature[k];
                }
            }
            norms[j] = Math.sqrt(norm);
            slack[j] = allowed;
        }
        double[] margin = new double[x.length];
        boolean[] stable = new boolean[x.length];
        for (int i = 0; i < x.length; i++) {
            double nearest = Double.POSITIVE_INFINITY;
            boolean safe = true;
            for (int j = 0; j < firstLayer.length; j++) {
                double[] u = firstLayer[j];
                double z = u[d];
                for (int k = 0; k < d; k++) {
                    z += u[k] * x[i][k];
                }
                if (norms[j] > 0) {
                    nearest = Math.min(nearest, Math.abs(z) / norms[j]);
                }
                // z >= 0 fires; a shift of at most slack keeps the sign (and keeps z >= 0 from dropping below)
                if (z >= 0 ? z - slack[j] < 0 : z + slack[j] >= 0) {
                    safe = false;
                }
            }
            margin[i] = nearest;
            stable[i] = safe;
        }
        return new Robustness(margin, stable, noise.clone());
    }

    /** Share of rows certified stable. */
    public double stableShare() {
        int count = 0;
        for (boolean s : stable) {
            count += s ? 1 : 0;
        }
        return stable.length == 0 ? Double.NaN : (double) count / stable.length;
    }
}
