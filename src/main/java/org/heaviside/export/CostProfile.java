package org.heaviside.export;

import java.util.List;
import java.util.SplittableRandom;
import org.heaviside.network.DeepNetwork;
import org.heaviside.network.TrainedModel;

/**
 * The inference cost of a model next to a float ReLU network of the same shape (same input width,
 * same hidden widths, same outputs): parameters, bytes, multiply-accumulates of the first layer,
 * work after it (bit tests and additions for the threshold network; multiply-accumulates and ReLUs
 * for the float one), and a measured single-thread Java throughput of both on the same rows.
 *
 * @param parameters        weights and biases of the threshold network (amplitudes folded into the
 *                          output weights)
 * @param bytes             as doubles (8 bytes each)
 * @param firstLayerMacs    multiply-accumulates of the first layer per row
 * @param laterAdditions    additions after the first layer per row, at most (one per set bit per weight)
 * @param laterBitOps       bit tests after the first layer per row
 * @param reluMacs          multiply-accumulates per row of the float ReLU network of the same shape
 * @param javaRowsPerSecond measured Java throughput of the threshold network
 * @param reluRowsPerSecond measured Java throughput of the float ReLU network
 */
public record CostProfile(long parameters, long bytes, long firstLayerMacs, long laterAdditions, long laterBitOps,
                          long reluMacs, double javaRowsPerSecond, double reluRowsPerSecond) {

    /** Counts the model and times both networks on rows x (features), repeating until about 0.3 s passed. */
    public static CostProfile of(TrainedModel model, double[][] x) {
        DeepNetwork network = model.deepNetwork();
        int d = model.preprocessor().width();
        List<double[][]> layers = new java.util.ArrayList<>(model.layers());
        layers.add(model.network().hyperplanes());
        long parameters = 0;
        long firstMacs = 0;
        long additions = 0;
        long bitOps = 0;
        int inputs = d;
        for (int k = 0; k < layers.size(); k++) {
            int width = layers.get(k).length;
            parameters += (long) width * (inputs + 1);
            if (k == 0) {
                firstMacs = (long) width * inputs;
            } else {
                additions += (long) width * inputs;
                bitOps += (long) width * inputs;
            }
            inputs = width;
        }
        int outputs = model.network().outputCount();
        parameters += (long) inputs * outputs;
        additions += (long) inputs * outputs;
        bitOps += inputs;
        long reluMacs = firstMacs + additions; // the same shape with float activations: every product is a MAC
        // a float ReLU network of the same shape, with random weights (only its speed matters)
        SplittableRandom random = new SplittableRandom(1);
        double[][][] relu = new double[layers.size() + 1][][];
        int in = d;
        for (int k = 0; k < layers.size(); k++) {
            relu[k] = random(layers.get(k).length, in + 1, random);
            in = layers.get(k).length;
        }
        relu[layers.size()] = random(outputs, in + 1, random);
        double javaRate = rate(() -> network.predict(x), x.length);
        double reluRate = rate(() -> relu(relu, x), x.length);
        return new CostProfile(parameters, parameters * 8, firstMacs, additions, bitOps, reluMacs, javaRate, reluRate);
    }

    private static double[][] random(int rows, int columns, SplittableRandom random) {
        double[][] w = new double[rows][columns];
        for (double[] row : w) {
            for (int i = 0; i < columns; i++) {
                row[i] = random.nextDouble(-1, 1);
            }
        }
        return w;
    }

    /** The float ReLU network's outputs (last layer linear). */
    static double[][] relu(double[][][] layers, double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double[] h = x[i];
            for (int k = 0; k < layers.length; k++) {
                double[][] w = layers[k];
                double[] next = new double[w.length];
                for (int j = 0; j < w.length; j++) {
                    double[] u = w[j];
                    int n = u.length - 1;
                    double z = u[n];
                    for (int l = 0; l < n; l++) {
                        z += u[l] * h[l];
                    }
                    next[j] = k == layers.length - 1 ? z : Math.max(0, z);
                }
                h = next;
            }
            out[i] = h;
        }
        return out;
    }

    private static double rate(Runnable work, int rows) {
        work.run(); // warm up
        long start = System.nanoTime();
        int repeats = 0;
        do {
            work.run();
            repeats++;
        } while (System.nanoTime() - start < 300_000_000L);
        return (double) rows * repeats / ((System.nanoTime() - start) / 1e9);
    }
}
