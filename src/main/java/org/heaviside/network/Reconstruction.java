package org.heaviside.network;

import java.util.ArrayList;
import java.util.List;
import org.heaviside.arrangement.PatternMatrix;
import org.heaviside.solver.SolverResult;

/**
 * Builds the network of a solution (docs/method.md section 3): each non-zero row Z_j gives a neuron
 * with s_j = √‖Z_j‖, α_j = Z_j / s_j and a hyperplane producing pattern j: when asked, the
 * maximum-margin one ({@link Separator#fit}); a neuron is counted {@code max-margin} only when that
 * solver reached its optimum, {@code separating} when it stopped at a separating hyperplane (or
 * the hyperplane came from the linear program), and {@code generator} when the pattern's sampled
 * generator was kept.
 *
 * @param network     the network
 * @param hyperplanes "max-margin", "separating" or "generator" when every neuron (the output bias
 *                    neuron aside) is of that kind, else the counts, e.g. "max-margin 11, separating 2"
 */
public record Reconstruction(ThresholdNetwork network, String hyperplanes) {

    /** Work budget of one maximum-margin fit, in multiply-adds (about a tenth of a second). */
    public static final double FIT_WORK = 1.5e8;

    /** Builds the network. */
    public static Reconstruction build(PatternMatrix h, SolverResult result, double[][] x, boolean maxMargin) {
        return build(h, result, x, maxMargin ? new MarginFits(x) : null);
    }

    /**
     * Builds the network with the maximum-margin fits of {@code ahead} (some may be done already), or
     * with the patterns' generators when it is null.
     */
    static Reconstruction build(PatternMatrix h, SolverResult result, double[][] x, MarginFits ahead) {
        boolean maxMargin = ahead != null;
        int outputs = result.outputs();
        double[] z = result.weights();
        List<double[]> planes = new ArrayList<>();
        List<Double> amplitudes = new ArrayList<>();
        List<double[]> alphas = new ArrayList<>();
        int optimal = 0;
        int separating = 0;
        int generators = 0;
        Separator.Fit[] fits = maxMargin ? ahead.fits(h, z, outputs) : null;
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
            boolean[] pattern = MarginFits.pattern(h, j);
            double[] u = null;
            boolean allOnes = h.ones(j) == h.rows();
            Separator.Fit fit = maxMargin && !allOnes ? fits[j] : null;
            if (fit != null) {
                u = fit.plane();
                optimal += fit.optimal() ? 1 : 0;
                separating += fit.optimal() ? 0 : 1;
            } else {
                u = h.generator(j);
                if (u == null) {
                    // an enumerated pattern with a tiny margin: an exact linear program finds a separator
                    u = Separator.linearProgram(x, pattern);
                    separating += allOnes ? 0 : 1;
                } else {
                    generators += allOnes ? 0 : 1; // the bias neuron keeps u = (0, ..., 0, 1)
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
        String how = label(optimal, separating, generators);
        return new Reconstruction(network, how);
    }

    /** The kind when all neurons share it, else the counts of each kind present. */
    public static String label(int optimal, int separating, int generators) {
        int[] counts = {optimal, separating, generators};
        String[] names = {"max-margin", "separating", "generator"};
        java.util.List<String> parts = new ArrayList<>();
        for (int k = 0; k < 3; k++) {
            if (counts[k] > 0) {
                parts.add(names[k] + " " + counts[k]);
            }
        }
        if (parts.size() <= 1) {
            for (int k = 0; k < 3; k++) {
                if (counts[k] > 0) {
                    return names[k];
                }
            }
            return "generator";
        }
        return String.join(", ", parts);
    }
}
