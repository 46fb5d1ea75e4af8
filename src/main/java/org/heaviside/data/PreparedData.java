package org.heaviside.data;

import java.util.List;

/**
 * A table turned into training and test sets by a fitted {@link Preprocessor}.
 *
 * @param preprocessor the pipeline fitted on the training split
 * @param train        training rows (empty when the rows are {@code elsewhere})
 * @param test         held-out rows (empty when the test fraction is 0, or the rows are {@code elsewhere})
 * @param warnings     repairs made (imputation, dropped rows, unseen levels)
 * @param elsewhere    for rows kept elsewhere (a cluster's partitions), their counts; null when the rows
 *                     are in {@code train} and {@code test}
 */
public record PreparedData(Preprocessor preprocessor, Dataset train, Dataset test, List<DataWarning> warnings,
                           Elsewhere elsewhere) {

    /**
     * The counts of rows that stay where they were read.
     *
     * @param train       training rows
     * @param test        held-out rows
     * @param classCounts training rows of each class (empty for regression)
     */
    public record Elsewhere(int train, int test, long[] classCounts) {
    }

    /** Copies the warnings. */
    public PreparedData {
        warnings = List.copyOf(warnings);
    }

    /** Rows in this process. */
    public PreparedData(Preprocessor preprocessor, Dataset train, Dataset test, List<DataWarning> warnings) {
        this(preprocessor, train, test, warnings, null);
    }

    /** Number of training rows, wherever they are. */
    public int trainRows() {
        return elsewhere != null ? elsewhere.train() : train.size();
    }

    /** Number of held-out rows, wherever they are. */
    public int testRows() {
        return elsewhere != null ? elsewhere.test() : test.size();
    }
}
