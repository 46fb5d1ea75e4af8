package org.heaviside.deep;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.heaviside.data.PaperSynthetic;
import org.heaviside.run.Cancellation;

/**
 * The first layer of a three-layer shattering network (docs/method.md section 6): at least n
 * threshold neurons whose 0/1 outputs B1 (n x m1) on the n distinct training points have rank n, so
 * that any pattern of the points is a linear threshold of B1.
 *
 * <p>Two generators. {@code projection}: one random direction u; the points' projections u·x,
 * sorted, get one neuron per distinct value, firing from that value upward (the first one fires
 * everywhere), so B1 in sorted order is lower triangular with ones on the diagonal: rank = number
 * of distinct projected values, which is n unless two points project to the same value.
 * {@code random}: m1 hyperplanes with N(0, I) normals, each through a random training point with a
 * random small offset; the rank is computed, and when it falls short of n the projection neurons are
 * added (generator "random+projection").
 *
 * @param weights    m1 rows of (d + 1) weights, bias last
 * @param generator  "projection" or "random"
 * @param rank       rank of B1 over the reals on the given points (a lower bound when not full:
 *                   computed modulo a prime, which can only undercount)
 * @param fullRank   whether rank equals the number of points (proven)
 */
public record FirstLayer(double[][] weights, String generator, int rank, boolean fullRank) {

    /** The projection generator's id. */
    public static final String PROJECTION = "projection";
    /** The random generator's id. */
    public static final String RANDOM = "random";

    /** Builds the layer with the named generator on distinct points x; width applies to random only. */
    public static FirstLayer build(String generator, double[][] x, int width, long seed, Cancellation cancellation) {
        return switch (generator.toLowerCase(Locale.ROOT)) {
            case PROJECTION -> projection(x, seed);
            case RANDOM -> random(x, width, seed, cancellation);
            default -> throw new IllegalArgumentException("Unknown layer-1 generator '" + generator
                    + "'; expected projection or random.");
        };
    }

    /** The projection layer on points x. */
    public static FirstLayer projection(double[][] x, long seed) {
        int n = x.length;
        int d = x[0].length;
        SplittableRandom random = new SplittableRandom(seed);
        double[] u = new double[d];
        double norm = 0;
        for (int k = 0; k < d; k++) {
            u[k] = PaperSynthetic.gaussian(random);
            norm += u[k] * u[k];
        }
        norm = Math.sqrt(norm);
        for (int k = 0; k < d; k++) {
            u[k] /= norm;
        }
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                p[i] += u[k] * x[i][k];
            }
        }
        double[] sorted = p.clone();
        Arrays.sort(sorted);
        double[] levels = new double[n];
        int distinct = 0;
        for (int i = 0; i < n; i++) {
            if (i == 0 || sorted[i] > sorted[i - 1]) {
                levels[distinct++] = sorted[i];
            }
        }
        double[][] weights = new double[distinct][];
        for (int j = 0; j < distinct; j++) {
            double[] w = new double[d + 1];
            System.arraycopy(u, 0, w, 0, d);
            // neuron j fires for projections >= the midpoint below level j; neuron 0 fires everywhere
            w[d] = j == 0 ? -(levels[0] - Math.max(1.0, Math.abs(levels[0]))) : -0.5 * (levels[j - 1] + levels[j]);
            weights[j] = w;
        }
        // the triangular structure is the proof of the rank; check it holds in floating point
        double[][] b = org.heaviside.network.DeepNetwork.layer(weights, x);
        int rank = triangularRank(b, p, levels, distinct);
        return new FirstLayer(weights, PROJECTION, rank, rank == n);
    }

    /** The random layer of {@code width} neurons on points x. */
    public static FirstLayer random(double[][] x, int width, long seed, Cancellation cancellation) {
        int n = x.length;
        if (width < 1) {
            throw new IllegalArgumentException("The layer-1 width must be at least 1; got " + width + ".");
        }
        double[][] weights = hyperplanes(x, width, seed, cancellation);
        double[][] b = org.heaviside.network.DeepNetwork.layer(weights, x);
        int rank = Rank.of(b, cancellation);
        if (rank < n) {
            // too few random cuts separate the points (small or low-dimensional data): add the projection
            // neurons, whose triangular outputs give full rank whenever the projections are distinct
            FirstLayer projection = projection(x, seed + 1);
            double[][] both = new double[weights.length + projection.width()][];
            System.arraycopy(weights, 0, both, 0, weights.length);
            System.arraycopy(projection.weights(), 0, both, weights.length, projection.width());
            int combined = Rank.of(org.heaviside.network.DeepNetwork.layer(both, x), cancellation);
            if (combined > rank) {
                return new FirstLayer(both, RANDOM + "+" + PROJECTION, combined, combined == n);
            }
        }
        return new FirstLayer(weights, RANDOM, rank, rank == n);
    }

    /**
     * {@code width} hyperplanes with N(0, I) normals, each through a random row of x shifted by up to
     * a tenth of the normal's length either way (so that nearly every one cuts the data).
     */
    public static double[][] hyperplanes(double[][] x, int width, long seed, Cancellation cancellation) {
        int n = x.length;
        int d = x[0].length;
        SplittableRandom random = new SplittableRandom(seed);
        double[][] weights = new double[width][];
        for (int j = 0; j < width; j++) {
            if ((j & 255) == 0) {
                cancellation.check();
            }
            double[] w = new double[d + 1];
            double[] anchor = x[random.nextInt(n)];
            double offset = 0;
            double norm = 0;
            for (int k = 0; k < d; k++) {
                w[k] = PaperSynthetic.gaussian(random);
                offset += w[k] * anchor[k];
                norm += w[k] * w[k];
            }
            w[d] = -offset + 0.1 * Math.sqrt(norm) * (2 * random.nextDouble() - 1);
            weights[j] = w;
        }
        return weights;
    }

    /** Width m1. */
    public int width() {
        return weights.length;
    }

    /**
     * The rank of the projection layer's outputs: with the points sorted by projection, row i fires
     * exactly the neurons of the levels at or below its own, which makes B1 lower triangular with a
     * unit diagonal; the rank is the number of distinct levels when that holds for every row.
     */
    private static int triangularRank(double[][] b, double[] p, double[] levels, int distinct) {
        for (int i = 0; i < b.length; i++) {
            int own = Arrays.binarySearch(levels, 0, distinct, p[i]);
            for (int j = 0; j < distinct; j++) {
                if ((b[i][j] == 1.0) != (j <= own)) {
                    return Rank.of(b, Cancellation.NEVER); // rounding broke the structure: count instead
                }
            }
        }
        return distinct;
    }
}
