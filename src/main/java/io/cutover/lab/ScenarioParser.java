package io.cutover.lab;

import static io.cutover.lab.ScenarioPools.known;

import io.cutover.catalog.Catalog;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.Site;
import io.cutover.inventory.SiteKind;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks a scenario. Checks that need the whole file (a route naming a pool declared
 * further down) run after everything is read, but still report the line of the offending field.
 */
final class ScenarioParser {
    /** A bound on generation, so a typo of three zeros cannot exhaust the heap. */
    static final int MAX_USERS = 1_000_000;

    static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");
    private static final String[] SITE_FIELDS = {
        "name", "siteId", "kind", "federationRoute", "xmppFederationRoute", "policies"
    };
    static final String[] POOL_FIELDS = {
        "fqdn",
        "site",
        "role",
        "version",
        "servers",
        "nextHop",
        "deployed",
        "staleReplicas",
        "users",
        "objects",
        "build"
    };
    static final String[] USER_FIELDS = {
        "sip", "displayName", "pool", "test", "policies", "features", "meetings", "client", "disabled"
    };

    private final String where;
    private final ScenarioUsers userReader;
    private final ScenarioPools poolReader;

    ScenarioParser(String where, Catalog catalog) {
        this.where = where;
        this.userReader = new ScenarioUsers(where);
        this.poolReader = new ScenarioPools(where, catalog, userReader);
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
        Map<PolicyKind, String> policies = userReader.policies(top, "policies");

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
            pools.put(key, poolReader.pool(f, sites, serverLines, domain));
        }
        // Routes and next hops may name pools declared further down, so they are checked now, and
        // spelled as the pool is, so that comparisons elsewhere need not care about case.
        int index = 0;
        for (Map.Entry<String, Scenario.PoolSpec> e : pools.entrySet()) {
            Scenario.PoolSpec p = e.getValue();
            String hop = poolReader.nextHop(
                    Fields.of(poolNodes.get(index), Fields.index("pools", index), where, POOL_FIELDS), pools);
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
                    p.objects(),
                    p.build()));
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
                    poolReader.edgeRoute(f, "federationRoute", pools),
                    poolReader.edgeRoute(f, "xmppFederationRoute", pools),
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
            users.add(
                    userReader.user(Fields.of(userNodes.get(i), Fields.index("users", i), where, USER_FIELDS), pools));
        }
        userReader.checkUniqueSips(top, poolNodes, pools, users, domain);

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

    private Scenario.SiteSpec site(Fields f, Map<Integer, Integer> siteIdLines, Map<String, Scenario.SiteSpec> sites) {
        String name = f.name("name");
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
                userReader.policies(f, "policies"));
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
}
