package io.cutover.shell;

import io.cutover.deployment.DeploymentFailure;
import java.util.List;
import java.util.function.Consumer;

/**
 * One place a script can run: a long-lived session of a {@link SessionSpec}'s command, replaced
 * when it dies, hangs or answers out of frame; or, in {@link ShellSettings.Mode#SCRIPT}, a new
 * process per script. Runs one script at a time; {@link ScriptRunner} hands out the slots.
 */
final class Slot {
    /**
     * How a script ran.
     *
     * @param ok whether the shell answered in time and in frame (in script mode: exited 0)
     * @param failure what each statement the script did not answer for fails with
     */
    record Result(boolean ok, DeploymentFailure failure) {}

    private final SessionSpec spec;
    private final String name;
    private final ShellSettings settings;
    private volatile ShellSession session;
    private volatile boolean busy;
    private volatile boolean down;
    private volatile boolean starting;
    private volatile boolean closed;
    private volatile long scripts;
    private volatile long replaced;
    private volatile String lastProblem;

    Slot(SessionSpec spec, String name, ShellSettings settings) {
        this.spec = spec;
        this.name = name;
        this.settings = settings;
    }

    SessionSpec spec() {
        return spec;
    }

    boolean busy() {
        return busy;
    }

    void claim() {
        busy = true;
    }

    void release() {
        busy = false;
    }

    /** Runs a script here, handing on each line it writes. */
    Result run(String script, Consumer<String> line) {
        return settings.mode() == ShellSettings.Mode.SCRIPT ? runProcess(script, line) : runSession(script, line);
    }

    private Result runProcess(String script, Consumer<String> line) {
        ShellProcess.Exit exit = ShellProcess.run(spec.command(), script, settings.timeout(), line);
        scripts++;
        if (exit.timedOut()) {
            return problem(DeploymentFailure.retryable("the shell did not answer within "
                    + ShellSession.seconds(settings.timeout()) + "; its process was killed"));
        }
        if (exit.code() != 0) {
            return problem(
                    DeploymentFailure.permanent("the shell exited with code " + exit.code() + suffix(exit.stderr())));
        }
        return new Result(true, noAnswer(exit.stderr()));
    }

    private Result runSession(String script, Consumer<String> line) {
        if (closed) {
            return problem(DeploymentFailure.retryable("the shell driver closed before this operation ran"));
        }
        if (session == null || !session.alive()) {
            if (session != null) {
                lost("its process ended between scripts");
            }
            starting = true;
            try {
                session = ShellSession.start(spec.command(), settings.timeout());
                down = false;
            } catch (DeploymentFailure f) {
                down = true;
                lastProblem = f.getMessage();
                String why = "shell session " + name + ": " + f.getMessage();
                throw f.isTransient() ? DeploymentFailure.retryable(why) : DeploymentFailure.permanent(why);
            } finally {
                starting = false;
            }
        }
        ShellSession.Ran ran = session.run(script, settings.timeout(), line);
        scripts++;
        return switch (ran.ending()) {
            case ANSWERED -> new Result(true, noAnswer(ran.detail()));
            case TIMED_OUT ->
                replace(DeploymentFailure.retryable("the shell did not answer within "
                        + ShellSession.seconds(settings.timeout()) + "; its process was killed (shell session " + name
                        + ", replaced)"));
            case DIED ->
                replace(DeploymentFailure.retryable(
                        "shell session " + name + " ended before it answered (" + ran.detail() + "); it is replaced"));
            case OUT_OF_FRAME ->
                replace(DeploymentFailure.retryable("shell session " + name + " answered out of frame (" + ran.detail()
                        + "); it was killed and is replaced"));
        };
    }

    private Result replace(DeploymentFailure f) {
        session = null;
        replaced++;
        return problem(f);
    }

    private void lost(String why) {
        replaced++;
        lastProblem = why;
        session = null;
    }

    private Result problem(DeploymentFailure f) {
        lastProblem = f.getMessage();
        return new Result(false, f);
    }

    private static DeploymentFailure noAnswer(String stderr) {
        return DeploymentFailure.permanent("the shell ended without answering for this operation" + suffix(stderr));
    }

    private static String suffix(String stderr) {
        if (stderr == null || stderr.isBlank()) {
            return "";
        }
        String oneLine = stderr.strip().replaceAll("\\s*\\R\\s*", " | ");
        return ": " + (oneLine.length() > 600 ? oneLine.substring(0, 600) + "..." : oneLine);
    }

    SessionHealth health() {
        String state = closed
                ? "closed"
                : starting
                        ? "starting"
                        : busy ? "busy" : down ? "down" : session != null && session.alive() ? "idle" : "not started";
        List<String> pools = spec.pools().stream().map(f -> f.text()).toList();
        long pid = session != null && session.alive() ? session.pid() : 0;
        return new SessionHealth(name, pools, state, pid, scripts, replaced, lastProblem);
    }

    /** Ends the session: standard input closed, then killed if it lingers. */
    void close() {
        closed = true;
        ShellSession s = session;
        if (s != null) {
            s.close();
        }
    }
}
