package io.cutover.plan;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.catalog.Catalog;
import io.cutover.catalog.ProductVersion;
import io.cutover.check.Check;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedObject;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Pool;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.Site;
import io.cutover.inventory.User;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The inventory as the planner sees it: every name resolved, every refusal raised, everything
 * sorted. Building it is the only place the planner says no, so that a refused plan never has half
 * its steps built and every refusal is found in the same order for the same input.
 */
final class Scope {
    /** Pools by lower-cased FQDN, so that the order does not depend on how an importer spelt them. */
    static final Comparator<Pool> BY_FQDN = Comparator.comparing(Pool::fqdn);

    static final Comparator<User> BY_SIP = Comparator.comparing(User::sipAddress);

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
    /** Pools by FQDN, in FQDN order. */
    final Map<Fqdn, Pool> pools;
    /** Users by pool FQDN, each list by SIP address. */
    final Map<Fqdn, List<User>> usersByPool;
    /** Objects (kinds of objects.csv only) by pool FQDN, in kind then identity order. */
    final Map<Fqdn, List<HomedObject>> objectsByPool;
    /** FQDNs of legacy Edge pools, of every site. */
    final Set<Fqdn> legacyEdges;
    /** The target Edge that replaces each legacy Edge, by the legacy Edge's FQDN. */
    final Map<Fqdn, Pool> replacementEdge;
    /** Retained users by SIP address. */
    final Map<SipAddress, Retained> retainedBySip;

    final List<Retained> retained;
    final List<KeptPool> kept;
    /** FQDNs of the pools in {@link #kept}. */
    final Set<Fqdn> keptPools;
    /** Each pool's version, by FQDN. */
    final Map<Fqdn, ProductVersion> versionOf;
    /** Explicit pilot users, or empty when the pilot is picked by count. */
    final Set<SipAddress> pilots;
    /** Users whose last client cannot sign in to the target. */
    final ClientGate clients;

    private Scope(Inventory inventory, Catalog catalog, PlanOptions options) {
        this.inventory = inventory;
        this.options = options;
        checkOptions(options);
        this.target = catalog.version(options.target());

        this.pools = poolsByKey(inventory.pools());
        Map<Fqdn, ProductVersion> versions = versions(catalog);
        this.versionOf = Map.copyOf(versions);
        Map<String, Site> sitesByKey = SiteScopes.sitesByKey(inventory.sites());
        List<Pool> legacy = pools.values().stream()
                .filter(p -> versions.get(p.fqdn()).isOlderThan(target))
                .sorted(BY_FQDN)
                .toList();
        for (Pool p : pools.values().stream().sorted(BY_FQDN).toList()) {
            ProductVersion v = versions.get(p.fqdn());
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
            checkPath(catalog, p, versions.get(p.fqdn()));
        }

        this.usersByPool = usersByPool(inventory.users());
        this.objectsByPool = objectsByPool(inventory.objects());
        Fqdn cms = inventory.cmsPool();
        if (cms != null && !pools.containsKey(cms)) {
            throw new CutoverException(
                    ErrorCode.UNKNOWN_POOL,
                    "the Central Management Store is on pool '" + cms + "', which the topology lacks; the topology has "
                            + fqdns());
        }

        this.sites = new SiteScopes(pools, target).sites(legacy, versions, sitesByKey);
        this.legacyEdges = new HashSet<>();
        this.replacementEdge = new HashMap<>();
        for (SiteScope s : sites) {
            for (Pool e : s.legacyEdges()) {
                legacyEdges.add(e.fqdn());
                replacementEdge.put(e.fqdn(), s.targetEdge());
            }
        }

        this.clients = new ClientGate(inventory, catalog, target, options.oldClients());
        this.retainedBySip = new HashMap<>();
        List<Retained> retainedList = new ArrayList<>();
        List<KeptPool> keptList = new ArrayList<>();
        Retention retention = new Retention(this);
        retention.retain(retainedList, keptList);
        retention.keepOthers(legacy, keptList);
        retainedList.sort(Comparator.comparing(Retained::pool).thenComparing(Retained::sipAddress));
        keptList.sort(Comparator.comparing(KeptPool::pool));
        this.retained = List.copyOf(retainedList);
        this.kept = List.copyOf(keptList);
        this.keptPools = kept.stream().map(KeptPool::pool).collect(Collectors.toSet());

        this.pilots = new Pilots(this).pilots();
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
        return usersByPool.getOrDefault(pool.fqdn(), List.of());
    }

    List<HomedObject> objectsOn(Pool pool) {
        return objectsByPool.getOrDefault(pool.fqdn(), List.of());
    }

    boolean isRetained(User user) {
        return retainedBySip.containsKey(user.sipAddress());
    }

    boolean isKept(Pool pool) {
        return isKept(pool.fqdn());
    }

    boolean isKept(Fqdn pool) {
        return keptPools.contains(pool);
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

    private static Map<Fqdn, Pool> poolsByKey(List<Pool> list) {
        Map<Fqdn, Pool> byKey = new TreeMap<>();
        for (Pool p : list) {
            if (p.fqdn() == null) {
                throw new CutoverException(ErrorCode.BAD_INPUT, "a pool of site '" + p.site() + "' has no FQDN");
            }
            Pool before = byKey.put(p.fqdn(), p);
            if (before != null) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT,
                        "pool " + p.fqdn() + " is listed twice in the topology; each pool FQDN must be unique");
            }
        }
        return byKey;
    }

    private Map<Fqdn, ProductVersion> versions(Catalog catalog) {
        Map<Fqdn, ProductVersion> byKey = new HashMap<>();
        for (Pool p : pools.values()) {
            ProductVersion v = catalog.find(p.version())
                    .orElseThrow(() -> new CutoverException(
                            ErrorCode.UNKNOWN_VERSION,
                            "pool " + p.fqdn() + " runs '" + p.version() + "', which the catalog does not know; known: "
                                    + catalog.versions().stream()
                                            .map(ProductVersion::name)
                                            .collect(Collectors.joining(", "))));
            byKey.put(p.fqdn(), v);
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

    private Map<Fqdn, List<User>> usersByPool(List<User> users) {
        List<User> sorted = new ArrayList<>(users);
        sorted.sort(BY_SIP);
        Map<Fqdn, List<User>> byPool = new HashMap<>();
        SipAddress previous = null;
        for (User u : sorted) {
            SipAddress sip = u.sipAddress();
            if (sip.equals(previous)) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT,
                        "user " + u.sipAddress() + " is listed twice; each SIP address must be unique");
            }
            previous = sip;
            if (u.pool() == null || !pools.containsKey(u.pool())) {
                throw new CutoverException(
                        ErrorCode.UNKNOWN_POOL,
                        "user " + u.sipAddress() + " is homed on pool '" + u.pool() + "', which the topology lacks; "
                                + "the topology has " + fqdns());
            }
            byPool.computeIfAbsent(u.pool(), k -> new ArrayList<>()).add(u);
        }
        return byPool;
    }

    private Map<Fqdn, List<HomedObject>> objectsByPool(List<HomedObject> objects) {
        List<HomedObject> sorted = objects.stream()
                .filter(o -> o.kind().isObject())
                .sorted(OBJECT_ORDER)
                .toList();
        Map<Fqdn, List<HomedObject>> byPool = new HashMap<>();
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
            if (o.pool() == null || !pools.containsKey(o.pool())) {
                throw new CutoverException(
                        ErrorCode.UNKNOWN_POOL,
                        o.kind() + " '" + o.identity() + "' is homed on pool '" + o.pool()
                                + "', which the topology lacks; the topology has " + fqdns());
            }
            byPool.computeIfAbsent(o.pool(), k -> new ArrayList<>()).add(o);
        }
        return byPool;
    }

    private List<Fqdn> fqdns() {
        return pools.values().stream().map(Pool::fqdn).toList();
    }

    /** The floor a legacy pool's servers must be at to coexist with the target, when the catalog has one. */
    java.util.Optional<Check.BuildFloor> buildFloor(Pool legacy) {
        return versionOf
                .get(legacy.fqdn())
                .minimumFor(target)
                .map(m -> new Check.BuildFloor(legacy.fqdn(), m.build().toString(), m.update(), m.published()));
    }
}
