package org.heaviside.arrangement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.heaviside.run.Cancellation;

/**
 * A seeded heuristic search for the pattern h maximizing ‖hᵀθ‖₂ over all affine dichotomies of the
 * rows (the certificate's pricing problem, docs/method.md section 4). For a direction v the best
 * threshold set {i : x_i·v ≥ t} or its complement is found exactly by sorting the projections and
 * scanning suffix sums; directions come from the θ-weighted mean difference (a weighted linear
 * separator of the points with positive versus negative θ), the coordinate axes, random draws, and
 * local moves around the best direction so far with restarts.
 */
public final class ViolatorSearch {

    /** A found pattern: its bits, a hyperplane producing it, and ‖hᵀθ‖₂. */
    public record Candidate(long[] pattern, double[] generator, double value) {
    }

    private ViolatorSearch() {
    }

    /**
     * Searches for patterns with large ‖hᵀθ‖₂.
     *
     * @param x          rows (n x d)
     * @param theta      dual point, C arrays of n
     * @param directions number of directions to try
     * @param keep       how many of the best distinct candidates to return
     * @return candidates, best first
     */
    public static List<Candidate> search(double[][] x, double[][] theta, int directions, int keep, long seed,
                                         Cancellation cancellation) {
        int n = x.length;
        int d = x[0].length;
        SplittableRandom random = new SplittableRandom(seed);
        List<Candidate> found = new ArrayList<>();
        double[] scalar = new double[n];
        double[] best = null;
        double bestValue = -1;
        for (int t = 0; t < directions; t++) {
            if ((t & 15) == 0) {
                cancellation.check();
            }
            // scalarize several outputs along a random unit combination
            double[] weights = new double[theta.length];
            double norm = 0;
            for (int c = 0; c < theta.length; c++) {
                weights[c] = theta.length == 1 ? 1.0 : PatternSources.gaussian(random);
                norm += weights[c] * weights[c];
            }
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int c = 0; c < theta.length; c++) {
                    s += weights[c] * theta[c][i];
                }
                scalar[i] = s / Math.sqrt(norm);
            }
            double[] v = new double[d];
            if (t == 0) {
                // weighted separator: sum_i theta_i x_i points from negative-theta to positive-theta points
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < d; k++) {
                        v[k] += scalar[i] * x[i][k];
                    }
                }
            } else if (t <= d) {
                v[t - 1] = 1.0;
            } else if (best != null && (t & 1) == 0) {
                double spread = 0.3 * random.nextDouble();
                for (int k = 0; k < d; k++) {
                    v[k] = best[k] + spread * PatternSources.gaussian(random);
                }
            } else {
                for (int k = 0; k < d; k++) {
                    v[k] = PatternSources.gaussian(random);
                }
            }
            Candidate candidate = bestThreshold(x, v, scalar, theta);
            if (candidate != null) {
                found.add(candidate);
                if (candidate.value() > bestValue) {
                    bestValue = candidate.value();
                    best = Arrays.copyOf(candidate.generator(), d);
                }
            }
        }
        found.sort(Comparator.comparingDouble(Candidate::value).reversed());
        List<Candidate> distinct = new ArrayList<>();
        for (Candidate candidate : found) {
            boolean seen = false;
            for (Candidate kept : distinct) {
                if (Arrays.equals(kept.pattern(), candidate.pattern())) {
                    seen = true;
                    break;
                }
            }
            if (!seen) {
                distinct.add(candidate);
                if (distinct.size() >= keep) {
                    break;
                }
            }
        }
        return distinct;
    }

    private static Candidate bestThreshold(double[][] x, double[] v, double[] scalar, double[][] theta) {
        int n = x.length;
        int d = v.length;
        double[] projection = new double[n];
        Integer[] order = new Integer[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double p = 0;
            for (int k = 0; k < d; k++) {
                p += v[k] * x[i][k];
            }
            projection[i] = p;
            order[i] = i;
            total += scalar[i];
        }
        Arrays.sort(order, (a, b) -> Double.compare(projection[b], projection[a])); // descending
        double suffix = 0; // sum over the upper set {projection >= current}
        double bestAbs = -1;
        int bestCount = 0;
        boolean upper = true;
        for (int k = 0; k < n; k++) {
            suffix += scalar[order[k]];
            boolean boundary = k == n - 1 || projection[order[k + 1]] < projection[order[k]];
            if (!boundary) {
                continue;
            }
            if (Math.abs(suffix) > bestAbs) {
                bestAbs = Math.abs(suffix);
                bestCount = k + 1;
                upper = true;
            }
            double lower = total - suffix;
            if (k < n - 1 && Math.abs(lower) > bestAbs) {
                bestAbs = Math.abs(lower);
                bestCount = k + 1;
                upper = false;
            }
        }
        if (bestAbs <= 0) {
            return null;
        }
        // threshold between the last member of the upper set and the next row
        double high = projection[order[bestCount - 1]];
        double low = bestCount < n ? projection[order[bestCount]] : high - 1.0;
        double cut = 0.5 * (high + low);
        double[] u = new double[d + 1];
        for (int k = 0; k < d; k++) {
            u[k] = upper ? v[k] : -v[k];
        }
        u[d] = upper ? -cut : cut;
        long[] pattern = PatternMatrix.pattern(x, u);
        double value = 0;
        for (double[] column : theta) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                if ((pattern[i >>> 6] >>> (i & 63) & 1L) != 0) {
                    sum += column[i];
                }
            }
            value += sum * sum;
        }
        return new Candidate(pattern, u, Math.sqrt(value));
    }
}
