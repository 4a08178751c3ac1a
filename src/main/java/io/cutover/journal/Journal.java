package io.cutover.journal;

import io.cutover.CutoverException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The journal store. Appends are group-committed: concurrent writers hand their rows to one writer
 * thread that commits whatever has queued up in a single transaction, so each caller still returns
 * only once its rows are durable, yet many moves share one commit.
 */
public final class Journal implements AutoCloseable {
    private static final String INSERT =
            "insert into journal (run_id, step_id, item, action, attempt, event, outcome, from_pool, to_pool, detail, at, actor)"
                    + " values (:runId, :stepId, :item, :action, :attempt, :event, :outcome, :from, :to, :detail, :at, :actor)";

    private final Jdbi jdbi;
    private final Store store;
    private final DataSource ds;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;
    private volatile Watch watch = Watch.NONE;
    /** The holding each row must still have to land (null: none); rows of one pending share it. */
    private volatile java.util.function.Function<Entry, Leases.Fence> fences = e -> null;

    private final List<Runnable> beforeClose = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Hears of each group commit once it is durable: its rows, in order, and how long the transaction took. */
    @FunctionalInterface
    public interface Watch {
        Watch NONE = (rows, took) -> {};

        void committed(List<Entry> rows, java.time.Duration took);
    }

    record Pending(List<Entry> entries, CompletableFuture<Void> done) {}

    private Journal(Store store, DataSource ds, Jdbi jdbi) {
        this.store = store;
        this.ds = ds;
        this.jdbi = jdbi;
        this.writer = new Thread(this::writeLoop, "journal-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Opens (creating and migrating if needed) the SQLite journal at {@code file}. */
    public static Journal open(Path file) {
        return open(new Store.Sqlite(file));
    }

    /**
     * Opens (creating and migrating if needed) the journal in {@code store}.
     *
     * @throws CutoverException BAD_INPUT when the store cannot be reached, or holds something other
     *     than a journal (nothing is written to it then)
     */
    public static Journal open(Store store) {
        DataSource ds = Connections.open(store);
        return new Journal(store, ds, Jdbi.create(ds));
    }

    /** Where the journal is, for messages: the SQLite file, or the PostgreSQL URL (without password). */
    public String where() {
        return store.where();
    }

    /** The user states recorded before moves, in this journal's store. */
    public UserStates userStates() {
        return new UserStates(jdbi);
    }

    /** The notifications outbox in this journal's store. */
    public Outbox outbox() {
        return new Outbox(jdbi);
    }

    Leases leases() {
        return new Leases(jdbi);
    }

    /**
     * From now on, every write of rows first checks that {@code fence}'s holding is still current,
     * in the same transaction; once another process has taken the lease over, writes fail with
     * RUN_IN_PROGRESS and nothing of them lands.
     */
    void fence(Leases.Fence fence) {
        this.fences = e -> fence;
    }

    /** As {@link #fence}, with a holding of its own for each row (its unit's claim, say). */
    void fenceEach(java.util.function.Function<Entry, Leases.Fence> fences) {
        this.fences = fences;
    }

    /** The store's dialect: "sqlite" or "postgresql". */
    String dialect() {
        return store.dialect();
    }

    Jdbi jdbi() {
        return jdbi;
    }

    /** Runs {@code r} when the journal closes, after its last rows are written and before its connections close. */
    void beforeClose(Runnable r) {
        beforeClose.add(r);
    }

    /** Tells {@code watch} of every commit from now on (on the writer thread: it must be quick and not throw). */
    public void watch(Watch watch) {
        this.watch = watch;
    }

    public Optional<RunRecord> currentRun() {
        return jdbi.withHandle(h -> h.createQuery(
                        "select id, plan_checksum, plan_json, deployment, created_at from run order by created_at desc limit 1")
                .map((rs, ctx) -> new RunRecord(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        Instant.parse(rs.getString(5))))
                .findOne());
    }

    /** The current run's id, without reading its plan. */
    public Optional<String> currentRunId() {
        return jdbi.withHandle(h -> h.createQuery("select id from run order by created_at desc limit 1")
                .mapTo(String.class)
                .findOne());
    }

    public RunRecord startRun(String id, String checksum, String planJson, String deployment, Instant at) {
        jdbi.useHandle(h -> h.createUpdate(
                        "insert into run (id, plan_checksum, plan_json, deployment, created_at) values (?, ?, ?, ?, ?)")
                .bind(0, id)
                .bind(1, checksum)
                .bind(2, planJson)
                .bind(3, deployment)
                .bind(4, at.toString())
                .execute());
        return new RunRecord(id, checksum, planJson, deployment, at);
    }

    /** Appends rows durably, in order, and returns once they are committed. */
    public void append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        try {
            appendAsync(entries).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    public void append(Entry entry) {
        append(List.of(entry));
    }

    /**
     * Queues rows for the next group commit and returns at once; the future completes when they
     * are durable. Only for rows whose loss in a crash is safe: an outcome row, say, whose absence
     * leaves its attempt in doubt, to be settled on resume by asking the deployment.
     */
    public CompletableFuture<Void> appendAsync(List<Entry> entries) {
        if (closed) {
            throw new IllegalStateException("journal closed");
        }
        if (entries.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Pending p = new Pending(List.copyOf(entries), new CompletableFuture<>());
        queue.add(p);
        return p.done();
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        try (Handle h = jdbi.open()) {
            while (true) {
                Pending first = queue.take();
                if (first.entries().isEmpty()) {
                    first.done().complete(null);
                    return;
                }
                batch.add(first);
                queue.drainTo(batch, 4096);
                boolean stop = false;
                long began = System.nanoTime();
                Map<Pending, CutoverException> refused = new IdentityHashMap<>();
                try {
                    h.useTransaction(tx -> {
                        refused.clear();
                        refused.putAll(Fencing.refused(tx, batch, fences));
                        PreparedBatch pb = tx.prepareBatch(INSERT);
                        int rows = 0;
                        for (Pending p : batch) {
                            if (!refused.containsKey(p)) {
                                for (Entry e : p.entries()) {
                                    bind(pb, e).add();
                                    rows++;
                                }
                            }
                        }
                        if (rows > 0) {
                            pb.execute();
                        }
                    });
                    List<Pending> landed = new ArrayList<>(batch);
                    landed.removeIf(refused::containsKey);
                    watch.committed(rows(landed), java.time.Duration.ofNanos(System.nanoTime() - began));
                    for (Pending p : batch) {
                        if (p.entries().isEmpty()) {
                            stop = true;
                        }
                        CutoverException why = refused.get(p);
                        if (why == null) {
                            p.done().complete(null);
                        } else {
                            p.done().completeExceptionally(why);
                        }
                    }
                } catch (RuntimeException e) {
                    batch.forEach(p -> p.done().completeExceptionally(e));
                }
                batch.clear();
                if (stop) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<Entry> rows(List<Pending> batch) {
        return batch.stream().flatMap(p -> p.entries().stream()).toList();
    }

    private static PreparedBatch bind(PreparedBatch pb, Entry e) {
        return pb.bind("runId", e.runId())
                .bind("stepId", e.stepId())
                .bind("item", e.item())
                .bind("action", e.action().name().toLowerCase(Locale.ROOT))
                .bind("attempt", e.attempt())
                .bind("event", e.event().name().toLowerCase(Locale.ROOT))
                .bind("outcome", e.outcome() == null ? null : e.outcome().name().toLowerCase(Locale.ROOT))
                .bind("from", e.from() == null ? null : e.from().text())
                .bind("to", e.to() == null ? null : e.to().text())
                .bind("detail", e.detail())
                .bind("at", e.at().toString())
                .bind("actor", e.actor());
    }

    /** Every row of a run, in the order written. */
    public List<Entry> entries(String runId) {
        return entriesAfter(runId, 0);
    }

    /** The rows of a run written after row {@code seq}, in order: a reader that keeps up reads only what is new. */
    public List<Entry> entriesAfter(String runId, long seq) {
        return jdbi.withHandle(h -> h.createQuery(EntryRows.SELECT + " where run_id = ? and seq > ? order by seq")
                .bind(0, runId)
                .bind(1, seq)
                .map(EntryRows::entry)
                .list());
    }

    /** Every row of one step of a run, in the order written: what one unit of work needs read in full. */
    public List<Entry> stepEntries(String runId, String stepId) {
        return jdbi.withHandle(h -> h.createQuery(EntryRows.SELECT + " where run_id = ? and step_id = ? order by seq")
                .bind(0, runId)
                .bind(1, stepId)
                .map(EntryRows::entry)
                .list());
    }

    /**
     * The rows of some items of one step of a run, in the order written: what a slice of a move
     * step needs read in full.
     */
    public List<Entry> itemEntries(String runId, String stepId, java.util.Collection<String> items) {
        return jdbi.withHandle(h -> EntryRows.inList(
                h, " where run_id = ? and step_id = ? and item in (", List.of(runId, stepId), List.copyOf(items)));
    }

    /** The rows of a run numbered {@code seqs} that exist, in order: rows committed after a reader passed them. */
    public List<Entry> entriesAt(String runId, java.util.Collection<Long> seqs) {
        return jdbi.withHandle(
                h -> EntryRows.inList(h, " where run_id = ? and seq in (", List.of(runId), List.copyOf(seqs)));
    }

    /** The latest row of one item of a step ({@code null} item: the step itself), if any. */
    public Optional<Entry> latest(String runId, String stepId, String item) {
        return jdbi.withHandle(h -> h.createQuery(EntryRows.SELECT
                        + " where run_id = ? and step_id = ? and coalesce(item, '') = ? order by seq desc limit 1")
                .bind(0, runId)
                .bind(1, stepId)
                .bind(2, item == null ? "" : item)
                .map(EntryRows::entry)
                .findOne());
    }

    public void request(String runId, Control.Request request, String actor, Instant at) {
        jdbi.useHandle(h -> ControlRows.insert(h, runId, request, actor, at));
    }

    public List<Control> controls(String runId) {
        return jdbi.withHandle(h -> ControlRows.of(h, runId));
    }

    /** The latest pause/resume/abort request, if any. */
    public Optional<Control.Request> latestRequest(String runId) {
        return jdbi.withHandle(h -> ControlRows.latest(h, runId));
    }

    /** Appends one audit row. */
    public void audit(AuditEntry e) {
        jdbi.useHandle(h -> AuditRows.insert(h, e));
    }

    /**
     * Writes an attempt that may repeat: when the same actor already has a row of the same channel,
     * action, target, result and detail in the same minute, its attempt count goes up instead.
     */
    public void auditCounted(AuditEntry e) {
        jdbi.useTransaction(h -> AuditRows.count(h, e));
    }

    /** The latest {@code limit} audit rows, newest first. */
    public List<AuditEntry> auditLog(int limit) {
        return jdbi.withHandle(h -> AuditRows.latest(h, limit));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Pending poison = new Pending(List.of(), new CompletableFuture<>());
        queue.add(poison);
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // What must still reach the store once every row is written (the hold's release), then the connections.
        try {
            beforeClose.forEach(Runnable::run);
        } finally {
            Connections.close(ds);
        }
    }
}
