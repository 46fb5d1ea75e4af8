package org.heaviside.ste;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.heaviside.data.Dataset;
import org.heaviside.data.PaperSynthetic;
import org.heaviside.data.PreparedData;
import org.heaviside.network.ConvexTrainer;
import org.heaviside.network.DeepNetwork;
import org.heaviside.network.ThresholdNetwork;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.Loss;

/**
 * Trains a two- or three-layer threshold network by a straight-through estimator (docs/method.md
 * section 8): the forward pass uses the exact step, the backward pass a {@link Surrogate}; full-batch
 * gradient descent (step halved on a plateau) or Adam on the training problem of section 2,
 * L(f(X), Y) + (β/2)(Σ_k ‖W_k‖² + ‖s‖² + ‖α‖²), with the same β as the convex run. Steps are taken
 * on that objective divided by n (the mean loss, as the paper's PyTorch code does), so the paper's
 * step size 0.01 means the same here; the minimizers are the same. The last hidden
 * layer has amplitudes s; earlier layers output 0/1. The network is judged by its effective
 * objective J = L + β Σ_j |s_j| ‖α_j‖₂, recorded with the metrics every few epochs.
 *
 * <p>Deterministic for a seed: the work is split over rows or neurons (both cores), but every sum is
 * taken in the same order whatever the number of threads.
 */
public final class SteTrainer {

    private SteTrainer() {
    }

    /** Parameters: hidden layers' weights (bias last, row-major m_k x (in_k + 1)), amplitudes, outputs. */
    static final class Model {
        final int[] inputs;
        final int[] widths;
        final double[][] weights;
        final double[] amplitudes;
        final double[] outputs; // m_K x C
        final int classes;

        Model(int[] inputs, int[] widths, int classes) {
            this.inputs = inputs;
            this.widths = widths;
            this.classes = classes;
            this.weights = new double[widths.length][];
            for (int k = 0; k < widths.length; k++) {
                weights[k] = new double[widths[k] * (inputs[k] + 1)];
            }
            this.amplitudes = new double[widths[widths.length - 1]];
            this.outputs = new double[amplitudes.length * classes];
        }

        Model zeroCopy() {
            return new Model(inputs, widths, classes);
        }

        /** Every parameter array, in a fixed order. */
        double[][] tensors() {
            double[][] all = new double[weights.length + 2][];
            System.arraycopy(weights, 0, all, 0, weights.length);
            all[weights.length] = amplitudes;
            all[weights.length + 1] = outputs;
            return all;
        }

        int last() {
            return widths.length - 1;
        }
    }

    /** A forward pass: pre-activations z and 0/1 activations per hidden layer (row-major n x m), outputs f. */
    static final class Pass {
        final double[][] z;
        final double[][] a;
        final double[][] f; // C x n

        Pass(double[][] z, double[][] a, double[][] f) {
            this.z = z;
            this.a = a;
            this.f = f;
        }
    }

    /** A network initialized from the seed: N(0, 1/(fan-in + 1)) weights, unit amplitudes, N(0, 1/m) outputs. */
    static Model initialize(int d, int[] widths, int classes, long seed) {
        int[] inputs = new int[widths.length];
        inputs[0] = d;
        for (int k = 1; k < widths.length; k++) {
            inputs[k] = widths[k - 1];
        }
        Model model = new Model(inputs, widths, classes);
        SplittableRandom random = new SplittableRandom(seed);
        for (int k = 0; k < widths.length; k++) {
            double scale = 1.0 / Math.sqrt(inputs[k] + 1.0);
            for (int i = 0; i < model.weights[k].length; i++) {
                model.weights[k][i] = scale * PaperSynthetic.gaussian(random);
            }
        }
        java.util.Arrays.fill(model.amplitudes, 1.0);
        double scale = 1.0 / Math.sqrt(model.amplitudes.length);
        for (int i = 0; i < model.outputs.length; i++) {
            model.outputs[i] = scale * PaperSynthetic.gaussian(random);
        }
        return model;
    }

    /** The forward pass on rows x. */
    static Pass forward(Model model, double[][] x) {
        int n = x.length;
        int layers = model.widths.length;
        double[][] z = new double[layers][];
        double[][] a = new double[layers][];
        for (int k = 0; k < layers; k++) {
            int m = model.widths[k];
            int in = model.inputs[k];
            double[] w = model.weights[k];
            double[] zk = new double[n * m];
            double[] ak = new double[n * m];
            double[] previous = k == 0 ? null : a[k - 1];
            IntStream.range(0, n).parallel().forEach(i -> {
                for (int j = 0; j < m; j++) {
                    int base = j * (in + 1);
                    double sum = w[base + in];
                    if (previous == null) {
                        double[] row = x[i];
                        for (int l = 0; l < in; l++) {
                            sum += w[base + l] * row[l];
                        }
                    } else {
                        sum += dot(w, base, previous, i * in, in);
                    }
                    zk[i * m + j] = sum;
                    ak[i * m + j] = sum >= 0 ? 1.0 : 0.0;
                }
            });
            z[k] = zk;
            a[k] = ak;
        }
        int m = model.widths[model.last()];
        int classes = model.classes;
        double[] last = a[model.last()];
        double[][] f = new double[classes][n];
        IntStream.range(0, n).parallel().forEach(i -> {
            for (int j = 0; j < m; j++) {
                if (last[i * m + j] != 0) {
                    for (int c = 0; c < classes; c++) {
                        f[c][i] += model.amplitudes[j] * model.outputs[j * classes + c];
                    }
                }
            }
        });
        return new Pass(z, a, f);
    }

    /** Σ_l a[from + l] · b[offset + l] over {@code length} terms, with four partial sums (fixed order). */
    private static double dot(double[] a, int from, double[] b, int offset, int length) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int l = 0;
        for (; l + 3 < length; l += 4) {
            s0 += a[from + l] * b[offset + l];
            s1 += a[from + l + 1] * b[offset + l + 1];
            s2 += a[from + l + 2] * b[offset + l + 2];
            s3 += a[from + l + 3] * b[offset + l + 3];
        }
        for (; l < length; l++) {
            s0 += a[from + l] * b[offset + l];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** ∂L/∂f: f − y (squared) or −y σ(−y f) (logistic). */
    static double[][] lossGradient(double[][] targets, double[][] f, Loss loss) {
        double[][] direction = loss.direction(targets, f); // −∇L
        for (double[] column : direction) {
            for (int i = 0; i < column.length; i++) {
                column[i] = -column[i];
            }
        }
        return direction;
    }

    /** The gradient of the training problem (with weight decay β) by the surrogate, shaped as the model. */
    static Model gradient(Model model, Pass pass, double[][] x, double[][] targets, double beta, Loss loss,
                          Surrogate surrogate) {
        int n = x.length;
        int classes = model.classes;
        Model grad = model.zeroCopy();
        double[][] g = lossGradient(targets, pass.f, loss);
        int last = model.last();
        int m = model.widths[last];
        double[] a = pass.a[last];
        // output weights and amplitudes
        IntStream.range(0, m).parallel().forEach(j -> {
            for (int c = 0; c < classes; c++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    if (a[i * m + j] != 0) {
                        sum += g[c][i];
                    }
                }
                grad.outputs[j * classes + c] = model.amplitudes[j] * sum + beta * model.outputs[j * classes + c];
            }
            double sum = 0;
            for (int i = 0; i < n; i++) {
                if (a[i * m + j] != 0) {
                    double dot = 0;
                    for (int c = 0; c < classes; c++) {
                        dot += g[c][i] * model.outputs[j * classes + c];
                    }
                    sum += dot;
                }
            }
            grad.amplitudes[j] = sum + beta * model.amplitudes[j];
        });
        // δ of the last hidden layer, neuron-major (m x n)
        double[] lastDelta = new double[m * n];
        double[] zLast = pass.z[last];
        IntStream.range(0, m).parallel().forEach(j -> {
            for (int i = 0; i < n; i++) {
                double dot = 0;
                for (int c = 0; c < classes; c++) {
                    dot += g[c][i] * model.outputs[j * classes + c];
                }
                lastDelta[j * n + i] = model.amplitudes[j] * dot * surrogate.derivative(zLast[i * m + j]);
            }
        });
        double[] delta = lastDelta;
        for (int k = last; k >= 0; k--) {
            int width = model.widths[k];
            int in = model.inputs[k];
            double[] w = model.weights[k];
            double[] gw = grad.weights[k];
            double[] input = k == 0 ? null : pass.a[k - 1];
            double[] d = delta;
            IntStream.range(0, width).parallel().forEach(j -> {
                int base = j * (in + 1);
                for (int i = 0; i < n; i++) {
                    double v = d[j * n + i];
                    if (v == 0) {
                        continue;
                    }
                    if (input == null) {
                        double[] row = x[i];
                        for (int l = 0; l < in; l++) {
                            gw[base + l] += v * row[l];
                        }
                    } else {
                        int offset = i * in;
                        for (int l = 0; l < in; l++) {
                            gw[base + l] += v * input[offset + l];
                        }
                    }
                    gw[base + in] += v;
                }
                for (int l = 0; l <= in; l++) {
                    gw[base + l] += beta * w[base + l];
                }
            });
            if (k > 0) {
                // δ of layer k−1: (δ_k W_k[:, :in]) ⊙ φ'(z_{k−1}), neuron-major
                double[] zPrevious = pass.z[k - 1];
                double[] next = new double[in * n];
                IntStream.range(0, in).parallel().forEach(l -> {
                    int row = l * n;
                    for (int j = 0; j < width; j++) {
                        double weight = w[j * (in + 1) + l];
                        int column = j * n;
                        for (int i = 0; i < n; i++) {
                            next[row + i] += d[column + i] * weight;
                        }
                    }
                    for (int i = 0; i < n; i++) {
                        next[row + i] *= surrogate.derivative(zPrevious[i * in + l]);
                    }
                });
                delta = next;
            }
        }
        return grad;
    }

    /** L(f, Y) + (β/2)(Σ‖W‖² + ‖s‖² + ‖α‖²): what the baseline minimizes. */
    static double trainingObjective(Model model, Pass pass, double[][] targets, double beta, Loss loss) {
        double squares = 0;
        for (double[] tensor : model.tensors()) {
            for (double v : tensor) {
                squares += v * v;
            }
        }
        return loss.value(targets, pass.f) + 0.5 * beta * squares;
    }

    /** J = L(f, Y) + β Σ_j |s_j| ‖α_j‖₂: what every network is judged by. */
    static double effectiveObjective(Model model, Pass pass, double[][] targets, double beta, Loss loss) {
        return loss.value(targets, pass.f) + beta * penalty(model);
    }

    private static double penalty(Model model) {
        double sum = 0;
        for (int j = 0; j < model.amplitudes.length; j++) {
            double norm = 0;
            for (int c = 0; c < model.classes; c++) {
                double v = model.outputs[j * model.classes + c];
                norm += v * v;
            }
            sum += Math.abs(model.amplitudes[j]) * Math.sqrt(norm);
        }
        return sum;
    }

    /** The model as a {@link DeepNetwork} (earlier layers, then the last hidden layer and the output). */
    static DeepNetwork network(Model model) {
        List<double[][]> layers = new ArrayList<>();
        for (int k = 0; k < model.widths.length - 1; k++) {
            layers.add(rows(model.weights[k], model.widths[k], model.inputs[k] + 1));
        }
        int last = model.last();
        int m = model.widths[last];
        double[][] alphas = rows(model.outputs, m, model.classes);
        return new DeepNetwork(layers, new ThresholdNetwork(rows(model.weights[last], m, model.inputs[last] + 1),
                model.amplitudes.clone(), alphas));
    }

    private static double[][] rows(double[] flat, int rows, int columns) {
        double[][] out = new double[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = java.util.Arrays.copyOfRange(flat, r * columns, (r + 1) * columns);
        }
        return out;
    }

    /** Trains on the prepared data with penalty β. */
    public static SteResult train(PreparedData data, double beta, SteOptions options, ProgressListener progress,
                                  Cancellation cancellation) {
        Dataset train = data.train();
        double[][] x = train.x();
        ConvexTrainer.Targets targets = ConvexTrainer.targets(train, data.preprocessor().target());
        double[][] y = targets.values();
        int[] widths = options.layers() == 2 ? new int[] {options.width1()}
                : new int[] {options.width1(), options.width2()};
        Model model = initialize(train.width(), widths, y.length, options.seed());
        double[][] tensors = model.tensors();
        double[][] first = null;
        double[][] second = null;
        if (options.optimizer() == Optimizer.ADAM) {
            first = new double[tensors.length][];
            second = new double[tensors.length][];
            for (int t = 0; t < tensors.length; t++) {
                first[t] = new double[tensors[t].length];
                second[t] = new double[tensors[t].length];
            }
        }
        double rate = options.learningRate();
        double best = Double.POSITIVE_INFINITY;
        int since = 0;
        int halvings = 0;
        List<CurvePoint> curve = new ArrayList<>();
        long start = System.nanoTime();
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            cancellation.check();
            Pass pass = forward(model, x);
            double objective = trainingObjective(model, pass, y, beta, options.loss());
            if (epoch % options.recordEvery() == 0) {
                curve.add(point(epoch, start, model, pass, y, beta, options, data, targets));
            }
            if (objective < best * (1 - 1e-4)) {
                best = objective;
                since = 0;
            } else if (++since >= options.patience() && options.optimizer() == Optimizer.SGD) {
                rate *= 0.5;
                halvings++;
                since = 0;
            }
            Model grad = gradient(model, pass, x, y, beta, options.loss(), options.surrogate());
            double[][] g = grad.tensors();
            double perRow = 1.0 / x.length; // steps on the objective divided by n: the mean loss
            if (first == null) {
                for (int t = 0; t < tensors.length; t++) {
                    double[] p = tensors[t];
                    double[] d = g[t];
                    for (int i = 0; i < p.length; i++) {
                        p[i] -= rate * perRow * d[i];
                    }
                }
            } else {
                double c1 = 1 - Math.pow(0.9, epoch + 1);
                double c2 = 1 - Math.pow(0.999, epoch + 1);
                for (int t = 0; t < tensors.length; t++) {
                    double[] p = tensors[t];
                    double[] d = g[t];
                    double[] m1 = first[t];
                    double[] m2 = second[t];
                    for (int i = 0; i < p.length; i++) {
                        double step = perRow * d[i];
                        m1[i] = 0.9 * m1[i] + 0.1 * step;
                        m2[i] = 0.999 * m2[i] + 0.001 * step * step;
                        p[i] -= rate * (m1[i] / c1) / (Math.sqrt(m2[i] / c2) + 1e-8);
                    }
                }
            }
            progress.progress(epoch + 1, options.epochs(), "Epoch " + (epoch + 1));
        }
        Pass pass = forward(model, x);
        curve.add(point(options.epochs(), start, model, pass, y, beta, options, data, targets));
        long millis = (System.nanoTime() - start) / 1_000_000;
        DeepNetwork network = network(model);
        double objective = effectiveObjective(model, pass, y, beta, options.loss());
        CurvePoint end = curve.get(curve.size() - 1);
        return new SteResult(options.surrogate().id(), network, objective,
                trainingObjective(model, pass, y, beta, options.loss()), end.train(), end.test(), curve, millis,
                options.epochs(), halvings, targets.mean(), targets.scale());
    }

    private static CurvePoint point(int epoch, long start, Model model, Pass pass, double[][] y, double beta,
                                    SteOptions options, PreparedData data, ConvexTrainer.Targets targets) {
        double seconds = (System.nanoTime() - start) / 1e9;
        double objective = effectiveObjective(model, pass, y, beta, options.loss());
        DeepNetwork network = network(model);
        Map<String, Double> train = evaluate(network, data.train(), data, targets);
        Map<String, Double> test = data.test().size() == 0 ? Map.of() : evaluate(network, data.test(), data, targets);
        return new CurvePoint(epoch, seconds, objective, train, test);
    }

    /** Metrics of a deep network on rows. */
    public static Map<String, Double> evaluate(DeepNetwork network, Dataset rows, PreparedData data,
                                               ConvexTrainer.Targets targets) {
        return ConvexTrainer.evaluate(network, rows, data.preprocessor().target(), targets);
    }
}
