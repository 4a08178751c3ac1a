package io.cutover.lab;

import io.cutover.catalog.Catalog;
import io.cutover.catalog.Feature;
import io.cutover.catalog.ProductVersion;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.Site;
import io.cutover.inventory.SiteKind;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads and checks a scenario. Checks that need the whole file (a route naming a pool declared
 * further down) run after everything is read, but still report the line of the offending field.
 */
final class ScenarioParser {
    /** A bound on generation, so a typo of three zeros cannot exhaust the heap. */
    static final int MAX_USERS = 1_000_000;

    static final int MAX_OBJECTS_PER_KIND = 100_000;
    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final String[] SITE_FIELDS = {
        "name", "siteId", "kind", "federationRoute", "xmppFederationRoute", "policies"
    };
    private static final String[] POOL_FIELDS = {
        "fqdn", "site", "role", "version", "servers", "nextHop", "deployed", "staleReplicas", "users", "objects"
    };
    private static final String[] USER_FIELDS = {
        "sip", "displayName", "pool", "test", "policies", "features", "meetings", "client"
    };

    private final String where;
    private final Catalog catalog;

    ScenarioParser(String where, Catalog catalog) {
        this.where = where;
        this.catalog = catalog;
    }

    Scenario parse(String text) {
        Fields top = Fields.of(
                Node.read(text, where),
                "",
                where,
                "name",
                "domain",
                "epoch",
                "policies",
                "sites",
                "pools",
                "cms",
                "partners",
                "users",
                "activity",
                "faults");
        String name = top.string("name", where);
        String domain = top.string("domain");
        if (!DOMAIN.matcher(domain).matches()) {
            throw top.error("domain", "'" + domain + "' is not a domain name");
        }
        Instant epoch = epoch(top);
        Map<PolicyKind, String> policies = policies(top, "policies");

        Map<String, Scenario.SiteSpec> sites = new LinkedHashMap<>();
        List<Node> siteNodes = top.list("sites");
        if (siteNodes.isEmpty()) {
            throw top.error("sites", "missing required field: a scenario needs at least one site");
        }
        Map<Integer, Integer> siteIdLines = new HashMap<>();
        for (int i = 0; i < siteNodes.size(); i++) {
            Scenario.SiteSpec s =
                    site(Fields.of(siteNodes.get(i), Fields.index("sites", i), where, SITE_FIELDS), siteIdLines, sites);
            sites.put(Site.key(s.name()), s);
        }

        Map<String, Scenario.PoolSpec> pools = new LinkedHashMap<>();
        Map<String, Integer> serverLines = new HashMap<>();
        List<Node> poolNodes = top.list("pools");
        if (poolNodes.isEmpty()) {
            throw top.error("pools", "missing required field: a scenario needs at least one pool");
        }
        Map<String, Integer> poolLines = new HashMap<>();
        for (int i = 0; i < poolNodes.size(); i++) {
            Fields f = Fields.of(poolNodes.get(i), Fields.index("pools", i), where, POOL_FIELDS);
            String key = Fqdn.key(f.string("fqdn"));
            Integer first = poolLines.putIfAbsent(key, f.line("fqdn"));
            if (first != null) {
                throw f.error("fqdn", "duplicate pool FQDN '" + f.string("fqdn") + "' (first on line " + first + ")");
            }
            pools.put(key, pool(f, sites, serverLines, domain));
        }
        // Routes and next hops may name pools declared further down, so they are checked now, and
        // spelled as the pool is, so that comparisons elsewhere need not care about case.
        int index = 0;
        for (Map.Entry<String, Scenario.PoolSpec> e : pools.entrySet()) {
            Scenario.PoolSpec p = e.getValue();
            String hop =
                    nextHop(Fields.of(poolNodes.get(index), Fields.index("pools", index), where, POOL_FIELDS), pools);
            e.setValue(new Scenario.PoolSpec(
                    p.fqdn(),
                    p.site(),
                    p.role(),
                    p.version(),
                    p.servers(),
                    hop,
                    p.deployed(),
                    p.staleReplicas(),
                    p.users(),
                    p.objects()));
            index++;
        }
        index = 0;
        for (Map.Entry<String, Scenario.SiteSpec> e : sites.entrySet()) {
            Scenario.SiteSpec s = e.getValue();
            Fields f = Fields.of(siteNodes.get(index), Fields.index("sites", index), where, SITE_FIELDS);
            e.setValue(new Scenario.SiteSpec(
                    s.name(),
                    s.siteId(),
                    s.kind(),
                    edgeRoute(f, "federationRoute", pools),
                    edgeRoute(f, "xmppFederationRoute", pools),
                    s.policies()));
            index++;
        }

        String cms = top.string("cms");
        Scenario.PoolSpec cmsPool = pools.get(Fqdn.key(cms));
        if (cmsPool == null) {
            throw top.error("cms", "no pool '" + cms + "' in the scenario; " + known(pools));
        }
        if (cmsPool.role() != PoolRole.FrontEnd || !cmsPool.deployed()) {
            throw top.error(
                    "cms",
                    "the CMS must live on a deployed FrontEnd pool; " + cms + " is "
                            + (cmsPool.deployed() ? "a " + cmsPool.role() + " pool" : "not deployed"));
        }

        List<String> partners = top.strings("partners");
        Set<String> seenPartners = new HashSet<>();
        for (String partner : partners) {
            if (!DOMAIN.matcher(partner).matches() || !seenPartners.add(Fqdn.key(partner))) {
                throw top.error("partners", "'" + partner + "' is not a domain name or is listed twice");
            }
        }

        List<Scenario.UserSpec> users = new ArrayList<>();
        List<Node> userNodes = top.list("users");
        for (int i = 0; i < userNodes.size(); i++) {
            users.add(user(Fields.of(userNodes.get(i), Fields.index("users", i), where, USER_FIELDS), pools));
        }
        checkUniqueSips(top, poolNodes, pools, users, domain);

        Scenario.Activity activity = Scenario.Activity.NONE;
        if (top.has("activity")) {
            activity = activity(Fields.of(
                    top.required("activity"),
                    "activity",
                    where,
                    "seed",
                    "newMeeting",
                    "clientUpgrade",
                    "upgradedClient"));
        }
        FaultProfile faults = FaultProfile.none();
        if (top.has("faults")) {
            faults = FaultProfile.read(
                    Fields.of(top.required("faults"), "faults", where, "seed", "inject"),
                    pools.keySet(),
                    serverLines.keySet());
        }
        return new Scenario(
                name,
                domain,
                epoch,
                policies,
                List.copyOf(sites.values()),
                List.copyOf(pools.values()),
                cmsPool.fqdn(),
                partners,
                users,
                activity,
                faults);
    }

    private Instant epoch(Fields top) {
        String text = top.string("epoch");
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw top.error("epoch", "expected a UTC time like 2024-03-01T09:00:00Z, found '" + text + "'");
        }
    }

    private Map<PolicyKind, String> policies(Fields f, String field) {
        Map<PolicyKind, String> policies = new EnumMap<>(PolicyKind.class);
        Node.MapNode map = f.mapping(field);
        map.entries().forEach((key, entry) -> {
            String path = Fields.join(f.path(field), key);
            PolicyKind kind = Fields.enumOf(
                    new Node.ScalarNode(entry.keyLine(), key, Node.Type.STRING), path, where, PolicyKind.class);
            policies.put(kind, Fields.text(entry.value(), path, where));
        });
        return policies;
    }

    private Scenario.SiteSpec site(Fields f, Map<Integer, Integer> siteIdLines, Map<String, Scenario.SiteSpec> sites) {
        String name = f.string("name");
        if (sites.containsKey(Site.key(name))) {
            throw f.error("name", "duplicate site '" + name + "'");
        }
        int siteId = f.integer("siteId", 1, 1_000_000);
        Integer first = siteIdLines.putIfAbsent(siteId, f.line("siteId"));
        if (first != null) {
            throw f.error("siteId", "duplicate siteId " + siteId + " (first on line " + first + ")");
        }
        return new Scenario.SiteSpec(
                name,
                siteId,
                f.enumValue("kind", SiteKind.class, SiteKind.CentralSite),
                f.string("federationRoute", null),
                f.string("xmppFederationRoute", null),
                policies(f, "policies"));
    }

    private String nextHop(Fields f, Map<String, Scenario.PoolSpec> pools) {
        if (!f.has("nextHop")) {
            return null;
        }
        String hop = f.string("nextHop");
        Scenario.PoolSpec p = pools.get(Fqdn.key(hop));
        if (p == null) {
            throw f.error("nextHop", "no pool '" + hop + "' in the scenario; " + known(pools));
        }
        if (!p.role().isRegistrar()) {
            throw f.error(
                    "nextHop",
                    "an Edge's next hop is a FrontEnd or Director pool; " + hop + " is a " + p.role() + " pool");
        }
        return p.fqdn();
    }

    private String edgeRoute(Fields f, String field, Map<String, Scenario.PoolSpec> pools) {
        if (!f.has(field)) {
            return null;
        }
        String edge = f.string(field);
        Scenario.PoolSpec p = pools.get(Fqdn.key(edge));
        if (p == null) {
            throw f.error(field, "no pool '" + edge + "' in the scenario; " + known(pools));
        }
        if (p.role() != PoolRole.Edge || !p.deployed()) {
            throw f.error(
                    field,
                    "a route must point at a deployed Edge pool; " + edge + " is "
                            + (p.role() != PoolRole.Edge ? "a " + p.role() + " pool" : "not deployed"));
        }
        return p.fqdn();
    }

    private Scenario.PoolSpec pool(
            Fields f, Map<String, Scenario.SiteSpec> sites, Map<String, Integer> serverLines, String domain) {
        String fqdn = f.string("fqdn");
        if (!DOMAIN.matcher(fqdn).matches()) {
            throw f.error("fqdn", "'" + fqdn + "' is not an FQDN");
        }
        String siteName = f.string("site");
        Scenario.SiteSpec site = sites.get(Site.key(siteName));
        if (site == null) {
            throw f.error(
                    "site",
                    "no site '" + siteName + "' in the scenario; sites: "
                            + sites.values().stream()
                                    .map(Scenario.SiteSpec::name)
                                    .collect(Collectors.joining(", ")));
        }
        PoolRole role = f.enumValue("role", PoolRole.class);
        String versionText = f.string("version");
        ProductVersion version = catalog.find(versionText)
                .orElseThrow(() -> f.error(
                        "version",
                        "unknown version '" + versionText + "'; known: "
                                + catalog.versions().stream()
                                        .map(ProductVersion::name)
                                        .collect(Collectors.joining(", "))));
        List<String> servers = servers(f, fqdn, role, serverLines);
        String nextHop = f.string("nextHop", null);
        if (nextHop != null && role != PoolRole.Edge) {
            throw f.error("nextHop", "only an Edge pool has a next hop; " + fqdn + " is a " + role + " pool");
        }
        boolean deployed = f.bool("deployed", true);
        List<String> stale = f.strings("staleReplicas");
        for (String s : stale) {
            if (servers.stream().noneMatch(m -> Fqdn.same(s, m))) {
                throw f.error(
                        "staleReplicas",
                        "'" + s + "' is not a server of " + fqdn + "; servers: " + String.join(", ", servers));
            }
        }
        Scenario.UserRule users = null;
        if (f.has("users")) {
            homes(f, "users", fqdn, role, deployed);
            users = userRule(
                    Fields.of(
                            f.required("users"),
                            f.path("users"),
                            where,
                            "count",
                            "name",
                            "displayName",
                            "test",
                            "policies",
                            "features",
                            "meetings",
                            "clients"),
                    domain);
        }
        Map<HomedKind, Integer> objects = new EnumMap<>(HomedKind.class);
        if (f.has("objects")) {
            homes(f, "objects", fqdn, role, deployed);
            f.mapping("objects").entries().forEach((key, entry) -> {
                String path = Fields.join(f.path("objects"), key);
                HomedKind kind = Fields.enumOf(
                        new Node.ScalarNode(entry.keyLine(), key, Node.Type.STRING), path, where, HomedKind.class);
                if (!kind.isObject()) {
                    throw Malformed.at(
                            where,
                            entry.keyLine(),
                            path,
                            kind + " is not an object kind; users go under users:, the CMS under cms:");
                }
                int max = kind == HomedKind.RgsConfiguration ? 1 : MAX_OBJECTS_PER_KIND;
                objects.put(kind, (int) Fields.number(entry.value(), path, where, 0, max));
            });
        }
        return new Scenario.PoolSpec(
                fqdn, site.name(), role, version.name(), servers, nextHop, deployed, stale, users, objects);
    }

    private void homes(Fields f, String field, String fqdn, PoolRole role, boolean deployed) {
        if (role != PoolRole.FrontEnd) {
            throw f.error(field, "only a FrontEnd pool homes users and objects; " + fqdn + " is a " + role + " pool");
        }
        if (!deployed) {
            throw f.error(field, fqdn + " is not deployed (deployed: false), so nothing can be homed on it yet");
        }
    }

    private List<String> servers(Fields f, String fqdn, PoolRole role, Map<String, Integer> serverLines) {
        Node node = f.required("servers");
        List<String> servers;
        if (node instanceof Node.ScalarNode) {
            int count = f.integer("servers", 1, 12);
            servers = Expansion.serverNames(fqdn, role, count);
        } else {
            servers = f.strings("servers");
            if (servers.isEmpty() || servers.size() > 12) {
                throw f.error("servers", "a pool has 1 to 12 servers, found " + servers.size());
            }
        }
        for (String s : servers) {
            Integer first = serverLines.putIfAbsent(Fqdn.key(s), f.line("servers"));
            if (first != null) {
                throw f.error("servers", "server '" + s + "' is already in a pool (line " + first + ")");
            }
        }
        return servers;
    }

    private Scenario.UserRule userRule(Fields f, String domain) {
        int count = f.integer("count", 0, MAX_USERS);
        String name = f.string("name");
        pattern(f, "name", name, count);
        String local = new NamePattern(name).apply(1);
        if (!LOCAL_PART.matcher(local).matches()) {
            throw f.error(
                    "name",
                    "'" + local + "@" + domain + "' is not a SIP address; use letters, digits, '.', '_' and '-'");
        }
        String displayName = f.string("displayName", name);
        pattern(f, "displayName", displayName, 1);
        int test = f.integer("test", 0, 0, count);

        List<Scenario.PolicyRule> policies = new ArrayList<>();
        List<Node> nodes = f.list("policies");
        for (int i = 0; i < nodes.size(); i++) {
            Fields r = Fields.of(
                    nodes.get(i),
                    Fields.index(f.path("policies"), i),
                    where,
                    "kind",
                    "policy",
                    "every",
                    "from",
                    "count");
            policies.add(new Scenario.PolicyRule(r.enumValue("kind", PolicyKind.class), r.string("policy"), pick(r)));
        }
        List<Scenario.FeatureRule> features = new ArrayList<>();
        nodes = f.list("features");
        for (int i = 0; i < nodes.size(); i++) {
            Fields r = Fields.of(
                    nodes.get(i), Fields.index(f.path("features"), i), where, "feature", "every", "from", "count");
            features.add(new Scenario.FeatureRule(r.enumValue("feature", Feature.class), pick(r)));
        }
        List<Scenario.MeetingRule> meetings = new ArrayList<>();
        nodes = f.list("meetings");
        for (int i = 0; i < nodes.size(); i++) {
            Fields r = Fields.of(
                    nodes.get(i), Fields.index(f.path("meetings"), i), where, "perUser", "every", "from", "count");
            meetings.add(new Scenario.MeetingRule(r.integer("perUser", 0, 100), pick(r)));
        }
        List<Scenario.ClientRule> clients = new ArrayList<>();
        nodes = f.list("clients");
        for (int i = 0; i < nodes.size(); i++) {
            Fields r = Fields.of(
                    nodes.get(i), Fields.index(f.path("clients"), i), where, "version", "every", "from", "count");
            clients.add(new Scenario.ClientRule(r.string("version"), pick(r)));
        }
        return new Scenario.UserRule(count, name, displayName, test, policies, features, meetings, clients);
    }

    private void pattern(Fields f, String field, String text, int count) {
        String problem = NamePattern.problem(text);
        if (problem != null) {
            throw f.error(field, problem);
        }
        if (count > 1 && !new NamePattern(text).numbered()) {
            throw f.error(field, "'" + text + "' has no {n}, so all " + count + " users would get the same name");
        }
    }

    private Scenario.Pick pick(Fields r) {
        return new Scenario.Pick(
                r.integer("every", 1, 1, MAX_USERS),
                r.integer("from", 1, 1, MAX_USERS),
                r.integer("count", Integer.MAX_VALUE, 0, Integer.MAX_VALUE));
    }

    private Scenario.UserSpec user(Fields f, Map<String, Scenario.PoolSpec> pools) {
        String sip = f.string("sip");
        if (!sip.startsWith("sip:") || !sip.contains("@")) {
            throw f.error("sip", "'" + sip + "' is not a SIP address like sip:alice@contoso.com");
        }
        String pool = f.string("pool");
        Scenario.PoolSpec p = pools.get(Fqdn.key(pool));
        if (p == null) {
            throw f.error("pool", "no pool '" + pool + "' in the scenario; " + known(pools));
        }
        if (p.role() != PoolRole.FrontEnd || !p.deployed()) {
            throw f.error(
                    "pool",
                    "users are homed on a deployed FrontEnd pool; " + pool + " is "
                            + (p.deployed() ? "a " + p.role() + " pool" : "not deployed"));
        }
        Set<Feature> features = EnumSet.noneOf(Feature.class);
        List<Node> nodes = f.list("features");
        for (int i = 0; i < nodes.size(); i++) {
            features.add(Fields.enumOf(nodes.get(i), Fields.index(f.path("features"), i), where, Feature.class));
        }
        return new Scenario.UserSpec(
                sip,
                f.string("displayName", sip.substring(4)),
                p.fqdn(),
                f.bool("test", false),
                policies(f, "policies"),
                features,
                f.integer("meetings", 0, 0, 100),
                f.string("client", null));
    }

    private void checkUniqueSips(
            Fields top,
            List<Node> poolNodes,
            Map<String, Scenario.PoolSpec> pools,
            List<Scenario.UserSpec> users,
            String domain) {
        long total = pools.values().stream()
                        .mapToLong(p -> p.users() == null ? 0 : p.users().count())
                        .sum()
                + users.size();
        if (total > MAX_USERS) {
            throw top.error("pools", "the scenario generates " + total + " users; the limit is " + MAX_USERS);
        }
        Map<String, Integer> seen = new HashMap<>((int) total * 2);
        int i = 0;
        for (Scenario.PoolSpec p : pools.values()) {
            Fields f = Fields.of(poolNodes.get(i), Fields.index("pools", i), where, POOL_FIELDS);
            i++;
            if (p.users() == null) {
                continue;
            }
            NamePattern pattern = new NamePattern(p.users().name());
            for (int n = 1; n <= p.users().count(); n++) {
                String sip = SipAddress.key(Expansion.sip(pattern, n, domain));
                Integer first = seen.putIfAbsent(sip, f.line("users"));
                if (first != null) {
                    throw f.error("users", "generates " + sip + ", which the users on line " + first + " generate too");
                }
            }
        }
        List<Node> userNodes = top.list("users");
        for (int u = 0; u < users.size(); u++) {
            Fields f = Fields.of(userNodes.get(u), Fields.index("users", u), where, USER_FIELDS);
            Integer first = seen.putIfAbsent(SipAddress.key(users.get(u).sip()), f.line("sip"));
            if (first != null) {
                throw f.error("sip", "duplicate user " + users.get(u).sip() + " (also on line " + first + ")");
            }
        }
    }

    private Scenario.Activity activity(Fields f) {
        double clientUpgrade = f.fraction("clientUpgrade", 0);
        String upgraded = f.string("upgradedClient", null);
        if (clientUpgrade > 0 && upgraded == null) {
            throw Malformed.at(
                    where,
                    f.line(),
                    f.path("upgradedClient"),
                    "missing required field: the client moved users upgrade to");
        }
        return new Scenario.Activity(f.longValue("seed", 0), f.fraction("newMeeting", 0), clientUpgrade, upgraded);
    }

    private static String known(Map<String, Scenario.PoolSpec> pools) {
        return "pools: " + pools.values().stream().map(Scenario.PoolSpec::fqdn).collect(Collectors.joining(", "));
    }
}
