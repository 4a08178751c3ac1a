package io.cutover.journal;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.inventory.Fqdn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

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
    private final Path file;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;
    private volatile Watch watch = Watch.NONE;

    /** Hears of each group commit once it is durable: its rows, in order, and how long the transaction took. */
    @FunctionalInterface
    public interface Watch {
        Watch NONE = (rows, took) -> {};

        void committed(List<Entry> rows, java.time.Duration took);
    }

    private record Pending(List<Entry> entries, CompletableFuture<Void> done) {}

    private Journal(Path file, Jdbi jdbi) {
        this.file = file;
        this.jdbi = jdbi;
        this.writer = new Thread(this::writeLoop, "journal-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /** Opens (creating and migrating if needed) the SQLite journal at {@code file}. */
    public static Journal open(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (java.io.IOException e) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT, "cannot create " + file.getParent() + ": " + e.getMessage(), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // NORMAL in WAL mode survives a killed process (the kill tests rely on that); only an
        // operating-system crash may lose the last commits.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        migrate(ds);
        return new Journal(file, Jdbi.create(ds));
    }

    /**
     * Brings the schema up to date. Two openers of a new journal (a run and the server, say) may
     * migrate at the same moment; the loser sees the winner's tables half made, so it tries again
     * once the winner is done.
     */
    private static void migrate(SQLiteDataSource ds) {
        Flyway flyway = Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .loggers("slf4j")
                .load();
        for (int attempt = 1; ; attempt++) {
            try {
                flyway.migrate();
                return;
            } catch (org.flywaydb.core.api.FlywayException e) {
                if (attempt >= 5) {
                    throw e;
                }
                try {
                    Thread.sleep(100L * attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public Path file() {
        return file;
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
                try {
                    h.useTransaction(tx -> {
                        PreparedBatch pb = tx.prepareBatch(INSERT);
                        for (Pending p : batch) {
                            for (Entry e : p.entries()) {
                                bind(pb, e).add();
                            }
                        }
                        pb.execute();
                    });
                    watch.committed(rows(batch), java.time.Duration.ofNanos(System.nanoTime() - began));
                    for (Pending p : batch) {
                        if (p.entries().isEmpty()) {
                            stop = true;
                        }
                        p.done().complete(null);
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

    /** A row as selected by the journal's queries: seq, run_id, ... actor, in the table's order. */
    private static Entry entry(java.sql.ResultSet rs) throws java.sql.SQLException {
        String outcome = rs.getString(8);
        return new Entry(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                Action.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)),
                rs.getInt(6),
                Event.valueOf(rs.getString(7).toUpperCase(Locale.ROOT)),
                outcome == null ? null : Outcome.valueOf(outcome.toUpperCase(Locale.ROOT)),
                pool(rs.getString(9)),
                pool(rs.getString(10)),
                rs.getString(11),
                Instant.parse(rs.getString(12)),
                rs.getString(13));
    }

    private static Fqdn pool(String text) {
        return text == null ? null : Fqdn.of(text);
    }

    /** Every row of a run, in the order written. */
    public List<Entry> entries(String runId) {
        return entriesAfter(runId, 0);
    }

    /** The rows of a run written after row {@code seq}, in order: a reader that keeps up reads only what is new. */
    public List<Entry> entriesAfter(String runId, long seq) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select seq, run_id, step_id, item, action, attempt, event, outcome, from_pool, to_pool, detail, at, actor"
                                + " from journal where run_id = ? and seq > ? order by seq")
                .bind(0, runId)
                .bind(1, seq)
                .map((rs, ctx) -> entry(rs))
                .list());
    }

    /** The latest row of one item of a step ({@code null} item: the step itself), if any. */
    public Optional<Entry> latest(String runId, String stepId, String item) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select seq, run_id, step_id, item, action, attempt, event, outcome, from_pool, to_pool, detail, at, actor"
                                + " from journal where run_id = ? and step_id = ? and coalesce(item, '') = ? order by seq desc limit 1")
                .bind(0, runId)
                .bind(1, stepId)
                .bind(2, item == null ? "" : item)
                .map((rs, ctx) -> entry(rs))
                .findOne());
    }

    public void request(String runId, Control.Request request, String actor, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("insert into control (run_id, request, actor, at) values (?, ?, ?, ?)")
                .bind(0, runId)
                .bind(1, request.name())
                .bind(2, actor)
                .bind(3, at.toString())
                .execute());
    }

    public List<Control> controls(String runId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select seq, run_id, request, actor, at from control where run_id = ? order by seq")
                .bind(0, runId)
                .map((rs, ctx) -> new Control(
                        rs.getLong(1),
                        rs.getString(2),
                        Control.Request.valueOf(rs.getString(3)),
                        rs.getString(4),
                        Instant.parse(rs.getString(5))))
                .list());
    }

    /** The latest pause/resume/abort request, if any. */
    public Optional<Control.Request> latestRequest(String runId) {
        return jdbi.withHandle(
                h -> h.createQuery("select request from control where run_id = ? order by seq desc limit 1")
                        .bind(0, runId)
                        .mapTo(String.class)
                        .findOne()
                        .map(Control.Request::valueOf));
    }

    public void audit(AuditEntry e) {
        jdbi.useHandle(h -> h.createUpdate(
                        "insert into audit (at, actor, channel, action, target, result, detail) values (?, ?, ?, ?, ?, ?, ?)")
                .bind(0, e.at().toString())
                .bind(1, e.actor())
                .bind(2, e.channel())
                .bind(3, e.action())
                .bind(4, e.target())
                .bind(5, e.result())
                .bind(6, e.detail())
                .execute());
    }

    /** The latest {@code limit} audit rows, newest first. */
    public List<AuditEntry> auditLog(int limit) {
        return jdbi.withHandle(h -> h.createQuery(
                        "select seq, at, actor, channel, action, target, result, detail from audit order by seq desc limit ?")
                .bind(0, limit)
                .map((rs, ctx) -> new AuditEntry(
                        rs.getLong(1),
                        Instant.parse(rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8)))
                .list());
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
    }
}
