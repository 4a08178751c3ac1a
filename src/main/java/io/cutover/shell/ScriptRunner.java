package io.cutover.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.inventory.Fqdn;
import io.cutover.shell.ShellDeployment.Answer;
import io.cutover.shell.ShellDeployment.Watch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;

/**
 * Runs statements as scripts over the configured shells (see {@link Slot}): statements that arrive
 * while every shell that may carry them is busy wait and share the next script, up to
 * {@link ShellSettings#batch()} of them. A statement about a pool goes only to a shell that serves
 * that pool.
 */
final class ScriptRunner implements AutoCloseable {
    static final String STATUS_KEY = "cutoverItem";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ShellSettings settings;
    private final Watch watch;
    private final List<Slot> slots = new ArrayList<>();
    private final LinkedList<Call> queue = new LinkedList<>();
    /** Guards the queue, the slots' busy flags and the calls' done flags. */
    private final Object lock = new Object();

    private boolean closed;

    ScriptRunner(ShellSettings settings, Watch watch) {
        this.settings = settings;
        this.watch = watch;
        for (SessionSpec spec : settings.effectiveSessions()) {
            for (int i = 1; i <= spec.concurrency(); i++) {
                slots.add(new Slot(spec, spec.concurrency() == 1 ? spec.name() : spec.name() + "#" + i, settings));
            }
        }
    }

    /** One statement in a script and, once the script ran, its answer. */
    static final class Call {
        final String pipeline;
        final Fqdn pool;
        final List<JsonNode> data = new ArrayList<>();
        String error;
        DeploymentFailure failure;
        boolean answered;
        boolean done;

        Call(String pipeline, Fqdn pool) {
            this.pipeline = pipeline;
            this.pool = pool;
        }
    }

    /**
     * Runs statements about {@code pool} (null: none in particular), sharing a script with whatever
     * else is waiting; answers in the same order.
     *
     * @throws DeploymentFailure the first failure of a statement whose script did not answer for it
     */
    List<Answer> run(List<String> pipelines, Fqdn pool) {
        if (slots.stream().noneMatch(s -> s.spec().serves(pool))) {
            throw DeploymentFailure.permanent("no shell session serves pool " + pool
                    + "; add it to one with --shell-pools, or give a session that serves any pool");
        }
        List<Call> calls = pipelines.stream().map(p -> new Call(p, pool)).toList();
        synchronized (lock) {
            if (closed) {
                throw DeploymentFailure.permanent("the shell driver is closed");
            }
            queue.addAll(calls);
        }
        while (true) {
            Slot slot;
            List<Call> batch;
            synchronized (lock) {
                slot = null;
                while (!calls.stream().allMatch(c -> c.done) && (slot = freeSlot()) == null) {
                    wait(lock);
                }
                if (slot == null) {
                    break;
                }
                batch = take(slot);
            }
            try {
                runScript(slot, batch);
            } finally {
                synchronized (lock) {
                    batch.forEach(c -> c.done = true);
                    slot.release();
                    lock.notifyAll();
                }
                watch.sessions(health());
            }
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

    /** A free slot that serves a waiting call, marked busy; null when there is none. */
    private Slot freeSlot() {
        for (Slot s : slots) {
            if (!s.busy() && queue.stream().anyMatch(c -> s.spec().serves(c.pool))) {
                s.claim();
                return s;
            }
        }
        return null;
    }

    /** Takes the waiting calls the slot may carry, up to a batch. */
    private List<Call> take(Slot slot) {
        List<Call> batch = new ArrayList<>();
        for (Iterator<Call> it = queue.iterator(); it.hasNext() && batch.size() < settings.batch(); ) {
            Call c = it.next();
            if (slot.spec().serves(c.pool)) {
                batch.add(c);
                it.remove();
            }
        }
        return batch;
    }

    private static void wait(Object lock) {
        try {
            lock.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeploymentFailure.retryable("interrupted while waiting for a shell session");
        }
    }

    /** The script for statements: each in its own try/catch that writes a status object. */
    static String script(List<String> pipelines) {
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

    private void runScript(Slot slot, List<Call> batch) {
        String script = script(batch.stream().map(c -> c.pipeline).toList());
        int[] current = {0};
        long began = System.nanoTime();
        Slot.Result result;
        try {
            result = slot.run(script, line -> answer(batch, current, line));
        } catch (DeploymentFailure f) {
            result = new Slot.Result(false, f);
        }
        watch.roundTrip(batch.size(), result.ok(), Duration.ofNanos(System.nanoTime() - began));
        synchronized (batch) {
            for (Call c : batch) {
                if (!c.answered) {
                    c.failure = result.failure();
                    c.data.clear();
                }
            }
        }
    }

    /** Hands one line of a script's output to the statement it belongs to. */
    private static void answer(List<Call> batch, int[] current, String line) {
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
                    c.answered = true;
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

    /** Every slot's health, in the order of the options. */
    List<SessionHealth> health() {
        synchronized (lock) {
            return slots.stream().map(Slot::health).toList();
        }
    }

    /** Closes every session; statements still waiting fail. */
    @Override
    public void close() {
        synchronized (lock) {
            closed = true;
            for (Call c : queue) {
                c.failure = DeploymentFailure.retryable("the shell driver closed before this operation ran");
                c.done = true;
            }
            queue.clear();
            lock.notifyAll();
        }
        slots.forEach(Slot::close);
        watch.sessions(health());
    }
}
