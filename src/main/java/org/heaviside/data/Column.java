package org.heaviside.data;

import java.util.Arrays;
import java.util.List;

/**
 * One column of a loaded table, kept both as numbers (NaN where missing or not a number) and, while
 * it has at most {@link #MAX_LEVELS} distinct texts, as codes into its list of levels.
 */
public final class Column implements ColumnStats {

    /** Most distinct texts kept as levels; a column with more has no level codes. */
    public static final int MAX_LEVELS = 10_000;

    private final String name;
    private final double[] numbers;
    private final int[] codes;
    private final List<String> levels;
    private final int missing;
    private final int unparsable;
    private final long firstUnparsableLine;
    private final String firstUnparsableText;
    private final int distinct;
    private final double min;
    private final double max;
    private final boolean numeric;
    private final ColumnRole inferredRole;

    Column(String name, double[] numbers, int[] codes, List<String> levels, int missing, int unparsable,
           long firstUnparsableLine, String firstUnparsableText, int textDistinct, boolean increasingIntegers) {
        this.name = name;
        this.numbers = numbers;
        this.codes = codes;
        this.levels = levels == null ? null : List.copyOf(levels);
        this.missing = missing;
        this.unparsable = unparsable;
        this.firstUnparsableLine = firstUnparsableLine;
        this.firstUnparsableText = firstUnparsableText;
        int rows = numbers.length;
        int present = rows - missing;
        int parsed = present - unparsable;
        this.numeric = isNumeric(present, unparsable);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : numbers) {
            if (v == v) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        this.min = parsed > 0 ? lo : Double.NaN;
        this.max = parsed > 0 ? hi : Double.NaN;
        int numberDistinct = countDistinctNumbers(numbers);
        this.distinct = numeric ? numberDistinct : this.levels != null ? this.levels.size() : textDistinct + numberDistinct;
        this.inferredRole = inferRole(rows, present, distinct, numeric, this.levels != null, increasingIntegers);
    }

    /** Numeric when nearly every present cell is a number: a few bad cells are repaired as missing. */
    static boolean isNumeric(long present, long unparsable) {
        return present - unparsable > 0 && unparsable * 20L <= present;
    }

    private static int countDistinctNumbers(double[] numbers) {
        double[] sorted = new double[numbers.length];
        int count = 0;
        for (double v : numbers) {
            if (v == v) {
                sorted[count++] = v == 0.0 ? 0.0 : v; // fold -0.0 into 0.0
            }
        }
        Arrays.sort(sorted, 0, count);
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                distinct++;
            }
        }
        return distinct;
    }

    /** The role of a column from its counts (shared by the loader and the cluster's profile). */
    static ColumnRole inferRole(int rows, int present, int distinct, boolean numeric, boolean hasLevels,
                                boolean increasingIntegers) {
        if (distinct <= 1) {
            return ColumnRole.CONSTANT;
        }
        boolean uniquePerRow = present == rows && distinct == rows && rows >= 20;
        if (numeric) {
            // a sensor reading can be unique per row too; only a monotone integer counter is an identifier
            return uniquePerRow && increasingIntegers ? ColumnRole.IDENTIFIER : ColumnRole.NUMERIC;
        }
        if (uniquePerRow || !hasLevels) {
            return ColumnRole.IDENTIFIER;
        }
        return ColumnRole.CATEGORICAL;
    }

    /** The column name as in the header (or "column N"). */
    @Override
    public String name() {
        return name;
    }

    /** Number of rows. */
    public int rows() {
        return numbers.length;
    }

    /** The value in a row as a number, or NaN when missing or not a number. */
    public double number(int row) {
        return numbers[row];
    }

    /** The level of a row, or null when missing; throws when the column has too many levels. */
    public String text(int row) {
        if (codes == null) {
            throw new IllegalStateException("Column '" + name + "' has more than " + MAX_LEVELS + " distinct values.");
        }
        int code = codes[row];
        return code < 0 ? null : levels.get(code);
    }

    /** Level code of a row (-1 when missing); see {@link #levels()}. */
    public int code(int row) {
        return codes[row];
    }

    /** Whether the column kept its level codes (at most {@link #MAX_LEVELS} distinct texts). */
    public boolean hasLevels() {
        return codes != null;
    }

    /** The distinct texts in order of first appearance, or null when there were too many. */
    public List<String> levels() {
        return levels;
    }

    /** Cells holding a missing-value token. */
    public int missing() {
        return missing;
    }

    /** Present cells that are not numbers (in a numeric column they are treated as missing). */
    public int unparsable() {
        return unparsable;
    }

    /** Line of the first cell that is not a number, or 0. */
    public long firstUnparsableLine() {
        return firstUnparsableLine;
    }

    /** Text of the first cell that is not a number, or null. */
    public String firstUnparsableText() {
        return firstUnparsableText;
    }

    /** Distinct present values (numbers for a numeric column, texts otherwise). */
    public int distinct() {
        return distinct;
    }

    @Override
    public int[] levelCounts() {
        int[] counts = new int[levels.size()];
        for (int code : codes) {
            if (code >= 0) {
                counts[code]++;
            }
        }
        return counts;
    }

    @Override
    public boolean allIntegers() {
        for (double v : numbers) {
            if (v == v && v != Math.rint(v)) {
                return false;
            }
        }
        return true;
    }

    /** Smallest number, or NaN when the column holds none. */
    public double min() {
        return min;
    }

    /** Largest number, or NaN when the column holds none. */
    public double max() {
        return max;
    }

    /** Whether nearly all present cells are numbers. */
    public boolean isNumeric() {
        return numeric;
    }

    /** The role inferred from the values. */
    public ColumnRole inferredRole() {
        return inferredRole;
    }
}
