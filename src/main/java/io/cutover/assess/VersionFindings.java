package io.cutover.assess;

import io.cutover.assess.Assessment.Finding;
import io.cutover.assess.Assessment.FindingCode;
import io.cutover.assess.Assessment.Severity;
import io.cutover.catalog.ProductVersion;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Findings on versions and paths: a pool the target cannot take as legacy, versions that may not
 * share one topology, and a site with legacy pools but no target pool of the same role to move to.
 */
final class VersionFindings extends Survey {
    VersionFindings(Survey shared) {
        super(shared);
    }

    void paths() {
        for (Pool p : pools.values()) {
            ProductVersion v = version(p);
            if (target.isOlderThan(v)) {
                findings.add(new Finding(
                        Severity.ERROR,
                        FindingCode.UNSUPPORTED_MIGRATION_PATH,
                        p.fqdn().text(),
                        p.fqdn() + " runs " + v.name() + ", newer than the target " + target.name()
                                + "; a side-by-side migration only moves to a newer version"));
            } else if (v.isOlderThan(target) && !catalog.mayMigrate(v, target)) {
                List<ProductVersion> via = catalog.twoHopVia(v, target);
                findings.add(new Finding(
                        Severity.ERROR,
                        FindingCode.UNSUPPORTED_MIGRATION_PATH,
                        p.fqdn().text(),
                        p.fqdn() + " runs " + v.name()
                                + ", which " + target.name() + " does not accept as legacy; "
                                + (via.isEmpty()
                                        ? "no two-hop path is known"
                                        : "migrate in two hops, " + v.name() + " -> "
                                                + via.stream()
                                                        .map(ProductVersion::name)
                                                        .collect(Collectors.joining(" or "))
                                                + " -> " + target.name())));
            }
        }
    }

    void coexistence() {
        Map<String, ProductVersion> present = new TreeMap<>();
        versions.values().forEach(v -> present.put(v.name(), v));
        present.put(target.name(), target);
        if (!catalog.mayCoexist(present.values())) {
            List<ProductVersion> sorted = present.values().stream()
                    .sorted(Comparator.comparingInt(ProductVersion::rank))
                    .toList();
            findings.add(new Finding(
                    Severity.ERROR,
                    FindingCode.UNSUPPORTED_COEXISTENCE,
                    "topology",
                    "the topology would hold "
                            + sorted.stream().map(ProductVersion::name).collect(Collectors.joining(", "))
                            + " at once during the migration; these versions may not share one topology"));
        }
    }

    void sites() {
        Map<String, List<Pool>> bySite = poolsBySite();
        for (Map.Entry<String, List<Pool>> e : bySite.entrySet()) {
            String site = siteName(e.getKey());
            List<Pool> legacyFrontEnds = e.getValue().stream()
                    .filter(p -> p.role() == PoolRole.FrontEnd && legacy(p))
                    .toList();
            List<Pool> legacyEdges = e.getValue().stream()
                    .filter(p -> p.role() == PoolRole.Edge && legacy(p))
                    .toList();
            if (!legacyFrontEnds.isEmpty() && targetFrontEnd(e.getValue()) == null) {
                findings.add(new Finding(
                        Severity.ERROR,
                        FindingCode.NO_TARGET_POOL_IN_SITE,
                        site,
                        "site " + site + " has legacy Front End "
                                + (legacyFrontEnds.size() == 1 ? "pool " : "pools ") + fqdns(legacyFrontEnds)
                                + " but no " + target.name()
                                + " Front End pool to move to; deploy one in " + site + " and publish the topology"));
            }
            if (!legacyEdges.isEmpty()
                    && e.getValue().stream().noneMatch(p -> p.role() == PoolRole.Edge && isTarget(p))) {
                findings.add(new Finding(
                        Severity.ERROR,
                        FindingCode.NO_TARGET_EDGE_IN_SITE,
                        site,
                        "site " + site + " has legacy Edge "
                                + (legacyEdges.size() == 1 ? "pool " : "pools ") + fqdns(legacyEdges) + " but no "
                                + target.name()
                                + " Edge pool to take its traffic; deploy one in " + site));
            }
        }
    }
}
