package io.cutover.plan;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.catalog.Catalog;
import io.cutover.catalog.Feature;
import io.cutover.catalog.ProductVersion;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedObject;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.Site;
import io.cutover.inventory.User;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The inventory as the planner sees it: every name resolved, every refusal raised, everything
 * sorted. Building it is the only place the planner says no, so that a refused plan never has half
 * its steps built and every refusal is found in the same order for the same input.
 */
final class Scope {
    /** Pools by lower-cased FQDN, so that the order does not depend on how an importer spelt them. */
    static final Comparator<Pool> BY_FQDN = Comparator.comparing(p -> Fqdn.key(p.fqdn()));

    static final Comparator<User> BY_SIP = Comparator.comparing(u -> SipAddress.key(u.sipAddress()));

    /** The order users are picked for tests and pilots: test accounts first, then by SIP address. */
    static final Comparator<User> PICK =
            Comparator.comparing((User u) -> !u.test()).thenComparing(BY_SIP);

    static final Comparator<HomedObject> OBJECT_ORDER = Comparator.comparing(HomedObject::kind)
            .thenComparing(o -> SipAddress.key(o.identity()))
            .thenComparing(HomedObject::identity);

    /**
     * One site the plan walks.
     *
     * @param site the site record (routes); synthesised without routes only if no legacy pool needs it
     * @param legacyFrontEnds legacy Front End pools, by FQDN
     * @param legacyEdges legacy Edge pools, by FQDN
     * @param targetFrontEnd the first target-version Front End pool by FQDN, or null
     * @param targetFrontEnds every target-version Front End pool of the site, by FQDN
     * @param targetEdge the first target-version Edge pool by FQDN, or null
     */
    record SiteScope(
            Site site,
            List<Pool> legacyFrontEnds,
            List<Pool> legacyEdges,
            Pool targetFrontEnd,
            List<Pool> targetFrontEnds,
            Pool targetEdge) {
        String name() {
            return site.name();
        }
    }

    final Inventory inventory;
    final PlanOptions options;
    final ProductVersion target;
    /** The sites that have something to migrate, by name. */
    final List<SiteScope> sites;
    /** Pools by lower-cased FQDN. */
    final Map<String, Pool> pools;
    /** Users by lower-cased pool FQDN, each list by SIP address. */
    final Map<String, List<User>> usersByPool;
    /** Objects (kinds of objects.csv only) by lower-cased pool FQDN, in kind then identity order. */
    final Map<String, List<HomedObject>> objectsByPool;
    /** Lower-cased FQDNs of legacy Edge pools, of every site. */
    final Set<String> legacyEdgeKeys;
    /** The target Edge that replaces each legacy Edge, by the legacy Edge's lower-cased FQDN. */
    final Map<String, Pool> replacementEdge;
    /** Retained users by lower-cased SIP address. */
    final Map<String, Retained> retainedBySip;

    final List<Retained> retained;
    final List<KeptPool> kept;
    /** Lower-cased FQDNs of the pools in {@link #kept}. */
    final Set<String> keptKeys;
    /** Explicit pilot users by lower-cased SIP address, or empty when the pilot is picked by count. */
    final Set<String> pilotKeys;

    private Scope(Inventory inventory, Catalog catalog, PlanOptions options) {
        this.inventory = inventory;
        this.options = options;
        checkOptions(options);
        this.target = catalog.version(options.target());

        this.pools = poolsByKey(inventory.pools());
        Map<String, ProductVersion> versions = versions(catalog);
        Map<String, Site> sitesByKey = sitesByKey(inventory.sites());
        List<Pool> legacy = pools.values().stream()
                .filter(p -> versions.get(Fqdn.key(p.fqdn())).isOlderThan(target))
                .sorted(BY_FQDN)
                .toList();
        for (Pool p : pools.values().stream().sorted(BY_FQDN).toList()) {
            ProductVersion v = versions.get(Fqdn.key(p.fqdn()));
            if (target.isOlderThan(v)) {
                throw new CutoverException(
                        ErrorCode.UNSUPPORTED_MIGRATION_PATH,
                        p.fqdn() + " runs " + v.name() + ", newer than the target " + target.name()
                                + ": a side-by-side migration only moves to a newer version");
            }
        }
        if (legacy.isEmpty()) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT, "nothing to migrate: no pool runs a version older than " + target.name());
        }
        for (Pool p : legacy) {
            checkPath(catalog, p, versions.get(Fqdn.key(p.fqdn())));
        }

        this.usersByPool = usersByPool(inventory.users());
        this.objectsByPool = objectsByPool(inventory.objects());
        String cms = inventory.cmsPool();
        if (cms != null && !cms.isBlank() && !pools.containsKey(Fqdn.key(cms))) {
            throw new CutoverException(
                    ErrorCode.UNKNOWN_POOL,
                    "the Central Management Store is on pool '" + cms + "', which the topology lacks; the topology has "
                            + fqdns());
        }

        this.sites = sites(legacy, versions, sitesByKey);
        this.legacyEdgeKeys = new HashSet<>();
        this.replacementEdge = new HashMap<>();
        for (SiteScope s : sites) {
            for (Pool e : s.legacyEdges()) {
                legacyEdgeKeys.add(Fqdn.key(e.fqdn()));
                replacementEdge.put(Fqdn.key(e.fqdn()), s.targetEdge());
            }
        }

        this.retainedBySip = new HashMap<>();
        List<Retained> retainedList = new ArrayList<>();
        List<KeptPool> keptList = new ArrayList<>();
        retain(retainedList, keptList);
        keepOthers(legacy, keptList);
        retainedList.sort(Comparator.comparing(Retained::pool).thenComparing(Retained::sipAddress));
        keptList.sort(Comparator.comparing(KeptPool::pool));
        this.retained = List.copyOf(retainedList);
        this.kept = List.copyOf(keptList);
        this.keptKeys = kept.stream().map(k -> k.pool().key()).collect(Collectors.toSet());

        this.pilotKeys = pilots();
        checkCapacity();
    }

    /** Refuses a plan that would home more users on a target pool than its version is sized for. */
    private void checkCapacity() {
        for (SiteScope site : sites) {
            Pool t = site.targetFrontEnd();
            if (t == null) {
                continue;
            }
            long homed = usersOn(t).size();
            for (Pool p : site.legacyFrontEnds()) {
                homed += usersOn(p).stream().filter(u -> !isRetained(u)).count();
            }
            if (homed > target.poolCapacity()) {
                throw new CutoverException(
                        ErrorCode.TARGET_CAPACITY_EXCEEDED,
                        t.fqdn() + " would home " + homed + " users, more than the "
                                + target.poolCapacity() + " a " + target.name()
                                + " Front End pool is sized for; add a target pool to site "
                                + site.name() + " or move some users elsewhere first");
            }
        }
    }

    static Scope of(Inventory inventory, Catalog catalog, PlanOptions options) {
        if (inventory == null || catalog == null || options == null) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "planning needs an inventory, a catalog and options");
        }
        return new Scope(inventory, catalog, options);
    }

    List<User> usersOn(Pool pool) {
        return usersByPool.getOrDefault(Fqdn.key(pool.fqdn()), List.of());
    }

    List<HomedObject> objectsOn(Pool pool) {
        return objectsByPool.getOrDefault(Fqdn.key(pool.fqdn()), List.of());
    }

    boolean isRetained(User user) {
        return retainedBySip.containsKey(SipAddress.key(user.sipAddress()));
    }

    boolean isKept(Pool pool) {
        return keptKeys.contains(Fqdn.key(pool.fqdn()));
    }

    private static void checkOptions(PlanOptions options) {
        if (options.pilotCount() < 0) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT, "pilot count is " + options.pilotCount() + "; it must be 0 or more");
        }
        if (options.waveSizes().isEmpty()) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "no wave sizes; give at least one, e.g. 100,250,500,1000 (the last size repeats)");
        }
        for (Integer size : options.waveSizes()) {
            if (size == null || size <= 0) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT, "wave size " + size + " in " + options.waveSizes() + " must be 1 or more");
            }
        }
        if (options.validationSample() < 0) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "validation sample is " + options.validationSample() + "; it must be 0 or more");
        }
        for (String sip : options.pilotUsers()) {
            if (sip == null || sip.isBlank()) {
                throw new CutoverException(ErrorCode.BAD_INPUT, "the pilot list has a blank SIP address");
            }
        }
    }

    private static Map<String, Pool> poolsByKey(List<Pool> list) {
        Map<String, Pool> byKey = new TreeMap<>();
        for (Pool p : list) {
            if (p.fqdn() == null || p.fqdn().isBlank()) {
                throw new CutoverException(ErrorCode.BAD_INPUT, "a pool of site '" + p.site() + "' has no FQDN");
            }
            Pool before = byKey.put(Fqdn.key(p.fqdn()), p);
            if (before != null) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT,
                        "pool " + p.fqdn() + " is listed twice in the topology; each pool FQDN must be unique");
            }
        }
        return byKey;
    }

    private Map<String, ProductVersion> versions(Catalog catalog) {
        Map<String, ProductVersion> byKey = new HashMap<>();
        for (Pool p : pools.values()) {
            ProductVersion v = catalog.find(p.version())
                    .orElseThrow(() -> new CutoverException(
                            ErrorCode.UNKNOWN_VERSION,
                            "pool " + p.fqdn() + " runs '" + p.version() + "', which the catalog does not know; known: "
                                    + catalog.versions().stream()
                                            .map(ProductVersion::name)
                                            .collect(Collectors.joining(", "))));
            byKey.put(Fqdn.key(p.fqdn()), v);
        }
        return byKey;
    }

    private static Map<String, Site> sitesByKey(List<Site> list) {
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

    private void checkPath(Catalog catalog, Pool pool, ProductVersion from) {
        if (catalog.mayMigrate(from, target)) {
            return;
        }
        List<ProductVersion> via = catalog.twoHopVia(from, target);
        String how = via.isEmpty()
                ? "no two-hop path is known either; migrate it to a version that can reach " + target.name() + " first"
                : "migrate in two hops, " + from.name() + " -> "
                        + via.stream().map(ProductVersion::name).collect(Collectors.joining(" or ")) + " -> "
                        + target.name();
        throw new CutoverException(
                ErrorCode.UNSUPPORTED_MIGRATION_PATH,
                pool.fqdn() + " runs " + from.name() + ", which cannot move straight to " + target.name() + ": " + how);
    }

    private Map<String, List<User>> usersByPool(List<User> users) {
        List<User> sorted = new ArrayList<>(users);
        sorted.sort(BY_SIP);
        Map<String, List<User>> byPool = new HashMap<>();
        String previous = null;
        for (User u : sorted) {
            String sip = SipAddress.key(u.sipAddress());
            if (sip.equals(previous)) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT,
                        "user " + u.sipAddress() + " is listed twice; each SIP address must be unique");
            }
            previous = sip;
            if (u.pool() == null || !pools.containsKey(Fqdn.key(u.pool()))) {
                throw new CutoverException(
                        ErrorCode.UNKNOWN_POOL,
                        "user " + u.sipAddress() + " is homed on pool '" + u.pool() + "', which the topology lacks; "
                                + "the topology has " + fqdns());
            }
            byPool.computeIfAbsent(Fqdn.key(u.pool()), k -> new ArrayList<>()).add(u);
        }
        return byPool;
    }

    private Map<String, List<HomedObject>> objectsByPool(List<HomedObject> objects) {
        List<HomedObject> sorted = objects.stream()
                .filter(o -> o.kind().isObject())
                .sorted(OBJECT_ORDER)
                .toList();
        Map<String, List<HomedObject>> byPool = new HashMap<>();
        HomedObject previous = null;
        for (HomedObject o : sorted) {
            if (previous != null
                    && previous.kind() == o.kind()
                    && previous.identity().equals(o.identity())) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT,
                        o.kind() + " '" + o.identity() + "' is listed twice; each object identity must be unique");
            }
            previous = o;
            if (o.pool() == null || !pools.containsKey(Fqdn.key(o.pool()))) {
                throw new CutoverException(
                        ErrorCode.UNKNOWN_POOL,
                        o.kind() + " '" + o.identity() + "' is homed on pool '" + o.pool()
                                + "', which the topology lacks; the topology has " + fqdns());
            }
            byPool.computeIfAbsent(Fqdn.key(o.pool()), k -> new ArrayList<>()).add(o);
        }
        return byPool;
    }

    private List<String> fqdns() {
        return pools.values().stream().map(Pool::fqdn).toList();
    }

    private List<SiteScope> sites(
            List<Pool> legacy, Map<String, ProductVersion> versions, Map<String, Site> sitesByKey) {
        Map<String, List<Pool>> bySite = new TreeMap<>();
        for (Pool p : pools.values()) {
            bySite.computeIfAbsent(Site.key(String.valueOf(p.site())), k -> new ArrayList<>())
                    .add(p);
        }
        Set<String> legacyEdges = new HashSet<>();
        for (Pool p : legacy) {
            if (p.role() == PoolRole.Edge) {
                legacyEdges.add(Fqdn.key(p.fqdn()));
            }
        }
        // A site with nothing legacy of its own still needs its federation route moved when it points
        // at a legacy Edge of another site, or that Edge's drain check can never pass.
        Set<String> siteKeys = new TreeSet<>(bySite.keySet());
        for (Site s : sitesByKey.values()) {
            if (s.federationRoute() != null && legacyEdges.contains(Fqdn.key(s.federationRoute()))) {
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
                ProductVersion v = versions.get(Fqdn.key(p.fqdn()));
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
            boolean routed = site != null
                    && site.federationRoute() != null
                    && legacyEdges.contains(Fqdn.key(site.federationRoute()));
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

    private void retain(List<Retained> retainedList, List<KeptPool> keptList) {
        // Per kept Edge, the sites whose retained XMPP users hold it, and how many users.
        Map<String, Map<String, Integer>> xmppHolders = new TreeMap<>();
        for (SiteScope s : sites) {
            int xmppUsers = 0;
            for (Pool p : s.legacyFrontEnds()) {
                int count = 0;
                Set<Feature> lostByPool = EnumSet.noneOf(Feature.class);
                for (User u : usersOn(p)) {
                    Set<Feature> lost = target.lacking(u.features());
                    if (lost.isEmpty()) {
                        continue;
                    }
                    Retained r = new Retained(
                            SipAddress.of(u.sipAddress()), Fqdn.of(p.fqdn()), List.copyOf(lost), reason(lost));
                    retainedList.add(r);
                    retainedBySip.put(SipAddress.key(u.sipAddress()), r);
                    lostByPool.addAll(lost);
                    count++;
                    if (lost.contains(Feature.Xmpp)) {
                        xmppUsers++;
                    }
                }
                if (count > 0) {
                    keptList.add(new KeptPool(
                            Fqdn.of(p.fqdn()),
                            s.name(),
                            "keeps " + count + " retained "
                                    + (count == 1 ? "user" : "users") + " (" + names(lostByPool)
                                    + "); stays in coexistence until they can move"));
                }
            }
            String xmppRoute = s.site().xmppFederationRoute();
            if (xmppUsers > 0 && xmppRoute != null && legacyEdgeKeys.contains(Fqdn.key(xmppRoute))) {
                xmppHolders
                        .computeIfAbsent(Fqdn.key(xmppRoute), k -> new TreeMap<>())
                        .put(s.name(), xmppUsers);
            }
        }
        for (Map.Entry<String, Map<String, Integer>> e : xmppHolders.entrySet()) {
            Pool edge = pools.get(e.getKey());
            int users =
                    e.getValue().values().stream().mapToInt(Integer::intValue).sum();
            keptList.add(new KeptPool(
                    Fqdn.of(edge.fqdn()),
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
        Pool hop = pools.get(Fqdn.key(edge.nextHop()));
        if (hop == null || keptList.stream().anyMatch(k -> k.pool().is(hop.fqdn()))) {
            return;
        }
        boolean legacyFrontEnd = sites.stream()
                .flatMap(s -> s.legacyFrontEnds().stream())
                .anyMatch(p -> Fqdn.key(p.fqdn()).equals(Fqdn.key(hop.fqdn())));
        if (legacyFrontEnd) {
            keptList.add(new KeptPool(
                    Fqdn.of(hop.fqdn()),
                    siteName(hop),
                    "next hop of " + edge.fqdn()
                            + ", which stays for XMPP federation; point that Edge's next hop at another pool, then decommission "
                            + hop.fqdn() + " by hand"));
        }
    }

    private void keepOthers(List<Pool> legacy, List<KeptPool> keptList) {
        String cms = inventory.cmsPool();
        for (Pool p : legacy) {
            if (p.role() == PoolRole.FrontEnd || p.role() == PoolRole.Edge) {
                continue;
            }
            String reason = p.role() + " pool: not migrated by this plan; move it by hand";
            if (cms != null && Fqdn.key(cms).equals(Fqdn.key(p.fqdn()))) {
                reason += "; it hosts the Central Management Store, move that first (Move-CsManagementServer)";
            }
            keptList.add(new KeptPool(Fqdn.of(p.fqdn()), siteName(p), reason));
        }
    }

    private Set<String> pilots() {
        Set<String> keys = new TreeSet<>();
        Map<String, User> bySip = new HashMap<>();
        usersByPool.values().forEach(list -> list.forEach(u -> bySip.put(SipAddress.key(u.sipAddress()), u)));
        Set<String> legacyFrontEnds = sites.stream()
                .flatMap(s -> s.legacyFrontEnds().stream())
                .map(p -> Fqdn.key(p.fqdn()))
                .collect(Collectors.toSet());
        List<String> listed = options.pilotUsers().stream()
                .map(SipAddress::key)
                .distinct()
                .sorted()
                .toList();
        for (String sip : listed) {
            User u = bySip.get(sip);
            if (u == null) {
                throw new CutoverException(
                        ErrorCode.UNKNOWN_USER,
                        "pilot user " + sip + " is not in the inventory; check the SIP address (sip:name@domain)");
            }
            if (!legacyFrontEnds.contains(Fqdn.key(u.pool()))) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT,
                        "pilot user " + u.sipAddress() + " is homed on " + u.pool()
                                + ", which is not a legacy Front End pool; pick pilot users the plan moves");
            }
            Retained r = retainedBySip.get(sip);
            if (r != null) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT,
                        "pilot user " + u.sipAddress() + " cannot move: " + r.reason() + "; pick another pilot user");
            }
            keys.add(sip);
        }
        return Set.copyOf(keys);
    }

    private String reason(Set<Feature> lost) {
        boolean allRemoved = target.removed().containsAll(lost);
        List<String> list = lost.stream().sorted().map(Feature::name).toList();
        String spoken = list.size() == 1
                ? list.get(0)
                : String.join(", ", list.subList(0, list.size() - 1)) + " and " + list.get(list.size() - 1);
        return "depends on " + spoken + (allRemoved ? ", removed in " : ", not offered by ") + target.name();
    }

    private static String names(Set<Feature> features) {
        return features.stream().sorted().map(Feature::name).collect(Collectors.joining(", "));
    }

    private String siteName(Pool pool) {
        return sites.stream()
                .filter(s -> Site.key(s.name()).equals(Site.key(String.valueOf(pool.site()))))
                .map(SiteScope::name)
                .findFirst()
                .orElse(pool.site());
    }
}
