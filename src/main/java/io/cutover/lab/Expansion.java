package io.cutover.lab;

import io.cutover.catalog.Catalog;
import io.cutover.catalog.Feature;
import io.cutover.catalog.ProductVersion;
import io.cutover.inventory.ClientSignIn;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.HomedObject;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Meeting;
import io.cutover.inventory.Policies;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServerVersion;
import io.cutover.inventory.ServiceState;
import io.cutover.inventory.ServiceStatus;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.Site;
import io.cutover.inventory.User;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a scenario into the inventory it describes. Deterministic by construction: every generated
 * value is a function of the scenario text alone (times derive from its epoch, identifiers from
 * hashes of SIP addresses), so the same scenario always gives the same inventory.
 */
final class Expansion {
    private static final long MEETING_AGE_MINUTES = Duration.ofDays(90).toMinutes();
    private static final long SIGN_IN_AGE_MINUTES = Duration.ofDays(7).toMinutes();

    private final Scenario scenario;
    private final Catalog catalog;

    Expansion(Scenario scenario, Catalog catalog) {
        this.scenario = scenario;
        this.catalog = catalog;
    }

    Inventory inventory() {
        List<Site> sites = new ArrayList<>();
        Map<String, Map<PolicyKind, String>> bySite = new LinkedHashMap<>();
        for (Scenario.SiteSpec s : scenario.sites()) {
            sites.add(
                    new Site(s.name(), s.siteId(), s.kind(), fqdn(s.federationRoute()), fqdn(s.xmppFederationRoute())));
            if (!s.policies().isEmpty()) {
                bySite.put(s.name(), s.policies());
            }
        }
        List<Pool> pools = new ArrayList<>();
        List<ServiceState> services = new ArrayList<>();
        List<Replica> replicas = new ArrayList<>();
        List<User> users = new ArrayList<>();
        List<HomedObject> objects = new ArrayList<>();
        List<Meeting> meetings = new ArrayList<>();
        List<ClientSignIn> clients = new ArrayList<>();
        List<ServerVersion> serverVersions = new ArrayList<>();
        int[] directoryIds = {0};
        for (Scenario.PoolSpec p : scenario.pools()) {
            Fqdn fqdn = Fqdn.of(p.fqdn());
            List<Fqdn> servers = p.servers().stream().map(Fqdn::of).toList();
            pools.add(new Pool(
                    fqdn, p.site(), p.role(), catalog.version(p.version()).name(), servers, fqdn(p.nextHop())));
            ProductVersion version = catalog.version(p.version());
            String build = p.build() != null ? p.build() : version.firstBuild().toString();
            for (Fqdn server : servers) {
                // What Get-CsServerVersion prints on each server: the lab's servers always answer.
                serverVersions.add(new ServerVersion(server, version.name(), build, "Get-CsServerVersion"));
                for (String name : Services.of(p.role())) {
                    services.add(new ServiceState(
                            server, fqdn, name, p.deployed() ? ServiceStatus.Running : ServiceStatus.Stopped));
                }
                if (p.deployed() && Services.holdsReplica(p.role())) {
                    replicas.add(new Replica(server, p.staleReplicas().stream().noneMatch(server::is)));
                }
            }
            if (p.users() != null) {
                generateUsers(p, users, meetings, clients);
            }
            p.objects().forEach((kind, count) -> {
                for (int n = 1; n <= count; n++) {
                    objects.add(
                            object(kind, p.fqdn(), n, kind == HomedKind.ConferenceDirectory ? ++directoryIds[0] : n));
                }
            });
        }
        for (Scenario.UserSpec u : scenario.users()) {
            users.add(new User(
                            SipAddress.of(u.sip()),
                            u.displayName(),
                            fqdn(u.pool()),
                            u.policies(),
                            u.features(),
                            u.test())
                    .withDisabled(u.disabled()));
            addMeetings(u.sip(), u.pool(), u.meetings(), u.client(), meetings);
            if (u.client() != null) {
                clients.add(signIn(u.sip(), u.client()));
            }
        }
        return new Inventory(
                sites,
                pools,
                fqdn(scenario.cms()),
                users,
                objects,
                meetings,
                clients,
                services,
                replicas,
                new Policies(scenario.policies(), bySite),
                scenario.partners(),
                serverVersions);
    }

    private void generateUsers(
            Scenario.PoolSpec p, List<User> users, List<Meeting> meetings, List<ClientSignIn> clients) {
        Scenario.UserRule rule = p.users();
        NamePattern name = new NamePattern(rule.name());
        NamePattern displayName = new NamePattern(rule.displayName());
        for (int n = 1; n <= rule.count(); n++) {
            String sip = sip(name, n, scenario.domain());
            Map<PolicyKind, String> policies = new EnumMap<>(PolicyKind.class);
            for (Scenario.PolicyRule r : rule.policies()) {
                if (r.pick().selects(n)) {
                    policies.put(r.kind(), r.policy());
                }
            }
            Set<Feature> features = EnumSet.noneOf(Feature.class);
            for (Scenario.FeatureRule r : rule.features()) {
                if (r.pick().selects(n)) {
                    features.add(r.feature());
                }
            }
            String client = null;
            for (Scenario.ClientRule r : rule.clients()) {
                if (r.pick().selects(n)) {
                    client = r.version();
                }
            }
            int meetingCount = 0;
            for (Scenario.MeetingRule r : rule.meetings()) {
                if (r.pick().selects(n)) {
                    meetingCount += r.perUser();
                }
            }
            users.add(new User(
                    SipAddress.of(sip), displayName.apply(n), Fqdn.of(p.fqdn()), policies, features, n <= rule.test()));
            addMeetings(sip, p.fqdn(), meetingCount, client, meetings);
            if (client != null) {
                clients.add(signIn(sip, client));
            }
        }
    }

    private void addMeetings(String sip, String pool, int count, String client, List<Meeting> meetings) {
        for (int k = 1; k <= count; k++) {
            long h = Chance.hash(0, sip, k);
            Instant created = scenario.epoch().minus(Duration.ofMinutes(Math.floorMod(h, MEETING_AGE_MINUTES)));
            meetings.add(new Meeting(SipAddress.of(sip), conferenceId(sip, k), fqdn(pool), created, client));
        }
    }

    private ClientSignIn signIn(String sip, String client) {
        long h = Chance.hash(1, sip, 0);
        return new ClientSignIn(
                SipAddress.of(sip),
                client,
                scenario.epoch().minus(Duration.ofMinutes(Math.floorMod(h, SIGN_IN_AGE_MINUTES))));
    }

    /** Eight characters like a real conference ID; unique per organizer, as the real ones are. */
    static String conferenceId(String sip, int k) {
        String id =
                Long.toString(Chance.hash(2, SipAddress.key(sip), k) >>> 1, 36).toUpperCase(Locale.ROOT);
        return (id + "00000000").substring(0, 8);
    }

    private HomedObject object(HomedKind kind, String pool, int n, int directoryId) {
        String label = pool.substring(0, pool.indexOf('.'));
        String num = String.format(Locale.ROOT, "%03d", n);
        String domain = scenario.domain();
        return switch (kind) {
            case CommonAreaPhone -> contact(kind, "cap", label, num, "Lobby phone", pool, domain);
            case AnalogDevice -> contact(kind, "analog", label, num, "Analog device", pool, domain);
            case ExUmContact -> contact(kind, "exum", label, num, "Exchange UM auto attendant", pool, domain);
            case MeetingRoom -> contact(kind, "room", label, num, "Meeting room", pool, domain);
            case ThirdPartyVideoSystem -> contact(kind, "vtc", label, num, "Video system", pool, domain);
            case ApplicationEndpoint -> contact(kind, "app", label, num, "Trusted application", pool, domain);
            case DialInAccessNumber -> contact(kind, "dialin", label, num, "Dial-in access number", pool, domain);
            case RgsContact -> contact(kind, "rgs", label, num, "Response group", pool, domain);
            // Conference directory identities are small integers, unique across the topology.
            case ConferenceDirectory ->
                new HomedObject(
                        kind,
                        Integer.toString(directoryId),
                        "Conference directory " + directoryId + " (" + label + ")",
                        Fqdn.of(pool));
            case CallParkOrbit ->
                new HomedObject(
                        kind, label + " orbit " + num, "Call Park orbit " + num + " (" + label + ")", Fqdn.of(pool));
            case RgsConfiguration ->
                new HomedObject(
                        kind,
                        "service:ApplicationServer:" + pool,
                        "Response Group configuration (" + label + ")",
                        Fqdn.of(pool));
            case User, Cms -> throw new IllegalArgumentException(kind + " is not an object kind");
        };
    }

    private static HomedObject contact(
            HomedKind kind, String prefix, String label, String num, String what, String pool, String domain) {
        return new HomedObject(
                kind,
                "sip:" + prefix + "-" + label + "-" + num + "@" + domain,
                what + " " + num + " (" + label + ")",
                Fqdn.of(pool));
    }

    private static Fqdn fqdn(String text) {
        return text == null ? null : Fqdn.of(text);
    }

    static String sip(NamePattern name, int n, String domain) {
        return "sip:" + name.apply(n) + "@" + domain;
    }

    /** Machine names for a pool given as a count: lyncpool01.contoso.com, 3 → lyncpool01-fe1.contoso.com... */
    static List<String> serverNames(String fqdn, PoolRole role, int count) {
        String abbreviation = switch (role) {
            case FrontEnd -> "fe";
            case Director -> "dir";
            case Edge -> "edge";
            case Mediation -> "med";
            case PersistentChat -> "pchat";
            case SqlStore -> "sql";
            case Other -> "srv";
        };
        int dot = fqdn.indexOf('.');
        List<String> names = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            names.add(fqdn.substring(0, dot) + "-" + abbreviation + i + fqdn.substring(dot));
        }
        return names;
    }
}
