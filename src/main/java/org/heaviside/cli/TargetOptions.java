package org.heaviside.cli;

import java.util.ArrayList;
import java.util.List;
import org.heaviside.data.DataSpec;
import org.heaviside.data.Preprocessing;
import org.heaviside.data.Table;
import picocli.CommandLine.Option;

/** The target, positive class, ignored columns and held-out share; shared by the commands that model a table. */
final class TargetOptions {

    @Option(names = "--target", paramLabel = "COL", description = "The target column.")
    String target;

    @Option(names = "--positive", paramLabel = "LABEL",
            description = "For two classes, the +1 class (default: the minority class).")
    String positive;

    @Option(names = "--drop", split = ",", paramLabel = "COLS", description = "Columns to ignore, comma-separated.")
    List<String> drop = new ArrayList<>();

    @Option(names = "--test-fraction", defaultValue = "0.25",
            description = "Share of rows held out (default: ${DEFAULT-VALUE}; 0 uses every row for training).")
    double testFraction;

    /** The target, or a message naming the option when it was not given. */
    String requireTarget() {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("--target COL is required: the column the model predicts.");
        }
        return target;
    }

    /** The data spec for a table with a split seed. */
    DataSpec spec(Table table, long seed) {
        return spec(table.source(), table.columnNames(), seed);
    }

    /** The data spec for a source with the given column names (a file read elsewhere) and a split seed. */
    DataSpec spec(String source, List<String> columns, long seed) {
        return new DataSpec(requireTarget(), Preprocessing.ignoring(source, columns, drop), null, positive,
                testFraction, seed);
    }
}
