package io.cutover.plan;

import static io.cutover.plan.Scope.BY_FQDN;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.catalog.ProductVersion;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.Site;
import io.cutover.plan.Scope.SiteScope;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The sites a plan walks, each with its legacy pools and the target pools they move to; refuses a
 * site that has something to move and nowhere to move it, or a pool in a site the topology lacks.
 */
final class SiteScopes {
    private final Map<Fqdn, Pool> pools;
    private final ProductVersion target;

    /** {@code pools} by FQDN; {@code target} the version the plan moves to. */
    SiteScopes(Map<Fqdn, Pool> pools, ProductVersion target) {
        this.pools = pools;
        this.target = target;
    }

    static Map<String, Site> sitesByKey(List<Site> list) {
        Map<String, Site> byKey = new HashMap<>();
        for (Site s : list) {
            if (byKey.put(Site.key(s.name()), s) != null) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT,
                        "site " + s.name() + " is listed twice in the topology; each site name must be unique");
            }
        }
        return byKey;
    }

    List<SiteScope> sites(List<Pool> legacy, Map<Fqdn, ProductVersion> versions, Map<String, Site> sitesByKey) {
        Map<String, List<Pool>> bySite = new TreeMap<>();
        for (Pool p : pools.values()) {
            bySite.computeIfAbsent(Site.key(String.valueOf(p.site())), k -> new ArrayList<>())
                    .add(p);
        }
        Set<Fqdn> legacyEdges = new HashSet<>();
        for (Pool p : legacy) {
            if (p.role() == PoolRole.Edge) {
                legacyEdges.add(p.fqdn());
            }
        }
        // A site with nothing legacy of its own still needs its federation route moved when it points
        // at a legacy Edge of another site, or that Edge's drain check can never pass.
        Set<String> siteKeys = new TreeSet<>(bySite.keySet());
        for (Site s : sitesByKey.values()) {
            if (s.federationRoute() != null && legacyEdges.contains(s.federationRoute())) {
                siteKeys.add(Site.key(s.name()));
            }
        }
        List<SiteScope> result = new ArrayList<>();
        for (String siteKey : siteKeys) {
            List<Pool> sitePools = new ArrayList<>(bySite.getOrDefault(siteKey, List.of()));
            sitePools.sort(BY_FQDN);
            List<Pool> legacyFrontEnds = new ArrayList<>();
            List<Pool> legacyEdgePools = new ArrayList<>();
            List<Pool> targetFrontEnds = new ArrayList<>();
            List<Pool> targetEdges = new ArrayList<>();
            for (Pool p : sitePools) {
                ProductVersion v = versions.get(p.fqdn());
                boolean isTarget = v.name().equals(target.name());
                boolean isLegacy = v.isOlderThan(target);
                if (p.role() == PoolRole.FrontEnd && isLegacy) {
                    legacyFrontEnds.add(p);
                } else if (p.role() == PoolRole.Edge && isLegacy) {
                    legacyEdgePools.add(p);
                } else if (p.role() == PoolRole.FrontEnd && isTarget) {
                    targetFrontEnds.add(p);
                } else if (p.role() == PoolRole.Edge && isTarget) {
                    targetEdges.add(p);
                }
            }
            Site site = sitesByKey.get(siteKey);
            boolean routed =
                    site != null && site.federationRoute() != null && legacyEdges.contains(site.federationRoute());
            if (legacyFrontEnds.isEmpty() && legacyEdgePools.isEmpty() && !routed) {
                continue;
            }
            if (site == null) {
                Pool first = !legacyFrontEnds.isEmpty() ? legacyFrontEnds.get(0) : legacyEdgePools.get(0);
                throw new CutoverException(
                        ErrorCode.UNKNOWN_SITE,
                        "pool " + first.fqdn() + " is in site '" + first.site() + "', which the topology lacks");
            }
            if (!legacyFrontEnds.isEmpty() && targetFrontEnds.isEmpty()) {
                Pool p = legacyFrontEnds.get(0);
                throw new CutoverException(
                        ErrorCode.NO_TARGET_POOL_IN_SITE,
                        "site " + site.name() + " has legacy Front End pool " + p.fqdn() + " (" + p.version()
                                + ") but no "
                                + target.name() + " Front End pool to move it to; deploy one in " + site.name()
                                + ", publish the topology and plan again");
            }
            if (!legacyEdgePools.isEmpty() && targetEdges.isEmpty()) {
                Pool e = legacyEdgePools.get(0);
                throw new CutoverException(
                        ErrorCode.NO_TARGET_EDGE_IN_SITE,
                        "site " + site.name() + " has legacy Edge pool " + e.fqdn() + " (" + e.version() + ") but no "
                                + target.name() + " Edge pool to take its traffic; deploy one in " + site.name()
                                + ", publish the topology and plan again");
            }
            result.add(new SiteScope(
                    site,
                    List.copyOf(legacyFrontEnds),
                    List.copyOf(legacyEdgePools),
                    targetFrontEnds.isEmpty() ? null : targetFrontEnds.get(0),
                    List.copyOf(targetFrontEnds),
                    targetEdges.isEmpty() ? null : targetEdges.get(0)));
        }
        result.sort(Comparator.comparing((SiteScope s) -> Site.key(s.name())).thenComparing(SiteScope::name));
        return List.copyOf(result);
    }
}
