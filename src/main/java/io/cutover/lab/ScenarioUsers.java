package io.cutover.lab;

import static io.cutover.lab.ScenarioParser.MAX_USERS;
import static io.cutover.lab.ScenarioParser.POOL_FIELDS;
import static io.cutover.lab.ScenarioParser.USER_FIELDS;
import static io.cutover.lab.ScenarioPools.known;

import io.cutover.catalog.Feature;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.SipAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks a scenario's users: the users listed one by one, the rules a pool generates
 * its users by, the policy assignments (per user, or as a site's or the scenario's defaults), and
 * that no two users, listed or generated, share a SIP address. Errors are {@link Malformed} with
 * the line of the field.
 */
final class ScenarioUsers {
    private static final Pattern LOCAL_PART = Pattern.compile("[A-Za-z0-9._-]+");

    private final String where;

    ScenarioUsers(String where) {
        this.where = where;
    }

    Map<PolicyKind, String> policies(Fields f, String field) {
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

    Scenario.UserRule userRule(Fields f, String domain) {
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

    Scenario.UserSpec user(Fields f, Map<String, Scenario.PoolSpec> pools) {
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
                f.string("client", null),
                f.bool("disabled", false));
    }

    void checkUniqueSips(
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
}
