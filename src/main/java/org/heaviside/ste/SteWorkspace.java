package org.heaviside.ste;

import java.util.Arrays;
import java.util.concurrent.RecursiveAction;
import org.heaviside.solver.Loss;

/**
 * The buffers and kernels of one STE training run: the forward pass and the gradient of
 * {@link SteTrainer}, allocated once per run (no array is allocated per epoch).
 *
 * <p>The hidden layers compute in single precision, as PyTorch trains: the weights are copied to
 * float each epoch (the parameters themselves stay double), and the pre-activations, the surrogate
 * δ and the weight gradients' sums are float, each sum a chain of fused multiply-adds in the order of
 * its terms. The outputs f, the loss and its gradient, the output and amplitude gradients and the
 * weight decay stay double. Every dense product is one kernel, {@link #product} (or its copy for short
 * rows, {@link #narrowProduct}), whose innermost loop
 * runs over whole row arrays with the same index in every array (the form the JIT turns into vector
 * instructions), two output rows and four terms per pass; the inputs of each layer carry a column of
 * ones for the bias and zeros up to a multiple of four, and the row counts are padded with zero rows,
 * so the kernel has no remainder loops. Each element is computed by one thread in a fixed order, so
 * the results are the same whatever the number of threads: rows, neurons or weight rows are split
 * into contiguous blocks, one per thread (one per core, fewer for a small run: see {@link #threads}).
 *
 * <p>One responsibility, kept in one class on purpose (it is longer than the style guide's usual
 * size): every kernel reads and writes the same preallocated buffers of one run, and splitting the
 * forward, backward and update kernels apart would pass those arrays between classes on the hot path.
 */
final class SteWorkspace {

    private static final int FORWARD = 0;
    private static final int HEAD = 1;
    private static final int WEIGHTS = 2;
    private static final int LAYOUT = 3;
    /**
     * Multiply-adds of one forward pass per thread: a run whose forward pass is smaller runs on fewer
     * threads (handing a phase to another thread costs more than it saves on such small products).
     */
    static final long WORK_PER_THREAD = 4_000_000;
    /** Products of fewer columns than this are taken by {@link #narrowProduct}. */
    static final int NARROW = 256;
    /** Side of the square tiles in which weights are transposed (both tiles stay in the first-level cache). */
    private static final int TILE = 16;

    private final SteTrainer.Model model;
    private final int n;
    /** n rounded up to a multiple of four: the row count of the row buffers (the rows past n stay zero). */
    private final int rows;
    /** n rounded up to an even count: the rows the products compute. */
    private final int evenRows;
    private final int classes;
    private final int layers;
    /**
     * Per layer, its inputs: rows of in_k values, then 1 (the bias input; 0 in the padding rows), then
     * zeros up to {@link #depth}: x for the first layer, the 0/1 outputs of the layer below above it.
     */
    private final float[][][] feed;
    /** Per layer, in_k + 1 rounded up to a multiple of four. */
    private final int[] depth;
    /** The first layer's inputs transposed: in_0 rows, a row of ones (zero past n), rounded up to an even count. */
    private final float[][] inputsT;
    /** Per layer, the weights transposed: depth rows of m (the bias row at in_k, zero rows after it). */
    private final float[][][] transposed;
    /** Per layer above the first, the weights without the bias as rows: m rounded up to four rows of in_k. */
    private final float[][][] weightRows;
    /** Per layer, the pre-activations: rows of m. */
    private final float[][][] z;
    /** The last hidden layer's 0/1 outputs (n rows of m), and the firing neurons of each row (ascending). */
    private final double[][] active;
    private final int[][] firing;
    private final int[] fired;
    private final double[][] f;
    private final double[][] g;
    /** Per layer, the surrogate δ: rows of m rounded up to four (the padding stays zero). */
    private final float[][][] delta;
    /** Per layer above the first, δ transposed: m rounded up to an even count of rows of {@link #rows}. */
    private final float[][][] deltaT;
    /** The first layer's weight gradient transposed: in_0 + 1 rounded up to even rows of m_0. */
    private final float[][] gradientT;
    /** With the identity surrogate and two hidden layers, (x, 1)ᵀ δ_1: in_0 + 1 rounded up to even rows of m_1 rounded up to four. */
    private final float[][] inputsDelta;
    /** Per layer above the first, its weight gradient as rows: m rounded up to even rows of in_k + 1. */
    private final float[][][] gradientRows;
    /** α transposed (C rows of m) of the last hidden layer and s_j α_jc (m x C). */
    private final double[][] alphaT;
    private final double[] scaled;
    /** Per output, Σ over firing rows of g (C rows of m); per neuron, Σ over firing rows of Σ_c g α. */
    private final double[][] outputSums;
    private final double[] amplitudeSums;
    /** Per block, a row of Σ_c g α. */
    private final double[][] dots;
    private final SteTrainer.Model gradient;
    private final SteTrainer.Pass pass;
    private final Block[] blocks;

    private int phase;
    private int layer;
    private Surrogate surrogate;
    private double beta;

    SteWorkspace(SteTrainer.Model model, double[][] x) {
        this(model, x, threads(model, x.length, Runtime.getRuntime().availableProcessors()));
    }

    /**
     * The threads for a run: one per {@value #WORK_PER_THREAD} multiply-adds of its forward pass
     * (n Σ_k m_k (in_k + 1)), at least one and at most one per core.
     */
    static int threads(SteTrainer.Model model, int n, int cores) {
        long work = 0;
        for (int k = 0; k < model.widths.length; k++) {
            work += (long) n * model.widths[k] * (model.inputs[k] + 1);
        }
        return (int) Math.max(1, Math.min(cores, work / WORK_PER_THREAD));
    }

    SteWorkspace(SteTrainer.Model model, double[][] x, int threads) {
        this.model = model;
        this.n = x.length;
        this.rows = up(n, 4);
        this.evenRows = up(n, 2);
        this.classes = model.classes;
        this.layers = model.widths.length;
        feed = new float[layers][][];
        depth = new int[layers];
        transposed = new float[layers][][];
        weightRows = new float[layers][][];
        z = new float[layers][][];
        delta = new float[layers][][];
        deltaT = new float[layers][][];
        gradientRows = new float[layers][][];
        for (int k = 0; k < layers; k++) {
            int m = model.widths[k];
            int in = model.inputs[k];
            depth[k] = up(in + 1, 4);
            feed[k] = new float[rows][depth[k]];
            for (int i = 0; i < n; i++) {
                feed[k][i][in] = 1;
            }
            transposed[k] = new float[depth[k]][m];
            z[k] = new float[rows][m];
            delta[k] = new float[rows][up(m, 4)];
            if (k > 0) {
                weightRows[k] = new float[up(m, 4)][in];
                deltaT[k] = new float[up(m, 2)][rows];
                gradientRows[k] = new float[up(m, 2)][in + 1];
            }
        }
        int d = model.inputs[0];
        inputsT = new float[up(d + 1, 2)][rows];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < d; l++) {
                feed[0][i][l] = (float) x[i][l];
                inputsT[l][i] = (float) x[i][l];
            }
            inputsT[d][i] = 1;
        }
        gradientT = new float[up(d + 1, 2)][model.widths[0]];
        inputsDelta = layers > 1 ? new float[up(d + 1, 2)][up(model.widths[1], 4)] : null;
        int last = model.widths[layers - 1];
        active = new double[n][last];
        firing = new int[n][last];
        fired = new int[n];
        f = new double[classes][n];
        g = new double[classes][n];
        alphaT = new double[classes][last];
        scaled = new double[last * classes];
        outputSums = new double[classes][last];
        amplitudeSums = new double[last];
        int count = Math.max(1, Math.min(threads, Math.min(8, n)));
        dots = new double[count][last];
        blocks = new Block[count];
        for (int b = 0; b < count; b++) {
            blocks[b] = new Block(b);
        }
        gradient = model.zeroCopy();
        pass = new SteTrainer.Pass(f, this);
    }

    private static int up(int value, int multiple) {
        return (value + multiple - 1) / multiple * multiple;
    }

    /** The forward pass on the model's current parameters (the returned pass is this workspace's). */
    SteTrainer.Pass forward() {
        run(LAYOUT);
        run(FORWARD);
        int last = layers - 1;
        int m = model.widths[last];
        for (int j = 0; j < m; j++) {
            for (int c = 0; c < classes; c++) {
                scaled[j * classes + c] = model.amplitudes[j] * model.outputs[j * classes + c];
            }
        }
        for (int c = 0; c < classes; c++) {
            double[] fc = f[c];
            for (int i = 0; i < n; i++) {
                int[] list = firing[i];
                int count = fired[i];
                double sum = 0;
                for (int t = 0; t < count; t++) {
                    sum += scaled[list[t] * classes + c];
                }
                fc[i] = sum;
            }
        }
        return pass;
    }

    /**
     * Layer k's weights for neurons [from, to) as floats, transposed (in square tiles, both in the
     * first-level cache) and, above the first layer, as rows without the bias.
     */
    private void layout(int k, int from, int to) {
        int columns = model.inputs[k] + 1;
        double[] w = model.weights[k];
        float[][] wt = transposed[k];
        for (int j0 = from; j0 < to; j0 += TILE) {
            int j1 = Math.min(to, j0 + TILE);
            for (int l0 = 0; l0 < columns; l0 += TILE) {
                int l1 = Math.min(columns, l0 + TILE);
                for (int j = j0; j < j1; j++) {
                    int offset = j * columns;
                    for (int l = l0; l < l1; l++) {
                        wt[l][j] = (float) w[offset + l];
                    }
                }
            }
        }
        if (k > 0) {
            for (int j = from; j < to; j++) {
                float[] row = weightRows[k][j];
                int offset = j * columns;
                for (int l = 0; l < columns - 1; l++) {
                    row[l] = (float) w[offset + l];
                }
            }
        }
    }

    /** Layer 0's weight gradient rows for neurons [from, to): the transposed sums plus β w, in tiles. */
    private void untranspose(int from, int to) {
        int columns = model.inputs[0] + 1;
        double[] w = model.weights[0];
        double[] gw = gradient.weights[0];
        float[][] gt = gradientT;
        for (int j0 = from; j0 < to; j0 += TILE) {
            int j1 = Math.min(to, j0 + TILE);
            for (int l0 = 0; l0 < columns; l0 += TILE) {
                int l1 = Math.min(columns, l0 + TILE);
                for (int j = j0; j < j1; j++) {
                    int offset = j * columns;
                    for (int l = l0; l < l1; l++) {
                        gw[offset + l] = gt[l][j] + beta * w[offset + l];
                    }
                }
            }
        }
    }

    /**
     * The gradient of the training problem (weight decay β) by the surrogate at the last forward
     * pass, shaped as the model (the returned model is this workspace's); unweighted.
     */
    SteTrainer.Model gradient(double[][] targets, double beta, Loss loss, Surrogate surrogate) {
        return gradient(targets, null, beta, loss, surrogate);
    }

    /** {@link #gradient(double[][], double, Loss, Surrogate)} of the loss Σ_i w_i ℓ_i (unweighted for null). */
    SteTrainer.Model gradient(double[][] targets, double[] rowWeights, double beta, Loss loss, Surrogate surrogate) {
        this.surrogate = surrogate;
        this.beta = beta;
        loss.direction(targets, f, g); // −∇ℓ per row
        boolean weighted = !Loss.unit(rowWeights);
        for (double[] column : g) {
            for (int i = 0; i < n; i++) {
                column[i] = -column[i];
            }
            if (weighted) {
                for (int i = 0; i < n; i++) {
                    column[i] *= rowWeights[i];
                }
            }
        }
        int last = layers - 1;
        int m = model.widths[last];
        for (int j = 0; j < m; j++) {
            for (int c = 0; c < classes; c++) {
                alphaT[c][j] = model.outputs[j * classes + c];
            }
        }
        run(HEAD);
        for (int j = 0; j < m; j++) {
            for (int c = 0; c < classes; c++) {
                gradient.outputs[j * classes + c] = model.amplitudes[j] * outputSums[c][j]
                        + beta * model.outputs[j * classes + c];
            }
            gradient.amplitudes[j] = amplitudeSums[j] + beta * model.amplitudes[j];
        }
        for (int k = last; k >= 0; k--) {
            layer = k;
            run(WEIGHTS);
        }
        return gradient;
    }

    private void run(int what) {
        phase = what;
        int count = blocks.length;
        if (count == 1) {
            block(0, 1);
            return;
        }
        for (int b = 1; b < count; b++) {
            blocks[b].reinitialize();
            blocks[b].fork();
        }
        block(0, count);
        for (int b = 1; b < count; b++) {
            blocks[b].join();
        }
    }

    /** One block's share of the current phase. */
    private void block(int index, int count) {
        switch (phase) {
            case LAYOUT -> {
                for (int k = 0; k < layers; k++) {
                    int m = model.widths[k];
                    layout(k, split(m, index, count), split(m, index + 1, count));
                }
            }
            case FORWARD -> {
                // every layer for the block's rows (a row's inputs of layer k + 1 are its own outputs of layer k)
                int from = 2 * split(evenRows / 2, index, count);
                int to = 2 * split(evenRows / 2, index + 1, count);
                for (int k = 0; k < layers; k++) {
                    int m = model.widths[k];
                    clear(z[k], from, to, 0, m);
                    multiply(z[k], feed[k], transposed[k], from, to, depth[k], 0, m);
                    for (int i = from; i < Math.min(to, n); i++) {
                        activate(k, i);
                    }
                }
            }
            case HEAD -> {
                int m = model.widths[layers - 1];
                head(split(m, index, count), split(m, index + 1, count), dots[index]);
            }
            case WEIGHTS -> {
                if (layer == 0) {
                    int m = model.widths[0];
                    int from = split(m, index, count);
                    int to = split(m, index + 1, count);
                    clear(gradientT, 0, gradientT.length, from, to);
                    if (straightThrough()) {
                        // (x, 1)ᵀ δ_0 = ((x, 1)ᵀ δ_1) W_1: δ_0 = δ_1 W_1 unmasked (identity surrogate)
                        multiply(gradientT, inputsDelta, weightRows[1], 0, gradientT.length, up(model.widths[1], 4),
                                from, to);
                    } else {
                        multiply(gradientT, inputsT, delta[0], 0, gradientT.length, rows, from, to);
                    }
                    untranspose(from, to);
                } else {
                    weightRows(index, count);
                    if (layer == 1 && straightThrough()) {
                        // (x, 1)ᵀ δ_1 for a block of layer 1's neurons; δ_0 itself is not needed
                        int columns = up(model.widths[1], 4);
                        int from = split(columns, index, count);
                        int to = split(columns, index + 1, count);
                        clear(inputsDelta, 0, inputsDelta.length, from, to);
                        multiply(inputsDelta, inputsT, delta[1], 0, inputsDelta.length, rows, from, to);
                    } else {
                        back(index, count);
                    }
                }
            }
            default -> throw new IllegalStateException("phase " + phase);
        }
    }

    /**
     * Whether the first layer's weight gradient is taken through layer 1's δ: with the identity
     * surrogate δ_0 = δ_1 W_1 (no mask), so (x, 1)ᵀ δ_0 = ((x, 1)ᵀ δ_1) W_1, a product of in_0 + 1 rows
     * instead of n (the same sums, in another order: single-precision results, thread-independent).
     */
    private boolean straightThrough() {
        return surrogate == Surrogate.STE && layers > 1;
    }

    private static int split(int total, int index, int count) {
        return (int) ((long) total * index / count);
    }

    /** Zeros columns [colFrom, colTo) of rows [from, to). */
    private static void clear(float[][] out, int from, int to, int colFrom, int colTo) {
        for (int i = from; i < to; i++) {
            Arrays.fill(out[i], colFrom, colTo, 0f);
        }
    }

    /** out += left · right by {@link #product}, or {@link #narrowProduct} for fewer than {@value #NARROW} columns. */
    private static void multiply(float[][] out, float[][] left, float[][] right, int rowFrom, int rowTo, int depth,
                                 int colFrom, int colTo) {
        if (colTo - colFrom < NARROW) {
            narrowProduct(out, left, right, rowFrom, rowTo, depth, colFrom, colTo);
        } else {
            product(out, left, right, rowFrom, rowTo, depth, colFrom, colTo);
        }
    }

    /**
     * out[i][c] += Σ_{k < depth} left[i][k] right[k][c] for rows i in [rowFrom, rowTo) (an even count)
     * and columns c in [colFrom, colTo), depth a multiple of four; each element a chain of fused
     * multiply-adds in the order of k. Two rows and four terms per pass over the columns, so each row
     * of {@code right} is read once for two rows.
     *
     * <p>The JIT vectorizes the inner loop when this method is compiled on its own, not when it is
     * inlined into a caller with loops of its own (measured: a third of the speed; also when checks on
     * the loop bounds precede the loops). HotSpot does not inline a hot method of more than 325 bytes
     * of bytecode (FreqInlineSize), and the operand check keeps this one above that size: do not
     * shorten it, and compare the epoch times of {@code bench --case ste} after any change here.
     */
    private static void product(float[][] out, float[][] left, float[][] right, int rowFrom, int rowTo, int depth,
                                int colFrom, int colTo) {
        if (out == left || out == right) {
            throw new IllegalArgumentException("product: the output must not be an operand");
        }
        for (int i = rowFrom; i < rowTo; i += 2) {
            float[] o0 = out[i];
            float[] o1 = out[i + 1];
            float[] l0 = left[i];
            float[] l1 = left[i + 1];
            for (int k = 0; k < depth; k += 4) {
                float x0 = l0[k];
                float x1 = l0[k + 1];
                float x2 = l0[k + 2];
                float x3 = l0[k + 3];
                float y0 = l1[k];
                float y1 = l1[k + 1];
                float y2 = l1[k + 2];
                float y3 = l1[k + 3];
                float[] r0 = right[k];
                float[] r1 = right[k + 1];
                float[] r2 = right[k + 2];
                float[] r3 = right[k + 3];
                for (int c = colFrom; c < colTo; c++) {
                    float u0 = r0[c];
                    float u1 = r1[c];
                    float u2 = r2[c];
                    float u3 = r3[c];
                    float s = o0[c];
                    s = Math.fma(u0, x0, s);
                    s = Math.fma(u1, x1, s);
                    s = Math.fma(u2, x2, s);
                    s = Math.fma(u3, x3, s);
                    o0[c] = s;
                    float t = o1[c];
                    t = Math.fma(u0, y0, t);
                    t = Math.fma(u1, y1, t);
                    t = Math.fma(u2, y2, t);
                    t = Math.fma(u3, y3, t);
                    o1[c] = t;
                }
            }
        }
    }

    /**
     * {@link #product} for rows of fewer than {@value #NARROW} columns (the same sums in the same
     * order): a separate method so that the JIT compiles its loop for the short rows it runs. HotSpot
     * unrolls a vectorized loop by the trip counts profiled for the method: compiled for the long rows
     * of the other products, the 100-column rows of the three-layer forward ran at half the speed in
     * most runs (measured: 0.6-0.7 against 0.3-0.4 ms per epoch, one thread), presumably most of each
     * row in the scalar loops before and after a vector loop unrolled for long rows. Keep the two
     * bodies the same.
     */
    private static void narrowProduct(float[][] out, float[][] left, float[][] right, int rowFrom, int rowTo, int depth,
                                int colFrom, int colTo) {
        if (out == left || out == right) {
            throw new IllegalArgumentException("narrowProduct: the output must not be an operand");
        }
        for (int i = rowFrom; i < rowTo; i += 2) {
            float[] o0 = out[i];
            float[] o1 = out[i + 1];
            float[] l0 = left[i];
            float[] l1 = left[i + 1];
            for (int k = 0; k < depth; k += 4) {
                float x0 = l0[k];
                float x1 = l0[k + 1];
                float x2 = l0[k + 2];
                float x3 = l0[k + 3];
                float y0 = l1[k];
                float y1 = l1[k + 1];
                float y2 = l1[k + 2];
                float y3 = l1[k + 3];
                float[] r0 = right[k];
                float[] r1 = right[k + 1];
                float[] r2 = right[k + 2];
                float[] r3 = right[k + 3];
                for (int c = colFrom; c < colTo; c++) {
                    float u0 = r0[c];
                    float u1 = r1[c];
                    float u2 = r2[c];
                    float u3 = r3[c];
                    float s = o0[c];
                    s = Math.fma(u0, x0, s);
                    s = Math.fma(u1, x1, s);
                    s = Math.fma(u2, x2, s);
                    s = Math.fma(u3, x3, s);
                    o0[c] = s;
                    float t = o1[c];
                    t = Math.fma(u0, y0, t);
                    t = Math.fma(u1, y1, t);
                    t = Math.fma(u2, y2, t);
                    t = Math.fma(u3, y3, t);
                    o1[c] = t;
                }
            }
        }
    }

    /**
     * Row i's outputs from its pre-activations (still in cache): 0/1 inputs of the next layer, or in
     * the last hidden layer its 0/1 activations and firing list. Neuron j fires when z_ij >= 0 (not
     * for NaN).
     */
    private void activate(int layer, int i) {
        int m = model.widths[layer];
        float[] zi = z[layer][i];
        boolean nan = false;
        if (layer == layers - 1) {
            double[] ai = active[i];
            int[] list = firing[i];
            int count = 0;
            for (int j = 0; j < m; j++) {
                // branch-free 1{z >= 0}: the sign bit of z + 0 (+0 for −0 too); NaN is redone below
                float v = zi[j];
                int fires = ~Float.floatToRawIntBits(v + 0f) >>> 31;
                ai[j] = fires;
                list[count] = j; // the slot is kept only when the neuron fires
                count += fires;
                nan |= v != v;
            }
            if (nan) {
                count = 0;
                for (int j = 0; j < m; j++) {
                    ai[j] = zi[j] >= 0 ? 1.0 : 0.0;
                    list[count] = j;
                    count += (int) ai[j];
                }
            }
            fired[i] = count;
        } else {
            float[] bits = feed[layer + 1][i];
            for (int j = 0; j < m; j++) {
                float v = zi[j];
                bits[j] = ~Float.floatToRawIntBits(v + 0f) >>> 31;
                nan |= v != v;
            }
            if (nan) {
                for (int j = 0; j < m; j++) {
                    bits[j] = zi[j] >= 0 ? 1f : 0f;
                }
            }
        }
    }

    /**
     * For neurons [from, to) of the last hidden layer: the sums over firing rows behind the output
     * and amplitude gradients, and δ_ij = s_j (Σ_c g_ci α_jc) φ'(z_ij) (also transposed above the first layer).
     */
    private void head(int from, int to, double[] dot) {
        int last = layers - 1;
        double[] s = model.amplitudes;
        float[][] dt = deltaT[last];
        for (int c = 0; c < classes; c++) {
            Arrays.fill(outputSums[c], from, to, 0.0);
        }
        Arrays.fill(amplitudeSums, from, to, 0.0);
        for (int i = 0; i < n; i++) {
            double[] ai = active[i];
            float[] zi = z[last][i];
            float[] di = delta[last][i];
            if (classes == 1) {
                // the loops below fused for one output (the same operations on each element)
                double gc = g[0][i];
                double[] sums = outputSums[0];
                double[] alpha = alphaT[0];
                for (int j = from; j < to; j++) {
                    double aij = ai[j];
                    double v = gc * alpha[j];
                    sums[j] += aij * gc;
                    dot[j] = v;
                    amplitudeSums[j] += aij * v;
                }
            } else {
                Arrays.fill(dot, from, to, 0.0);
                for (int c = 0; c < classes; c++) {
                    double gc = g[c][i];
                    double[] sums = outputSums[c];
                    double[] alpha = alphaT[c];
                    for (int j = from; j < to; j++) {
                        sums[j] += ai[j] * gc;
                        dot[j] += gc * alpha[j];
                    }
                }
                for (int j = from; j < to; j++) {
                    amplitudeSums[j] += ai[j] * dot[j];
                }
            }
            // φ'(z) from the 0/1 output a = 1{z >= 0} (0 for NaN), one loop per surrogate
            switch (surrogate) {
                case STE -> {
                    for (int j = from; j < to; j++) {
                        di[j] = (float) (s[j] * dot[j]);
                    }
                }
                case RELU -> {
                    for (int j = from; j < to; j++) {
                        di[j] = (float) (s[j] * dot[j] * ai[j]);
                    }
                }
                case LEAKY_RELU -> {
                    for (int j = from; j < to; j++) {
                        di[j] = (float) (s[j] * dot[j] * (ai[j] + (1 - ai[j]) * Surrogate.LEAK));
                    }
                }
                case CLIPPED_RELU -> {
                    for (int j = from; j < to; j++) {
                        di[j] = (float) (s[j] * dot[j] * (zi[j] <= 1 ? ai[j] : 0.0));
                    }
                }
                default -> throw new IllegalStateException("surrogate " + surrogate);
            }
            if (dt != null) {
                for (int j = from; j < to; j++) {
                    dt[j][i] = di[j];
                }
            }
        }
    }

    /**
     * A layer above the first: its weight gradient rows for a block of neurons, Σ_i δ_ij (inputs of
     * row i, 1 for the bias) over the rows in order, plus β w.
     */
    private void weightRows(int index, int count) {
        int k = layer;
        int pairs = up(model.widths[k], 2) / 2;
        int from = 2 * split(pairs, index, count);
        int to = 2 * split(pairs, index + 1, count);
        int columns = model.inputs[k] + 1;
        float[][] out = gradientRows[k];
        clear(out, from, to, 0, columns);
        multiply(out, deltaT[k], feed[k], from, to, rows, 0, columns);
        double[] w = model.weights[k];
        double[] gw = gradient.weights[k];
        for (int j = from; j < Math.min(to, model.widths[k]); j++) {
            float[] row = out[j];
            int offset = j * columns;
            for (int l = 0; l < columns; l++) {
                gw[offset + l] = row[l] + beta * w[offset + l];
            }
        }
    }

    /**
     * δ of the layer below for a block of rows: (Σ_j δ_ij w_jl, in the order of j) φ'(z_il), and its
     * transpose when that layer is above the first.
     */
    private void back(int index, int count) {
        int k = layer;
        int in = model.inputs[k];
        int from = 2 * split(evenRows / 2, index, count);
        int to = 2 * split(evenRows / 2, index + 1, count);
        float[][] below = delta[k - 1];
        clear(below, from, to, 0, in);
        multiply(below, delta[k], weightRows[k], from, to, up(model.widths[k], 4), 0, in);
        int stop = Math.min(to, n);
        if (surrogate != Surrogate.STE) {
            // φ'(z) from the layer's 0/1 inputs a = 1{z >= 0} of the layer below (0 for NaN)
            float leak = (float) Surrogate.LEAK;
            for (int r = from; r < stop; r++) {
                float[] b = below[r];
                float[] zb = z[k - 1][r];
                float[] a = feed[k][r];
                switch (surrogate) {
                    case RELU -> {
                        for (int l = 0; l < in; l++) {
                            b[l] *= a[l];
                        }
                    }
                    case LEAKY_RELU -> {
                        for (int l = 0; l < in; l++) {
                            b[l] *= a[l] + (1 - a[l]) * leak;
                        }
                    }
                    case CLIPPED_RELU -> {
                        for (int l = 0; l < in; l++) {
                            b[l] *= zb[l] <= 1 ? a[l] : 0f;
                        }
                    }
                    default -> throw new IllegalStateException("surrogate " + surrogate);
                }
            }
        }
        if (k - 1 > 0) {
            float[][] t = deltaT[k - 1];
            for (int r = from; r < stop; r++) {
                float[] b = below[r];
                for (int l = 0; l < in; l++) {
                    t[l][r] = b[l];
                }
            }
        }
    }

    /** One block of a phase, run by a pool thread. */
    private final class Block extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final int index;

        Block(int index) {
            this.index = index;
        }

        @Override
        protected void compute() {
            block(index, blocks.length);
        }
    }
}
