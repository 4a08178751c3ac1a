package io.cutover.shell;

import io.cutover.deployment.DeploymentFailure;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One long-lived shell process in session mode (see {@link SessionFrames}): started once, then
 * sent one framed script at a time. Not thread-safe: its slot runs one script at a time.
 */
final class ShellSession implements AutoCloseable {
    /** How a framed script ended. */
    enum Ending {
        /** The frame closed: every line in it was handed on. */
        ANSWERED,
        /** No end marker within the timeout; the process was killed. */
        TIMED_OUT,
        /** The process ended (or closed its output) before the frame closed. */
        DIED,
        /** A marker of another frame, or of none, where this frame's was due; the process was killed. */
        OUT_OF_FRAME
    }

    /** How a framed script ended, with what the session said on standard error meanwhile. */
    record Ran(Ending ending, String detail) {}

    private static final String EOF = new String("end of output");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int STDERR_LIMIT = 16 * 1024;

    private final Process process;
    private final String nonce;
    private final OutputStream stdin;
    private final LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final StringBuilder stderr = new StringBuilder();
    private long seq;

    private ShellSession(Process process, String nonce) {
        this.process = process;
        this.nonce = nonce;
        this.stdin = process.getOutputStream();
        reader("cutover-session-out", process.getInputStream(), lines::add, () -> lines.add(EOF));
        reader("cutover-session-err", process.getErrorStream(), this::keepError, () -> {});
    }

    /**
     * Starts the command, sends the bootstrap and waits for the ready line.
     *
     * @throws DeploymentFailure permanent when the command cannot start or ends at once; retryable
     *     when it is not ready within {@code timeout} (it is killed)
     */
    static ShellSession start(List<String> command, Duration timeout) {
        Process p;
        try {
            p = new ProcessBuilder(command).start();
        } catch (IOException e) {
            throw DeploymentFailure.permanent("cannot start the shell command " + command + ": " + e.getMessage());
        }
        String nonce = HexFormat.of().formatHex(RANDOM.generateSeed(8));
        ShellSession s = new ShellSession(p, nonce);
        s.send(SessionFrames.bootstrap(nonce) + "\n");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = s.next(deadline);
            if (line == null) {
                s.kill();
                throw DeploymentFailure.retryable(
                        "the shell session was not ready within " + seconds(timeout) + "; its process was killed");
            }
            if (line == EOF) {
                s.kill();
                throw DeploymentFailure.permanent(
                        "the shell session ended before it was ready" + s.errorSuffix(s.takeErrors()));
            }
            if (SessionFrames.parse(nonce, line) instanceof SessionFrames.Line.Ready) {
                return s;
            }
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /**
     * Sends the script and hands on each line of its frame. Lines outside the frame (module
     * noise) are skipped. Any ending but {@link Ending#ANSWERED} leaves the session dead.
     */
    Ran run(String script, Duration timeout, Consumer<String> line) {
        long n = ++seq;
        takeErrors();
        if (!send(SessionFrames.request(n, script))) {
            kill();
            return new Ran(Ending.DIED, exitText() + errorSuffix(takeErrors()));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean inFrame = false;
        while (true) {
            String text = next(deadline);
            if (text == null) {
                kill();
                return new Ran(Ending.TIMED_OUT, takeErrors());
            }
            if (text == EOF) {
                kill();
                return new Ran(Ending.DIED, exitText() + errorSuffix(takeErrors()));
            }
            SessionFrames.Line l = SessionFrames.parse(nonce, text);
            if (l instanceof SessionFrames.Line.Begin b && b.seq() == n && !inFrame) {
                inFrame = true;
            } else if (l instanceof SessionFrames.Line.End e && e.seq() == n && inFrame) {
                return new Ran(Ending.ANSWERED, takeErrors());
            } else if (l instanceof SessionFrames.Line.Other o) {
                if (inFrame) {
                    line.accept(o.text());
                }
            } else {
                kill();
                return new Ran(Ending.OUT_OF_FRAME, "'" + text.strip() + "' while frame " + n + " was due");
            }
        }
    }

    /** Closes standard input (the session's loop ends), then makes sure the process is gone. */
    @Override
    public void close() {
        try {
            stdin.close();
        } catch (IOException e) {
            // Already gone.
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                kill();
            }
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
        }
    }

    void kill() {
        ShellProcess.kill(process);
    }

    private boolean send(String text) {
        try {
            stdin.write(text.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The next line, {@link #EOF}, or null at the deadline. */
    private String next(long deadline) {
        try {
            long left = deadline - System.nanoTime();
            return left <= 0 ? lines.poll() : lines.poll(left, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            kill();
            Thread.currentThread().interrupt();
            throw DeploymentFailure.retryable("interrupted while the shell session ran; its process was killed");
        }
    }

    private String exitText() {
        try {
            process.waitFor(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.isAlive() ? "it closed its output" : "it exited with code " + process.exitValue();
    }

    private void keepError(String line) {
        synchronized (stderr) {
            if (stderr.length() < STDERR_LIMIT) {
                stderr.append(line).append('\n');
            }
        }
    }

    /** What arrived on standard error since last taken. */
    String takeErrors() {
        synchronized (stderr) {
            String s = stderr.toString().strip();
            stderr.setLength(0);
            return s;
        }
    }

    private String errorSuffix(String errors) {
        return errors.isEmpty() ? "" : ": " + errors;
    }

    static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    private static void reader(String name, InputStream stream, Consumer<String> sink, Runnable atEnd) {
        Thread t = new Thread(
                () -> {
                    try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                        String line;
                        while ((line = r.readLine()) != null) {
                            sink.accept(line);
                        }
                    } catch (IOException e) {
                        // The stream closes when the process is killed.
                    } finally {
                        atEnd.run();
                    }
                },
                name);
        t.setDaemon(true);
        t.start();
    }
}
