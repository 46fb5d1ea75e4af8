package org.heaviside.data;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SplitTest {

    @Test
    void foldsAreBalancedStratifiedAndSeeded() {
        int n = 103;
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            classes[i] = i < 13 ? 1 : 0;
        }
        int[] folds = Split.folds(n, classes, 5, 42L);
        int[] size = new int[5];
        int[] positives = new int[5];
        for (int i = 0; i < n; i++) {
            size[folds[i]]++;
            positives[folds[i]] += classes[i];
        }
        for (int f = 0; f < 5; f++) {
            assertThat(size[f]).isBetween(20, 21);
            assertThat(positives[f]).isBetween(2, 3);
        }
        assertThat(Split.folds(n, classes, 5, 42L)).containsExactly(folds);
        assertThat(Split.folds(n, classes, 5, 43L)).isNotEqualTo(folds);
    }
}
