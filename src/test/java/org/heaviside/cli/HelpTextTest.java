package org.heaviside.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's {@code --help} is printed whole and without picocli's warnings: a description with
 * a bare {@code %} is a format string picocli cannot expand, and it then writes a warning to the
 * process's error stream and prints the text unformatted.
 */
class HelpTextTest {

    @Test
    void everyCommandsHelpPrintsWithoutWarnings() {
        PrintStream before = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            for (String name : new CommandLine(new Cli()).getSubcommands().keySet()) {
                StringWriter out = new StringWriter();
                StringWriter err = new StringWriter();
                int code = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), name, "--help");
                assertThat(code).as(name).isZero();
                assertThat(out.toString()).as(name).contains("Usage: heaviside " + name);
                assertThat(err.toString()).as(name).isEmpty();
            }
        } finally {
            System.setErr(before);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
