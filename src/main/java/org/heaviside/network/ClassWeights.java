package org.heaviside.network;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.heaviside.data.Dataset;
import org.heaviside.data.PreparedData;
import org.heaviside.data.TargetEncoding;
import org.heaviside.data.TaskKind;

/**
 * Row weights of the convex programs chosen per class (docs/method.md section 10): none (all ones),
 * balanced (w_i = n / (K·n_class(i)), as scikit-learn's {@code class_weight='balanced'}), or an
 * explicit weight per class label (classes not named keep 1). {@link #rowWeights} is the one place
 * a choice becomes the per-row weights of a training split.
 */
public sealed interface ClassWeights permits ClassWeights.None, ClassWeights.Balanced, ClassWeights.Explicit {

    /** No weights: every row counts once (the default). */
    ClassWeights NONE = new None();
    /** n / (K·n_class) per class. */
    ClassWeights BALANCED = new Balanced();

    /** The text used on the command line, in model files and in provenance. */
    String id();

    /**
     * The per-row weights of a training split, or null for the unweighted program (none, a
     * regression target, or weights that are all one).
     *
     * @throws IllegalArgumentException for an explicit label the target does not have, or a class
     *                                  with no training rows under balanced weights
     */
    default double[] rowWeights(Dataset data, TargetEncoding encoding) {
        if (this instanceof Explicit && encoding.task() != TaskKind.CLASSIFICATION) {
            throw new IllegalArgumentException("Class weights per label need a class target; '" + encoding.column()
                    + "' is numeric (regression). Use --class-weight none.");
        }
        if (this instanceof None || encoding.task() != TaskKind.CLASSIFICATION || data.classes() == null) {
            return null;
        }
        double[] perClass = perClass(data.classes(), encoding);
        boolean ones = true;
        for (double v : perClass) {
            ones &= v == 1.0;
        }
        if (ones) {
            return null;
        }
        double[] w = new double[data.size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = perClass[data.classes()[i]];
        }
        return w;
    }

    /** The weight of each class (index into the encoding's classes). */
    double[] perClass(int[] classes, TargetEncoding encoding);

    /**
     * The weight of each class of a prepared training split, wherever its rows are, or null when
     * {@link #rowWeights} gives null (the unweighted program).
     */
    default double[] perClassOf(PreparedData data) {
        TargetEncoding encoding = data.preprocessor().target();
        if (data.elsewhere() == null) {
            return rowWeights(data.train(), encoding) == null ? null : perClass(data.train().classes(), encoding);
        }
        if (this instanceof Explicit && encoding.task() != TaskKind.CLASSIFICATION) {
            rowWeights(data.train(), encoding); // the same refusal
        }
        if (this instanceof None || encoding.task() != TaskKind.CLASSIFICATION) {
            return null;
        }
        double[] perClass = perClassOfCounts(data.elsewhere().classCounts(), encoding);
        for (double v : perClass) {
            if (v != 1.0) {
                return perClass;
            }
        }
        return null;
    }

    /** The weight of each class from the training rows' count of each class (rows held elsewhere). */
    default double[] perClassOfCounts(long[] counts, TargetEncoding encoding) {
        return this instanceof Balanced ? Balanced.weights(counts, encoding) : perClass(new int[0], encoding);
    }

    /** Parses {@code none}, {@code balanced} or {@code LABEL=W,...} (W positive). */
    static ClassWeights parse(String text) {
        String value = text == null ? "" : text.trim();
        if (value.equalsIgnoreCase("none")) {
            return NONE;
        }
        if (value.equalsIgnoreCase("balanced")) {
            return BALANCED;
        }
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String part : value.split(",")) {
            int at = part.lastIndexOf('=');
            if (at <= 0) {
                throw new IllegalArgumentException("Class weights must be none, balanced or LABEL=W,... (e.g. "
                        + "1=20,0=1); '" + part.trim() + "' has no LABEL=W form.");
            }
            String label = part.substring(0, at).trim();
            String number = part.substring(at + 1).trim();
            double w;
            try {
                w = Double.parseDouble(number);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("The class weight of '" + label + "' must be a positive number, "
                        + "not '" + number + "'.");
            }
            if (!(w > 0) || Double.isInfinite(w)) {
                throw new IllegalArgumentException("The class weight of '" + label + "' must be a positive number, "
                        + "not '" + number + "'.");
            }
            if (weights.put(label, w) != null) {
                throw new IllegalArgumentException("Class '" + label + "' is given two weights.");
            }
        }
        return new Explicit(weights);
    }

    /** All ones. */
    record None() implements ClassWeights {
        @Override
        public String id() {
            return "none";
        }

        @Override
        public double[] perClass(int[] classes, TargetEncoding encoding) {
            double[] out = new double[encoding.classes().size()];
            java.util.Arrays.fill(out, 1.0);
            return out;
        }
    }

    /** n / (K·n_class). */
    record Balanced() implements ClassWeights {
        @Override
        public String id() {
            return "balanced";
        }

        @Override
        public double[] perClass(int[] classes, TargetEncoding encoding) {
            long[] counts = new long[encoding.classes().size()];
            for (int c : classes) {
                counts[c]++;
            }
            return weights(counts, encoding);
        }

        static double[] weights(long[] counts, TargetEncoding encoding) {
            int k = encoding.classes().size();
            long n = 0;
            for (long count : counts) {
                n += count;
            }
            double[] out = new double[k];
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    throw new IllegalArgumentException("Balanced class weights need training rows of every class; "
                            + "class '" + encoding.classes().get(c) + "' has none in the training split.");
                }
                out[c] = (double) n / ((double) k * counts[c]);
            }
            return out;
        }
    }

    /** A weight per named class label; classes not named keep 1. */
    record Explicit(Map<String, Double> weights) implements ClassWeights {
        /** Copies the map (order kept). */
        public Explicit {
            weights = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        }

        @Override
        public String id() {
            List<String> parts = new ArrayList<>();
            weights.forEach((label, w) -> parts.add(label + "=" + String.format(Locale.ROOT, "%s", w)));
            return String.join(",", parts);
        }

        @Override
        public double[] perClass(int[] classes, TargetEncoding encoding) {
            for (String label : weights.keySet()) {
                if (!encoding.classes().contains(label)) {
                    throw new IllegalArgumentException("Class weight for '" + label + "', but the target '"
                            + encoding.column() + "' has the classes " + String.join(", ", encoding.classes()) + ".");
                }
            }
            double[] out = new double[encoding.classes().size()];
            for (int c = 0; c < out.length; c++) {
                out[c] = weights.getOrDefault(encoding.classes().get(c), 1.0);
            }
            return out;
        }
    }
}
