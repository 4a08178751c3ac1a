package io.cutover.assess;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deployment's readiness for a side-by-side migration to {@code target}. The field names and
 * the finding and blocker codes are a public contract: scripts read them.
 *
 * @param ready true only when no finding has severity error
 */
public record Assessment(
        String target,
        boolean ready,
        Summary summary,
        List<PoolReport> pools,
        List<RetainedUser> retained,
        List<Finding> findings) {

    public Assessment {
        pools = List.copyOf(pools);
        retained = List.copyOf(retained);
        findings = List.copyOf(findings);
    }

    /** Counts over the whole deployment; users and objects as listed (a duplicated SIP address counts once). */
    public record Summary(int sites, int pools, int users, int objects) {}

    /**
     * One pool of the topology.
     *
     * @param legacy the pool runs a version older than the target
     * @param objects non-user objects homed here, per kind
     * @param decommissionable whether this legacy pool can go once the migration's moves are done
     *     (false for a pool that is not legacy)
     * @param blockers what stands in the way of removing the pool today
     */
    public record PoolReport(
            String fqdn,
            String site,
            String role,
            String version,
            boolean legacy,
            int users,
            Map<String, Integer> objects,
            boolean decommissionable,
            List<Blocker> blockers) {}

    /**
     * @param count users or objects, for HOMED_USERS, HOMED_OBJECTS and RETAINED_USERS
     * @param objects per kind, for HOMED_OBJECTS
     * @param by the sites (FEDERATION_ROUTE) or Edge pools (EDGE_NEXT_HOP) that point at the pool
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Blocker(String code, Integer count, Map<String, Integer> objects, List<String> by) {
        static Blocker of(String code) {
            return new Blocker(code, null, null, null);
        }
    }

    /** A user who cannot move to the target: the features it lacks that the user depends on. */
    public record RetainedUser(String sipAddress, String pool, List<String> features) {}

    public record Finding(Severity severity, String code, String subject, String message) {}

    public enum Severity {
        ERROR,
        WARNING,
        INFO;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
