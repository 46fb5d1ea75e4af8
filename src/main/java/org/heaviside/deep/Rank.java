package org.heaviside.deep;

import org.heaviside.run.Cancellation;

/**
 * The rank of a 0/1 matrix, exactly. Its rank over GF(2) and modulo a prime are lower bounds of the
 * real rank (a non-zero minor modulo p is a non-zero integer minor), so when either reaches the row
 * count the real rank is proven full. Elimination over GF(2) runs on packed bits and is tried first.
 */
final class Rank {

    private static final long PRIME = 2_147_483_647L; // 2^31 − 1

    private Rank() {
    }

    /** The rank of the rows of b (entries 0 or 1): exact when full, else a lower bound. */
    static int of(double[][] b, Cancellation cancellation) {
        int n = b.length;
        if (n == 0) {
            return 0;
        }
        int binary = gf2(b, cancellation);
        if (binary == Math.min(n, b[0].length)) {
            return binary;
        }
        return Math.max(binary, modular(b, cancellation));
    }

    /** Rank over GF(2) by elimination on packed rows. */
    static int gf2(double[][] b, Cancellation cancellation) {
        int n = b.length;
        int m = b[0].length;
        int words = (m + 63) >>> 6;
        long[][] rows = new long[n][words];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                if (b[i][j] != 0) {
                    rows[i][j >>> 6] |= 1L << (j & 63);
                }
            }
        }
        int rank = 0;
        for (int col = 0; col < m && rank < n; col++) {
            if ((col & 63) == 0) {
                cancellation.check();
            }
            int word = col >>> 6;
            long bit = 1L << (col & 63);
            int pivot = -1;
            for (int i = rank; i < n; i++) {
                if ((rows[i][word] & bit) != 0) {
                    pivot = i;
                    break;
                }
            }
            if (pivot < 0) {
                continue;
            }
            long[] swap = rows[pivot];
            rows[pivot] = rows[rank];
            rows[rank] = swap;
            for (int i = rank + 1; i < n; i++) {
                if ((rows[i][word] & bit) != 0) {
                    for (int w = word; w < words; w++) {
                        rows[i][w] ^= swap[w];
                    }
                }
            }
            rank++;
        }
        return rank;
    }

    /** Rank modulo 2^31 − 1 by Gaussian elimination. */
    static int modular(double[][] b, Cancellation cancellation) {
        int n = b.length;
        int m = b[0].length;
        long[][] a = new long[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                a[i][j] = b[i][j] != 0 ? 1 : 0;
            }
        }
        int rank = 0;
        for (int col = 0; col < m && rank < n; col++) {
            if ((col & 15) == 0) {
                cancellation.check();
            }
            int pivot = -1;
            for (int i = rank; i < n; i++) {
                if (a[i][col] != 0) {
                    pivot = i;
                    break;
                }
            }
            if (pivot < 0) {
                continue;
            }
            long[] swap = a[pivot];
            a[pivot] = a[rank];
            a[rank] = swap;
            long inverse = power(swap[col], PRIME - 2);
            for (int i = rank + 1; i < n; i++) {
                long factor = a[i][col] * inverse % PRIME;
                if (factor != 0) {
                    long[] row = a[i];
                    for (int j = col; j < m; j++) {
                        row[j] = Math.floorMod(row[j] - factor * swap[j] % PRIME, PRIME);
                    }
                }
            }
            rank++;
        }
        return rank;
    }

    private static long power(long base, long exponent) {
        long result = 1;
        base %= PRIME;
        while (exponent > 0) {
            if ((exponent & 1) == 1) {
                result = result * base % PRIME;
            }
            base = base * base % PRIME;
            exponent >>= 1;
        }
        return result;
    }
}
