package io.cutover.lab;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Pool;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServiceState;
import io.cutover.inventory.Site;
import io.cutover.inventory.UnansweredServer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A lab built from an inventory rather than from a scenario: the twin of a real deployment, so
 * that a migration can be rehearsed against what the admin collected before it touches anything.
 * The lab keeps the inventory itself (as JSON, where a scenario lab keeps its YAML) and replays its
 * mutation log on top, exactly as a scenario lab does.
 *
 * <p>What a twin cannot copy is emulated the lab's way: each server runs the lab's services for its
 * pool's role; a service the inventory reports stopped becomes a serviceStopped fault (so
 * {@code lab clear} starts it again) and a replica it reports out of date starts stale.
 */
final class Twin {
    /** The first line of a twin's stored text; no scenario file starts with it. */
    static final String MARKER = "#cutover-twin 1";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * What the lab stores.
     *
     * @param notDeployed pools in the topology whose servers reported no service: not installed yet
     * @param unknown servers that did not answer the collection for their services: in the topology,
     *     installed or not, running or not, nobody knows; null in a twin stored before it was kept
     */
    record Document(String source, Inventory inventory, List<String> notDeployed, List<String> unknown) {
        Document {
            unknown = unknown == null ? List.of() : List.copyOf(unknown);
        }

        Set<Fqdn> unknownServers() {
            Set<Fqdn> servers = new HashSet<>();
            unknown.forEach(s -> servers.add(Fqdn.of(s)));
            return servers;
        }
    }

    /** The document of a twin of {@code inventory}, whose {@code unanswered} servers are kept unknown. */
    static Document of(
            String source, Inventory inventory, boolean servicesCollected, List<UnansweredServer> unanswered) {
        List<String> unknown = new ArrayList<>();
        Set<Fqdn> servers = servers(inventory);
        for (UnansweredServer u : unanswered) {
            Fqdn server = u.server();
            if (u.stateUnknown() && server != null && servers.contains(server)) {
                unknown.add(server.text());
            }
        }
        return new Document(source, inventory, notDeployed(inventory, servicesCollected, unknown), unknown);
    }

    /** The servers that run Lync services: a SQL back end's silence leaves no service unknown. */
    private static Set<Fqdn> servers(Inventory inv) {
        Set<Fqdn> servers = new HashSet<>();
        inv.pools().stream().filter(p -> !Services.of(p.role()).isEmpty()).forEach(p -> servers.addAll(p.servers()));
        return servers;
    }

    private Twin() {}

    static boolean is(String storedText) {
        // The JSON right after the marker: a scenario may begin with any comment, but not with this.
        return storedText.startsWith(MARKER + "\n{");
    }

    static String text(Document document) {
        try {
            return MARKER + "\n" + JSON.writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new CutoverException(ErrorCode.INTERNAL, "cannot store the twin's inventory: " + e.getMessage(), e);
        }
    }

    static Document parse(String storedText) {
        try {
            return JSON.readValue(storedText.substring(MARKER.length()), Document.class);
        } catch (JsonProcessingException e) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT, "the lab's stored inventory cannot be read: " + e.getOriginalMessage(), e);
        }
    }

    /** The lab's state for a twin: the inventory as it is, and a scenario for what the lab emulates. */
    static LabState state(Document d, io.cutover.catalog.Catalog catalog) {
        return new LabState(scenario(d), d.inventory(), catalog, d.unknownServers());
    }

    private static Scenario scenario(Document d) {
        Inventory inv = d.inventory();
        Set<String> notDeployed = new HashSet<>();
        d.notDeployed().forEach(p -> notDeployed.add(Fqdn.key(p)));
        Set<Fqdn> stale = new HashSet<>();
        for (Replica r : inv.replicas()) {
            if (!r.upToDate()) {
                stale.add(r.fqdn());
            }
        }
        List<Scenario.SiteSpec> sites = new ArrayList<>();
        Map<String, Map<io.cutover.inventory.PolicyKind, String>> sitePolicies =
                inv.policies() == null ? Map.of() : inv.policies().bySite();
        for (Site s : inv.sites()) {
            sites.add(new Scenario.SiteSpec(
                    s.name(),
                    s.siteId(),
                    s.kind(),
                    text(s.federationRoute()),
                    text(s.xmppFederationRoute()),
                    sitePolicies.getOrDefault(s.name(), Map.of())));
        }
        List<Scenario.PoolSpec> pools = new ArrayList<>();
        List<Fault> faults = new ArrayList<>();
        for (Pool p : inv.pools()) {
            List<String> staleHere =
                    p.servers().stream().filter(stale::contains).map(Fqdn::text).toList();
            boolean deployed = !notDeployed.contains(p.fqdn().key());
            pools.add(new Scenario.PoolSpec(
                    p.fqdn().text(),
                    p.site(),
                    p.role(),
                    p.version(),
                    p.servers().stream().map(Fqdn::text).toList(),
                    text(p.nextHop()),
                    deployed,
                    staleHere,
                    null,
                    Map.of()));
            if (deployed) {
                for (ServiceState s : inv.services()) {
                    if (!s.running()
                            && s.pool() != null
                            && s.pool().equals(p.fqdn())
                            && Services.of(p.role()).contains(s.name())) {
                        faults.add(new Fault.ServiceStopped(
                                p.fqdn().text(), s.name(), s.computer().text()));
                    }
                }
            }
        }
        return new Scenario(
                "twin of " + d.source(),
                domain(inv),
                Instant.EPOCH,
                inv.policies() == null ? Map.of() : inv.policies().global(),
                sites,
                pools,
                text(inv.cmsPool()),
                inv.partners(),
                List.of(),
                Scenario.Activity.NONE,
                new FaultProfile(0, faults));
    }

    private static String text(Fqdn fqdn) {
        return fqdn == null ? null : fqdn.text();
    }

    private static String domain(Inventory inv) {
        return inv.users().stream()
                .map(u -> u.sipAddress().text().substring(u.sipAddress().text().indexOf('@') + 1))
                .findFirst()
                .orElse("example.com");
    }

    /**
     * The pools of a folder that are in the topology but not installed: none of their servers
     * reported a service or an up-to-date replica, although the folder lists services and the
     * lab's emulation of their role runs some. A server that did not answer is not taken for one
     * that is not there: its pool is deployed, and the server's state unknown.
     */
    static List<String> notDeployed(Inventory inv, boolean servicesCollected, List<String> unknown) {
        if (!servicesCollected) {
            return List.of();
        }
        Set<Fqdn> reporting = new HashSet<>();
        inv.services().forEach(s -> reporting.add(s.computer()));
        unknown.forEach(s -> reporting.add(Fqdn.of(s)));
        // An up-to-date CMS replica proves its server is installed, even when the collection could
        // not reach it for its services (an Edge server in the perimeter, typically).
        inv.replicas().stream().filter(Replica::upToDate).forEach(r -> reporting.add(r.fqdn()));
        List<String> result = new ArrayList<>();
        for (Pool p : inv.pools()) {
            if (!Services.of(p.role()).isEmpty() && p.servers().stream().noneMatch(reporting::contains)) {
                result.add(p.fqdn().text());
            }
        }
        return result;
    }
}
