package org.heaviside.network;

import java.util.Locale;
import org.heaviside.run.Ids;

/**
 * The cut t on a two-class network's score f(x): the positive class is predicted when f(x) ≥ t
 * (docs/method.md section 10). t = 0 is the plain sign of the squared-loss fit; a better t is chosen
 * on scores the model did not train on (out-of-fold scores) by a rule. J and the certificate do not
 * depend on t; prediction, every export and the report use it.
 *
 * @param threshold        t
 * @param rule             how t was chosen
 * @param missedCost       cost of one missed positive (for {@link Rule#EXPECTED_COST}, or judged with by
 *                         hand for {@link Rule#MANUAL}; else 0)
 * @param falseAlarmCost   cost of one false alarm (as {@code missedCost})
 * @param rows             how many out-of-fold scores t was chosen on (0 for the fixed zero cut; for a
 *                         cut set by hand, the rows it was looked at on)
 */
public record OperatingPoint(double threshold, Rule rule, double missedCost, double falseAlarmCost, int rows) {

    /** The plain sign: t = 0. */
    public static final OperatingPoint ZERO = new OperatingPoint(0, Rule.ZERO, 0, 0, 0);

    /** Checks the values. */
    public OperatingPoint {
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("The operating point must be a finite number, not " + threshold + ".");
        }
        if (rule == null) {
            rule = Rule.ZERO;
        }
        if (missedCost < 0 || falseAlarmCost < 0) {
            throw new IllegalArgumentException("Costs must be zero or positive.");
        }
    }

    /** How the cut is chosen. */
    public enum Rule {
        /** t = 0. */
        ZERO("zero"),
        /** The largest balanced accuracy (mean of the two recalls). */
        BALANCED_ACCURACY("balanced-accuracy"),
        /** The largest F1 of the positive class. */
        F1("f1"),
        /** The smallest expected cost missed·FN + falseAlarm·FP. */
        EXPECTED_COST("expected-cost"),
        /** Set by hand on the Train page, looking at the ROC and precision-recall curves. */
        MANUAL("manual");

        private static final String BY_HAND = "The operating point 'manual' is set by moving it on the Train page; "
                + "choose zero, balanced-accuracy, f1 or expected-cost.";

        private final String id;

        Rule(String id) {
            this.id = id;
        }

        /** The name used on the command line and in files. */
        public String id() {
            return id;
        }

        /** The rule named {@code text}, one a program can apply (not {@link #MANUAL}, which only a user sets). */
        public static Rule parse(String text) {
            Rule rule = Ids.parse(Rule.class, Rule::id, text, "operating-point rule");
            if (rule == MANUAL) {
                throw new IllegalArgumentException(BY_HAND);
            }
            return rule;
        }
    }

    /** Whether a score is on the positive side. */
    public boolean positive(double score) {
        return score >= threshold;
    }

    /**
     * Chooses t on scores with ±1 labels by the rule: every cut between two distinct scores (and
     * below the lowest) is tried, t is placed midway between the two scores it separates, and ties
     * in the rule's value go to the cut nearest 0, so that t stays at 0 when 0 is as good as any.
     */
    public static OperatingPoint choose(double[] scores, double[] labels, Rule rule, double missedCost,
                                        double falseAlarmCost) {
        return choose(scores, labels, null, rule, missedCost, falseAlarmCost);
    }

    /**
     * {@link #choose(double[], double[], Rule, double, double)} with row i counted w_i times in the
     * confusion matrices the rule compares (null: once).
     */
    public static OperatingPoint choose(double[] scores, double[] labels, double[] weights, Rule rule,
                                        double missedCost, double falseAlarmCost) {
        if (rule == Rule.ZERO) {
            return ZERO;
        }
        if (rule == Rule.MANUAL) {
            throw new IllegalArgumentException(Rule.BY_HAND);
        }
        if (rule == Rule.EXPECTED_COST && !(missedCost > 0 || falseAlarmCost > 0)) {
            throw new IllegalArgumentException("The expected-cost rule needs the cost of a missed event and of a "
                    + "false alarm.");
        }
        int n = scores.length;
        OperatingCurve curve = OperatingCurve.of(scores, labels, weights);
        if (curve.positives() == 0 || curve.negatives() == 0) {
            // one class only: every row on its side
            return new OperatingPoint(curve.threshold(curve.positives() == 0 ? 0 : curve.cuts() - 1), rule,
                    missedCost, falseAlarmCost, n);
        }
        // cut k: the k highest distinct scores are predicted positive
        double bestValue = value(rule, curve.confusion(0), missedCost, falseAlarmCost);
        double bestThreshold = curve.threshold(0);
        for (int k = 1; k < curve.cuts(); k++) {
            double threshold = curve.threshold(k);
            double value = value(rule, curve.confusion(k), missedCost, falseAlarmCost);
            if (value > bestValue + 1e-12
                    || (Math.abs(value - bestValue) <= 1e-12 && Math.abs(threshold) < Math.abs(bestThreshold))) {
                bestValue = value;
                bestThreshold = threshold;
            }
        }
        return new OperatingPoint(bestThreshold, rule, missedCost, falseAlarmCost, n);
    }

    /**
     * A cut t set by hand (the Train page), keeping the plant's costs it was judged with (0 when none
     * were given) and the rows it was looked at on.
     */
    public static OperatingPoint manual(double threshold, double missedCost, double falseAlarmCost, int rows) {
        return new OperatingPoint(threshold, Rule.MANUAL, missedCost, falseAlarmCost, rows);
    }

    /**
     * The provenance parameters of this point: {@code operatingPoint} (the rule), {@code threshold}
     * and, when costs were given, {@code costs}; none for the sign (t = 0).
     */
    public java.util.Map<String, String> parameters() {
        java.util.Map<String, String> parameters = new java.util.LinkedHashMap<>();
        if (rule != Rule.ZERO) {
            parameters.put("operatingPoint", rule.id());
            parameters.put("threshold", Double.toString(threshold));
            if (hasCosts()) {
                parameters.put("costs", "missed=" + missedCost + ",false-alarm=" + falseAlarmCost);
            }
        }
        return parameters;
    }

    /** Whether the plant's costs are recorded: the expected-cost rule, or a hand-set cut judged with costs. */
    public boolean hasCosts() {
        return rule == Rule.EXPECTED_COST || (rule == Rule.MANUAL && (missedCost > 0 || falseAlarmCost > 0));
    }

    /** The rule's value of a cut (larger is better): balanced accuracy, F1, or minus the cost. */
    private static double value(Rule rule, Confusion cut, double missedCost, double falseAlarmCost) {
        return switch (rule) {
            case BALANCED_ACCURACY -> cut.balancedAccuracy();
            case F1 -> cut.f1();
            case EXPECTED_COST -> -cut.expectedCost(missedCost, falseAlarmCost);
            case ZERO, MANUAL -> 0;
        };
    }

    /** A sentence for outputs: the cut and the rule. */
    public String describe() {
        if (rule == Rule.ZERO) {
            return "score >= 0 (the sign of the fit)";
        }
        String how = switch (rule) {
            case BALANCED_ACCURACY -> "the largest balanced accuracy";
            case F1 -> "the largest F1";
            case EXPECTED_COST -> String.format(Locale.ROOT, "the smallest expected cost (missed %.6g, false alarm "
                    + "%.6g)", missedCost, falseAlarmCost);
            case ZERO, MANUAL -> "";
        };
        if (rule == Rule.MANUAL) {
            return String.format(Locale.ROOT, "score >= %.6g, set by hand on the Train page", threshold);
        }
        return String.format(Locale.ROOT, "score >= %.6g, chosen for %s on %,d out-of-fold scores", threshold, how,
                rows);
    }
}
