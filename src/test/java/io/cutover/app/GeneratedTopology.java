package io.cutover.app;

import io.cutover.catalog.Feature;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Policies;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServiceState;
import io.cutover.inventory.ServiceStatus;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.Site;
import io.cutover.inventory.SiteKind;
import io.cutover.inventory.UnansweredServer;
import io.cutover.inventory.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A random multi-site deployment, from a seed: central sites, each with legacy Front End pools of
 * mixed versions, usually a new pool, sometimes a legacy Edge (whose next hop is a legacy pool) and
 * a new one, federation routes on either, users of which some are disabled or retained, and now and
 * then a server that did not answer. Each pool kind is one {@link Kind}: another kind is one more
 * constant and its case in {@link #site}.
 */
record GeneratedTopology(Inventory inventory, List<UnansweredServer> unanswered) {
    static final String TARGET = "Skype for Business Server 2019";
    private static final List<String> LEGACY = List.of("Lync Server 2013", "Skype for Business Server 2015");

    /** The pool kinds the generator draws; each knows its role. */
    enum Kind {
        LEGACY_FRONT_END(PoolRole.FrontEnd),
        TARGET_FRONT_END(PoolRole.FrontEnd),
        LEGACY_EDGE(PoolRole.Edge),
        TARGET_EDGE(PoolRole.Edge);

        final PoolRole role;

        Kind(PoolRole role) {
            this.role = role;
        }
    }

    static GeneratedTopology of(long seed) {
        return new Builder(new Random(seed)).build();
    }

    private static final class Builder {
        private final Random r;
        private final List<Site> sites = new ArrayList<>();
        private final List<Pool> pools = new ArrayList<>();
        private final List<User> users = new ArrayList<>();
        private final List<ServiceState> services = new ArrayList<>();
        private final List<Replica> replicas = new ArrayList<>();
        private final List<UnansweredServer> unanswered = new ArrayList<>();
        private Fqdn cms;

        Builder(Random r) {
            this.r = r;
        }

        GeneratedTopology build() {
            int siteCount = 1 + r.nextInt(3);
            for (int s = 1; s <= siteCount; s++) {
                site("Site" + s, s);
            }
            Inventory inv = new Inventory(
                    sites,
                    pools,
                    cms,
                    users,
                    List.of(),
                    List.of(),
                    List.of(),
                    services,
                    replicas,
                    Policies.none(),
                    r.nextBoolean() ? List.of("fabrikam.com") : List.of());
            return new GeneratedTopology(inv, unanswered);
        }

        private void site(String name, int id) {
            String tag = "s" + id;
            List<Pool> legacy = new ArrayList<>();
            int legacyCount = 1 + r.nextInt(2);
            for (int k = 1; k <= legacyCount; k++) {
                legacy.add(pool(Kind.LEGACY_FRONT_END, "fe" + k + "-" + tag, name, null));
            }
            if (r.nextInt(10) > 0) {
                pool(Kind.TARGET_FRONT_END, "fe19-" + tag, name, null);
            }
            Fqdn route = null;
            if (r.nextBoolean()) {
                Pool edge = pool(
                        Kind.LEGACY_EDGE, "edge-" + tag, name, legacy.get(0).fqdn());
                route = r.nextBoolean() ? edge.fqdn() : null;
                if (r.nextInt(10) > 0) {
                    Pool next = pool(Kind.TARGET_EDGE, "edge19-" + tag, name, null);
                    route = route == null && r.nextBoolean() ? next.fqdn() : route;
                }
            }
            sites.add(new Site(name, id, SiteKind.CentralSite, route, null));
            if (cms == null) {
                cms = legacy.get(0).fqdn();
            }
        }

        private Pool pool(Kind kind, String name, String site, Fqdn nextHop) {
            Fqdn fqdn = Fqdn.of(name + ".contoso.com");
            String version = kind == Kind.TARGET_FRONT_END || kind == Kind.TARGET_EDGE
                    ? TARGET
                    : LEGACY.get(r.nextInt(LEGACY.size()));
            List<Fqdn> servers = new ArrayList<>();
            int serverCount = 1 + r.nextInt(2);
            for (int k = 1; k <= serverCount; k++) {
                servers.add(Fqdn.of(name + "-srv" + k + ".contoso.com"));
            }
            Pool p = new Pool(fqdn, site, kind.role, version, servers, kind.role == PoolRole.Edge ? nextHop : null);
            pools.add(p);
            for (Fqdn server : servers) {
                // Now and then a server does not answer the collection.
                if (r.nextInt(25) == 0) {
                    unanswered.add(new UnansweredServer(server.text(), UnansweredServer.SERVICES, "RPC unavailable"));
                } else {
                    services.add(new ServiceState(server, fqdn, "RTCSRV", ServiceStatus.Running));
                    replicas.add(new Replica(server, r.nextInt(30) > 0));
                }
            }
            if (kind == Kind.LEGACY_FRONT_END) {
                users(fqdn, name);
            }
            return p;
        }

        private void users(Fqdn pool, String name) {
            int count = r.nextInt(6);
            for (int k = 0; k < count; k++) {
                Set<Feature> features = r.nextInt(8) == 0 ? Set.of(Feature.PersistentChat) : Set.of();
                users.add(new User(
                        SipAddress.of("sip:" + name + "-u" + k + "@contoso.com"),
                        name + " " + k,
                        pool,
                        Map.of(),
                        features,
                        false,
                        r.nextInt(6) == 0,
                        null));
            }
        }
    }
}
