package io.cutover.run;

import io.cutover.journal.Control;
import io.cutover.journal.Journal;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether an operator asked the work in progress (a run or a rollback) to pause or abort: a
 * control row written after the work began, by this process or another (the dashboard, a second
 * command line), which can only reach it through the journal. Polled every 200 ms; requests from
 * before the work began were answered by starting it and do not count.
 */
final class StopSignal implements AutoCloseable {
    private static final long POLL_MILLIS = 200;

    private final Journal journal;
    private final String runId;
    private final long baseline;
    private final ScheduledExecutorService poller;
    private volatile String request;

    private StopSignal(Journal journal, String runId) {
        this.journal = journal;
        this.runId = runId;
        List<Control> controls = journal.controls(runId);
        this.baseline =
                controls.isEmpty() ? 0 : controls.get(controls.size() - 1).seq();
        this.poller = Executors.newSingleThreadScheduledExecutor(Threads.daemon("cutover-control"));
    }

    /** Starts watching for requests written from now on. */
    static StopSignal watch(Journal journal, String runId) {
        StopSignal s = new StopSignal(journal, runId);
        s.poller.scheduleWithFixedDelay(s::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
        return s;
    }

    boolean requested() {
        return request != null;
    }

    /** "pause" or "abort", or null while no stop is requested. */
    String request() {
        return request;
    }

    private void poll() {
        try {
            List<Control> controls = journal.controls(runId);
            Control latest = controls.isEmpty() ? null : controls.get(controls.size() - 1);
            if (latest != null && latest.seq() > baseline && latest.request() != Control.Request.RESUME) {
                request = latest.request().name().toLowerCase(Locale.ROOT);
            }
        } catch (RuntimeException e) {
            // A busy database delays the poll; the next one will see the request.
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
