package io.cutover.lab;

import static io.cutover.lab.ScenarioParser.DOMAIN;

import io.cutover.catalog.Build;
import io.cutover.catalog.Catalog;
import io.cutover.catalog.ProductVersion;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.Site;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads and checks a scenario's pools: FQDN, site, role, product version, servers, what is homed
 * on them, and the pool references (an Edge's next hop, a site's federation routes) that can only
 * be checked once every pool is read. Errors are {@link Malformed} with the line of the field.
 */
final class ScenarioPools {
    static final int MAX_OBJECTS_PER_KIND = 100_000;

    private final String where;
    private final Catalog catalog;
    private final ScenarioUsers userReader;

    ScenarioPools(String where, Catalog catalog, ScenarioUsers userReader) {
        this.where = where;
        this.catalog = catalog;
        this.userReader = userReader;
    }

    String nextHop(Fields f, Map<String, Scenario.PoolSpec> pools) {
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

    String edgeRoute(Fields f, String field, Map<String, Scenario.PoolSpec> pools) {
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

    Scenario.PoolSpec pool(
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
            users = userReader.userRule(
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
        String build = f.string("build", null);
        if (build != null
                && Build.find(build).filter(b -> b.inLine(version.build())).isEmpty()) {
            throw f.error(
                    "build",
                    "is '" + build + "'; expected a build of " + version.name() + " (" + version.build() + ".x.y)");
        }
        return new Scenario.PoolSpec(
                fqdn, site.name(), role, version.name(), servers, nextHop, deployed, stale, users, objects, build);
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

    static String known(Map<String, Scenario.PoolSpec> pools) {
        return "pools: " + pools.values().stream().map(Scenario.PoolSpec::fqdn).collect(Collectors.joining(", "));
    }
}
