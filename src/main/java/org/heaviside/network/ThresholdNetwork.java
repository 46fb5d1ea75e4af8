package org.heaviside.network;

import org.heaviside.solver.Loss;

/**
 * A two-layer threshold network f(x)_c = Σ_j α_jc · s_j · 1{xt · u_j ≥ 0}, xt = [x, 1].
 *
 * @param hyperplanes first-layer weights u_j (m rows of d + 1, bias last)
 * @param amplitudes  s_j of the threshold activations
 * @param outputs     α_j (m rows of C output weights)
 * @param outputCount C, which an empty network (m = 0, every output 0) cannot show through its rows;
 *                    0 in files written before it was kept: then taken from the rows (1 when empty)
 */
public record ThresholdNetwork(double[][] hyperplanes, double[] amplitudes, double[][] outputs, int outputCount) {

    /** Takes C from the output rows when it is not given. */
    public ThresholdNetwork {
        if (outputCount <= 0) {
            outputCount = outputs.length == 0 ? 1 : outputs[0].length;
        }
    }

    /** A network whose C is its output rows' length (1 when it has no neuron). */
    public ThresholdNetwork(double[][] hyperplanes, double[] amplitudes, double[][] outputs) {
        this(hyperplanes, amplitudes, outputs, 0);
    }

    /** Hidden width m. */
    public int width() {
        return amplitudes.length;
    }

    /** Whether hidden neuron j fires on row x: xt . u_j >= 0. */
    public boolean fires(int j, double[] x) {
        double[] u = hyperplanes[j];
        int d = u.length - 1;
        double z = u[d];
        for (int k = 0; k < d; k++) {
            z += u[k] * x[k];
        }
        return z >= 0;
    }

    /** The network's outputs on one row. */
    public double[] predict(double[] x) {
        double[] out = new double[outputCount()];
        for (int j = 0; j < width(); j++) {
            if (fires(j, x)) {
                for (int c = 0; c < out.length; c++) {
                    out[c] += outputs[j][c] * amplitudes[j];
                }
            }
        }
        return out;
    }

    /** The outputs on many rows (n x C). */
    public double[][] predict(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = predict(x[i]);
        }
        return out;
    }

    /**
     * The outputs on many rows (n x C), the same numbers as {@link #predict(double[][])}: each row's
     * neurons evaluated together (vectorized, rows in parallel), the outputs summed over the firing
     * neurons in order.
     */
    public double[][] predictRows(double[][] x) {
        double[][] out = new double[x.length][];
        int classes = outputCount();
        if (width() == 0) {
            for (int i = 0; i < x.length; i++) {
                out[i] = new double[classes];
            }
            return out;
        }
        new ThresholdRows(hyperplanes).forEachRow(x, (i, z) -> {
            double[] row = new double[classes];
            for (int j = 0; j < z.length; j++) {
                if (z[j] >= 0) {
                    for (int c = 0; c < classes; c++) {
                        row[c] += outputs[j][c] * amplitudes[j];
                    }
                }
            }
            out[i] = row;
        });
        return out;
    }

    /**
     * The effective objective of docs/method.md section 2 with squared loss:
     * J = ½ Σ_i ‖f(x_i) − y_i‖² + β Σ_j |s_j| ‖α_j‖₂.
     *
     * @param targets C arrays of n targets
     */
    public double objective(double[][] x, double[][] targets, double penalty) {
        return objective(x, targets, penalty, Loss.SQUARED);
    }

    /** J = L(f(X), Y) + β Σ_j |s_j| ‖α_j‖₂ with the given loss. */
    public double objective(double[][] x, double[][] targets, double penalty, Loss loss) {
        return objective(x, targets, penalty, loss, null);
    }

    /**
     * J = Σ_i w_i ℓ(f(x_i), y_i) + β Σ_j |s_j| ‖α_j‖₂ with row weights (docs/method.md section 10;
     * unweighted when {@code rowWeights} is null).
     */
    public double objective(double[][] x, double[][] targets, double penalty, Loss loss, double[] rowWeights) {
        double[][] f = new double[targets.length][x.length];
        double[][] rows = predictRows(x);
        for (int i = 0; i < x.length; i++) {
            double[] out = rows[i];
            for (int c = 0; c < out.length; c++) {
                f[c][i] = out[c];
            }
        }
        return loss.value(targets, f, rowWeights) + penalty * penaltyTerm();
    }

    /** Σ_j |s_j| ‖α_j‖₂. */
    public double penaltyTerm() {
        double sum = 0;
        for (int j = 0; j < width(); j++) {
            double norm = 0;
            for (double a : outputs[j]) {
                norm += a * a;
            }
            sum += Math.abs(amplitudes[j]) * Math.sqrt(norm);
        }
        return sum;
    }
}
