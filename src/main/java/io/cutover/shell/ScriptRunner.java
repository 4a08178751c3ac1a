package io.cutover.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.shell.ShellDeployment.Answer;
import io.cutover.shell.ShellDeployment.Watch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs statements as scripts of the configured shell, one script at a time: statements that arrive
 * while one runs wait and share the next script, up to {@link ShellSettings#batch()} of them. A
 * script that does not finish within {@link ShellSettings#timeout()} has its process tree killed.
 */
final class ScriptRunner {
    static final String STATUS_KEY = "cutoverItem";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ShellSettings settings;
    private final ArrayDeque<Call> queue = new ArrayDeque<>();
    private final ReentrantLock running = new ReentrantLock(true);
    private final Watch watch;

    ScriptRunner(ShellSettings settings, Watch watch) {
        this.settings = settings;
        this.watch = watch;
    }

    /** One statement in a script and, once the script ran, its answer. */
    private static final class Call {
        final String pipeline;
        final List<JsonNode> data = new ArrayList<>();
        String error;
        DeploymentFailure failure;
        boolean done;

        Call(String pipeline) {
            this.pipeline = pipeline;
        }
    }

    /** Runs statements, sharing a script with whatever else is waiting; answers in the same order. */
    List<Answer> run(List<String> pipelines) {
        List<Call> calls = pipelines.stream().map(Call::new).toList();
        synchronized (queue) {
            queue.addAll(calls);
        }
        running.lock();
        try {
            while (!allDone(calls)) {
                List<Call> batch = new ArrayList<>();
                synchronized (queue) {
                    while (!queue.isEmpty() && batch.size() < settings.batch()) {
                        batch.add(queue.poll());
                    }
                }
                if (batch.isEmpty()) {
                    break;
                }
                runScript(batch);
            }
        } finally {
            running.unlock();
        }
        List<Answer> answers = new ArrayList<>(calls.size());
        for (Call c : calls) {
            if (c.failure != null) {
                throw c.failure;
            }
            answers.add(new Answer(List.copyOf(c.data), c.error));
        }
        return answers;
    }

    private static boolean allDone(List<Call> calls) {
        synchronized (calls) {
            return calls.stream().allMatch(c -> c.done);
        }
    }

    /** The script for statements: each in its own try/catch that writes a status object. */
    String script(List<String> pipelines) {
        StringBuilder sb = new StringBuilder();
        sb.append("$ProgressPreference = 'SilentlyContinue'\n");
        for (int i = 0; i < pipelines.size(); i++) {
            int n = i + 1;
            sb.append("try { ")
                    .append(pipelines.get(i))
                    .append("; @{ ")
                    .append(STATUS_KEY)
                    .append(" = ")
                    .append(n)
                    .append("; ok = $true } | ConvertTo-Json -Compress } catch { @{ ")
                    .append(STATUS_KEY)
                    .append(" = ")
                    .append(n)
                    .append("; ok = $false; error = \"$_\" } | ConvertTo-Json -Compress }\n");
        }
        return sb.toString();
    }

    private void runScript(List<Call> batch) {
        String script = script(batch.stream().map(c -> c.pipeline).toList());
        int[] current = {0};
        long began = System.nanoTime();
        ShellProcess.Exit exit = ShellProcess.run(settings.command(), script, settings.timeout(), line -> {
            JsonNode node = parse(line);
            if (node == null) {
                return;
            }
            synchronized (batch) {
                if (node.isObject() && node.has(STATUS_KEY)) {
                    int n = node.get(STATUS_KEY).asInt();
                    if (n >= 1 && n <= batch.size()) {
                        Call c = batch.get(n - 1);
                        if (!node.path("ok").asBoolean(false)) {
                            c.error = node.path("error").asText("the cmdlet failed without an error text");
                        }
                        c.done = true;
                        current[0] = n;
                    }
                } else if (current[0] < batch.size()) {
                    Call c = batch.get(current[0]);
                    if (node.isArray()) {
                        node.forEach(c.data::add);
                    } else {
                        c.data.add(node);
                    }
                }
            }
        });
        watch.roundTrip(
                batch.size(),
                exit.code() == 0 && !exit.timedOut(),
                java.time.Duration.ofNanos(System.nanoTime() - began));
        synchronized (batch) {
            for (Call c : batch) {
                if (c.done) {
                    continue;
                }
                if (exit.timedOut()) {
                    c.failure = DeploymentFailure.retryable(
                            "the shell did not answer within " + seconds() + "; its process was killed");
                } else if (exit.code() != 0) {
                    c.failure = DeploymentFailure.permanent("the shell exited with code " + exit.code()
                            + (exit.stderr().isEmpty() ? "" : ": " + firstLines(exit.stderr())));
                } else {
                    c.failure = DeploymentFailure.permanent("the shell ended without answering for this operation"
                            + (exit.stderr().isEmpty() ? "" : ": " + firstLines(exit.stderr())));
                }
                c.data.clear();
                c.done = true;
            }
        }
    }

    private String seconds() {
        long ms = settings.timeout().toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    private static String firstLines(String text) {
        String oneLine = text.strip().replaceAll("\\s*\\R\\s*", " | ");
        return oneLine.length() > 600 ? oneLine.substring(0, 600) + "..." : oneLine;
    }

    private static JsonNode parse(String line) {
        String t = line.strip();
        // An object, an array, or a string (ConvertTo-Json of what Get-CsServerVersion prints).
        if (!(t.startsWith("{") || t.startsWith("[") || t.startsWith("\""))) {
            return null;
        }
        try {
            return JSON.readTree(t);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
