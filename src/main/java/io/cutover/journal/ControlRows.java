package io.cutover.journal;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** The control table's SQL: the pause, resume and abort requests of runs, in the order made. */
final class ControlRows {
    private ControlRows() {}

    static void insert(Handle h, String runId, Control.Request request, String actor, Instant at) {
        h.createUpdate("insert into control (run_id, request, actor, at) values (?, ?, ?, ?)")
                .bind(0, runId)
                .bind(1, request.name())
                .bind(2, actor)
                .bind(3, at.toString())
                .execute();
    }

    static List<Control> of(Handle h, String runId) {
        return h.createQuery("select seq, run_id, request, actor, at from control where run_id = ? order by seq")
                .bind(0, runId)
                .map((rs, ctx) -> new Control(
                        rs.getLong(1),
                        rs.getString(2),
                        Control.Request.valueOf(rs.getString(3)),
                        rs.getString(4),
                        Instant.parse(rs.getString(5))))
                .list();
    }

    static Optional<Control.Request> latest(Handle h, String runId) {
        return h.createQuery("select request from control where run_id = ? order by seq desc limit 1")
                .bind(0, runId)
                .mapTo(String.class)
                .findOne()
                .map(Control.Request::valueOf);
    }
}
