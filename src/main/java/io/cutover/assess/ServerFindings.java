package io.cutover.assess;

import io.cutover.assess.Assessment.Finding;
import io.cutover.assess.Assessment.FindingCode;
import io.cutover.assess.Assessment.Severity;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServiceState;
import io.cutover.inventory.UnansweredServer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Findings on what the servers report: the Central Management Store on a legacy pool, services not
 * running, and CMS replicas that are not up to date.
 */
final class ServerFindings extends Survey {
    ServerFindings(Survey shared) {
        super(shared);
    }

    void cms() {
        Fqdn cms = inv.cmsPool();
        if (cms == null) {
            return;
        }
        Pool p = pools.get(cms);
        if (p == null) {
            unknown(cms, "the Central Management Store");
        } else if (legacy(p)) {
            findings.add(new Finding(
                    Severity.WARNING,
                    FindingCode.HOSTS_CMS,
                    p.fqdn().text(),
                    "the Central Management Store is on legacy pool " + p.fqdn()
                            + "; it must move (Move-CsManagementServer, the riskiest step) before the pool can go"
                            + (p.role() == PoolRole.FrontEnd
                                    ? ""
                                    : "; from a " + p.role() + " pool it is moved by hand")));
        }
    }

    void services() {
        List<ServiceState> sorted = new ArrayList<>(inv.services());
        sorted.sort(Comparator.comparing((ServiceState s) -> s.computer()).thenComparing(ServiceState::name));
        for (ServiceState s : sorted) {
            if (!s.running()) {
                findings.add(new Finding(
                        Severity.ERROR,
                        FindingCode.SERVICE_NOT_RUNNING,
                        s.computer().text(),
                        "service " + s.name() + " on " + s.computer()
                                + (s.pool() == null ? "" : " (pool " + s.pool() + ")") + " is " + s.status()
                                + "; coexistence needs it Running"));
            }
        }
    }

    void replicas() {
        List<Replica> sorted = new ArrayList<>(inv.replicas());
        sorted.sort(Comparator.comparing(r -> r.fqdn()));
        for (Replica r : sorted) {
            if (!r.upToDate()) {
                findings.add(
                        new Finding(
                                Severity.ERROR,
                                FindingCode.REPLICA_NOT_UP_TO_DATE,
                                r.fqdn().text(),
                                "the CMS replica on " + r.fqdn()
                                        + " is not up to date; every replica must be before a site can be administered across versions"));
            }
        }
    }

    /**
     * A server of the topology that did not answer for its services is in an unknown state: nothing
     * that depends on it can be checked (its services, its replica, its drain), so the migration is
     * not ready until it is collected again. Anything else that did not answer is missing, not
     * assumed: a warning.
     */
    void unanswered(List<UnansweredServer> unanswered) {
        Map<Fqdn, Pool> poolOf = new HashMap<>();
        pools.values().forEach(p -> p.servers().forEach(s -> poolOf.put(s, p)));
        for (UnansweredServer u : unanswered) {
            Fqdn server = u.server();
            Pool pool = server == null ? null : poolOf.get(server);
            String what = u.computer() + " did not answer "
                    + (u.source() == null ? "the collection" : u.source())
                    + (u.error() == null ? "" : " (" + u.error() + ")");
            // A SQL store runs no Lync service: its silence leaves nothing the migration checks unknown.
            if (u.stateUnknown() && pool != null && pool.role() != PoolRole.SqlStore) {
                findings.add(new Finding(
                        Severity.ERROR,
                        FindingCode.SERVER_NOT_ANSWERED,
                        u.computer(),
                        what + "; the state of this server of pool " + pool.fqdn()
                                + " is unknown, so every check on it fails: unknown: re-collect"
                                + " from a machine that reaches it"));
            } else {
                findings.add(new Finding(
                        Severity.WARNING,
                        FindingCode.SERVER_NOT_ANSWERED,
                        u.computer(),
                        what + "; what it would have reported is missing, not assumed"));
            }
        }
    }
}
