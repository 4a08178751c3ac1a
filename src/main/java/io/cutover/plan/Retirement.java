package io.cutover.plan;

import io.cutover.check.Check;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Pool;
import io.cutover.plan.Scope.SiteScope;
import io.cutover.plan.Step.Decommission;
import io.cutover.plan.Step.Gate;
import io.cutover.rules.Holds;
import io.cutover.rules.Release;
import java.util.ArrayList;
import java.util.List;

/**
 * The last steps of a site: each legacy pool not kept is released from whatever still depends on
 * it (manual gates), drained and decommissioned. Pure, as the planner is.
 */
final class Retirement {
    private final Scope scope;
    private final List<Step> steps = new ArrayList<>();

    private Retirement(Scope scope) {
        this.scope = scope;
    }

    /** The release, drain and decommission steps of {@code site}'s legacy pools, Edge pools first. */
    static List<Step> of(Scope scope, SiteScope site) {
        return new Retirement(scope).steps(site);
    }

    private List<Step> steps(SiteScope site) {
        String s = site.name();
        // The legacy Edge goes first: its next hop points at a legacy Front End pool, whose drain
        // check would fail while the Edge still exists.
        for (Pool e : site.legacyEdges()) {
            if (!scope.isKept(e)) {
                release(s, e, site.targetEdge());
                retire(s, e);
            }
        }
        for (Pool p : site.legacyFrontEnds()) {
            if (!scope.isKept(p)) {
                release(s, p, site.targetFrontEnd());
                retire(s, p);
            }
        }
        return steps;
    }

    /**
     * The manual steps the rule set asks for before {@code pool}'s drain check (re-associate a
     * branch appliance, re-point a Director's or Mediation pool's next hop, remove an XMPP route),
     * each a gate a person approves and the run then verifies.
     */
    private void release(String s, Pool pool, Pool replacement) {
        List<Release> releases = Holds.manualSteps(
                scope.inventory,
                pool.fqdn(),
                replacement == null ? null : replacement.fqdn(),
                holder -> (scope.legacyEdges.contains(holder) || legacyFrontEnd(holder)) && !scope.isKept(holder),
                // A legacy Edge kept for XMPP keeps its next hop too (see Retention): no re-pointing.
                holder -> scope.legacyEdges.contains(holder) && scope.isKept(holder),
                site -> scope.inventory
                        .findSite(site)
                        .map(x -> x.xmppFederationRoute() != null && scope.isKept(x.xmppFederationRoute()))
                        .orElse(false));
        for (Release r : releases) {
            String what = r instanceof Release.Repoint rp
                    ? rp.holder().text()
                    : r instanceof Release.Repair rp ? "pairing-" + rp.holder() : "xmpp-route";
            steps.add(new Gate(
                    s + "/" + pool.fqdn() + "/release-" + what,
                    s,
                    pool.fqdn(),
                    Phase.Manual,
                    r.instruction(),
                    List.of(new Check.Released(r))));
        }
    }

    private boolean legacyFrontEnd(Fqdn pool) {
        return scope.sites.stream()
                .flatMap(x -> x.legacyFrontEnds().stream())
                .anyMatch(p -> p.fqdn().equals(pool));
    }

    private void retire(String s, Pool pool) {
        String at = s + "/" + pool.fqdn() + "/";
        steps.add(new Gate(
                at + "drain",
                s,
                pool.fqdn(),
                Phase.Drain,
                "drain check of " + pool.fqdn(),
                List.of(new Check.Drain(pool.fqdn()))));
        steps.add(new Decommission(at + "decommission", s, pool.fqdn(), Phase.Decommission, pool.fqdn()));
    }
}
