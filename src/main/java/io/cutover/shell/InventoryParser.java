package io.cutover.shell;

import static io.cutover.shell.ShellErrors.failure;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.catalog.Catalog;
import io.cutover.catalog.ProductVersion;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.HomedObject;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Policies;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServiceStatus;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.Site;
import io.cutover.inventory.SiteKind;
import io.cutover.inventory.User;
import io.cutover.shell.ShellDeployment.Answer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Reads the shell's JSON answers into the inventory: the topology (sites, pools, the CMS), users, homed objects, policies. */
final class InventoryParser {
    private final Catalog catalog;

    InventoryParser(Catalog catalog) {
        this.catalog = catalog;
    }

    record Topology(List<Site> sites, List<Pool> pools, Fqdn cmsPool) {
        Optional<Pool> pool(Fqdn fqdn) {
            return pools.stream().filter(p -> p.fqdn().equals(fqdn)).findFirst();
        }
    }

    Topology topology(List<Answer> a) {
        for (int i = 0; i < 3; i++) {
            if (!a.get(i).ok()) {
                throw failure("reading the topology", a.get(i).error());
            }
        }
        List<Site> sites = new ArrayList<>();
        for (JsonNode s : a.get(0).data()) {
            String kind = text(s, "SiteType", text(s, "Kind", "CentralSite"));
            sites.add(new Site(
                    strip(text(s, "Identity", ""), "Site:"),
                    s.path("SiteId").asInt(0),
                    kind.toLowerCase(Locale.ROOT).startsWith("branch") ? SiteKind.BranchSite : SiteKind.CentralSite,
                    fqdn(strip(text(s, "FederationRoute", null), "EdgeServer:")),
                    fqdn(strip(text(s, "XmppFederationRoute", null), "EdgeServer:"))));
        }
        Map<String, Set<String>> roles = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, Integer> versions = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, String> nextHops = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        String cms = null;
        for (JsonNode s : a.get(2).data()) {
            String pool = text(s, "PoolFqdn", null);
            String role = text(s, "Role", "");
            if (pool == null) {
                continue;
            }
            roles.computeIfAbsent(pool, k -> new LinkedHashSet<>()).add(role);
            if (s.has("Version") && s.get("Version").canConvertToInt()) {
                versions.merge(pool, s.get("Version").asInt(), Math::max);
            }
            if (role.equalsIgnoreCase("EdgeServer") && text(s, "Registrar", null) != null) {
                nextHops.put(pool, strip(text(s, "Registrar", null), "Registrar:"));
            }
            if (role.equalsIgnoreCase("CentralManagement") && s.path("Active").asBoolean(false)) {
                cms = pool;
            }
        }
        List<Pool> pools = new ArrayList<>();
        for (JsonNode p : a.get(1).data()) {
            String fqdn = text(p, "Identity", text(p, "Fqdn", null));
            if (fqdn == null) {
                continue;
            }
            List<Fqdn> servers = new ArrayList<>();
            p.path("Computers").forEach(c -> servers.add(Fqdn.of(c.asText())));
            Set<String> r = roles.getOrDefault(fqdn, Set.of());
            String version = Optional.ofNullable(versions.get(fqdn))
                    .flatMap(catalog::byServiceVersion)
                    .map(ProductVersion::name)
                    .orElse("unknown");
            pools.add(new Pool(
                    Fqdn.of(fqdn),
                    strip(text(p, "Site", ""), "Site:"),
                    role(r),
                    version,
                    servers,
                    fqdn(nextHops.get(fqdn))));
        }
        return new Topology(List.copyOf(sites), List.copyOf(pools), fqdn(cms));
    }

    static PoolRole role(Set<String> services) {
        Set<String> r = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        r.addAll(services);
        if (r.contains("Registrar") && r.contains("UserServer")) {
            return PoolRole.FrontEnd;
        } else if (r.contains("Registrar")) {
            return PoolRole.Director;
        } else if (r.contains("EdgeServer")) {
            return PoolRole.Edge;
        } else if (r.contains("MediationServer")) {
            return PoolRole.Mediation;
        } else if (r.contains("PersistentChatServer")) {
            return PoolRole.PersistentChat;
        } else if (r.contains("UserDatabase") || r.contains("UserStore")) {
            return PoolRole.SqlStore;
        }
        return PoolRole.Other;
    }

    /**
     * The inventory from a snapshot's answers, in the order the snapshot asks: users, each object
     * read (one kind each, in {@code objectKinds}), each policy kind, replication, allowed domains.
     */
    Inventory inventory(Topology t, List<Answer> a, List<HomedKind> objectKinds) {
        int i = 0;
        List<User> users = new ArrayList<>();
        for (JsonNode u : a.get(i++).data()) {
            Map<PolicyKind, String> policies = new EnumMap<>(PolicyKind.class);
            for (PolicyKind k : PolicyKind.values()) {
                String v = text(u, k.column(), null);
                if (v != null && !v.isEmpty()) {
                    policies.put(k, v);
                }
            }
            Fqdn pool = fqdn(text(u, "RegistrarPool", null));
            if (pool == null) {
                // Homed online or never assigned: no on-premises pool, so nothing to move or probe.
                continue;
            }
            JsonNode enabled = u.get("Enabled");
            users.add(new User(
                    SipAddress.of(text(u, "SipAddress", "")),
                    text(u, "DisplayName", null),
                    pool,
                    policies,
                    Set.of(),
                    false,
                    enabled != null && !enabled.isNull() && !enabled.asBoolean(true),
                    text(u, "HostingProvider", null)));
        }
        List<HomedObject> objects = new ArrayList<>();
        // A Response Group configuration is read once per pool and may answer for two of them.
        Set<String> seen = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (HomedKind k : objectKinds) {
            Kinds kinds = Kinds.of(k);
            for (JsonNode o : a.get(i++).data()) {
                if (!seen.add(k + "|" + text(o, "Identity", ""))) {
                    continue;
                }
                objects.add(new HomedObject(
                        k,
                        text(o, "Identity", ""),
                        text(o, "DisplayName", null),
                        fqdn(kinds.pool(text(o, kinds.poolProperty(), null)))));
            }
        }
        Map<PolicyKind, String> global = new EnumMap<>(PolicyKind.class);
        Map<String, Map<PolicyKind, String>> bySite = new TreeMap<>();
        for (PolicyKind k : PolicyKind.values()) {
            for (JsonNode p : a.get(i).data()) {
                String identity = text(p, "Identity", "");
                if (identity.equalsIgnoreCase("Global")) {
                    global.put(k, text(p, "Name", "Global"));
                } else if (identity.regionMatches(true, 0, "Site:", 0, 5)) {
                    String site = identity.substring(5);
                    bySite.computeIfAbsent(site, s -> new EnumMap<>(PolicyKind.class))
                            .put(k, text(p, "Name", site));
                }
            }
            i++;
        }
        List<Replica> replicas = new ArrayList<>();
        for (JsonNode r : a.get(i++).data()) {
            replicas.add(new Replica(
                    Fqdn.of(text(r, "ReplicaFqdn", "")), r.path("UpToDate").asBoolean(false)));
        }
        List<String> partners = new ArrayList<>();
        for (JsonNode d : a.get(i++).data()) {
            partners.add(text(d, "Domain", text(d, "Identity", "")));
        }
        return new Inventory(
                t.sites(),
                t.pools(),
                t.cmsPool(),
                users,
                objects,
                List.of(),
                List.of(),
                List.of(),
                replicas,
                new Policies(global, bySite),
                partners);
    }

    static String text(JsonNode n, String field, String orElse) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? orElse : v.asText();
    }

    /** An FQDN the shell reported, or null when it reported none (null or empty). */
    static Fqdn fqdn(String value) {
        return value == null || value.isEmpty() ? null : Fqdn.of(value);
    }

    static String strip(String value, String prefix) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        return value.regionMatches(true, 0, prefix, 0, prefix.length()) ? value.substring(prefix.length()) : value;
    }

    /** Get-CsWindowsService's Status: a name, or the ServiceControllerStatus number Windows PowerShell writes. */
    static ServiceStatus status(JsonNode n) {
        if (n.isNumber()) {
            switch (n.asInt()) {
                case 4:
                    return ServiceStatus.Running;
                case 2:
                    return ServiceStatus.StartPending;
                case 3:
                    return ServiceStatus.StopPending;
                case 7:
                    return ServiceStatus.Paused;
                default:
                    return ServiceStatus.Stopped;
            }
        }
        for (ServiceStatus s : ServiceStatus.values()) {
            if (s.reported() && s.name().equalsIgnoreCase(n.asText())) {
                return s;
            }
        }
        return ServiceStatus.Stopped;
    }
}
