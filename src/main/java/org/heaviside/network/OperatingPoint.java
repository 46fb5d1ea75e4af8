package org.heaviside.network;

import java.util.Arrays;
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
 * @param missedCost       cost of one missed positive (for {@link Rule#EXPECTED_COST}; else 0)
 * @param falseAlarmCost   cost of one false alarm (for {@link Rule#EXPECTED_COST}; else 0)
 * @param rows             how many out-of-fold scores t was chosen on (0 for the fixed zero cut)
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
        EXPECTED_COST("expected-cost");

        private final String id;

        Rule(String id) {
            this.id = id;
        }

        /** The name used on the command line and in files. */
        public String id() {
            return id;
        }

        /** The rule named {@code text}. */
        public static Rule parse(String text) {
            return Ids.parse(Rule.class, Rule::id, text, "operating-point rule");
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
        if (rule == Rule.ZERO) {
            return ZERO;
        }
        if (rule == Rule.EXPECTED_COST && !(missedCost > 0 || falseAlarmCost > 0)) {
            throw new IllegalArgumentException("The expected-cost rule needs the cost of a missed event and of a "
                    + "false alarm.");
        }
        int n = scores.length;
        Integer[] order = new Integer[n];
        int positives = 0;
        for (int i = 0; i < n; i++) {
            order[i] = i;
            positives += labels[i] > 0 ? 1 : 0;
        }
        int negatives = n - positives;
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        if (positives == 0 || negatives == 0) {
            // one class only: every row on its side
            return new OperatingPoint(positives == 0 ? scores[order[0]] + 1 : scores[order[n - 1]] - 1, rule,
                    missedCost, falseAlarmCost, n);
        }
        // cut k: the k highest scores are predicted positive (k = 0 .. n), at distinct-score boundaries
        int tp = 0;
        int fp = 0;
        double bestValue = value(rule, 0, 0, positives, negatives, missedCost, falseAlarmCost);
        double bestThreshold = scores[order[0]] + 1;
        for (int k = 1; k <= n; k++) {
            int i = order[k - 1];
            if (labels[i] > 0) {
                tp++;
            } else {
                fp++;
            }
            if (k < n && scores[order[k]] == scores[i]) {
                continue; // equal scores fall on the same side of any cut
            }
            double threshold = k < n ? 0.5 * (scores[i] + scores[order[k]]) : scores[i] - 1;
            double value = value(rule, tp, fp, positives, negatives, missedCost, falseAlarmCost);
            if (value > bestValue + 1e-12
                    || (Math.abs(value - bestValue) <= 1e-12 && Math.abs(threshold) < Math.abs(bestThreshold))) {
                bestValue = value;
                bestThreshold = threshold;
            }
        }
        return new OperatingPoint(bestThreshold, rule, missedCost, falseAlarmCost, n);
    }

    /** The rule's value of a cut (larger is better): balanced accuracy, F1, or minus the cost. */
    private static double value(Rule rule, int tp, int fp, int positives, int negatives, double missedCost,
                                double falseAlarmCost) {
        int fn = positives - tp;
        int tn = negatives - fp;
        return switch (rule) {
            case BALANCED_ACCURACY -> 0.5 * ((double) tp / positives + (double) tn / negatives);
            case F1 -> tp == 0 ? 0 : 2.0 * tp / (2.0 * tp + fp + fn);
            case EXPECTED_COST -> -(missedCost * fn + falseAlarmCost * fp);
            case ZERO -> 0;
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
            case ZERO -> "";
        };
        return String.format(Locale.ROOT, "score >= %.6g, chosen for %s on %,d out-of-fold scores", threshold, how,
                rows);
    }
}
