package io.cutover.plan;

import io.cutover.check.Check;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Pool;
import io.cutover.inventory.SipAddress;
import io.cutover.plan.Scope.SiteScope;
import io.cutover.plan.Step.DeployTarget;
import io.cutover.plan.Step.Gate;
import io.cutover.plan.Step.RouteFederation;
import java.util.ArrayList;
import java.util.List;

/**
 * A site's external access carried over to the new Edge: the new Edge deployed and its external
 * access proved, then the site's federation route moved to it and federation proved. Pure, as the
 * planner is.
 */
final class EdgeAndFederation {
    private final Scope scope;
    private final List<Step> steps = new ArrayList<>();

    private EdgeAndFederation(Scope scope) {
        this.scope = scope;
    }

    /**
     * The Edge and federation steps of {@code site}, after its pilots.
     *
     * @param probeUsers the users the gates probe from outside: one on a legacy pool, one moved
     */
    static List<Step> of(Scope scope, SiteScope site, List<SipAddress> probeUsers) {
        EdgeAndFederation edge = new EdgeAndFederation(scope);
        edge.edge(site, probeUsers);
        edge.federation(site, probeUsers);
        return edge.steps;
    }

    private void edge(SiteScope site, List<SipAddress> probeUsers) {
        String s = site.name();
        Pool n = site.targetEdge();
        if (!site.legacyEdges().isEmpty()) {
            // The new Edge is a target pool like the new Front End: installed by a person, started
            // and verified up by the plan before anything depends on it (a topology may list it
            // before its services were ever started).
            steps.add(new DeployTarget(s + "/edge-deploy-target", s, null, Phase.Edge, n.fqdn()));
            List<Check> edge = new ArrayList<>();
            edge.add(new Check.ServicesRunning(List.of(n.fqdn())));
            if (!probeUsers.isEmpty()) {
                edge.add(new Check.ExternalAccess(n.fqdn(), probeUsers));
            }
            steps.add(new Gate(s + "/edge", s, null, Phase.Edge, "external access through " + n.fqdn(), edge));
        }
    }

    private void federation(SiteScope site, List<SipAddress> probeUsers) {
        String s = site.name();
        Fqdn route = site.site().federationRoute();
        if (route == null || !scope.legacyEdges.contains(route)) {
            return;
        }
        // A site without its own Edge federates through another site's; it follows that Edge's
        // replacement.
        Pool to = site.targetEdge() != null ? site.targetEdge() : scope.replacementEdge.get(route);
        steps.add(new RouteFederation(s + "/federation-route", s, null, Phase.Federation, route, to.fqdn()));
        String partner = scope.inventory.partners().stream()
                .sorted(String.CASE_INSENSITIVE_ORDER.thenComparing(x -> x))
                .findFirst()
                .orElse(null);
        if (partner != null && !probeUsers.isEmpty()) {
            steps.add(new Gate(
                    s + "/federation",
                    s,
                    null,
                    Phase.Federation,
                    "federation with " + partner + " through " + to.fqdn(),
                    List.of(new Check.FederatedAccess(s, partner, probeUsers))));
        }
    }
}
