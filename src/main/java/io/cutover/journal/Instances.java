package io.cutover.journal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/** The instance table's statements: an instance joins a run, gives signs of life, leaves. */
final class Instances {
    private Instances() {}

    static void join(Jdbi jdbi, String runId, Claimant me, List<String> sites, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("insert into instance (id, run_id, host, pid, actor, sites, started_at,"
                        + " heartbeat_at) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .bind(0, me.id())
                .bind(1, runId)
                .bind(2, me.host())
                .bind(3, me.pid())
                .bind(4, me.actor())
                .bind(5, String.join("\n", sites))
                .bind(6, at.toString())
                .bind(7, at.toString())
                .execute());
    }

    static void beat(Jdbi jdbi, String id, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("update instance set heartbeat_at = ? where id = ?")
                .bind(0, at.toString())
                .bind(1, id)
                .execute());
    }

    static void leave(Jdbi jdbi, String id, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("update instance set stopped_at = ? where id = ? and stopped_at is null")
                .bind(0, at.toString())
                .bind(1, id)
                .execute());
    }

    /** The run's instances in the order they joined, each with the units it holds now. */
    static List<Instance> of(Jdbi jdbi, Leases leases, String runId) {
        Map<String, List<String>> units = leases.heldUnder(Claims.prefix(runId)).stream()
                .collect(Collectors.groupingBy(
                        Lease::holder,
                        Collectors.mapping(
                                l -> l.scope().substring(Claims.prefix(runId).length()), Collectors.toList())));
        return jdbi.withHandle(h -> h.createQuery("select id, host, pid, actor, sites, started_at, heartbeat_at,"
                        + " stopped_at from instance where run_id = ? order by started_at, id")
                .bind(0, runId)
                .map((rs, ctx) -> new Instance(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getString(4),
                        rs.getString(5).isEmpty()
                                ? List.of()
                                : Arrays.asList(rs.getString(5).split("\n")),
                        Instant.parse(rs.getString(6)),
                        Instant.parse(rs.getString(7)),
                        rs.getString(8) == null ? null : Instant.parse(rs.getString(8)),
                        new ArrayList<>(units.getOrDefault(rs.getString(1), List.of()))))
                .list());
    }
}
