package io.cutover.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;

/** One in-process run of the command line and what it printed. */
record Invocation(int exitCode, String out, String err) {
    static Invocation cutover(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, UTF_8);
                PrintStream e = new PrintStream(err, true, UTF_8)) {
            code = Cli.execute(args, o, e);
        }
        return new Invocation(code, out.toString(UTF_8), err.toString(UTF_8));
    }

    /** Asserts the run succeeded, showing what it printed when it did not. */
    Invocation ok() {
        assertThat(exitCode)
                .as("exit code of a run that printed%n%s%n%s", out, err)
                .isZero();
        return this;
    }

    /**
     * Asserts the documented bad-input contract: exit code 2, nothing on stdout, and exactly one
     * line on stderr, starting with "error: ". Returns that line.
     */
    String badInput() {
        assertThat(exitCode).as("exit code; stdout:%n%s%nstderr:%n%s", out, err).isEqualTo(2);
        List<String> lines = err.lines().toList();
        assertThat(lines).as("stderr").hasSize(1);
        assertThat(lines.get(0)).startsWith("error: ");
        assertThat(out).as("stdout").isEmpty();
        return lines.get(0);
    }
}
