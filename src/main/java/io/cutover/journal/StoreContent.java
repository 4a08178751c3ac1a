package io.cutover.journal;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteErrorCode;

/**
 * What a store holds before a journal is opened in it: nothing, a cutover journal, or something
 * else, which is refused before anything is written to it (another application's tables would
 * otherwise get the journal's beside them, or fail half-way in the schema migration).
 */
public final class StoreContent {
    /** The table in which the schema migrations record what they did: every cutover journal has it. */
    private static final String HISTORY = "flyway_schema_history";

    private static final String SQLITE_TABLES =
            "select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\'";
    /** From the catalog, which shows every relation, not only those this user was granted (as information_schema would). */
    private static final String POSTGRES_TABLES = "select c.relname from pg_class c join pg_namespace n"
            + " on n.oid = c.relnamespace where n.nspname = current_schema() and c.relkind in ('r', 'p', 'v', 'm', 'f')";

    private StoreContent() {}

    /**
     * Looks at an existing SQLite file through a connection of its own that only reads: the
     * journal's connections would turn the file to write-ahead logging before anything is known.
     *
     * @throws CutoverException BAD_INPUT naming the file when it is not a SQLite database, or holds
     *     tables but no journal
     */
    static void requireEmptyOrJournal(Path file) {
        if (!Files.isRegularFile(file) || size(file) == 0) {
            return;
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            require(tables(ds, SQLITE_TABLES), file.toString());
        } catch (SQLException e) {
            if (e.getErrorCode() == SQLiteErrorCode.SQLITE_NOTADB.code) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT,
                        file + " is not a SQLite database, so neither an empty store nor a cutover journal;"
                                + " give a new file or a cutover journal",
                        e);
            }
            // Anything else (a journal being written right now, say) is for the journal's own
            // connections to meet and report.
        }
    }

    /** @throws CutoverException BAD_INPUT naming {@code where} when the database holds tables but no journal */
    static void requireEmptyOrJournal(DataSource ds, String where) {
        try {
            require(tables(ds, POSTGRES_TABLES), where);
        } catch (SQLException e) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "cannot list the tables of " + where + ": " + e, e);
        }
    }

    /**
     * Whether the PostgreSQL store holds no journal yet (no cutover schema), looked at without
     * writing to it.
     *
     * @throws CutoverException BAD_INPUT when it cannot be reached
     */
    public static boolean hasNoJournal(Store.Postgres store) {
        DataSource ds = Connections.postgres(store);
        try {
            return !tables(ds, POSTGRES_TABLES).contains(HISTORY);
        } catch (SQLException e) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "cannot list the tables of " + store + ": " + e, e);
        } finally {
            Connections.close(ds);
        }
    }

    private static void require(List<String> tables, String where) {
        if (!tables.isEmpty() && !tables.contains(HISTORY)) {
            List<String> some = tables.subList(0, Math.min(5, tables.size()));
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "the store " + where + " is neither empty nor a cutover journal: it holds " + tables.size()
                            + " other table(s) (" + String.join(", ", some)
                            + (tables.size() > some.size() ? ", ..." : "")
                            + ") and no cutover schema; give an empty database or a cutover store");
        }
    }

    private static List<String> tables(DataSource ds, String query) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        }
        names.sort(null);
        return names;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0;
        }
    }
}
