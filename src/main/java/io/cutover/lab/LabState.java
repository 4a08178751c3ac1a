package io.cutover.lab;

import io.cutover.catalog.Catalog;
import io.cutover.catalog.ProductVersion;
import io.cutover.deployment.PoolState;
import io.cutover.deployment.Subject;
import io.cutover.deployment.UserState;
import io.cutover.inventory.ClientSignIn;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.HomedObject;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServiceState;
import io.cutover.inventory.ServiceStatus;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.Site;
import io.cutover.inventory.User;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the emulated deployment looks like now. One writer at a time (the lab holds its lock while
 * applying a mutation); readers go lock-free through concurrent maps, because probes run from
 * many threads and must not queue behind moves.
 */
final class LabState {
    final Catalog catalog;
    final Scenario scenario;
    private final Inventory initial;
    private final Map<Fqdn, Pool> pools = new LinkedHashMap<>();
    private final Map<Fqdn, ProductVersion> versions = new LinkedHashMap<>();
    private final Map<Fqdn, PoolState> states = new ConcurrentHashMap<>();
    private final Map<String, Site> sites = new ConcurrentHashMap<>();
    private final Map<String, HomedObject> objects = new ConcurrentHashMap<>();
    private final LabUsers users;
    private final Set<Fqdn> unknown;

    private volatile Fqdn cmsPool;
    private volatile FaultProfile faults;

    LabState(Scenario scenario, Catalog catalog) {
        this(scenario, new Expansion(scenario, catalog).inventory(), catalog, Set.of());
    }

    /**
     * A state whose deployment is {@code initial} as given, not expanded from the scenario; the
     * scenario says only which pools are deployed, which replicas start stale, and the faults; the
     * {@code unknown} servers did not answer the collection (see {@link #unknown(Pool)}).
     */
    LabState(Scenario scenario, Inventory initial, Catalog catalog, Set<Fqdn> unknown) {
        this.unknown = Set.copyOf(unknown);
        this.scenario = scenario;
        this.catalog = catalog;
        this.initial = initial;
        for (Pool p : initial.pools()) {
            pools.put(p.fqdn(), p);
            versions.put(p.fqdn(), catalog.version(p.version()));
        }
        for (Scenario.PoolSpec p : scenario.pools()) {
            states.put(Fqdn.of(p.fqdn()), p.deployed() ? PoolState.Up : PoolState.NotDeployed);
        }
        initial.sites().forEach(s -> sites.put(Site.key(s.name()), s));
        users = new LabUsers(initial);
        initial.objects().forEach(o -> objects.put(objectKey(o.kind(), o.identity()), o));
        cmsPool = initial.cmsPool();
        faults = scenario.faults();
    }

    private static String objectKey(HomedKind kind, String identity) {
        return kind.name() + "|" + SipAddress.key(identity);
    }

    // ---- reads ----

    FaultProfile faults() {
        return faults;
    }

    Optional<Pool> pool(Fqdn fqdn) {
        return fqdn == null ? Optional.empty() : Optional.ofNullable(pools.get(fqdn));
    }

    /**
     * The pool of that spelling (as a fault, an option or a SIP request names it), or empty. Never
     * throws: a spelling that is no FQDN at all, as a hostile SIP request may carry, names no pool.
     */
    Optional<Pool> pool(String fqdn) {
        return pools.values().stream().filter(p -> p.fqdn().is(fqdn)).findFirst();
    }

    List<Pool> pools() {
        return List.copyOf(pools.values());
    }

    ProductVersion version(Pool pool) {
        return versions.get(pool.fqdn());
    }

    Optional<Site> site(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(sites.get(Site.key(name)));
    }

    Optional<User> user(SipAddress sip) {
        return users.user(sip);
    }

    /** The user of that spelling (as a subject id or a SIP request names it), or empty. */
    Optional<User> user(String sip) {
        return SipAddress.looksLikeOne(sip) ? user(SipAddress.of(sip)) : Optional.empty();
    }

    Optional<ClientSignIn> client(SipAddress sip) {
        return users.client(sip);
    }

    int meetingCount(SipAddress organizer) {
        return users.meetingCount(organizer);
    }

    /** The user's verifiable state now, or empty for a user the lab does not have. */
    Optional<UserState> userState(SipAddress sip) {
        return users.state(sip, u -> pool(u.pool()).map(Pool::site).orElse(null));
    }

    Fqdn cmsPool() {
        return cmsPool;
    }

    List<String> partners() {
        return initial.partners();
    }

    Optional<Fqdn> home(Subject subject) {
        if (subject.kind() == HomedKind.User) {
            return user(subject.id()).map(User::pool);
        }
        if (subject.kind() == HomedKind.Cms) {
            return subject.namesTheCms() ? Optional.of(cmsPool) : Optional.empty();
        }
        return Optional.ofNullable(objects.get(objectKey(subject.kind(), subject.id())))
                .map(HomedObject::pool);
    }

    /** The state without faults: how the pool was built, deployed or decommissioned. */
    PoolState builtState(Pool pool) {
        return states.get(pool.fqdn());
    }

    /** The state as anyone would observe it: a deployed pool under a poolDown fault is Down. */
    PoolState state(Pool pool) {
        PoolState built = builtState(pool);
        return built == PoolState.Up && faults.isDown(pool.fqdn().text()) ? PoolState.Down : built;
    }

    List<ServiceState> services(Pool pool) {
        PoolState state = state(pool);
        FaultProfile f = faults;
        List<ServiceState> rows = new ArrayList<>();
        for (Fqdn server : pool.servers()) {
            for (String name : Services.of(pool.role())) {
                boolean running =
                        state == PoolState.Up && !f.isStopped(pool.fqdn().text(), server.text(), name);
                ServiceStatus status = running ? ServiceStatus.Running : ServiceStatus.Stopped;
                boolean silent = state == PoolState.Up && unknown.contains(server);
                rows.add(new ServiceState(server, pool.fqdn(), name, silent ? ServiceStatus.Unknown : status));
            }
        }
        return rows;
    }

    /** The pool's servers that did not answer the collection its twin was made from, in pool order. */
    List<Fqdn> unknown(Pool pool) {
        return pool.servers().stream().filter(unknown::contains).toList();
    }

    /** The servers of deployed pools that did not answer the collection, in pool order. */
    List<Fqdn> unknownServers() {
        return pools.values().stream()
                .filter(p -> state(p) == PoolState.Up)
                .flatMap(p -> unknown(p).stream())
                .toList();
    }

    /** The first service a fault stopped on the pool, for a probe's 503. */
    Optional<ServiceState> firstStopped(Pool pool) {
        FaultProfile f = faults;
        for (Fqdn server : pool.servers()) {
            for (String name : Services.of(pool.role())) {
                if (f.isStopped(pool.fqdn().text(), server.text(), name)) {
                    return Optional.of(new ServiceState(server, pool.fqdn(), name, ServiceStatus.Stopped));
                }
            }
        }
        return Optional.empty();
    }

    /** One replica per server of every pool that is in service; a down pool cannot report up to date. */
    List<Replica> replicas() {
        FaultProfile f = faults;
        Set<String> staleFromScenario = new HashSet<>();
        for (Scenario.PoolSpec p : scenario.pools()) {
            p.staleReplicas().forEach(s -> staleFromScenario.add(Fqdn.key(s)));
        }
        List<Replica> replicas = new ArrayList<>();
        for (Pool pool : pools.values()) {
            PoolState state = state(pool);
            if (!Services.holdsReplica(pool.role())
                    || state == PoolState.NotDeployed
                    || state == PoolState.Decommissioned) {
                continue;
            }
            for (Fqdn server : pool.servers()) {
                boolean upToDate =
                        state == PoolState.Up && !staleFromScenario.contains(server.key()) && !f.isStale(server.text());
                replicas.add(new Replica(server, upToDate));
            }
        }
        return replicas;
    }

    /** Everything that keeps a pool from being decommissioned, as phrases for one error line. */
    List<String> blockers(Pool pool) {
        List<String> why = new ArrayList<>();
        List<String> homed = new ArrayList<>();
        int userCount = 0;
        // Scenario order, so the users an error names are the same every time.
        for (User u : users.inScenarioOrder()) {
            if (pool.fqdn().equals(u.pool())) {
                userCount++;
                if (homed.size() < 3) {
                    homed.add(u.sipAddress().text());
                }
            }
        }
        if (userCount > 0) {
            why.add("it still homes " + userCount + " users (" + String.join(", ", homed)
                    + (userCount > 3 ? ", ..." : "") + ")");
        }
        Map<HomedKind, Integer> byKind = new EnumMap<>(HomedKind.class);
        for (HomedObject o : objects.values()) {
            if (pool.fqdn().equals(o.pool())) {
                byKind.merge(o.kind(), 1, Integer::sum);
            }
        }
        byKind.forEach((kind, n) -> why.add("it still homes " + n + " " + kind));
        if (pool.fqdn().equals(cmsPool)) {
            why.add("it hosts the Central Management Store");
        }
        for (Site s : sites.values()) {
            if (pool.fqdn().equals(s.federationRoute())) {
                why.add("site " + s.name() + "'s federation route points at it");
            }
            if (pool.fqdn().equals(s.xmppFederationRoute())) {
                why.add("site " + s.name() + "'s XMPP federation route points at it");
            }
        }
        for (Pool other : pools.values()) {
            if (pool.fqdn().equals(other.backup()) && builtState(other) != PoolState.Decommissioned) {
                why.add(other.fqdn() + " is paired with it as its backup pool");
            }
            if (pool.fqdn().equals(other.nextHop())
                    && !other.fqdn().equals(pool.fqdn())
                    && builtState(other) != PoolState.Decommissioned) {
                why.add(
                        other.role() == PoolRole.SurvivableBranch
                                ? "Survivable Branch Appliance " + other.fqdn() + " is associated with it"
                                : other.role() + " " + other.fqdn() + " uses it as next hop");
            }
        }
        return why;
    }

    /** Users and objects homed per pool, for the summary. */
    Map<Fqdn, int[]> homedCounts() {
        Map<Fqdn, int[]> counts = new LinkedHashMap<>();
        pools.keySet().forEach(k -> counts.put(k, new int[2]));
        users.all().forEach(u -> counts.computeIfAbsent(u.pool(), k -> new int[2])[0]++);
        objects.values().forEach(o -> counts.computeIfAbsent(o.pool(), k -> new int[2])[1]++);
        return counts;
    }

    int userCount() {
        return users.count();
    }

    List<Site> sites() {
        return initial.sites().stream().map(s -> sites.get(Site.key(s.name()))).toList();
    }

    /** The whole current state, in the scenario's order so that two snapshots compare equal. */
    Inventory snapshot() {
        LabUsers.Now now = users.now();
        List<HomedObject> os = initial.objects().stream()
                .map(o -> objects.get(objectKey(o.kind(), o.identity())))
                .toList();
        List<ServiceState> services = new ArrayList<>();
        pools.values().forEach(p -> services.addAll(services(p)));
        return new Inventory(
                sites(),
                List.copyOf(pools.values()),
                cmsPool,
                now.users(),
                os,
                now.meetings(),
                now.clients(),
                services,
                replicas(),
                initial.policies(),
                initial.partners(),
                serverVersions());
    }

    /** What the servers of the pools still in the topology report about their product. */
    private List<io.cutover.inventory.ServerVersion> serverVersions() {
        java.util.Set<Fqdn> servers = new java.util.HashSet<>();
        pools.values().forEach(p -> servers.addAll(p.servers()));
        return initial.serverVersions().stream()
                .filter(v -> servers.contains(v.computer()))
                .toList();
    }

    // ---- the one way state changes ----

    void apply(Mutation m) {
        if (m instanceof Mutation.Moved moved) {
            applyMove(moved);
        } else if (m instanceof Mutation.Routed r) {
            String k = Site.key(r.site());
            sites.put(
                    k,
                    sites.get(k)
                            .withFederationRoute(pool(r.edge()).map(Pool::fqdn).orElse(r.edge())));
        } else if (m instanceof Mutation.Repointed r) {
            pools.put(r.holder(), pools.get(r.holder()).withNextHop(r.to()));
        } else if (m instanceof Mutation.Repaired r) {
            pools.put(r.holder(), pools.get(r.holder()).withBackup(r.to()));
        } else if (m instanceof Mutation.XmppRouteDropped x) {
            String k = Site.key(x.site());
            sites.put(k, sites.get(k).withXmppFederationRoute(null));
        } else if (m instanceof Mutation.Deployed d) {
            states.put(d.pool(), PoolState.Up);
        } else if (m instanceof Mutation.Decommissioned d) {
            states.put(d.pool(), PoolState.Decommissioned);
        } else if (m instanceof Mutation.Injected i) {
            List<Fault> all = new ArrayList<>(faults.faults());
            all.addAll(i.faults());
            faults = new FaultProfile(i.seed() == null ? faults.seed() : i.seed(), all);
        } else if (m instanceof Mutation.Cleared) {
            faults = new FaultProfile(faults.seed(), List.of());
        } else if (m instanceof Mutation.PolicyDropped p) {
            users.dropPolicy(p.sipAddress(), p.policy());
        } else if (m instanceof Mutation.MeetingScheduled s) {
            users.schedule(s.meeting());
        } else if (m instanceof Mutation.ClientUpgraded c) {
            users.upgrade(c.client());
        } else if (m instanceof Mutation.UserDataLost l) {
            users.lose(l.sipAddress(), l.data());
        } else if (m instanceof Mutation.UserDataRestored r) {
            users.restore(r.before(), r.at());
        }
    }

    private void applyMove(Mutation.Moved m) {
        Fqdn target = pool(m.pool()).map(Pool::fqdn).orElse(m.pool());
        Subject s = m.subject();
        if (s.kind() == HomedKind.User) {
            users.move(s.sipAddress(), target);
        } else if (s.kind() == HomedKind.Cms) {
            cmsPool = target;
        } else {
            String k = objectKey(s.kind(), s.id());
            objects.put(k, objects.get(k).withPool(target));
        }
    }
}
