package io.cutover.shell;

import io.cutover.deployment.DeploymentFailure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one script through the configured command: the script on standard input, standard output
 * read line by line as it comes (so answers given before a hang are kept), standard error kept for
 * the error message. A process that outlives the timeout is killed with everything it started.
 */
final class ShellProcess {
    /** How a run ended. */
    record Exit(int code, boolean timedOut, String stderr) {}

    private static final int STDERR_LIMIT = 16 * 1024;

    private ShellProcess() {}

    static Exit run(List<String> command, String script, Duration timeout, Consumer<String> stdoutLine) {
        Process process;
        try {
            process = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw DeploymentFailure.permanent("cannot start the shell command " + command + ": " + e.getMessage());
        }
        StringBuilder stderr = new StringBuilder();
        Thread out = reader("cutover-shell-out", process.getInputStream(), stdoutLine);
        Thread err = reader("cutover-shell-err", process.getErrorStream(), line -> {
            synchronized (stderr) {
                if (stderr.length() < STDERR_LIMIT) {
                    stderr.append(line).append('\n');
                }
            }
        });
        try {
            try (OutputStream in = process.getOutputStream()) {
                in.write(script.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // The shell closed its input early (it exited or refused the script): its exit code
                // and error text below say why.
            }
            boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!exited) {
                kill(process);
            }
            out.join(5_000);
            err.join(5_000);
            synchronized (stderr) {
                return new Exit(
                        exited ? process.exitValue() : -1,
                        !exited,
                        stderr.toString().strip());
            }
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw DeploymentFailure.retryable("interrupted while the shell ran; its process was killed");
        }
    }

    /** Kills the process and every process it started, and waits until they are gone. */
    static void kill(Process process) {
        List<ProcessHandle> tree = process.descendants().toList();
        tree.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
            for (ProcessHandle h : tree) {
                h.onExit().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            // A descendant that will not die within 10 s after SIGKILL is beyond our reach.
        }
    }

    private static Thread reader(String name, InputStream stream, Consumer<String> sink) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            sink.accept(line);
                        }
                    } catch (IOException e) {
                        // The stream closes when the process is killed.
                    }
                },
                name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
