package org.heaviside.launcher;

import org.heaviside.app.shell.WorkbenchApp;
import org.heaviside.cli.Cli;

/**
 * Starts Heaviside Workbench. A plain main class (not a JavaFX {@code Application}) so that the
 * runnable jar starts with JavaFX on the class path.
 */
public final class Main {

    private Main() {
    }

    /** Opens the workbench with no arguments (or only a file to open); otherwise runs the command line. */
    public static void main(String[] args) {
        if (args.length == 0 || (args.length == 1 && args[0].toLowerCase(java.util.Locale.ROOT).endsWith(".csv"))) {
            WorkbenchApp.main(args);
        } else {
            System.exit(Cli.run(args));
        }
    }
}
