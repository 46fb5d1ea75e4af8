package org.heaviside.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The metrics from counts (rows counted in a cluster's partitions) are those from the rows. */
class MetricsTest {

    @Test
    void theAucFromTieBlocksIsTheRankStatisticOfTheRows() {
        SplittableRandom random = new SplittableRandom(8);
        int n = 3000;
        double[] scores = new double[n];
        double[] labels = new double[n];
        TreeMap<Double, long[]> blocks = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            labels[i] = random.nextInt(5) == 0 ? 1 : -1;
            // few distinct scores, shifted for the positives: many ties inside and across the classes
            scores[i] = Math.rint(8 * random.nextGaussian() + (labels[i] > 0 ? 3 : 0)) / 4;
            // -0.0 and 0.0 are one tie block of the rows' statistic
            blocks.computeIfAbsent(scores[i] == 0.0 ? 0.0 : scores[i], k -> new long[2])[labels[i] > 0 ? 0 : 1]++;
        }
        double[] distinct = blocks.keySet().stream().mapToDouble(Double::doubleValue).toArray();
        long[] positives = blocks.values().stream().mapToLong(c -> c[0]).toArray();
        long[] negatives = blocks.values().stream().mapToLong(c -> c[1]).toArray();
        double auc = Metrics.rocAuc(scores, labels);
        assertThat(auc).isBetween(0.55, 0.95);
        assertThat(Metrics.rocAuc(distinct, positives, negatives)).isCloseTo(auc, within(1e-14));
        assertThat(Metrics.rocAuc(new double[] {1}, new long[] {4}, new long[] {0})).isNaN();
    }
}
