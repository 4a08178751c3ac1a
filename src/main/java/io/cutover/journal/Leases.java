package io.cutover.journal;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The lease table's statements. Each change is a compare-and-set on the row's token (and holder),
 * so of two processes racing for a lease only one wins; the statements are plain SQL that SQLite
 * and PostgreSQL both accept.
 */
final class Leases {
    private final Jdbi jdbi;

    Leases(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Optional<Lease> find(String scope) {
        return jdbi.withHandle(h -> find(h, scope));
    }

    static Optional<Lease> find(Handle h, String scope) {
        return find(h, scope, "");
    }

    /**
     * The lease row, read with {@code lock} after the statement ("" for none; PostgreSQL's
     * {@code for update skip locked} to take it for this transaction unless another has it).
     */
    static Optional<Lease> find(Handle h, String scope, String lock) {
        return h.createQuery(SELECT + " where scope = ?" + lock)
                .bind(0, scope)
                .map(Leases::lease)
                .findOne();
    }

    /** The rows of those scopes that have one, in one read, by scope. */
    java.util.Map<String, Lease> findAll(java.util.Collection<String> scopes) {
        if (scopes.isEmpty()) {
            return java.util.Map.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(scopes.size(), "?"));
        return jdbi.withHandle(h -> {
            var query = h.createQuery(SELECT + " where scope in (" + marks + ")");
            int i = 0;
            for (String scope : scopes) {
                query.bind(i++, scope);
            }
            return query.map(Leases::lease).stream().collect(java.util.stream.Collectors.toMap(Lease::scope, l -> l));
        });
    }

    private static final String SELECT =
            "select scope, holder, host, pid, actor, acquired_at, heartbeat_at, released_at, token from lease";

    private static Lease lease(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        return new Lease(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getString(5),
                Instant.parse(rs.getString(6)),
                Instant.parse(rs.getString(7)),
                rs.getString(8) == null ? null : Instant.parse(rs.getString(8)),
                rs.getLong(9));
    }

    /** Writes the first holding of a scope; false when another process wrote one first. */
    boolean insert(Lease l) {
        return jdbi.withHandle(h -> h.createUpdate(
                                "insert into lease (scope, holder, host, pid, actor, acquired_at, heartbeat_at, token)"
                                        + " values (?, ?, ?, ?, ?, ?, ?, ?) on conflict (scope) do nothing")
                        .bind(0, l.scope())
                        .bind(1, l.holder())
                        .bind(2, l.host())
                        .bind(3, l.pid())
                        .bind(4, l.actor())
                        .bind(5, l.acquiredAt().toString())
                        .bind(6, l.heartbeatAt().toString())
                        .bind(7, l.token())
                        .execute())
                == 1;
    }

    /** Replaces the holding whose token is {@code replacedToken} by {@code l}; false when it changed meanwhile. */
    boolean replace(long replacedToken, Lease l) {
        return jdbi.withHandle(h -> replace(h, replacedToken, l));
    }

    static boolean replace(Handle h, long replacedToken, Lease l) {
        return h.createUpdate("update lease set holder = ?, host = ?, pid = ?, actor = ?,"
                                + " acquired_at = ?, heartbeat_at = ?, released_at = null, token = ?"
                                + " where scope = ? and token = ?")
                        .bind(0, l.holder())
                        .bind(1, l.host())
                        .bind(2, l.pid())
                        .bind(3, l.actor())
                        .bind(4, l.acquiredAt().toString())
                        .bind(5, l.heartbeatAt().toString())
                        .bind(6, l.token())
                        .bind(7, l.scope())
                        .bind(8, replacedToken)
                        .execute()
                == 1;
    }

    /** Makes sure a scope has a row, released and never held (token 0) when it is new. */
    void ensure(String scope, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("insert into lease (scope, holder, host, pid, actor, acquired_at,"
                        + " heartbeat_at, released_at, token) values (?, '', '', 0, '', ?, ?, ?, 0)"
                        + " on conflict (scope) do nothing")
                .bind(0, scope)
                .bind(1, at.toString())
                .bind(2, at.toString())
                .bind(3, at.toString())
                .execute());
    }

    /** The holdings of scopes starting with {@code prefix} that are not released, by holder. */
    java.util.List<Lease> heldUnder(String prefix) {
        return jdbi.withHandle(h -> h.createQuery(SELECT + " where scope like ? and released_at is null")
                .bind(0, prefix + "%")
                .map(Leases::lease)
                .list());
    }

    /** Renews a holding; false when it is no longer held by {@code holder} under {@code token}. */
    boolean heartbeat(String scope, String holder, long token, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("update lease set heartbeat_at = ?"
                                + " where scope = ? and holder = ? and token = ? and released_at is null")
                        .bind(0, at.toString())
                        .bind(1, scope)
                        .bind(2, holder)
                        .bind(3, token)
                        .execute())
                == 1;
    }

    void release(String scope, String holder, long token, Instant at) {
        jdbi.useHandle(h -> h.createUpdate(
                        "update lease set released_at = ? where scope = ? and holder = ? and token = ? and released_at is null")
                .bind(0, at.toString())
                .bind(1, scope)
                .bind(2, holder)
                .bind(3, token)
                .execute());
    }

    /**
     * Within a journal write's transaction, before its rows: refuses the write unless the holding
     * is still current ({@code fence} null: the writes need none).
     * A write, not a read, so that it takes the write lock first (SQLite) or locks the lease row
     * until the commit (PostgreSQL): no take-over can slip between this check and the rows.
     */
    static void requireHeld(Handle h, Fence fence) {
        if (fence == null) {
            return;
        }
        int held = h.createUpdate("update lease set token = token"
                        + " where scope = ? and holder = ? and token = ? and released_at is null")
                .bind(0, fence.scope())
                .bind(1, fence.holder())
                .bind(2, fence.token())
                .execute();
        if (held != 1) {
            String now = find(h, fence.scope())
                    .filter(l -> !l.released())
                    .map(l -> "; " + l.who() + " holds it since " + l.acquiredAt())
                    .orElse("");
            throw new CutoverException(
                    ErrorCode.RUN_IN_PROGRESS,
                    "this process no longer holds the " + fence.scope() + " (its lease, token " + fence.token()
                            + ", was taken over" + now + "); nothing more is written from here");
        }
    }

    /** What a journal's writes must still hold for them to land. */
    record Fence(String scope, String holder, long token) {}
}
