package org.heaviside.deep;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.heaviside.conditions.Condition;
import org.heaviside.conditions.Conditions;
import org.heaviside.conditions.Duplicates;
import org.heaviside.data.Dataset;
import org.heaviside.data.PreparedData;
import org.heaviside.network.Certificate;
import org.heaviside.network.ConvexResult;
import org.heaviside.network.ConvexTrainer;
import org.heaviside.network.DeepNetwork;
import org.heaviside.network.ThresholdNetwork;
import org.heaviside.run.Cancellation;
import org.heaviside.run.ProgressListener;
import org.heaviside.solver.ConvergenceListener;
import org.heaviside.solver.Loss;

/**
 * Convex training of deep threshold networks (docs/method.md section 6), two ways.
 *
 * <p>{@link #shattering}: layer 1 shatters the distinct training points (rank(B1) = n), so training
 * reduces to the closed-form {@link ShatteringProgram}; layer 2 realizes each nested level set of
 * δ₊ and δ₋ and layer 3 carries the level gaps, so the network outputs δ exactly on the training
 * rows and its J equals the program's optimum. Three layers.
 *
 * <p>{@link #deepLasso}: the layers before the last hidden one are fixed (sampled hyperplanes); their
 * 0/1 outputs B are the features of the two-layer program, solved and certified as in
 * {@link ConvexTrainer}. The result is optimal for the last two layers given the fixed ones. Any L.
 */
public final class DeepTrainer {

    /** Kind of a shattering network. */
    public static final String SHATTERING = "three-layer-shattering";
    /** Kind of a deep-Lasso network. */
    public static final String DEEP_LASSO = "deep-lasso";
    /** Most distinct points the shattering program takes (layer 2 costs O(n³) time and O(n²) memory). */
    public static final int MAX_POINTS = 4000;
    /** Largest allowed |f(x_i) − δ_i| of the reconstruction. */
    public static final double REPRODUCTION = 1e-9;

    private final DeepOptions options;

    /** A trainer with options. */
    public DeepTrainer(DeepOptions options) {
        this.options = options;
    }

    /**
     * The conditions of the shattering program before training: distinct points, width and rank of the
     * layer-1 generator the options name (built on the distinct points, which is cheap for the
     * projection generator).
     */
    public List<Condition> shatteringConditions(PreparedData data, Cancellation cancellation) {
        Dataset train = data.train();
        ConvexTrainer.Targets targets = ConvexTrainer.targets(train, data.preprocessor().target());
        Duplicates duplicates = Duplicates.scan(train.x(), targets.values());
        List<Condition> checks = new ArrayList<>();
        int count = duplicates.points();
        checks.add(Condition.of("shattering.size", count <= MAX_POINTS,
                String.format(Locale.ROOT, "%,d distinct points (limit %,d).", count, MAX_POINTS),
                "The shattering layer is as wide as the data and building layer 2 takes O(n^3) work.",
                "Train the shattering program on fewer rows, or use the deep Lasso.").with(null, count, MAX_POINTS));
        if (count > MAX_POINTS || !duplicates.conflicting().isEmpty()) {
            checks.addAll(Conditions.shattering(duplicates, train.rows(), width1(count), -1));
            return checks;
        }
        double[][] points = points(train.x(), duplicates);
        FirstLayer layer = FirstLayer.build(options.layer1().id(), points, width1(count), options.convex().seed(),
                cancellation);
        checks.addAll(Conditions.shattering(duplicates, train.rows(), layer.width(), layer.rank()));
        return checks;
    }

    /** Trains the three-layer network of the shattering program. */
    public DeepResult shattering(PreparedData data, ProgressListener progress, Cancellation cancellation) {
        if (options.layers() != 3) {
            throw new IllegalArgumentException("The shattering program builds three layers; set the number of layers "
                    + "to 3 (or train the deep Lasso, method convex with " + options.layers() + " layers).");
        }
        Loss loss = options.convex().loss();
        Dataset train = data.train();
        ConvexTrainer.Targets targets = ConvexTrainer.targets(train, data.preprocessor().target());
        if (loss == Loss.LOGISTIC && !data.preprocessor().target().isBinary()) {
            throw new IllegalArgumentException("Logistic loss needs a target with two classes. Use the squared loss.");
        }
        double[][] x = train.x();
        long layerStart = System.nanoTime();
        progress.progress(0, 4, "Checking the points");
        Duplicates duplicates = Duplicates.scan(x, targets.values());
        if (!duplicates.conflicting().isEmpty()) {
            Condition distinct = Conditions.shattering(duplicates, train.rows(), 0, -1).get(0);
            throw new IllegalArgumentException("The shattering program cannot be trained: " + distinct.detail()
                    + " " + distinct.hint());
        }
        double[][] points = points(x, duplicates);
        if (points.length > MAX_POINTS) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The shattering program needs a layer as "
                    + "wide as the data and O(n^3) work to build it; %,d distinct points is above the limit of %,d. "
                    + "Train on fewer rows (read fewer rows, or hold out a larger test fraction) or use the deep Lasso "
                    + "(method convex with 3 layers).", points.length, MAX_POINTS));
        }
        progress.progress(1, 4, "Building layer 1 (" + options.layer1().id() + ")");
        FirstLayer layer = FirstLayer.build(options.layer1().id(), points, width1(points.length), options.convex().seed(),
                cancellation);
        List<Condition> conditions = new ArrayList<>(Conditions.shattering(duplicates, train.rows(), layer.width(),
                layer.rank()));
        if (!layer.fullRank()) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "Layer 1 does not shatter the data: "
                    + "rank(B1) = %d for %d distinct points (%s generator, width %d). Use the projection layer-1 "
                    + "generator, a wider layer 1, or the deep Lasso (method convex with 3 layers).", layer.rank(), points.length,
                    layer.generator(), layer.width()));
        }
        long layersMillis = (System.nanoTime() - layerStart) / 1_000_000;

        long solveStart = System.nanoTime();
        progress.progress(2, 4, "Solving the shattering program");
        double[] rowWeights = options.convex().classWeights().rowWeights(train, data.preprocessor().target());
        double betaMax = ShatteringProgram.solve(targets.values(), 1.0, loss, rowWeights).betaMax();
        double beta = options.convex().resolveBeta(betaMax);
        ShatteringProgram program = ShatteringProgram.solve(targets.values(), beta, loss, rowWeights);

        progress.progress(3, 4, "Building layers 2 and 3");
        double[][] b1 = DeepNetwork.layer(layer.weights(), points);
        LevelLayer levels = new LevelLayer(b1, options.reconstruction().id(), cancellation);
        int outputs = targets.values().length;
        // one chain of nested level sets per output and sign: {δ_c ≥ t} for the positive levels t of δ_c, then {−δ_c ≥ t}
        List<boolean[][]> chains = new ArrayList<>();
        List<double[]> chainLevels = new ArrayList<>();
        List<int[]> chainOutputs = new ArrayList<>();
        for (int c = 0; c < outputs; c++) {
            double[] delta = new double[points.length];
            for (int p = 0; p < points.length; p++) {
                delta[p] = program.delta()[c][duplicates.distinct()[p]];
            }
            for (int sign : new int[] {1, -1}) {
                double[] values = Arrays.stream(delta).map(v -> sign * v).filter(v -> v > 0).distinct().sorted()
                        .toArray();
                boolean[][] patterns = new boolean[values.length][points.length];
                for (int k = 0; k < values.length; k++) {
                    for (int p = 0; p < points.length; p++) {
                        patterns[k][p] = sign * delta[p] >= values[k];
                    }
                }
                chains.add(patterns);
                chainLevels.add(values);
                chainOutputs.add(new int[] {c, sign});
            }
        }
        double[][][] neurons = levels.neurons(chains);
        List<double[]> planes = new ArrayList<>();
        List<Double> amplitudes = new ArrayList<>();
        List<double[]> alphas = new ArrayList<>();
        for (int chain = 0; chain < chains.size(); chain++) {
            int c = chainOutputs.get(chain)[0];
            int sign = chainOutputs.get(chain)[1];
            double previous = 0;
            double[] values = chainLevels.get(chain);
            for (int k = 0; k < values.length; k++) {
                double gap = values[k] - previous;
                previous = values[k];
                double s = Math.sqrt(gap);
                double[] alpha = new double[outputs];
                alpha[c] = sign * s;
                planes.add(neurons[chain][k]);
                amplitudes.add(s);
                alphas.add(alpha);
            }
        }
        if (planes.isEmpty()) { // β >= β_max: δ = 0, a silent neuron keeps the output count
            double[] silent = new double[layer.width() + 1];
            silent[layer.width()] = 1;
            planes.add(silent);
            amplitudes.add(0.0);
            alphas.add(new double[outputs]);
        }
        ThresholdNetwork head = new ThresholdNetwork(planes.toArray(new double[0][]),
                amplitudes.stream().mapToDouble(Double::doubleValue).toArray(), alphas.toArray(new double[0][]));
        DeepNetwork network = new DeepNetwork(List.<double[][]>of(layer.weights()), head);
        double[][] f = network.predictRows(x);
        double deviation = 0;
        for (int i = 0; i < x.length; i++) {
            for (int c = 0; c < outputs; c++) {
                deviation = Math.max(deviation, Math.abs(f[i][c] - program.delta()[c][i]));
            }
        }
        if (!(deviation <= REPRODUCTION)) {
            throw new IllegalStateException(String.format(Locale.ROOT, "The three-layer network misses delta by %.3e "
                    + "on the training rows (allowed %.0e).", deviation, REPRODUCTION));
        }
        double networkObjective = network.objective(x, targets.values(), beta, loss, rowWeights);
        checkObjective(networkObjective, program.objective());
        long solveMillis = (System.nanoTime() - solveStart) / 1_000_000;
        progress.progress(4, 4, "Done");
        // several outputs are solved one at a time (ShatteringProgram), while J scores them with the
        // shared-neuron group penalty: optimal per output, not proven for J
        Certificate certificate = new Certificate(outputs > 1 ? Certificate.PER_OUTPUT : Certificate.EXACT, 1.0, 0, 0,
                0);
        conditions.addAll(Conditions.lasso("deep", x.length, head.width(), head.width(), "2^" + points.length,
                true, program.relativeGap(), certificate));
        return new DeepResult(SHATTERING, network, program.objective(), networkObjective, program.dualityGap(),
                program.relativeGap(), "converged", 0, certificate, head.width(),
                beta, betaMax, layer.generator(), layer.rank(), levels.used(), deviation, targets.mean(),
                targets.scale(), evaluate(network, train, data, targets),
                data.test().size() == 0 ? Map.of() : evaluate(network, data.test(), data, targets), layersMillis,
                solveMillis, conditions, null);
    }

    /** Trains the deep Lasso: fixed sampled layers, then the certified two-layer program on their outputs. */
    public DeepResult deepLasso(PreparedData data, ProgressListener progress, ConvergenceListener convergence,
                                Cancellation cancellation) {
        Dataset train = data.train();
        long layerStart = System.nanoTime();
        int width = options.width1() > 0 ? options.width1() : DeepOptions.DEFAULT_LASSO_WIDTH;
        List<double[][]> fixed = new ArrayList<>();
        double[][] h = train.x();
        for (int k = 0; k < options.layers() - 2; k++) {
            double[][] weights = FirstLayer.hyperplanes(h, width, options.convex().seed() + 7919L * (k + 1),
                    cancellation);
            fixed.add(weights);
            h = DeepNetwork.layer(weights, h);
        }
        DeepNetwork front = new DeepNetwork(fixed, new ThresholdNetwork(new double[0][], new double[0], new double[0][]));
        List<String> names = new ArrayList<>();
        for (int j = 0; j < width; j++) {
            names.add("layer" + fixed.size() + "_" + (j + 1));
        }
        Dataset trainB = new Dataset(train.name(), names, h, train.y(), train.classes(), train.rows());
        Dataset test = data.test();
        Dataset testB = new Dataset(test.name(), names, test.size() == 0 ? new double[0][] : front.features(test.x()),
                test.y(), test.classes(), test.rows());
        long layersMillis = (System.nanoTime() - layerStart) / 1_000_000;
        // the last hidden layer keeps its sampled generators: a maximum-margin refit in the wide binary
        // feature space costs O(n · width) per epoch and neuron and changes nothing on the training rows
        ConvexResult result = new ConvexTrainer(options.convex().toBuilder().maxMargin(false).build()).train(
                new PreparedData(data.preprocessor(), trainB, testB, data.warnings()), progress, convergence,
                cancellation);
        DeepNetwork network = new DeepNetwork(fixed, result.network());
        ConvexTrainer.Targets targets = ConvexTrainer.targets(train, data.preprocessor().target());
        double networkObjective = network.objective(train.x(), targets.values(), result.beta(),
                options.convex().loss(), options.convex().classWeights().rowWeights(train,
                        data.preprocessor().target()));
        checkObjective(networkObjective, result.solver().objective());
        var solver = result.solver();
        List<Condition> conditions = new ArrayList<>(Conditions.lasso("deep", train.size(), result.network().width(),
                result.patterns(), result.upperBound(), options.convex().exact(), solver.relativeGap(),
                result.certificate()));
        return new DeepResult(DEEP_LASSO, network, solver.objective(), networkObjective, solver.dualityGap(),
                solver.relativeGap(), solver.status().id(), solver.sweeps(), result.certificate(), result.patterns(),
                result.beta(), result.betaMax(), "sampled", -1, result.hyperplanes(), Double.NaN, targets.mean(),
                targets.scale(), result.train(), result.test(), layersMillis + result.patternsMillis(),
                result.solveMillis(), conditions, result);
    }

    private int width1(int points) {
        if (options.width1() > 0) {
            return options.width1();
        }
        return options.layer1() == Layer1Generator.RANDOM ? 2 * points : points;
    }

    private static double[][] points(double[][] x, Duplicates duplicates) {
        double[][] points = new double[duplicates.points()][];
        for (int p = 0; p < points.length; p++) {
            points[p] = x[duplicates.distinct()[p]];
        }
        return points;
    }

    private static void checkObjective(double networkObjective, double objective) {
        double difference = Math.abs(networkObjective - objective) / Math.max(Math.abs(objective), 1e-300);
        if (difference > ConvexTrainer.OBJECTIVE_MATCH) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "The deep network's J = %.12g differs from the program's objective %.12g (relative %.2e).",
                    networkObjective, objective, difference));
        }
    }

    private static Map<String, Double> evaluate(DeepNetwork network, Dataset rows, PreparedData data,
                                                ConvexTrainer.Targets targets) {
        return ConvexTrainer.evaluate(network, rows, data.preprocessor().target(), targets);
    }
}
