package org.heaviside.solver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.heaviside.arrangement.PatternMatrix;

/**
 * Multiplication-free kernels on the bit-packed pattern matrix: a column's sum of a vector over
 * its set bits, the update r -= delta * h_j, and the full gradient H^T R by byte-wise lookup tables
 * (for each block of 8 rows, the 256 partial sums of r; a column then costs n/8 lookups).
 */
final class BitKernels {

    private static final ExecutorService POOL = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "heaviside-kernel");
        thread.setDaemon(true);
        return thread;
    });

    /** Blocks of 8 rows (256 table entries each) in one thread's share of a parallel {@link #table} at least. */
    static final int TABLE_BLOCKS = 256;

    private BitKernels() {
    }

    /** sum_{i : H_ij = 1} r_i, iterating set bits. */
    static double dot(long[] bits, int words, int column, double[] r) {
        double sum = 0;
        int base = column * words;
        for (int w = 0; w < words; w++) {
            long word = bits[base + w];
            int offset = w << 6;
            while (word != 0) {
                sum += r[offset + Long.numberOfTrailingZeros(word)];
                word &= word - 1;
            }
        }
        return sum;
    }

    /** r_i -= delta for every set bit i of the column. */
    static void subtract(long[] bits, int words, int column, double delta, double[] r) {
        int base = column * words;
        for (int w = 0; w < words; w++) {
            subtractWord(bits[base + w], w << 6, delta, r);
        }
    }

    /**
     * r_{offset + k} -= delta for every set bit k of the word (a method per word: compiled within a fresh JVM's
     * first solve, where the bit scans ran interpreted, each a call).
     */
    private static void subtractWord(long word, int offset, double delta, double[] r) {
        while (word != 0) {
            r[offset + Long.numberOfTrailingZeros(word)] -= delta;
            word &= word - 1;
        }
    }

    /**
     * G = H^T R for all columns: G[c][j] = sum of R[c] over the set bits of column j.
     *
     * @param threads columns are split into this many blocks run in parallel
     */
    static double[][] gradient(PatternMatrix patterns, double[][] residuals, int threads) {
        return gradient(patterns, residuals, threads, gradientBlock(patterns.words()), 1);
    }

    /**
     * Columns of the default gradient's blocks on {@code words} words a column: at least {@value #BLOCK_COLUMNS}
     * and {@value #BLOCK_WORDS} words. A block of fewer words is done by the calling thread sooner than it is
     * handed to another: the certificate rounds of a three-class set of 133 rows (1,026 to 1,501 columns of 3
     * words, 0.2 ms a gradient) waited 140-165 ms per fresh-JVM training for the second block's thread while
     * the compiler held the other core.
     */
    static int gradientBlock(int words) {
        return Math.max(BLOCK_COLUMNS, BLOCK_WORDS / Math.max(1, words));
    }

    /** The least columns of a default gradient's block. */
    static final int BLOCK_COLUMNS = 512;
    /** The least words of a default gradient's block. */
    static final int BLOCK_WORDS = 1 << 15;

    /**
     * The gradient as above into {@code space} when it is one of the same shape (every entry is written), else
     * into new arrays; returns the arrays written.
     */
    static double[][] gradient(PatternMatrix patterns, double[][] residuals, int threads, double[][] space) {
        return gradient(patterns, residuals, threads, gradientBlock(patterns.words()), 1, space);
    }

    /**
     * The gradient as above in blocks of at least {@code perBlock} columns, its tables built on
     * {@code tableThreads} threads (the same values: each column's sum is read alike).
     */
    static double[][] gradient(PatternMatrix patterns, double[][] residuals, int threads, int perBlock,
                               int tableThreads) {
        return gradient(patterns, residuals, threads, perBlock, tableThreads, null);
    }

    private static double[][] gradient(PatternMatrix patterns, double[][] residuals, int threads, int perBlock,
                                       int tableThreads, double[][] space) {
        int columns = patterns.columns();
        double[][] gradient = space != null && space.length == residuals.length && space[0].length == columns
                ? space : new double[residuals.length][columns];
        // one table for the outputs in turn (each output's lookups end before the next table is built), kept by
        // the calling thread for its next gradient when small (new tables were about 8 MB of a wine training)
        double[] tables = GRADIENT_TABLES.get();
        for (int c = 0; c < residuals.length; c++) {
            double[] table = table(residuals[c], patterns.words(), tableThreads, tables);
            tables = table;
            if (table.length <= KEPT_TABLE) {
                GRADIENT_TABLES.set(table);
            }
            double[] out = gradient[c];
            run(columns, threads, perBlock,
                    (from, to) -> lookup(patterns.bits(), patterns.words(), table, from, to, out));
        }
        return gradient;
    }

    /**
     * The last byte tables of a gradient on each thread, up to {@value #KEPT_TABLE} entries (1 MB: data of up to
     * 4,096 rows); a table of another length is replaced.
     */
    private static final ThreadLocal<double[]> GRADIENT_TABLES = new ThreadLocal<>();
    private static final int KEPT_TABLE = 1 << 17;

    /** Byte tables: table[b * 256 + mask] = sum of r[8b + k] over the bits k of mask. */
    static double[] table(double[] r, int words) {
        return table(r, words, 1);
    }

    /** The byte tables as above, their blocks on up to {@code threads} threads (the same values). */
    static double[] table(double[] r, int words, int threads) {
        return table(r, words, threads, null);
    }

    /**
     * The byte tables as above in {@code space} when it is a table of the same length made here (each block's
     * entry for the empty mask is never written, so it stays zero), else in a new array.
     */
    private static double[] table(double[] r, int words, int threads, double[] space) {
        int blocks = words * 8;
        double[] table = space != null && space.length == blocks * 256 ? space : new double[blocks * 256];
        run(blocks, threads, TABLE_BLOCKS, (from, to) -> {
            for (int b = from; b < to; b++) {
                tableBlock(table, r, b);
            }
        });
        return table;
    }

    /**
     * Block b's 256 entries: T[mask] = T[mask without its lowest bit] + r[the lowest bit's row] (rows past n
     * add 0), the masks taken by their lowest bit from the highest (so each T it adds to is already set):
     * for bit k, the masks 1 &lt;&lt; k | u &lt;&lt; (k + 1). A method per block, without a bit scan per
     * mask: a fresh JVM ran the tables interpreted for its first solves' gradients.
     */
    private static void tableBlock(double[] table, double[] r, int b) {
        int base = b * 256;
        int row = b * 8;
        for (int k = 7; k >= 0; k--) {
            double value = row + k < r.length ? r[row + k] : 0.0;
            int bit = 1 << k;
            int step = bit << 1;
            for (int upper = 0; upper < 256; upper += step) {
                table[base + (upper | bit)] = table[base + upper] + value;
            }
        }
    }

    /**
     * Σ r_i over the rows in both columns a and b, from r's byte {@link #table}: the gradient's lookup on
     * the columns' common words (a Gram entry under row weights r).
     */
    static double pairSum(long[] bits, int words, int a, int b, double[] table) {
        int baseA = a * words;
        int baseB = b * words;
        double sum = 0;
        for (int w = 0; w < words; w++) {
            long word = bits[baseA + w] & bits[baseB + w];
            if (word == 0) {
                continue;
            }
            sum += wordSum(table, w, word);
        }
        return sum;
    }

    private static void lookup(long[] bits, int words, double[] table, int from, int to, double[] out) {
        for (int j = from; j < to; j++) {
            out[j] = columnSum(bits, words, table, j);
        }
    }

    /** Σ r_i over the set bits of column j, from r's byte {@link #table} (a method per column: compiled early). */
    private static double columnSum(long[] bits, int words, double[] table, int j) {
        int base = j * words;
        double sum = 0;
        for (int w = 0; w < words; w++) {
            long word = bits[base + w];
            if (word == 0) {
                continue;
            }
            sum += wordSum(table, w, word);
        }
        return sum;
    }

    /** Σ r_i over the rows set in word w, from r's byte table (8 blocks of 256 entries per word). */
    static double wordSum(double[] table, int w, long word) {
        int t = w << 11;
        return table[t + (int) (word & 0xFF)]
                + table[t + 256 + (int) (word >>> 8 & 0xFF)]
                + table[t + 512 + (int) (word >>> 16 & 0xFF)]
                + table[t + 768 + (int) (word >>> 24 & 0xFF)]
                + table[t + 1024 + (int) (word >>> 32 & 0xFF)]
                + table[t + 1280 + (int) (word >>> 40 & 0xFF)]
                + table[t + 1536 + (int) (word >>> 48 & 0xFF)]
                + table[t + 1792 + (int) (word >>> 56 & 0xFF)];
    }

    /** A block of columns [from, to). */
    interface Range {
        void run(int from, int to);
    }

    /** Runs a column range in {@code threads} blocks, the last on the calling thread. */
    static void run(int columns, int threads, Range body) {
        run(columns, threads, 512, body);
    }

    /** As {@link #run(int, int, Range)}, with at least {@code perBlock} items in a block. */
    static void run(int columns, int threads, int perBlock, Range body) {
        run(columns, threads, perBlock, "the gradient", body);
    }

    /**
     * As above; {@code task} names the work in the message of a worker's failure ("the gradient"). The blocks
     * are claimed in turn by the calling thread and the pool's, so the calling thread does every block no
     * worker has started and waits only for blocks in progress: it used to hand blocks to the pool and wait for
     * them, idle while a worker waited for a core (the JIT compiler's, on a 2-core machine in a new JVM).
     */
    static void run(int columns, int threads, int perBlock, String task, Range body) {
        int blocks = Math.max(1, Math.min(threads, columns / perBlock));
        if (blocks == 1) {
            body.run(0, columns);
            return;
        }
        int size = (columns + blocks - 1) / blocks;
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(blocks);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable claim = () -> {
            for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                try {
                    body.run(b * size, Math.min(columns, (b + 1) * size));
                } finally {
                    done.countDown();
                }
            }
        };
        List<Future<?>> futures = new ArrayList<>();
        for (int b = 0; b < blocks - 1; b++) {
            futures.add(POOL.submit(() -> {
                try {
                    claim.run();
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        claim.run();
        for (Future<?> future : futures) {
            future.cancel(false); // a worker that has not started has nothing left to take
        }
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while computing " + task + ".", e);
        }
        if (failure.get() != null) {
            throw new IllegalStateException("A worker thread failed while computing " + task + ".", failure.get());
        }
    }
}
