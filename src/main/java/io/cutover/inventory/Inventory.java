package io.cutover.inventory;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A whole deployment's state at one moment.
 *
 * @param cmsPool the FQDN of the pool hosting the active Central Management Store
 * @param partners federated partner domains
 * @param serverVersions what each server reports about its product (versions.csv); empty when
 *     nobody collected it, and then a 7.0 pool may be 2019 or Subscription Edition
 */
public record Inventory(
        List<Site> sites,
        List<Pool> pools,
        Fqdn cmsPool,
        List<User> users,
        List<HomedObject> objects,
        List<Meeting> meetings,
        List<ClientSignIn> clients,
        List<ServiceState> services,
        List<Replica> replicas,
        Policies policies,
        List<String> partners,
        List<ServerVersion> serverVersions) {

    public Inventory {
        serverVersions = List.copyOf(serverVersions);
        sites = List.copyOf(sites);
        pools = List.copyOf(pools);
        users = List.copyOf(users);
        objects = List.copyOf(objects);
        meetings = List.copyOf(meetings);
        clients = List.copyOf(clients);
        services = List.copyOf(services);
        replicas = List.copyOf(replicas);
        partners = List.copyOf(partners);
    }

    /** A deployment whose servers' versions were not collected. */
    public Inventory(
            List<Site> sites,
            List<Pool> pools,
            Fqdn cmsPool,
            List<User> users,
            List<HomedObject> objects,
            List<Meeting> meetings,
            List<ClientSignIn> clients,
            List<ServiceState> services,
            List<Replica> replicas,
            Policies policies,
            List<String> partners) {
        this(
                sites, pools, cmsPool, users, objects, meetings, clients, services, replicas, policies, partners,
                List.of());
    }

    /** A copy with these server versions. */
    public Inventory withServerVersions(List<ServerVersion> versions) {
        return new Inventory(
                sites, pools, cmsPool, users, objects, meetings, clients, services, replicas, policies, partners,
                versions);
    }

    /** The rows of versions.csv for the servers of {@code pool}. */
    public List<ServerVersion> serverVersionsOf(Pool pool) {
        return serverVersions.stream()
                .filter(v -> pool.servers().contains(v.computer()))
                .toList();
    }

    public Optional<Pool> findPool(Fqdn fqdn) {
        return pools.stream().filter(p -> p.fqdn().equals(fqdn)).findFirst();
    }

    /**
     * The pool of that spelling, or empty; a spelling that is no FQDN at all names no pool. For names
     * typed by an operator or read from a file not yet checked.
     */
    public Optional<Pool> findPool(String fqdn) {
        return pools.stream().filter(p -> p.fqdn().is(fqdn)).findFirst();
    }

    public Pool pool(Fqdn fqdn) {
        return pool(fqdn.text());
    }

    public Pool pool(String fqdn) {
        return findPool(fqdn)
                .orElseThrow(() -> new CutoverException(
                        ErrorCode.UNKNOWN_POOL,
                        "unknown pool '" + fqdn + "'; the topology has "
                                + pools.stream().map(Pool::fqdn).sorted().toList()));
    }

    public Optional<Site> findSite(String name) {
        return sites.stream().filter(s -> s.isNamed(name)).findFirst();
    }

    public Site site(String name) {
        return findSite(name)
                .orElseThrow(() -> new CutoverException(ErrorCode.UNKNOWN_SITE, "unknown site '" + name + "'"));
    }

    public List<Pool> poolsIn(String site) {
        return pools.stream()
                .filter(p -> Site.sameName(p.site(), site))
                .sorted(Comparator.comparing(Pool::fqdn))
                .toList();
    }

    public List<User> usersOn(Fqdn pool) {
        return users.stream().filter(u -> pool.equals(u.pool())).toList();
    }

    public List<HomedObject> objectsOn(Fqdn pool) {
        return objects.stream().filter(o -> pool.equals(o.pool())).toList();
    }

    /** Users by SIP address (the first of duplicates). */
    public Map<SipAddress, User> usersBySip() {
        return users.stream().collect(Collectors.toMap(User::sipAddress, Function.identity(), (a, b) -> a));
    }

    public Optional<User> findUser(SipAddress sip) {
        return users.stream().filter(u -> u.sipAddress().equals(sip)).findFirst();
    }

    /** The user of that spelling, or empty; for addresses typed by an operator, not yet checked. */
    public Optional<User> findUser(String sip) {
        return users.stream().filter(u -> u.sipAddress().is(sip)).findFirst();
    }

    /** A copy with one pool replaced (matched by FQDN) or added. */
    public Inventory withPool(Pool pool) {
        List<Pool> ps = new ArrayList<>(pools);
        ps.removeIf(p -> p.fqdn().equals(pool.fqdn()));
        ps.add(pool);
        return new Inventory(
                sites,
                ps,
                cmsPool,
                users,
                objects,
                meetings,
                clients,
                services,
                replicas,
                policies,
                partners,
                serverVersions);
    }
}
