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
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A random multi-site deployment, from a seed, with what real ones have: central sites with legacy
 * Front End pools of mixed versions, usually a new pool, sometimes a legacy Edge (whose next hop is
 * a legacy pool) and a new one (now and then installed but never started), federation and XMPP
 * federation routes through either; Directors, Mediation, Persistent Chat, trusted application,
 * Video Interop, Office Web Apps and SQL store pools depending on a Front End pool; branch sites
 * with a Survivable Branch Appliance or Server associated with a central pool and homing users;
 * backup pairings between pools of one version; users of which some are disabled, some retained
 * (Persistent Chat, XMPP), and some homed online or on no pool at all; and now and then a server
 * that did not answer. Each pool kind is one {@link Kind}.
 *
 * @param unhomed users.csv's users homed on no on-premises pool (online, or never assigned)
 */
record GeneratedTopology(Inventory inventory, List<UnansweredServer> unanswered, List<User> unhomed) {
    static final String TARGET = "Skype for Business Server 2019";
    private static final List<String> LEGACY =
            List.of("Lync Server 2013", "Skype for Business Server 2015", "Skype for Business Server 2015");

    /** The pool kinds the generator draws; each knows its role and the service it reports. */
    enum Kind {
        LEGACY_FRONT_END(PoolRole.FrontEnd, "RTCSRV"),
        TARGET_FRONT_END(PoolRole.FrontEnd, "RTCSRV"),
        LEGACY_EDGE(PoolRole.Edge, "RTCSRV"),
        TARGET_EDGE(PoolRole.Edge, "RTCSRV"),
        DIRECTOR(PoolRole.Director, "RTCSRV"),
        MEDIATION(PoolRole.Mediation, "RTCMEDSRV"),
        PERSISTENT_CHAT(PoolRole.PersistentChat, "RTCCHAT"),
        TRUSTED_APPLICATION(PoolRole.TrustedApplication, "RTCREPLICA"),
        VIDEO_INTEROP(PoolRole.VideoInterop, "RTCREPLICA"),
        OFFICE_WEB_APPS(PoolRole.OfficeWebApps, null),
        SQL_STORE(PoolRole.SqlStore, null),
        BRANCH(PoolRole.SurvivableBranch, "RTCSRV");

        final PoolRole role;
        /** The service its servers report, or null for servers that run no Lync service. */
        final String service;

        Kind(PoolRole role, String service) {
            this.role = role;
            this.service = service;
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
        private final List<User> unhomed = new ArrayList<>();
        private final List<ServiceState> services = new ArrayList<>();
        private final List<Replica> replicas = new ArrayList<>();
        private final List<UnansweredServer> unanswered = new ArrayList<>();
        private final List<Pool> centralFrontEnds = new ArrayList<>();
        private Fqdn cms;

        Builder(Random r) {
            this.r = r;
        }

        GeneratedTopology build() {
            int siteCount = 1 + r.nextInt(3);
            for (int s = 1; s <= siteCount; s++) {
                site("Site" + s, s);
            }
            int branches = r.nextInt(3);
            for (int b = 1; b <= branches; b++) {
                branch("Branch" + b, siteCount + b);
            }
            pair();
            online();
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
            return new GeneratedTopology(inv, unanswered, unhomed);
        }

        private void site(String name, int id) {
            String tag = "s" + id;
            List<Pool> legacy = new ArrayList<>();
            int legacyCount = 1 + r.nextInt(2);
            for (int k = 1; k <= legacyCount; k++) {
                legacy.add(pool(Kind.LEGACY_FRONT_END, "fe" + k + "-" + tag, name, null));
            }
            centralFrontEnds.addAll(legacy);
            if (r.nextInt(10) > 0) {
                centralFrontEnds.add(pool(Kind.TARGET_FRONT_END, "fe19-" + tag, name, null));
            }
            Fqdn route = null;
            Fqdn xmpp = null;
            if (r.nextBoolean()) {
                Pool edge = pool(
                        Kind.LEGACY_EDGE, "edge-" + tag, name, legacy.get(0).fqdn());
                route = r.nextBoolean() ? edge.fqdn() : null;
                xmpp = r.nextInt(3) == 0 ? edge.fqdn() : null;
                if (r.nextInt(10) > 0) {
                    Pool next = pool(Kind.TARGET_EDGE, "edge19-" + tag, name, null);
                    route = route == null && r.nextBoolean() ? next.fqdn() : route;
                }
            }
            others(name, tag, legacy);
            sites.add(new Site(name, id, SiteKind.CentralSite, route, xmpp));
            if (cms == null) {
                cms = legacy.get(0).fqdn();
            }
        }

        /** The pools of other kinds a central site may have, each depending on one of its legacy pools. */
        private void others(String site, String tag, List<Pool> legacy) {
            List<Kind> dependent = List.of(
                    Kind.DIRECTOR, Kind.MEDIATION, Kind.PERSISTENT_CHAT, Kind.TRUSTED_APPLICATION, Kind.VIDEO_INTEROP);
            for (Kind k : dependent) {
                if (r.nextInt(5) == 0) {
                    Fqdn hop = legacy.get(r.nextInt(legacy.size())).fqdn();
                    pool(k, k.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-" + tag, site, hop);
                }
            }
            if (r.nextInt(5) == 0) {
                pool(Kind.OFFICE_WEB_APPS, "owa-" + tag, site, null);
            }
            if (r.nextInt(5) == 0) {
                pool(Kind.SQL_STORE, "sql-" + tag, site, null);
            }
        }

        /** A branch site: one Survivable Branch Appliance or Server, associated with a central pool. */
        private void branch(String name, int id) {
            Pool central = centralFrontEnds.get(r.nextInt(centralFrontEnds.size()));
            pool(Kind.BRANCH, "sba-b" + id, name, central.fqdn());
            sites.add(new Site(name, id, SiteKind.BranchSite, null, null));
        }

        /** Now and then two legacy Front End pools of one version back each other up. */
        private void pair() {
            if (r.nextInt(3) != 0) {
                return;
            }
            List<Pool> legacy = pools.stream()
                    .filter(p -> p.role() == PoolRole.FrontEnd && !p.version().equals(TARGET))
                    .toList();
            for (Pool a : legacy) {
                for (Pool b : legacy) {
                    if (a != b && a.version().equals(b.version()) && a.backup() == null && b.backup() == null) {
                        replace(a.withBackup(b.fqdn()));
                        replace(b.withBackup(a.fqdn()));
                        return;
                    }
                }
            }
        }

        private void replace(Pool p) {
            pools.replaceAll(x -> x.fqdn().equals(p.fqdn()) ? p : x);
        }

        /** Users listed by Get-CsUser with no RegistrarPool: online in a hybrid deployment, or unassigned. */
        private void online() {
            int count = r.nextInt(4);
            for (int k = 0; k < count; k++) {
                boolean hybrid = r.nextBoolean();
                unhomed.add(new User(
                        SipAddress.of("sip:online-u" + k + "@contoso.com"),
                        "Online " + k,
                        null,
                        Map.of(),
                        Set.of(),
                        false,
                        r.nextInt(5) == 0,
                        hybrid ? "sipfed.online.lync.com" : "SRV:"));
            }
        }

        private Pool pool(Kind kind, String name, String site, Fqdn nextHop) {
            Fqdn fqdn = Fqdn.of(name + ".contoso.com");
            Pool p = new Pool(fqdn, site, kind.role, version(kind), servers(name), nextHop);
            pools.add(p);
            // A new Edge now and then is in the topology, installed, but never started.
            boolean started = kind != Kind.TARGET_EDGE || r.nextInt(6) > 0;
            for (Fqdn server : p.servers()) {
                // Now and then a server does not answer the collection.
                if (r.nextInt(60) == 0) {
                    unanswered.add(new UnansweredServer(server.text(), UnansweredServer.SERVICES, "RPC unavailable"));
                } else if (kind.service != null && started) {
                    services.add(new ServiceState(server, fqdn, kind.service, ServiceStatus.Running));
                    replicas.add(new Replica(server, r.nextInt(80) > 0));
                }
            }
            if (kind == Kind.LEGACY_FRONT_END || kind == Kind.BRANCH) {
                users(fqdn, name);
            }
            return p;
        }

        private String version(Kind kind) {
            return switch (kind) {
                case TARGET_FRONT_END, TARGET_EDGE -> TARGET;
                // Video Interop Server came with Skype for Business Server 2015.
                case VIDEO_INTEROP -> r.nextBoolean() ? "Skype for Business Server 2015" : TARGET;
                // A branch appliance or a Director may already be of the new version.
                case BRANCH, DIRECTOR -> r.nextInt(4) == 0 ? TARGET : legacy();
                default -> legacy();
            };
        }

        private String legacy() {
            // Now and then a Lync Server 2010 pool, which no plan moves to the target in one hop.
            return r.nextInt(60) == 0 ? "Lync Server 2010" : LEGACY.get(r.nextInt(LEGACY.size()));
        }

        private List<Fqdn> servers(String name) {
            List<Fqdn> servers = new ArrayList<>();
            int serverCount = 1 + r.nextInt(2);
            for (int k = 1; k <= serverCount; k++) {
                servers.add(Fqdn.of(name + "-srv" + k + ".contoso.com"));
            }
            return servers;
        }

        private void users(Fqdn pool, String name) {
            int count = r.nextInt(6);
            for (int k = 0; k < count; k++) {
                Set<Feature> features = EnumSet.noneOf(Feature.class);
                if (r.nextInt(8) == 0) {
                    features.add(Feature.PersistentChat);
                }
                if (r.nextInt(10) == 0) {
                    features.add(Feature.Xmpp);
                }
                users.add(new User(
                        SipAddress.of("sip:" + name + "-u" + k + "@contoso.com"),
                        name + " " + k,
                        pool,
                        Map.of(),
                        features,
                        false,
                        r.nextInt(6) == 0,
                        "SRV:"));
            }
        }
    }
}
