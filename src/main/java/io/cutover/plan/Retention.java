package io.cutover.plan;

import io.cutover.catalog.Feature;
import io.cutover.catalog.ProductVersion;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Pool;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.Site;
import io.cutover.inventory.User;
import io.cutover.plan.Scope.SiteScope;
import io.cutover.rules.PoolKinds;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the plan leaves behind and why: users who depend on a feature the target lacks, or whose last
 * client cannot sign in to it (when the plan holds old clients back), stay on their legacy pool,
 * which is kept; so is the legacy Edge carrying XMPP federation for them, the
 * Front End pool that Edge forwards to, and every legacy pool of a role the plan does not migrate.
 * Filled in once, while the {@link Scope} is built, into the lists the scope holds.
 */
final class Retention {
    private final Scope scope;
    private final Inventory inventory;
    private final ProductVersion target;
    private final List<SiteScope> sites;
    private final Map<Fqdn, Pool> pools;
    private final Set<Fqdn> legacyEdges;
    private final Map<SipAddress, Retained> retainedBySip;

    /** Reads the sites, pools, legacy Edges and users of {@code scope}, which must already hold them. */
    Retention(Scope scope) {
        this.scope = scope;
        this.inventory = scope.inventory;
        this.target = scope.target;
        this.sites = scope.sites;
        this.pools = scope.pools;
        this.legacyEdges = scope.legacyEdges;
        this.retainedBySip = scope.retainedBySip;
    }

    private List<User> usersOn(Pool pool) {
        return scope.usersOn(pool);
    }

    void retain(List<Retained> retainedList, List<KeptPool> keptList) {
        // Per kept Edge, the sites whose retained XMPP users hold it, and how many users.
        Map<Fqdn, Map<String, Integer>> xmppHolders = new TreeMap<>();
        for (SiteScope s : sites) {
            int xmppUsers = 0;
            for (Pool p : s.legacyFrontEnds()) {
                int count = 0;
                int oldClients = 0;
                Set<Feature> lostByPool = EnumSet.noneOf(Feature.class);
                for (User u : usersOn(p)) {
                    Set<Feature> lost = target.lacking(u.features());
                    Optional<String> client = lost.isEmpty() ? scope.clients.holdReason(u) : Optional.empty();
                    if (lost.isEmpty() && client.isEmpty()) {
                        continue;
                    }
                    Retained r = client.isPresent()
                            ? new Retained(
                                    u.sipAddress(), p.fqdn(), List.of(), client.get(), Retained.CLIENT_NOT_SUPPORTED)
                            : new Retained(u.sipAddress(), p.fqdn(), List.copyOf(lost), reason(lost));
                    oldClients += client.isPresent() ? 1 : 0;
                    retainedList.add(r);
                    retainedBySip.put(u.sipAddress(), r);
                    lostByPool.addAll(lost);
                    count++;
                    if (lost.contains(Feature.Xmpp)) {
                        xmppUsers++;
                    }
                }
                if (count > 0) {
                    keptList.add(new KeptPool(
                            p.fqdn(),
                            s.name(),
                            "keeps " + count + " retained "
                                    + (count == 1 ? "user" : "users") + " (" + names(lostByPool, oldClients)
                                    + "); stays in coexistence until they can move"));
                }
            }
            Fqdn xmppRoute = s.site().xmppFederationRoute();
            if (xmppUsers > 0 && xmppRoute != null && legacyEdges.contains(xmppRoute)) {
                xmppHolders.computeIfAbsent(xmppRoute, k -> new TreeMap<>()).put(s.name(), xmppUsers);
            }
        }
        for (Map.Entry<Fqdn, Map<String, Integer>> e : xmppHolders.entrySet()) {
            Pool edge = pools.get(e.getKey());
            int users =
                    e.getValue().values().stream().mapToInt(Integer::intValue).sum();
            keptList.add(new KeptPool(
                    edge.fqdn(),
                    siteName(edge),
                    "carries XMPP federation for " + users + " retained "
                            + (users == 1 ? "user" : "users") + " (the XMPP federation route of "
                            + String.join(", ", e.getValue().keySet()) + "); stays until they can move"));
            keepNextHop(edge, keptList);
        }
    }

    /**
     * A kept Edge still sends its traffic to its next hop, so a legacy Front End pool that is that
     * next hop cannot pass its drain check; keep it rather than plan a decommission bound to fail.
     */
    private void keepNextHop(Pool edge, List<KeptPool> keptList) {
        if (edge.nextHop() == null) {
            return;
        }
        Pool hop = pools.get(edge.nextHop());
        if (hop == null || keptList.stream().anyMatch(k -> k.pool().equals(hop.fqdn()))) {
            return;
        }
        boolean legacyFrontEnd = sites.stream()
                .flatMap(s -> s.legacyFrontEnds().stream())
                .anyMatch(p -> p.fqdn().equals(hop.fqdn()));
        if (legacyFrontEnd) {
            keptList.add(new KeptPool(
                    hop.fqdn(),
                    siteName(hop),
                    "next hop of " + edge.fqdn()
                            + ", which stays for XMPP federation; point that Edge's next hop at another pool, then decommission "
                            + hop.fqdn() + " by hand"));
        }
    }

    void keepOthers(List<Pool> legacy, List<KeptPool> keptList) {
        Fqdn cms = inventory.cmsPool();
        for (Pool p : legacy) {
            if (PoolKinds.migrated(p.role())) {
                continue;
            }
            String reason = PoolKinds.whyItStays(p.role());
            if (p.fqdn().equals(cms)) {
                reason += "; it hosts the Central Management Store, move that first (Move-CsManagementServer)";
            }
            keptList.add(new KeptPool(p.fqdn(), siteName(p), reason));
        }
    }

    private String reason(Set<Feature> lost) {
        boolean allRemoved = target.removed().containsAll(lost);
        List<String> list = lost.stream().sorted().map(Feature::name).toList();
        String spoken = list.size() == 1
                ? list.get(0)
                : String.join(", ", list.subList(0, list.size() - 1)) + " and " + list.get(list.size() - 1);
        return "depends on " + spoken + (allRemoved ? ", removed in " : ", not offered by ") + target.name();
    }

    private String names(Set<Feature> features, int oldClients) {
        List<String> names = new java.util.ArrayList<>(
                features.stream().sorted().map(Feature::name).toList());
        if (oldClients > 0) {
            names.add(oldClients + " with a client that cannot sign in to " + target.name());
        }
        return String.join(", ", names);
    }

    private String siteName(Pool pool) {
        return sites.stream()
                .filter(s -> Site.key(s.name()).equals(Site.key(String.valueOf(pool.site()))))
                .map(SiteScope::name)
                .findFirst()
                .orElse(pool.site());
    }
}
