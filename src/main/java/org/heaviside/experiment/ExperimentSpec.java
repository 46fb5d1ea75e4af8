package org.heaviside.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.heaviside.network.ClassWeights;
import org.heaviside.network.OperatingPoint;
import org.heaviside.solver.Loss;
import org.heaviside.ste.Optimizer;
import org.heaviside.ste.Surrogate;
import org.heaviside.workflow.Preset;

/**
 * An experiment: data set, preprocessing, split, methods and seeds (docs/method.md sections 8 and 9).
 * Saved with its results, so that a results file re-runs.
 *
 * @param name          a title
 * @param dataset       a CSV path, or {@link #PAPER} for the synthetic data of method.md section 9
 *                      (generated from {@code splitSeed}, with its own 100/2000 split; anew for every
 *                      seed when {@code resampleSplit})
 * @param target        the target column (ignored for the paper data)
 * @param drop          columns to ignore
 * @param positive      the +1 class, or null for the minority class
 * @param rows          only the first rows of the file, or null for all
 * @param testFraction  share of rows held out
 * @param splitSeed     seed of the split when it is fixed
 * @param resampleSplit whether each seed also draws its own split (then the corrected resampled
 *                      t-test replaces the Wilcoxon test)
 * @param loss          the training loss
 * @param beta          absolute penalty, or null for {@code betaRatio}
 * @param betaRatio     penalty as a share of max(Σ y₊, Σ y₋) (β_max over all patterns), when beta is null
 * @param patterns      sampled directions of the convex two-layer program (and of the deep Lasso)
 * @param certify       whether convex runs search for a certificate
 * @param methods       method names: convex, convex-deep, ste, relu, leaky-relu, clipped-relu
 * @param layers        2 or 3
 * @param seeds         number of seeds K
 * @param firstSeed     the first seed; seeds are firstSeed .. firstSeed + K − 1
 * @param epochs        STE epochs
 * @param learningRate  STE step size
 * @param optimizer     the STE optimizer
 * @param width1        STE first hidden width
 * @param width2        STE second hidden width (three layers); 0 for the number of training rows
 * @param recordEvery   STE curve point every this many epochs
 * @param csv           import settings of the file, or null to detect them
 * @param classWeight   row weights per class of every method's loss, the convex programs' and the STE
 *                      baselines' alike ({@link ClassWeights#parse}); "none"
 *                      for files written before row weights existed
 * @param tuneLearningRate whether each baseline's Adam step size is chosen on validation rows from
 *                      {@link org.heaviside.ste.SteTuning#GRID} (method.md section 11; user data), instead
 *                      of {@code learningRate}
 * @param pointRule     how a two-class comparison chooses each network's operating point: the convex run
 *                      on out-of-fold scores, each baseline on its validation rows (ZERO: the sign)
 * @param missedCost    cost of a missed positive (expected-cost rule)
 * @param falseAlarmCost cost of a false alarm (expected-cost rule)
 * @param preset        the {@link Preset} of the convex runs ("paper" for files written before presets):
 *                      paper trains at the shared β; recommended trains the two-layer program as
 *                      {@code train --preset recommended} does (β by cross-validation on the task's metric,
 *                      data-anchored patterns) first and gives the baselines the β it chose
 */
public record ExperimentSpec(String name, String dataset, String target, List<String> drop, String positive,
                             Integer rows, double testFraction, long splitSeed, boolean resampleSplit, Loss loss,
                             Double beta, Double betaRatio, int patterns, boolean certify, List<String> methods,
                             int layers, int seeds, long firstSeed, int epochs, double learningRate, Optimizer optimizer,
                             int width1, int width2, int recordEvery,
                             org.heaviside.data.CsvSettings csv, String classWeight, boolean tuneLearningRate,
                             OperatingPoint.Rule pointRule, double missedCost, double falseAlarmCost, String preset) {

    /** The dataset name of the paper preset. */
    public static final String PAPER = "paper";
    /** The two-layer convex program (or the deep Lasso for three layers). */
    public static final String CONVEX = "convex";
    /** The three-layer shattering program. */
    public static final String CONVEX_DEEP = "convex-deep";

    /** A specification without row weights (class weight none). */
    public ExperimentSpec(String name, String dataset, String target, List<String> drop, String positive,
                          Integer rows, double testFraction, long splitSeed, boolean resampleSplit, Loss loss,
                          Double beta, Double betaRatio, int patterns, boolean certify, List<String> methods,
                          int layers, int seeds, long firstSeed, int epochs, double learningRate, Optimizer optimizer,
                          int width1, int width2, int recordEvery, org.heaviside.data.CsvSettings csv) {
        this(name, dataset, target, drop, positive, rows, testFraction, splitSeed, resampleSplit, loss, beta, betaRatio,
                patterns, certify, methods, layers, seeds, firstSeed, epochs, learningRate, optimizer, width1, width2,
                recordEvery, csv, null);
    }

    /** An experiment with the paper preset's convex runs. */
    public ExperimentSpec(String name, String dataset, String target, List<String> drop, String positive,
                          Integer rows, double testFraction, long splitSeed, boolean resampleSplit, Loss loss,
                          Double beta, Double betaRatio, int patterns, boolean certify, List<String> methods,
                          int layers, int seeds, long firstSeed, int epochs, double learningRate, Optimizer optimizer,
                          int width1, int width2, int recordEvery, org.heaviside.data.CsvSettings csv,
                          String classWeight, boolean tuneLearningRate, OperatingPoint.Rule pointRule,
                          double missedCost, double falseAlarmCost) {
        this(name, dataset, target, drop, positive, rows, testFraction, splitSeed, resampleSplit, loss, beta,
                betaRatio, patterns, certify, methods, layers, seeds, firstSeed, epochs, learningRate, optimizer,
                width1, width2, recordEvery, csv, classWeight, tuneLearningRate, pointRule, missedCost,
                falseAlarmCost, null);
    }

    /** Checks and copies. */
    public ExperimentSpec {
        preset = preset == null ? Preset.PAPER.id() : Preset.parse(preset).id();
        classWeight = classWeight == null ? ClassWeights.NONE.id() : ClassWeights.parse(classWeight).id();
        drop = drop == null ? List.of() : List.copyOf(drop);
        methods = List.copyOf(methods);
        if (layers != 2 && layers != 3) {
            throw new IllegalArgumentException("Comparisons use 2 or 3 layers; got " + layers + ".");
        }
        if (seeds < 1) {
            throw new IllegalArgumentException("The number of seeds must be at least 1; got " + seeds + ".");
        }
        for (String method : methods) {
            String m = method.toLowerCase(Locale.ROOT);
            if (!m.equals(CONVEX) && !m.equals(CONVEX_DEEP) && Surrogate.find(m) == null) {
                throw new IllegalArgumentException("Unknown method '" + method
                        + "'; expected convex, convex-deep, ste, relu, leaky-relu or clipped-relu.");
            }
            if (m.equals(CONVEX_DEEP) && layers != 3) {
                throw new IllegalArgumentException("convex-deep is the three-layer shattering program; set the number of layers to 3.");
            }
        }
        java.util.Objects.requireNonNull(loss, "loss");
        java.util.Objects.requireNonNull(optimizer, "optimizer");
        if (beta == null && betaRatio == null) {
            throw new IllegalArgumentException("Give beta or betaRatio.");
        }
        pointRule = pointRule == null ? OperatingPoint.Rule.ZERO : pointRule;
        if (pointRule == OperatingPoint.Rule.EXPECTED_COST && !(missedCost > 0 || falseAlarmCost > 0)) {
            throw new IllegalArgumentException("The expected-cost operating point needs the costs (--costs "
                    + "missed=C1,false-alarm=C2).");
        }
    }

    /** An experiment with a fixed STE step size and the sign as every network's operating point. */
    public ExperimentSpec(String name, String dataset, String target, List<String> drop, String positive,
                          Integer rows, double testFraction, long splitSeed, boolean resampleSplit, Loss loss,
                          Double beta, Double betaRatio, int patterns, boolean certify, List<String> methods,
                          int layers, int seeds, long firstSeed, int epochs, double learningRate, Optimizer optimizer,
                          int width1, int width2, int recordEvery, org.heaviside.data.CsvSettings csv,
                          String classWeight) {
        this(name, dataset, target, drop, positive, rows, testFraction, splitSeed, resampleSplit, loss, beta,
                betaRatio, patterns, certify, methods, layers, seeds, firstSeed, epochs, learningRate, optimizer,
                width1, width2, recordEvery, csv, classWeight, false, OperatingPoint.Rule.ZERO, 0, 0);
    }

    /** A copy with the baselines' step size chosen on validation rows (or not) and an operating-point rule. */
    public ExperimentSpec withFairBaseline(boolean tune, OperatingPoint.Rule rule, double missed, double falseAlarm) {
        return new ExperimentSpec(name, dataset, target, drop, positive, rows, testFraction, splitSeed, resampleSplit,
                loss, beta, betaRatio, patterns, certify, methods, layers, seeds, firstSeed, epochs, learningRate,
                optimizer, width1, width2, recordEvery, csv, classWeight, tune, rule, missed, falseAlarm, preset);
    }

    /** A copy whose convex runs use the named {@link Preset}. */
    public ExperimentSpec withPreset(Preset value) {
        return new ExperimentSpec(name, dataset, target, drop, positive, rows, testFraction, splitSeed, resampleSplit,
                loss, beta, betaRatio, patterns, certify, methods, layers, seeds, firstSeed, epochs, learningRate,
                optimizer, width1, width2, recordEvery, csv, classWeight, tuneLearningRate, pointRule, missedCost,
                falseAlarmCost, value.id());
    }

    /** The default methods: the convex program(s) for the depth and the four STE baselines. */
    public static List<String> defaultMethods(int layers) {
        List<String> methods = new ArrayList<>(layers == 2 ? List.of(CONVEX) : List.of(CONVEX_DEEP));
        for (Surrogate surrogate : Surrogate.values()) {
            methods.add(surrogate.id());
        }
        return methods;
    }

    /**
     * The paper's experiment (method.md section 9): synthetic data, β = 1e−3·n = 0.1, 1000 sampled
     * directions, STE width 1000 (and n for the second layer), 2000 epochs of gradient descent at
     * step 0.01.
     */
    public static ExperimentSpec paper(int layers, int seeds, int epochs) {
        return new ExperimentSpec("Ergen et al. (ICLR 2023), synthetic, " + layers + " layers", PAPER, "y", List.of(),
                "1", null, 0, 1, false, Loss.SQUARED, 0.1, null, 1000, true, defaultMethods(layers), layers, seeds, 1,
                epochs, 0.01, Optimizer.SGD, 1000, 0, 50, null);
    }

    /** The convex method that the others are measured against. */
    public String reference() {
        if (methods.contains(CONVEX_DEEP)) {
            return CONVEX_DEEP;
        }
        return methods.contains(CONVEX) ? CONVEX : methods.get(0);
    }

    /** The STE methods. */
    public List<Surrogate> baselines() {
        List<Surrogate> out = new ArrayList<>();
        for (String method : methods) {
            Surrogate surrogate = Surrogate.find(method);
            if (surrogate != null) {
                out.add(surrogate);
            }
        }
        return out;
    }

    /** A copy with another number of layers and its default methods kept if they were the defaults. */
    public ExperimentSpec withLayers(int value) {
        List<String> m = methods.equals(defaultMethods(layers)) ? defaultMethods(value) : methods;
        return new ExperimentSpec(name.replace(layers + " layers", value + " layers"), dataset, target, drop, positive,
                rows, testFraction, splitSeed, resampleSplit, loss, beta, betaRatio, patterns, certify, m, value, seeds,
                firstSeed, epochs, learningRate, optimizer, width1, width2, recordEvery, csv, classWeight,
                tuneLearningRate, pointRule, missedCost, falseAlarmCost, preset);
    }
}
