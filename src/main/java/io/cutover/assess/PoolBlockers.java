package io.cutover.assess;

import io.cutover.assess.Assessment.Blocker;
import io.cutover.assess.Assessment.BlockerCode;
import io.cutover.assess.Assessment.FindingCode;
import io.cutover.assess.Assessment.PoolReport;
import io.cutover.catalog.Feature;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.Site;
import io.cutover.rules.Clearance;
import io.cutover.rules.Hold;
import io.cutover.rules.HoldKind;
import io.cutover.rules.Holds;
import io.cutover.rules.Release;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One report per pool, sorted by site then FQDN: what is homed on it, what else holds it (the CMS,
 * federation routes, Edge next hops) and whether the plan could decommission it.
 */
final class PoolBlockers extends Survey {
    PoolBlockers(Survey shared) {
        super(shared);
    }

    // ---- pools --------------------------------------------------------------------------------

    List<PoolReport> reports() {
        Set<Fqdn> keptByXmpp = keptForXmpp();
        Map<String, List<Pool>> bySite = poolsBySite();
        DependencyFindings rules = new DependencyFindings(this);
        Set<Fqdn> unsupported = findings.stream()
                .filter(f -> f.code() == FindingCode.UNSUPPORTED_MIGRATION_PATH)
                .map(f -> Fqdn.of(f.subject()))
                .collect(Collectors.toSet());
        List<PoolReport> reports = new ArrayList<>();
        List<Pool> ordered = new ArrayList<>(pools.values());
        ordered.sort(
                Comparator.comparing((Pool p) -> Site.key(siteName(p.site()))).thenComparing(p -> p.fqdn()));
        for (Pool p : ordered) {
            Fqdn k = p.fqdn();
            int homedUsers = usersOn.getOrDefault(k, 0);
            Map<String, Integer> objects = new LinkedHashMap<>();
            objectsOn.getOrDefault(k, Map.of()).entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> objects.put(e.getKey().name(), e.getValue()));
            int retained = retainedOn.getOrDefault(k, List.of()).size();
            boolean cms = inv.cmsPool() != null && inv.cmsPool().equals(k);
            List<Blocker> blockers = new ArrayList<>();
            if (homedUsers > 0) {
                blockers.add(new Blocker(BlockerCode.HOMED_USERS, homedUsers, null, null));
            }
            if (!objects.isEmpty()) {
                blockers.add(new Blocker(
                        BlockerCode.HOMED_OBJECTS,
                        objects.values().stream().mapToInt(Integer::intValue).sum(),
                        objects,
                        null));
            }
            if (retained > 0) {
                blockers.add(new Blocker(BlockerCode.RETAINED_USERS, retained, null, null));
            }
            if (cms) {
                blockers.add(Blocker.of(BlockerCode.HOSTS_CMS));
            }
            blockers.addAll(links(p, rules));
            boolean legacy = legacy(p);
            boolean decommissionable = legacy
                    && (p.role() == PoolRole.FrontEnd || p.role() == PoolRole.Edge)
                    && retained == 0
                    && !unsupported.contains(k)
                    && !keptByXmpp.contains(k)
                    && hasReplacement(p, bySite.getOrDefault(Site.key(p.site()), List.of()));
            reports.add(new PoolReport(
                    p.fqdn().text(),
                    siteName(p.site()),
                    p.role().name(),
                    version(p).name(),
                    legacy,
                    homedUsers,
                    objects,
                    decommissionable,
                    blockers,
                    disabledOn.getOrDefault(k, 0)));
        }
        return reports;
    }

    /**
     * One blocker per kind of link the rule set finds on the pool, naming who points at it, with the
     * manual step the plan holds for it, or why it stays.
     */
    private List<Blocker> links(Pool p, DependencyFindings rules) {
        Map<HoldKind, List<String>> by = new LinkedHashMap<>();
        Map<HoldKind, List<String>> steps = new LinkedHashMap<>();
        List<Release> releases = legacy(p) ? rules.manualSteps(p) : List.of();
        for (Hold h : Holds.links(inv, p.fqdn(), x -> false)) {
            by.computeIfAbsent(h.kind(), k -> new ArrayList<>()).add(h.holder());
            Clearance c = legacy(p) ? rules.clearance(h) : Clearance.MOVE;
            if (c == Clearance.KEEP) {
                steps.computeIfAbsent(h.kind(), k -> new ArrayList<>()).add("stays: " + h.what());
            }
        }
        for (Release r : releases) {
            HoldKind kind = r instanceof Release.Repoint rp
                    ? HoldKind.dependencyOf(rp.role())
                    : r instanceof Release.Repair ? HoldKind.BACKUP_PAIRING : HoldKind.XMPP_FEDERATION_ROUTE;
            steps.computeIfAbsent(kind, k -> new ArrayList<>()).add("manual step: " + r.instruction());
        }
        List<Blocker> blockers = new ArrayList<>();
        by.forEach((kind, holders) -> blockers.add(new Blocker(
                BlockerCode.valueOf(kind.name()),
                null,
                null,
                holders,
                steps.containsKey(kind) ? String.join("; ", steps.get(kind)) : null)));
        return blockers;
    }

    private boolean hasReplacement(Pool p, List<Pool> sitePools) {
        return sitePools.stream().anyMatch(t -> t.role() == p.role() && isTarget(t));
    }

    /**
     * The legacy Edge that carries XMPP federation for retained XMPP users stays, and so does the
     * legacy Front End pool it forwards to: the same rule the planner applies to keep pools.
     */
    private Set<Fqdn> keptForXmpp() {
        Set<Fqdn> kept = new HashSet<>();
        for (Site s : inv.sites()) {
            if (s.xmppFederationRoute() == null) {
                continue;
            }
            Pool edge = pools.get(s.xmppFederationRoute());
            if (edge == null || !legacy(edge)) {
                continue;
            }
            boolean xmppUsers = retainedOn.values().stream()
                    .flatMap(List::stream)
                    .anyMatch(r -> r.features().contains(Feature.Xmpp.name())
                            && Site.key(pools.get(r.pool()).site()).equals(Site.key(s.name())));
            if (xmppUsers) {
                kept.add(edge.fqdn());
                if (edge.nextHop() != null) {
                    kept.add(edge.nextHop());
                }
            }
        }
        return kept;
    }
}
