package org.heaviside.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.heaviside.conditions.Condition;
import org.heaviside.conditions.Conditions;
import org.heaviside.data.Dataset;
import org.heaviside.data.PreparedData;
import org.heaviside.data.TaskKind;
import org.heaviside.deep.DeepOptions;
import org.heaviside.deep.DeepResult;
import org.heaviside.deep.DeepTrainer;
import org.heaviside.deep.ShatteringProgram;
import org.heaviside.network.ClassWeights;
import org.heaviside.network.ConvexOptions;
import org.heaviside.network.ConvexResult;
import org.heaviside.network.ConvexTrainer;
import org.heaviside.network.CrossValidation;
import org.heaviside.network.Metrics;
import org.heaviside.network.OperatingPoint;
import org.heaviside.network.Penalty;
import org.heaviside.network.TrainedModel;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.run.Provenance;
import org.heaviside.solver.ConvergenceListener;
import org.heaviside.solver.Loss;

/**
 * The training use case: one entry point from a {@link TrainingRequest} and {@link TrainingData}
 * to a model with its evidence, used by {@code train}, the workbench's Train page, experiments and
 * benchmarks. It resolves a cross-validated penalty, runs the program the request names, gathers
 * the conditions, and builds the provenance (the one place it is built for a trained model).
 */
public final class Training {

    private Training() {
    }

    /** Trains as requested, reporting progress and the convergence trace, stopping when cancelled. */
    public static TrainingResult train(TrainingData data, TrainingRequest request, ProgressListener progress,
                                       ConvergenceListener convergence, Cancellation cancellation) {
        return train(data, request, List.of(), progress, convergence, cancellation);
    }

    /**
     * Trains as requested with the patterns of extra first-layer hyperplanes (d + 1 weights, bias
     * last) added to the two-layer program's dictionary, such as a baseline network's hidden neurons.
     */
    public static TrainingResult train(TrainingData data, TrainingRequest request, List<double[]> extraHyperplanes,
                                       ProgressListener progress, ConvergenceListener convergence,
                                       Cancellation cancellation) {
        return train(data, request, ConvexEngine.LOCAL, extraHyperplanes, progress, convergence, cancellation);
    }

    /**
     * Trains on an engine ({@link ConvexEngine#LOCAL} or a cluster's): the two-layer program only, at a
     * given penalty and with the sign as the cut unless the engine is the local one (cross-validation
     * and the operating point's out-of-fold scores would train locally).
     */
    public static TrainingResult train(TrainingData data, TrainingRequest request, ConvexEngine engine,
                                       List<double[]> extraHyperplanes, ProgressListener progress,
                                       ConvergenceListener convergence, Cancellation cancellation) {
        if (engine != ConvexEngine.LOCAL) {
            if (request.method() != Method.TWO_LAYER) {
                throw new IllegalArgumentException("This engine trains the two-layer program only; the deep "
                        + "programs run on the local engine.");
            }
            if (request.penalty() instanceof Penalty.CrossValidated
                    || request.pointRule() != OperatingPoint.Rule.ZERO) {
                throw new IllegalArgumentException("This engine trains at a given penalty with the sign as the cut; "
                        + "cross-validation and the operating point run on the local engine (give --beta-ratio or "
                        + "--beta, and --operating-point zero; --preset paper sets both).");
            }
        }
        PreparedData prepared = data.prepared();
        CrossValidation cv = null;
        Penalty penalty = request.penalty();
        if (penalty instanceof Penalty.CrossValidated folds) {
            cv = crossValidate(data, request, folds.folds(), progress, cancellation);
            penalty = new Penalty.Ratio(cv.chosenRatio());
        }
        List<Condition> dataConditions = data.table() == null ? List.of() : Conditions.data(data.table(), prepared);
        String loss = request.loss().id();
        if (request.method() == Method.TWO_LAYER) {
            ConvexResult result = engine.train(prepared, request.convexOptions(penalty), extraHyperplanes, progress,
                    convergence, cancellation);
            double[] pointScores = outOfFoldScores(data, request, cv, result.beta() / result.betaMax(), progress,
                    cancellation);
            OperatingPoint point = pointScores == null ? OperatingPoint.ZERO : OperatingPoint.choose(pointScores,
                    ConvexTrainer.targets(prepared.train(), prepared.preprocessor().target()).values()[0],
                    request.pointRule(), request.missedCost(), request.falseAlarmCost());
            List<Condition> conditions = Conditions.lasso("two-layer", prepared.trainRows(),
                    result.network().width(), result.patterns(), result.upperBound(), request.exact(),
                    result.solver().relativeGap(), result.certificate());
            Provenance provenance = provenance(data, request, cv, point, result.beta(), result.betaMax(),
                    timings("patterns", result.patternsMillis(), result.solveMillis()),
                    diagnostics(result.solver().sweeps(), result.solver().dualityGap(), result.solver().relativeGap(),
                            result.solver().status().id(), result.certificate().status()));
            TrainedModel model = TrainedModel.of(prepared, result, loss, provenance).withOperatingPoint(point)
                    .withClassWeight(request.classWeights().id());
            return new TrainingResult(request, data, model, result, null, cv, dataConditions, conditions, provenance,
                    metrics(prepared, model, prepared.train(), result.train()),
                    metrics(prepared, model, prepared.test(), result.test()), pointScores);
        }
        if (!extraHyperplanes.isEmpty()) {
            throw new IllegalArgumentException("Extra hyperplanes apply to the two-layer program only.");
        }
        DeepTrainer trainer = new DeepTrainer(request.deepOptions(penalty));
        DeepResult result = request.method() == Method.SHATTERING
                ? trainer.shattering(prepared, progress, cancellation)
                : trainer.deepLasso(prepared, progress, convergence, cancellation);
        // deep programs keep the sign as their cut: their out-of-fold scores would need the deep program per fold
        Provenance provenance = provenance(data, request, cv, OperatingPoint.ZERO, result.beta(), result.betaMax(),
                timings("layers", result.layersMillis(), result.solveMillis()),
                diagnostics(result.sweeps(), result.dualityGap(), result.relativeGap(), result.status(),
                        result.certificate().status()));
        return new TrainingResult(request, data, result.model(prepared, loss, provenance)
                .withClassWeight(request.classWeights().id()), null, result, cv,
                dataConditions, result.conditions(), provenance, result.train(), result.test(), null);
    }

    /**
     * The out-of-fold scores a two-class two-layer model's operating point is chosen on (method.md
     * section 10): those of the cross-validation that chose β when it ran, else of a 5-fold run at the
     * model's β ratio; null when the request keeps the sign (t = 0) or the target is not two classes.
     */
    private static double[] outOfFoldScores(TrainingData data, TrainingRequest request, CrossValidation cv,
                                            double ratio, ProgressListener progress, Cancellation cancellation) {
        PreparedData prepared = data.prepared();
        if (request.pointRule() == OperatingPoint.Rule.ZERO || !prepared.preprocessor().target().isBinary()) {
            return null;
        }
        double[][] outOfFold = cv != null ? cv.outOfFold() : CrossValidation.run(prepared,
                request.convexBuilder().certify(false).build(), Math.min(5, prepared.train().size()),
                new double[] {ratio}, request.seed(), CrossValidation.Settings.LOSS, progress, cancellation).outOfFold();
        double[] scores = new double[outOfFold.length];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = outOfFold[i][0];
        }
        return scores;
    }

    /** Two-class metrics at the model's operating point; the trainer's (at t = 0) otherwise. */
    private static Map<String, Double> metrics(PreparedData data, TrainedModel model, Dataset rows,
                                               Map<String, Double> atZero) {
        if (model.operatingPoint().threshold() == 0 || rows.size() == 0) {
            return atZero;
        }
        double[][] out = model.deepNetwork().predict(rows.x());
        double[] scores = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            scores[i] = out[i][0] - model.operatingPoint().threshold();
        }
        double[] labels = ConvexTrainer.targets(rows, data.preprocessor().target()).values()[0];
        return Metrics.binary(scores, labels);
    }

    /**
     * The checks of method.md section 7 known before training, on the training split: the data, the
     * two-layer program's (width and patterns unknown until a solve) and the shattering program's for
     * the request's layer-1 generator, width and seed.
     */
    public static List<Condition> conditionsBefore(TrainingData data, TrainingRequest request,
                                                   Cancellation cancellation) {
        PreparedData prepared = data.prepared();
        List<Condition> checks = new java.util.ArrayList<>(data.table() == null ? List.of()
                : Conditions.data(data.table(), prepared));
        checks.addAll(Conditions.lasso("two-layer", prepared.train().size(), -1, 0, "", false, Double.NaN, null));
        DeepOptions shattering = new DeepOptions(3, request.layer1(), request.width1(), request.reconstruction(),
                ConvexOptions.builder().seed(request.seed()).build());
        checks.addAll(new DeepTrainer(shattering).shatteringConditions(prepared, cancellation));
        return checks;
    }

    /**
     * k-fold cross-validation of the two-layer program over the default path of β ratios, seeded by
     * the request (the certificate search is not run inside the folds).
     */
    public static CrossValidation crossValidate(TrainingData data, TrainingRequest request, int folds,
                                                ProgressListener progress, Cancellation cancellation) {
        if (request.method() != Method.TWO_LAYER) {
            throw new IllegalArgumentException("Cross-validation chooses beta for two-layer networks; give beta or a "
                    + "beta ratio for " + request.layers() + " layers.");
        }
        boolean regression = data.prepared().preprocessor().target().task() == TaskKind.REGRESSION;
        return CrossValidation.run(data.prepared(), request.convexBuilder().build(), folds,
                CrossValidation.defaultRatios(), request.seed(), request.cvSettings(regression), progress,
                cancellation);
    }

    /**
     * β for a ratio of the β_max over all patterns, max(Σ y₊, Σ y₋) per output (the shattering
     * program's β_max): the one β that experiments give every method, convex and STE alike.
     */
    public static double betaOverAllPatterns(PreparedData data, Penalty penalty, Loss loss) {
        return betaOverAllPatterns(data, penalty, loss, ClassWeights.NONE);
    }

    /** {@link #betaOverAllPatterns(PreparedData, Penalty, Loss)} of the row-weighted programs. */
    public static double betaOverAllPatterns(PreparedData data, Penalty penalty, Loss loss, ClassWeights weights) {
        ConvexTrainer.Targets targets = ConvexTrainer.targets(data.train(), data.preprocessor().target());
        double[] rowWeights = weights.rowWeights(data.train(), data.preprocessor().target());
        return penalty.beta(ShatteringProgram.solve(targets.values(), 1.0, loss, rowWeights).betaMax());
    }

    private static Provenance provenance(TrainingData data, TrainingRequest request, CrossValidation cv,
                                         OperatingPoint point, double beta,
                                         double betaMax, Map<String, Long> timings, Map<String, String> diagnostics) {
        PreparedData prepared = data.prepared();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("target", prepared.preprocessor().target().column());
        parameters.put("positive", String.valueOf(prepared.preprocessor().target().positive()));
        parameters.put("drop", String.join(",", data.dropped()));
        parameters.put("preset", request.preset().id());
        parameters.put("presetChanged", String.join(",", request.preset().changes(request)));
        parameters.put("method", request.method().family());
        parameters.put("layers", Integer.toString(request.layers()));
        if (request.layers() > 2) {
            parameters.put("layer1", request.layer1().id());
            parameters.put("width1", Integer.toString(request.width1()));
            parameters.put("reconstruction", request.reconstruction().id());
        }
        parameters.put("loss", request.loss().id());
        parameters.put("classWeight", request.classWeights().id());
        parameters.put("beta", Double.toString(beta));
        parameters.put("betaRatio", Double.toString(beta / betaMax));
        parameters.put("cvFolds", cv == null ? "" : Integer.toString(cv.folds()));
        parameters.put("patterns", request.patternsText());
        parameters.put("anchored", Boolean.toString(request.anchored()));
        parameters.put("certify", Boolean.toString(request.certify()));
        parameters.put("testFraction", Double.toString(data.testFraction()));
        parameters.put("tolerance", Double.toString(request.tolerance()));
        if (cv != null) {
            parameters.put("cvMetric", cv.settings().metric().id());
            parameters.put("cvChoice", cv.settings().choice().id());
        }
        parameters.putAll(point.parameters());
        return Provenance.of(request.seed(), parameters, data.dataset(), data.sha256(), prepared.train().size(),
                prepared.preprocessor().steps().size(), timings, diagnostics);
    }

    private static Map<String, Long> timings(String build, long buildMillis, long solveMillis) {
        Map<String, Long> timings = new LinkedHashMap<>();
        timings.put(build, buildMillis);
        timings.put("solve", solveMillis);
        return timings;
    }

    private static Map<String, String> diagnostics(int sweeps, double gap, double relative, String status,
                                                   String certificate) {
        Map<String, String> diagnostics = new LinkedHashMap<>();
        diagnostics.put("sweeps", Integer.toString(sweeps));
        diagnostics.put("dualityGap", Double.toString(gap));
        diagnostics.put("relativeGap", Double.toString(relative));
        diagnostics.put("status", status);
        diagnostics.put("certificate", certificate);
        return diagnostics;
    }
}
