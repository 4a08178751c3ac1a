package io.cutover.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The notifications outbox (tables {@code outbox} and {@code outbox_delivery}): notices written by
 * the run, and every attempt to deliver one to a channel.
 */
public final class Outbox {
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());

    private final Jdbi jdbi;

    Outbox(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One attempt to deliver a notice to a channel; result delivered, failed or abandoned. */
    public record Delivery(String noticeKey, String channel, int attempt, Instant at, String result, String detail) {}

    /** A notice not yet delivered to (nor given up for) a channel, with the attempts made so far. */
    public record Pending(Notice notice, int attempts, Instant lastAttempt) {}

    /** Writes a notice unless one with its key is there already; true when written. */
    public boolean enqueue(Notice n) {
        return jdbi.withHandle(h -> h.createUpdate("insert into outbox (notice_key, kind, run_id, created_at, notice)"
                                + " values (?, ?, ?, ?, ?) on conflict (notice_key) do nothing")
                        .bind(0, n.key())
                        .bind(1, n.kind().code())
                        .bind(2, n.runId())
                        .bind(3, n.at().toString())
                        .bind(4, write(n))
                        .execute())
                > 0;
    }

    /** Notices written since {@code since} that {@code channel} has neither received nor given up on, oldest first. */
    public List<Pending> pending(String channel, Instant since) {
        return jdbi.withHandle(h -> h.createQuery("select o.notice,"
                        + " (select count(*) from outbox_delivery d where d.notice_key = o.notice_key and d.channel = :c),"
                        + " (select max(d.at) from outbox_delivery d where d.notice_key = o.notice_key and d.channel = :c)"
                        + " from outbox o where o.created_at >= :since and not exists (select 1 from outbox_delivery d"
                        + " where d.notice_key = o.notice_key and d.channel = :c and d.result in ('delivered', 'abandoned'))"
                        + " order by o.created_at, o.notice_key")
                .bind("c", channel)
                .bind("since", since.toString())
                .map((rs, ctx) -> new Pending(
                        read(rs.getString(1)),
                        rs.getInt(2),
                        rs.getString(3) == null ? null : Instant.parse(rs.getString(3))))
                .list());
    }

    public void record(Delivery d) {
        jdbi.useHandle(
                h -> h.createUpdate("insert into outbox_delivery (notice_key, channel, attempt, at, result, detail)"
                                + " values (?, ?, ?, ?, ?, ?)")
                        .bind(0, d.noticeKey())
                        .bind(1, d.channel())
                        .bind(2, d.attempt())
                        .bind(3, d.at().toString())
                        .bind(4, d.result())
                        .bind(5, d.detail())
                        .execute());
    }

    /** Every delivery attempt of a notice, in order: what was sent where, and how it went. */
    public List<Delivery> deliveries(String noticeKey) {
        return jdbi.withHandle(h -> h.createQuery("select notice_key, channel, attempt, at, result, detail"
                        + " from outbox_delivery where notice_key = ? order by at, channel, attempt")
                .bind(0, noticeKey)
                .map((rs, ctx) -> new Delivery(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        Instant.parse(rs.getString(4)),
                        rs.getString(5),
                        rs.getString(6)))
                .list());
    }

    /** Every notice, oldest first. */
    public List<Notice> notices() {
        return jdbi.withHandle(h -> h.createQuery("select notice from outbox order by created_at, notice_key")
                .mapTo(String.class)
                .map(Outbox::read)
                .list());
    }

    private static String write(Notice n) {
        try {
            return JSON.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new CutoverException(ErrorCode.INTERNAL, "cannot write notice " + n.key(), e);
        }
    }

    private static Notice read(String text) {
        try {
            return JSON.readValue(text, Notice.class);
        } catch (JsonProcessingException e) {
            throw new CutoverException(ErrorCode.INTERNAL, "a notice in the outbox does not read back: " + e, e);
        }
    }
}
