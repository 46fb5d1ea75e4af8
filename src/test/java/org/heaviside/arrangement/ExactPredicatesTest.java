package org.heaviside.arrangement;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.heaviside.run.Cancellation;

/**
 * Exact enumeration near degenerate data: nearly collinear and nearly coplanar points (off a line or
 * a plane by a few units in the last place, or exactly on it) against a brute force that tests every
 * subset for separability by Kirchberger's theorem (two finite sets in the plane are strictly
 * separable when every four of their points are) with exact decimal arithmetic.
 */
class ExactPredicatesTest {

    /** n points on the line y = s x + c (exact dyadic values), some moved off it by a tiny dyadic step. */
    private static double[][] nearlyCollinear(int n, long seed, boolean perturb) {
        SplittableRandom random = new SplittableRandom(seed);
        double s = random.nextInt(-8, 9) / 8.0;
        double c = random.nextInt(-64, 65) / 16.0;
        double[][] x = new double[n][];
        for (int i = 0; i < n; i++) {
            double t = random.nextInt(-40, 41) / 4.0 + 0.125 * i;
            double y = s * t + c;
            if (perturb && random.nextInt(3) == 0) {
                y += Math.scalb((double) (random.nextBoolean() ? 1 : -1), -random.nextInt(40, 50));
            }
            x[i] = new double[] {t, y};
        }
        return x;
    }

    @Property(tries = 100, seed = "14")
    void nearlyCollinearPointsGiveExactlyTheSeparableDichotomies(@ForAll @IntRange(min = 3, max = 8) int n,
                                                                  @ForAll long seed) {
        boolean perturb = seed % 4 != 0;
        double[][] x = nearlyCollinear(n, seed, perturb);
        Set<String> expected = bruteForce(x);
        AffineSpan span = AffineSpan.of(x);
        assertThat(span.dimension()).isEqualTo(collinear(x) ? (distinct(x) > 1 ? 1 : 0) : 2);
        PatternMatrix h = new PatternMatrix(n);
        int count = ExactEnumeration.enumerate(h, span.coordinates(), Cancellation.NEVER);
        assertThat(patterns(h)).isEqualTo(expected);
        assertThat(count).isEqualTo(expected.size() + 1); // the empty dichotomy is counted, not stored
        PatternMatrix direct = new PatternMatrix(n);
        ExactEnumeration.enumerate(direct, x, Cancellation.NEVER);
        assertThat(patterns(direct)).isEqualTo(expected);
    }

    @Property(tries = 60, seed = "15")
    void nearlyCoplanarPointsAreNeverTakenForAPlane(@ForAll @IntRange(min = 4, max = 8) int n,
                                                    @ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double r = random.nextInt(-8, 9) / 4.0;
        double s = random.nextInt(-8, 9) / 4.0;
        boolean perturb = random.nextBoolean();
        double[][] x = new double[n][];
        double[][] plane = new double[n][];
        for (int i = 0; i < n; i++) {
            double a = random.nextInt(-32, 33) / 8.0;
            double b = random.nextInt(-32, 33) / 8.0 + i / 64.0;
            double z = r * a + s * b + 1.5;
            x[i] = new double[] {a, b, z};
            plane[i] = new double[] {a, b};
        }
        if (perturb) {
            x[n - 1][2] += Math.scalb(1.0, -42); // a small real third direction
        }
        AffineSpan span = AffineSpan.of(x);
        if (perturb && !collinear(plane)) {
            assertThat(span.dimension()).isEqualTo(3);
            assertThat(span.coordinates()).isNull();
            return;
        }
        // on the plane z = r a + s b + 1.5 the points are their (a, b) projections, one to one
        Set<String> expected = bruteForce(plane);
        PatternMatrix h = new PatternMatrix(n);
        ExactEnumeration.enumerate(h, span.coordinates(), Cancellation.NEVER);
        assertThat(patterns(h)).isEqualTo(expected);
    }

    private static Set<String> patterns(PatternMatrix h) {
        Set<String> out = new HashSet<>();
        for (int j = 0; j < h.columns(); j++) {
            StringBuilder bits = new StringBuilder();
            for (int i = 0; i < h.rows(); i++) {
                bits.append(h.get(i, j) ? '1' : '0');
            }
            out.add(bits.toString());
        }
        return out;
    }

    /** Every non-empty subset S (as a bit string) that a line strictly separates from the rest. */
    private static Set<String> bruteForce(double[][] x) {
        int n = x.length;
        Set<String> out = new HashSet<>();
        for (int mask = 1; mask < 1 << n; mask++) {
            if (separable(x, mask)) {
                StringBuilder bits = new StringBuilder();
                for (int i = 0; i < n; i++) {
                    bits.append((mask >> i & 1) == 1 ? '1' : '0');
                }
                out.add(bits.toString());
            }
        }
        return out;
    }

    /** Kirchberger: separable when no 4 points split by the mask have intersecting hulls. */
    private static boolean separable(double[][] x, int mask) {
        int n = x.length;
        List<Integer> in = new ArrayList<>();
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ((mask >> i & 1) == 1 ? in : out).add(i);
        }
        for (List<Integer> a : subsets(in)) {
            for (List<Integer> b : subsets(out)) {
                if (a.size() + b.size() <= 4 && intersect(x, a, b)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<List<Integer>> subsets(List<Integer> of) {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < of.size(); i++) {
            out.add(List.of(of.get(i)));
            for (int j = i + 1; j < of.size(); j++) {
                out.add(List.of(of.get(i), of.get(j)));
                for (int k = j + 1; k < of.size(); k++) {
                    out.add(List.of(of.get(i), of.get(j), of.get(k)));
                }
            }
        }
        return out;
    }

    /** Whether the closed hulls of two sets of at most 3 points (4 together) intersect. */
    private static boolean intersect(double[][] x, List<Integer> a, List<Integer> b) {
        if (a.size() > b.size()) {
            return intersect(x, b, a);
        }
        if (a.size() == 1 && b.size() == 1) {
            return equal(x[a.get(0)], x[b.get(0)]);
        }
        if (a.size() == 1 && b.size() == 2) {
            return onSegment(x[a.get(0)], x[b.get(0)], x[b.get(1)]);
        }
        if (a.size() == 1) {
            double[] p = x[a.get(0)];
            double[] q = x[b.get(0)];
            double[] r = x[b.get(1)];
            double[] t = x[b.get(2)];
            int o1 = orient(q, r, p);
            int o2 = orient(r, t, p);
            int o3 = orient(t, q, p);
            boolean inside = (o1 >= 0 && o2 >= 0 && o3 >= 0) || (o1 <= 0 && o2 <= 0 && o3 <= 0);
            return inside && orient(q, r, t) != 0
                    || onSegment(p, q, r) || onSegment(p, r, t) || onSegment(p, t, q);
        }
        double[] p1 = x[a.get(0)];
        double[] p2 = x[a.get(1)];
        double[] q1 = x[b.get(0)];
        double[] q2 = x[b.get(1)];
        int d1 = orient(q1, q2, p1);
        int d2 = orient(q1, q2, p2);
        int d3 = orient(p1, p2, q1);
        int d4 = orient(p1, p2, q2);
        if (d1 * d2 < 0 && d3 * d4 < 0) {
            return true;
        }
        return onSegment(p1, q1, q2) || onSegment(p2, q1, q2) || onSegment(q1, p1, p2) || onSegment(q2, p1, p2);
    }

    private static boolean equal(double[] p, double[] q) {
        return p[0] == q[0] && p[1] == q[1];
    }

    /** p on the closed segment qr. */
    private static boolean onSegment(double[] p, double[] q, double[] r) {
        return orient(q, r, p) == 0 && Math.min(q[0], r[0]) <= p[0] && p[0] <= Math.max(q[0], r[0])
                && Math.min(q[1], r[1]) <= p[1] && p[1] <= Math.max(q[1], r[1]);
    }

    /** Exact sign of (b − a) × (c − a). */
    private static int orient(double[] a, double[] b, double[] c) {
        BigDecimal ax = new BigDecimal(a[0]);
        BigDecimal ay = new BigDecimal(a[1]);
        return new BigDecimal(b[0]).subtract(ax).multiply(new BigDecimal(c[1]).subtract(ay))
                .subtract(new BigDecimal(b[1]).subtract(ay).multiply(new BigDecimal(c[0]).subtract(ax))).signum();
    }

    private static boolean collinear(double[][] x) {
        for (int i = 1; i < x.length; i++) {
            for (int j = i + 1; j < x.length; j++) {
                if (!equal(x[0], x[i]) && orient(x[0], x[i], x[j]) != 0) {
                    return false;
                }
            }
        }
        return true;
    }

    private static int distinct(double[][] x) {
        Set<String> seen = new HashSet<>();
        for (double[] p : x) {
            seen.add(p[0] + "," + p[1]);
        }
        return seen.size();
    }
}
