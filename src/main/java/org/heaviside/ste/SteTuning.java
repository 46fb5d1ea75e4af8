package org.heaviside.ste;

import java.util.Arrays;
import java.util.Map;
import org.heaviside.data.Dataset;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Split;
import org.heaviside.data.TaskKind;
import org.heaviside.network.DeepNetwork;
import org.heaviside.network.Metrics;
import org.heaviside.network.OperatingPoint;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;

/**
 * The fair baseline of method.md section 11: a seeded stratified share of the training rows is held
 * out as validation rows; each step size of a grid trains on the other rows for half the epochs and
 * is judged by the held-out metric (at the operating point the rule chooses on the validation scores,
 * for two classes); the best step size (the smaller of equals) then trains on all training rows for
 * the full budget. The operating point of the final network is the cut the rule chose on the
 * validation scores of the chosen step size's network, so it is chosen on rows that network did not
 * train on, as the convex model's is chosen on out-of-fold scores.
 */
public final class SteTuning {

    /** The step sizes tried. */
    public static final double[] GRID = {0.001, 0.003, 0.01, 0.03, 0.1};
    /** The share of the training rows held out to choose the step size and the cut. */
    public static final double VALIDATION_SHARE = 0.2;

    private SteTuning() {
    }

    /**
     * A tuned baseline.
     *
     * @param result       the network trained on all training rows (its own metrics at t = 0)
     * @param learningRate the step size it trained with
     * @param validation   the held-out metric of each grid value (in grid order; empty when not tuned)
     * @param point        its operating point (ZERO unless a rule is set for two classes)
     * @param train        training metrics at the operating point
     * @param test         test metrics at the operating point
     * @param millis       the whole time: the grid's trials and the final training
     */
    public record Outcome(SteResult result, double learningRate, double[] validation, OperatingPoint point,
                          Map<String, Double> train, Map<String, Double> test, long millis) {
    }

    /**
     * Trains a baseline: with {@code grid} of two or more values the step size is chosen on validation
     * rows by {@code metric} (a key of the metrics maps; "rmse" is smaller-better, the others
     * larger-better), else {@code options}' step size is used; with a rule other than ZERO on a
     * two-class target the cut is chosen on validation scores.
     */
    public static Outcome train(PreparedData data, double beta, SteOptions options, double[] grid, String metric,
                                OperatingPoint.Rule rule, double missedCost, double falseAlarmCost,
                                ProgressListener progress, Cancellation cancellation) {
        boolean binary = data.preprocessor().target().isBinary();
        boolean cut = binary && rule != OperatingPoint.Rule.ZERO;
        boolean tune = grid.length > 1;
        if (!tune && !cut) {
            SteResult result = SteTrainer.train(data, beta, options, progress, cancellation);
            return new Outcome(result, options.learningRate(), new double[0], OperatingPoint.ZERO, result.train(),
                    result.test(), result.millis());
        }
        long start = System.nanoTime();
        PreparedData split = validationSplit(data, options.seed());
        double[] rates = tune ? grid : new double[] {options.learningRate()};
        int epochs = tune ? Math.max(1, options.epochs() / 2) : options.epochs();
        double[] scores = new double[rates.length];
        int best = -1;
        OperatingPoint point = OperatingPoint.ZERO;
        boolean smaller = metric.equals("rmse");
        for (int r = 0; r < rates.length; r++) {
            SteResult trial = SteTrainer.train(split, beta, options.with(rates[r], epochs), ProgressListener.NONE,
                    cancellation);
            OperatingPoint trialPoint = cut ? choose(trial.network(), split.test(), rule, missedCost, falseAlarmCost)
                    : OperatingPoint.ZERO;
            Map<String, Double> held = cut ? Metrics.binaryAt(trial.network(), split.test(), trialPoint.threshold())
                    : trial.test();
            scores[r] = held.getOrDefault(metric, Double.NaN);
            boolean better = best < 0 || (!Double.isNaN(scores[r]) && (Double.isNaN(scores[best])
                    || (smaller ? scores[r] < scores[best] : scores[r] > scores[best])));
            if (better) {
                best = r;
                point = trialPoint;
            }
        }
        double rate = rates[best];
        SteResult result = SteTrainer.train(data, beta, options.with(rate, options.epochs()), progress, cancellation);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!cut) {
            return new Outcome(result, rate, tune ? scores : new double[0], point, result.train(), result.test(),
                    millis);
        }
        Map<String, Double> test = data.test().size() == 0 ? Map.of()
                : Metrics.binaryAt(result.network(), data.test(), point.threshold());
        return new Outcome(result, rate, tune ? scores : new double[0], point,
                Metrics.binaryAt(result.network(), data.train(), point.threshold()), test, millis);
    }

    /** The cut the rule chooses on a network's scores of the rows. */
    static OperatingPoint choose(DeepNetwork network, Dataset rows, OperatingPoint.Rule rule, double missedCost,
                                 double falseAlarmCost) {
        double[][] out = network.predict(rows.x());
        double[] scores = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            scores[i] = out[i][0];
        }
        return OperatingPoint.choose(scores, rows.y(), rule, missedCost, falseAlarmCost);
    }

    /**
     * The training rows split into fitting rows (as train) and validation rows (as test): a seeded
     * share of {@link #VALIDATION_SHARE}, stratified by class for class targets.
     */
    static PreparedData validationSplit(PreparedData data, long seed) {
        Dataset train = data.train();
        boolean classes = data.preprocessor().target().task() != TaskKind.REGRESSION;
        boolean[] held = Split.testRows(train.size(), classes ? train.classes() : null, VALIDATION_SHARE, seed);
        return new PreparedData(data.preprocessor(), subset(train, held, false), subset(train, held, true),
                data.warnings());
    }

    private static Dataset subset(Dataset rows, boolean[] held, boolean which) {
        int[] keep = java.util.stream.IntStream.range(0, held.length).filter(i -> held[i] == which).toArray();
        double[][] x = new double[keep.length][];
        double[] y = new double[keep.length];
        int[] classes = rows.classes() == null ? null : new int[keep.length];
        int[] ids = rows.rows() == null ? null : new int[keep.length];
        for (int k = 0; k < keep.length; k++) {
            int i = keep[k];
            x[k] = rows.x()[i];
            y[k] = rows.y()[i];
            if (classes != null) {
                classes[k] = rows.classes()[i];
            }
            if (ids != null) {
                ids[k] = rows.rows()[i];
            }
        }
        return new Dataset(rows.name(), rows.features(), x, y, classes, ids);
    }

    /** The grid as text for notes: "0.001, 0.003, ...". */
    public static String describe(double[] grid) {
        return String.join(", ", Arrays.stream(grid).mapToObj(v -> String.format(java.util.Locale.ROOT, "%.3g", v))
                .toList());
    }
}
