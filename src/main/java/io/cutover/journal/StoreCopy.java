package io.cutover.journal;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Copies a journal from one store to another (SQLite to PostgreSQL, or back): the runs, their
 * rows, the operators' requests, the audit log, the users' states before their moves, how shared
 * runs are cut, the error-budget holds and the notifications, in their order, then checks that both sides
 * have the same number of rows and the same checksum for every table. Leases are not copied: a
 * new store starts with nobody holding anything.
 */
public final class StoreCopy {
    /**
     * The tables copied, each with its columns (content only: row numbers are the store's own) and
     * order, and those of its columns that hold a journal row's number, carried over to the number
     * the same row has in the copy.
     */
    private record Table(String name, String columns, String order, Set<String> rowNumbers) {
        Table(String name, String columns, String order) {
            this(name, columns, order, Set.of());
        }
    }

    private static final List<Table> TABLES = List.of(
            new Table("run", "id, plan_checksum, plan_json, deployment, created_at", "created_at, id"),
            new Table(
                    "journal",
                    "run_id, step_id, item, action, attempt, event, outcome, from_pool, to_pool, detail, at, actor",
                    "seq"),
            new Table("control", "run_id, request, actor, at", "seq"),
            new Table("audit", "at, actor, channel, action, target, result, detail, attempts", "seq"),
            // What a rollback puts users back to, and the notices not yet delivered: a copy without
            // them would lose the path back and the notifications.
            new Table("user_state", "run_id, sip, state, taken_at", "run_id, sip"),
            new Table("unit_cut", "run_id, slice, set_at, set_by", "run_id"),
            // Where each error budget counts from is a journal row's number: a hold copied
            // without it carried over would count the wrong outcomes after the copy.
            new Table(
                    "budget_hold",
                    "run_id, since_seq, step_id, budget, scope, failed, considered, reason, failures, held_at, actor,"
                            + " resumed_at, resumed_by, resumed_seq",
                    "run_id, since_seq",
                    Set.of("since_seq", "resumed_seq")),
            new Table("outbox", "notice_key, kind, run_id, created_at, notice", "notice_key"),
            new Table(
                    "outbox_delivery",
                    "notice_key, channel, attempt, at, result, detail",
                    "notice_key, channel, attempt"));

    /**
     * One table as copied.
     *
     * @param sha256 of every row's values in order, the same on both sides
     */
    public record Copied(String table, long rows, String sha256) {}

    private StoreCopy() {}

    /**
     * Copies {@code from} into {@code to}, holding the source's run meanwhile.
     *
     * @throws CutoverException RUN_IN_PROGRESS naming the holder while a run holds the source (or
     *     live instances share it: lapsed ones and those whose process is gone from this host write
     *     nothing more, and do not count); BAD_INPUT when the target already has a run; INTERNAL when a table's
     *     count or checksum differs after the copy (the target is then left as it is)
     */
    public static List<Copied> copy(Store from, Store to, Claimant me, Clock clock) {
        try (Journal source = Journal.open(from);
                Hold hold = Hold.acquire(source, Hold.RUN, me, clock, LeaseTerms.DEFAULT);
                Journal target = Journal.open(to)) {
            requireNoInstances(source, clock.instant());
            if (target.currentRunId().isPresent()) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT,
                        "the store " + target.where() + " already has a run; copy into an empty store");
            }
            List<Copied> copied = new ArrayList<>();
            target.jdbi()
                    .useTransaction(t -> source.jdbi().useHandle(s -> {
                        NavigableMap<Long, Long> rows = new TreeMap<>();
                        for (Table table : TABLES) {
                            copied.add(copy(s, t, table, rows));
                            if (table.name().equals("journal")) {
                                rowNumbers(s, t, rows);
                            }
                        }
                    }));
            target.jdbi().useHandle(t -> verify(t, copied, target.where()));
            return copied;
        }
    }

    /** Instances that lapsed or whose process is gone write nothing more: they do not hold up a copy. */
    private static void requireNoInstances(Journal source, java.time.Instant now) {
        source.currentRunId()
                .ifPresent(id -> Claims.instances(source, id).stream()
                        .filter(i -> Presence.of(i, now, LeaseTerms.DEFAULT.term()) == Presence.LIVE)
                        .findFirst()
                        .ifPresent(i -> {
                            throw new CutoverException(
                                    ErrorCode.RUN_IN_PROGRESS,
                                    "process " + i.pid() + " on host " + i.host() + " (" + i.actor()
                                            + ") carries out the run of " + source.where()
                                            + " in units of work; copy once every such process has left");
                        }));
    }

    /**
     * The journal's row numbers in the source and the number each row has in the copy: rows are
     * copied in order, so the k-th of one is the k-th of the other. Put into {@code numbers}.
     */
    private static void rowNumbers(Handle s, Handle t, Map<Long, Long> numbers) {
        List<Long> from = s.createQuery("select seq from journal order by seq")
                .mapTo(Long.class)
                .list();
        List<Long> to = t.createQuery("select seq from journal order by seq")
                .mapTo(Long.class)
                .list();
        for (int k = 0; k < from.size(); k++) {
            numbers.put(from.get(k), to.get(k));
        }
    }

    /**
     * A journal row's number in the copy: the same row's; 0 (before any row) stays 0; a number no
     * row has, that of the last row before it, so that "the rows after it" stay the same rows.
     */
    private static Object carried(Object v, NavigableMap<Long, Long> rows) {
        if (v == null || ((Number) v).longValue() == 0) {
            return v;
        }
        Map.Entry<Long, Long> row = rows.floorEntry(((Number) v).longValue());
        return row == null ? 0L : row.getValue();
    }

    private static Copied copy(Handle s, Handle t, Table table, NavigableMap<Long, Long> journalRows) {
        String[] names = table.columns().split(",\\s*");
        int n = names.length;
        String marks = String.join(", ", java.util.Collections.nCopies(n, "?"));
        PreparedBatch insert =
                t.prepareBatch("insert into " + table.name() + " (" + table.columns() + ") values (" + marks + ")");
        MessageDigest digest = sha256();
        long[] rows = {0};
        s.createQuery("select " + table.columns() + " from " + table.name() + " order by " + table.order())
                .map((rs, ctx) -> {
                    for (int i = 0; i < n; i++) {
                        Object v = rs.getObject(i + 1);
                        if (table.rowNumbers().contains(names[i])) {
                            v = carried(v, journalRows);
                        }
                        insert.bind(i, v);
                        hash(digest, v);
                    }
                    insert.add();
                    rows[0]++;
                    return 0;
                })
                .forEach(x -> {});
        if (rows[0] > 0) {
            insert.execute();
        }
        return new Copied(table.name(), rows[0], HexFormat.of().formatHex(digest.digest()));
    }

    private static void verify(Handle t, List<Copied> copied, String where) {
        for (int k = 0; k < TABLES.size(); k++) {
            Table table = TABLES.get(k);
            int n = table.columns().split(",").length;
            MessageDigest digest = sha256();
            long rows = t
                    .createQuery("select " + table.columns() + " from " + table.name() + " order by " + table.order())
                    .map((rs, ctx) -> {
                        for (int i = 0; i < n; i++) {
                            hash(digest, rs.getObject(i + 1));
                        }
                        return 1L;
                    })
                    .stream()
                    .count();
            Copied want = copied.get(k);
            String got = HexFormat.of().formatHex(digest.digest());
            if (rows != want.rows() || !got.equals(want.sha256())) {
                throw new CutoverException(
                        ErrorCode.INTERNAL,
                        "the copy of table " + table.name() + " in " + where + " has " + rows + " rows (checksum " + got
                                + "), the source " + want.rows() + " (checksum " + want.sha256()
                                + "); the copy is not to be used");
            }
        }
    }

    /** A value as both dialects give it: its text, numbers without a fraction; null apart from any text. */
    private static void hash(MessageDigest digest, Object v) {
        String text =
                v == null ? "\u0000null" : v instanceof Number num ? Long.toString(num.longValue()) : v.toString();
        digest.update(text.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 1);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
