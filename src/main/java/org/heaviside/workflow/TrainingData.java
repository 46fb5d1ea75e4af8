package org.heaviside.workflow;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.heaviside.data.Column;
import org.heaviside.data.ColumnRole;
import org.heaviside.data.DataSpec;
import org.heaviside.data.PreparedData;
import org.heaviside.data.Preprocessing;
import org.heaviside.data.Table;

/**
 * The data a model is trained on, with what its provenance names: the prepared split, the table it
 * came from (for the data conditions; null for generated data), the data set's name and SHA-256,
 * the columns left out and the held-out share.
 *
 * @param prepared     training and test rows with the fitted preprocessing
 * @param table        the loaded table, or null for generated data (the paper's synthetic set)
 * @param dataset      the data set's name (the file name)
 * @param sha256       SHA-256 of the data file's bytes
 * @param dropped      the columns ignored by the user's choice, in the file's order
 * @param testFraction share of rows held out
 */
public record TrainingData(PreparedData prepared, Table table, String dataset, String sha256, List<String> dropped,
                           double testFraction) {

    /** Checks and copies. */
    public TrainingData {
        Objects.requireNonNull(prepared, "prepared");
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(sha256, "sha256");
        dropped = List.copyOf(dropped);
    }

    /** Prepares a loaded table as the spec says (preprocessing fitted on its training split). */
    public static TrainingData of(Table table, DataSpec spec) {
        return of(table, spec, Preprocessing.prepare(table, spec));
    }

    /** A table already prepared as the spec says. */
    public static TrainingData of(Table table, DataSpec spec, PreparedData prepared) {
        List<String> dropped = new ArrayList<>();
        for (Column column : table.columns()) {
            if (spec.roles().get(column.name()) == ColumnRole.IGNORED) {
                dropped.add(column.name());
            }
        }
        return new TrainingData(prepared, table, table.source(), table.sha256(), dropped, spec.testFraction());
    }
}
