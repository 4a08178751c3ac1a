package io.cutover.folder;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.catalog.Catalog;
import io.cutover.catalog.Feature;
import io.cutover.csv.CsvReader;
import io.cutover.inventory.ClientSignIn;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.HomedObject;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Meeting;
import io.cutover.inventory.Policies;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServerVersion;
import io.cutover.inventory.ServiceState;
import io.cutover.inventory.ServiceStatus;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.Site;
import io.cutover.inventory.SiteKind;
import io.cutover.inventory.UnansweredServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an inventory folder (the format of {@code docs/inventory-format.md}) strictly but
 * tolerantly: what PowerShell really writes is accepted, anything else is refused with the file,
 * line and column. References between files are not checked here: a user homed on a pool the
 * topology lacks is a finding of the assessment, not a reason to refuse the folder.
 */
public final class FolderReader {
    static final List<String> POLICY_COLUMNS =
            java.util.Arrays.stream(PolicyKind.values()).map(PolicyKind::column).toList();

    private final Path dir;
    private final Catalog catalog;

    private FolderReader(Path dir, Catalog catalog) {
        this.dir = dir;
        this.catalog = catalog;
    }

    /**
     * Reads the folder.
     *
     * @throws CutoverException BAD_INPUT naming the file (and line and column) that cannot be read
     */
    public static FolderRead read(Path dir, Catalog catalog) {
        if (!Files.isDirectory(dir)) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    dir + ": not a directory; give the inventory folder that the collect script wrote");
        }
        return new FolderReader(dir, catalog).read();
    }

    private FolderRead read() {
        for (String required : List.of(InventoryFiles.TOPOLOGY, InventoryFiles.SITES, InventoryFiles.USERS)) {
            if (!Files.isRegularFile(dir.resolve(required))) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT,
                        dir.resolve(required) + ": missing; the inventory folder needs "
                                + InventoryFiles.TOPOLOGY + ", " + InventoryFiles.SITES + " and " + InventoryFiles.USERS
                                + " (run the script of `cutover collect-script` to write them)");
            }
        }
        TopologyReader.Topology topology = new TopologyReader(dir.resolve(InventoryFiles.TOPOLOGY), catalog).read();
        List<Site> sites = sites(topology);
        Map<String, Set<Feature>> usage = usage();
        // The big files are independent of each other: read them side by side.
        List<Meeting> meetings = new ArrayList<>();
        List<ClientSignIn> clients = new ArrayList<>();
        java.util.concurrent.ExecutorService side = java.util.concurrent.Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "inventory-folder-reader");
            t.setDaemon(true);
            return t;
        });
        UsersFile users;
        try {
            java.util.concurrent.Future<?> m = side.submit(() -> optional(
                    InventoryFiles.MEETINGS,
                    List.of("Organizer", "ConferenceId"),
                    r -> meetings.add(new Meeting(
                            IdentityFields.sip(r, "Organizer"),
                            r.required("ConferenceId"),
                            IdentityFields.optionalFqdn(r, "Pool"),
                            time(r, "CreatedUtc"),
                            r.get("ClientVersion")))));
            java.util.concurrent.Future<?> c = side.submit(() -> optional(
                    InventoryFiles.CLIENTS,
                    List.of("SipAddress", "ClientVersion"),
                    r -> clients.add(new ClientSignIn(
                            IdentityFields.sip(r, "SipAddress"),
                            r.required("ClientVersion"),
                            time(r, "LastSignInUtc")))));
            users = UsersFile.read(dir.resolve(InventoryFiles.USERS), usage);
            // In file order, so that the error reported for several bad files is always the same one.
            await(m);
            await(c);
        } finally {
            side.shutdownNow();
        }
        List<HomedObject> objects = new ArrayList<>();
        optional(InventoryFiles.OBJECTS, List.of("Kind", "Identity", "RegistrarPool"), r -> {
            HomedKind kind;
            try {
                kind = HomedKind.parseObjectKind(r.required("Kind"));
            } catch (CutoverException e) {
                throw r.error("Kind", "is '" + r.get("Kind") + "', not an object kind (" + objectKinds() + ")");
            }
            objects.add(new HomedObject(
                    kind, r.required("Identity"), r.get("DisplayName"), IdentityFields.fqdn(r, "RegistrarPool")));
        });
        List<ServiceState> services = new ArrayList<>();
        boolean servicesCollected = optional(InventoryFiles.SERVICES, List.of("ComputerName", "Name", "Status"), r -> {
            Fqdn computer = IdentityFields.fqdn(r, "ComputerName");
            String status = r.required("Status");
            ServiceStatus s = null;
            for (ServiceStatus v : ServiceStatus.values()) {
                if (v.reported() && v.name().equalsIgnoreCase(status)) {
                    s = v;
                }
            }
            if (s == null) {
                throw r.error(
                        "Status",
                        "is '" + status + "'; expected Running, Stopped, StartPending, StopPending or Paused");
            }
            services.add(new ServiceState(computer, topology.poolOfMachine().get(computer), r.required("Name"), s));
        });
        List<Replica> replicas = new ArrayList<>();
        optional(
                InventoryFiles.REPLICATION,
                List.of("ReplicaFqdn", "UpToDate"),
                r -> replicas.add(new Replica(IdentityFields.fqdn(r, "ReplicaFqdn"), r.bool("UpToDate"))));
        List<UnansweredServer> unanswered = new ArrayList<>();
        optional(
                InventoryFiles.UNANSWERED,
                List.of("ComputerName"),
                r -> unanswered.add(new UnansweredServer(r.required("ComputerName"), r.get("Source"), r.get("Error"))));
        Policies policies = policies();
        List<String> partners = new ArrayList<>();
        optional(InventoryFiles.PARTNERS, List.of("Domain"), r -> partners.add(r.required("Domain")));
        List<ServerVersion> serverVersions = new ArrayList<>();
        optional(
                InventoryFiles.VERSIONS,
                List.of("ComputerName", "Version"),
                r -> serverVersions.add(new ServerVersion(
                        IdentityFields.fqdn(r, "ComputerName"),
                        r.get("Product"),
                        r.required("Version"),
                        r.get("Source"))));
        Inventory inventory = new Inventory(
                sites,
                PairingsFile.apply(
                        dir.resolve(InventoryFiles.PAIRINGS),
                        PoolVersions.refine(topology.pools(), serverVersions, catalog)),
                topology.cmsPool(),
                users.homed(),
                objects,
                meetings,
                clients,
                services,
                replicas,
                policies,
                partners,
                serverVersions);
        return new FolderRead(
                inventory,
                unanswered,
                servicesCollected,
                users.unhomed(),
                TopologyPublication.published(dir.resolve(InventoryFiles.TOPOLOGY)));
    }

    private List<Site> sites(TopologyReader.Topology topology) {
        Map<Integer, TopologyReader.TopologySite> byId = new LinkedHashMap<>();
        topology.sites().forEach(s -> byId.put(s.siteId(), s));
        Map<Integer, Site> fromCsv = new LinkedHashMap<>();
        new CsvReader(dir.resolve(InventoryFiles.SITES)).read(List.of("Identity", "SiteId"), r -> {
            int id = r.integer("SiteId");
            String identity = r.required("Identity");
            String name = identity.regionMatches(true, 0, "Site:", 0, 5) ? identity.substring(5) : identity;
            TopologyReader.TopologySite t = byId.get(id);
            if (t != null) {
                // The topology's name is the one its pools are filed under.
                name = t.name();
            }
            String type = r.get("SiteType");
            SiteKind kind = t != null ? t.kind() : SiteKind.CentralSite;
            if (type != null) {
                if (type.equalsIgnoreCase("CentralSite")) {
                    kind = SiteKind.CentralSite;
                } else if (type.equalsIgnoreCase("BranchSite") || type.equalsIgnoreCase("RemoteSite")) {
                    kind = SiteKind.BranchSite;
                } else {
                    throw r.error("SiteType", "is '" + type + "'; expected CentralSite or BranchSite");
                }
            }
            if (fromCsv.put(
                            id,
                            new Site(
                                    name,
                                    id,
                                    kind,
                                    IdentityFields.fqdnOrNull(r, "FederationRoute", route(r.get("FederationRoute"))),
                                    IdentityFields.fqdnOrNull(
                                            r, "XmppFederationRoute", route(r.get("XmppFederationRoute")))))
                    != null) {
                throw r.error("SiteId", id + " is listed twice");
            }
        });
        List<Site> sites = new ArrayList<>();
        for (TopologyReader.TopologySite t : topology.sites()) {
            Site s = fromCsv.remove(t.siteId());
            sites.add(s != null ? s : new Site(t.name(), t.siteId(), t.kind(), null, null));
        }
        sites.addAll(fromCsv.values());
        return sites;
    }

    /** "EdgeServer:edge01.contoso.com" (Get-CsSite) or a bare FQDN: the Edge pool's FQDN. */
    static String route(String value) {
        if (value == null) {
            return null;
        }
        int colon = value.indexOf(':');
        String fqdn = colon >= 0 ? value.substring(colon + 1).trim() : value;
        return fqdn.isEmpty() ? null : fqdn;
    }

    private Map<String, Set<Feature>> usage() {
        Map<String, Set<Feature>> usage = new HashMap<>();
        optional(InventoryFiles.USAGE, List.of("SipAddress", "Feature"), r -> {
            String text = r.required("Feature");
            Feature f;
            try {
                f = Feature.parse(text);
            } catch (CutoverException e) {
                throw r.error(
                        "Feature",
                        "is '" + text + "', not a feature of the catalog ("
                                + java.util.Arrays.toString(Feature.values()) + ")");
            }
            usage.computeIfAbsent(SipAddress.key(r.required("SipAddress")), k -> EnumSet.noneOf(Feature.class))
                    .add(f);
        });
        return usage;
    }

    private static void await(java.util.concurrent.Future<?> f) {
        try {
            f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(ErrorCode.INTERNAL, "interrupted while reading the inventory folder", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new CutoverException(
                    ErrorCode.INTERNAL, "cannot read the inventory folder: " + e.getCause(), e.getCause());
        }
    }

    private Policies policies() {
        Map<PolicyKind, String> global = new EnumMap<>(PolicyKind.class);
        Map<String, Map<PolicyKind, String>> bySite = new LinkedHashMap<>();
        optional(InventoryFiles.POLICIES, List.of("Kind", "Scope", "Name"), r -> {
            String k = r.required("Kind");
            PolicyKind kind = null;
            for (PolicyKind p : PolicyKind.values()) {
                if (p.name().equalsIgnoreCase(k) || p.column().equalsIgnoreCase(k)) {
                    kind = p;
                }
            }
            if (kind == null) {
                throw r.error("Kind", "is '" + k + "', not a policy kind");
            }
            String scope = r.required("Scope");
            if (scope.equalsIgnoreCase("Global")) {
                global.put(kind, r.required("Name"));
            } else if (scope.regionMatches(true, 0, "Site:", 0, 5)) {
                bySite.computeIfAbsent(scope.substring(5), s -> new EnumMap<>(PolicyKind.class))
                        .put(kind, r.required("Name"));
            } else {
                throw r.error("Scope", "is '" + scope + "'; expected Global or Site:<name>");
            }
        });
        return new Policies(global, bySite);
    }

    private boolean optional(String file, List<String> required, java.util.function.Consumer<CsvReader.Row> sink) {
        Path p = dir.resolve(file);
        if (!Files.exists(p)) {
            return false;
        }
        new CsvReader(p).read(required, sink);
        return true;
    }

    private static final DateTimeFormatter US = DateTimeFormatter.ofPattern("M/d/yyyy h:mm:ss a", Locale.US);

    /** ISO 8601 (with or without offset; UTC when none) or the US form PowerShell prints, as UTC. */
    static Instant time(CsvReader.Row r, String column) {
        String v = r.get(column);
        if (v == null) {
            return null;
        }
        Instant fast = utc(v);
        if (fast != null) {
            return fast;
        }
        try {
            return OffsetDateTime.parse(v).toInstant();
        } catch (DateTimeParseException ignored) {
            // not with an offset; try the other forms
        }
        try {
            return LocalDateTime.parse(v).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException ignored) {
            // not ISO without offset
        }
        try {
            return LocalDateTime.parse(v.toUpperCase(Locale.ROOT), US).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw r.error(
                    column, "is '" + v + "'; expected an ISO 8601 time (2024-03-01T09:00:00Z) or M/d/yyyy h:mm:ss AM");
        }
    }

    /**
     * The common "2024-03-01T09:00:00Z" form without a formatter: clients.csv and meetings.csv hold
     * one time per row, and a formatter's parse dominates reading 200,000 rows.
     */
    private static Instant utc(String v) {
        if (v.length() != 20
                || v.charAt(4) != '-'
                || v.charAt(7) != '-'
                || v.charAt(10) != 'T'
                || v.charAt(13) != ':'
                || v.charAt(16) != ':'
                || v.charAt(19) != 'Z') {
            return null;
        }
        int[] at = {0, 5, 8, 11, 14, 17};
        int[] len = {4, 2, 2, 2, 2, 2};
        int[] n = new int[6];
        for (int k = 0; k < 6; k++) {
            for (int i = at[k]; i < at[k] + len[k]; i++) {
                char c = v.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                n[k] = n[k] * 10 + (c - '0');
            }
        }
        try {
            return LocalDateTime.of(n[0], n[1], n[2], n[3], n[4], n[5]).toInstant(ZoneOffset.UTC);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    private static String objectKinds() {
        StringBuilder b = new StringBuilder();
        for (HomedKind k : HomedKind.values()) {
            if (k.isObject()) {
                b.append(b.length() == 0 ? "" : ", ").append(k.name());
            }
        }
        return b.toString();
    }
}
