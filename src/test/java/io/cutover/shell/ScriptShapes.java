package io.cutover.shell;

import io.cutover.catalog.Catalog;
import io.cutover.catalog.ProductVersion;
import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeKind;
import io.cutover.deployment.Subject;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.HomedObject;
import io.cutover.inventory.Inventory;
import io.cutover.lab.Lab;
import io.cutover.lab.Scenario;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Planner;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every shape of PowerShell the product writes: for each source and target version pair the
 * catalog allows, the runbooks of a plan that moves every kind of subject the source version can
 * home, and every statement the shell driver writes for the target's shell (each read, each
 * move of each kind, each probe kind, starting and stopping pools); and the collect script, for
 * every version. Each shape says the version whose shell runs it.
 */
final class ScriptShapes {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-03-05T10:00:00Z"), ZoneOffset.UTC);

    /** One script and the product version whose Management Shell runs it. */
    record Shape(String name, String version, String text) {}

    /** Test accounts with credential files, as a --shell-test-accounts file gives them. */
    static final TestAccounts.Account ACCOUNT1 = new TestAccounts.Account(
            io.cutover.inventory.SipAddress.of("sip:cstest1@contoso.com"), "C:\\cutover\\credentials\\cstest1.xml");

    static final TestAccounts.Account ACCOUNT2 = new TestAccounts.Account(
            io.cutover.inventory.SipAddress.of("sip:cstest2@contoso.com"), "C:\\cutover\\credentials\\cs'test2.xml");

    private ScriptShapes() {}

    static List<Shape> all() {
        List<Shape> shapes = new ArrayList<>();
        Catalog catalog = Catalog.bundled();
        for (ProductVersion from : catalog.versions()) {
            for (ProductVersion to : catalog.versions()) {
                if (catalog.mayMigrate(from, to)) {
                    shapes.addAll(runbooks(catalog, from, to));
                    shapes.addAll(driver(from, to));
                }
            }
        }
        for (ProductVersion v : catalog.versions()) {
            shapes.add(new Shape("collect.ps1", v.name(), io.cutover.folder.CollectScript.text()));
        }
        return shapes;
    }

    /** The step kinds the runbooks of {@link #all} cover, for a test that they cover every kind. */
    static Set<Class<?>> stepKinds() {
        Set<Class<?>> kinds = new LinkedHashSet<>();
        Catalog catalog = Catalog.bundled();
        for (ProductVersion from : catalog.versions()) {
            for (ProductVersion to : catalog.versions()) {
                if (catalog.mayMigrate(from, to)) {
                    plan(catalog, from, to).steps().forEach(s -> kinds.add(s.getClass()));
                }
            }
        }
        return kinds;
    }

    /**
     * One site: a legacy Front End pool of {@code from} homing users and one object of every kind
     * its shell can read, its Edge carrying federation and XMPP, the CMS; a target pool of {@code
     * to} not deployed yet, and its Edge.
     */
    static String scenario(ProductVersion from, ProductVersion to) {
        ShellVersion shell = new ShellVersion(from.name());
        StringBuilder objects = new StringBuilder();
        for (HomedKind k : HomedKind.values()) {
            if (k.isObject() && shell.has(Kinds.of(k).getter())) {
                objects.append(objects.length() == 0 ? "" : ", ")
                        .append(k.name())
                        .append(": 1");
            }
        }
        return """
                name: Shapes
                domain: contoso.com
                epoch: 2024-03-01T09:00:00Z
                policies: {Conferencing: Default, Voice: Default}
                sites:
                  - {name: Redmond, siteId: 1, federationRoute: edgeold.contoso.com, xmppFederationRoute: edgeold.contoso.com}
                pools:
                  - fqdn: poolold.contoso.com
                    site: Redmond
                    role: FrontEnd
                    version: %s
                    servers: 2
                    users:
                      count: 30
                      name: "user{n:02}"
                      test: 2
                      policies:
                        - {kind: Conferencing, policy: ConferencingLarge, every: 2}
                    objects: {%s}
                  - {fqdn: edgeold.contoso.com, site: Redmond, role: Edge, version: %s, servers: 1, nextHop: poolold.contoso.com}
                  - {fqdn: poolnew.contoso.com, site: Redmond, role: FrontEnd, version: %s, servers: 2, deployed: false}
                  - {fqdn: edgenew.contoso.com, site: Redmond, role: Edge, version: %s, servers: 1, nextHop: poolnew.contoso.com}
                cms: poolold.contoso.com
                partners: [fabrikam.com]
                """.formatted(from.name(), objects, from.name(), to.name(), to.name());
    }

    private static Inventory inventory(ProductVersion from, ProductVersion to) {
        try (Lab lab = Lab.inMemory(Scenario.parse(scenario(from, to), "shapes.yaml"), CLOCK)) {
            return lab.snapshot();
        }
    }

    static Plan plan(Catalog catalog, ProductVersion from, ProductVersion to) {
        return Planner.plan(inventory(from, to), catalog, PlanOptions.defaults(to.name()), "shapes.yaml");
    }

    /** Test accounts for both Front End pools of {@link #scenario}. */
    static final TestAccounts ACCOUNTS = new TestAccounts(java.util.Map.of(
            io.cutover.inventory.Fqdn.of("poolold.contoso.com"), new TestAccounts.Pair(ACCOUNT1, ACCOUNT2),
            io.cutover.inventory.Fqdn.of("poolnew.contoso.com"), new TestAccounts.Pair(ACCOUNT2, ACCOUNT1)));

    /** The runbooks of the pair's plan, without test accounts and with them. */
    private static List<Shape> runbooks(Catalog catalog, ProductVersion from, ProductVersion to) {
        Plan plan = plan(catalog, from, to);
        List<Shape> shapes = new ArrayList<>();
        for (TestAccounts a : List.of(TestAccounts.NONE, ACCOUNTS)) {
            String with = a.isEmpty() ? "" : " with test accounts";
            Runbook.of(plan, null, a)
                    .forEach(s -> shapes.add(new Shape(
                            from.shortName() + " -> " + to.shortName() + " runbook " + s.fileName() + with,
                            to.name(),
                            s.text())));
        }
        return shapes;
    }

    /** Every statement the driver writes against a deployment of this pair, in both encodings. */
    private static List<Shape> driver(ProductVersion from, ProductVersion to) {
        Inventory inv = inventory(from, to);
        List<String> all = new ArrayList<>();
        for (Encoding e : Encoding.values()) {
            Statements st = new Statements(e, new ShellVersion(to.name()));
            all.addAll(st.topology());
            st.objects(inv.pools()).forEach(o -> all.add(o.statement()));
            all.add(st.users());
            all.addAll(st.policiesReplicationPartners());
            io.cutover.inventory.SipAddress user = inv.users().get(0).sipAddress();
            all.add(st.home(Subject.user(user)));
            all.add(st.home(Subject.cms()));
            all.add(st.move(Subject.user(user), "poolnew.contoso.com", null));
            all.add(st.move(Subject.user(user), "poolnew.contoso.com", "edgenew.contoso.com"));
            for (HomedObject o : inv.objects()) {
                Subject s = new Subject(o.kind(), o.identity());
                all.add(st.home(s));
                all.add(st.move(s, "poolnew.contoso.com", null));
            }
            all.add(st.moveCms("poolnew-fe1.contoso.com", "poolnew.contoso.com"));
            all.add(st.route("Redmond", "edgenew.contoso.com"));
            all.add(st.pool("poolnew.contoso.com"));
            all.add(st.services("poolnew-fe1.contoso.com"));
            all.addAll(st.start("poolnew.contoso.com", List.of("poolnew-fe1.contoso.com", "poolnew-fe2.contoso.com")));
            all.add(st.stop("poolold-fe1.contoso.com"));
            all.add(st.replication());
            all.add(st.healthMonitoring());
            all.addAll(userData(st, user));
            String other = inv.users().get(1).sipAddress().text();
            for (ProbeKind k : ProbeKind.values()) {
                if (!st.version().has(k.cmdlet())) {
                    continue;
                }
                String to2 = k == ProbeKind.Federated || k == ProbeKind.Xmpp ? "fabrikam.com" : other;
                io.cutover.inventory.Fqdn via =
                        k == ProbeKind.External ? io.cutover.inventory.Fqdn.of("edgenew.contoso.com") : null;
                Probe probe = new Probe(k, user, k == ProbeKind.Registration ? null : to2, via);
                all.add(st.probe(probe, "edgenew.contoso.com"));
                if (k != ProbeKind.Federated) {
                    // The same probe run as a pool's two test accounts, with their stored credentials.
                    all.add(st.query(Statements.testAs(
                            probe, io.cutover.inventory.Fqdn.of("poolnew.contoso.com"), ACCOUNT1, ACCOUNT2)));
                }
            }
            all.add(st.credentialPresent(ACCOUNT1));
        }
        List<Shape> shapes = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            shapes.add(new Shape(
                    from.shortName() + " -> " + to.shortName() + " driver statement " + i, to.name(), all.get(i)));
        }
        return shapes;
    }

    /** Reading a user's data (with and without an export) and restoring every attribute of it. */
    private static List<String> userData(Statements st, io.cutover.inventory.SipAddress user) {
        ShellUserData data = new ShellUserData(st, java.nio.file.Path.of("C:\\cutover\\userdata"));
        List<String> all = new ArrayList<>(data.reads(user, null));
        java.nio.file.Path export = data.exportFile(user, 1);
        all.addAll(data.reads(user, data.exports() ? export : null));
        java.util.Map<io.cutover.inventory.PolicyKind, String> policies =
                new java.util.EnumMap<>(io.cutover.inventory.PolicyKind.class);
        for (io.cutover.inventory.PolicyKind k : io.cutover.inventory.PolicyKind.values()) {
            policies.put(k, "Site:Redmond " + k.column());
        }
        io.cutover.deployment.UserState before = new io.cutover.deployment.UserState(
                user, policies, policies, "tel:+14255550100", true, List.of("1234567"), null, 12, export.toString());
        all.addAll(data.restore(before));
        return all;
    }
}
