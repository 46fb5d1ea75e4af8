package org.heaviside.data;

import java.util.List;

/**
 * A table turned into training and test sets by a fitted {@link Preprocessor}.
 *
 * @param preprocessor the pipeline fitted on the training split
 * @param train        training rows
 * @param test         held-out rows (empty when the test fraction is 0)
 * @param warnings     repairs made (imputation, dropped rows, unseen levels)
 */
public record PreparedData(Preprocessor preprocessor, Dataset train, Dataset test, List<DataWarning> warnings) {

    /** Copies the warnings. */
    public PreparedData {
        warnings = List.copyOf(warnings);
    }
}
