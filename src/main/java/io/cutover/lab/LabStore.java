package io.cutover.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab's state on disk: the scenario text and an append-only log of mutations, in
 * {@code <dir>/lab.db}. A real deployment survives the migration tool being killed, so the lab must
 * too: every change is committed before the lab operation that made it returns (WAL with
 * synchronous=NORMAL survives the death of the process, which is what the executor's crash tests do).
 */
final class LabStore implements AutoCloseable {
    static final String FILE = "lab.db";
    private static final int FORMAT = 1;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final Path dir;
    private final Connection connection;
    private final PreparedStatement insert;
    private final String scenarioText;
    private final String where;
    private final GroupCommit commits = new GroupCommit(this::write);

    /**
     * Whether other processes write to the same log (a run shared by several instances): then
     * every change is written before it is applied, and the log is read again before every
     * operation, so each process applies every change in the log's order.
     */
    private boolean shared;
    /** The last row of the log this process has applied. */
    private long seen;

    private LabStore(Path dir, Connection connection, String scenarioText, String where) throws SQLException {
        this.dir = dir;
        this.connection = connection;
        this.scenarioText = scenarioText;
        this.where = where;
        this.insert = connection == null
                ? null
                : connection.prepareStatement("INSERT INTO mutation (at, op, body) VALUES (?, ?, ?)");
    }

    /** A store that keeps nothing: for labs that live and die in one process (tests, benchmarks). */
    static LabStore discarding() {
        try {
            return new LabStore(null, null, null, null);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Refuses when a lab already exists in {@code dir}: two rehearsals must not silently share one. */
    static void refuseExisting(Path dir) {
        if (LabStore.exists(dir)) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "a lab already exists in " + dir
                            + "; use the existing one, or give another directory for the new lab");
        }
    }

    static boolean exists(Path dir) {
        return Files.isRegularFile(dir.resolve(FILE));
    }

    static LabStore create(Path dir, String scenarioText, String where, Instant now) {
        if (exists(dir)) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "a lab already exists in " + dir
                            + "; use the existing one, or give another directory for the new lab");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT, "cannot create the lab directory " + dir + ": " + e.getMessage(), e);
        }
        Connection c = connect(dir);
        try (Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("CREATE TABLE lab (id INTEGER PRIMARY KEY CHECK (id = 1), format INTEGER NOT NULL, "
                    + "source TEXT NOT NULL, scenario TEXT NOT NULL, created TEXT NOT NULL)");
            s.execute(
                    "CREATE TABLE mutation (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, op TEXT NOT NULL, body TEXT NOT NULL)");
            try (PreparedStatement p = c.prepareStatement("INSERT INTO lab VALUES (1, ?, ?, ?, ?)")) {
                p.setInt(1, FORMAT);
                p.setString(2, where);
                p.setString(3, scenarioText);
                p.setString(4, now.toString());
                p.executeUpdate();
            }
            c.commit();
            return new LabStore(dir, c, scenarioText, where);
        } catch (SQLException e) {
            closeQuietly(c, e);
            // Another process may have created the lab between our check and our CREATE TABLE.
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "cannot create a lab in " + dir + ": " + e.getMessage()
                            + "; if a lab is already there, use it or give another directory",
                    e);
        }
    }

    static LabStore open(Path dir) {
        if (!exists(dir)) {
            throw new CutoverException(ErrorCode.NO_LAB, "no lab in " + dir + "; run `cutover lab create`");
        }
        Connection c = connect(dir);
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT format, source, scenario FROM lab WHERE id = 1")) {
            if (!r.next()) {
                throw new CutoverException(
                        ErrorCode.NO_LAB,
                        dir.resolve(FILE)
                                + " holds no scenario (its creation was interrupted); delete it and run `cutover lab create`");
            }
            if (r.getInt(1) != FORMAT) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT,
                        dir.resolve(FILE) + " is lab format " + r.getInt(1) + "; this version of cutover reads format "
                                + FORMAT);
            }
            String source = r.getString(2);
            String text = r.getString(3);
            c.setAutoCommit(false);
            return new LabStore(dir, c, text, source);
        } catch (SQLException e) {
            closeQuietly(c, e);
            throw new CutoverException(
                    ErrorCode.NO_LAB,
                    "cannot read the lab in " + dir + ": " + e.getMessage()
                            + "; run `cutover lab create` in another directory",
                    e);
        } catch (RuntimeException e) {
            closeQuietly(c, e);
            throw e;
        }
    }

    private static Connection connect(Path dir) {
        try {
            Connection c = DriverManager.getConnection(
                    "jdbc:sqlite:" + dir.resolve(FILE).toAbsolutePath());
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("PRAGMA busy_timeout=5000");
            }
            return c;
        } catch (SQLException e) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT, "cannot open " + dir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Connection c, Exception cause) {
        try {
            c.close();
        } catch (SQLException suppressed) {
            cause.addSuppressed(suppressed);
        }
    }

    boolean persistent() {
        return connection != null;
    }

    Path dir() {
        return dir;
    }

    String scenarioText() {
        return scenarioText;
    }

    String where() {
        return where;
    }

    /** Every mutation in the order it happened. */
    List<Mutation> mutations() {
        List<Mutation> all = new ArrayList<>();
        if (connection == null) {
            return all;
        }
        return since(0);
    }

    /**
     * Shares the log with other processes acting on the lab at the same time from now on: every
     * operation first applies what the others wrote, and each change is written (one transaction
     * each, so slower) before it is applied, so every process applies the log in its order.
     */
    void share() {
        shared = true;
    }

    boolean shared() {
        return shared;
    }

    /** The mutations written after row {@code after} (by any process), in order; remembers the last one seen. */
    List<Mutation> since(long after) {
        List<Mutation> all = new ArrayList<>();
        if (connection == null) {
            return all;
        }
        try (PreparedStatement s =
                connection.prepareStatement("SELECT seq, body FROM mutation WHERE seq > ? ORDER BY seq")) {
            s.setLong(1, after);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    seen = r.getLong(1);
                    all.add(JSON.readValue(r.getString(2), Mutation.class));
                }
            }
            connection.commit();
            return all;
        } catch (SQLException | JsonProcessingException e) {
            throw new CutoverException(
                    ErrorCode.INTERNAL, "cannot read the lab's log in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** In a shared log, hands {@code apply} what any process wrote since this one last looked. */
    void unseen(java.util.function.Consumer<Mutation> apply) {
        if (shared) {
            since(seen).forEach(apply);
        }
    }

    /** Writes the effects of one operation now, in a transaction of its own (a shared log). */
    void writeNow(Instant at, List<Mutation> mutations) {
        CutoverException failure = write(List.of(new GroupCommit.Entry(0, at, mutations)));
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Queues the effects of one operation for the log and returns a ticket for {@link #sync}. The
     * lab calls this under its lock, so the log's order is the order the effects were applied in.
     */
    long append(Instant at, List<Mutation> mutations) {
        if (connection == null) {
            return 0;
        }
        return commits.append(at, mutations);
    }

    /** The ticket of the last queued change: syncing on it makes everything seen so far durable. */
    long ticket() {
        if (connection == null) {
            return 0;
        }
        return commits.ticket();
    }

    /** Returns once the change with this ticket, and every one before it, is committed: see {@link GroupCommit#sync}. */
    void sync(long ticket) {
        if (connection == null) {
            return;
        }
        commits.sync(ticket);
    }

    private CutoverException write(List<GroupCommit.Entry> batch) {
        try {
            for (GroupCommit.Entry e : batch) {
                for (Mutation m : e.mutations()) {
                    insert.setString(1, e.at().toString());
                    insert.setString(2, m.getClass().getSimpleName());
                    insert.setString(3, JSON.writeValueAsString(m));
                    insert.addBatch();
                }
            }
            insert.executeBatch();
            connection.commit();
            return null;
        } catch (SQLException | JsonProcessingException e) {
            try {
                connection.rollback();
            } catch (SQLException suppressed) {
                e.addSuppressed(suppressed);
            }
            // Memory is ahead of the disk now; only reopening the lab makes them agree again.
            return new CutoverException(
                    ErrorCode.INTERNAL,
                    "cannot write the lab's log in " + dir + ": " + e.getMessage()
                            + "; the last changes are lost. Open the lab again to continue from what is on disk",
                    e);
        }
    }

    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        commits.close(new CutoverException(ErrorCode.INTERNAL, "the lab in " + dir + " is closed"));
        try {
            insert.close();
            connection.close();
        } catch (SQLException e) {
            throw new CutoverException(ErrorCode.INTERNAL, "cannot close the lab in " + dir + ": " + e.getMessage(), e);
        }
    }
}
