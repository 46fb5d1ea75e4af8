package org.heaviside.network;

import java.util.ArrayList;
import java.util.List;
import org.heaviside.arrangement.PatternMatrix;
import org.heaviside.solver.SolverResult;

/**
 * Builds the network of a solution (docs/method.md section 3): each non-zero row Z_j gives a neuron
 * with s_j = √‖Z_j‖, α_j = Z_j / s_j and a hyperplane producing pattern j: the maximum-margin one
 * when asked and it reproduces the pattern, else the pattern's generator.
 *
 * @param network     the network
 * @param hyperplanes "max-margin" when every neuron got its maximum-margin hyperplane, "generator"
 *                    when every neuron kept its generator, "mixed" otherwise
 */
public record Reconstruction(ThresholdNetwork network, String hyperplanes) {

    private static final int MAX_EPOCHS = 2000;

    /** Builds the network. */
    public static Reconstruction build(PatternMatrix h, SolverResult result, double[][] x, boolean maxMargin) {
        int outputs = result.outputs();
        double[] z = result.weights();
        List<double[]> planes = new ArrayList<>();
        List<Double> amplitudes = new ArrayList<>();
        List<double[]> alphas = new ArrayList<>();
        int fitted = 0;
        int biasNeurons = 0;
        for (int j = 0; j < h.columns(); j++) {
            double norm = 0;
            for (int c = 0; c < outputs; c++) {
                norm += z[j * outputs + c] * z[j * outputs + c];
            }
            if (norm == 0) {
                continue;
            }
            norm = Math.sqrt(norm);
            double s = Math.sqrt(norm);
            double[] alpha = new double[outputs];
            for (int c = 0; c < outputs; c++) {
                alpha[c] = z[j * outputs + c] / s;
            }
            boolean[] pattern = new boolean[h.rows()];
            for (int i = 0; i < h.rows(); i++) {
                pattern[i] = h.get(i, j);
            }
            double[] u = null;
            boolean allOnes = h.ones(j) == h.rows();
            if (allOnes) {
                biasNeurons++;
            }
            if (maxMargin && !allOnes) {
                u = Separator.maxMargin(x, pattern, MAX_EPOCHS);
            }
            if (u != null) {
                fitted++;
            } else {
                u = h.generator(j);
                if (u == null) {
                    // an enumerated pattern with a tiny margin: an exact linear program finds a separator
                    u = Separator.linearProgram(x, pattern);
                    fitted++;
                }
                if (u == null || !Separator.reproduces(x, pattern, u)) {
                    throw new IllegalStateException("No hyperplane reproduces pattern " + j + " (" + h.source(j) + ").");
                }
            }
            planes.add(u);
            amplitudes.add(s);
            alphas.add(alpha);
        }
        double[] s = new double[amplitudes.size()];
        for (int k = 0; k < s.length; k++) {
            s[k] = amplitudes.get(k);
        }
        ThresholdNetwork network = new ThresholdNetwork(planes.toArray(new double[0][]), s,
                alphas.toArray(new double[0][]), outputs);
        int eligible = planes.size() - biasNeurons; // the bias neuron keeps u = (0, ..., 0, 1)
        String how = fitted == 0 ? "generator" : fitted == eligible ? "max-margin" : "mixed";
        return new Reconstruction(network, how);
    }
}
