package org.heaviside.data;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded train/test splits, stratified by class when classes are given. */
public final class Split {

    private Split() {
    }

    /**
     * Marks rows as held out. With classes, each class contributes round(fraction * count) rows, so
     * class shares match in both parts; without, round(fraction * n) rows are drawn.
     *
     * @param n        number of rows
     * @param classes  class index per row, or null
     * @param fraction share held out, in [0, 1)
     * @param seed     seed of the shuffle
     * @return for each row, whether it is a test row
     */
    public static boolean[] testRows(int n, int[] classes, double fraction, long seed) {
        boolean[] test = new boolean[n];
        if (fraction <= 0 || n == 0) {
            return test;
        }
        int[][] members;
        if (classes == null) {
            members = new int[][] {new int[n]};
            for (int i = 0; i < n; i++) {
                members[0][i] = i;
            }
        } else {
            int k = 0;
            for (int c : classes) {
                k = Math.max(k, c + 1);
            }
            int[] counts = new int[k];
            for (int c : classes) {
                counts[c]++;
            }
            members = new int[k][];
            for (int c = 0; c < k; c++) {
                members[c] = new int[counts[c]];
            }
            int[] fill = new int[k];
            for (int i = 0; i < n; i++) {
                members[classes[i]][fill[classes[i]]++] = i;
            }
        }
        int[] sizes = new int[members.length];
        for (int g = 0; g < sizes.length; g++) {
            sizes[g] = members[g].length;
        }
        java.util.BitSet[] held = heldOut(sizes, fraction, seed);
        for (int g = 0; g < members.length; g++) {
            for (int i = held[g].nextSetBit(0); i >= 0; i = held[g].nextSetBit(i + 1)) {
                test[members[g][i]] = true;
            }
        }
        return test;
    }

    /**
     * The split of {@link #testRows} by groups: for groups (classes, or one group of all rows) of the
     * given sizes, which members are held out, each member named by its position in its group in row
     * order. Only the sizes decide it, so the parts of a data set spread over a cluster can be split
     * exactly as one table is.
     *
     * @return per group, the positions of the held-out members
     */
    public static java.util.BitSet[] heldOut(int[] sizes, double fraction, long seed) {
        java.util.BitSet[] held = new java.util.BitSet[sizes.length];
        SplittableRandom random = new SplittableRandom(seed);
        for (int g = 0; g < sizes.length; g++) {
            held[g] = new java.util.BitSet(sizes[g]);
            if (fraction <= 0) {
                continue;
            }
            int[] group = new int[sizes[g]];
            for (int i = 0; i < group.length; i++) {
                group[i] = i;
            }
            // Fisher-Yates on the group, then the first `take` rows are held out
            for (int i = group.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = group[i];
                group[i] = group[j];
                group[j] = swap;
            }
            int take = (int) Math.round(fraction * group.length);
            for (int i = 0; i < take; i++) {
                held[g].set(group[i]);
            }
        }
        return held;
    }

    /**
     * Assigns rows to k folds for cross-validation: rows are shuffled with the seed (within each
     * class when classes are given) and dealt to the folds in turn, so every fold holds about n/k
     * rows and, with classes, the same class shares.
     *
     * @return the fold (0 to k-1) of each row
     */
    public static int[] folds(int n, int[] classes, int k, long seed) {
        if (k < 2 || k > n) {
            throw new IllegalArgumentException("Cross-validation needs between 2 and " + n + " folds, not " + k + ".");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int groups = 1;
        if (classes != null) {
            for (int c : classes) {
                groups = Math.max(groups, c + 1);
            }
        }
        int[] fold = new int[n];
        int next = 0;
        for (int g = 0; g < groups; g++) {
            List<Integer> members = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (classes == null || classes[i] == g) {
                    members.add(i);
                }
            }
            for (int i = members.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer swap = members.get(i);
                members.set(i, members.get(j));
                members.set(j, swap);
            }
            // continue dealing where the previous class stopped so fold sizes stay balanced
            for (int row : members) {
                fold[row] = next;
                next = (next + 1) % k;
            }
        }
        return fold;
    }
}
