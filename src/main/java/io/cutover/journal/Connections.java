package io.cutover.journal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import javax.sql.DataSource;

/** The PostgreSQL store's connection pool (HikariCP), and closing whatever pool a journal has. */
final class Connections {
    /** Enough for the writer, the heartbeat and a few readers (the control room's live view, say). */
    private static final int POOL_SIZE = 8;

    private Connections() {}

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
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "cannot reach the store " + store + ": " + rootMessage(e)
                            + "; check --store and the password (" + Store.PASSWORD_VARIABLE
                            + " or --store-password-file)",
                    e);
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
