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
        double total = 0;
        for (int i = 0; i < n; i++) {
            double p = 0;
            for (int k = 0; k < d; k++) {
                p += v[k] * x[i][k];
            }
            projection[i] = p;
            total += scalar[i];
        }
        int[] order = descending(projection);
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

    /** Length of the runs sorted by insertion before {@link #descending} merges them. */
    private static final int RUN = 32;

    /**
     * The indices 0..n−1 ordered by key, largest first in {@link Double#compare}'s order, equal keys in
     * index order: exactly the order a stable sort of boxed indices by that comparison gives, without
     * boxing (a bottom-up merge sort on int indices over order-preserving long images of the keys).
     */
    static int[] descending(double[] key) {
        int n = key.length;
        long[] image = new long[n];
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            long bits = Double.doubleToLongBits(key[i]);
            image[i] = bits ^ ((bits >> 63) & Long.MAX_VALUE); // signed order of image = Double.compare order
            order[i] = i;
        }
        for (int lo = 0; lo < n; lo += RUN) {
            int hi = Math.min(lo + RUN, n);
            for (int i = lo + 1; i < hi; i++) {
                int t = order[i];
                int j = i - 1;
                while (j >= lo && image[order[j]] < image[t]) {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = t;
            }
        }
        int[] other = new int[n];
        for (int width = RUN; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n);
                int hi = Math.min(lo + 2 * width, n);
                int a = lo;
                int b = mid;
                for (int k = lo; k < hi; k++) {
                    if (b >= hi || (a < mid && image[order[a]] >= image[order[b]])) {
                        other[k] = order[a++];
                    } else {
                        other[k] = order[b++];
                    }
                }
            }
            int[] swap = order;
            order = other;
            other = swap;
        }
        return order;
    }
}
