package io.cutover.assess;

import io.cutover.assess.Assessment.Finding;
import io.cutover.assess.Assessment.FindingCode;
import io.cutover.assess.Assessment.Severity;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServiceState;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

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
}
