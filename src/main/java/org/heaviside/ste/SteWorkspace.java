package org.heaviside.ste;

import java.util.Arrays;
import java.util.concurrent.RecursiveAction;
import org.heaviside.solver.Loss;

/**
 * The buffers and kernels of one STE training run: the forward pass and the gradient of
 * {@link SteTrainer}, allocated once per run (no array is allocated per epoch).
 *
 * <p>Every product is laid out so that its innermost loop runs over whole row arrays with one
 * independent sum per element and the same index in every array (the form the JIT turns into
 * vector instructions), and every element is still summed in the order the element-by-element
 * definitions give, so the results are bit for bit those of the plain loops whatever the number of
 * threads: the forward pass runs over neurons with the weights transposed; a hidden layer's 0/1
 * output enters the next layer as the list of its firing neurons (additions only, none for silent
 * neurons: their terms are exact zeros); the weight gradients accumulate in transposed rows, four
 * terms per pass. Rows, neurons or inputs are split into contiguous blocks, one per thread (one per
 * core, fewer for a small run: see {@link #threads}), each element computed by one thread; the
 * weights' transposes, the gradient's rows and the firing lists by input are split the same way.
 *
 * <p>One responsibility, kept in one class on purpose (it is longer than the style guide's usual
 * size): every kernel reads and writes the same preallocated buffers of one run, and splitting the
 * forward, backward and update kernels apart would pass those arrays between classes on the hot path.
 */
final class SteWorkspace {

    private static final int FORWARD = 0;
    private static final int HEAD = 1;
    private static final int WEIGHTS = 2;
    private static final int BACK = 3;
    private static final int LAYOUT = 4;
    /**
     * Multiply-adds of one forward pass per thread: a run whose forward pass is smaller runs on fewer
     * threads (handing a phase to another thread costs more than it saves on such small products).
     */
    static final long WORK_PER_THREAD = 4_000_000;
    /** Side of the square tiles in which weights are transposed (both tiles stay in the first-level cache). */
    private static final int TILE = 16;

    private final SteTrainer.Model model;
    private final double[][] x;
    private final int n;
    private final int classes;
    private final int layers;
    /** Per layer, the weights transposed: in + 1 rows of m (the bias row last). */
    private final double[][][] transposed;
    /** Per layer above the first, the weights as m rows of in + 1. */
    private final double[][][] weightRows;
    /** Per layer, n rows of m pre-activations; the last hidden layer's n rows of m 0/1 activations. */
    private final double[][][] z;
    private final double[][][] a;
    /** Per layer, the firing neurons of each row (ascending) and their counts. */
    private final int[][][] firing;
    private final int[][] fired;
    /** Per layer below the last, the rows in which each neuron fired (ascending) and their counts. */
    private final int[][][] firedIn;
    private final int[][] firedCount;
    private final double[][] f;
    private final double[][] g;
    /** Per layer, the surrogate δ: n rows of m. */
    private final double[][][] delta;
    /** Per layer, the weight gradient transposed: in + 1 rows of m. */
    private final double[][][] gradientT;
    /** α transposed (C rows of m) of the last hidden layer and s_j α_jc (m x C). */
    private final double[][] alphaT;
    private final double[] scaled;
    /** Per output, Σ over firing rows of g (C rows of m); per neuron, Σ over firing rows of Σ_c g α. */
    private final double[][] outputSums;
    private final double[] amplitudeSums;
    /** Per block: four partial-sum rows, a row of Σ_c g α, inputs by residue and their counts. */
    private final double[][][] partial;
    private final double[][] dots;
    private final int[][][] byResidue;
    private final int[][] residueCounts;
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
        this.x = x;
        this.n = x.length;
        this.classes = model.classes;
        this.layers = model.widths.length;
        transposed = new double[layers][][];
        weightRows = new double[layers][][];
        gradientT = new double[layers][][];
        z = new double[layers][][];
        a = new double[layers][][];
        firing = new int[layers][][];
        fired = new int[layers][];
        firedIn = new int[layers][][];
        firedCount = new int[layers][];
        delta = new double[layers][][];
        int widest = 0;
        int widestInput = 0;
        for (int k = 0; k < layers; k++) {
            int m = model.widths[k];
            int in = model.inputs[k];
            widest = Math.max(widest, m);
            widestInput = Math.max(widestInput, in);
            transposed[k] = new double[in + 1][m];
            gradientT[k] = new double[in + 1][m];
            weightRows[k] = k == 0 ? null : new double[m][in + 1];
            z[k] = new double[n][m];
            a[k] = k == layers - 1 ? new double[n][m] : null;
            firing[k] = new int[n][m];
            fired[k] = new int[n];
            firedIn[k] = k == layers - 1 ? null : new int[m][n];
            firedCount[k] = k == layers - 1 ? null : new int[m];
            delta[k] = new double[n][m];
        }
        f = new double[classes][n];
        g = new double[classes][n];
        int last = model.widths[layers - 1];
        alphaT = new double[classes][last];
        scaled = new double[last * classes];
        outputSums = new double[classes][last];
        amplitudeSums = new double[last];
        int count = Math.max(1, Math.min(threads, Math.min(8, n)));
        partial = new double[count][4][widest];
        dots = new double[count][last];
        byResidue = new int[count][4][widestInput];
        residueCounts = new int[count][4];
        blocks = new Block[count];
        for (int b = 0; b < count; b++) {
            blocks[b] = new Block(b);
        }
        gradient = model.zeroCopy();
        pass = new SteTrainer.Pass(f, this);
    }

    /** The forward pass on the model's current parameters (the returned pass is this workspace's). */
    SteTrainer.Pass forward() {
        run(LAYOUT);
        for (int k = 0; k < layers; k++) {
            layer = k;
            run(FORWARD);
        }
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
                int[] list = firing[last][i];
                int count = fired[last][i];
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
     * Layer k's weights for neurons [from, to) transposed (in square tiles, both in the first-level
     * cache) and, above the first layer, copied as rows.
     */
    private void layout(int k, int from, int to) {
        int columns = model.inputs[k] + 1;
        double[] w = model.weights[k];
        double[][] wt = transposed[k];
        for (int j0 = from; j0 < to; j0 += TILE) {
            int j1 = Math.min(to, j0 + TILE);
            for (int l0 = 0; l0 < columns; l0 += TILE) {
                int l1 = Math.min(columns, l0 + TILE);
                for (int j = j0; j < j1; j++) {
                    int offset = j * columns;
                    for (int l = l0; l < l1; l++) {
                        wt[l][j] = w[offset + l];
                    }
                }
            }
        }
        if (k > 0) {
            for (int j = from; j < to; j++) {
                System.arraycopy(w, j * columns, weightRows[k][j], 0, columns);
            }
        }
    }

    /** For neurons [from, to) of layer k, the rows in which each fired, ascending. */
    private void columnsOf(int k, int from, int to) {
        int[][] rows = firedIn[k];
        int[] counts = firedCount[k];
        Arrays.fill(counts, from, to, 0);
        for (int i = 0; i < n; i++) {
            int[] list = firing[k][i];
            int count = fired[k][i];
            int t = from == 0 ? 0 : Arrays.binarySearch(list, 0, count, from);
            for (t = t < 0 ? -t - 1 : t; t < count; t++) {
                int j = list[t];
                if (j >= to) {
                    break;
                }
                rows[j][counts[j]++] = i;
            }
        }
    }

    /** Layer k's weight gradient rows for neurons [from, to): the transposed sums plus β w, in tiles. */
    private void untranspose(int k, int from, int to) {
        int columns = model.inputs[k] + 1;
        double[] w = model.weights[k];
        double[] gw = gradient.weights[k];
        double[][] gt = gradientT[k];
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
            if (k > 0) {
                run(BACK);
            }
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
            case FORWARD -> {
                int from = split(n, index, count);
                int to = split(n, index + 1, count);
                if (layer == 0) {
                    forwardDense(from, to);
                } else {
                    forwardBinary(from, to, partial[index], byResidue[index], residueCounts[index]);
                }
            }
            case LAYOUT -> {
                for (int k = 0; k < layers; k++) {
                    int m = model.widths[k];
                    layout(k, split(m, index, count), split(m, index + 1, count));
                }
            }
            case HEAD -> {
                int m = model.widths[layers - 1];
                head(split(m, index, count), split(m, index + 1, count), dots[index]);
                for (int k = 0; k < layers - 1; k++) { // the lists the binary weight gradients read
                    int width = model.widths[k];
                    columnsOf(k, split(width, index, count), split(width, index + 1, count));
                }
            }
            case WEIGHTS -> {
                if (layer == 0) {
                    int m = model.widths[0];
                    int from = split(m, index, count);
                    int to = split(m, index + 1, count);
                    weightsDense(from, to);
                    untranspose(0, from, to);
                } else {
                    int columns = model.inputs[layer] + 1;
                    weightsBinary(split(columns, index, count), split(columns, index + 1, count));
                }
            }
            case BACK -> {
                back(split(n, index, count), split(n, index + 1, count));
                int m = model.widths[layer]; // the layer's gradient rows: its sums are complete
                untranspose(layer, split(m, index, count), split(m, index + 1, count));
            }
            default -> throw new IllegalStateException("phase " + phase);
        }
    }

    private static int split(int total, int index, int count) {
        return (int) ((long) total * index / count);
    }

    /**
     * z_ij = b_j + Σ_l w_jl x_il, added in the order of l; four rows per pass, so each transposed
     * weight row is read once for four rows.
     */
    private void forwardDense(int from, int to) {
        int m = model.widths[0];
        int in = model.inputs[0];
        double[][] wt = transposed[0];
        double[] bias = wt[in];
        double[][] zs = z[0];
        int i = from;
        for (; i + 3 < to; i += 4) {
            double[] r0 = x[i];
            double[] r1 = x[i + 1];
            double[] r2 = x[i + 2];
            double[] r3 = x[i + 3];
            double[] z0 = zs[i];
            double[] z1 = zs[i + 1];
            double[] z2 = zs[i + 2];
            double[] z3 = zs[i + 3];
            System.arraycopy(bias, 0, z0, 0, m);
            System.arraycopy(bias, 0, z1, 0, m);
            System.arraycopy(bias, 0, z2, 0, m);
            System.arraycopy(bias, 0, z3, 0, m);
            int l = 0;
            for (; l + 1 < in; l += 2) {
                double[] wa = wt[l];
                double[] wb = wt[l + 1];
                double a0 = r0[l];
                double a1 = r1[l];
                double a2 = r2[l];
                double a3 = r3[l];
                double b0 = r0[l + 1];
                double b1 = r1[l + 1];
                double b2 = r2[l + 1];
                double b3 = r3[l + 1];
                for (int j = 0; j < m; j++) {
                    double u = wa[j];
                    double v = wb[j];
                    double s0 = z0[j];
                    double s1 = z1[j];
                    double s2 = z2[j];
                    double s3 = z3[j];
                    s0 += u * a0;
                    s1 += u * a1;
                    s2 += u * a2;
                    s3 += u * a3;
                    s0 += v * b0;
                    s1 += v * b1;
                    s2 += v * b2;
                    s3 += v * b3;
                    z0[j] = s0;
                    z1[j] = s1;
                    z2[j] = s2;
                    z3[j] = s3;
                }
            }
            for (; l < in; l++) {
                double[] wa = wt[l];
                double a0 = r0[l];
                double a1 = r1[l];
                double a2 = r2[l];
                double a3 = r3[l];
                for (int j = 0; j < m; j++) {
                    double u = wa[j];
                    z0[j] += u * a0;
                    z1[j] += u * a1;
                    z2[j] += u * a2;
                    z3[j] += u * a3;
                }
            }
            for (int r = i; r < i + 4; r++) {
                activate(r);
            }
        }
        for (; i < to; i++) {
            double[] row = x[i];
            double[] zi = zs[i];
            System.arraycopy(bias, 0, zi, 0, m);
            for (int l = 0; l < in; l++) {
                double xl = row[l];
                double[] w0 = wt[l];
                for (int j = 0; j < m; j++) {
                    zi[j] += w0[j] * xl;
                }
            }
            activate(i);
        }
    }

    /**
     * z_ij = b_j + ((s0 + s1) + (s2 + s3)) with s_r the sum of w_jl over the firing inputs l with
     * l mod 4 = r (the tail past the last multiple of four in s0), in the order of l: the four partial
     * sums of the dense product, with the silent inputs' zero terms left out.
     */
    private void forwardBinary(int from, int to, double[][] sums, int[][] lists, int[] sizes) {
        int m = model.widths[layer];
        int in = model.inputs[layer];
        int main = in - in % 4;
        double[][] wt = transposed[layer];
        double[] bias = wt[in];
        for (int i = from; i < to; i++) {
            Arrays.fill(sizes, 0);
            int[] list = firing[layer - 1][i];
            int count = fired[layer - 1][i];
            for (int t = 0; t < count; t++) {
                int l = list[t];
                int r = l < main ? (l & 3) : 0;
                lists[r][sizes[r]++] = l;
            }
            for (int r = 0; r < 4; r++) {
                double[] s = sums[r];
                Arrays.fill(s, 0, m, 0.0);
                int[] inputs = lists[r];
                int stop = sizes[r];
                int t = 0;
                for (; t + 3 < stop; t += 4) {
                    double[] w0 = wt[inputs[t]];
                    double[] w1 = wt[inputs[t + 1]];
                    double[] w2 = wt[inputs[t + 2]];
                    double[] w3 = wt[inputs[t + 3]];
                    for (int j = 0; j < m; j++) {
                        double sum = s[j];
                        sum += w0[j];
                        sum += w1[j];
                        sum += w2[j];
                        sum += w3[j];
                        s[j] = sum;
                    }
                }
                for (; t < stop; t++) {
                    double[] w0 = wt[inputs[t]];
                    for (int j = 0; j < m; j++) {
                        s[j] += w0[j];
                    }
                }
            }
            double[] s0 = sums[0];
            double[] s1 = sums[1];
            double[] s2 = sums[2];
            double[] s3 = sums[3];
            double[] zi = z[layer][i];
            for (int j = 0; j < m; j++) {
                double sum = bias[j];
                sum += (s0[j] + s1[j]) + (s2[j] + s3[j]);
                zi[j] = sum;
            }
            activate(i);
        }
    }

    /**
     * Row i's firing list (and, in the last hidden layer, its 0/1 activations), from its
     * pre-activations (still in cache). Neuron j fires when z_ij >= 0 (not for NaN).
     */
    private void activate(int i) {
        int m = model.widths[layer];
        double[] zi = z[layer][i];
        int[] list = firing[layer][i];
        int count = 0;
        boolean nan = false;
        if (layer == layers - 1) {
            double[] ai = a[layer][i];
            for (int j = 0; j < m; j++) {
                // branch-free 1{z >= 0}: the sign bit of z + 0 (+0 for −0 too); NaN is redone below
                double v = zi[j];
                int fires = (int) (~Double.doubleToRawLongBits(v + 0.0) >>> 63);
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
        } else {
            // layers below the last need only the list
            for (int j = 0; j < m; j++) {
                list[count] = j;
                count += zi[j] >= 0 ? 1 : 0;
            }
        }
        fired[layer][i] = count;
    }

    /**
     * For neurons [from, to) of the last hidden layer: the sums over firing rows behind the output
     * and amplitude gradients, and δ_ij = s_j (Σ_c g_ci α_jc) φ'(z_ij).
     */
    private void head(int from, int to, double[] dot) {
        int last = layers - 1;
        double[] s = model.amplitudes;
        for (int c = 0; c < classes; c++) {
            Arrays.fill(outputSums[c], from, to, 0.0);
        }
        Arrays.fill(amplitudeSums, from, to, 0.0);
        for (int i = 0; i < n; i++) {
            double[] ai = a[last][i];
            double[] zi = z[last][i];
            double[] di = delta[last][i];
            if (classes == 1) {
                // the loops below fused for one output (the same operations on each element)
                double gc = g[0][i];
                double[] sums = outputSums[0];
                double[] alpha = alphaT[0];
                for (int j = from; j < to; j++) {
                    double aij = ai[j];
                    double dt = 0.0;
                    sums[j] += aij * gc;
                    dt += gc * alpha[j];
                    dot[j] = dt;
                    amplitudeSums[j] += aij * dt;
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
            if (surrogate == Surrogate.STE) {
                for (int j = from; j < to; j++) {
                    di[j] = s[j] * dot[j];
                }
            } else {
                for (int j = from; j < to; j++) {
                    di[j] = s[j] * dot[j] * surrogate.derivative(zi[j]);
                }
            }
        }
    }

    /**
     * The first layer's transposed weight gradient for neurons [from, to): Σ_i δ_ij x_il over rows in
     * order (x_i,d = 1 for the bias).
     */
    private void weightsDense(int from, int to) {
        int in = model.inputs[0];
        double[][] gt = gradientT[0];
        double[][] d = delta[0];
        for (int l = 0; l <= in; l++) {
            Arrays.fill(gt[l], from, to, 0.0);
        }
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double[] r0 = x[i];
            double[] r1 = x[i + 1];
            double[] r2 = x[i + 2];
            double[] r3 = x[i + 3];
            double[] d0 = d[i];
            double[] d1 = d[i + 1];
            double[] d2 = d[i + 2];
            double[] d3 = d[i + 3];
            for (int l = 0; l <= in; l++) {
                double x0 = l < in ? r0[l] : 1.0;
                double x1 = l < in ? r1[l] : 1.0;
                double x2 = l < in ? r2[l] : 1.0;
                double x3 = l < in ? r3[l] : 1.0;
                double[] out = gt[l];
                for (int j = from; j < to; j++) {
                    double sum = out[j];
                    sum += d0[j] * x0;
                    sum += d1[j] * x1;
                    sum += d2[j] * x2;
                    sum += d3[j] * x3;
                    out[j] = sum;
                }
            }
        }
        for (; i < n; i++) {
            double[] row = x[i];
            double[] di = d[i];
            for (int l = 0; l <= in; l++) {
                double xl = l < in ? row[l] : 1.0;
                double[] out = gt[l];
                for (int j = from; j < to; j++) {
                    out[j] += di[j] * xl;
                }
            }
        }
    }

    /**
     * A later layer's transposed weight gradient for inputs [from, to) (the bias as input {@code in},
     * firing in every row): the sum of δ_i over the rows i where input l fired, in the order of the
     * rows.
     */
    private void weightsBinary(int from, int to) {
        int m = model.widths[layer];
        int in = model.inputs[layer];
        double[][] gt = gradientT[layer];
        double[][] d = delta[layer];
        int[][] rowsOf = firedIn[layer - 1];
        int[] counts = firedCount[layer - 1];
        for (int l = from; l < to; l++) {
            double[] out = gt[l];
            Arrays.fill(out, 0, m, 0.0);
            boolean bias = l == in;
            int[] rows = bias ? null : rowsOf[l];
            int count = bias ? n : counts[l];
            int t = 0;
            for (; t + 3 < count; t += 4) {
                double[] d0 = d[bias ? t : rows[t]];
                double[] d1 = d[bias ? t + 1 : rows[t + 1]];
                double[] d2 = d[bias ? t + 2 : rows[t + 2]];
                double[] d3 = d[bias ? t + 3 : rows[t + 3]];
                for (int j = 0; j < m; j++) {
                    double sum = out[j];
                    sum += d0[j];
                    sum += d1[j];
                    sum += d2[j];
                    sum += d3[j];
                    out[j] = sum;
                }
            }
            for (; t < count; t++) {
                double[] d0 = d[bias ? t : rows[t]];
                for (int j = 0; j < m; j++) {
                    out[j] += d0[j];
                }
            }
        }
    }

    /**
     * δ of the layer below for rows [from, to): (Σ_j δ_ij w_jl, in the order of j) φ'(z_il). Four rows
     * and four neurons per pass, so each weight row is read once for four rows.
     */
    private void back(int from, int to) {
        int m = model.widths[layer];
        int in = model.inputs[layer];
        double[][] w = weightRows[layer];
        double[][] d = delta[layer];
        double[][] below = delta[layer - 1];
        int i = from;
        for (; i + 3 < to; i += 4) {
            double[] b0 = below[i];
            double[] b1 = below[i + 1];
            double[] b2 = below[i + 2];
            double[] b3 = below[i + 3];
            double[] d0 = d[i];
            double[] d1 = d[i + 1];
            double[] d2 = d[i + 2];
            double[] d3 = d[i + 3];
            Arrays.fill(b0, 0, in, 0.0);
            Arrays.fill(b1, 0, in, 0.0);
            Arrays.fill(b2, 0, in, 0.0);
            Arrays.fill(b3, 0, in, 0.0);
            int j = 0;
            for (; j + 1 < m; j += 2) {
                double[] wa = w[j];
                double[] wb = w[j + 1];
                double v0a = d0[j];
                double v1a = d1[j];
                double v2a = d2[j];
                double v3a = d3[j];
                double v0b = d0[j + 1];
                double v1b = d1[j + 1];
                double v2b = d2[j + 1];
                double v3b = d3[j + 1];
                for (int l = 0; l < in; l++) {
                    double x = wa[l];
                    double y = wb[l];
                    double t0 = b0[l];
                    double t1 = b1[l];
                    double t2 = b2[l];
                    double t3 = b3[l];
                    t0 += v0a * x;
                    t1 += v1a * x;
                    t2 += v2a * x;
                    t3 += v3a * x;
                    t0 += v0b * y;
                    t1 += v1b * y;
                    t2 += v2b * y;
                    t3 += v3b * y;
                    b0[l] = t0;
                    b1[l] = t1;
                    b2[l] = t2;
                    b3[l] = t3;
                }
            }
            for (; j < m; j++) {
                double[] wa = w[j];
                double v0 = d0[j];
                double v1 = d1[j];
                double v2 = d2[j];
                double v3 = d3[j];
                for (int l = 0; l < in; l++) {
                    double x = wa[l];
                    b0[l] += v0 * x;
                    b1[l] += v1 * x;
                    b2[l] += v2 * x;
                    b3[l] += v3 * x;
                }
            }
        }
        for (; i < to; i++) {
            double[] b0 = below[i];
            double[] d0 = d[i];
            Arrays.fill(b0, 0, in, 0.0);
            for (int j = 0; j < m; j++) {
                double[] wa = w[j];
                double v0 = d0[j];
                for (int l = 0; l < in; l++) {
                    b0[l] += v0 * wa[l];
                }
            }
        }
        if (surrogate != Surrogate.STE) {
            for (int r = from; r < to; r++) {
                double[] b = below[r];
                double[] zb = z[layer - 1][r];
                for (int l = 0; l < in; l++) {
                    b[l] *= surrogate.derivative(zb[l]);
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
