package io.cutover.cli;

import io.cutover.CutoverException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Builds the command line and maps failures to the documented exit codes. */
public final class Cli {
    private Cli() {}

    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new CutoverCommand());
        // Everything printed passes the terminal neutraliser, so picocli's own colours are off.
        cl.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        PrintWriter outWriter =
                new PrintWriter(new TerminalText(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8)), true);
        PrintWriter errWriter =
                new PrintWriter(new TerminalText(new java.io.OutputStreamWriter(err, StandardCharsets.UTF_8)), true);
        cl.setOut(outWriter);
        cl.setErr(errWriter);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setParameterExceptionHandler((ex, argv) -> {
            // One line, like every other bad input: what is wrong, then where to read more.
            errWriter.println(
                    "error: " + String.valueOf(ex.getMessage()).strip().replaceAll("\\s*\\R\\s*", " ")
                            + "; see `cutover " + qualifiedName(ex.getCommandLine()) + "--help`");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            boolean verbose = parsed.hasMatchedOption("--verbose")
                    || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"))
                    || java.util.Arrays.asList(args).contains("--verbose");
            if (ex instanceof CutoverException ce) {
                errWriter.println("error: " + ce.getMessage());
                if (verbose) {
                    ce.printStackTrace(errWriter);
                }
                return ce.code().exitCode();
            }
            errWriter.println("internal error: " + ex);
            if (verbose) {
                ex.printStackTrace(errWriter);
            } else {
                errWriter.println("run again with --verbose for the stack trace");
            }
            return 1;
        });
        int code = cl.execute(args);
        outWriter.flush();
        errWriter.flush();
        return code;
    }

    private static String qualifiedName(CommandLine cl) {
        String name = cl.getCommandSpec().qualifiedName(" ");
        name = name.startsWith("cutover") ? name.substring("cutover".length()).trim() : name;
        return name.isEmpty() ? "" : name + " ";
    }
}
