package org.heaviside.arrangement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The pattern matrix H in {0,1}^{n x P}, bit-packed by column: one bit per sample and pattern
 * (64 samples per {@code long}), columns distinct, each with the generator that produced it
 * (a hyperplane u with pattern 1{xt . u >= 0}, or null when the pattern came from enumeration)
 * and the name of its source. Append-only: columns are added through {@link #add}, never removed.
 *
 * <p>Memory: P * ceil(n / 64) * 8 bytes for the bits, which is at most 1 + 63/n bits per entry.
 */
public final class PatternMatrix {

    private final int rows;
    private final int words;
    private long[] bits;
    private int[] ones;
    private final List<double[]> generators = new ArrayList<>();
    private final List<String> sources = new ArrayList<>();
    private final Map<Key, Integer> index = new HashMap<>();
    private int columns;

    /** Creates an empty matrix for {@code rows} samples. */
    public PatternMatrix(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("A pattern matrix needs at least one row.");
        }
        this.rows = rows;
        this.words = (rows + 63) >>> 6;
        this.bits = new long[words * 64];
        this.ones = new int[64];
    }

    /** Number of samples n. */
    public int rows() {
        return rows;
    }

    /** Number of distinct patterns P. */
    public int columns() {
        return columns;
    }

    /** Number of 64-bit words per column. */
    public int words() {
        return words;
    }

    /** The packed bits of all columns: column j occupies words [j * words(), (j + 1) * words()). */
    public long[] bits() {
        return bits;
    }

    /** Number of ones in column j (its squared norm). */
    public int ones(int column) {
        return ones[column];
    }

    /** The hyperplane that produced column j, or null (enumerated patterns). */
    public double[] generator(int column) {
        double[] u = generators.get(column);
        return u == null ? null : u.clone();
    }

    /** Where column j came from: "bias", "sampled", "anchored", "enumerated", "search", ... */
    public String source(int column) {
        return sources.get(column);
    }

    /** Whether sample i is 1 in column j. */
    public boolean get(int row, int column) {
        return (bits[column * words + (row >>> 6)] >>> (row & 63) & 1L) != 0;
    }

    /** Bytes held by the packed bits of the P columns. */
    public long bitBytes() {
        return (long) columns * words * Long.BYTES;
    }

    /**
     * Adds a pattern given as packed words unless an equal column exists or it is all zeros.
     *
     * @param packed    ceil(n/64) words, bits beyond n zero
     * @param generator the hyperplane that produces it (copied), or null
     * @param source    a short source name
     * @return the column index (new or existing), or -1 for the all-zero pattern
     */
    public int add(long[] packed, double[] generator, String source) {
        int count = 0;
        for (long word : packed) {
            count += Long.bitCount(word);
        }
        if (count == 0) {
            return -1;
        }
        Key key = new Key(packed);
        Integer existing = index.get(key);
        if (existing != null) {
            return existing;
        }
        if ((columns + 1) * words > bits.length) {
            bits = Arrays.copyOf(bits, Math.max(bits.length * 2, (columns + 1) * words));
        }
        if (columns == ones.length) {
            ones = Arrays.copyOf(ones, ones.length * 2);
        }
        System.arraycopy(packed, 0, bits, columns * words, words);
        ones[columns] = count;
        generators.add(generator == null ? null : generator.clone());
        sources.add(source);
        index.put(new Key(packed.clone()), columns);
        return columns++;
    }

    /** Index of an equal column, or -1. */
    public int indexOf(long[] packed) {
        Integer existing = index.get(new Key(packed));
        return existing == null ? -1 : existing;
    }

    /** Column j as packed words (a copy). */
    public long[] column(int j) {
        return Arrays.copyOfRange(bits, j * words, (j + 1) * words);
    }

    /** Column j as 0/1 doubles. */
    public double[] dense(int j) {
        double[] h = new double[rows];
        for (int i = 0; i < rows; i++) {
            h[i] = get(i, j) ? 1.0 : 0.0;
        }
        return h;
    }

    /**
     * Packs the pattern 1{xt_i . u >= 0} of rows x (without the bias column) and a hyperplane
     * u = (w, b) of length d + 1.
     */
    public static long[] pattern(double[][] x, double[] u) {
        int n = x.length;
        int d = u.length - 1;
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            double[] row = x[i];
            double sum = u[d];
            for (int k = 0; k < d; k++) {
                sum += row[k] * u[k];
            }
            z[i] = sum;
        }
        return pack(z);
    }

    /** Packs the pattern 1{z_i ≥ 0} of values z, one bit per row. */
    static long[] pack(double[] z) {
        return pack(z, z.length);
    }

    /** {@link #pack(double[])} of the first n entries. */
    static long[] pack(double[] z, int n) {
        long[] packed = new long[(n + 63) >>> 6];
        for (int i = 0; i < n; i++) {
            if (z[i] >= 0) {
                packed[i >>> 6] |= 1L << (i & 63);
            }
        }
        return packed;
    }

    /** Hash key over a column's words. */
    private static final class Key {
        private final long[] words;
        private final int hash;

        Key(long[] words) {
            this.words = words;
            this.hash = Arrays.hashCode(words);
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Arrays.equals(words, key.words);
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }
}
