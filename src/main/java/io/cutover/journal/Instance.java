package io.cutover.journal;

import java.time.Instant;
import java.util.List;

/**
 * One instance taking part in a run beside others, as {@code status} and the dashboard show it.
 *
 * @param id the instance's claimant id, new for every process
 * @param sites the sites it is limited to (empty: every site)
 * @param stoppedAt when it left the run; null while it takes part (or until its heartbeat lapses)
 * @param units the units of work it holds now
 */
public record Instance(
        String id,
        String host,
        long pid,
        String actor,
        List<String> sites,
        Instant startedAt,
        Instant heartbeatAt,
        Instant stoppedAt,
        List<String> units) {
    public Instance {
        sites = List.copyOf(sites);
        units = List.copyOf(units);
    }
}
