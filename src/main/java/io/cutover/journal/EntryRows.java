package io.cutover.journal;

import io.cutover.inventory.Fqdn;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** The journal table's rows as read: the columns in the table's order, and a row made an {@link Entry}. */
final class EntryRows {
    static final String SELECT =
            "select seq, run_id, step_id, item, action, attempt, event, outcome, from_pool, to_pool, detail, at, actor"
                    + " from journal";

    private EntryRows() {}

    /** A row as {@link #SELECT} reads it: seq, run_id, ... actor, in the table's order. */
    static Entry entry(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Entry(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                Action.valueOf(rs.getString(5).toUpperCase(Locale.ROOT)),
                rs.getInt(6),
                Event.valueOf(rs.getString(7).toUpperCase(Locale.ROOT)),
                rs.getString(8) == null ? null : Outcome.valueOf(rs.getString(8).toUpperCase(Locale.ROOT)),
                pool(rs.getString(9)),
                pool(rs.getString(10)),
                rs.getString(11),
                Instant.parse(rs.getString(12)),
                rs.getString(13));
    }

    /**
     * The rows whose condition ({@code where}, ending in "in (") holds, the leading values bound
     * first and the IN list's after, ordered by row number; none for an empty list.
     */
    static List<Entry> inList(Handle h, String where, List<Object> leading, List<?> values) {
        if (values.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", Collections.nCopies(values.size(), "?"));
        var query = h.createQuery(SELECT + where + marks + ") order by seq");
        int i = 0;
        for (Object v : leading) {
            query.bind(i++, v);
        }
        for (Object v : values) {
            query.bind(i++, v);
        }
        return query.map(EntryRows::entry).list();
    }

    private static Fqdn pool(String text) {
        return text == null ? null : Fqdn.of(text);
    }
}
