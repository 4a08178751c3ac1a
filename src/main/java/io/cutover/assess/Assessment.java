package io.cutover.assess;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.SipAddress;
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

    /**
     * Counts over the whole deployment; users and objects as listed (a duplicated SIP address counts
     * once). {@code users} are those homed on a pool of the topology's deployment.
     *
     * @param online users with no RegistrarPool homed online (a HostingProvider other than SRV:), never moved
     * @param unassigned users with no RegistrarPool and no hosting provider, never moved
     * @param disabled homed users whose account is disabled (moved, never pilots or probe subjects)
     */
    public record Summary(int sites, int pools, int users, int objects, int online, int unassigned, int disabled) {
        /** A summary of a deployment whose users are all homed on premises and enabled. */
        public Summary(int sites, int pools, int users, int objects) {
            this(sites, pools, users, objects, 0, 0, 0);
        }
    }

    /**
     * One pool of the topology.
     *
     * @param legacy the pool runs a version older than the target
     * @param objects non-user objects homed here, per kind
     * @param decommissionable whether this legacy pool can go once the migration's moves are done
     *     (false for a pool that is not legacy)
     * @param blockers what stands in the way of removing the pool today
     * @param disabled of the users homed here, those whose account is disabled
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
            List<Blocker> blockers,
            int disabled) {}

    /**
     * @param count users or objects, for HOMED_USERS, HOMED_OBJECTS and RETAINED_USERS
     * @param objects per kind, for HOMED_OBJECTS
     * @param by the sites (FEDERATION_ROUTE, XMPP_FEDERATION_ROUTE) or pools (EDGE_NEXT_HOP,
     *     BRANCH_ASSOCIATION, ...) that point at the pool
     * @param step for a dependency a person clears, the manual step the plan holds for it (approved,
     *     then verified); for one nothing in the plan clears, why the pool stays; else absent
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Blocker(BlockerCode code, Integer count, Map<String, Integer> objects, List<String> by, String step) {
        public Blocker(BlockerCode code, Integer count, Map<String, Integer> objects, List<String> by) {
            this(code, count, objects, by, null);
        }

        static Blocker of(BlockerCode code) {
            return new Blocker(code, null, null, null);
        }
    }

    /** What stands in the way of removing a pool today; in JSON the constant's name. */
    public enum BlockerCode {
        /** Users are homed on the pool (with their count). */
        HOMED_USERS,
        /** Non-user objects are homed on the pool (with kinds and counts). */
        HOMED_OBJECTS,
        /** Users who cannot move stay on the pool (with their count). */
        RETAINED_USERS,
        /** The pool hosts the Central Management Store. */
        HOSTS_CMS,
        /** A site routes federation through this Edge pool. */
        FEDERATION_ROUTE,
        /** An Edge pool names this pool as its next hop. */
        EDGE_NEXT_HOP,
        /** A site routes XMPP federation through this Edge pool. */
        XMPP_FEDERATION_ROUTE,
        /** A Director names this pool as its next hop. */
        DIRECTOR_NEXT_HOP,
        /** A Survivable Branch Appliance or Server is associated with this pool. */
        BRANCH_ASSOCIATION,
        /** A Mediation pool names this pool as its next hop. */
        MEDIATION_NEXT_HOP,
        /** A Persistent Chat pool depends on this pool. */
        PERSISTENT_CHAT_REGISTRAR,
        /** A trusted application pool depends on this pool. */
        TRUSTED_APPLICATION_REGISTRAR,
        /** A Video Interop Server depends on this pool. */
        VIDEO_INTEROP_REGISTRAR,
        /** Another pool depends on this one. */
        NEXT_HOP,
        /** Another registrar pool is paired with this one as its backup (disaster recovery). */
        BACKUP_PAIRING;

        @JsonValue
        public String json() {
            return name();
        }

        @JsonCreator
        public static BlockerCode of(String json) {
            return valueOf(json);
        }
    }

    /** A user who cannot move to the target: the features it lacks that the user depends on. */
    public record RetainedUser(SipAddress sipAddress, Fqdn pool, List<String> features) {}

    public record Finding(Severity severity, FindingCode code, String subject, String message) {}

    /** What a finding is about; in JSON the constant's name. Scripts match on these. */
    public enum FindingCode {
        /** A legacy version the target does not accept (e.g. Lync Server 2010 to 2019). */
        UNSUPPORTED_MIGRATION_PATH,
        /** Versions that may not share a topology. */
        UNSUPPORTED_COEXISTENCE,
        /** A site with legacy registrar pools and no target-version Front End pool. */
        NO_TARGET_POOL_IN_SITE,
        /** A site with a legacy Edge pool and no target-version Edge pool. */
        NO_TARGET_EDGE_IN_SITE,
        /** Users who depend on a feature the target removed and stay on a legacy pool. */
        RETAINED_USERS,
        /** A legacy pool hosts the Central Management Store. */
        HOSTS_CMS,
        /** A site routes federation through a legacy Edge pool. */
        FEDERATION_ROUTE_ON_LEGACY_EDGE,
        /**
         * Something points at a legacy pool that a person must re-point before the pool can go (a
         * branch appliance's association, a Director's next hop, an XMPP route): the plan holds it
         * as a manual step, approved then verified.
         */
        MANUAL_STEP_BEFORE_DECOMMISSION,
        /** A legacy pool of a kind the plan does not migrate; the finding says why and what to do. */
        POOL_NOT_MIGRATED,
        /** A service of a server is not running. */
        SERVICE_NOT_RUNNING,
        /** A replica of the Central Management Store is not up to date. */
        REPLICA_NOT_UP_TO_DATE,
        /** A user or object is homed on a pool the topology lacks. */
        UNKNOWN_POOL_REFERENCE,
        /** A SIP address is listed more than once. */
        DUPLICATE_SIP_ADDRESS,
        /** A target pool would home more users than a pool of the target version is sized for. */
        TARGET_CAPACITY_EXCEEDED,
        /** Moving to the paired pool in another site changes users' effective policies. */
        EFFECTIVE_POLICY_CHANGES,
        /** A server did not answer the collection: what it holds is unknown. */
        SERVER_NOT_ANSWERED,
        /** A pool runs a version whose Microsoft support has ended. */
        UNSUPPORTED_VERSION,
        /**
         * The topology cannot tell the pool's version from another (a 7.0 pool: 2019 or Subscription
         * Edition) and no versions.csv row says which.
         */
        VERSION_UNIDENTIFIED,
        /** A legacy version's path to the target is inferred, not documented (Lync Server 2013 to SE). */
        UNCONFIRMED_MIGRATION_PATH,
        /** Another supported way to reach the target exists (an in-place upgrade from 2019 to SE). */
        IN_PLACE_UPGRADE_ALTERNATIVE,
        /** A server runs a build older than the one that may coexist with the target. */
        BELOW_MINIMUM_BUILD,
        /** topology.xml is a Topology Builder file never published: its pools may not exist. */
        TOPOLOGY_NOT_PUBLISHED,
        /**
         * Users of a legacy pool last signed in with a client the target refuses: the plan holds them
         * back (or, with {@code --old-clients fail}, their wave's gate fails). Not a blocker.
         */
        CLIENT_NOT_SUPPORTED,
        /** Client strings in clients.csv the catalog does not recognise: reported, never held back. */
        CLIENT_UNKNOWN;

        @JsonValue
        public String json() {
            return name();
        }

        @JsonCreator
        public static FindingCode of(String json) {
            return valueOf(json);
        }
    }

    public enum Severity {
        ERROR,
        WARNING,
        INFO;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static Severity of(String json) {
            return valueOf(json.toUpperCase(Locale.ROOT));
        }
    }
}
