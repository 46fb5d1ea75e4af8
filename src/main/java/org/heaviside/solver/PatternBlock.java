package org.heaviside.solver;

import java.io.Serializable;
import org.heaviside.arrangement.PatternMatrix;

/**
 * The pattern bits of one block of rows (a partition), column-major as in {@link PatternMatrix}:
 * column j occupies words [j·words, (j + 1)·words). The kernels are those of the local solver (byte
 * tables for Hᵀv, set-bit iteration for HZ, popcounts for Gram entries), run on the block's rows.
 */
public final class PatternBlock implements Serializable {

    private static final long serialVersionUID = 1L;

    private final int rows;
    private final int words;
    private final int columns;
    private final long[] bits;

    /** The patterns 1{x_i·u + b >= 0} of the rows for each hyperplane (d + 1 weights, bias last). */
    public PatternBlock(double[][] x, double[][] hyperplanes) {
        this.rows = x.length;
        this.words = (rows + 63) >>> 6;
        this.columns = hyperplanes.length;
        this.bits = new long[Math.max(1, columns * words)];
        if (rows > 0) {
            for (int j = 0; j < columns; j++) {
                System.arraycopy(PatternMatrix.pattern(x, hyperplanes[j]), 0, bits, j * words, words);
            }
        }
    }

    private PatternBlock(int rows, int columns, long[] bits) {
        this.rows = rows;
        this.words = (rows + 63) >>> 6;
        this.columns = columns;
        this.bits = bits;
    }

    /** This block's columns followed by the patterns of more hyperplanes on the same rows x. */
    public PatternBlock append(double[][] x, double[][] hyperplanes) {
        long[] more = new long[Math.max(1, (columns + hyperplanes.length) * words)];
        System.arraycopy(bits, 0, more, 0, columns * words);
        if (rows > 0) {
            for (int j = 0; j < hyperplanes.length; j++) {
                System.arraycopy(PatternMatrix.pattern(x, hyperplanes[j]), 0, more, (columns + j) * words, words);
            }
        }
        return new PatternBlock(rows, columns + hyperplanes.length, more);
    }

    /** Number of rows in the block. */
    public int rows() {
        return rows;
    }

    /** Number of columns. */
    public int columns() {
        return columns;
    }

    /** The ones of column j in this block. */
    public int ones(int column) {
        int count = 0;
        for (int w = 0; w < words; w++) {
            count += Long.bitCount(bits[column * words + w]);
        }
        return count;
    }

    /** Σ_{i : h_ij = 1} v_i in 64-bit wrapping arithmetic (an order-free hash of the column's rows). */
    public long sum(int column, long[] v) {
        long sum = 0;
        int base = column * words;
        for (int w = 0; w < words && rows > 0; w++) {
            long word = bits[base + w];
            int offset = w << 6;
            while (word != 0) {
                sum += v[offset + Long.numberOfTrailingZeros(word)];
                word &= word - 1;
            }
        }
        return sum;
    }

    /** Whether row i is 1 in column j. */
    public boolean get(int row, int column) {
        return (bits[column * words + (row >>> 6)] >>> (row & 63) & 1L) != 0;
    }

    /** r_i −= value for every row i of the column. */
    public void subtract(int column, double value, double[] r) {
        if (rows > 0) {
            BitKernels.subtract(bits, words, column, value, r);
        }
    }

    /** HZ on this block's rows for the given columns and their weights (one output). */
    public double[] fitted(int[] columnsOf, double[] values) {
        double[] f = new double[rows];
        for (int k = 0; k < columnsOf.length; k++) {
            if (values[k] != 0) {
                subtract(columnsOf[k], -values[k], f);
            }
        }
        return f;
    }

    /** out[j] += Σ_{i : h_ij = 1} v_i for the given columns, by the byte tables. */
    public void addCorrelations(int[] columnsOf, double[] v, double[] out) {
        if (rows == 0) {
            return;
        }
        double[] table = BitKernels.table(v, words);
        for (int k = 0; k < columnsOf.length; k++) {
            int base = columnsOf[k] * words;
            double sum = 0;
            for (int w = 0; w < words; w++) {
                long word = bits[base + w];
                if (word == 0) {
                    continue;
                }
                sum += BitKernels.wordSum(table, w, word);
            }
            out[k] += sum;
        }
    }

    /**
     * out[a·|b| + c] += Σ_i w_i h_ia h_ic over this block (popcounts of AND-ed columns without weights;
     * {@code w} null for none).
     */
    public void addGram(int[] a, int[] b, double[] w, double[] out) {
        for (int k = 0; k < a.length; k++) {
            int baseA = a[k] * words;
            for (int l = 0; l < b.length; l++) {
                int baseB = b[l] * words;
                double sum = 0;
                if (w == null) {
                    int count = 0;
                    for (int t = 0; t < words; t++) {
                        count += Long.bitCount(bits[baseA + t] & bits[baseB + t]);
                    }
                    sum = count;
                } else {
                    for (int t = 0; t < words; t++) {
                        long word = bits[baseA + t] & bits[baseB + t];
                        int offset = t << 6;
                        while (word != 0) {
                            sum += w[offset + Long.numberOfTrailingZeros(word)];
                            word &= word - 1;
                        }
                    }
                }
                out[k * b.length + l] += sum;
            }
        }
    }
}
