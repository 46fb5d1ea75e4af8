package org.heaviside.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The synthetic classification data of Ergen et al. (ICLR 2023), as in docs/method.md section 9:
 * Gaussian features x ~ N(0, I_d), augmented rows xt = [x, 1], labels
 * y = sign(tanh(tanh(xt W1) W2) W3) with a teacher network whose weights are uniform on [-1, 1]
 * (widths 20 and 20). Training and test rows come from the same teacher.
 *
 * @param features   the feature names x1..xd
 * @param trainX     training rows
 * @param trainY     training labels (+1/-1)
 * @param testX      test rows
 * @param testY      test labels (+1/-1)
 */
public record PaperSynthetic(List<String> features, double[][] trainX, double[] trainY, double[][] testX,
                             double[] testY) {

    /** The paper's sizes: 100 training rows, 2000 test rows, 20 features, teacher widths 20. */
    public static final int TRAIN = 100;
    /** Test rows in the paper's setting. */
    public static final int TEST = 2000;
    /** Features in the paper's setting. */
    public static final int DIMENSION = 20;
    /** Teacher hidden widths. */
    public static final int TEACHER_WIDTH = 20;

    /** Generates the paper's setting with a seed. */
    public static PaperSynthetic generate(long seed) {
        return generate(seed, TRAIN, TEST, DIMENSION);
    }

    /** Generates a data set of the paper's kind with other sizes. */
    public static PaperSynthetic generate(long seed, int train, int test, int dimension) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] w1 = uniform(random, dimension + 1, TEACHER_WIDTH);
        double[][] w2 = uniform(random, TEACHER_WIDTH, TEACHER_WIDTH);
        double[][] w3 = uniform(random, TEACHER_WIDTH, 1);
        double[][] trainX = gaussian(random, train, dimension);
        double[][] testX = gaussian(random, test, dimension);
        List<String> names = new ArrayList<>();
        for (int j = 1; j <= dimension; j++) {
            names.add("x" + j);
        }
        return new PaperSynthetic(List.copyOf(names), trainX, teacher(trainX, w1, w2, w3), testX,
                teacher(testX, w1, w2, w3));
    }

    private static double[][] uniform(SplittableRandom random, int rows, int cols) {
        double[][] w = new double[rows][cols];
        for (double[] row : w) {
            for (int j = 0; j < cols; j++) {
                row[j] = random.nextDouble(-1.0, 1.0);
            }
        }
        return w;
    }

    private static double[][] gaussian(SplittableRandom random, int rows, int cols) {
        double[][] x = new double[rows][cols];
        for (double[] row : x) {
            for (int j = 0; j < cols; j++) {
                row[j] = gaussian(random);
            }
        }
        return x;
    }

    /** A standard normal draw (Marsaglia's polar method), from the given stream only. */
    public static double gaussian(SplittableRandom random) {
        double u;
        double v;
        double s;
        do {
            u = random.nextDouble(-1.0, 1.0);
            v = random.nextDouble(-1.0, 1.0);
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        return u * Math.sqrt(-2.0 * Math.log(s) / s);
    }

    private static double[] teacher(double[][] x, double[][] w1, double[][] w2, double[][] w3) {
        double[] y = new double[x.length];
        int d = x[0].length;
        for (int i = 0; i < x.length; i++) {
            double[] h1 = new double[TEACHER_WIDTH];
            for (int k = 0; k < TEACHER_WIDTH; k++) {
                double z = w1[d][k]; // bias row of W1 multiplies the appended 1
                for (int j = 0; j < d; j++) {
                    z += x[i][j] * w1[j][k];
                }
                h1[k] = Math.tanh(z);
            }
            double out = 0;
            for (int k = 0; k < TEACHER_WIDTH; k++) {
                double z = 0;
                for (int j = 0; j < TEACHER_WIDTH; j++) {
                    z += h1[j] * w2[j][k];
                }
                out += Math.tanh(z) * w3[k][0];
            }
            y[i] = out >= 0 ? 1.0 : -1.0;
        }
        return y;
    }

    /**
     * Writes the data as CSV: columns x1..xd and {@code y} (+1/-1); the training rows come first,
     * then the test rows.
     */
    public byte[] toCsv() {
        StringBuilder out = new StringBuilder(String.join(",", features)).append(",y\n");
        appendRows(out, trainX, trainY);
        appendRows(out, testX, testY);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The data as the trainers take it: the paper's own split (the training rows, then the test
     * rows) and the features as generated (they are already standard normal, so no scaling), with
     * target y encoded +1 for "1" and −1 for "-1".
     */
    public PreparedData prepared(String name) {
        List<FeatureStep> steps = new java.util.ArrayList<>();
        for (String feature : features) {
            steps.add(new FeatureStep(feature, ColumnRole.NUMERIC, 0, 0, 1, List.of(), null));
        }
        TargetEncoding encoding = new TargetEncoding("y", TaskKind.CLASSIFICATION, List.of("-1", "1"), "1");
        return new PreparedData(new Preprocessor(steps, encoding), dataset(name + " (train)", trainX, trainY, 0),
                dataset(name + " (test)", testX, testY, trainX.length), List.of());
    }

    private Dataset dataset(String name, double[][] x, double[] y, int firstRow) {
        int[] classes = new int[y.length];
        int[] rows = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            classes[i] = y[i] > 0 ? 1 : 0;
            rows[i] = firstRow + i;
        }
        return new Dataset(name, features, x, y.clone(), classes, rows);
    }

    private static void appendRows(StringBuilder out, double[][] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            for (double v : x[i]) {
                out.append(v).append(','); // shortest text that reads back exactly
            }
            out.append(y[i] > 0 ? "1" : "-1").append('\n');
        }
    }
}
