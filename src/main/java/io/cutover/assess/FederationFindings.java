package io.cutover.assess;

import io.cutover.assess.Assessment.Finding;
import io.cutover.assess.Assessment.FindingCode;
import io.cutover.assess.Assessment.Severity;
import io.cutover.inventory.Pool;
import io.cutover.inventory.Site;

/**
 * Findings on federation routes: a site routing federation through a legacy Edge, and routes or
 * next hops that name a pool the topology lacks.
 */
final class FederationFindings extends Survey {
    FederationFindings(Survey shared) {
        super(shared);
    }

    void federation() {
        for (Site s : sortedSites()) {
            if (s.federationRoute() != null) {
                Pool edge = pools.get(s.federationRoute());
                if (edge == null) {
                    unknown(s.federationRoute(), "the federation route of site " + s.name());
                } else if (legacy(edge)) {
                    findings.add(new Finding(
                            Severity.WARNING,
                            FindingCode.FEDERATION_ROUTE_ON_LEGACY_EDGE,
                            s.name(),
                            "site " + s.name() + " routes federation through legacy Edge " + edge.fqdn()
                                    + "; moving the route is an outage window"));
                }
            }
            if (s.xmppFederationRoute() != null && !pools.containsKey(s.xmppFederationRoute())) {
                unknown(s.xmppFederationRoute(), "the XMPP federation route of site " + s.name());
            }
        }
        for (Pool p : pools.values()) {
            if (p.nextHop() != null && !pools.containsKey(p.nextHop())) {
                unknown(p.nextHop(), "the next hop of Edge " + p.fqdn());
            }
        }
    }
}
