package io.cutover.folder;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.catalog.Catalog;
import io.cutover.catalog.Feature;
import io.cutover.csv.CsvWriter;
import io.cutover.inventory.ClientSignIn;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedObject;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Meeting;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServerVersion;
import io.cutover.inventory.ServiceState;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.Site;
import io.cutover.inventory.SiteKind;
import io.cutover.inventory.UnansweredServer;
import io.cutover.inventory.User;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes an inventory folder exactly as the collect script does: every CSV as
 * {@code Export-Csv -NoTypeInformation -Encoding UTF8} writes it (a byte order mark, every field
 * double-quoted, CRLF), and topology.xml in the published form. Rows are sorted, so the same
 * deployment always gives byte-identical files. The folder appears whole or not at all: it is
 * written beside its destination and renamed into place.
 */
public final class FolderWriter {
    private final Catalog catalog;

    public FolderWriter(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * @throws CutoverException BAD_INPUT when {@code dir} exists and is not empty, or cannot be written
     */
    public void write(Path dir, Inventory inventory, List<UnansweredServer> unanswered) {
        write(dir, inventory, unanswered, List.of());
    }

    /**
     * Writes the folder with users.csv also listing {@code unhomed}: users homed on no on-premises
     * pool (an empty RegistrarPool; online when their hosting provider says so), as Get-CsUser lists
     * them in a hybrid deployment.
     *
     * @throws CutoverException BAD_INPUT when {@code dir} exists and is not empty, or cannot be written
     */
    public void write(Path dir, Inventory inventory, List<UnansweredServer> unanswered, List<User> unhomed) {
        Path target = dir.toAbsolutePath().normalize();
        try {
            if (Files.exists(target)) {
                try (Stream<Path> entries = Files.list(target)) {
                    if (!Files.isDirectory(target) || entries.findAny().isPresent()) {
                        throw new CutoverException(
                                ErrorCode.BAD_INPUT,
                                dir + " already exists and is not an empty directory; "
                                        + "give a new directory for the inventory folder");
                    }
                }
            }
            Files.createDirectories(target.getParent());
            Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".");
            try {
                // A temporary directory is private; the folder is meant to be shared like any other.
                Files.setPosixFilePermissions(
                        tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (UnsupportedOperationException notPosix) {
                // Windows: the directory inherits its parent's ACL
            }
            try {
                writeInto(tmp, inventory, unanswered, unhomed);
                if (Files.exists(target)) {
                    Files.delete(target);
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                if (Files.exists(tmp)) {
                    try (Stream<Path> files = Files.list(tmp)) {
                        for (Path f : files.toList()) {
                            Files.deleteIfExists(f);
                        }
                    }
                    Files.deleteIfExists(tmp);
                }
            }
        } catch (IOException e) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT, "cannot write the inventory folder " + dir + ": " + e.getMessage(), e);
        }
    }

    private void writeInto(Path dir, Inventory inv, List<UnansweredServer> unanswered, List<User> unhomed)
            throws IOException {
        Files.writeString(
                dir.resolve(InventoryFiles.TOPOLOGY), new TopologyWriter(catalog).xml(inv), StandardCharsets.UTF_8);

        List<Site> sites = sorted(inv.sites(), Comparator.comparingInt(Site::siteId));
        Map<String, List<String>> poolsBySite = new HashMap<>();
        inv.pools().stream()
                .sorted(Comparator.comparing(Pool::fqdn))
                .forEach(p -> poolsBySite
                        .computeIfAbsent(Site.key(p.site()), k -> new ArrayList<>())
                        .add(p.fqdn().text()));
        csv(
                dir,
                InventoryFiles.SITES,
                List.of(
                        "Identity",
                        "SiteId",
                        "DisplayName",
                        "SiteType",
                        "FederationRoute",
                        "XmppFederationRoute",
                        "DefaultPersistentChatPool",
                        "Pools"),
                sites,
                s -> List.of(
                        "Site:" + s.name(),
                        Integer.toString(s.siteId()),
                        s.name(),
                        s.kind() == SiteKind.BranchSite ? "BranchSite" : "CentralSite",
                        edge(s.federationRoute()),
                        edge(s.xmppFederationRoute()),
                        defaultChatPool(inv, s),
                        String.join(";", poolsBySite.getOrDefault(Site.key(s.name()), List.of()))));

        List<String> userColumns = new ArrayList<>(List.of(
                "SipAddress",
                "DisplayName",
                "UserPrincipalName",
                "RegistrarPool",
                "Enabled",
                "EnterpriseVoiceEnabled",
                "LineURI"));
        userColumns.addAll(FolderReader.POLICY_COLUMNS);
        userColumns.add("HostingProvider");
        List<User> listed = new ArrayList<>(inv.users());
        listed.addAll(unhomed);
        csv(dir, InventoryFiles.USERS, userColumns, sorted(listed, Comparator.comparing(User::sipAddress)), u -> {
            List<String> row = new ArrayList<>(List.of(
                    u.sipAddress().text(),
                    text(u.displayName()),
                    upn(u.sipAddress().text()),
                    text(u.pool()),
                    u.enabled() ? "True" : "False",
                    u.policies().containsKey(PolicyKind.Voice) ? "True" : "False",
                    ""));
            for (PolicyKind k : PolicyKind.values()) {
                row.add(text(u.policies().get(k)));
            }
            // A user homed on a pool is on premises, as Get-CsUser says it; an unhomed one says where.
            row.add(u.hostingProvider() != null ? u.hostingProvider() : u.pool() != null ? "SRV:" : "");
            return row;
        });
        csv(
                dir,
                InventoryFiles.OBJECTS,
                List.of("Kind", "Identity", "SipAddress", "DisplayName", "RegistrarPool", "LineURI"),
                sorted(
                        inv.objects(),
                        Comparator.comparing((HomedObject o) -> o.kind().name())
                                .thenComparing(o -> SipAddress.key(o.identity()))),
                o -> List.of(
                        o.kind().name(),
                        o.identity(),
                        SipAddress.hasScheme(o.identity()) ? o.identity() : "",
                        text(o.displayName()),
                        text(o.pool()),
                        ""));
        csv(
                dir,
                InventoryFiles.SERVICES,
                List.of("ComputerName", "Name", "DisplayName", "Status", "ActivityLevel"),
                sorted(
                        inv.services(),
                        Comparator.comparing(ServiceState::computer).thenComparing(ServiceState::name)),
                s -> List.of(s.computer().text(), s.name(), s.name(), s.status().name(), ""));
        csv(
                dir,
                InventoryFiles.REPLICATION,
                List.of("ReplicaFqdn", "UpToDate", "LastStatusReport", "LastUpdateCreation", "ProductVersion"),
                sorted(inv.replicas(), Comparator.comparing(Replica::fqdn)),
                r -> List.of(r.fqdn().text(), r.upToDate() ? "True" : "False", "", "", replicaVersion(inv, r)));
        List<String[]> usage = new ArrayList<>();
        for (User u : sorted(inv.users(), Comparator.comparing(User::sipAddress))) {
            for (Feature f : u.features().stream().sorted().toList()) {
                usage.add(new String[] {u.sipAddress().text(), f.name()});
            }
        }
        csv(dir, InventoryFiles.USAGE, List.of("SipAddress", "Feature", "Detail"), usage, a -> List.of(a[0], a[1], ""));
        csv(
                dir,
                InventoryFiles.MEETINGS,
                List.of("Organizer", "ConferenceId", "Pool", "CreatedUtc", "ClientVersion"),
                sorted(inv.meetings(), Comparator.comparing(Meeting::organizer).thenComparing(Meeting::conferenceId)),
                m -> List.of(
                        m.organizer().text(),
                        m.conferenceId(),
                        text(m.pool()),
                        time(m.createdUtc()),
                        text(m.clientVersion())));
        csv(
                dir,
                InventoryFiles.CLIENTS,
                List.of("SipAddress", "ClientVersion", "LastSignInUtc"),
                sorted(inv.clients(), Comparator.comparing(ClientSignIn::sipAddress)),
                c -> List.of(c.sipAddress().text(), c.clientVersion(), time(c.lastSignInUtc())));
        if (!inv.serverVersions().isEmpty()) {
            // Only what was collected: a folder without versions.csv says the versions are unknown.
            csv(
                    dir,
                    InventoryFiles.VERSIONS,
                    List.of("ComputerName", "Product", "Version", "Source"),
                    sorted(
                            inv.serverVersions(),
                            Comparator.comparing(ServerVersion::computer)
                                    .thenComparing(v -> text(v.source()))
                                    .thenComparing(v -> text(v.product()))),
                    v -> List.of(v.computer().text(), text(v.product()), v.version(), text(v.source())));
        }
        csv(
                dir,
                InventoryFiles.PAIRINGS,
                List.of("PoolFqdn", "BackupPoolFqdn"),
                sorted(inv.pools().stream().filter(p -> p.backup() != null).toList(), Comparator.comparing(Pool::fqdn)),
                p -> List.of(p.fqdn().text(), p.backup().text()));
        csv(
                dir,
                InventoryFiles.UNANSWERED,
                List.of("ComputerName", "Source", "Error"),
                sorted(
                        unanswered,
                        Comparator.comparing((UnansweredServer u) -> u.computer())
                                .thenComparing(u -> text(u.source()))),
                u -> List.of(u.computer(), text(u.source()), text(u.error())));
        List<String[]> policies = new ArrayList<>();
        if (inv.policies() != null) {
            inv.policies().global().forEach((k, v) -> policies.add(new String[] {k.name(), "Global", v}));
            inv.policies()
                    .bySite()
                    .forEach((site, m) ->
                            m.forEach((k, v) -> policies.add(new String[] {k.name(), "Site:" + site, v})));
        }
        policies.sort(Comparator.comparing((String[] a) -> a[1]).thenComparing(a -> a[0]));
        csv(dir, InventoryFiles.POLICIES, List.of("Kind", "Scope", "Name"), policies, a -> List.of(a));
        csv(
                dir,
                InventoryFiles.PARTNERS,
                List.of("Domain"),
                sorted(inv.partners(), Comparator.comparing(Fqdn::key)),
                List::of);
    }

    private static String defaultChatPool(Inventory inv, Site s) {
        return inv.pools().stream()
                .filter(p -> p.role() == PoolRole.PersistentChat && s.isNamed(p.site()))
                .map(Pool::fqdn)
                .sorted()
                .findFirst()
                .map(Fqdn::text)
                .orElse("");
    }

    private String replicaVersion(Inventory inv, Replica r) {
        for (Pool p : inv.pools()) {
            if (p.servers().contains(r.fqdn())) {
                return catalog.find(p.version()).map(v -> v.build()).orElse("");
            }
        }
        return "";
    }

    private static String upn(String sip) {
        return SipAddress.withoutScheme(sip);
    }

    private static String edge(Fqdn fqdn) {
        return fqdn == null ? "" : "EdgeServer:" + fqdn;
    }

    private static String time(Instant t) {
        return t == null ? "" : t.toString();
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static String text(Fqdn f) {
        return f == null ? "" : f.text();
    }

    private static <T> List<T> sorted(List<T> list, Comparator<? super T> order) {
        List<T> copy = new ArrayList<>(list);
        copy.sort(order);
        return copy;
    }

    /** As Export-Csv -NoTypeInformation -Encoding UTF8: BOM, header, every field quoted, CRLF. */
    private static <T> void csv(
            Path dir, String file, List<String> header, List<T> rows, java.util.function.Function<T, List<String>> row)
            throws IOException {
        try (Writer w = new BufferedWriter(
                new OutputStreamWriter(Files.newOutputStream(dir.resolve(file)), StandardCharsets.UTF_8), 1 << 16)) {
            CsvWriter csv = new CsvWriter(CsvWriter.Dialect.EXPORT_CSV);
            w.write(csv.row(header).take());
            for (T t : rows) {
                w.write(csv.row(row.apply(t)).take());
            }
        }
    }
}
