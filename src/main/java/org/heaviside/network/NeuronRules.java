package org.heaviside.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.heaviside.data.ColumnRole;
import org.heaviside.data.FeatureStep;
import org.heaviside.data.Preprocessor;

/**
 * The hidden neurons of a two-layer network as rules a plant engineer can read, in the raw columns'
 * units: "0.0412*Torque [Nm] - 0.0021*Rotational speed [rpm] + 1.3*[Type=L] >= 3.1 -> +0.27". A
 * standardized feature (x − mean)/scale becomes x/scale with the mean moved into the threshold; a
 * one-hot level is shown as [column=level]. The output is s_j·α_j (per class for several outputs).
 */
public final class NeuronRules {

    private NeuronRules() {
    }

    /** One rule per hidden neuron, largest |s·α| first, at most {@code limit}. */
    public static List<String> describe(Preprocessor preprocessor, ThresholdNetwork network, int limit) {
        List<Integer> order = new ArrayList<>();
        for (int j = 0; j < network.width(); j++) {
            order.add(j);
        }
        order.sort((a, b) -> Double.compare(weight(network, b), weight(network, a)));
        List<String> rules = new ArrayList<>();
        for (int j : order.subList(0, Math.min(limit, order.size()))) {
            rules.add(rule(preprocessor, network, j));
        }
        return rules;
    }

    private static double weight(ThresholdNetwork network, int j) {
        return Math.abs(network.amplitudes()[j]) * norm(network.outputs()[j]);
    }

    private static double norm(double[] v) {
        double sum = 0;
        for (double x : v) {
            sum += x * x;
        }
        return Math.sqrt(sum);
    }

    /** The rule of neuron j. */
    static String rule(Preprocessor preprocessor, ThresholdNetwork network, int j) {
        double[] u = network.hyperplanes()[j];
        int d = u.length - 1;
        double threshold = -u[d];
        StringBuilder left = new StringBuilder();
        int at = 0;
        for (FeatureStep step : preprocessor.steps()) {
            if (step.role() == ColumnRole.NUMERIC) {
                double coefficient = u[at] / step.scale();
                threshold += u[at] * step.mean() / step.scale();
                term(left, coefficient, step.column());
                at++;
            } else {
                for (String level : step.levels()) {
                    term(left, u[at], "[" + step.column() + "=" + level + "]");
                    at++;
                }
            }
        }
        String condition = left.length() == 0 ? "always" : left + " >= " + number(threshold);
        double[] alpha = network.outputs()[j];
        double s = network.amplitudes()[j];
        StringBuilder output = new StringBuilder();
        for (int c = 0; c < alpha.length; c++) {
            if (c > 0) {
                output.append(", ");
            }
            double value = s * alpha[c];
            output.append(value >= 0 ? "+" : "").append(number(value));
        }
        return condition + " -> " + (alpha.length > 1 ? "(" + output + ")" : output);
    }

    private static void term(StringBuilder out, double coefficient, String name) {
        if (coefficient == 0) {
            return;
        }
        if (out.length() == 0) {
            out.append(number(coefficient));
        } else {
            out.append(coefficient < 0 ? " - " : " + ").append(number(Math.abs(coefficient)));
        }
        out.append('*').append(name);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.3g", value);
    }
}
