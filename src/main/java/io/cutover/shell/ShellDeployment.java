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
import io.cutover.deployment.ProbeResult;
import io.cutover.deployment.Subject;
import io.cutover.deployment.UserState;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Pool;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServerVersion;
import io.cutover.inventory.ServiceState;
import io.cutover.inventory.SipAddress;
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
 * <p>Scripts run in long-lived shell sessions (see {@link SessionFrames}), one script at a time
 * per session; operations that arrive while every session is busy (the executor moves and probes
 * concurrently) wait and then share the next script, up to {@link ShellSettings#batch()} of them,
 * the way the journal shares commits. A session that dies, hangs or answers out of frame is killed
 * and replaced; the operations it did not answer fail as transient. Closing the driver closes every
 * session. Each
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
    private final ProbeForms forms = new ProbeForms(this);
    private final SyntheticTransactions transactions = new SyntheticTransactions(this, forms);
    /** Numbers each user data export, from the clock at start so that a later process names its files apart. */
    private final java.util.concurrent.atomic.AtomicLong reads =
            new java.util.concurrent.atomic.AtomicLong(System.currentTimeMillis());
    /** Pools and sites as last read: servers of a pool and federation routes decide how to script. */
    private volatile Topology topology;

    /** Hears of each script the shell ran: how many operations it carried, whether it exited 0 in time, how long it took. */
    @FunctionalInterface
    public interface Watch {
        void roundTrip(int operations, boolean ok, java.time.Duration took);

        /** Hears how every session is doing, after each script and when the driver closes. */
        default void sessions(List<SessionHealth> health) {}
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
        return runner.run(pipelines, null);
    }

    /** As {@link #run(List)}, through a session that serves {@code pool}. */
    List<Answer> run(List<String> pipelines, Fqdn pool) {
        return runner.run(pipelines, pool);
    }

    Answer run(String pipeline) {
        return run(List.of(pipeline)).get(0);
    }

    Answer run(String pipeline, Fqdn pool) {
        return run(List.of(pipeline), pool).get(0);
    }

    /** How every session is doing now. */
    public List<SessionHealth> sessions() {
        return runner.health();
    }

    /** The statements for the shell of the newest version in the topology as last read. */
    Statements statements() {
        return new Statements(settings.encoding(), version(topology()));
    }

    /** Statements that do not depend on the version: reads of the topology and of single subjects, probes. */
    private Statements plain() {
        return new Statements(settings.encoding(), ShellVersion.NEWEST);
    }

    private ShellVersion version(Topology t) {
        ShellVersion newest = null;
        for (Pool p : t.pools()) {
            if (p.version() != null) {
                ShellVersion v = new ShellVersion(p.version());
                newest = newest == null ? v : newest.max(v);
            }
        }
        return newest == null ? ShellVersion.NEWEST : newest;
    }

    // ---- snapshot --------------------------------------------------------------------------------

    Topology topology() {
        Topology t = topology;
        if (t == null) {
            t = parser.topology(run(plain().topology()));
            topology = t;
        }
        return t;
    }

    /**
     * The state from Get-Cs* queries as JSON: the topology first (it says which version's shell
     * this is and which pools have a Response Group configuration), then the rest in one script.
     * Meetings, client versions, the features users depend on and Windows services are not read
     * here (no cmdlet lists the first three; services are read per pool by {@link #services}).
     */
    @Override
    public Inventory snapshot() {
        topology = null;
        Topology t = topology();
        Statements st = statements();
        List<Statements.ObjectRead> objects = st.objects(t.pools());
        List<String> qs = new ArrayList<>();
        qs.add(st.users());
        objects.forEach(o -> qs.add(o.statement()));
        qs.addAll(st.policiesReplicationPartners());
        List<Answer> a = new ArrayList<>(run(qs));
        for (int i = 0; i < a.size(); i++) {
            Answer x = a.get(i);
            boolean rgs = i >= 1 && i <= objects.size() && objects.get(i - 1).kind() == HomedKind.RgsConfiguration;
            if (rgs && !x.ok() && notFound(x.error())) {
                // A pool whose Application Server has no Response Group configuration.
                a.set(i, new Answer(List.of(), null));
            } else if (!x.ok()) {
                throw failure("taking a snapshot", x.error());
            }
        }
        return parser.inventory(
                t, a, objects.stream().map(Statements.ObjectRead::kind).toList());
    }

    // ---- subjects ------------------------------------------------------------------------------

    /** The statement that reads where a subject is homed. */
    String homeQuery(Subject subject) {
        return plain().home(subject);
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
            pipeline = plain().moveCms(target.servers().get(0).text(), targetPool.text());
        } else {
            Fqdn proxy = proxyPool(targetPool);
            pipeline = plain().move(subject, targetPool.text(), proxy == null ? null : proxy.text());
        }
        Answer a = run(pipeline, targetPool);
        if (!a.ok()) {
            throw failure("moving " + subject + " to " + targetPool, a.error());
        }
    }

    /** Exports the Response Group configuration and imports it into the target: {@link Statements#exportImport}. */
    @Override
    public void exportImport(Subject subject, Fqdn targetPool) {
        if (subject.kind() != HomedKind.RgsConfiguration) {
            throw DeploymentFailure.permanent(
                    "only Response Group configuration is exported and imported, not " + subject);
        }
        Answer a = run(statements().exportImport(subject.id(), targetPool.text()));
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
        Answer a = run(plain().route(site, edgeFqdn.text()));
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

    /** Starts the services of an installed pool (Start-CsPool from 2015, each server's services before); a pool not installed yet fails with the cmdlet's error. */
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
    public List<ServerVersion> serverVersions(Fqdn pool) {
        return pools.serverVersions(pool);
    }

    @Override
    public List<Replica> replication() {
        return pools.replication();
    }

    // ---- probes --------------------------------------------------------------------------------

    /** Runs the probe as its Test-Cs* synthetic transaction: see {@link SyntheticTransactions}. */
    @Override
    public ProbeResult probe(Probe probe) {
        return transactions.run(probe);
    }

    /** The pools with a health-monitoring configuration, read once from the shell. */
    Set<Fqdn> monitoredPools() {
        return forms.monitored();
    }

    // ---- users' data ---------------------------------------------------------------------------

    /** Reads each user with {@link ShellUserData}: a few statements per user, shared in as few scripts as the batch allows. */
    @Override
    public List<UserState> userStates(List<SipAddress> users) {
        return new ShellUserData(statements(), settings.userData()).read(users, reads::incrementAndGet, this::run);
    }

    @Override
    public void restore(UserState before) {
        for (Answer a : run(new ShellUserData(statements(), settings.userData()).restore(before))) {
            if (!a.ok()) {
                throw failure("restoring the data of " + before.sipAddress(), a.error());
            }
        }
    }

    @Override
    public void close() {
        runner.close();
    }
}
