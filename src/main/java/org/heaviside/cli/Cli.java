package org.heaviside.cli;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.heaviside.data.DataException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code heaviside} command and its subcommands. */
@Command(name = "heaviside", mixinStandardHelpOptions = true, versionProvider = Cli.Version.class,
        description = "Heaviside Workbench: globally optimal training of threshold networks on plant data.%n"
                + "Run with no arguments to open the workbench.",
        subcommands = {InspectCommand.class, TrainCommand.class, SyntheticCommand.class, BenchCommand.class, CompareCommand.class, PredictCommand.class, ExportCommand.class, CostCommand.class, ReportCommand.class})
public final class Cli implements Runnable {

    /** Exit code for bad input (a data file, an option value). */
    public static final int BAD_INPUT = 2;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Runs the command line with the console's streams and returns the exit code. */
    public static int run(String... args) {
        Charset charset = System.console() != null ? System.console().charset() : StandardCharsets.UTF_8;
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true);
        return run(out, err, args);
    }

    /** Runs the command line with given streams (for tests) and returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, line -> { }, args);
    }

    /**
     * Runs the command line with given streams and a last change to it (tests add commands) and
     * returns the exit code. Running out of memory is bad input too: a file far larger than the
     * memory given to Java; the message says what to do.
     */
    static int run(PrintWriter out, PrintWriter err, java.util.function.Consumer<CommandLine> adjust, String... args) {
        quietOjAlgo();
        CommandLine commandLine = new CommandLine(new Cli());
        adjust.accept(commandLine);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
            if (exception instanceof DataException || exception instanceof IllegalArgumentException) {
                line.getErr().println("error: " + Flags.name(exception.getMessage()));
                return BAD_INPUT;
            }
            line.getErr().println("error: unexpected failure: " + exception);
            return 1;
        });
        commandLine.setParameterExceptionHandler((exception, strings) -> {
            CommandLine failing = exception.getCommandLine();
            failing.getErr().println("error: " + exception.getMessage());
            failing.getErr().println("Run '" + failing.getCommandSpec().qualifiedName() + " --help' for the options.");
            return BAD_INPUT;
        });
        int code;
        try {
            code = commandLine.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("error: out of memory (" + e.getMessage() + "): the data needs more memory than Java was "
                    + "given. Give it more (java -Xmx8g -jar heaviside.jar ...) or read fewer rows (--rows N).");
            code = BAD_INPUT;
        }
        out.flush();
        err.flush();
        return code;
    }

    /**
     * ojAlgo prints a note about its hardware profile to standard output when first used, which
     * would corrupt {@code --json} output: initialize it once with standard output muted.
     */
    private static synchronized void quietOjAlgo() {
        java.io.PrintStream original = System.out;
        try {
            System.setOut(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()));
            // one tiny linear program loads every ojAlgo class that reports on start-up
            org.heaviside.network.Separator.linearProgram(new double[][] {{0.0}, {1.0}}, new boolean[] {false, true});
        } finally {
            System.setOut(original);
        }
    }

    /** Reports the application version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Cli.class.getPackage().getImplementationVersion();
            return new String[] {"Heaviside Workbench " + (version == null ? "(development build)" : version)};
        }
    }
}
