package io.cutover.assess;

import io.cutover.assess.Assessment.Finding;
import io.cutover.assess.Assessment.FindingCode;
import io.cutover.assess.Assessment.Severity;
import io.cutover.catalog.Feature;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Pool;
import io.cutover.inventory.Site;
import io.cutover.rules.Clearance;
import io.cutover.rules.Hold;
import io.cutover.rules.Holds;
import io.cutover.rules.PoolKinds;
import io.cutover.rules.Release;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the rule set says about each legacy pool's dependencies, in the assessment's words: the
 * manual steps the plan will hold before a pool can go, and the pools of kinds the plan does not
 * migrate. The same predicates as the planner's, so that assessment and plan agree.
 */
final class DependencyFindings extends Survey {
    DependencyFindings(Survey shared) {
        super(shared);
    }

    void dependencies() {
        for (Pool p : ordered()) {
            if (!legacy(p)) {
                continue;
            }
            if (!PoolKinds.migrated(p.role())) {
                findings.add(new Finding(
                        Severity.WARNING,
                        FindingCode.POOL_NOT_MIGRATED,
                        p.fqdn().text(),
                        p.fqdn() + " stays: " + PoolKinds.whyItStays(p.role())));
                continue;
            }
            for (Release r : manualSteps(p)) {
                findings.add(new Finding(
                        Severity.WARNING,
                        FindingCode.MANUAL_STEP_BEFORE_DECOMMISSION,
                        p.fqdn().text(),
                        p.fqdn() + " cannot go until a person does this (the plan holds it as a manual step,"
                                + " approved then verified, before the drain check): " + r.instruction()));
            }
        }
    }

    /** The manual steps the plan holds before {@code pool}'s drain check. */
    List<Release> manualSteps(Pool pool) {
        return Holds.manualSteps(
                inv, pool.fqdn(), replacement(pool), this::goesFirst, this::keptEdge, this::xmppNeeded);
    }

    /** Which step clears {@code hold}, by the planner's predicates. */
    Clearance clearance(Hold hold) {
        return Holds.clearance(hold, this::goesFirst, this::keptEdge, this::xmppNeeded);
    }

    private List<Pool> ordered() {
        return pools.values().stream().sorted(Comparator.comparing(Pool::fqdn)).toList();
    }

    /** The target pool of the same role in the pool's site that takes over from it, or null. */
    private Fqdn replacement(Pool pool) {
        return pools.values().stream()
                .filter(t -> t.role() == pool.role() && isTarget(t) && Site.sameName(t.site(), pool.site()))
                .map(Pool::fqdn)
                .sorted()
                .findFirst()
                .orElse(null);
    }

    private boolean goesFirst(Fqdn holder) {
        Pool p = pools.get(holder);
        return p != null && PoolKinds.migrated(p.role()) && legacy(p) && !keptEdge(holder);
    }

    private boolean keptEdge(Fqdn holder) {
        return keptForXmpp().contains(holder);
    }

    private boolean xmppNeeded(String site) {
        return inv.findSite(site)
                .map(s -> s.xmppFederationRoute() != null && keptForXmpp().contains(s.xmppFederationRoute()))
                .orElse(false);
    }

    /** Legacy Edges that carry XMPP federation for retained XMPP users of their site: they stay. */
    Set<Fqdn> keptForXmpp() {
        Set<Fqdn> kept = new HashSet<>();
        for (Site s : inv.sites()) {
            Pool edge = s.xmppFederationRoute() == null ? null : pools.get(s.xmppFederationRoute());
            if (edge == null || !legacy(edge)) {
                continue;
            }
            boolean xmppUsers = retainedOn.values().stream()
                    .flatMap(List::stream)
                    .anyMatch(r -> r.features().contains(Feature.Xmpp.name())
                            && Site.key(pools.get(r.pool()).site()).equals(Site.key(s.name())));
            if (xmppUsers) {
                kept.add(edge.fqdn());
            }
        }
        return kept;
    }
}
