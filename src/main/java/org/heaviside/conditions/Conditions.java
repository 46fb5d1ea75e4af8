package org.heaviside.conditions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.heaviside.arrangement.AffineSpan;
import org.heaviside.arrangement.PatternSources;
import org.heaviside.data.ColumnRole;
import org.heaviside.data.Dataset;
import org.heaviside.data.FeatureStep;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Table;
import org.heaviside.data.TaskKind;
import org.heaviside.network.Certificate;

/**
 * The checks of docs/method.md section 7, computed before training where the inputs allow and
 * marked {@link Condition#UNKNOWN} where they need a solve. Rows are named as 1-based data rows
 * (the first row after the header is row 1).
 */
public final class Conditions {

    private static final int LISTED_ROWS = 12;
    private static final double MINORITY_SHARE = 0.10;

    private Conditions() {
    }

    /** The data checks: rank of Xt, constant and duplicate features, missing values, balance, scales. */
    public static List<Condition> data(Table table, PreparedData data) {
        Dataset train = data.train();
        double[][] x = train.x();
        int n = x.length;
        int d = train.width();
        List<Condition> checks = new ArrayList<>();
        int rank = AffineSpan.of(x).augmentedRank();
        checks.add(Condition.of("data.rank", rank <= AffineSpan.MAX_COORDINATES + 1,
                String.format(Locale.ROOT, "rank(Xt) = %d with %d features on %,d training rows; at most %s patterns.",
                        rank, d, n, bound(n, rank)),
                "When rank(Xt) <= 3 every pattern can be enumerated and the optimum is proven over all of them; "
                        + "above that, patterns are sampled and the certificate comes from a heuristic search.",
                "Keep sampled patterns with the certificate search, or train on two numeric features for an exact proof.")
                .with(null, rank, d, n, bound(n, rank)));
        List<String> constant = new ArrayList<>();
        List<String> duplicate = new ArrayList<>();
        for (int k = 0; k < d; k++) {
            boolean same = true;
            for (int i = 1; i < n && same; i++) {
                same = x[i][k] == x[0][k];
            }
            if (same) {
                constant.add(train.features().get(k));
                continue;
            }
            for (int l = 0; l < k; l++) {
                boolean equal = true;
                for (int i = 0; i < n && equal; i++) {
                    equal = x[i][k] == x[i][l];
                }
                if (equal) {
                    duplicate.add(train.features().get(k) + " = " + train.features().get(l));
                    break;
                }
            }
        }
        checks.add(Condition.of("data.constant-features", constant.isEmpty(),
                constant.isEmpty() ? "No feature is constant on the training rows."
                        : constant.size() + " constant feature(s): " + String.join(", ", constant) + ".",
                "A constant feature adds nothing to any hyperplane; it only costs time.",
                "Ignore the column (set its role to ignored) or check that the right file was exported.")
                .with(constant.isEmpty() ? "none" : "some", constant.size(), String.join(", ", constant)));
        checks.add(Condition.of("data.duplicate-features", duplicate.isEmpty(),
                duplicate.isEmpty() ? "No two features are identical." : "Identical features: "
                        + String.join("; ", duplicate) + ".",
                "Identical features lower rank(Xt) without adding information.",
                "Drop one of each identical pair.")
                .with(duplicate.isEmpty() ? "none" : "some", String.join("; ", duplicate)));
        int missing = 0;
        List<String> withMissing = new ArrayList<>();
        for (String column : data.preprocessor().inputColumns()) {
            int count = table.column(column).map(c -> c.missing()).orElse(0);
            if (count > 0) {
                missing += count;
                withMissing.add(column + " (" + count + ")");
            }
        }
        checks.add(Condition.of("data.missing", missing == 0,
                missing == 0 ? "No missing values in the input columns."
                        : String.format(Locale.ROOT, "%,d missing values: %s; filled with the training median "
                        + "(numbers) or most frequent level (categories).", missing, String.join(", ", withMissing)),
                "Filled values are points the plant never produced; the guarantee holds for the filled data.",
                "Check the export, or drop the columns with many missing values.")
                .with(missing == 0 ? "none" : "some", missing, String.join(", ", withMissing)));
        if (data.preprocessor().target().task() == TaskKind.CLASSIFICATION) {
            int classes = data.preprocessor().target().classes().size();
            int[] counts = new int[classes];
            for (int c : train.classes()) {
                counts[c]++;
            }
            int minority = Arrays.stream(counts).min().orElse(0);
            double share = n == 0 ? 0 : (double) minority / n;
            checks.add(Condition.of("data.class-balance", share >= MINORITY_SHARE,
                    String.format(Locale.ROOT, "Smallest class: %,d of %,d training rows (%.1f%%).", minority, n,
                            100 * share),
                    "With a rare class, accuracy is high even for a model that never predicts it.",
                    "Judge the model by balanced accuracy and F1, and consider a larger beta ratio or more rows "
                            + "of the rare class.").with(null, minority, n, String.format(Locale.ROOT, "%.1f", 100 * share)));
        }
        double smallest = Double.POSITIVE_INFINITY;
        double largest = 0;
        String small = "";
        String large = "";
        for (FeatureStep step : data.preprocessor().steps()) {
            if (step.role() == ColumnRole.NUMERIC && step.scale() > 0) {
                if (step.scale() < smallest) {
                    smallest = step.scale();
                    small = step.column();
                }
                if (step.scale() > largest) {
                    largest = step.scale();
                    large = step.column();
                }
            }
        }
        checks.add(new Condition("data.scales", Condition.MET, largest == 0 ? "No numeric features."
                : String.format(Locale.ROOT, "Raw standard deviations range from %.3g (%s) to %.3g (%s); every "
                + "numeric feature is standardized to mean 0 and deviation 1 on the training rows.",
                smallest, small, largest, large),
                "Sampled hyperplane directions treat all standardized features alike.", "")
                .with(largest == 0 ? "none" : "some", String.format(Locale.ROOT, "%.3g", smallest), small,
                        String.format(Locale.ROOT, "%.3g", largest), large));
        return checks;
    }

    /**
     * The shattering checks: distinct points and conflicting duplicates, the shattering layer's width
     * versus the number of points, and rank(B1) (unknown when the layer is not built yet).
     *
     * @param rows      the training rows' data-row indices (0-based), for naming them
     * @param width1    the planned width of the shattering layer
     * @param rankB1    rank of B1 when built, else a negative number
     */
    public static List<Condition> shattering(Duplicates duplicates, int[] rows, int width1, int rankB1) {
        List<Condition> checks = new ArrayList<>();
        int n = duplicates.pointOf().length;
        int points = duplicates.points();
        boolean clean = duplicates.conflicting().isEmpty();
        String detail = String.format(Locale.ROOT, "%,d training rows, %,d distinct points", n, points);
        if (!clean) {
            detail += String.format(Locale.ROOT, "; %d conflicting duplicate rows (same features, different targets): %s",
                    duplicates.conflictingRows(), conflictingRows(duplicates, rows));
        }
        checks.add(Condition.of("shattering.distinct", clean, detail + ".",
                "A layer can shatter the data only when equal points never need different outputs.",
                "Remove or correct the conflicting rows, or train the deep Lasso (method convex with 3 layers), "
                        + "which needs no shattering.").with(clean ? "clean" : "conflict", n, points,
                duplicates.conflictingRows(), clean ? "" : conflictingRows(duplicates, rows)));
        checks.add(Condition.of("shattering.width", width1 >= points,
                String.format(Locale.ROOT, "Layer-1 width %,d for %,d distinct points.", width1, points),
                "Shattering n points needs at least n first-layer neurons.",
                "Use a layer-1 width of at least the number of distinct points.").with(null, width1, points));
        if (rankB1 < 0) {
            checks.add(new Condition("shattering.rank", Condition.UNKNOWN,
                    String.format(Locale.ROOT, "rank(B1) is computed when layer 1 is built; it must be %,d.", points),
                    "Full row rank of layer 1's outputs lets layer 2 realize every pattern exactly.", "")
                    .with("unknown", points));
        } else {
            checks.add(Condition.of("shattering.rank", rankB1 == points,
                    String.format(Locale.ROOT, "rank(B1) = %,d for %,d distinct points.", rankB1, points),
                    "Full row rank of layer 1's outputs lets layer 2 realize every pattern exactly.",
                    "Use the projection generator, or a wider random layer 1.").with(null, rankB1, points));
        }
        return checks;
    }

    /**
     * The two-layer checks: the width versus m* and the bound n + 1, and the patterns with the
     * certificate; unknown until a solve.
     *
     * @param neurons     m* after a solve, or a negative number before
     * @param patterns    distinct patterns in the final program (after a solve)
     * @param upperBound  the bound on all patterns, as text
     * @param exact       whether the patterns were enumerated exactly
     * @param relativeGap the solver's relative duality gap
     * @param certificate the certificate, or null before a solve
     * @param id          prefix of the ids: "two-layer" or "deep" (the last hidden layer of a deep net)
     */
    public static List<Condition> lasso(String id, int n, int neurons, int patterns, String upperBound,
                                        boolean exact, double relativeGap, Certificate result) {
        List<Condition> checks = new ArrayList<>();
        if (neurons < 0) {
            checks.add(new Condition(id + ".width", Condition.UNKNOWN,
                    String.format(Locale.ROOT, "m* is known after the solve; it is at most n + 1 = %,d.", n + 1),
                    "The network is optimal when its hidden width is at least m*, the number of non-zero weights.",
                    "").with("unknown", n + 1));
            checks.add(new Condition(id + ".patterns", Condition.UNKNOWN,
                    "Patterns, duality gap and certificate are known after the solve.",
                    "The optimum is over all patterns only when they were enumerated or the certificate holds.", "")
                    .with("unknown"));
            return checks;
        }
        checks.add(Condition.of(id + ".width", neurons <= n + 1,
                String.format(Locale.ROOT, "Hidden width m = m* = %,d (bound n + 1 = %,d).", neurons, n + 1),
                "The reconstructed layer has exactly m* neurons, enough for the optimum.",
                "m* above n + 1 means the solver did not reach a vertex solution; lower the tolerance.")
                .with(null, neurons, n + 1));
        String certificate = result.status();
        String bound = PatternSources.readable(upperBound);
        boolean proven = Certificate.EXACT.equals(certificate) || Certificate.HEURISTIC.equals(certificate);
        String natural = exact ? Certificate.EXACT : Certificate.HEURISTIC;
        String variant = (exact ? "exact" : "sampled") + (natural.equals(certificate) ? "" : "." + certificate);
        String ratio = Double.isNaN(result.violationRatio()) ? "-"
                : String.format(Locale.ROOT, "%.6f", result.violationRatio());
        checks.add(Condition.of(id + ".patterns", proven,
                String.format(Locale.ROOT, "%,d patterns %s (bound %s); relative duality gap %.2e; certificate %s "
                        + "(largest violation ratio %s, %d violating patterns left).", patterns,
                        exact ? "enumerated" : "sampled", bound, relativeGap, certificate, ratio,
                        result.violators()),
                patternsMeaning(exact, certificate),
                Certificate.PER_OUTPUT.equals(certificate) ? "Train a single output (one class against the rest) "
                        + "for an optimum proven for J." : "Turn the certificate search on, give it more rounds, or "
                        + "sample more patterns.")
                .with(variant, patterns, bound, String.format(Locale.ROOT, "%.2e", relativeGap), certificate,
                        ratio, result.violators()));
        return checks;
    }

    /** What a certificate status means for the guarantee (the wording of network.Certificate). */
    private static String patternsMeaning(boolean exact, String certificate) {
        return switch (certificate) {
            case Certificate.EXACT -> "Every pattern is in the program, so its optimum is the global optimum.";
            case Certificate.HEURISTIC -> "The last search found no pattern that would lower the objective; with sampled "
                    + "patterns that is evidence, not a proof.";
            case Certificate.PER_OUTPUT -> "The program of each output is solved to its optimum; J scores the outputs together "
                    + "(shared neurons), so another network could have a lower J.";
            default -> exact ? "The solver did not converge, so optimality over all patterns is not shown."
                    : "Optimality over all patterns is not shown: the search was off, the solver did not converge, "
                    + "or the last search still found patterns that would lower the objective.";
        };
    }

    private static String bound(int n, int rank) {
        return PatternSources.readable(PatternSources.upperBound(n, rank).toString());
    }

    private static String conflictingRows(Duplicates duplicates, int[] rows) {
        List<Integer> named = new ArrayList<>();
        for (int[] group : duplicates.conflicting()) {
            for (int i : group) {
                named.add(rows[i] + 1);
            }
        }
        named.sort(Integer::compare);
        String list = named.stream().limit(LISTED_ROWS).map(String::valueOf).collect(Collectors.joining(", "));
        return named.size() > LISTED_ROWS ? list + " and " + (named.size() - LISTED_ROWS) + " more" : list;
    }
}
