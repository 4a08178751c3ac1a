package io.cutover.check;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.cutover.deployment.ProbeKind;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.SipAddress;
import io.cutover.rules.Release;
import java.util.List;
import java.util.Map;

/** One thing a gate verifies. Data only; see {@code CheckRunner} for how each is evaluated. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "check")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Check.ServicesRunning.class, name = "ServicesRunning"),
    @JsonSubTypes.Type(value = Check.ReplicasUpToDate.class, name = "ReplicasUpToDate"),
    @JsonSubTypes.Type(value = Check.Communication.class, name = "Communication"),
    @JsonSubTypes.Type(value = Check.Registration.class, name = "Registration"),
    @JsonSubTypes.Type(value = Check.PolicyParity.class, name = "PolicyParity"),
    @JsonSubTypes.Type(value = Check.ExternalAccess.class, name = "ExternalAccess"),
    @JsonSubTypes.Type(value = Check.FederatedAccess.class, name = "FederatedAccess"),
    @JsonSubTypes.Type(value = Check.Drain.class, name = "Drain"),
    @JsonSubTypes.Type(value = Check.Matrix.class, name = "Matrix"),
    @JsonSubTypes.Type(value = Check.MinimumBuilds.class, name = "MinimumBuilds"),
    @JsonSubTypes.Type(value = Check.Released.class, name = "Released"),
    @JsonSubTypes.Type(value = Check.ClientsSupported.class, name = "ClientsSupported")
})
public sealed interface Check {
    /** The stable code a failure of {@link ClientsSupported} and a held-back user carry. */
    String CLIENT_NOT_SUPPORTED = "CLIENT_NOT_SUPPORTED";

    /** A short name for people, e.g. "policy parity of 20 users". */
    String describe();

    /** Every service on every server of these pools is Running. */
    record ServicesRunning(List<Fqdn> pools) implements Check {
        public ServicesRunning {
            pools = List.copyOf(pools);
        }

        public String describe() {
            return "services running on " + Check.join(pools);
        }
    }

    /** Every CMS replica reports up to date. */
    record ReplicasUpToDate() implements Check {
        public String describe() {
            return "every CMS replica up to date";
        }
    }

    /** Each (from, to) pair succeeds in each modality; pairs list both directions explicitly. */
    record Communication(List<Pair> pairs, List<ProbeKind> modalities) implements Check {
        public String describe() {
            return "cross-version communication, " + pairs.size() + " pairs x " + modalities.size() + " modalities";
        }
    }

    record Pair(SipAddress from, SipAddress to) {}

    /** Each user signs in on their home pool. */
    record Registration(List<SipAddress> users) implements Check {
        public String describe() {
            return "registration of " + users.size() + " users";
        }
    }

    /**
     * Each user's per-user and effective policies after the move equal what they were before it
     * (or what the plan predicted, when the plan knowingly changes them).
     */
    record PolicyParity(List<ExpectedPolicies> users) implements Check {
        public String describe() {
            return "policy parity of " + users.size() + " users";
        }
    }

    record ExpectedPolicies(
            SipAddress sipAddress, String site, Map<PolicyKind, String> perUser, Map<PolicyKind, String> effective) {}

    /** External users reach each of these users through the given Edge pool. */
    record ExternalAccess(Fqdn edge, List<SipAddress> users) implements Check {
        public String describe() {
            return "external access through " + edge + " to " + users.size() + " users";
        }
    }

    /** Users of the federated partner domain reach each of these users through the site's route. */
    record FederatedAccess(String site, String partner, List<SipAddress> users) implements Check {
        public String describe() {
            return "federation with " + partner + " from site " + site + " for " + users.size() + " users";
        }
    }

    /**
     * Nothing is homed on or points at the pool: no users, no object of any kind, not the CMS, no
     * site's federation or XMPP route, no pool whose next hop or associated pool it is (see
     * {@code io.cutover.rules.Holds}).
     */
    record Drain(Fqdn pool) implements Check {
        public String describe() {
            return "drain check of " + pool;
        }
    }

    /**
     * Every cell of the coexistence matrix (see {@code CoexistenceMatrix}) that involves one of these
     * pools passes: the deployment as it is when the gate runs decides the cells, so a pool that
     * homes its first users since the plan was made is probed too. Cells that cannot run yet (a pool
     * not deployed, or no user on it) are left out.
     */
    record Matrix(List<Fqdn> pools) implements Check {
        public Matrix {
            pools = List.copyOf(pools);
        }

        public String describe() {
            return "coexistence matrix of " + Check.join(pools);
        }
    }

    /**
     * Every server of each pool reports a build of at least the floor's (Get-CsServerVersion on each
     * server, asked when the gate runs): the oldest build that may share the topology with the
     * target, from the catalog. A server that reports no build fails as unknown.
     */
    record MinimumBuilds(List<BuildFloor> floors) implements Check {
        public MinimumBuilds {
            floors = List.copyOf(floors);
        }

        public String describe() {
            return "minimum builds of "
                    + join(floors.stream().map(BuildFloor::pool).toList());
        }
    }

    /**
     * @param pool the legacy pool
     * @param minimum its version's oldest build that may coexist with the target, e.g. "6.0.9319.869"
     * @param update what to install to reach it, for people
     * @param published false when the catalog infers the build rather than Microsoft publishing it
     */
    record BuildFloor(Fqdn pool, String minimum, String update, boolean published) {}

    /**
     * A manual step is done, as the deployment shows it when the gate runs: the holder no longer
     * points at the pool (see {@link Release#done}).
     */
    record Released(Release release) implements Check {
        public String describe() {
            return "manual step done: " + release.instruction();
        }
    }

    /**
     * Each user's last client, as the deployment reports it when the gate runs (else as clients.csv
     * gave it when planning), may sign in to the target version (see {@code
     * io.cutover.catalog.ClientSupport}); a user who upgraded since planning passes.
     *
     * @param target the target version's name
     * @param users the users whose client was too old when planning, with that client
     */
    record ClientsSupported(String target, List<ClientOf> users) implements Check {
        public ClientsSupported {
            users = List.copyOf(users);
        }

        public String describe() {
            return "clients of " + users.size() + " users may sign in to " + target;
        }
    }

    /** A user and the client string they last signed in with. */
    record ClientOf(SipAddress sipAddress, String client) {}

    private static String join(List<Fqdn> pools) {
        return pools.stream().map(Fqdn::text).collect(java.util.stream.Collectors.joining(", "));
    }
}
