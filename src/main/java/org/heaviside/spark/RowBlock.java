package org.heaviside.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.heaviside.solver.PatternBlock;

/**
 * One partition's rows, kept where they are read: features (n x d), targets (C arrays of n), row
 * weights (null when all are one) and the pattern bits of the broadcast hyperplanes.
 */
final class RowBlock implements Serializable {

    private static final long serialVersionUID = 1L;

    final int partition;
    final double[][] x;
    final double[][] y;
    final double[] w;
    final PatternBlock patterns;

    private RowBlock(int partition, double[][] x, double[][] y, double[] w, PatternBlock patterns) {
        this.partition = partition;
        this.x = x;
        this.y = y;
        this.w = w;
        this.patterns = patterns;
    }

    /** The block of a partition's rows with the patterns of the hyperplanes. */
    static RowBlock of(int partition, Iterator<SparkRow> rows, double[][] hyperplanes, int outputs) {
        List<SparkRow> list = new ArrayList<>();
        rows.forEachRemaining(list::add);
        int n = list.size();
        double[][] x = new double[n][];
        double[][] y = new double[outputs][n];
        double[] w = new double[n];
        boolean unit = true;
        for (int i = 0; i < n; i++) {
            SparkRow row = list.get(i);
            x[i] = row.x();
            for (int c = 0; c < outputs; c++) {
                y[c][i] = row.y()[c];
            }
            w[i] = row.weight();
            unit &= row.weight() == 1.0;
        }
        return new RowBlock(partition, x, y, unit ? null : w, new PatternBlock(x, hyperplanes));
    }

    /** The same rows with the patterns of more hyperplanes appended as columns. */
    RowBlock append(double[][] hyperplanes) {
        return new RowBlock(partition, x, y, w, patterns.append(x, hyperplanes));
    }

    int rows() {
        return x.length;
    }

    /** w_i (1 without weights). */
    double weight(int i) {
        return w == null ? 1.0 : w[i];
    }
}
