package io.cutover.journal;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** The audit table's SQL: one row per action, and repeated forbidden attempts counted into one. */
final class AuditRows {
    /** {@code yyyy-MM-ddTHH:mm}: the minute of an instant as the table spells it. */
    private static final int MINUTE = 16;

    private AuditRows() {}

    static void insert(Handle h, AuditEntry e) {
        h.createUpdate("insert into audit (at, actor, channel, action, target, result, detail, attempts)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, e.at().toString())
                .bind(1, e.actor())
                .bind(2, e.channel())
                .bind(3, e.action())
                .bind(4, e.target())
                .bind(5, e.result())
                .bind(6, e.detail())
                .bind(7, e.attempts())
                .execute();
    }

    /** Adds one to the same attempt's row of this minute, or writes that row; in the caller's transaction. */
    static void count(Handle h, AuditEntry e) {
        int counted = h.createUpdate("update audit set attempts = attempts + 1 where seq = (select max(seq) from audit"
                        + " where substr(at, 1, " + MINUTE + ") = ? and actor = ? and channel = ? and action = ?"
                        + " and target is ? and result = ? and detail is ?)")
                .bind(0, e.at().toString().substring(0, MINUTE))
                .bind(1, e.actor())
                .bind(2, e.channel())
                .bind(3, e.action())
                .bind(4, e.target())
                .bind(5, e.result())
                .bind(6, e.detail())
                .execute();
        if (counted == 0) {
            insert(h, e);
        }
    }

    static List<AuditEntry> latest(Handle h, int limit) {
        return h.createQuery("select seq, at, actor, channel, action, target, result, detail, attempts"
                        + " from audit order by seq desc limit ?")
                .bind(0, limit)
                .map((rs, ctx) -> new AuditEntry(
                        rs.getLong(1),
                        Instant.parse(rs.getString(2)),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getInt(9)))
                .list();
    }
}
