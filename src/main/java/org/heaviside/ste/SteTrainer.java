package org.heaviside.ste;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
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
 * objective J = L + β Σ_j |s_j| ‖α_j‖₂, recorded with the metrics every few epochs. With row weights
 * (the options' class weights, as the convex program's) L is Σ_i w_i ℓ_i in the objective, its gradient
 * and J alike (docs/method.md section 10).
 *
 * <p>Deterministic for a seed: the work is split over rows or neurons (over the cores, except for a
 * small run), but every sum is taken in the same order whatever the number of threads. As PyTorch
 * does, the hidden layers train in single precision (pre-activations, δ and weight-gradient sums in
 * float; the parameters, the outputs, the loss and its gradient stay double: {@link SteWorkspace});
 * J, the training objective and the metrics of every curve point and of the result are computed in
 * double precision from the weights, as for every other network ({@link DeepNetwork}).
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

    /** A forward pass: the outputs f (C x n); the hidden layers' values stay in the workspace that made it. */
    static final class Pass {
        final double[][] f;
        final SteWorkspace workspace;

        Pass(double[][] f, SteWorkspace workspace) {
            this.f = f;
            this.workspace = workspace;
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

    /** The forward pass on rows x (a fresh workspace; training reuses one). */
    static Pass forward(Model model, double[][] x) {
        return new SteWorkspace(model, x).forward();
    }

    /**
     * The gradient of the training problem (with weight decay β) by the surrogate at {@code pass},
     * shaped as the model (owned by the pass's workspace: valid until its next gradient).
     */
    static Model gradient(Model model, Pass pass, double[][] x, double[][] targets, double beta, Loss loss,
                          Surrogate surrogate) {
        return gradient(model, pass, targets, (double[]) null, beta, loss, surrogate);
    }

    /** {@link #gradient(Model, Pass, double[][], double[][], double, Loss, Surrogate)} of the row-weighted loss. */
    static Model gradient(Model model, Pass pass, double[][] targets, double[] rowWeights, double beta, Loss loss,
                          Surrogate surrogate) {
        return pass.workspace.gradient(targets, rowWeights, beta, loss, surrogate);
    }

    /** L(f, Y) + (β/2)(Σ‖W‖² + ‖s‖² + ‖α‖²): what the baseline minimizes. */
    static double trainingObjective(Model model, Pass pass, double[][] targets, double beta, Loss loss) {
        return trainingObjective(model, pass, targets, null, beta, loss);
    }

    /** The training objective with the row-weighted loss Σ_i w_i ℓ_i (unweighted when the weights are null). */
    static double trainingObjective(Model model, Pass pass, double[][] targets, double[] rowWeights, double beta,
                                    Loss loss) {
        return trainingObjective(model.tensors(), pass, targets, rowWeights, beta, loss);
    }

    private static double trainingObjective(double[][] tensors, Pass pass, double[][] targets, double[] rowWeights,
                                            double beta, Loss loss) {
        return loss.value(targets, pass.f, rowWeights) + 0.5 * beta * squares(tensors);
    }

    /** Σ of the squared parameters, in four partial sums (elements by their index mod 4) added in the end. */
    static double squares(double[][] tensors) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (double[] tensor : tensors) {
            int i = 0;
            for (; i + 3 < tensor.length; i += 4) {
                s0 += tensor[i] * tensor[i];
                s1 += tensor[i + 1] * tensor[i + 1];
                s2 += tensor[i + 2] * tensor[i + 2];
                s3 += tensor[i + 3] * tensor[i + 3];
            }
            for (; i < tensor.length; i++) {
                s0 += tensor[i] * tensor[i];
            }
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * J = Σ_i w_i ℓ(f_i, y_i) + β Σ_j |s_j| ‖α_j‖₂ (docs/method.md section 10; unweighted when the
     * weights are null): what every network is judged by, convex or not.
     */
    static double effectiveObjective(Model model, Pass pass, double[][] targets, double[] rowWeights, double beta,
                                     Loss loss) {
        return loss.value(targets, pass.f, rowWeights) + beta * penalty(model);
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
        double[] w = options.classWeights().rowWeights(train, data.preprocessor().target());
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
        SteWorkspace workspace = new SteWorkspace(model, x);
        double[][] g = null;
        int report = Math.max(1, options.epochs() / 200);
        for (int epoch = 0; epoch < options.epochs(); epoch++) {
            cancellation.check();
            Pass pass = workspace.forward();
            double objective = trainingObjective(tensors, pass, y, w, beta, options.loss());
            if (epoch % options.recordEvery() == 0) {
                curve.add(point(epoch, start, model, y, w, beta, options, data, targets));
            }
            if (objective < best * (1 - 1e-4)) {
                best = objective;
                since = 0;
            } else if (++since >= options.patience() && options.optimizer() == Optimizer.SGD) {
                rate *= 0.5;
                halvings++;
                since = 0;
            }
            Model grad = workspace.gradient(y, w, beta, options.loss(), options.surrogate());
            if (g == null) {
                g = grad.tensors();
            }
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
            if ((epoch + 1) % report == 0 || epoch + 1 == options.epochs()) {
                progress.progress(epoch + 1, options.epochs(), "Epoch " + (epoch + 1));
            }
        }
        curve.add(point(options.epochs(), start, model, y, w, beta, options, data, targets));
        long millis = (System.nanoTime() - start) / 1_000_000;
        DeepNetwork network = network(model);
        // J and the training objective of the final weights in double precision, as every network's
        Pass pass = new Pass(outputs(network, x, y.length), null);
        double objective = effectiveObjective(model, pass, y, w, beta, options.loss());
        CurvePoint end = curve.get(curve.size() - 1);
        return new SteResult(options.surrogate().id(), network, objective,
                trainingObjective(model, pass, y, w, beta, options.loss()), end.train(), end.test(), curve, millis,
                options.epochs(), halvings, targets.mean(), targets.scale());
    }

    /** The network's outputs on rows x, C arrays of n (double precision throughout). */
    private static double[][] outputs(DeepNetwork network, double[][] x, int classes) {
        double[][] rows = network.predictRows(x);
        double[][] f = new double[classes][x.length];
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < classes; c++) {
                f[c][i] = rows[i][c];
            }
        }
        return f;
    }

    private static CurvePoint point(int epoch, long start, Model model, double[][] y, double[] w,
                                    double beta, SteOptions options, PreparedData data,
                                    ConvexTrainer.Targets targets) {
        double seconds = (System.nanoTime() - start) / 1e9;
        DeepNetwork network = network(model);
        double objective = network.objective(data.train().x(), y, beta, options.loss(), w);
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
