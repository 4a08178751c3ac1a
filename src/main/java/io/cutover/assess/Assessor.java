package io.cutover.assess;

import io.cutover.assess.Assessment.Blocker;
import io.cutover.assess.Assessment.BlockerCode;
import io.cutover.assess.Assessment.Finding;
import io.cutover.assess.Assessment.FindingCode;
import io.cutover.assess.Assessment.PoolReport;
import io.cutover.assess.Assessment.RetainedUser;
import io.cutover.assess.Assessment.Severity;
import io.cutover.catalog.Catalog;
import io.cutover.catalog.Feature;
import io.cutover.catalog.ProductVersion;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.HomedObject;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Policies;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServiceState;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.Site;
import io.cutover.inventory.UnansweredServer;
import io.cutover.inventory.User;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Inventory + target version + catalog to an {@link Assessment}: what is homed where, which users
 * cannot move, what blocks each legacy pool, and every finding that stands in the way of the
 * migration. Unlike the planner, which refuses at the first problem, the assessment collects them
 * all, and a reference to a pool the topology lacks is a finding, not a failure.
 *
 * <p>Pure: no I/O, no clock, no randomness; every list is sorted, so the same deployment gives the
 * same document however its files were ordered.
 */
public final class Assessor {
    private final Inventory inv;
    private final Catalog catalog;
    private final ProductVersion target;
    private final List<UnansweredServer> unanswered;

    private final Map<String, Pool> pools = new TreeMap<>();
    private final Map<String, ProductVersion> versions = new HashMap<>();
    private final Map<String, String> siteNames = new HashMap<>();
    /** Users by lower-cased SIP address, the first listing of each. */
    private final Map<String, User> users = new LinkedHashMap<>();

    private final Map<String, List<String>> duplicates = new TreeMap<>();
    private final Map<String, Integer> usersOn = new HashMap<>();
    private final Map<String, Map<HomedKind, Integer>> objectsOn = new HashMap<>();
    /** Unknown pool (as first spelt) by lower-cased FQDN: users, objects and other references to it. */
    private final Map<String, List<String>> unknownReferences = new TreeMap<>();

    private final Map<String, String> unknownSpelling = new HashMap<>();
    private final Map<String, List<RetainedUser>> retainedOn = new TreeMap<>();
    private final List<Finding> findings = new ArrayList<>();

    private Assessor(Inventory inv, Catalog catalog, ProductVersion target, List<UnansweredServer> unanswered) {
        this.inv = inv;
        this.catalog = catalog;
        this.target = target;
        this.unanswered = unanswered;
    }

    /** Assesses {@code inventory} for a migration to {@code target}. */
    public static Assessment assess(
            Inventory inventory, Catalog catalog, ProductVersion target, List<UnansweredServer> unanswered) {
        return new Assessor(inventory, catalog, target, List.copyOf(unanswered)).run();
    }

    private Assessment run() {
        for (Site s : inv.sites()) {
            siteNames.put(Site.key(s.name()), s.name());
        }
        for (Pool p : inv.pools()) {
            pools.put(Fqdn.key(p.fqdn()), p);
            versions.put(Fqdn.key(p.fqdn()), catalog.version(p.version()));
        }
        countUsers();
        countObjects();
        paths();
        coexistence();
        sites();
        retained();
        cms();
        federation();
        services();
        replicas();
        capacity();
        policies();
        unknownPools();
        for (UnansweredServer u : unanswered) {
            findings.add(new Finding(
                    Severity.WARNING,
                    FindingCode.SERVER_NOT_ANSWERED,
                    u.computer(),
                    u.computer() + " did not answer "
                            + (u.source() == null ? "the collection" : u.source())
                            + (u.error() == null ? "" : " (" + u.error() + ")")
                            + "; what it would have reported is missing, not assumed"));
        }
        findings.sort(Comparator.comparing(Finding::severity)
                .thenComparing(f -> f.code().json())
                .thenComparing(f -> SipAddress.key(f.subject()))
                .thenComparing(Finding::message));
        List<PoolReport> reports = reports();
        List<RetainedUser> retained = new ArrayList<>();
        retainedOn.values().forEach(retained::addAll);
        boolean ready = findings.stream().noneMatch(f -> f.severity() == Severity.ERROR);
        int objects = inv.objects().size();
        return new Assessment(
                target.name(),
                ready,
                new Assessment.Summary(inv.sites().size(), inv.pools().size(), users.size(), objects),
                reports,
                retained,
                findings);
    }

    // ---- counting -----------------------------------------------------------------------------

    private void countUsers() {
        Map<String, List<String>> spellings = new HashMap<>();
        for (User u : inv.users()) {
            String k = SipAddress.key(u.sipAddress());
            User first = users.putIfAbsent(k, u);
            if (first != null) {
                spellings
                        .computeIfAbsent(k, x -> new ArrayList<>(List.of(first.sipAddress())))
                        .add(u.sipAddress());
                continue;
            }
            String pool = Fqdn.key(u.pool());
            if (pools.containsKey(pool)) {
                usersOn.merge(pool, 1, Integer::sum);
            } else {
                unknown(u.pool(), "user " + u.sipAddress());
            }
        }
        spellings.forEach((k, list) -> {
            duplicates.put(k, list);
            findings.add(
                    new Finding(
                            Severity.ERROR,
                            FindingCode.DUPLICATE_SIP_ADDRESS,
                            users.get(k).sipAddress(),
                            "SIP address "
                                    + users.get(k).sipAddress() + " is listed " + list.size() + " times ("
                                    + String.join(", ", list)
                                    + "); SIP addresses compare case-insensitively and must be unique; the first listing is assessed"));
        });
    }

    private void countObjects() {
        for (HomedObject o : inv.objects()) {
            String pool = Fqdn.key(o.pool());
            if (pools.containsKey(pool)) {
                objectsOn
                        .computeIfAbsent(pool, k -> new EnumMap<>(HomedKind.class))
                        .merge(o.kind(), 1, Integer::sum);
            } else {
                unknown(o.pool(), o.kind() + " " + o.identity());
            }
        }
    }

    private void unknown(String pool, String what) {
        String k = Fqdn.key(pool);
        unknownSpelling.putIfAbsent(k, pool);
        unknownReferences.computeIfAbsent(k, x -> new ArrayList<>()).add(what);
    }

    // ---- findings -----------------------------------------------------------------------------

    private void paths() {
        for (Pool p : pools.values()) {
            ProductVersion v = version(p);
            if (target.isOlderThan(v)) {
                findings.add(new Finding(
                        Severity.ERROR,
                        FindingCode.UNSUPPORTED_MIGRATION_PATH,
                        p.fqdn(),
                        p.fqdn() + " runs " + v.name() + ", newer than the target " + target.name()
                                + "; a side-by-side migration only moves to a newer version"));
            } else if (v.isOlderThan(target) && !catalog.mayMigrate(v, target)) {
                List<ProductVersion> via = catalog.twoHopVia(v, target);
                findings.add(new Finding(
                        Severity.ERROR,
                        FindingCode.UNSUPPORTED_MIGRATION_PATH,
                        p.fqdn(),
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

    private void coexistence() {
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

    private void sites() {
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

    private void retained() {
        for (User u : users.values()) {
            Pool p = pools.get(Fqdn.key(u.pool()));
            if (p == null || !legacy(p) || u.features().isEmpty()) {
                continue;
            }
            Set<Feature> lost = target.lacking(u.features());
            if (!lost.isEmpty()) {
                retainedOn
                        .computeIfAbsent(Fqdn.key(p.fqdn()), k -> new ArrayList<>())
                        .add(new RetainedUser(
                                u.sipAddress(),
                                p.fqdn(),
                                lost.stream().sorted().map(Feature::name).toList()));
            }
        }
        retainedOn.values().forEach(list -> list.sort(Comparator.comparing(r -> SipAddress.key(r.sipAddress()))));
        retainedOn.forEach((k, list) -> {
            Pool p = pools.get(k);
            Set<String> features = new TreeSet<>();
            list.forEach(r -> features.addAll(r.features()));
            findings.add(new Finding(
                    Severity.WARNING,
                    FindingCode.RETAINED_USERS,
                    p.fqdn(),
                    list.size() + (list.size() == 1 ? " user" : " users")
                            + " on " + p.fqdn() + (list.size() == 1 ? " depends on " : " depend on ")
                            + String.join(", ", features) + ", which " + target.name()
                            + " does not offer; they stay on the legacy pool, which stays in coexistence"));
        });
    }

    private void cms() {
        String cms = inv.cmsPool();
        if (cms == null || cms.isBlank()) {
            return;
        }
        Pool p = pools.get(Fqdn.key(cms));
        if (p == null) {
            unknown(cms, "the Central Management Store");
        } else if (legacy(p)) {
            findings.add(new Finding(
                    Severity.WARNING,
                    FindingCode.HOSTS_CMS,
                    p.fqdn(),
                    "the Central Management Store is on legacy pool " + p.fqdn()
                            + "; it must move (Move-CsManagementServer, the riskiest step) before the pool can go"
                            + (p.role() == PoolRole.FrontEnd
                                    ? ""
                                    : "; from a " + p.role() + " pool it is moved by hand")));
        }
    }

    private void federation() {
        for (Site s : sortedSites()) {
            if (s.federationRoute() != null) {
                Pool edge = pools.get(Fqdn.key(s.federationRoute()));
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
            if (s.xmppFederationRoute() != null && !pools.containsKey(Fqdn.key(s.xmppFederationRoute()))) {
                unknown(s.xmppFederationRoute(), "the XMPP federation route of site " + s.name());
            }
        }
        for (Pool p : pools.values()) {
            if (p.nextHop() != null && !pools.containsKey(Fqdn.key(p.nextHop()))) {
                unknown(p.nextHop(), "the next hop of Edge " + p.fqdn());
            }
        }
    }

    private void services() {
        List<ServiceState> sorted = new ArrayList<>(inv.services());
        sorted.sort(
                Comparator.comparing((ServiceState s) -> Fqdn.key(s.computer())).thenComparing(ServiceState::name));
        for (ServiceState s : sorted) {
            if (!s.running()) {
                findings.add(new Finding(
                        Severity.ERROR,
                        FindingCode.SERVICE_NOT_RUNNING,
                        s.computer(),
                        "service " + s.name() + " on " + s.computer()
                                + (s.pool() == null ? "" : " (pool " + s.pool() + ")") + " is " + s.status()
                                + "; coexistence needs it Running"));
            }
        }
    }

    private void replicas() {
        List<Replica> sorted = new ArrayList<>(inv.replicas());
        sorted.sort(Comparator.comparing(r -> Fqdn.key(r.fqdn())));
        for (Replica r : sorted) {
            if (!r.upToDate()) {
                findings.add(
                        new Finding(
                                Severity.ERROR,
                                FindingCode.REPLICA_NOT_UP_TO_DATE,
                                r.fqdn(),
                                "the CMS replica on " + r.fqdn()
                                        + " is not up to date; every replica must be before a site can be administered across versions"));
            }
        }
    }

    /** As the planner does: every movable user of a site goes to the site's first target Front End pool. */
    private void capacity() {
        for (Map.Entry<String, List<Pool>> e : poolsBySite().entrySet()) {
            Pool t = targetFrontEnd(e.getValue());
            if (t == null) {
                continue;
            }
            long homed = usersOn.getOrDefault(Fqdn.key(t.fqdn()), 0);
            for (Pool p : e.getValue()) {
                if (p.role() == PoolRole.FrontEnd && legacy(p)) {
                    homed += usersOn.getOrDefault(Fqdn.key(p.fqdn()), 0)
                            - retainedOn
                                    .getOrDefault(Fqdn.key(p.fqdn()), List.of())
                                    .size();
                }
            }
            if (homed > target.poolCapacity()) {
                findings.add(new Finding(
                        Severity.ERROR,
                        FindingCode.TARGET_CAPACITY_EXCEEDED,
                        t.fqdn(),
                        t.fqdn() + " would home " + homed + " users, more than the " + target.poolCapacity() + " a "
                                + target.name() + " Front End pool is sized for"));
            }
        }
    }

    /**
     * A legacy pool whose own site has no target pool can only move to a target pool of another
     * site, where users without a per-user assignment get that site's policies.
     */
    private void policies() {
        Policies policies = inv.policies() == null ? Policies.none() : inv.policies();
        Map<String, List<Pool>> bySite = poolsBySite();
        Pool elsewhere = null;
        for (Map.Entry<String, List<Pool>> e : bySite.entrySet()) {
            Pool t = targetFrontEnd(e.getValue());
            if (t != null && elsewhere == null) {
                elsewhere = t;
            }
        }
        if (elsewhere == null) {
            return;
        }
        Map<String, List<User>> byPool = new HashMap<>();
        for (Map.Entry<String, List<Pool>> e : bySite.entrySet()) {
            if (targetFrontEnd(e.getValue()) != null) {
                continue;
            }
            for (Pool p : e.getValue()) {
                if (p.role() == PoolRole.FrontEnd && legacy(p)) {
                    byPool.put(Fqdn.key(p.fqdn()), new ArrayList<>());
                }
            }
        }
        if (byPool.isEmpty()) {
            return;
        }
        for (User u : users.values()) {
            List<User> list = byPool.get(Fqdn.key(u.pool()));
            if (list != null) {
                list.add(u);
            }
        }
        for (Map.Entry<String, List<User>> e : new TreeMap<>(byPool).entrySet()) {
            Pool p = pools.get(e.getKey());
            Pool t = pairedTarget(p, bySite);
            int changed = 0;
            for (User u : e.getValue()) {
                if (!policies.effective(u, siteName(p.site())).equals(policies.effective(u, siteName(t.site())))) {
                    changed++;
                }
            }
            if (changed > 0) {
                findings.add(new Finding(
                        Severity.WARNING,
                        FindingCode.EFFECTIVE_POLICY_CHANGES,
                        p.fqdn(),
                        changed + (changed == 1 ? " user" : " users")
                                + " on " + p.fqdn() + " would get different effective policies on " + t.fqdn()
                                + " in site " + t.site()
                                + " (site policies apply where they have no per-user assignment)"));
            }
        }
    }

    private Pool pairedTarget(Pool p, Map<String, List<Pool>> bySite) {
        for (List<Pool> list : bySite.values()) {
            Pool t = targetFrontEnd(list);
            if (t != null) {
                return t;
            }
        }
        throw new IllegalStateException("no target pool for " + p.fqdn());
    }

    private void unknownPools() {
        unknownReferences.forEach((k, refs) -> {
            String pool = unknownSpelling.get(k);
            List<String> shown = refs.subList(0, Math.min(3, refs.size()));
            findings.add(new Finding(
                    Severity.ERROR,
                    FindingCode.UNKNOWN_POOL_REFERENCE,
                    pool,
                    refs.size() + (refs.size() == 1 ? " reference" : " references") + " to pool " + pool
                            + ", which the topology lacks (" + String.join(", ", shown)
                            + (refs.size() > 3 ? ", ..." : "") + ")"));
        });
    }

    // ---- pools --------------------------------------------------------------------------------

    private List<PoolReport> reports() {
        Set<String> keptByXmpp = keptForXmpp();
        Map<String, List<Pool>> bySite = poolsBySite();
        Map<String, List<String>> routedBy = new TreeMap<>();
        for (Site s : sortedSites()) {
            if (s.federationRoute() != null) {
                routedBy.computeIfAbsent(Fqdn.key(s.federationRoute()), k -> new ArrayList<>())
                        .add(s.name());
            }
        }
        Map<String, List<String>> nextHopOf = new TreeMap<>();
        for (Pool p : pools.values()) {
            if (p.role() == PoolRole.Edge && p.nextHop() != null) {
                nextHopOf
                        .computeIfAbsent(Fqdn.key(p.nextHop()), k -> new ArrayList<>())
                        .add(p.fqdn());
            }
        }
        Set<String> unsupported = findings.stream()
                .filter(f -> f.code() == FindingCode.UNSUPPORTED_MIGRATION_PATH)
                .map(f -> SipAddress.key(f.subject()))
                .collect(Collectors.toSet());
        List<PoolReport> reports = new ArrayList<>();
        List<Pool> ordered = new ArrayList<>(pools.values());
        ordered.sort(
                Comparator.comparing((Pool p) -> Site.key(siteName(p.site()))).thenComparing(p -> Fqdn.key(p.fqdn())));
        for (Pool p : ordered) {
            String k = Fqdn.key(p.fqdn());
            int homedUsers = usersOn.getOrDefault(k, 0);
            Map<String, Integer> objects = new LinkedHashMap<>();
            objectsOn.getOrDefault(k, Map.of()).entrySet().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> objects.put(e.getKey().name(), e.getValue()));
            int retained = retainedOn.getOrDefault(k, List.of()).size();
            boolean cms = inv.cmsPool() != null && Fqdn.key(inv.cmsPool()).equals(k);
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
            if (routedBy.containsKey(k)) {
                blockers.add(new Blocker(BlockerCode.FEDERATION_ROUTE, null, null, routedBy.get(k)));
            }
            if (nextHopOf.containsKey(k)) {
                blockers.add(new Blocker(BlockerCode.EDGE_NEXT_HOP, null, null, nextHopOf.get(k)));
            }
            boolean legacy = legacy(p);
            boolean decommissionable = legacy
                    && (p.role() == PoolRole.FrontEnd || p.role() == PoolRole.Edge)
                    && retained == 0
                    && !unsupported.contains(k)
                    && !keptByXmpp.contains(k)
                    && hasReplacement(p, bySite.getOrDefault(Site.key(p.site()), List.of()));
            reports.add(new PoolReport(
                    p.fqdn(),
                    siteName(p.site()),
                    p.role().name(),
                    version(p).name(),
                    legacy,
                    homedUsers,
                    objects,
                    decommissionable,
                    blockers));
        }
        return reports;
    }

    private boolean hasReplacement(Pool p, List<Pool> sitePools) {
        return sitePools.stream().anyMatch(t -> t.role() == p.role() && isTarget(t));
    }

    /**
     * The legacy Edge that carries XMPP federation for retained XMPP users stays, and so does the
     * legacy Front End pool it forwards to: the same rule the planner applies to keep pools.
     */
    private Set<String> keptForXmpp() {
        Set<String> kept = new HashSet<>();
        for (Site s : inv.sites()) {
            if (s.xmppFederationRoute() == null) {
                continue;
            }
            Pool edge = pools.get(Fqdn.key(s.xmppFederationRoute()));
            if (edge == null || !legacy(edge)) {
                continue;
            }
            boolean xmppUsers = retainedOn.values().stream()
                    .flatMap(List::stream)
                    .anyMatch(r -> r.features().contains(Feature.Xmpp.name())
                            && Site.key(pools.get(Fqdn.key(r.pool())).site()).equals(Site.key(s.name())));
            if (xmppUsers) {
                kept.add(Fqdn.key(edge.fqdn()));
                if (edge.nextHop() != null) {
                    kept.add(Fqdn.key(edge.nextHop()));
                }
            }
        }
        return kept;
    }

    // ---- small things -------------------------------------------------------------------------

    private Map<String, List<Pool>> poolsBySite() {
        Map<String, List<Pool>> bySite = new TreeMap<>();
        for (Pool p : pools.values()) {
            bySite.computeIfAbsent(Site.key(p.site()), k -> new ArrayList<>()).add(p);
        }
        return bySite;
    }

    private Pool targetFrontEnd(List<Pool> sitePools) {
        return sitePools.stream()
                .filter(p -> p.role() == PoolRole.FrontEnd && isTarget(p))
                .min(Comparator.comparing(p -> Fqdn.key(p.fqdn())))
                .orElse(null);
    }

    private List<Site> sortedSites() {
        List<Site> sites = new ArrayList<>(inv.sites());
        sites.sort(Comparator.comparing(s -> Site.key(s.name())));
        return sites;
    }

    private String siteName(String name) {
        return siteNames.getOrDefault(Site.key(name), name);
    }

    private ProductVersion version(Pool p) {
        return versions.get(Fqdn.key(p.fqdn()));
    }

    private boolean legacy(Pool p) {
        return version(p).isOlderThan(target);
    }

    private boolean isTarget(Pool p) {
        return version(p).name().equals(target.name());
    }

    private static String fqdns(List<Pool> list) {
        return list.stream().map(Pool::fqdn).collect(Collectors.joining(", "));
    }
}
