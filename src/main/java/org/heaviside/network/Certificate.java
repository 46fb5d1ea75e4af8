package org.heaviside.network;

import java.util.Locale;

/**
 * What is proven about optimality over all patterns.
 *
 * @param status         {@code exact}: optimal over every pattern (enumeration, solver converged);
 *                       {@code heuristic}: the solver converged and the last search found no pattern
 *                       outside the program with ‖hᵀθ‖ above the program's own largest (β to the
 *                       solver's tolerance); {@code per-output}: the program of each output is optimal on
 *                       its own (several outputs of the shattering program), not the shared-neuron
 *                       program J is scored by; {@code none}: not run, not converged, or the round
 *                       budget ended with violators outstanding
 * @param violationRatio the largest ‖hᵀr‖/β found with r the unscaled negative loss gradient (the
 *                       residual for squared loss), over all patterns when exact; above 1 means a
 *                       pattern would lower the objective; NaN when no search ran
 * @param rounds         column-generation rounds done
 * @param added          patterns added by the search
 * @param violators      patterns outside the program that the last search found violated (at most
 *                       the number a search returns), 0 unless the status is {@code none}
 */
public record Certificate(String status, double violationRatio, int rounds, int added, int violators) {

    /** Status of a certificate proven over all patterns. */
    public static final String EXACT = "exact";
    /** Status when the last heuristic search found no violator. */
    public static final String HEURISTIC = "heuristic";
    /** Status of several outputs each solved to its own optimum (one-vs-rest decomposition). */
    public static final String PER_OUTPUT = "per-output";
    /** Status when nothing is proven. */
    public static final String NONE = "none";

    /**
     * The certificate after a violator search of {@code rounds} rounds (method.md section 4): heuristic
     * when the last solve converged and the last search found no violating pattern, else none.
     */
    public static Certificate afterSearch(boolean converged, int violatorsLeft, double ratio, int rounds, int added) {
        return new Certificate(converged && violatorsLeft == 0 ? HEURISTIC : NONE, ratio, rounds, added,
                violatorsLeft);
    }

    /**
     * The status in words, the same sentence the Conditions page, the Train page and the report use
     * (messages.properties {@code train.certificate.*}, report.properties {@code certificate.*}).
     */
    public static String meaning(String status) {
        return switch (status) {
            case EXACT -> "optimal over every pattern; all enumerated and the solver converged";
            case HEURISTIC -> "the last search found no pattern that would lower the objective; evidence, "
                    + "not a proof";
            case PER_OUTPUT -> "the program of each output is optimal; a network sharing neurons across outputs could "
                    + "have a lower J";
            default -> "optimality over all patterns not shown";
        };
    }

    /** One line: status, its meaning, and the numbers behind it. */
    public String describe() {
        StringBuilder text = new StringBuilder(status).append(": ").append(meaning(status));
        if (!Double.isNaN(violationRatio)) {
            text.append(String.format(Locale.ROOT, "; largest violation ratio %.6f", violationRatio));
        }
        if (rounds > 0 || added > 0) {
            text.append(String.format(Locale.ROOT, "; %d rounds, %d patterns added", rounds, added));
        }
        if (violators > 0) {
            text.append(String.format(Locale.ROOT, "; %d violating patterns found by the last search left out",
                    violators));
        }
        return text.toString();
    }
}
