package org.heaviside.data;

import java.util.List;

/**
 * What the preparation of a table needs to know about one column, whether it was loaded in this
 * process ({@link Column}) or summarized over a cluster's partitions ({@link ColumnProfile}): counts
 * of cells, whether it is numeric, its levels and its inferred role.
 */
public interface ColumnStats {

    /** The column name. */
    String name();

    /** Number of rows. */
    int rows();

    /** Cells holding a missing-value token. */
    int missing();

    /** Present cells that are not numbers. */
    int unparsable();

    /** Line of the first cell that is not a number, or 0. */
    long firstUnparsableLine();

    /** Text of the first cell that is not a number, or null. */
    String firstUnparsableText();

    /** Whether nearly all present cells are numbers. */
    boolean isNumeric();

    /** Whether the column has at most {@link Column#MAX_LEVELS} distinct texts. */
    boolean hasLevels();

    /** The distinct texts in order of first appearance, or null when there were too many. */
    List<String> levels();

    /** Rows holding each level of {@link #levels()}. */
    int[] levelCounts();

    /** Distinct present values (numbers for a numeric column, texts otherwise). */
    int distinct();

    /** Whether every number in the column is an integer. */
    boolean allIntegers();

    /** The role inferred from the values. */
    ColumnRole inferredRole();
}
