package io.cutover.journal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * How a journal reaches its store: the SQLite file's data source, the PostgreSQL store's
 * connection pool (HikariCP), the schema brought up to date, and the pool closed.
 */
final class Connections {
    /** Enough for the writer, the heartbeat and a few readers (the control room's live view, say). */
    private static final int POOL_SIZE = 8;
    /** Longest a PostgreSQL session may sit in an open transaction without a statement: a third of the lease term. */
    private static final String IDLE_IN_TRANSACTION = "10s";

    private Connections() {}

    /**
     * The store's connections, its schema brought up to date.
     *
     * @throws CutoverException BAD_INPUT when the store cannot be reached, or holds something other
     *     than a journal (checked before anything is written to it)
     */
    static DataSource open(Store store) {
        if (store instanceof Store.Sqlite s) {
            StoreContent.requireEmptyOrJournal(s.file());
        }
        DataSource ds = store instanceof Store.Sqlite s ? sqlite(s.file()) : postgres((Store.Postgres) store);
        try {
            if (store instanceof Store.Postgres) {
                StoreContent.requireEmptyOrJournal(ds, store.toString());
            }
            migrate(ds, store.dialect(), store.where());
            return ds;
        } catch (RuntimeException e) {
            close(ds);
            throw e;
        }
    }

    /** @throws CutoverException BAD_INPUT when the database cannot be reached, naming the URL */
    static DataSource postgres(Store.Postgres store) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(store.url());
        if (store.password() != null) {
            config.setPassword(store.password());
        }
        config.setMaximumPoolSize(POOL_SIZE);
        config.setPoolName("cutover-journal");
        config.setConnectionTimeout(10_000);
        // The journal writes its rows in batches; the driver sends a batch of inserts as
        // multi-row inserts instead of one statement each (nothing here reads per-row counts).
        config.addDataSourceProperty("reWriteBatchedInserts", "true");
        // A process paused (SIGSTOP, a VM frozen) inside a transaction would keep its row locks, and
        // every instance claiming or creating those rows would wait on it for as long as it is
        // paused, lease or no lease. The server ends such a session well within a lease's term.
        config.setConnectionInitSql("set idle_in_transaction_session_timeout = '" + IDLE_IN_TRANSACTION + "'");
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "cannot reach the store " + store + ": " + rootMessage(e)
                            + "; check the URL, the user and the password (from " + Store.PASSWORD_VARIABLE
                            + " or a password file)",
                    e);
        }
    }

    static DataSource sqlite(Path file) {
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
        return ds;
    }

    /**
     * Brings the schema up to date. Two openers of a new journal (a run and the server, say) may
     * migrate at the same moment; the loser sees the winner's tables half made, so it tries again
     * once the winner is done.
     */
    /**
     * @param where the store, for the message when its tables cannot be brought up to date
     * @throws CutoverException BAD_INPUT when the schema history is not one of this version's
     *     journal (another application's, or a newer cutover's), or the tables still cannot be
     *     brought up to date after a few tries
     */
    static void migrate(DataSource ds, String dialect, String where) {
        Flyway flyway = Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect)
                .loggers("slf4j")
                .load();
        for (int attempt = 1; ; attempt++) {
            try {
                flyway.migrate();
                return;
            } catch (org.flywaydb.core.api.FlywayException e) {
                if (attempt >= 5) {
                    throw new CutoverException(
                            ErrorCode.BAD_INPUT,
                            "the journal's tables in " + where + " cannot be brought up to date: "
                                    + e.getMessage().lines().findFirst().orElse("")
                                    + "; a store whose schema history is another application's, or a newer"
                                    + " cutover's, is not one this cutover can use",
                            e);
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

    static void close(DataSource ds) {
        if (ds instanceof HikariDataSource h) {
            h.close();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return String.valueOf(t.getMessage());
    }
}
