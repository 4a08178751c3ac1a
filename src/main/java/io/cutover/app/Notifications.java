package io.cutover.app;

import io.cutover.journal.Journal;
import io.cutover.notify.Courier;
import io.cutover.notify.NotifySettings;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the workspace's outbox while a verb runs: a pass every {@value #PERIOD_SECONDS} seconds
 * on a daemon thread of its own, with its own journal connection, and a last pass on close, so
 * what the verb wrote (a failed gate, the finished run) leaves before the process ends. A pass
 * that fails is logged; nothing here touches the run.
 */
public final class Notifications implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notifications.class);
    private static final long PERIOD_SECONDS = 5;

    private final Journal journal;
    private final Courier courier;
    private final ScheduledExecutorService timer;

    private Notifications(Journal journal, Courier courier) {
        this.journal = journal;
        this.courier = courier;
        if (journal == null) {
            this.timer = null;
            return;
        }
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cutover-notify");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::pass, PERIOD_SECONDS, PERIOD_SECONDS, TimeUnit.SECONDS);
    }

    /** Starts delivering; with no channel configured, does nothing and holds nothing. */
    public static Notifications start(Workspace workspace, NotifySettings settings, Clock clock) {
        if (settings.channels().isEmpty()) {
            return new Notifications(null, null);
        }
        Journal journal = Journal.open(workspace.store());
        return new Notifications(journal, new Courier(journal.outbox(), settings, clock, System.getenv()));
    }

    /** One pass now: what {@code cutover notify} does. */
    public static Courier.Pass deliverOnce(Workspace workspace, NotifySettings settings, Clock clock) {
        try (Journal journal = Journal.open(workspace.store())) {
            return new Courier(journal.outbox(), settings, clock, System.getenv()).deliverDue();
        }
    }

    private void pass() {
        try {
            courier.deliverDue();
        } catch (RuntimeException e) {
            LOG.warn("delivering notifications failed; trying again in {} s: {}", PERIOD_SECONDS, e.toString());
        }
    }

    @Override
    public void close() {
        if (timer == null) {
            return;
        }
        timer.shutdown();
        try {
            if (timer.awaitTermination(1, TimeUnit.MINUTES)) {
                pass();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            journal.close();
        }
    }
}
