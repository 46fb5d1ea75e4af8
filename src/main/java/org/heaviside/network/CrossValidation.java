package org.heaviside.network;

import org.heaviside.arrangement.AffineSpan;
import org.heaviside.arrangement.PatternMatrix;
import org.heaviside.data.Dataset;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Split;
import org.heaviside.data.TargetEncoding;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.ConvergenceListener;
import org.heaviside.solver.LassoProblem;
import org.heaviside.solver.LassoSolver;
import org.heaviside.solver.Loss;
import org.heaviside.solver.SolverResult;

/**
 * k-fold cross-validation of the beta ratio over a regularization path (docs/method.md section 5):
 * seeded folds of the training rows (stratified for classes); on each fold the patterns are built
 * from the fold's training part, the path of ratios (largest first) is solved with warm starts, each
 * solution becomes a network, and the network's mean loss on the held-out part is recorded.
 *
 * <p>The validation loss is the training loss per row on held-out rows (squared: ½ Σ_c (f − y)²;
 * logistic: log(1 + e^{−yf})); for classes the misclassification rate is kept too. The best ratio
 * has the lowest mean loss; the one-standard-error ratio is the largest ratio whose mean loss is
 * within one standard error of the best (the sparser network; Hastie, Tibshirani and Friedman, The
 * Elements of Statistical Learning, 2nd ed., section 7.10). The path solves carry no certificate, and
 * the validation networks keep their patterns' generating hyperplanes.
 *
 * @param folds             k
 * @param ratios            beta / beta_max, largest first
 * @param meanLoss          mean over folds of the validation loss per row
 * @param standardError     standard deviation over folds / √k
 * @param meanError         mean misclassification rate (NaN for regression)
 * @param meanNeurons       mean width m* of the networks
 * @param best              index of the lowest mean loss
 * @param oneStandardError  index chosen by the one-standard-error rule
 */
public record CrossValidation(int folds, double[] ratios, double[] meanLoss, double[] standardError,
                              double[] meanError, double[] meanNeurons, int best, int oneStandardError) {

    /** Ratios from 1 to 1e-4, three per decade. */
    public static double[] defaultRatios() {
        double[] ratios = new double[13];
        for (int k = 0; k < ratios.length; k++) {
            ratios[k] = Math.pow(10, -k / 3.0);
        }
        return ratios;
    }

    /** The ratio the one-standard-error rule picks. */
    public double chosenRatio() {
        return ratios[oneStandardError];
    }

    /**
     * Runs k-fold cross-validation on the training part of {@code data}.
     *
     * @param ratios beta ratios, any order (sorted largest first)
     */
    public static CrossValidation run(PreparedData data, ConvexOptions options, int k, double[] ratios, long seed,
                                      ProgressListener progress, Cancellation cancellation) {
        double[] path = ratios.clone();
        java.util.Arrays.sort(path);
        for (int i = 0; i < path.length / 2; i++) {
            double swap = path[i];
            path[i] = path[path.length - 1 - i];
            path[path.length - 1 - i] = swap;
        }
        for (double ratio : path) {
            if (!(ratio > 0)) {
                throw new IllegalArgumentException("Beta ratios must be positive, not " + ratio + ".");
            }
        }
        Dataset train = data.train();
        TargetEncoding encoding = data.preprocessor().target();
        Loss loss = options.loss();
        double[][] y = ConvexTrainer.targets(train, encoding).values();
        int n = train.size();
        int[] fold = Split.folds(n, train.classes(), k, seed);
        double[] rowWeights = options.classWeights().rowWeights(train, encoding);
        double[][] losses = new double[path.length][k];
        double[][] errors = new double[path.length][k];
        double[][] neurons = new double[path.length][k];
        int steps = k * path.length;
        for (int f = 0; f < k; f++) {
            int[] fit = rows(fold, f, false);
            int[] held = rows(fold, f, true);
            double[][] xFit = select(train.x(), fit);
            double[][] yFit = targets(y, fit);
            double[][] xHeld = select(train.x(), held);
            double[][] yHeld = targets(y, held);
            PatternMatrix h = ConvexTrainer.patterns(xFit, AffineSpan.of(xFit), options, cancellation).matrix();
            double[] wFit = null;
            if (rowWeights != null) {
                wFit = new double[fit.length];
                for (int i = 0; i < fit.length; i++) {
                    wFit[i] = rowWeights[fit[i]];
                }
            }
            LassoProblem problem = new LassoProblem(h, yFit, wFit);
            double betaMax = problem.penaltyMax(loss);
            LassoSolver solver = LassoSolver.of(loss, options.solver());
            double[] warm = null;
            for (int r = 0; r < path.length; r++) {
                cancellation.check();
                progress.progress(f * path.length + r, steps, String.format(java.util.Locale.ROOT,
                        "Cross-validation fold %d of %d, ratio %.3g", f + 1, k, path[r]));
                SolverResult result = solver.solve(problem, new Penalty.Ratio(path[r]).beta(betaMax), warm, ConvergenceListener.NONE,
                        cancellation);
                warm = result.weights();
                // the sampled hyperplanes (an exact linear program only where a pattern has none): fitting
                // maximum margins for every fold and ratio would cost more than the path itself
                ThresholdNetwork network = Reconstruction.build(h, result, xFit, false).network();
                double[][] out = network.predict(xHeld);
                losses[r][f] = validationLoss(out, yHeld, loss);
                errors[r][f] = encoding.task() == org.heaviside.data.TaskKind.REGRESSION ? Double.NaN
                        : errorRate(out, yHeld);
                neurons[r][f] = network.width();
            }
        }
        progress.progress(steps, steps, "Cross-validation done");
        double[] mean = new double[path.length];
        double[] se = new double[path.length];
        double[] error = new double[path.length];
        double[] width = new double[path.length];
        int best = 0;
        for (int r = 0; r < path.length; r++) {
            mean[r] = mean(losses[r]);
            double variance = 0;
            for (double v : losses[r]) {
                variance += (v - mean[r]) * (v - mean[r]) / (k - 1);
            }
            se[r] = Math.sqrt(variance / k);
            error[r] = mean(errors[r]);
            width[r] = mean(neurons[r]);
            if (mean[r] < mean[best]) {
                best = r;
            }
        }
        int chosen = best;
        for (int r = 0; r <= best; r++) {
            if (mean[r] <= mean[best] + se[best]) {
                chosen = r;
                break;
            }
        }
        return new CrossValidation(k, path, mean, se, error, width, best, chosen);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    private static int[] rows(int[] fold, int f, boolean inFold) {
        int count = 0;
        for (int v : fold) {
            if ((v == f) == inFold) {
                count++;
            }
        }
        int[] rows = new int[count];
        int at = 0;
        for (int i = 0; i < fold.length; i++) {
            if ((fold[i] == f) == inFold) {
                rows[at++] = i;
            }
        }
        return rows;
    }

    private static double[][] select(double[][] x, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = x[rows[i]];
        }
        return out;
    }

    /** Selects entries of C target arrays. */
    private static double[][] targets(double[][] y, int[] rows) {
        double[][] out = new double[y.length][rows.length];
        for (int c = 0; c < y.length; c++) {
            for (int i = 0; i < rows.length; i++) {
                out[c][i] = y[c][rows[i]];
            }
        }
        return out;
    }

    private static double validationLoss(double[][] out, double[][] y, Loss loss) {
        double[][] f = new double[y.length][out.length];
        for (int i = 0; i < out.length; i++) {
            for (int c = 0; c < y.length; c++) {
                f[c][i] = out[i][c];
            }
        }
        return loss.value(y, f) / out.length;
    }

    /** Share of rows whose predicted class (sign, or the largest output) differs from the target's. */
    private static double errorRate(double[][] out, double[][] y) {
        int wrong = 0;
        for (int i = 0; i < out.length; i++) {
            if (y.length == 1) {
                if ((out[i][0] >= 0) != (y[0][i] > 0)) {
                    wrong++;
                }
            } else {
                int predicted = 0;
                int actual = 0;
                for (int c = 1; c < y.length; c++) {
                    if (out[i][c] > out[i][predicted]) {
                        predicted = c;
                    }
                    if (y[c][i] > y[actual][i]) {
                        actual = c;
                    }
                }
                if (predicted != actual) {
                    wrong++;
                }
            }
        }
        return (double) wrong / out.length;
    }
}
