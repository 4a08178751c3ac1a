package io.cutover.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.catalog.Catalog;
import io.cutover.catalog.ProductVersion;
import io.cutover.deployment.Deployment;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.PoolState;
import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeKind;
import io.cutover.deployment.ProbeResult;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.HomedObject;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Policies;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServiceState;
import io.cutover.inventory.ServiceStatus;
import io.cutover.inventory.Site;
import io.cutover.inventory.SiteKind;
import io.cutover.inventory.User;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;

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
    static final String STATUS_KEY = "cutoverItem";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TRANSIENT = List.of(
            "timed out",
            "timeout",
            "temporarily unavailable",
            "rpc server is unavailable",
            "server is busy",
            "try again",
            "cannot contact",
            "could not be contacted",
            "not available",
            "unable to connect");

    private final ShellSettings settings;
    private final Catalog catalog;
    private final ArrayDeque<Call> queue = new ArrayDeque<>();
    private final ReentrantLock running = new ReentrantLock(true);
    /** Pools and sites as last read: servers of a pool and federation routes decide how to script. */
    private volatile Topology topology;

    private final Watch watch;

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
        this.catalog = catalog;
        this.watch = watch;
    }

    public ShellSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return "shell";
    }

    // ---- the batching runner ------------------------------------------------------------------

    /** One statement in a script and, once the script ran, its answer. */
    private static final class Call {
        final String pipeline;
        final List<JsonNode> data = new ArrayList<>();
        String error;
        DeploymentFailure failure;
        boolean done;

        Call(String pipeline) {
            this.pipeline = pipeline;
        }
    }

    /** What one statement answered: the objects it wrote, or the error record's text. */
    record Answer(List<JsonNode> data, String error) {
        boolean ok() {
            return error == null;
        }
    }

    /** Runs statements, sharing a script with whatever else is waiting; answers in the same order. */
    List<Answer> run(List<String> pipelines) {
        List<Call> calls = pipelines.stream().map(Call::new).toList();
        synchronized (queue) {
            queue.addAll(calls);
        }
        running.lock();
        try {
            while (!allDone(calls)) {
                List<Call> batch = new ArrayList<>();
                synchronized (queue) {
                    while (!queue.isEmpty() && batch.size() < settings.batch()) {
                        batch.add(queue.poll());
                    }
                }
                if (batch.isEmpty()) {
                    break;
                }
                runScript(batch);
            }
        } finally {
            running.unlock();
        }
        List<Answer> answers = new ArrayList<>(calls.size());
        for (Call c : calls) {
            if (c.failure != null) {
                throw c.failure;
            }
            answers.add(new Answer(List.copyOf(c.data), c.error));
        }
        return answers;
    }

    private static boolean allDone(List<Call> calls) {
        synchronized (calls) {
            return calls.stream().allMatch(c -> c.done);
        }
    }

    Answer run(String pipeline) {
        return run(List.of(pipeline)).get(0);
    }

    /** The script for statements: each in its own try/catch that writes a status object. */
    String script(List<String> pipelines) {
        StringBuilder sb = new StringBuilder();
        sb.append("$ProgressPreference = 'SilentlyContinue'\n");
        for (int i = 0; i < pipelines.size(); i++) {
            int n = i + 1;
            sb.append("try { ")
                    .append(pipelines.get(i))
                    .append("; @{ ")
                    .append(STATUS_KEY)
                    .append(" = ")
                    .append(n)
                    .append("; ok = $true } | ConvertTo-Json -Compress } catch { @{ ")
                    .append(STATUS_KEY)
                    .append(" = ")
                    .append(n)
                    .append("; ok = $false; error = \"$_\" } | ConvertTo-Json -Compress }\n");
        }
        return sb.toString();
    }

    private void runScript(List<Call> batch) {
        String script = script(batch.stream().map(c -> c.pipeline).toList());
        int[] current = {0};
        long began = System.nanoTime();
        ShellProcess.Exit exit = ShellProcess.run(settings.command(), script, settings.timeout(), line -> {
            JsonNode node = parse(line);
            if (node == null) {
                return;
            }
            synchronized (batch) {
                if (node.isObject() && node.has(STATUS_KEY)) {
                    int n = node.get(STATUS_KEY).asInt();
                    if (n >= 1 && n <= batch.size()) {
                        Call c = batch.get(n - 1);
                        if (!node.path("ok").asBoolean(false)) {
                            c.error = node.path("error").asText("the cmdlet failed without an error text");
                        }
                        c.done = true;
                        current[0] = n;
                    }
                } else if (current[0] < batch.size()) {
                    Call c = batch.get(current[0]);
                    if (node.isArray()) {
                        node.forEach(c.data::add);
                    } else {
                        c.data.add(node);
                    }
                }
            }
        });
        watch.roundTrip(
                batch.size(),
                exit.code() == 0 && !exit.timedOut(),
                java.time.Duration.ofNanos(System.nanoTime() - began));
        synchronized (batch) {
            for (Call c : batch) {
                if (c.done) {
                    continue;
                }
                if (exit.timedOut()) {
                    c.failure = DeploymentFailure.retryable(
                            "the shell did not answer within " + seconds() + "; its process was killed");
                } else if (exit.code() != 0) {
                    c.failure = DeploymentFailure.permanent("the shell exited with code " + exit.code()
                            + (exit.stderr().isEmpty() ? "" : ": " + firstLines(exit.stderr())));
                } else {
                    c.failure = DeploymentFailure.permanent("the shell ended without answering for this operation"
                            + (exit.stderr().isEmpty() ? "" : ": " + firstLines(exit.stderr())));
                }
                c.data.clear();
                c.done = true;
            }
        }
    }

    private String seconds() {
        long ms = settings.timeout().toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    private static String firstLines(String text) {
        String oneLine = text.strip().replaceAll("\\s*\\R\\s*", " | ");
        return oneLine.length() > 600 ? oneLine.substring(0, 600) + "..." : oneLine;
    }

    private static JsonNode parse(String line) {
        String t = line.strip();
        if (!(t.startsWith("{") || t.startsWith("["))) {
            return null;
        }
        try {
            return JSON.readTree(t);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    /** Whether an error record's text says the operation may succeed if tried again. */
    static boolean isTransient(String error) {
        String e = error.toLowerCase(Locale.ROOT);
        return TRANSIENT.stream().anyMatch(e::contains);
    }

    private static DeploymentFailure failure(String what, String error) {
        String msg = what + ": " + error;
        return isTransient(error) ? DeploymentFailure.retryable(msg) : DeploymentFailure.permanent(msg);
    }

    private static boolean notFound(String error) {
        String e = error.toLowerCase(Locale.ROOT);
        return e.contains("not found") || e.contains("cannot find") || e.contains("does not exist");
    }

    private String q(Cmdlet c) {
        return c.render(settings.encoding());
    }

    /** A query: the cmdlet, made to stop on error, its output as compressed JSON. */
    private String query(Cmdlet c) {
        return q(c.with("ErrorAction", "Stop")) + " | ConvertTo-Json -Depth 4 -Compress";
    }

    private String action(Cmdlet c) {
        return q(c.with("ErrorAction", "Stop"));
    }

    // ---- snapshot --------------------------------------------------------------------------------

    private record Topology(List<Site> sites, List<Pool> pools, String cmsPool) {
        Optional<Pool> pool(String fqdn) {
            return pools.stream().filter(p -> Fqdn.same(p.fqdn(), fqdn)).findFirst();
        }
    }

    private List<String> topologyQueries() {
        return List.of(
                query(Cmdlet.of("Get-CsSite")), query(Cmdlet.of("Get-CsPool")), query(Cmdlet.of("Get-CsService")));
    }

    private Topology topology(List<Answer> a) {
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
                    strip(text(s, "FederationRoute", null), "EdgeServer:"),
                    strip(text(s, "XmppFederationRoute", null), "EdgeServer:")));
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
            List<String> servers = new ArrayList<>();
            p.path("Computers").forEach(c -> servers.add(c.asText()));
            Set<String> r = roles.getOrDefault(fqdn, Set.of());
            String version = Optional.ofNullable(versions.get(fqdn))
                    .flatMap(catalog::byServiceVersion)
                    .map(ProductVersion::name)
                    .orElse("unknown");
            pools.add(
                    new Pool(fqdn, strip(text(p, "Site", ""), "Site:"), role(r), version, servers, nextHops.get(fqdn)));
        }
        return new Topology(List.copyOf(sites), List.copyOf(pools), cms);
    }

    private static PoolRole role(Set<String> services) {
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

    private Topology topology() {
        Topology t = topology;
        if (t == null) {
            t = topology(run(topologyQueries()));
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
        Topology t = topology(a);
        topology = t;
        int i = 3;
        List<User> users = new ArrayList<>();
        for (JsonNode u : a.get(i++).data()) {
            Map<PolicyKind, String> policies = new EnumMap<>(PolicyKind.class);
            for (PolicyKind k : PolicyKind.values()) {
                String v = text(u, k.column(), null);
                if (v != null && !v.isEmpty()) {
                    policies.put(k, v);
                }
            }
            users.add(new User(
                    text(u, "SipAddress", ""),
                    text(u, "DisplayName", null),
                    text(u, "RegistrarPool", ""),
                    policies,
                    Set.of(),
                    false));
        }
        List<HomedObject> objects = new ArrayList<>();
        for (HomedKind k : objectKinds) {
            Kinds kinds = Kinds.of(k);
            for (JsonNode o : a.get(i++).data()) {
                objects.add(new HomedObject(
                        k,
                        text(o, "Identity", ""),
                        text(o, "DisplayName", null),
                        kinds.pool(text(o, kinds.poolProperty(), ""))));
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
            replicas.add(
                    new Replica(text(r, "ReplicaFqdn", ""), r.path("UpToDate").asBoolean(false)));
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
    public void move(Subject subject, String targetPool) {
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
                    + settings.encoding().value(target.servers().get(0)) + " -ScriptBlock { "
                    + action(Kinds.move(HomedKind.Cms, subject.id(), targetPool, null)) + " }";
        } else {
            pipeline = action(Kinds.move(subject.kind(), subject.id(), targetPool, proxyPool(targetPool)));
        }
        Answer a = run(pipeline);
        if (!a.ok()) {
            throw failure("moving " + subject + " to " + targetPool, a.error());
        }
    }

    /**
     * While more than one Edge pool carries federation (during the migration, two briefly do),
     * Move-CsUser needs -ProxyPool: the Edge that carries the target pool's site's federation.
     */
    private String proxyPool(String targetPool) {
        Topology t = topology();
        Set<String> federating = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
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
    public void setFederationRoute(String site, String edgeFqdn) {
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
    public PoolState poolState(String fqdn) {
        List<String> servers = topology().pool(fqdn).map(Pool::servers).orElse(List.of());
        List<String> qs = new ArrayList<>();
        qs.add(query(Cmdlet.of("Get-CsPool").with("Identity", fqdn)));
        for (String s : servers) {
            qs.add(query(Cmdlet.of("Get-CsWindowsService").with("ComputerName", s)));
        }
        List<Answer> a = run(qs);
        if (!a.get(0).ok()) {
            if (notFound(a.get(0).error())) {
                return PoolState.Decommissioned;
            }
            throw failure("reading pool " + fqdn, a.get(0).error());
        }
        if (a.get(0).data().isEmpty()) {
            return PoolState.Decommissioned;
        }
        int reachable = 0;
        boolean anyRunning = false;
        for (int i = 1; i < a.size(); i++) {
            if (!a.get(i).ok()) {
                continue;
            }
            reachable++;
            for (JsonNode svc : a.get(i).data()) {
                anyRunning |= status(svc.path("Status")) == ServiceStatus.Running;
            }
        }
        if (!servers.isEmpty() && reachable == 0) {
            return PoolState.Down;
        }
        return anyRunning ? PoolState.Up : PoolState.NotDeployed;
    }

    /** Starts the services of an installed pool (Start-CsPool); a pool not installed yet fails with the cmdlet's error. */
    @Override
    public void deploy(String fqdn) {
        Answer a = run(action(Cmdlet.of("Start-CsPool").with("PoolFqdn", fqdn).flag("Confirm", false)));
        if (!a.ok()) {
            throw failure(
                    "starting pool " + fqdn + " (install it with the Deployment Wizard first if it is not installed)",
                    a.error());
        }
    }

    /**
     * Stops every service of the pool gracefully. Removing the pool from the topology is then a
     * Topology Builder step; until it is done this fails, naming that step, and a resumed run
     * finds the pool gone.
     */
    @Override
    public void decommission(String fqdn) {
        if (poolState(fqdn) == PoolState.Decommissioned) {
            return;
        }
        List<String> servers = topology().pool(fqdn).map(Pool::servers).orElse(List.of());
        List<String> qs = servers.stream()
                .map(s -> action(Cmdlet.of("Stop-CsWindowsService")
                        .with("ComputerName", s)
                        .flag("Graceful")))
                .toList();
        List<Answer> a = run(qs);
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).ok()) {
                throw failure(
                        "stopping the services of " + servers.get(i), a.get(i).error());
            }
        }
        if (poolState(fqdn) != PoolState.Decommissioned) {
            throw DeploymentFailure.permanent(
                    "the services of " + fqdn + " are stopped; now remove " + fqdn
                            + " from the topology in Topology Builder, publish it (Publish-CsTopology) and run `cutover run --resume`");
        }
    }

    @Override
    public List<ServiceState> services(String pool) {
        Pool p = topology()
                .pool(pool)
                .orElseThrow(() -> DeploymentFailure.permanent("no pool '" + pool + "' in the topology"));
        List<String> qs = p.servers().stream()
                .map(s -> query(Cmdlet.of("Get-CsWindowsService").with("ComputerName", s)))
                .toList();
        List<Answer> a = run(qs);
        List<ServiceState> rows = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            String server = p.servers().get(i);
            if (!a.get(i).ok()) {
                // An unreachable server runs nothing the gate can count on; say why in the row.
                rows.add(new ServiceState(
                        server, p.fqdn(), "(unreachable: " + a.get(i).error() + ")", ServiceStatus.Stopped));
                continue;
            }
            for (JsonNode svc : a.get(i).data()) {
                rows.add(new ServiceState(server, p.fqdn(), text(svc, "Name", "?"), status(svc.path("Status"))));
            }
        }
        return rows;
    }

    @Override
    public List<Replica> replication() {
        Answer a = run(query(Cmdlet.of("Get-CsManagementStoreReplicationStatus")));
        if (!a.ok()) {
            throw failure("reading CMS replication", a.error());
        }
        return a.data().stream()
                .map(r -> new Replica(
                        text(r, "ReplicaFqdn", ""), r.path("UpToDate").asBoolean(false)))
                .toList();
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

    // ---- JSON ----------------------------------------------------------------------------------

    private static String text(JsonNode n, String field, String orElse) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? orElse : v.asText();
    }

    private static String strip(String value, String prefix) {
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
            if (s.name().equalsIgnoreCase(n.asText())) {
                return s;
            }
        }
        return ServiceStatus.Stopped;
    }
}
