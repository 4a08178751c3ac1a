package io.cutover.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One {@code cutover} command in a JVM of its own, as an operator would start it: the shaded jar,
 * nothing inherited, stdout and stderr kept in files so that a failure can show them.
 */
final class CliChild {
    /** What a process killed with SIGKILL exits with, as {@link Process#exitValue()} reports it. */
    static final int KILLED = 128 + 9;

    final String name;
    final List<String> command;
    private final Process process;
    private final Path out;
    private final Path err;

    private CliChild(String name, List<String> command, Process process, Path out, Path err) {
        this.name = name;
        this.command = command;
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /**
     * Starts {@code java -jar jar args} in {@code logs} (also its working directory) and registers
     * it in {@code live}, so that a test can kill whatever is left when it ends.
     */
    static CliChild start(Path jar, Path logs, String name, Collection<CliChild> live, String... args) {
        try {
            Files.createDirectories(logs);
            Path tmp = Files.createDirectories(logs.resolve("tmp"));
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    // These JVMs live for seconds and the test starts about sixty of them: the
                    // client compiler and the serial collector halve their start-up.
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    // sqlite-jdbc unpacks its native library here; a killed JVM leaves it behind.
                    "-Djava.io.tmpdir=" + tmp,
                    "-jar",
                    jar.toString()));
            command.addAll(List.of(args));
            Path out = logs.resolve(name + ".out");
            Path err = logs.resolve(name + ".err");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .directory(logs.toFile())
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            pb.environment()
                    .keySet()
                    .removeIf(k ->
                            k.equals("JAVA_TOOL_OPTIONS") || k.equals("JDK_JAVA_OPTIONS") || k.equals("_JAVA_OPTIONS"));
            Process p = pb.start();
            p.getOutputStream().close();
            CliChild child = new CliChild(name, command, p, out, err);
            live.add(child);
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** What it printed to stderr so far. */
    String stderr() throws IOException {
        return Files.readString(err, StandardCharsets.UTF_8);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the exit; a child that outlives the timeout is killed and the wait fails. */
    int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(name + " did not finish within " + timeout + "; killed it\n" + tails());
        }
        return process.exitValue();
    }

    /** Waits at most {@code d} for the exit: true when it exited in that time. */
    boolean exitsWithin(Duration d) throws InterruptedException {
        return process.waitFor(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * SIGKILL (what {@link Process#destroyForcibly()} sends on Linux), then the exit value:
     * {@link #KILLED} when the kill did it, the process's own exit code when it had just finished.
     */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " survived SIGKILL for 10 s");
        }
        return process.exitValue();
    }

    void destroy() {
        process.destroyForcibly();
    }

    /** The last lines of stderr (and of stdout, if stderr is empty): what a failure message shows. */
    String tails() {
        String e = tail(err, 15);
        return "--- " + name + " (" + String.join(" ", command.subList(command.indexOf("-jar") + 2, command.size()))
                + ") "
                + (process.isAlive() ? "still running" : "exit " + process.exitValue()) + "\n"
                + (e.isBlank() ? "stderr empty; stdout ends:\n" + tail(out, 8) : "stderr ends:\n" + e);
    }

    private static String tail(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return "(no " + file.getFileName() + ")\n";
            }
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            StringBuilder sb = new StringBuilder();
            for (String line : all.subList(Math.max(0, all.size() - lines), all.size())) {
                sb.append("  ")
                        .append(line.length() > 400 ? line.substring(0, 400) + "..." : line)
                        .append('\n');
            }
            return sb.toString();
        } catch (IOException | RuntimeException e) {
            return "(cannot read " + file + ": " + e + ")\n";
        }
    }
}
