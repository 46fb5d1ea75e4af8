package org.heaviside.network;

/**
 * What is proven about optimality over all patterns.
 *
 * @param status         {@code exact}: optimal over every pattern (enumeration, solver converged);
 *                       {@code heuristic}: the search found no pattern with ‖hᵀθ‖ > β;
 *                       {@code none}: not run, not converged, or the budget ended with violators
 * @param violationRatio the largest ‖hᵀθ‖/β found (over all patterns when exact); at most 1 means
 *                       no violation
 * @param rounds         column-generation rounds done
 * @param added          patterns added by the search
 */
public record Certificate(String status, double violationRatio, int rounds, int added) {

    /** Status of a certificate proven over all patterns. */
    public static final String EXACT = "exact";
    /** Status when the heuristic search found no violator. */
    public static final String HEURISTIC = "heuristic";
    /** Status when nothing is proven. */
    public static final String NONE = "none";
}
