package org.heaviside.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The rule for output files: a command never writes over a file it reads. */
final class Outputs {

    private Outputs() {
    }

    /**
     * Fails (bad input) when the output is one of the inputs, compared as the same file on disk (links
     * included) or, when the output does not exist yet, as the same absolute path.
     *
     * @param option the output's option, for the message (such as {@code --out})
     */
    static void refuseOverwriting(String option, Path output, Path... inputs) {
        if (output == null) {
            return;
        }
        for (Path input : inputs) {
            if (input != null && same(output, input)) {
                throw new IllegalArgumentException(option + " " + output + " is the input file " + input
                        + "; write to another file (a command never writes over a file it reads).");
            }
        }
    }

    private static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall back to the paths
        }
        return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
    }
}
