package org.heaviside.data;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One column summarized cell by cell without keeping its rows, so that the summaries of a data
 * set's parts (a cluster's partitions) can be merged in any order into the summary of the whole: the
 * counts, levels and role the loader's {@link Column} would have. Each cell is read with {@link
 * Cells} as the loader reads it. Rows are identified by an order key (the file line, or a position
 * that grows with the row) and, for the row-counter test of an identifier, by their part.
 */
public final class ColumnProfile implements ColumnStats, Serializable {

    private static final long serialVersionUID = 1L;
    /** Distinct numbers kept exactly; a column with more counts as having many (enough for every rule). */
    static final int DISTINCT_NUMBERS = 64;

    private final String name;
    private long rows;
    private long missing;
    private long unparsable;
    private long firstUnparsableOrder = Long.MAX_VALUE;
    private long firstUnparsableLine;
    private String firstUnparsableText;
    private boolean allIntegers = true;
    private Set<Double> numbers = new HashSet<>();
    /** Level text to {rows, order of first appearance}; null past {@link Column#MAX_LEVELS}. */
    private Map<String, long[]> levels = new HashMap<>();
    /** Per part: {first number, last number, 1 while the part is a strictly increasing run of integers}. */
    private final TreeMap<Integer, double[]> runs = new TreeMap<>();
    private transient List<String> ordered;
    private transient double[] lastRun;
    private transient int lastPart;

    /** An empty profile of a column. */
    public ColumnProfile(String name) {
        this.name = name;
    }

    /**
     * Adds a cell.
     *
     * @param raw          the cell's text as in the file (null for missing)
     * @param line         its file line, or 0 when unknown
     * @param order        a key that grows with the row's position in the data set
     * @param part         the part (partition) the row is in; parts follow each other in the data set's order
     * @param decimalComma whether numbers use a decimal comma
     */
    public void add(String raw, long line, long order, int part, boolean decimalComma) {
        rows++;
        if (lastRun == null || lastPart != part) {
            lastRun = runs.computeIfAbsent(part, p -> new double[] {Double.NaN, Double.NaN, 1});
            lastPart = part;
        }
        double[] run = lastRun;
        if (Cells.isMissing(raw)) {
            missing++;
            run[2] = 0;
            return;
        }
        String text = raw.strip();
        double value = Cells.parseNumber(text, decimalComma);
        if (value != value) {
            unparsable++;
            run[2] = 0;
            if (order < firstUnparsableOrder) {
                firstUnparsableOrder = order;
                firstUnparsableLine = line;
                firstUnparsableText = Cells.shortText(text);
            }
        } else {
            boolean integer = value == Math.rint(value);
            allIntegers &= integer;
            if (!(integer && (run[1] != run[1] || value > run[1]))) {
                run[2] = 0;
            }
            if (run[0] != run[0]) {
                run[0] = value;
            }
            run[1] = value;
            if (numbers != null && numbers.add(value == 0.0 ? 0.0 : value) && numbers.size() > DISTINCT_NUMBERS) {
                numbers = null;
            }
        }
        if (levels != null) {
            long[] level = levels.get(text);
            if (level != null) {
                level[0]++;
            } else if (levels.size() >= Column.MAX_LEVELS) {
                levels = null;
            } else {
                levels.put(text, new long[] {1, order});
            }
        }
        ordered = null;
    }

    /** Adds another part's profile of the same column into this one and returns this one. */
    public ColumnProfile merge(ColumnProfile other) {
        rows += other.rows;
        missing += other.missing;
        unparsable += other.unparsable;
        if (other.firstUnparsableOrder < firstUnparsableOrder) {
            firstUnparsableOrder = other.firstUnparsableOrder;
            firstUnparsableLine = other.firstUnparsableLine;
            firstUnparsableText = other.firstUnparsableText;
        }
        allIntegers &= other.allIntegers;
        if (numbers != null && other.numbers != null) {
            numbers.addAll(other.numbers);
            if (numbers.size() > DISTINCT_NUMBERS) {
                numbers = null;
            }
        } else {
            numbers = null;
        }
        if (levels != null && other.levels != null) {
            for (Map.Entry<String, long[]> entry : other.levels.entrySet()) {
                long[] mine = levels.get(entry.getKey());
                if (mine == null) {
                    levels.put(entry.getKey(), entry.getValue().clone());
                } else {
                    mine[0] += entry.getValue()[0];
                    mine[1] = Math.min(mine[1], entry.getValue()[1]);
                }
            }
            if (levels.size() > Column.MAX_LEVELS) {
                levels = null;
            }
        } else {
            levels = null;
        }
        runs.putAll(other.runs);
        ordered = null;
        lastRun = null;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int rows() {
        return Math.toIntExact(rows);
    }

    @Override
    public int missing() {
        return Math.toIntExact(missing);
    }

    @Override
    public int unparsable() {
        return Math.toIntExact(unparsable);
    }

    @Override
    public long firstUnparsableLine() {
        return firstUnparsableLine;
    }

    @Override
    public String firstUnparsableText() {
        return firstUnparsableText;
    }

    @Override
    public boolean isNumeric() {
        return Column.isNumeric(rows - missing, unparsable);
    }

    @Override
    public boolean hasLevels() {
        return levels != null;
    }

    @Override
    public List<String> levels() {
        if (levels == null) {
            return null;
        }
        if (ordered == null) {
            List<String> list = new ArrayList<>(levels.keySet());
            list.sort(Comparator.comparingLong(level -> levels.get(level)[1]));
            ordered = List.copyOf(list);
        }
        return ordered;
    }

    @Override
    public int[] levelCounts() {
        List<String> list = levels();
        int[] counts = new int[list.size()];
        for (int k = 0; k < counts.length; k++) {
            counts[k] = Math.toIntExact(levels.get(list.get(k))[0]);
        }
        return counts;
    }

    @Override
    public int distinct() {
        if (isNumeric()) {
            return numbers != null ? numbers.size() : increasingIntegers() ? rows() : DISTINCT_NUMBERS + 1;
        }
        return levels != null ? levels.size() : Integer.MAX_VALUE;
    }

    @Override
    public boolean allIntegers() {
        return allIntegers;
    }

    /** Whether every cell is a number and they are integers increasing strictly in the data set's order. */
    boolean increasingIntegers() {
        double last = Double.NEGATIVE_INFINITY;
        for (double[] run : runs.values()) {
            if (run[2] == 0 || !(run[0] > last)) {
                return false;
            }
            last = run[1];
        }
        return !runs.isEmpty();
    }

    @Override
    public ColumnRole inferredRole() {
        return Column.inferRole(rows(), rows() - missing(), distinct(), isNumeric(), hasLevels(),
                increasingIntegers());
    }
}
