package org.heaviside.spark;

import org.apache.spark.api.java.JavaRDD;

/**
 * The dimension of the rows' affine span from one pass of sums (Σx, ΣxxᵀΣ, n): the numerical rank of
 * their covariance by pivoted Cholesky with a relative tolerance of 1e-18 on the variances (1e-9 on
 * the deviations, the local engine's tolerance). It only labels the pattern bound (method.md
 * section 3); nothing is solved with it.
 */
final class AffineRank {

    private AffineRank() {
    }

    static int of(JavaRDD<RowBlock> blocks, int d, SparkPatterns.Probe probe) {
        double[] sums = blocks.treeAggregate(new double[1 + d + d * d], (sum, block) -> {
            probe.enter(block.partition);
            for (double[] row : block.x) {
                sum[0] += 1;
                for (int a = 0; a < d; a++) {
                    sum[1 + a] += row[a];
                    for (int b = 0; b <= a; b++) {
                        sum[1 + d + a * d + b] += row[a] * row[b];
                    }
                }
            }
            return sum;
        }, (a, b) -> {
            for (int k = 0; k < a.length; k++) {
                a[k] += b[k];
            }
            return a;
        }, 2);
        double n = sums[0];
        double[][] c = new double[d][d];
        double largest = 0;
        for (int a = 0; a < d; a++) {
            for (int b = 0; b <= a; b++) {
                double v = sums[1 + d + a * d + b] / n - (sums[1 + a] / n) * (sums[1 + b] / n);
                c[a][b] = v;
                c[b][a] = v;
            }
            largest = Math.max(largest, c[a][a]);
        }
        boolean[] used = new boolean[d];
        int rank = 0;
        for (int step = 0; step < d; step++) {
            int pivot = -1;
            for (int k = 0; k < d; k++) {
                if (!used[k] && (pivot < 0 || c[k][k] > c[pivot][pivot])) {
                    pivot = k;
                }
            }
            if (pivot < 0 || !(c[pivot][pivot] > 1e-18 * largest) || largest == 0) {
                break;
            }
            used[pivot] = true;
            rank++;
            double root = Math.sqrt(c[pivot][pivot]);
            double[] column = new double[d];
            for (int k = 0; k < d; k++) {
                column[k] = used[k] && k != pivot ? 0 : c[k][pivot] / root;
            }
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    c[a][b] -= column[a] * column[b];
                }
            }
        }
        return rank;
    }
}
