package io.cutover.shell;

import static io.cutover.shell.InventoryParser.text;
import static io.cutover.shell.ShellErrors.failure;
import static io.cutover.shell.ShellErrors.notFound;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.catalog.Catalog;
import io.cutover.deployment.Deployment;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.PoolState;
import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeKind;
import io.cutover.deployment.ProbeResult;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.Pool;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServiceState;
import io.cutover.inventory.Site;
import io.cutover.shell.InventoryParser.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A real deployment, driven through the Skype for Business Server Management Shell: each
 * operation is a generated PowerShell statement, run by the configured command with the script on
 * standard input, answering in JSON ({@code ConvertTo-Json -Depth 4 -Compress}).
 *
 * <p>One script runs at a time. Operations that arrive while one runs (the executor moves and
 * probes concurrently) wait and then share the next script, up to {@link ShellSettings#batch()}
 * of them, the way the journal shares commits: one process per batch rather than per user. Each
 * operation is its own {@code try/catch} in the script, so one failed cmdlet fails only its own
 * operation and its error text is kept.
 *
 * <p>Errors map to {@link DeploymentFailure}: a timed-out script (its process tree killed) and
 * error records that say a server is busy or unreachable are transient; a shell that exits
 * non-zero (it refused the script), a shell that cannot start, and every other error record are
 * permanent.
 */
public final class ShellDeployment implements Deployment {
    private final ShellSettings settings;
    private final ScriptRunner runner;
    private final InventoryParser parser;
    private final ShellPools pools = new ShellPools(this);
    /** Pools and sites as last read: servers of a pool and federation routes decide how to script. */
    private volatile Topology topology;

    /** Hears of each script the shell ran: how many operations it carried, whether it exited 0 in time, how long it took. */
    @FunctionalInterface
    public interface Watch {
        void roundTrip(int operations, boolean ok, java.time.Duration took);
    }

    public ShellDeployment(ShellSettings settings, Catalog catalog) {
        this(settings, catalog, (operations, ok, took) -> {});
    }

    public ShellDeployment(ShellSettings settings, Catalog catalog, Watch watch) {
        this.settings = settings;
        this.runner = new ScriptRunner(settings, watch);
        this.parser = new InventoryParser(catalog);
    }

    public ShellSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return "shell";
    }

    // ---- the batching runner ------------------------------------------------------------------

    /** What one statement answered: the objects it wrote, or the error record's text. */
    record Answer(List<JsonNode> data, String error) {
        boolean ok() {
            return error == null;
        }
    }

    /** Runs statements, sharing a script with whatever else is waiting; answers in the same order. */
    List<Answer> run(List<String> pipelines) {
        return runner.run(pipelines);
    }

    Answer run(String pipeline) {
        return run(List.of(pipeline)).get(0);
    }

    private String q(Cmdlet c) {
        return c.render(settings.encoding());
    }

    /** A query: the cmdlet, made to stop on error, its output as compressed JSON. */
    String query(Cmdlet c) {
        return q(c.with("ErrorAction", "Stop")) + " | ConvertTo-Json -Depth 4 -Compress";
    }

    String action(Cmdlet c) {
        return q(c.with("ErrorAction", "Stop"));
    }

    // ---- snapshot --------------------------------------------------------------------------------

    private List<String> topologyQueries() {
        return List.of(
                query(Cmdlet.of("Get-CsSite")), query(Cmdlet.of("Get-CsPool")), query(Cmdlet.of("Get-CsService")));
    }

    Topology topology() {
        Topology t = topology;
        if (t == null) {
            t = parser.topology(run(topologyQueries()));
            topology = t;
        }
        return t;
    }

    /**
     * The state from Get-Cs* queries as JSON, in one script. Meetings, client versions, the
     * features users depend on and Windows services are not read here (no cmdlet lists the first
     * three; services are read per pool by {@link #services}).
     */
    @Override
    public Inventory snapshot() {
        List<String> qs = new ArrayList<>(topologyQueries());
        qs.add(query(Cmdlet.of("Get-CsUser").with("ResultSize", "Unlimited")));
        List<HomedKind> objectKinds = java.util.Arrays.stream(HomedKind.values())
                .filter(HomedKind::isObject)
                .toList();
        for (HomedKind k : objectKinds) {
            qs.add(query(Cmdlet.of(Kinds.of(k).getter())));
        }
        for (PolicyKind k : PolicyKind.values()) {
            qs.add(query(Cmdlet.of("Get-Cs" + k.column())));
        }
        qs.add(query(Cmdlet.of("Get-CsManagementStoreReplicationStatus")));
        qs.add(query(Cmdlet.of("Get-CsAllowedDomain")));
        List<Answer> a = run(qs);
        for (Answer x : a) {
            if (!x.ok()) {
                throw failure("taking a snapshot", x.error());
            }
        }
        Topology t = parser.topology(a);
        topology = t;
        return parser.inventory(t, a, objectKinds);
    }

    // ---- subjects ------------------------------------------------------------------------------

    /** The statement that reads where a subject is homed. */
    String homeQuery(Subject subject) {
        return subject.kind() == HomedKind.Cms
                ? query(Cmdlet.of("Get-CsService").flag("CentralManagement"))
                : query(Cmdlet.of(Kinds.of(subject.kind()).getter()).with("Identity", subject.id()));
    }

    @Override
    public Optional<Fqdn> homeOf(Subject subject) {
        Kinds kinds = Kinds.of(subject.kind());
        Answer a = run(homeQuery(subject));
        if (!a.ok()) {
            if (notFound(a.error())) {
                return Optional.empty();
            }
            throw failure("finding " + subject, a.error());
        }
        for (JsonNode n : a.data()) {
            if (subject.kind() == HomedKind.Cms && !n.path("Active").asBoolean(false)) {
                continue;
            }
            String pool = kinds.pool(text(n, kinds.poolProperty(), null));
            if (pool != null && !pool.isEmpty()) {
                return Optional.of(Fqdn.of(pool));
            }
        }
        return Optional.empty();
    }

    @Override
    public void move(Subject subject, Fqdn targetPool) {
        String pipeline;
        if (subject.kind() == HomedKind.Cms) {
            // The store moves to the pool of the computer Move-CsManagementServer runs on.
            Pool target = topology()
                    .pool(targetPool)
                    .orElseThrow(() -> DeploymentFailure.permanent("no pool '" + targetPool + "' in the topology"));
            if (target.servers().isEmpty()) {
                throw DeploymentFailure.permanent("cannot move the Central Management Store to " + targetPool
                        + ": the topology lists no server in it");
            }
            pipeline = "Invoke-Command -ComputerName "
                    + settings.encoding().value(target.servers().get(0).text()) + " -ScriptBlock { "
                    + action(Kinds.move(HomedKind.Cms, subject.id(), targetPool.text(), null)) + " }";
        } else {
            Fqdn proxy = proxyPool(targetPool);
            pipeline = action(
                    Kinds.move(subject.kind(), subject.id(), targetPool.text(), proxy == null ? null : proxy.text()));
        }
        Answer a = run(pipeline);
        if (!a.ok()) {
            throw failure("moving " + subject + " to " + targetPool, a.error());
        }
    }

    /**
     * Export-CsRgsConfiguration from the pool the configuration is on, then Import-CsRgsConfiguration
     * into the target, in one pipeline so that a failed export imports nothing. The file is named
     * after the source pool, in the shell's working folder.
     */
    @Override
    public void exportImport(Subject subject, Fqdn targetPool) {
        if (subject.kind() != HomedKind.RgsConfiguration) {
            throw DeploymentFailure.permanent(
                    "only Response Group configuration is exported and imported, not " + subject);
        }
        String source = Kinds.rgsSource(subject.id());
        String file = "cutover-rgs-" + source.substring(source.indexOf(':') + 1) + ".zip";
        String pipeline = action(Cmdlet.of("Export-CsRgsConfiguration")
                        .with("Source", source)
                        .with("FileName", file))
                + "; "
                + action(Cmdlet.of("Import-CsRgsConfiguration")
                        .with("Destination", "ApplicationServer:" + targetPool.text())
                        .with("FileName", file)
                        .flag("OverwriteOwner")
                        .flag("Force"));
        Answer a = run(pipeline);
        if (!a.ok()) {
            throw failure("exporting and importing " + subject + " into " + targetPool, a.error());
        }
    }

    /**
     * While more than one Edge pool carries federation (during the migration, two briefly do),
     * Move-CsUser needs -ProxyPool: the Edge that carries the target pool's site's federation.
     */
    private Fqdn proxyPool(Fqdn targetPool) {
        Topology t = topology();
        Set<Fqdn> federating = new java.util.TreeSet<>();
        for (Site s : t.sites()) {
            if (s.federationRoute() != null) {
                federating.add(s.federationRoute());
            }
        }
        if (federating.size() < 2) {
            return null;
        }
        String site = t.pool(targetPool).map(Pool::site).orElse(null);
        return t.sites().stream()
                .filter(s -> s.isNamed(site))
                .map(Site::federationRoute)
                .findFirst()
                .orElse(null);
    }

    @Override
    public void setFederationRoute(String site, Fqdn edgeFqdn) {
        Answer a = run(action(Cmdlet.of("Set-CsSite")
                .with("Identity", "Site:" + site)
                .with("FederationRoute", "EdgeServer:" + edgeFqdn)));
        if (!a.ok()) {
            throw failure("setting the federation route of " + site + " to " + edgeFqdn, a.error());
        }
        Topology t = topology;
        if (t != null) {
            List<Site> sites = t.sites().stream()
                    .map(s -> s.isNamed(site) ? s.withFederationRoute(edgeFqdn) : s)
                    .toList();
            topology = new Topology(sites, t.pools(), t.cmsPool());
        }
    }

    // ---- pools ---------------------------------------------------------------------------------

    /**
     * Not in Get-CsPool: decommissioned (removed from the topology). Every server unreachable:
     * down. No service running anywhere: not deployed (installed but never started). Else up.
     */
    @Override
    public PoolState poolState(Fqdn fqdn) {
        return pools.poolState(fqdn);
    }

    /** Starts the services of an installed pool (Start-CsPool); a pool not installed yet fails with the cmdlet's error. */
    @Override
    public void deploy(Fqdn fqdn) {
        pools.deploy(fqdn);
    }

    /**
     * Stops every service of the pool gracefully. Removing the pool from the topology is then a
     * Topology Builder step; until it is done this fails, naming that step, and a resumed run
     * finds the pool gone.
     */
    @Override
    public void decommission(Fqdn fqdn) {
        pools.decommission(fqdn);
    }

    @Override
    public List<ServiceState> services(Fqdn pool) {
        return pools.services(pool);
    }

    @Override
    public List<Replica> replication() {
        return pools.replication();
    }

    // ---- probes --------------------------------------------------------------------------------

    /** The Test-Cs* invocation of a probe. */
    static Cmdlet testCmdlet(Probe p) {
        Cmdlet c = Cmdlet.of(p.kind().cmdlet());
        ProbeKind k = p.kind();
        if (k == ProbeKind.Registration || k == ProbeKind.PersistentChat) {
            return c.with("UserSipAddress", p.from());
        } else if (k == ProbeKind.Presence) {
            return c.with("SubscriberSipAddress", p.from()).with("PublisherSipAddress", p.to());
        } else if (k == ProbeKind.External) {
            return c.with("TargetFqdn", p.via()).with("UserSipAddress", p.from());
        } else if (k == ProbeKind.Federated) {
            return c.with("Domain", p.to()).with("UserSipAddress", p.from());
        } else if (k == ProbeKind.Xmpp) {
            return c.with("UserSipAddress", p.from()).with("Receiver", p.to());
        }
        return c.with("SenderSipAddress", p.from()).with("ReceiverSipAddress", p.to());
    }

    @Override
    public ProbeResult probe(Probe probe) {
        try {
            Answer a = run(query(testCmdlet(probe)));
            if (!a.ok()) {
                return ProbeResult.failure(probe, null, 0, a.error(), null);
            }
            if (a.data().isEmpty()) {
                return ProbeResult.failure(probe, null, 0, probe.kind().cmdlet() + " returned nothing", null);
            }
            JsonNode r = a.data().get(0);
            String target = text(r, "TargetFqdn", null);
            JsonNode latency = r.path("Latency");
            long ms = latency.isNumber()
                    ? latency.asLong()
                    : (long) latency.path("TotalMilliseconds").asDouble(0);
            JsonNode result = r.path("Result");
            boolean success = result.isNumber() ? result.asInt() == 0 : "Success".equalsIgnoreCase(result.asText());
            return success
                    ? ProbeResult.success(probe, target, ms)
                    : ProbeResult.failure(probe, target, ms, text(r, "Error", "Failure"), text(r, "Diagnosis", null));
        } catch (DeploymentFailure f) {
            // A probe reports; it never throws.
            return ProbeResult.failure(probe, null, 0, f.getMessage(), null);
        }
    }

    @Override
    public void close() {
        // Nothing stays open between scripts.
    }
}
