package org.heaviside.conditions;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Identical feature rows among training rows: the distinct points, and the groups of identical
 * points whose targets differ (no network can give them different outputs).
 *
 * @param distinct    index of the first row of each distinct point, in row order
 * @param pointOf     for each row, the index into {@code distinct} of its point
 * @param conflicting groups of row indices with equal features and different targets
 */
public record Duplicates(int[] distinct, int[] pointOf, List<int[]> conflicting) {

    /**
     * Scans rows x with targets (C arrays of n values); rows are equal when every feature is
     * bit-for-bit equal after preprocessing.
     */
    public static Duplicates scan(double[][] x, double[][] targets) {
        int n = x.length;
        Map<Key, Integer> points = new LinkedHashMap<>();
        int[] pointOf = new int[n];
        List<Integer> first = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Key key = new Key(x[i]);
            Integer point = points.get(key);
            if (point == null) {
                point = first.size();
                points.put(key, point);
                first.add(i);
            }
            pointOf[i] = point;
        }
        int[] distinct = first.stream().mapToInt(Integer::intValue).toArray();
        List<List<Integer>> members = new ArrayList<>();
        for (int p = 0; p < distinct.length; p++) {
            members.add(null);
        }
        boolean[] conflict = new boolean[distinct.length];
        for (int i = 0; i < n; i++) {
            int p = pointOf[i];
            int head = distinct[p];
            if (head != i) {
                if (members.get(p) == null) {
                    members.set(p, new ArrayList<>(List.of(head)));
                }
                members.get(p).add(i);
                for (double[] y : targets) {
                    if (Double.compare(y[i], y[head]) != 0) {
                        conflict[p] = true;
                    }
                }
            }
        }
        List<int[]> conflicting = new ArrayList<>();
        for (int p = 0; p < distinct.length; p++) {
            if (conflict[p]) {
                conflicting.add(members.get(p).stream().mapToInt(Integer::intValue).toArray());
            }
        }
        return new Duplicates(distinct, pointOf, conflicting);
    }

    /** Number of distinct points. */
    public int points() {
        return distinct.length;
    }

    /** Rows in conflicting groups. */
    public int conflictingRows() {
        return conflicting.stream().mapToInt(group -> group.length).sum();
    }

    private record Key(double[] row) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && Arrays.equals(row, key.row);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(row);
        }
    }
}
