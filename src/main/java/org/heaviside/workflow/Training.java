package org.heaviside.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.heaviside.conditions.Condition;
import org.heaviside.conditions.Conditions;
import org.heaviside.data.PreparedData;
import org.heaviside.deep.DeepOptions;
import org.heaviside.deep.DeepResult;
import org.heaviside.deep.DeepTrainer;
import org.heaviside.deep.ShatteringProgram;
import org.heaviside.network.ClassWeights;
import org.heaviside.network.ConvexOptions;
import org.heaviside.network.ConvexResult;
import org.heaviside.network.ConvexTrainer;
import org.heaviside.network.CrossValidation;
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
            ConvexResult result = new ConvexTrainer(request.convexOptions(penalty)).train(prepared, extraHyperplanes,
                    progress, convergence, cancellation);
            List<Condition> conditions = Conditions.lasso("two-layer", prepared.train().size(),
                    result.network().width(), result.patterns(), result.upperBound(), request.exact(),
                    result.solver().relativeGap(), result.certificate().status());
            Provenance provenance = provenance(data, request, cv, result.beta(), result.betaMax(),
                    timings("patterns", result.patternsMillis(), result.solveMillis()),
                    diagnostics(result.solver().sweeps(), result.solver().dualityGap(), result.solver().relativeGap(),
                            result.solver().status().id(), result.certificate().status()));
            return new TrainingResult(request, data, TrainedModel.of(prepared, result, loss, provenance)
                    .withClassWeight(request.classWeights().id()), result, null, cv, dataConditions, conditions, provenance);
        }
        if (!extraHyperplanes.isEmpty()) {
            throw new IllegalArgumentException("Extra hyperplanes apply to the two-layer program only.");
        }
        DeepTrainer trainer = new DeepTrainer(request.deepOptions(penalty));
        DeepResult result = request.method() == Method.SHATTERING
                ? trainer.shattering(prepared, progress, cancellation)
                : trainer.deepLasso(prepared, progress, convergence, cancellation);
        Provenance provenance = provenance(data, request, cv, result.beta(), result.betaMax(),
                timings("layers", result.layersMillis(), result.solveMillis()),
                diagnostics(result.sweeps(), result.dualityGap(), result.relativeGap(), result.status(),
                        result.certificate().status()));
        return new TrainingResult(request, data, result.model(prepared, loss, provenance)
                .withClassWeight(request.classWeights().id()), null, result, cv,
                dataConditions, result.conditions(), provenance);
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
        return CrossValidation.run(data.prepared(), request.convexBuilder().build(), folds,
                CrossValidation.defaultRatios(), request.seed(), progress, cancellation);
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

    private static Provenance provenance(TrainingData data, TrainingRequest request, CrossValidation cv, double beta,
                                         double betaMax, Map<String, Long> timings, Map<String, String> diagnostics) {
        PreparedData prepared = data.prepared();
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("target", prepared.preprocessor().target().column());
        parameters.put("positive", String.valueOf(prepared.preprocessor().target().positive()));
        parameters.put("drop", String.join(",", data.dropped()));
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
