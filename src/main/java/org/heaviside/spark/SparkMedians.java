package org.heaviside.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * Exact medians of numeric columns over a cluster's rows, as the local preparation computes them
 * (the middle value of the sorted present values, the mean of the two middle ones for an even
 * count), without sorting or gathering the rows. Each of the two middle ranks is found by narrowing
 * an interval: one pass counts the values in {@value #BUCKETS} equal-width buckets of the interval
 * (with each bucket's least and largest value), the bucket holding the rank becomes the next
 * interval, and once an interval holds at most {@value #GATHER} values they are gathered and sorted
 * on the driver. A rank that is a bucket's first or last value, or a bucket of equal values, ends the
 * search at once. All columns share each pass; two or three passes are usual.
 */
final class SparkMedians {

    static final int BUCKETS = 1024;
    static final int GATHER = 100_000;

    /**
     * One rank's search: the interval [lo, hi], values below it, values in it, the answer once known;
     * gathered once at most {@code gather} values are in the interval.
     */
    private static final class Search implements Serializable {
        private static final long serialVersionUID = 1L;
        final int column;
        final long rank;
        final long gather;
        double lo;
        double hi;
        long below;
        long inside;
        double value = Double.NaN;
        boolean done;

        Search(int column, long rank, double lo, double hi, long inside, long gather) {
            this.column = column;
            this.rank = rank;
            this.gather = gather;
            this.lo = lo;
            this.hi = hi;
            this.inside = inside;
            this.done = lo == hi;
            if (done) {
                value = lo;
            }
        }

        boolean gathers() {
            return inside <= gather;
        }

        int bucket(double v) {
            // halves keep hi - lo finite for any two doubles; the map is monotone in v
            double t = (v * 0.5 - lo * 0.5) / (hi * 0.5 - lo * 0.5) * BUCKETS;
            return (int) Math.max(0, Math.min(BUCKETS - 1, Math.floor(t)));
        }
    }

    /** One pass's findings for one search: gathered values, or bucket counts with their extremes. */
    private static final class Found implements Serializable {
        private static final long serialVersionUID = 1L;
        double[] values = new double[16];
        int size;
        long[] counts;
        double[] least;
        double[] largest;

        Found(boolean gather) {
            if (!gather) {
                counts = new long[BUCKETS];
                least = new double[BUCKETS];
                largest = new double[BUCKETS];
                Arrays.fill(least, Double.POSITIVE_INFINITY);
                Arrays.fill(largest, Double.NEGATIVE_INFINITY);
            }
        }

        void add(Search search, double v) {
            if (counts == null) {
                if (size == values.length) {
                    values = Arrays.copyOf(values, size * 2);
                }
                values[size++] = v;
            } else {
                int b = search.bucket(v);
                counts[b]++;
                least[b] = Math.min(least[b], v);
                largest[b] = Math.max(largest[b], v);
            }
        }

        Found merge(Found other) {
            if (counts == null) {
                if (size + other.size > values.length) {
                    values = Arrays.copyOf(values, size + other.size);
                }
                System.arraycopy(other.values, 0, values, size, other.size);
                size += other.size;
            } else {
                for (int b = 0; b < BUCKETS; b++) {
                    counts[b] += other.counts[b];
                    least[b] = Math.min(least[b], other.least[b]);
                    largest[b] = Math.max(largest[b], other.largest[b]);
                }
            }
            return this;
        }
    }

    private SparkMedians() {
    }

    /**
     * The medians of the numeric feature columns {@code columns} (indices into the rows' numbers) over
     * the rows; NaN for a column without numbers and for the columns not listed.
     */
    static double[] of(JavaRDD<SparkPreparation.Typed> rows, int[] columns, SparkPreparation.Sums sums) {
        return of(rows, columns, sums, GATHER);
    }

    /** {@link #of(JavaRDD, int[], SparkPreparation.Sums)} gathering intervals of at most {@code gather} values. */
    static double[] of(JavaRDD<SparkPreparation.Typed> rows, int[] columns, SparkPreparation.Sums sums, long gather) {
        double[] medians = new double[sums.present.length];
        Arrays.fill(medians, Double.NaN);
        List<Search> searches = new ArrayList<>();
        for (int f : columns) {
            long present = sums.present[f];
            if (present == 0) {
                continue;
            }
            searches.add(new Search(f, (present - 1) / 2, sums.min[f], sums.max[f], present, gather));
            if (present % 2 == 0) {
                searches.add(new Search(f, present / 2, sums.min[f], sums.max[f], present, gather));
            }
        }
        while (searches.stream().anyMatch(search -> !search.done)) {
            Search[] open = searches.stream().filter(search -> !search.done).toArray(Search[]::new);
            Found[] found = SparkData.unwrap(() -> rows.mapPartitions(it -> {
                Found[] part = new Found[open.length];
                for (int q = 0; q < open.length; q++) {
                    part[q] = new Found(open[q].gathers());
                }
                while (it.hasNext()) {
                    double[] numbers = it.next().numbers();
                    for (int q = 0; q < open.length; q++) {
                        double v = numbers[open[q].column];
                        if (v >= open[q].lo && v <= open[q].hi) {
                            part[q].add(open[q], v);
                        }
                    }
                }
                return List.<Found[]>of(part).iterator();
            }).treeReduce((a, b) -> {
                for (int q = 0; q < a.length; q++) {
                    a[q].merge(b[q]);
                }
                return a;
            }, 2));
            for (int q = 0; q < open.length; q++) {
                narrow(open[q], found[q]);
            }
        }
        for (Search search : searches) {
            int f = search.column;
            medians[f] = Double.isNaN(medians[f]) ? search.value : 0.5 * (medians[f] + search.value);
        }
        return medians;
    }

    private static void narrow(Search search, Found found) {
        long k = search.rank - search.below;
        if (found.counts == null) {
            double[] values = Arrays.copyOf(found.values, found.size);
            Arrays.sort(values);
            search.value = values[Math.toIntExact(k)];
            search.done = true;
            return;
        }
        long before = 0;
        for (int b = 0; b < BUCKETS; b++) {
            long count = found.counts[b];
            if (k < before + count) {
                if (k == before || found.least[b] == found.largest[b]) {
                    search.value = found.least[b];
                    search.done = true;
                } else if (k == before + count - 1) {
                    search.value = found.largest[b];
                    search.done = true;
                } else {
                    search.lo = found.least[b];
                    search.hi = found.largest[b];
                    search.below += before;
                    search.inside = count;
                }
                return;
            }
            before += count;
        }
        throw new IllegalStateException("The rank " + search.rank + " is outside the values counted.");
    }
}
