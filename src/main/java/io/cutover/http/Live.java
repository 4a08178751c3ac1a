package io.cutover.http;

import io.cutover.CutoverException;
import io.cutover.app.Cutover;
import io.cutover.app.Results;
import io.cutover.run.StatusReport;
import io.javalin.http.sse.SseClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the current {@link View}, recomputed from the journal (and the lab) in the background, so
 * that reading the API costs a lookup however large the migration, and pushes each new view to the
 * dashboards listening on the event stream. A run in another process shows up the same way: the
 * journal is the only source.
 */
final class Live implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Live.class);

    /** One computed view and its serialised forms. */
    record Snapshot(View view, String overview, String status, String fingerprint) {}

    private final Cutover cutover;
    private final Duration every;
    private final Duration minPoolsEvery;
    private Duration poolsEvery;
    private java.time.Instant poolsAsOf;
    private List<StatusReport.PoolLine> pools = List.of();
    private final Clock clock;
    private final Supplier<String[]> runner;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cutover-live");
        t.setDaemon(true);
        return t;
    });
    private final Queue<SseClient> clients = new ConcurrentLinkedQueue<>();
    private volatile Snapshot current;

    Live(Cutover cutover, Clock clock, Supplier<String[]> runner, Duration every, Duration poolsEvery) {
        this.cutover = cutover;
        this.minPoolsEvery = poolsEvery;
        this.poolsEvery = poolsEvery;
        this.clock = clock;
        this.runner = runner;
        this.every = every;
        this.current = compute();
        refresher.schedule(this::refreshAndReschedule, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Refreshes, then waits at least the interval, and at least as long as the refresh took: on a
     * large migration sharing the machine the view then takes at most half of a core, and the
     * executor and the API keep the rest.
     */
    private void refreshAndReschedule() {
        long t0 = System.nanoTime();
        refresh();
        long took = (System.nanoTime() - t0) / 1_000_000;
        if (!refresher.isShutdown()) {
            refresher.schedule(this::refreshAndReschedule, Math.max(every.toMillis(), took), TimeUnit.MILLISECONDS);
        }
    }

    Snapshot current() {
        return current;
    }

    /** Recompute soon, after an action, rather than at the next tick. */
    void nudge() {
        if (!refresher.isShutdown()) {
            refresher.execute(this::refresh);
        }
    }

    void listen(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
        client.sendEvent("view", current.overview());
    }

    private void refresh() {
        try {
            Snapshot next = compute();
            String before = current.fingerprint();
            current = next;
            // Pushed only when something changed, not merely the time of the view.
            if (!before.equals(next.fingerprint())) {
                for (SseClient c : clients) {
                    try {
                        if (c.terminated()) {
                            clients.remove(c);
                        } else {
                            c.sendEvent("view", next.overview());
                        }
                    } catch (RuntimeException e) {
                        clients.remove(c);
                    }
                }
            }
        } catch (RuntimeException e) {
            // A busy journal delays this view; the next refresh tries again.
            LOG.warn("refreshing the live view failed: {}", e.toString());
        }
    }

    private Snapshot compute() {
        String[] run = runner.get();
        java.time.Instant now = clock.instant();
        View view;
        try {
            // The pools come from the deployment, which is slow to ask on a large one: ask it at
            // most every poolsEvery, or every ten times as long as asking took, whichever is longer.
            boolean askPools = poolsAsOf == null || now.isAfter(poolsAsOf.plus(poolsEvery));
            long t0 = System.nanoTime();
            Results.LiveView live = cutover.liveView(askPools);
            StatusReport status = live.status();
            if (askPools) {
                pools = status.pools();
                poolsAsOf = now;
                poolsEvery = Duration.ofNanos(Math.max(minPoolsEvery.toNanos(), 10 * (System.nanoTime() - t0)));
            } else {
                status = status.withPools(pools);
            }
            view = new View(
                    now,
                    poolsAsOf,
                    run[0],
                    run[1],
                    status,
                    live.gates(),
                    live.coexistence(),
                    live.timeline(),
                    live.audit(),
                    live.rollbackTargets(),
                    null);
        } catch (CutoverException e) {
            view = new View(
                    now,
                    null,
                    run[0],
                    run[1],
                    null,
                    List.of(),
                    List.of(),
                    List.of(),
                    cutover.audit(200),
                    List.of(),
                    e.getMessage());
        }
        View timeless = new View(
                null,
                null,
                view.runner(),
                view.lastOutcome(),
                view.status(),
                view.gates(),
                view.coexistence(),
                view.timeline(),
                view.audit(),
                view.rollbackTargets(),
                view.error());
        return new Snapshot(
                view, Json.write(view), view.status() == null ? null : Json.write(view.status()), Json.write(timeless));
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        List<SseClient> open = new java.util.ArrayList<>(clients);
        clients.clear();
        for (SseClient c : open) {
            try {
                if (!c.terminated()) {
                    c.close();
                }
            } catch (RuntimeException e) {
                // The browser went away first; nothing left to close.
            }
        }
        try {
            // Let a refresh in progress close its journal before the caller moves on.
            refresher.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
