package org.heaviside.solver;

import org.heaviside.arrangement.PatternMatrix;
import org.heaviside.run.Cancellation;

/**
 * The pattern Lasso restricted to a working set W of columns, solved by coordinate descent on the
 * Gram matrix G = H_Wᵀ H_W (exact integers: popcounts of AND-ed columns) with Anderson extrapolation.
 *
 * <p>State: Z_W (|W| rows of C outputs) and Q = H_WᵀR = B − G Z_W with B = H_WᵀY, so a coordinate
 * costs O(|W|) instead of O(n) and needs no pass over the samples. Objective
 * P = ½‖Y‖² − ½ Σ Z·(B + Q) + β Σ‖Z_k‖, duality gap of the subproblem at θ = R·min(1, β/max‖Q_k‖).
 * Anderson acceleration: every {@value #DEPTH} sweeps the iterates are extrapolated and the result
 * kept only if it lowers P (Bertrand and Massias, "Anderson acceleration of coordinate descent",
 * AISTATS 2021), so the objective never rises. After each extrapolation, steps on the support:
 * feature-sign Newton steps for one output ({@link #polish}), Newton steps of the group penalty for
 * several ({@link #groupNewton}); both kept only if they lower P.
 *
 * <p>Row weights (docs/method.md section 10): G = H_Wᵀ diag(w) H_W (doubles, {@link RowWeights}),
 * B = H_WᵀWY, Q = H_WᵀWR and ‖Y‖² weighted; the objective and gap formulas are then unchanged, because
 * D(θ) = θ·Y − ½Σθ²/w at θ = s·W R is s·(Y·WR) − ½s²·RᵀWR. Unweighted, the integer Gram is used as before.
 *
 * <p>One responsibility, kept in one class on purpose: the sweeps, the extrapolation and the Newton
 * polish all update the same Z_W and Q in place, and their kernels share those primitive arrays;
 * splitting them would pass the state between classes on the solver's hot path.
 */
final class GramSubproblem {

    /** Iterates combined by one extrapolation. */
    static final int DEPTH = 5;
    /** Supports larger than this are not polished by a Newton step (its cost grows as |S|³). */
    static final int POLISH_LIMIT = 2000;
    /** Newton steps per call with several outputs (each O(|S|³)). */
    static final int NEWTON_STEPS = 5;
    /** The several-output Newton steps stop once half the decrement is this share of the target gap. */
    static final double NEWTON_TOLERANCE = 0.1;
    /** Armijo's sufficient decrease and the backtracking steps of a several-output Newton step. */
    private static final double ARMIJO = 1e-4;
    private static final int HALVINGS = 30;
    /** Rounds of freezing rows whose Newton step would reverse them (their curvature then majorizes). */
    static final int FREEZES = 4;

    private final int size;
    private final int outputs;
    private final int[] gram;
    /**
     * An integer Gram array of an earlier subproblem that nothing reads any more (not {@link #gram}, nor the
     * previous subproblem's, which this one's entries were copied from), or null: the next subproblem's entries
     * go there when it is long enough (each of its first |W|² entries is written). About 9 MB of new arrays per
     * wine training otherwise.
     */
    private final int[] spareGram;
    /** The weighted Gram matrix, or null for the unweighted program (then {@link #gram} is used). */
    private final double[] weightedGram;
    /**
     * Whether G_kl and G_lk are the same bits (the Gram entries counted or summed here are: AND-ed columns
     * in the same order; a ready Gram matrix from a caller is not assumed to be).
     */
    private final boolean symmetric;
    private final double[] b;
    private final double[] z;
    private final double[] q;
    private final double yy;
    private final double penalty;
    private final double[][] history;
    private int stored;
    /** The gap {@link #solve} is asked for (the several-output Newton steps stop well below it). */
    private double target;
    /**
     * The polish's work space for the support's factor (columns at least |S| long), handed on from
     * the previous subproblem of the same solve (one polish after another, never at once).
     */
    private double[][] factorColumns;
    /**
     * The several-output Newton steps' square work spaces (at least |S| × |S|; entries outside a step's
     * square are never read): G_SS by rows, M's factor by columns and the capacitance matrix by columns.
     * Handed on from the previous subproblem like {@link #factorColumns} (through a session, to the next
     * solve too; one subproblem at a time): a fresh m × m array per step for each was most of a training's
     * allocation (about 0.4 GB for the wine shape). Likewise M⁻¹ and the rows of its factor's inverse (a
     * lower triangle; another 80 MB per wine training): a step's M⁻¹ is read until the next fresh step only
     * (the step on the kept rows gets its own, {@link #withoutRows}).
     */
    private double[][] supportSquare;
    private double[][] factorSquare;
    private double[][] capacitySquare;
    private double[][] inverseFactorSquare;
    private double[][] inverseSquare;
    /**
     * The step on the kept rows' work spaces, handed on like the squares above: G_SS without the reversed rows
     * (it becomes {@link #supportSquare} when that step wins, the two then trade places), and the lower triangle
     * and the result of {@link #withoutRows} (together about 45 MB per wine training as new arrays).
     */
    private double[][] keptSquare;
    private double[][] eliminationSquare;
    private double[][] keptInverseSquare;
    /** The C columns of {@link SupportAlgebra#symmetricProduct}'s sums (at least |S| long), handed on likewise. */
    private double[][] productColumns;
    /** The Anderson step's differences of iterates (at least |W|·C long), handed on likewise. */
    private double[][] differences;

    /**
     * @param h        the patterns
     * @param columns  the working set (column indices of H)
     * @param hy       HᵀY as C arrays over all columns
     * @param z0       the current full Z (P rows of C), read for the working set
     * @param yy       ‖Y‖²
     * @param previous the previous subproblem, whose Gram entries are reused where columns repeat
     * @param threads  threads for the Gram entries
     */
    GramSubproblem(PatternMatrix h, int[] columns, double[][] hy, double[] z0, double yy, double penalty,
                   GramSubproblem previous, int[] previousColumns, int threads) {
        this(h, columns, hy, z0, yy, penalty, previous, previousColumns, threads, null);
    }

    /**
     * A weighted subproblem ({@code rowWeights} null for the unweighted one): {@code hy} is then
     * HᵀWY and {@code yy} is YᵀWY.
     */
    GramSubproblem(PatternMatrix h, int[] columns, double[][] hy, double[] z0, double yy, double penalty,
                   GramSubproblem previous, int[] previousColumns, int threads, RowWeights rowWeights) {
        this.size = columns.length;
        this.outputs = hy.length;
        this.yy = yy;
        this.penalty = penalty;
        this.symmetric = true;
        if (rowWeights == null) {
            int[] recycled = previous == null ? null : previous.spareGram;
            this.gram = gram(h, columns, previous, previousColumns, threads, recycled);
            // the previous Gram is read no more once this one is built, unless this one is that array
            this.spareGram = previous == null || previous.gram == null || previous.gram == gram ? recycled
                    : previous.gram;
            this.weightedGram = null;
        } else {
            this.gram = null;
            this.spareGram = null;
            this.weightedGram = weightedGram(h, columns, previous, previousColumns, threads, rowWeights);
        }
        this.b = new double[size * outputs];
        this.z = new double[size * outputs];
        for (int k = 0; k < size; k++) {
            for (int c = 0; c < outputs; c++) {
                b[k * outputs + c] = hy[c][columns[k]];
                z[k * outputs + c] = z0[columns[k] * outputs + c];
            }
        }
        this.q = new double[size * outputs];
        refreshCorrelations();
        // the iterates' arrays too: entries past |W|·C are never read
        this.history = previous == null ? new double[DEPTH + 1][] : previous.history;
        this.factorColumns = previous == null ? null : previous.factorColumns;
        if (previous != null) {
            this.supportSquare = previous.supportSquare;
            this.factorSquare = previous.factorSquare;
            this.capacitySquare = previous.capacitySquare;
            this.inverseFactorSquare = previous.inverseFactorSquare;
            this.inverseSquare = previous.inverseSquare;
            this.keptSquare = previous.keptSquare;
            this.eliminationSquare = previous.eliminationSquare;
            this.keptInverseSquare = previous.keptInverseSquare;
            this.productColumns = previous.productColumns;
            this.differences = previous.differences;
        }
    }

    /**
     * A weighted subproblem on a ready Gram matrix (the quadratic model of a proximal Newton step,
     * {@link ProximalNewton}): G = H_Wᵀ W H_W (|W|² entries, row-major), B = H_WᵀWY (|W| rows of C),
     * the start Z_W (|W| rows of C, copied) and YᵀWY.
     */
    GramSubproblem(double[] weightedGram, double[] b, double[] z0, int outputs, double yy, double penalty) {
        this.size = z0.length / outputs;
        this.outputs = outputs;
        this.yy = yy;
        this.penalty = penalty;
        this.gram = null;
        this.spareGram = null;
        this.weightedGram = weightedGram;
        this.symmetric = false;
        this.b = b;
        this.z = z0.clone();
        this.q = new double[size * outputs];
        refreshCorrelations();
        this.history = new double[DEPTH + 1][];
    }

    private static int[] gram(PatternMatrix h, int[] columns, GramSubproblem previous, int[] previousColumns,
                              int threads, int[] spare) {
        if (previous != null && java.util.Arrays.equals(columns, previousColumns)) {
            return previous.gram; // the same working set: the entries are read only
        }
        int size = columns.length;
        // (rows of |W| entries: entries past |W|² of a longer spare array are not read)
        int[] gram = spare != null && spare.length >= size * size ? spare : new int[size * size];
        int[] old = previousPositions(columns, previous, previousColumns);
        int[] fresh = freshColumns(old);
        int[] reused = reusedColumns(old);
        long[] bits = h.bits();
        int words = h.words();
        // entries between two columns of the previous working set: copied along the rows (both sets are in
        // the same column order, so each row reads the previous row forwards)
        if (fresh.length < size) {
            int[] before = previous.gram;
            int width = previous.size;
            // the reused columns in runs that are consecutive in both sets: each row copies its runs whole
            int[] runs = runs(reused, old);
            BitKernels.run(reused.length, threads, Math.max(1, (1 << 18) / Math.max(1, reused.length)),
                    new ReusedRows(reused, before, width, old, runs, gram, size));
        }
        // entries of a new column: row f against every reused column and the new columns up to f, mirrored;
        // rows f and fresh.length-1-f together, so that blocks of pairs hold equal work
        int pairs = (fresh.length + 1) / 2;
        BitKernels.run(pairs, threads, Math.max(1, (1 << 20) / Math.max(1, size * words)),
                new FreshRows(fresh, columns, reused, bits, words, gram));
        return gram;
    }

    // The two blocks of Gram rows as records rather than lambdas: a lambda's first use links it (about a
    // millisecond each inside a fresh JVM's first solve, where these run on the calling thread).

    /** The reused rows t in [from, to) of {@link #gram}: each row's runs copied from the previous Gram. */
    private record ReusedRows(int[] reused, int[] before, int width, int[] old, int[] runs, int[] gram, int size)
            implements BitKernels.Range {
        @Override
        public void run(int from, int to) {
            for (int t = from; t < to; t++) {
                int a = reused[t];
                copyRuns(before, old[a] * width, old, runs, gram, a * size);
            }
        }
    }

    /** The pairs p in [from, to) of new rows of {@link #gram}: rows p and fresh.length − 1 − p. */
    private record FreshRows(int[] fresh, int[] columns, int[] reused, long[] bits, int words, int[] gram)
            implements BitKernels.Range {
        @Override
        public void run(int from, int to) {
            for (int p = from; p < to; p++) {
                freshRow(fresh[p], columns, reused, bits, words, gram);
                if (fresh.length - 1 - p != p) {
                    freshRow(fresh[fresh.length - 1 - p], columns, reused, bits, words, gram);
                }
            }
        }
    }

    /**
     * The runs of one reused row: from the previous Gram row starting at {@code oldRow} into the row starting at
     * {@code row} (a method per row: the JIT compiles it during a fresh JVM's first reuses, where the copies
     * inline in the row block ran interpreted, a native call per run).
     */
    private static void copyRuns(int[] before, int oldRow, int[] old, int[] runs, int[] gram, int row) {
        for (int k = 0; k < runs.length; k += 2) {
            int c = runs[k];
            System.arraycopy(before, oldRow + old[c], gram, row + c, runs[k + 1]);
        }
    }

    /**
     * Gram row a of a column new to the working set, for the columns c &lt;= a and the reused columns (the
     * ascending positions {@code reused}) after a, written at (a, c) and (c, a) (popcounts of AND-ed columns:
     * exact integers in any order).
     */
    private static void freshRow(int a, int[] columns, int[] reused, long[] bits, int words, int[] gram) {
        int baseA = columns[a] * words;
        for (int c = 0; c <= a; c++) {
            countPair(a, c, columns, bits, baseA, words, gram);
        }
        // the first reused position after a (a is new, so not among them)
        for (int t = -java.util.Arrays.binarySearch(reused, a) - 1; t < reused.length; t++) {
            countPair(a, reused[t], columns, bits, baseA, words, gram);
        }
    }

    /**
     * G_ac = G_ca for the working-set positions a (its column's first word at baseA) and c: the rows the two
     * columns have in common, popcounts of the AND-ed words (the count's loop in this method, not in one of its
     * own: C2 compiled that one, then this one with it inlined, inside a fresh JVM's first solve).
     */
    private static void countPair(int a, int c, int[] columns, long[] bits, int baseA, int words, int[] gram) {
        int size = columns.length;
        int baseC = columns[c] * words;
        int count = 0;
        for (int w = 0; w < words; w++) {
            count += Long.bitCount(bits[baseA + w] & bits[baseC + w]);
        }
        gram[a * size + c] = count;
        gram[c * size + a] = count;
    }

    /** The positions k of the working set whose column was not in the previous one. */
    private static int[] freshColumns(int[] old) {
        int count = 0;
        for (int k : old) {
            count += k < 0 ? 1 : 0;
        }
        int[] fresh = new int[count];
        int at = 0;
        for (int k = 0; k < old.length; k++) {
            if (old[k] < 0) {
                fresh[at++] = k;
            }
        }
        return fresh;
    }

    /**
     * The reused positions as runs (start position, length) over which both the position and the previous
     * position grow by one: a run of the previous Gram row is a run of the new one.
     */
    static int[] runs(int[] reused, int[] old) {
        int[] runs = new int[2 * reused.length];
        int count = 0;
        for (int t = 0; t < reused.length; ) {
            int start = t;
            while (t + 1 < reused.length && reused[t + 1] == reused[t] + 1
                    && old[reused[t + 1]] == old[reused[t]] + 1) {
                t++;
            }
            t++;
            runs[count++] = reused[start];
            runs[count++] = t - start;
        }
        return java.util.Arrays.copyOf(runs, count);
    }

    /** The positions k of the working set whose column was in the previous one. */
    private static int[] reusedColumns(int[] old) {
        int[] reused = new int[old.length];
        int at = 0;
        for (int k = 0; k < old.length; k++) {
            if (old[k] >= 0) {
                reused[at++] = k;
            }
        }
        return java.util.Arrays.copyOf(reused, at);
    }

    /** The weighted Gram entries, reusing the previous subproblem's where columns repeat. */
    private static double[] weightedGram(PatternMatrix h, int[] columns, GramSubproblem previous,
                                         int[] previousColumns, int threads, RowWeights rowWeights) {
        int size = columns.length;
        if (previous != null && java.util.Arrays.equals(columns, previousColumns)) {
            return previous.weightedGram; // the same working set: the entries are read only
        }
        double[] gram = new double[size * size];
        int[] old = previousPositions(columns, previous, previousColumns);
        long[] bits = h.bits();
        BitKernels.run(size, threads, (from, to) -> {
            for (int a = from; a < to; a++) {
                int row = a * size;
                if (old[a] < 0) {
                    for (int c = 0; c < size; c++) {
                        gram[row + c] = rowWeights.gram(bits, columns[a], columns[c]);
                    }
                    continue;
                }
                int oldRow = old[a] * previous.size;
                for (int c = 0; c < size; c++) {
                    gram[row + c] = old[c] >= 0 ? previous.weightedGram[oldRow + old[c]]
                            : rowWeights.gram(bits, columns[a], columns[c]);
                }
            }
        });
        return gram;
    }

    /**
     * For each working column, its position in the previous working set (or -1): a merge of the two
     * sorted sets (the working sets are sorted), else by a map.
     */
    private static int[] previousPositions(int[] columns, GramSubproblem previous, int[] previousColumns) {
        int[] old = new int[columns.length];
        java.util.Arrays.fill(old, -1);
        if (previous == null) {
            return old;
        }
        if (sorted(columns) && sorted(previousColumns)) {
            int j = 0;
            for (int k = 0; k < columns.length; k++) {
                while (j < previousColumns.length && previousColumns[j] < columns[k]) {
                    j++;
                }
                if (j < previousColumns.length && previousColumns[j] == columns[k]) {
                    old[k] = j;
                }
            }
            return old;
        }
        java.util.Map<Integer, Integer> position = new java.util.HashMap<>();
        for (int k = 0; k < previousColumns.length; k++) {
            position.put(previousColumns[k], k);
        }
        for (int k = 0; k < columns.length; k++) {
            old[k] = position.getOrDefault(columns[k], -1);
        }
        return old;
    }

    private static boolean sorted(int[] values) {
        for (int k = 1; k < values.length; k++) {
            if (values[k] <= values[k - 1]) {
                return false;
            }
        }
        return true;
    }

    /** G_kl for working-set positions k and l (for tests). */
    double entry(int k, int l) {
        return entry(k * size + l);
    }

    /** G_kl as a double (weighted or the integer count). */
    private double entry(int index) {
        return weightedGram == null ? gram[index] : weightedGram[index];
    }

    /** Q = B − G Z. */
    private void refreshCorrelations() {
        System.arraycopy(correlations(z), 0, q, 0, q.length);
    }

    /** B − G W for weights W of the working set. */
    private double[] correlations(double[] weights) {
        double[] out = b.clone();
        if (outputs > 1) {
            subtractProducts(weights, null, out);
            return out;
        }
        for (int k = 0; k < size; k++) {
            double value = weights[k];
            if (value != 0) {
                subtractScaledRow(k, value, out);
            }
        }
        return out;
    }

    /**
     * One output: out_l −= δ·G_kl for every working column l (the loop of the sweep, the correlations and
     * the candidates' correlations, in one small method the JIT compiles early and once).
     */
    private void subtractScaledRow(int k, double delta, double[] out) {
        if (weightedGram != null) {
            subtractScaled(out, weightedGram, k * size, delta, size);
        } else {
            subtractScaled(out, gram, k * size, delta, size);
        }
    }

    /**
     * The one-output update of an integer Gram row, eight entries a pass (each entry's one subtraction as in the
     * plain loop). Unrolled for a fresh JVM: with rows of a few hundred entries the plain loop reached C2's
     * loop-count threshold before its call-count one, so C2 compiled it twice (at the loop, on-stack replacement,
     * then whole), with the solve's other kernels waiting behind; eight entries a pass also cut the loop steps the
     * interpreter and C1's profiling tier run. C2's code for it is as fast either way (measured alone, 150
     * entries); the dense kernels of SupportAlgebra stay plain loops, which C2 vectorizes only written that way.
     */
    private static void subtractScaled(double[] out, int[] gram, int row, double delta, int size) {
        int l = 0;
        for (; l + 7 < size; l += 8) {
            int at = row + l;
            out[l] -= delta * gram[at];
            out[l + 1] -= delta * gram[at + 1];
            out[l + 2] -= delta * gram[at + 2];
            out[l + 3] -= delta * gram[at + 3];
            out[l + 4] -= delta * gram[at + 4];
            out[l + 5] -= delta * gram[at + 5];
            out[l + 6] -= delta * gram[at + 6];
            out[l + 7] -= delta * gram[at + 7];
        }
        for (; l < size; l++) {
            out[l] -= delta * gram[row + l];
        }
    }

    private static void subtractScaled(double[] out, double[] gram, int row, double delta, int size) {
        for (int l = 0; l < size; l++) {
            out[l] -= delta * gram[row + l];
        }
    }

    /**
     * One pass of block coordinate descent over the working set, one {@link #coordinate} call per row
     * (a method of its own: called for every row of every sweep, the JIT compiles it within the first
     * sweeps, where the loop inline here ran interpreted for most of a fresh JVM's first solve).
     */
    private void sweep() {
        if (outputs == 1) {
            for (int k = 0; k < size; k++) {
                coordinate(k);
            }
            return;
        }
        double[] g = new double[outputs];
        double[] deltas = new double[outputs];
        for (int k = 0; k < size; k++) {
            coordinate(k, g, deltas);
        }
    }

    /**
     * One output: the update of row k as {@link #coordinate(int, double[], double[])} makes it (the same
     * operations: the norm is √(0 + g²) there), without the scratch arrays and the several-output row update (a
     * fresh JVM's first solve then runs and compiles only the one-output code: the general path's row update is
     * 342 bytes of bytecode for C1 to compile before any sweep runs compiled).
     */
    private void coordinate(int k) {
        double count = entry(k * size + k);
        if (count == 0) {
            return;
        }
        double g = q[k] + count * z[k];
        double norm = Math.sqrt(g * g);
        double shrink = norm > penalty ? (1 - penalty / norm) / count : 0.0;
        double next = g * shrink;
        double delta = next - z[k];
        if (delta != 0) {
            if (!Double.isFinite(next)) {
                throw nonFinite();
            }
            z[k] = next;
            subtractScaledRow(k, delta, q);
        }
    }

    private static IllegalStateException nonFinite() {
        return new IllegalStateException("A coordinate update produced a non-finite weight; "
                + "check the data for extreme values.");
    }

    /** The block soft-thresholding update of row k ({@code g} and {@code deltas}: scratch of C entries). */
    private void coordinate(int k, double[] g, double[] deltas) {
        double count = entry(k * size + k);
        if (count == 0) {
            return;
        }
        double norm = 0;
        for (int c = 0; c < outputs; c++) {
            g[c] = q[k * outputs + c] + count * z[k * outputs + c];
            norm += g[c] * g[c];
        }
        norm = Math.sqrt(norm);
        double shrink = norm > penalty ? (1 - penalty / norm) / count : 0.0;
        boolean moved = false;
        for (int c = 0; c < outputs; c++) {
            double next = g[c] * shrink;
            double delta = next - z[k * outputs + c];
            deltas[c] = delta;
            if (delta != 0) {
                if (!Double.isFinite(next)) {
                    throw nonFinite();
                }
                z[k * outputs + c] = next;
                moved = true;
            }
        }
        if (moved) {
            subtractRow(k, deltas);
        }
    }

    /**
     * Q_l −= δ_c·G_kl for every working column l and output c with δ_c ≠ 0: one pass over row k of
     * the Gram matrix for all outputs (each entry of Q gets the same single subtraction as output by
     * output, so the bits do not depend on the order).
     */
    private void subtractRow(int k, double[] deltas) {
        subtractRow(k, deltas, q);
    }

    /** The same subtraction from {@code q} given as an argument. */
    private void subtractRow(int k, double[] deltas, double[] q) {
        int row = k * size;
        if (outputs == 1) {
            subtractScaledRow(k, deltas[0], q);
            return;
        }
        if (outputs == 3 && deltas[0] != 0 && deltas[1] != 0 && deltas[2] != 0) {
            // the common case of three outputs that all moved: no test per entry, the same subtractions
            double delta0 = deltas[0];
            double delta1 = deltas[1];
            double delta2 = deltas[2];
            if (weightedGram != null) {
                for (int l = 0, base = 0; l < size; l++, base += 3) {
                    double entry = weightedGram[row + l];
                    q[base] -= delta0 * entry;
                    q[base + 1] -= delta1 * entry;
                    q[base + 2] -= delta2 * entry;
                }
            } else {
                for (int l = 0, base = 0; l < size; l++, base += 3) {
                    double entry = gram[row + l];
                    q[base] -= delta0 * entry;
                    q[base + 1] -= delta1 * entry;
                    q[base + 2] -= delta2 * entry;
                }
            }
            return;
        }
        for (int l = 0; l < size; l++) {
            double entry = weightedGram != null ? weightedGram[row + l] : gram[row + l];
            int base = l * outputs;
            for (int c = 0; c < outputs; c++) {
                if (deltas[c] != 0) {
                    q[base + c] -= deltas[c] * entry;
                }
            }
        }
    }

    /** P = ½‖Y‖² − ½ Σ Z·(B + Q) + β Σ_k ‖Z_k‖. */
    double objective() {
        return objective(z, q);
    }

    /** P at the given weights and their correlations B − G W. */
    private double objective(double[] weights, double[] correlations) {
        double[] sums = sums(weights, correlations);
        return 0.5 * yy - 0.5 * sums[0] + penalty * sums[1];
    }

    /** Duality gap of the subproblem at θ = R·min(1, β / max_k ‖Q_k‖). */
    double gap() {
        return objectiveAndGap()[1];
    }

    /**
     * {@link #objective()} and {@link #gap()} from one pass over the working set (each sum in the order of
     * its own loop: the same bits; a sweep needs both, and their four passes ran interpreted through much of
     * a fresh JVM's first solve).
     */
    private double[] objectiveAndGap() {
        double[] sums = sums(z, q);
        double primal = 0.5 * yy - 0.5 * sums[0] + penalty * sums[1];
        double max = sums[2];
        double scale = max > penalty ? penalty / max : 1.0;
        // ||R||^2 = 2 (P - beta |Z|) ; y.R = yy - Z.B
        double rr = Math.max(0, 2 * (primal - penalty * sums[1]));
        double yr = yy - sums[3];
        double dual = scale * yr - 0.5 * scale * scale * rr;
        return new double[] {primal, primal - dual};
    }

    /**
     * For weights W and correlations Q = B − G W: Σ W·(B + Q), Σ_k ‖W_k‖, max_k ‖Q_k‖ and W·B, each summed over
     * the rows in ascending order (a row per {@link #addTerms} call: compiled early in a fresh JVM).
     */
    private double[] sums(double[] weights, double[] correlations) {
        double[] sums = new double[4];
        for (int k = 0; k < size; k++) {
            addTerms(k, weights, correlations, sums);
        }
        return sums;
    }

    /** Row k's terms of {@link #sums}. */
    private void addTerms(int k, double[] weights, double[] correlations, double[] sums) {
        double row = 0;
        double rowQ = 0;
        for (int c = 0; c < outputs; c++) {
            int at = k * outputs + c;
            sums[0] += weights[at] * (b[at] + correlations[at]);
            row += weights[at] * weights[at];
            rowQ += correlations[at] * correlations[at];
            sums[3] += weights[at] * b[at];
        }
        sums[1] += Math.sqrt(row);
        sums[2] = Math.max(sums[2], Math.sqrt(rowQ));
    }

    /**
     * Sweeps until the subproblem's gap is at most {@code target}, the sweep budget ends or the run
     * is cancelled. Returns the sweeps done.
     */
    int solve(double target, int budget, ConvergenceListener listener, int sweepsBefore, Cancellation cancellation) {
        int sweeps = 0;
        this.target = target;
        stored = 0;
        remember();
        while (sweeps < budget) {
            if (cancellation.isCancelled()) {
                break;
            }
            sweep();
            sweeps++;
            remember();
            if (stored == DEPTH + 1) {
                extrapolate();
                if (outputs == 1) {
                    polish();
                } else if (gap() > target) {
                    // (a subproblem already solved to its target ends below without an O(|S|³) step)
                    groupNewton();
                }
                stored = 0;
                remember();
            }
            double[] measured = objectiveAndGap();
            listener.sweep(sweepsBefore + sweeps, measured[0], Double.NaN);
            if (measured[1] <= target) {
                break;
            }
        }
        return sweeps;
    }

    /**
     * Stores the current Z as the next iterate of the history (in the history's own arrays, reused, and handed
     * on from the previous subproblem: only their first |W|·C entries are read).
     */
    private void remember() {
        if (history[stored] == null || history[stored].length < z.length) {
            history[stored] = new double[z.length];
        }
        System.arraycopy(z, 0, history[stored], 0, z.length);
        stored++;
    }

    /** Anderson step on the stored iterates; kept only if it lowers the objective. */
    private void extrapolate() {
        int m = DEPTH;
        int length = z.length;
        // the loops over the iterates' entries are small methods (SupportAlgebra): inline here, each was
        // compiled on its own (on-stack replacement) and deoptimized at a check C2 had hoisted out of it
        if (differences == null) {
            differences = new double[m][];
        }
        double[][] u = differences;
        for (int i = 0; i < m; i++) {
            if (u[i] == null || u[i].length < length) {
                u[i] = new double[length];
            }
            SupportAlgebra.difference(history[i + 1], history[i], length, u[i]);
        }
        double[][] a = new double[m][m];
        double trace = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double dot = SupportAlgebra.dot(u[i], u[j], length);
                a[i][j] = dot;
                a[j][i] = dot;
            }
            trace += a[i][i];
        }
        if (!(trace > 0)) {
            return;
        }
        for (int i = 0; i < m; i++) {
            a[i][i] += 1e-10 * trace;
        }
        double[] coefficients = solveSymmetric(a);
        if (coefficients == null) {
            return;
        }
        double sum = 0;
        for (double v : coefficients) {
            sum += v;
        }
        if (!(Math.abs(sum) > 1e-300)) {
            return;
        }
        double[] candidate = new double[length];
        for (int i = 0; i < m; i++) {
            SupportAlgebra.add(candidate, coefficients[i] / sum, history[i + 1], length);
        }
        if (!SupportAlgebra.finite(candidate)) {
            return;
        }
        double[] correlations = correlations(candidate);
        if (objective(candidate, correlations) < objective()) {
            System.arraycopy(candidate, 0, z, 0, length);
            System.arraycopy(correlations, 0, q, 0, length);
        }
    }

    /**
     * Newton steps on the current support with its signs fixed (one output): x solves
     * G_SS x = B_S − β·sign(Z_S), the minimiser of the objective on that orthant face. Moves from Z
     * towards x, stopping where the first weight reaches zero (feature-sign search, Lee et al.,
     * NIPS 2006); that weight leaves the support, its row and column leave the Cholesky factor
     * (a rank-one update of the trailing block, O(|S|²) instead of a new factorization), and the
     * step is repeated on the smaller face until one lands on its minimiser or stops lowering the
     * objective. The point is kept only if it lowers the exact objective. Once the support is right,
     * one step lands on the optimum, where coordinate descent alone converges slowly on correlated
     * patterns; when the support is too large (more weights than the patterns' rank) each blocked
     * step removes one, which sweeps alone do slowly.
     */
    private void polish() {
        int[] support = new int[size];
        int m = 0;
        for (int k = 0; k < size; k++) {
            if (z[k] != 0) {
                support[m++] = k;
            }
        }
        if (m == 0 || m > POLISH_LIMIT) {
            return;
        }
        double[] rhs = new double[m];
        double[] face = new double[m];
        for (int i = 0; i < m; i++) {
            rhs[i] = b[support[i]] - penalty * Math.signum(z[support[i]]);
            face[i] = z[support[i]];
        }
        ColumnCholesky a = ColumnCholesky.factor(supportGram(support, m), m);
        if (a == null) {
            return;
        }
        boolean moved = false;
        // the loops over the face are small methods (blocking, stepTo, refine's gather and lessDot): inline here
        // they ran interpreted through most of a fresh JVM's first solve, this method being compiled only late
        // (on-stack replacement inside its loop) after a few polishes of up to a hundred blocked steps each. The
        // steps' solutions and candidates reuse two arrays (they were a third of a solve's allocation).
        double[] solution = new double[m];
        double[] candidate = new double[m];
        while (m > 0) {
            double[] x = a.solve(rhs, solution);
            int blocking = blocking(face, x, m);
            double step = blocking < 0 ? 1.0 : face[blocking] / (face[blocking] - x[blocking]);
            if (blocking < 0) {
                x = refine(a, support, rhs, x, m);
            }
            boolean valid = stepTo(face, x, step, blocking, m, candidate);
            // on the face the objective is a quadratic minimised at x, so the step lowers it (up to
            // the ridge and round-off, which the exact comparison at the end judges)
            if (!valid || step <= 0) {
                break;
            }
            double[] previousFace = face;
            face = candidate;
            candidate = previousFace;
            moved = true;
            if (blocking < 0) {
                break;
            }
            // the blocking weight is zero now: drop it from the face and from the factor
            a.remove(blocking);
            System.arraycopy(support, blocking + 1, support, blocking, m - blocking - 1);
            System.arraycopy(rhs, blocking + 1, rhs, blocking, m - blocking - 1);
            System.arraycopy(face, blocking + 1, face, blocking, m - blocking - 1);
            m--;
        }
        if (moved) {
            double[] weights = new double[size];
            for (int i = 0; i < m; i++) {
                weights[support[i]] = face[i];
            }
            keepIfLower(weights);
        }
    }

    /**
     * The ratio test of a step from {@code face} to {@code x} (first m entries): the entry whose sign changes
     * first along the step, at t = face_i / (face_i − x_i) &lt; 1 (the first such i on ties), or −1 when none
     * does before x.
     */
    static int blocking(double[] face, double[] x, int m) {
        double step = 1.0;
        int blocking = -1;
        for (int i = 0; i < m; i++) {
            double current = face[i];
            double next = x[i];
            // sameSign(next, current) written out: a call per entry while the loop ran interpreted or in C1's
            // profiling tier (sameSign is too long for C1 to inline)
            if (!(current > 0 ? next > 0 : current < 0 ? next < 0 : current == 0 && next == 0)) {
                double t = current / (current - x[i]);
                if (t < step) {
                    step = t;
                    blocking = i;
                }
            }
        }
        return blocking;
    }

    /**
     * Whether Math.signum(a) == Math.signum(b): both positive, both negative or both zero (of either sign),
     * neither NaN. Comparisons only: a fresh JVM runs the blocked steps' loops interpreted for a while,
     * where each signum was a call.
     */
    static boolean sameSign(double a, double b) {
        return a > 0 ? b > 0 : a < 0 ? b < 0 : a == 0 && b == 0;
    }

    /**
     * candidate = face + step·(x − face) on the first m entries, the blocking entry (−1 for none) set to
     * zero; whether every entry is finite and kept its sign or became zero.
     */
    static boolean stepTo(double[] face, double[] x, double step, int blocking, int m, double[] candidate) {
        boolean valid = true;
        for (int i = 0; i < m; i++) {
            double current = face[i];
            double v = i == blocking ? 0.0 : current + step * (x[i] - current);
            // finite (v − v is 0 exactly then, NaN for infinities and NaN) and zero or of current's sign: the tests
            // of Double.isFinite and sameSign written out (calls per entry in a fresh JVM's first polishes)
            valid &= v - v == 0 && (v == 0 || (v > 0 ? current > 0 : current < 0));
            candidate[i] = v;
        }
        return valid;
    }

    /**
     * Iterative refinement of the landing point: x solves the ridged system, whose ridge leaves
     * G_SS x − rhs = −εx (a correlation off β by ε|x|, a floor under the duality gap); corrections
     * against the exact G_SS remove it. Returns x when a correction would change a sign.
     */
    private double[] refine(ColumnCholesky a, int[] support, double[] rhs, double[] x, int m) {
        double[] refined = java.util.Arrays.copyOf(x, m);
        double[] gathered = new double[m];
        for (int round = 0; round < 2; round++) {
            double[] residual = new double[m];
            for (int i = 0; i < m; i++) {
                gather(support[i] * size, support, 0, m, gathered);
                residual[i] = lessDot(rhs[i], gathered, refined, m);
            }
            double[] correction = a.solve(residual);
            SupportAlgebra.add(refined, 1.0, correction, m); // refined += correction (1.0·c is c exactly)
        }
        for (int i = 0; i < m; i++) {
            if (!Double.isFinite(refined[i]) || !sameSign(refined[i], x[i])) {
                return x;
            }
        }
        return refined;
    }

    /**
     * Several outputs: Newton steps on the support (the rows with Z_k ≠ 0, where the objective is
     * smooth). The Hessian of the group penalty's term is (β/‖X_k‖)(I − u_k u_kᵀ) with u_k = X_k/‖X_k‖,
     * so the Newton system is (G_SS ⊗ I + blockdiag) d = −∇. With M = G_SS + diag(λ), λ_k = β/‖X_k‖,
     * that matrix is M ⊗ I minus the rank-|S| term Σ_k λ_k (e_k e_kᵀ) ⊗ (u_k u_kᵀ), so it is solved by
     * the Sherman-Morrison-Woodbury identity with one factorization of M (|S| × |S|) and one of the
     * capacitance matrix S_kl = δ_kl − √(λ_kλ_l)(M⁻¹)_kl u_k·u_l (positive definite exactly when the
     * Hessian is), O(|S|³) whatever the number of outputs. Each step backtracks (Armijo) on the exact
     * objective along d; the steps stop once the Newton decrement is far below the target gap. A row
     * whose Newton step would reverse it (X_k·(X_k + d_k) ≤ 0) is heading for zero: it gets the
     * majorizing curvature β/‖X_k‖ in all directions for that step (so it cannot overshoot), and the
     * step with such rows set to zero and a Newton step on the others is tried next to it (the group
     * analogue of a feature-sign step, Lee et al., NIPS 2006): the lower one is taken. Plain
     * majorize-minimize steps (the previous method) move such rows towards zero by a constant factor
     * per step and left the gap stalling for hundreds of sweeps. Kept only if the exact objective is
     * lower.
     */
    private void groupNewton() {
        int[] support = new int[size];
        int m = 0;
        for (int k = 0; k < size; k++) {
            if (rowNorm(z, k) != 0) {
                support[m++] = k;
            }
        }
        if (m == 0 || m > POLISH_LIMIT) {
            return;
        }
        double[] face = new double[m * outputs];
        for (int i = 0; i < m; i++) {
            System.arraycopy(z, support[i] * outputs, face, i * outputs, outputs);
        }
        support = java.util.Arrays.copyOf(support, m);
        // G_SS is gathered once per support (the steps change the rows' values, not the rows), and G_SS X
        // of a face once for its objective and its step (null: not yet computed for this face)
        double[][] gss = supportRows(support, m);
        double[] gx = product(gss, m, face);
        double value = faceObjective(support, face, gx);
        boolean moved = false;
        for (int step = 0; step < NEWTON_STEPS && support.length > 0; step++) {
            NewtonStep next = newtonStep(support, gss, face, gx, value, null);
            if (next == null) {
                break;
            }
            if (next.reversed() != null) {
                // rows whose Newton step passes the origin: try them at zero and a Newton step on the
                // others (the group analogue of a feature-sign step); keep whichever ends lower
                int[] rows = next.kept(support);
                double[] kept = next.keptRows(face, outputs);
                keptSquare = square(keptSquare, m);
                double[][] keptGss = next.keptSquare(gss, keptSquare);
                double[] keptGx = product(keptGss, rows.length, kept);
                // the kept rows' λ are unchanged, so their M is a principal submatrix of this step's
                eliminationSquare = square(eliminationSquare, m);
                keptInverseSquare = square(keptInverseSquare, m);
                NewtonStep dropped = newtonStep(rows, keptGss, kept, keptGx, faceObjective(rows, kept, keptGx),
                        withoutRows(next.inverse(), next.reversed(), eliminationSquare, keptInverseSquare));
                if (dropped != null && dropped.value() < next.value() && dropped.value() < value) {
                    support = rows;
                    // G_SS is now the kept square: the work spaces trade places (gss is always supportSquare here)
                    keptSquare = supportSquare;
                    supportSquare = keptGss;
                    gss = keptGss;
                    face = dropped.face();
                    gx = null;
                    value = dropped.value();
                    moved = true;
                    continue;
                }
            }
            face = next.face();
            gx = null;
            value = next.value();
            moved = true;
            if (next.full() && 0.5 * next.decrement() <= NEWTON_TOLERANCE * Math.max(target, 1e-300)) {
                break;
            }
        }
        if (moved) {
            double[] candidate = new double[size * outputs];
            for (int i = 0; i < support.length; i++) {
                System.arraycopy(face, i * outputs, candidate, support[i] * outputs, outputs);
            }
            keepIfLower(candidate);
        }
    }

    /**
     * One damped Newton step on the given rows: the new rows, their objective, the decrement, whether
     * the full step was taken, and the rows the step would reverse (null when none).
     */
    private record NewtonStep(double[] face, double value, double decrement, boolean full, boolean[] reversed,
                              double[][] inverse) {

        int[] kept(int[] support) {
            int[] rows = new int[support.length];
            int k = 0;
            for (int i = 0; i < support.length; i++) {
                if (!reversed[i]) {
                    rows[k++] = support[i];
                }
            }
            return java.util.Arrays.copyOf(rows, k);
        }

        /**
         * The square matrix (full rows) without the reversed rows and columns, in the work space {@code out} (at
         * least as large; its first rows and columns, as many as are kept, are the result).
         */
        double[][] keptSquare(double[][] from, double[][] out) {
            int[] rows = new int[reversed.length];
            int m = 0;
            for (int i = 0; i < reversed.length; i++) {
                if (!reversed[i]) {
                    rows[m++] = i;
                }
            }
            for (int i = 0; i < m; i++) {
                double[] source = from[rows[i]];
                double[] to = out[i];
                for (int j = 0; j < m; j++) {
                    to[j] = source[rows[j]];
                }
            }
            return out;
        }

        double[] keptRows(double[] from, int outputs) {
            double[] out = new double[from.length];
            int k = 0;
            for (int i = 0; i < reversed.length; i++) {
                if (!reversed[i]) {
                    System.arraycopy(from, i * outputs, out, k * outputs, outputs);
                    k++;
                }
            }
            return java.util.Arrays.copyOf(out, k * outputs);
        }
    }

    /**
     * A Newton step from {@code face} (objective {@code value}, G_SS X = {@code gx}, or null when not yet
     * computed) on the rows {@code support} (G_SS = {@code gss}); null if none descends. {@code given} is
     * M⁻¹ for these rows and this face when known (else null: factored here).
     */
    private NewtonStep newtonStep(int[] support, double[][] gss, double[] face, double[] gx, double value,
                                  double[][] given) {
        int m = support.length;
        if (m == 0) {
            return null;
        }
        double[] bs = supportB(support);
        if (gx == null) {
            gx = product(gss, m, face);
        }
        // the loops over rows and outputs are small methods (inline, a fresh JVM compiled this method from
        // inside them, on-stack replacement, several times)
        double[] lambda = new double[m];
        double[] u = new double[m * outputs];
        double[] gradient = new double[m * outputs];
        faceTerms(face, gx, bs, m, lambda, u, gradient);
        double[][] inverse = given;
        if (inverse == null) {
            factorSquare = square(factorSquare, m);
            inverseFactorSquare = triangle(inverseFactorSquare, m);
            inverseSquare = square(inverseSquare, m);
            inverse = inverse(gss, m, lambda, factorSquare, inverseFactorSquare, inverseSquare);
        }
        if (inverse == null) {
            return null;
        }
        boolean[] frozen = new boolean[m];
        double[] d = newtonDirection(inverse, m, lambda, u, gradient, face, frozen);
        if (d == null) {
            return null;
        }
        double decrement = negativeDot(gradient, d);
        if (!(decrement > 0) || !Double.isFinite(decrement)) {
            return null;
        }
        // φ(t) = ½yy − B·(X + td) + ½(X + td)ᵀG(X + td) + βΣ‖X_k + td_k‖
        double[] gd = product(gss, m, d);
        double[] terms = lineTerms(gx, bs, d, gd, face, 0.5 * yy);
        double linear = terms[0];
        double curvature = terms[1];
        double quadratic = terms[2];
        double length = 1.0;
        double[] trial = new double[m * outputs];
        for (int halving = 0; halving < HALVINGS; halving++) {
            along(face, length, d, trial);
            double candidate = quadratic + length * linear + 0.5 * length * length * curvature
                    + penalty * supportNorm(trial, m);
            if (candidate <= value - ARMIJO * length * decrement) {
                if (!rowsNonzero(trial, m)) {
                    return null;
                }
                boolean any = false;
                for (boolean f : frozen) {
                    any |= f;
                }
                return new NewtonStep(trial, candidate, decrement, length == 1.0, any ? frozen : null, inverse);
            }
            length *= 0.5;
        }
        return null;
    }


    /**
     * d = −H⁻¹∇ for H = M ⊗ I − Σ_k λ_k (e_k e_kᵀ) ⊗ (u_k u_kᵀ), M = G_SS + diag(λ), by
     * H⁻¹ = P⁻¹ + P⁻¹V S⁻¹ VᵀP⁻¹ (P = M ⊗ I, V's column k = √λ_k e_k ⊗ u_k, S = I − VᵀP⁻¹V); null
     * when M or S is not positive definite. A row whose step would reverse it is marked in
     * {@code frozen} and its column leaves V (S loses its row and column by a factor update, O(|S|²)):
     * its curvature is then M's, which majorizes the penalty's; repeated up to {@value #FREEZES} times.
     */
    private double[] newtonDirection(double[][] inverse, int m, double[] lambda, double[] u, double[] gradient,
                                     double[] face, boolean[] frozen) {
        // the loops over rows and outputs are small methods: inline, a fresh JVM compiled this method
        // from inside one loop after another (on-stack replacement), several times before a whole compile
        double[] root = roots(lambda, m);
        double[] y = SupportAlgebra.symmetricProduct(inverse, m, negated(gradient), outputs, productColumns(m));
        double[] vy = scaledRowDots(root, u, y, m, outputs);
        // the capacitance matrix of all rows (lower triangle by columns), factored once; a frozen row
        // leaves the factor by an update. The factor stays by columns (its solves and removals have the
        // bits of the row layout, ColumnCholesky): its copy by rows was a tenth of a fresh JVM's Newton steps
        int[] active = identity(m);
        capacitySquare = square(capacitySquare, m);
        double[][] columns = capacitanceColumns(inverse, root, byOutput(u, m, outputs), m, capacitySquare);
        ColumnCholesky s = ColumnCholesky.factor(columns, m);
        if (s == null) {
            return null;
        }
        int k = m;
        double[] d = null;
        for (int attempt = 0; attempt < FREEZES && k > 0; attempt++) {
            double[] w = s.solve(gathered(vy, active, k));
            double[] vw = scaledRows(root, w, u, active, k, m, outputs);
            double[] next = finiteSum(y, SupportAlgebra.symmetricProduct(inverse, m, vw, outputs, productColumns(m)));
            if (next == null) {
                return d;
            }
            d = next;
            int left = freeze(s, active, k, face, d, frozen);
            if (left == k) {
                break;
            }
            k = left;
        }
        return d;
    }

    /**
     * Column j of the capacitance matrix's lower triangle, S_ij = δ_ij − √λ_i √λ_j (M⁻¹)_ij (u_i·u_j) for
     * i ≥ j, from row j of M⁻¹ (exactly symmetric) and u by output; u_i·u_j is summed over the outputs in
     * ascending order from zero. {@code dots} is scratch space of m entries.
     */
    static double[] capacitanceColumn(double[] inverseRow, double[] root, double[][] byOutput, int j, int m,
                                      double[] dots) {
        return capacitanceColumn(inverseRow, root, byOutput, j, m, dots, new double[m]);
    }

    /** {@link #capacitanceColumn} written into {@code column} (its entries j..m−1; the others are left). */
    private static double[] capacitanceColumn(double[] inverseRow, double[] root, double[][] byOutput, int j, int m,
                                              double[] dots, double[] column) {
        java.util.Arrays.fill(dots, j, m, 0.0);
        for (double[] output : byOutput) {
            SupportAlgebra.add(dots, output[j], output, j, m);
        }
        double rootJ = root[j];
        column[j] = 1.0 - root[j] * rootJ * inverseRow[j] * dots[j];
        for (int i = j + 1; i < m; i++) {
            column[i] = 0.0 - root[i] * rootJ * inverseRow[i] * dots[i];
        }
        return column;
    }

    /**
     * M⁻¹ for M = G_SS + diag(λ), with a tiny ridge that keeps the factorization defined when patterns
     * are linearly dependent (the steps are only proposals, judged by the exact objective); null when
     * M is not positive definite. {@code columns} is the factor's work space, {@code x} and {@code inverse}
     * those of {@link SupportAlgebra#inverse(double[][], int, double[][], double[][])} (each at least m × m).
     */
    private static double[][] inverse(double[][] gss, int m, double[] lambda, double[][] columns, double[][] x,
                                      double[][] inverse) {
        // the lower triangle by columns (column j holds rows j..m-1), with the ridge, then λ
        double largest = 0;
        for (int j = 0; j < m; j++) {
            double[] column = columns[j];
            for (int i = j; i < m; i++) {
                column[i] = gss[i][j];
            }
            largest = Math.max(largest, column[j]);
        }
        for (int j = 0; j < m; j++) {
            columns[j][j] += 1e-12 * largest;
            columns[j][j] += lambda[j];
        }
        return SupportAlgebra.factorColumns(columns, m)
                ? SupportAlgebra.inverse(columns, m, x, inverse) : null;
    }

    /**
     * At the face's rows: λ_i = β/‖X_i‖, u_i = X_i/‖X_i‖ and the gradient G_SS X − B_S + β u (into the
     * given arrays).
     */
    private void faceTerms(double[] face, double[] gx, double[] bs, int m, double[] lambda, double[] u,
                           double[] gradient) {
        for (int i = 0; i < m; i++) {
            double norm = rowNorm(face, i);
            lambda[i] = penalty / norm;
            for (int c = 0; c < outputs; c++) {
                int at = i * outputs + c;
                u[at] = face[at] / norm;
                gradient[at] = gx[at] - bs[at] + penalty * u[at];
            }
        }
    }

    /** −Σ a_t b_t, subtracted from zero in ascending t. */
    private static double negativeDot(double[] a, double[] b) {
        return lessDot(0, a, b, b.length);
    }

    /**
     * start − Σ a_t b_t for t &lt; to, each term subtracted in ascending t (eight a pass, for the reason of
     * {@link #subtractScaled(double[], int[], int, double, int)}: one chain of subtractions either way).
     */
    private static double lessDot(double start, double[] a, double[] b, int to) {
        double sum = start;
        int t = 0;
        for (; t + 7 < to; t += 8) {
            sum -= a[t] * b[t];
            sum -= a[t + 1] * b[t + 1];
            sum -= a[t + 2] * b[t + 2];
            sum -= a[t + 3] * b[t + 3];
            sum -= a[t + 4] * b[t + 4];
            sum -= a[t + 5] * b[t + 5];
            sum -= a[t + 6] * b[t + 6];
            sum -= a[t + 7] * b[t + 7];
        }
        for (; t < to; t++) {
            sum -= a[t] * b[t];
        }
        return sum;
    }

    /**
     * The line search's terms along d: Σ (gx − bs)_t d_t, Σ d_t gd_t and start + Σ face_t (½gx − bs)_t,
     * each summed in ascending t.
     */
    private static double[] lineTerms(double[] gx, double[] bs, double[] d, double[] gd, double[] face,
                                      double start) {
        double linear = 0;
        double curvature = 0;
        double quadratic = start;
        for (int t = 0; t < d.length; t++) {
            linear += (gx[t] - bs[t]) * d[t];
            curvature += d[t] * gd[t];
            quadratic += face[t] * (0.5 * gx[t] - bs[t]);
        }
        return new double[] {linear, curvature, quadratic};
    }

    /** trial = face + length·d. */
    private static void along(double[] face, double length, double[] d, double[] trial) {
        for (int t = 0; t < trial.length; t++) {
            trial[t] = face[t] + length * d[t];
        }
    }

    /** Whether each of the first m rows is nonzero. */
    private boolean rowsNonzero(double[] weights, int m) {
        for (int i = 0; i < m; i++) {
            if (!(rowNorm(weights, i) > 0)) {
                return false;
            }
        }
        return true;
    }

    /** 0, 1, ..., m − 1. */
    private static int[] identity(int m) {
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        return order;
    }

    /**
     * The capacitance matrix's lower triangle by columns (one {@link #capacitanceColumn} each), in the work
     * space {@code columns} (at least m × m).
     */
    private static double[][] capacitanceColumns(double[][] inverse, double[] root, double[][] byOutput, int m,
                                                 double[][] columns) {
        double[] dots = new double[m];
        for (int j = 0; j < m; j++) {
            capacitanceColumn(inverse[j], root, byOutput, j, m, dots, columns[j]);
        }
        return columns;
    }

    /**
     * Room for the rows of a lower triangle of at least m rows: {@code space} when it has m rows, else a
     * longer array keeping its rows; {@link SupportAlgebra#inverse} makes a row i + 1 long when it needs one
     * (so the factor's inverse takes half a square).
     */
    private static double[][] triangle(double[][] space, int m) {
        if (space != null && space.length >= m) {
            return space;
        }
        double[][] grown = new double[m + m / 4][];
        if (space != null) {
            System.arraycopy(space, 0, grown, 0, space.length);
        }
        return grown;
    }

    /** {@link #productColumns}, at least m long. */
    private double[][] productColumns(int m) {
        if (productColumns == null || productColumns.length != outputs || productColumns[0].length < m) {
            productColumns = new double[outputs][m + m / 4];
        }
        return productColumns;
    }

    /** A square work space of at least m × m: {@code space} when large enough, else a new one with room to grow. */
    private static double[][] square(double[][] space, int m) {
        if (space != null && space.length >= m) {
            return space;
        }
        int capacity = m + m / 4;
        return new double[capacity][capacity];
    }

    /**
     * Marks the rows among the first k active ones that the direction d would reverse (X_i·(X_i + d_i) ≤ 0,
     * from the last active row up) in frozen and removes them from the factor s and from active; returns
     * how many stay active.
     */
    private int freeze(ColumnCholesky s, int[] active, int k, double[] face, double[] d, boolean[] frozen) {
        for (int ii = k - 1; ii >= 0; ii--) {
            int i = active[ii];
            double dot = 0;
            for (int c = 0; c < outputs; c++) {
                dot += face[i * outputs + c] * (face[i * outputs + c] + d[i * outputs + c]);
            }
            if (dot <= 0) {
                frozen[i] = true;
                s.remove(ii);
                System.arraycopy(active, ii + 1, active, ii, k - ii - 1);
                k--;
            }
        }
        return k;
    }

    /** √λ_i for i &lt; m. */
    private static double[] roots(double[] lambda, int m) {
        double[] root = new double[m];
        for (int i = 0; i < m; i++) {
            root[i] = Math.sqrt(lambda[i]);
        }
        return root;
    }

    /** −x. */
    private static double[] negated(double[] x) {
        double[] y = new double[x.length];
        for (int t = 0; t < y.length; t++) {
            y[t] = -x[t];
        }
        return y;
    }

    /** root_i · Σ_c u_ic y_ic (the sum in ascending c) for the m rows of outputs entries. */
    private static double[] scaledRowDots(double[] root, double[] u, double[] y, int m, int outputs) {
        double[] vy = new double[m];
        for (int i = 0; i < m; i++) {
            double dot = 0;
            for (int c = 0; c < outputs; c++) {
                dot += u[i * outputs + c] * y[i * outputs + c];
            }
            vy[i] = root[i] * dot;
        }
        return vy;
    }

    /** The m rows of outputs entries of u by output: entry [c][i] = u_ic. */
    private static double[][] byOutput(double[] u, int m, int outputs) {
        double[][] byOutput = new double[outputs][m];
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < outputs; c++) {
                byOutput[c][i] = u[i * outputs + c];
            }
        }
        return byOutput;
    }

    /** x at the first k indices of {@code at}. */
    private static double[] gathered(double[] x, int[] at, int k) {
        double[] out = new double[k];
        for (int ii = 0; ii < k; ii++) {
            out[ii] = x[at[ii]];
        }
        return out;
    }

    /** V w: row i = active[ii] (ii &lt; k) gets root_i · w_ii · u_i, the other rows of m stay zero. */
    private static double[] scaledRows(double[] root, double[] w, double[] u, int[] active, int k, int m,
                                       int outputs) {
        double[] vw = new double[m * outputs];
        for (int ii = 0; ii < k; ii++) {
            int i = active[ii];
            for (int c = 0; c < outputs; c++) {
                vw[i * outputs + c] = root[i] * w[ii] * u[i * outputs + c];
            }
        }
        return vw;
    }

    /** a + b, or null as soon as an entry is not finite. */
    private static double[] finiteSum(double[] a, double[] b) {
        double[] sum = new double[a.length];
        for (int t = 0; t < sum.length; t++) {
            sum[t] = a[t] + b[t];
            if (!Double.isFinite(sum[t])) {
                return null;
            }
        }
        return sum;
    }

    /**
     * The inverse of the principal submatrix of M without the marked rows, from M⁻¹ (full rows): for
     * each removed row t, M⁻¹ − M⁻¹e_t e_tᵀM⁻¹ / (M⁻¹)_tt is the inverse of M without t on the other
     * rows (the Schur complement), O(m²) per row instead of a new factorization and inverse (O(m³)).
     * Null (factor afresh) when more than half of the rows go, where that stops paying.
     */
    static double[][] withoutRows(double[][] inverse, boolean[] removed) {
        int m = removed.length;
        int kept = m - removedCount(removed);
        return withoutRows(inverse, removed, new double[m][m], new double[kept][kept]);
    }

    /**
     * {@link #withoutRows(double[][], boolean[])} in work spaces: the lower triangle's copy in {@code triangle}
     * (at least m × m) and the result in {@code out} (at least as many rows and columns as are kept; only those
     * first ones are the result, every one of their entries written). Null as there.
     */
    static double[][] withoutRows(double[][] inverse, boolean[] removed, double[][] triangle, double[][] out) {
        int m = removed.length;
        int count = removedCount(removed);
        if (inverse == null || 2 * count > m) {
            return null;
        }
        // the lower triangle of M⁻¹ (row i holds columns 0..i; the entries past i are not read) is updated; the
        // pivot's column is read across the rows below it
        double[][] a = triangle;
        for (int i = 0; i < m; i++) {
            System.arraycopy(inverse[i], 0, a[i], 0, i + 1);
        }
        // rows eliminated so far (the removed rows up to t): the rest, removed ones after t included, are updated.
        // The loops are small methods (each compiles once, early: in a fresh JVM this method was compiled five
        // times, four of them on-stack replacements at one loop after another)
        boolean[] eliminated = new boolean[m];
        double[] pivotColumn = new double[m];
        for (int t = 0; t < m; t++) {
            if (!removed[t]) {
                continue;
            }
            eliminated[t] = true;
            if (!eliminate(a, t, eliminated, pivotColumn, m)) {
                return null;
            }
        }
        for (int i = 0, k = 0; i < m; i++) {
            if (!removed[i]) {
                keptEntries(a[i], i, removed, out, k);
                k++;
            }
        }
        return out;
    }

    /** How many rows are marked. */
    private static int removedCount(boolean[] removed) {
        int count = 0;
        for (boolean r : removed) {
            count += r ? 1 : 0;
        }
        return count;
    }

    /**
     * Takes the Schur complement of row t (already marked eliminated) from the rows not eliminated yet (lower
     * triangles, row i holds columns 0..i): row i −= (a_it / a_tt)·(column t); false when the pivot is not
     * positive. {@code pivotColumn} is scratch space of m entries.
     */
    private static boolean eliminate(double[][] a, int t, boolean[] eliminated, double[] pivotColumn, int m) {
        // row t up to the diagonal, then column t below it (two loops: a test per entry choosing between
        // them made the JIT hoist row t's bounds check and deoptimize once past it)
        System.arraycopy(a[t], 0, pivotColumn, 0, t + 1);
        columnBelow(a, t, m, pivotColumn);
        double pivot = pivotColumn[t];
        if (!(pivot > 0)) {
            return false;
        }
        for (int i = 0; i < m; i++) {
            if (eliminated[i]) {
                continue;
            }
            double factor = pivotColumn[i] / pivot;
            if (factor != 0) {
                SupportAlgebra.subtract(a[i], factor, pivotColumn, 0, i + 1);
            }
        }
        return true;
    }

    /** Column t of the lower triangle below the diagonal (rows t+1..m−1) into {@code out} at the same indices. */
    private static void columnBelow(double[][] a, int t, int m, double[] out) {
        for (int j = t + 1; j < m; j++) {
            out[j] = a[j][t];
        }
    }

    /**
     * Row i of the lower triangle without the removed columns as row k of {@code out} up to its diagonal, and
     * mirrored into column k.
     */
    private static void keptEntries(double[] row, int i, boolean[] removed, double[][] out, int k) {
        double[] to = out[k];
        for (int j = 0, l = 0; j <= i; j++) {
            if (!removed[j]) {
                to[l] = row[j];
                out[l][k] = row[j];
                l++;
            }
        }
    }

    /**
     * G_SS X for G_SS given by its full rows and X as m rows of C outputs. Each entry is the sum over j in
     * ascending order, started at zero (the order of a plain loop): along the rows when the Gram entries
     * are exactly symmetric ({@link SupportAlgebra#symmetricProduct}), else four rows at a time with four
     * independent sums in flight.
     */
    private double[] product(double[][] a, int m, double[] x) {
        if (symmetric) {
            return SupportAlgebra.symmetricProduct(a, m, x, outputs, productColumns(m));
        }
        double[] out = new double[m * outputs];
        int i = 0;
        for (; i + 3 < m; i += 4) {
            double[] row0 = a[i];
            double[] row1 = a[i + 1];
            double[] row2 = a[i + 2];
            double[] row3 = a[i + 3];
            for (int c = 0; c < outputs; c++) {
                double sum0 = 0;
                double sum1 = 0;
                double sum2 = 0;
                double sum3 = 0;
                for (int j = 0, at = c; j < m; j++, at += outputs) {
                    double value = x[at];
                    sum0 += row0[j] * value;
                    sum1 += row1[j] * value;
                    sum2 += row2[j] * value;
                    sum3 += row3[j] * value;
                }
                out[i * outputs + c] = sum0;
                out[(i + 1) * outputs + c] = sum1;
                out[(i + 2) * outputs + c] = sum2;
                out[(i + 3) * outputs + c] = sum3;
            }
        }
        for (; i < m; i++) {
            double[] row = a[i];
            for (int c = 0; c < outputs; c++) {
                double sum = 0;
                for (int j = 0, at = c; j < m; j++, at += outputs) {
                    sum += row[j] * x[at];
                }
                out[i * outputs + c] = sum;
            }
        }
        return out;
    }

    /**
     * G_SS for the given rows of the working set, as full rows (exact Gram entries; the first m entries of the
     * first m rows of the work space {@link #supportSquare}, valid until the next call).
     */
    private double[][] supportRows(int[] support, int m) {
        supportSquare = square(supportSquare, m);
        double[][] a = supportSquare;
        for (int i = 0; i < m; i++) {
            gather(support[i] * size, support, 0, m, a[i]);
        }
        return a;
    }

    /** ½yy − B_S·X + ½XᵀG_SS X + βΣ‖X_k‖ for X on the given rows, with G_SS X given. */
    private double faceObjective(int[] support, double[] x, double[] gx) {
        return faceObjective(x, gx, supportB(support), support.length);
    }

    /** B on the given rows (rows of C outputs). */
    private double[] supportB(int[] support) {
        double[] bs = new double[support.length * outputs];
        for (int i = 0; i < support.length; i++) {
            System.arraycopy(b, support[i] * outputs, bs, i * outputs, outputs);
        }
        return bs;
    }

    /** ½yy − B_S·X + ½XᵀG_SS X + βΣ‖X_k‖ from G_SS X. */
    private double faceObjective(double[] x, double[] gx, double[] bs, int m) {
        double inner = 0;
        for (int t = 0; t < x.length; t++) {
            inner += x[t] * (0.5 * gx[t] - bs[t]);
        }
        return 0.5 * yy + inner + penalty * supportNorm(x, m);
    }

    /** Σ_k ‖X_k‖ over the first m rows. */
    private double supportNorm(double[] x, int m) {
        double sum = 0;
        for (int i = 0; i < m; i++) {
            sum += rowNorm(x, i);
        }
        return sum;
    }

    /**
     * G_SS for the first m support columns as lower-triangle columns ({@link ColumnCholesky}: column j
     * holds the entries (i, j), i ≥ j, at index i, read from the Gram rows i; in {@link #factorColumns},
     * whose other entries are not read), with a tiny ridge that keeps the factorization defined when
     * patterns are linearly dependent (the steps are only proposals, judged by the exact objective).
     */
    private double[][] supportGram(int[] support, int m) {
        if (factorColumns == null || factorColumns.length < m) {
            int capacity = m + m / 4;
            factorColumns = new double[capacity][capacity];
        }
        double[][] a = factorColumns;
        double largest = 0;
        if (symmetric) {
            // column j of the lower triangle is row j of G_SS from the diagonal on (G_ij = G_ji, the same bits)
            for (int j = 0; j < m; j++) {
                gather(support[j] * size, support, j, m, a[j]);
            }
            for (int i = 0; i < m; i++) {
                largest = Math.max(largest, a[i][i]);
            }
        } else {
            for (int i = 0; i < m; i++) {
                int row = support[i] * size;
                for (int j = 0; j <= i; j++) {
                    a[j][i] = entry(row + support[j]);
                }
                largest = Math.max(largest, a[i][i]);
            }
        }
        for (int i = 0; i < m; i++) {
            a[i][i] += 1e-12 * largest;
        }
        return a;
    }

    /**
     * out[t] = G at (row, support[t]) for t in [from, to): the entries of the Gram row starting at {@code row}
     * (k·|W|) in the given working-set columns, at their own places t.
     */
    private void gather(int row, int[] support, int from, int to, double[] out) {
        if (weightedGram != null) {
            for (int t = from; t < to; t++) {
                out[t] = weightedGram[row + support[t]];
            }
            return;
        }
        gather(gram, row, support, from, to, out);
    }

    /**
     * {@link #gather} from the integer Gram matrix, eight entries a pass (for the reason of
     * {@link #subtractScaled(double[], int[], int, double, int)}).
     */
    private static void gather(int[] gram, int row, int[] support, int from, int to, double[] out) {
        int t = from;
        for (; t + 7 < to; t += 8) {
            out[t] = gram[row + support[t]];
            out[t + 1] = gram[row + support[t + 1]];
            out[t + 2] = gram[row + support[t + 2]];
            out[t + 3] = gram[row + support[t + 3]];
            out[t + 4] = gram[row + support[t + 4]];
            out[t + 5] = gram[row + support[t + 5]];
            out[t + 6] = gram[row + support[t + 6]];
            out[t + 7] = gram[row + support[t + 7]];
        }
        for (; t < to; t++) {
            out[t] = gram[row + support[t]];
        }
    }

    /**
     * Several outputs: out −= G (weights − base) (base null for zero), one pass over each Gram row for
     * all outputs; every entry gets the same subtractions in the same order (rows k ascending) as
     * output by output.
     */
    private void subtractProducts(double[] weights, double[] base, double[] out) {
        double[] delta = new double[outputs];
        for (int k = 0; k < size; k++) {
            boolean any = false;
            for (int c = 0; c < outputs; c++) {
                int at = k * outputs + c;
                delta[c] = base == null ? weights[at] : weights[at] - base[at];
                any |= delta[c] != 0;
            }
            if (any) {
                subtractRow(k, delta, out);
            }
        }
    }

    /** Moves to the candidate weights (rows of C outputs over the working set) if they lower P. */
    private void keepIfLower(double[] candidate) {
        double[] correlations = q.clone();
        if (outputs > 1) {
            subtractProducts(candidate, z, correlations);
            moveIfLower(candidate, correlations);
            return;
        }
        for (int k = 0; k < size; k++) {
            double delta = candidate[k] - z[k];
            if (delta != 0) {
                subtractScaledRow(k, delta, correlations);
            }
        }
        moveIfLower(candidate, correlations);
    }

    /** Moves to the candidate weights and their correlations if they lower P. */
    private void moveIfLower(double[] candidate, double[] correlations) {
        if (objective(candidate, correlations) < objective()) {
            System.arraycopy(candidate, 0, z, 0, z.length);
            System.arraycopy(correlations, 0, q, 0, q.length);
        }
    }

    /** ‖W_k‖₂ of row k of weights laid out as rows of C outputs (|w_k| for one output). */
    private double rowNorm(double[] weights, int k) {
        if (outputs == 1) {
            return Math.abs(weights[k]);
        }
        double sum = 0;
        for (int c = 0; c < outputs; c++) {
            sum += weights[k * outputs + c] * weights[k * outputs + c];
        }
        return Math.sqrt(sum);
    }

    /**
     * Cholesky factor in place of a symmetric matrix given by its lower triangle (row i holds
     * columns 0..i); false when it is not positive definite. Each entry less its products one by one in the order
     * of k, then divided by the diagonal: {@link PanelCholesky} on one thread, the project's one row-layout factor.
     */
    static boolean factor(double[][] a) {
        return PanelCholesky.factor(a, 1);
    }

    /** Solves L Lᵀ x = rhs with the factor L in the first m rows of a. */
    static double[] solveFactored(double[][] a, double[] rhs, int m) {
        double[] y = new double[m];
        int i = 0;
        // L y = rhs four rows at a time: their sums over the known y run together, each in the order of k
        for (; i + 3 < m; i += 4) {
            double[] row0 = a[i];
            double[] row1 = a[i + 1];
            double[] row2 = a[i + 2];
            double[] row3 = a[i + 3];
            double sum0 = rhs[i];
            double sum1 = rhs[i + 1];
            double sum2 = rhs[i + 2];
            double sum3 = rhs[i + 3];
            for (int k = 0; k < i; k++) {
                double known = y[k];
                sum0 -= row0[k] * known;
                sum1 -= row1[k] * known;
                sum2 -= row2[k] * known;
                sum3 -= row3[k] * known;
            }
            double y0 = sum0 / row0[i];
            sum1 -= row1[i] * y0;
            double y1 = sum1 / row1[i + 1];
            sum2 -= row2[i] * y0;
            sum2 -= row2[i + 1] * y1;
            double y2 = sum2 / row2[i + 2];
            sum3 -= row3[i] * y0;
            sum3 -= row3[i + 1] * y1;
            sum3 -= row3[i + 2] * y2;
            y[i] = y0;
            y[i + 1] = y1;
            y[i + 2] = y2;
            y[i + 3] = sum3 / row3[i + 3];
        }
        for (; i < m; i++) {
            double sum = rhs[i];
            double[] row = a[i];
            for (int k = 0; k < i; k++) {
                sum -= row[k] * y[k];
            }
            y[i] = sum / row[i];
        }
        backSubstitution(a, y, m);
        return y;
    }

    /**
     * Lᵀ x = y in place by rows of L: once x_i is known, its terms leave the equations above it. Its own
     * method and its row loop a small one (SupportAlgebra): C2 deoptimized this loop inside
     * {@link #solveFactored} several times in a fresh JVM (a check hoisted out of it that failed), each
     * time recompiling the whole solve.
     */
    static void backSubstitution(double[][] a, double[] y, int m) {
        for (int done = 0; done < m; done++) {
            int i = m - 1 - done;
            double[] row = a[i];
            double value = y[i] / row[i];
            y[i] = value;
            SupportAlgebra.subtract(y, value, row, 0, i);
        }
    }

    /** Solves A c = 1 by Cholesky; null when A is not positive definite. */
    private static double[] solveSymmetric(double[][] a) {
        int m = a.length;
        double[][] l = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j];
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        double[] y = new double[m];
        for (int i = 0; i < m; i++) {
            double sum = 1.0;
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * y[k];
            }
            y[i] = sum / l[i][i];
        }
        double[] x = new double[m];
        for (int i = m - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < m; k++) {
                sum -= l[k][i] * x[k];
            }
            x[i] = sum / l[i][i];
        }
        return x;
    }

    /** Writes the working-set weights back into the full Z. */
    void copyTo(int[] columns, double[] full) {
        for (int k = 0; k < size; k++) {
            for (int c = 0; c < outputs; c++) {
                full[columns[k] * outputs + c] = z[k * outputs + c];
            }
        }
    }
}
