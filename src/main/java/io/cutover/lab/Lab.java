package io.cutover.lab;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.catalog.Catalog;
import io.cutover.catalog.Feature;
import io.cutover.catalog.ProductVersion;
import io.cutover.deployment.Deployment;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.PoolState;
import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeResult;
import io.cutover.deployment.Subject;
import io.cutover.inventory.ClientSignIn;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Meeting;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServiceState;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.Site;
import io.cutover.inventory.User;
import io.cutover.lab.sip.SipNetwork;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * An emulated Lync / Skype for Business deployment: the default target of every command. It
 * behaves as domain.md says a real one does (versions, removed features, site-scoped policies,
 * meetings, Edge and federation), injects faults on demand, and keeps its state in
 * {@code <dir>/lab.db} so that it outlives the process that drives it, as a real deployment would.
 *
 * <p>Changes are serialized by one lock, which also fixes their order in the log; an operation
 * returns only once its change is committed there, sharing commits with concurrent operations.
 * Reads and probes take no lock. Injected latency is slept outside the lock, so slow calls overlap
 * as they do against real servers.
 */
public final class Lab implements Deployment {
    private static final String EXAMPLE = "/examples/contoso/scenario.yaml";

    private final LabState state;
    private final LabStore store;
    private final Clock clock;
    private final ProbeRules rules;
    private final Object lock = new Object();
    /** Per operation and subject, how many times it was tried while a failure rate applied. */
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    private boolean closed;
    /** When set, the lab's pools are SIP servers and probes are SIP exchanges with them. */
    private volatile SipMode sip;

    private Lab(LabState state, LabStore store, Clock clock) {
        this.state = state;
        this.store = store;
        this.clock = clock;
        this.rules = new ProbeRules(state);
    }

    /**
     * Creates a lab in {@code dir} from a scenario. Refuses when a lab already exists there: two
     * rehearsals must not silently share one deployment.
     *
     * @param where the scenario's file name, for error messages
     */
    public static Lab create(Path dir, String scenarioText, String where, Clock clock) {
        if (LabStore.exists(dir)) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "a lab already exists in " + dir
                            + "; use the existing one, or give another directory for the new lab");
        }
        Scenario scenario = Scenario.parse(scenarioText, where);
        LabStore store = LabStore.create(dir, scenarioText, where, clock.instant());
        return new Lab(new LabState(scenario, Catalog.bundled()), store, clock);
    }

    /** Opens the lab in {@code dir} as it was left: the scenario expanded, then its log replayed. */
    public static Lab open(Path dir, Clock clock) {
        LabStore store = LabStore.open(dir);
        try {
            LabState state = Twin.is(store.scenarioText())
                    ? Twin.state(Twin.parse(store.scenarioText()), Catalog.bundled())
                    : new LabState(Scenario.parse(store.scenarioText(), store.where()), Catalog.bundled());
            store.mutations().forEach(state::apply);
            return new Lab(state, store, clock);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /**
     * Creates a lab in {@code dir} that is the twin of a collected deployment (see {@link Twin}).
     *
     * @param servicesCollected whether the inventory came with service states; pools none of whose
     *     servers reported one are then taken as not installed yet
     * @param where the inventory folder, for messages
     */
    public static Lab createTwin(Path dir, Inventory inventory, boolean servicesCollected, String where, Clock clock) {
        if (LabStore.exists(dir)) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "a lab already exists in " + dir
                            + "; use the existing one, or give another directory for the new lab");
        }
        Twin.Document d = new Twin.Document(where, inventory, Twin.notDeployed(inventory, servicesCollected));
        LabState state = Twin.state(d, Catalog.bundled());
        LabStore store = LabStore.create(dir, Twin.text(d), where, clock.instant());
        return new Lab(state, store, clock);
    }

    /** A twin that keeps nothing on disk, as {@link #inMemory} is for scenarios. */
    public static Lab inMemoryTwin(Inventory inventory, boolean servicesCollected, String where, Clock clock) {
        Twin.Document d = new Twin.Document(where, inventory, Twin.notDeployed(inventory, servicesCollected));
        return new Lab(Twin.state(d, Catalog.bundled()), LabStore.discarding(), clock);
    }

    public static boolean exists(Path dir) {
        return LabStore.exists(dir);
    }

    /** A lab that keeps nothing on disk, for tests and benchmarks. */
    public static Lab inMemory(Scenario scenario, Clock clock) {
        return new Lab(new LabState(scenario, Catalog.bundled()), LabStore.discarding(), clock);
    }

    /** The bundled Contoso example scenario. */
    public static Scenario example() {
        return Scenario.parse(exampleText(), "examples/contoso/scenario.yaml");
    }

    /** The text of the bundled Contoso example scenario, e.g. to create a lab from it. */
    public static String exampleText() {
        try (InputStream in = Lab.class.getResourceAsStream(EXAMPLE)) {
            if (in == null) {
                throw new CutoverException(ErrorCode.INTERNAL, EXAMPLE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Scenario scenario() {
        return state.scenario;
    }

    @Override
    public String name() {
        return "lab";
    }

    @Override
    public Inventory snapshot() {
        synchronized (lock) {
            return state.snapshot();
        }
    }

    @Override
    public Optional<Fqdn> homeOf(Subject subject) {
        return state.home(subject).map(Fqdn::of);
    }

    @Override
    public void move(Subject subject, String targetPool) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(targetPool, "targetPool");
        pause(state.faults().latencyMillis(Operations.MOVE, targetPool));
        store.sync(moveLocked(subject, targetPool));
    }

    private long moveLocked(Subject subject, String targetPool) {
        synchronized (lock) {
            String home = state.home(subject)
                    .orElseThrow(() -> DeploymentFailure.permanent(
                            "cannot move " + subject + ": no such " + subject.kind() + " in the deployment"));
            Pool target = known(targetPool);
            if (Fqdn.same(home, target.fqdn())) {
                return store.ticket();
            }
            if (target.role() != PoolRole.FrontEnd) {
                throw DeploymentFailure.permanent("cannot move " + subject + " to " + target.fqdn() + ": it is a "
                        + target.role() + " pool; users, objects and the CMS are homed on a FrontEnd pool");
            }
            requireUp(target, "cannot move " + subject + " to " + target.fqdn());
            Pool source = state.pool(home).orElseThrow();
            if (state.state(source) == PoolState.Down) {
                throw DeploymentFailure.retryable(
                        "cannot move " + subject + " off " + source.fqdn() + ": the pool is down");
            }
            ProductVersion from = state.version(source);
            ProductVersion to = state.version(target);
            if (!state.catalog.mayCoexist(from, to)) {
                throw DeploymentFailure.permanent("cannot move " + subject + " from " + source.fqdn() + " to "
                        + target.fqdn() + ": " + from.name() + " and " + to.name() + " may not coexist");
            }
            User user =
                    subject.kind() == HomedKind.User ? state.user(subject.id()).orElseThrow() : null;
            if (user != null) {
                for (Feature f : user.features()) {
                    if (!to.offers(f)) {
                        throw DeploymentFailure.permanent(
                                "cannot move " + user.sipAddress() + " to " + target.fqdn() + ": " + user.sipAddress()
                                        + " depends on " + f + ", which " + to.name() + " does not offer");
                    }
                }
            }
            failTransiently(
                    Operations.MOVE, subject.toString(), target.fqdn(), "move of " + subject + " to " + target.fqdn());
            List<Mutation> effects = new ArrayList<>(4);
            effects.add(new Mutation.Moved(subject, target.fqdn()));
            if (user != null) {
                for (PolicyKind kind : state.faults().dropsOnMoveInto(target.fqdn())) {
                    if (user.policies().containsKey(kind)) {
                        effects.add(new Mutation.PolicyDropped(user.sipAddress(), kind));
                    }
                }
                if (from.isOlderThan(to)) {
                    afterUpgradeMove(user, target, effects);
                }
            }
            return commit(effects);
        }
    }

    /**
     * What a user does once on a newer version, decided per SIP address so that rollback can be
     * rehearsed against the same consequences every time.
     */
    private void afterUpgradeMove(User user, Pool target, List<Mutation> effects) {
        Scenario.Activity a = state.scenario.activity();
        String sip = user.sipAddress();
        String key = SipAddress.key(sip);
        Instant now = clock.instant();
        String client = state.client(sip).map(ClientSignIn::clientVersion).orElse(null);
        if (a.clientUpgrade() > 0
                && Chance.of(a.seed(), "clientUpgrade", key, 0) < a.clientUpgrade()
                && !a.upgradedClient().equals(client)) {
            client = a.upgradedClient();
            effects.add(new Mutation.ClientUpgraded(new ClientSignIn(sip, client, now)));
        }
        if (a.newMeeting() > 0 && Chance.of(a.seed(), "newMeeting", key, 0) < a.newMeeting()) {
            int k = state.meetingCount(sip) + 1;
            effects.add(new Mutation.MeetingScheduled(
                    new Meeting(sip, Expansion.conferenceId(sip, k), target.fqdn(), now, client)));
        }
    }

    @Override
    public void setFederationRoute(String site, String edgeFqdn) {
        Objects.requireNonNull(site, "site");
        Pool edge = known(edgeFqdn);
        pause(state.faults().latencyMillis(Operations.ROUTE, edge.fqdn()));
        store.sync(routeLocked(site, edge));
    }

    private long routeLocked(String site, Pool edge) {
        synchronized (lock) {
            Site s = state.site(site)
                    .orElseThrow(() -> DeploymentFailure.permanent("no site '" + site + "' in the topology; sites: "
                            + state.sites().stream().map(Site::name).collect(Collectors.joining(", "))));
            if (Fqdn.same(edge.fqdn(), s.federationRoute())) {
                return store.ticket();
            }
            if (edge.role() != PoolRole.Edge) {
                throw DeploymentFailure.permanent("cannot route " + s.name() + "'s federation through " + edge.fqdn()
                        + ": it is a " + edge.role() + " pool, not an Edge pool");
            }
            requireUp(edge, "cannot route " + s.name() + "'s federation through " + edge.fqdn());
            failTransiently(Operations.ROUTE, s.name(), edge.fqdn(), "setting " + s.name() + "'s federation route");
            return commit(List.of(new Mutation.Routed(s.name(), edge.fqdn())));
        }
    }

    @Override
    public PoolState poolState(String fqdn) {
        return state.state(known(fqdn));
    }

    @Override
    public void deploy(String fqdn) {
        Pool pool = known(fqdn);
        pause(state.faults().latencyMillis(Operations.DEPLOY, pool.fqdn()));
        store.sync(deployLocked(pool));
    }

    private long deployLocked(Pool pool) {
        synchronized (lock) {
            PoolState built = state.builtState(pool);
            if (built == PoolState.Up) {
                return store.ticket();
            }
            if (built == PoolState.Decommissioned) {
                throw DeploymentFailure.permanent(
                        "cannot deploy " + pool.fqdn() + ": it was decommissioned, and there is no way back");
            }
            ProductVersion v = state.version(pool);
            for (Pool other : state.pools()) {
                if (state.builtState(other) == PoolState.Up && !state.catalog.mayCoexist(v, state.version(other))) {
                    throw DeploymentFailure.permanent("cannot deploy " + pool.fqdn() + ": " + v.name()
                            + " may not coexist with " + state.version(other).name() + " (" + other.fqdn() + ")");
                }
            }
            failTransiently(Operations.DEPLOY, pool.fqdn(), pool.fqdn(), "deploying " + pool.fqdn());
            return commit(List.of(new Mutation.Deployed(pool.fqdn())));
        }
    }

    @Override
    public void decommission(String fqdn) {
        Pool pool = known(fqdn);
        pause(state.faults().latencyMillis(Operations.DECOMMISSION, pool.fqdn()));
        store.sync(decommissionLocked(pool));
    }

    private long decommissionLocked(Pool pool) {
        synchronized (lock) {
            if (state.builtState(pool) == PoolState.Decommissioned) {
                return store.ticket();
            }
            List<String> blockers = state.blockers(pool);
            if (!blockers.isEmpty()) {
                throw DeploymentFailure.permanent("cannot decommission " + pool.fqdn() + ": "
                        + String.join("; ", blockers) + ". Move everything off it first");
            }
            failTransiently(Operations.DECOMMISSION, pool.fqdn(), pool.fqdn(), "decommissioning " + pool.fqdn());
            return commit(List.of(new Mutation.Decommissioned(pool.fqdn())));
        }
    }

    @Override
    public List<ServiceState> services(String pool) {
        return state.services(known(pool));
    }

    @Override
    public List<Replica> replication() {
        return state.replicas();
    }

    @Override
    public ProbeResult probe(Probe probe) {
        if (probe == null || probe.kind() == null) {
            return ProbeResult.failure(
                    probe, null, 0, "the probe has no kind", "400 Bad Request: the probe has no kind");
        }
        try {
            String op = Operations.of(probe.kind());
            String target = rules.target(probe);
            FaultProfile faults = state.faults();
            long latency = faults.latencyMillis(op, target);
            if (latency > 0) {
                Thread.sleep(latency);
            }
            int failedAttempt = draw(faults, op, probeKey(probe), target);
            SipMode overSip = sip;
            if (overSip != null) {
                ProbeResult exchanged = overSip.probes().run(probe, target);
                if (!exchanged.success()) {
                    return ProbeResult.failure(
                            probe,
                            target,
                            latency + exchanged.latencyMillis(),
                            exchanged.error(),
                            exchanged.diagnosis());
                }
                latency += exchanged.latencyMillis();
            } else {
                Optional<ProbeRules.Refusal> refusal = rules.check(probe);
                if (refusal.isPresent()) {
                    return ProbeResult.failure(
                            probe,
                            target,
                            latency,
                            refusal.get().error(),
                            refusal.get().diagnosis());
                }
            }
            Optional<String> user = faults.probeFailureFor(probe);
            if (user.isPresent()) {
                return ProbeResult.failure(
                        probe,
                        target,
                        latency,
                        "probes of " + user.get() + " fail (injected fault)",
                        "504 Server Time-out: probes of " + user.get() + " fail (injected fault)");
            }
            if (failedAttempt > 0) {
                return ProbeResult.failure(
                        probe,
                        target,
                        latency,
                        "no answer in time (injected fault, attempt " + failedAttempt + ")",
                        "408 Request Timeout: no answer from " + target + " (injected fault, attempt " + failedAttempt
                                + ")");
            }
            return ProbeResult.success(probe, target, latency);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ProbeResult.failure(probe, null, 0, "interrupted", "487 Request Terminated: interrupted");
        } catch (RuntimeException e) {
            // A probe reports; it never throws. The result carries what went wrong.
            return ProbeResult.failure(
                    probe,
                    null,
                    0,
                    "the lab could not run the probe: " + e,
                    "500 Server Internal Error: " + e.getMessage());
        }
    }

    private static String probeKey(Probe p) {
        // to is a SIP address or, for a federated probe, a partner domain: both compare case-insensitively.
        return p.kind() + "|" + SipAddress.key(p.from()) + "|" + SipAddress.key(p.to()) + "|" + Fqdn.key(p.via());
    }

    // ---- SIP ----

    /**
     * Starts the lab's SIP servers on 127.0.0.1 (a registrar and proxy per registrar pool, a proxy
     * with an internal and an external listener per Edge, a proxy per federated partner), on ports
     * the OS chooses; from then on every probe is a SIP exchange with them. They stop when the lab
     * closes. Does nothing when they are already running.
     */
    public Lab startSip() {
        return startSip(SipMode.DEFAULT_T1_MILLIS, SipMode.DEFAULT_TIMEOUT_MILLIS);
    }

    /** As {@link #startSip()}, with the clients' retransmission interval and give-up time. */
    public Lab startSip(long t1Millis, long timeoutMillis) {
        synchronized (lock) {
            if (closed) {
                throw new CutoverException(ErrorCode.INTERNAL, "the lab is closed");
            }
            if (sip == null) {
                sip = SipMode.start(new LabDirectory(state), t1Millis, timeoutMillis);
            }
        }
        return this;
    }

    /** The running SIP servers, or empty when probes are decided in memory. */
    public Optional<SipNetwork> sipNetwork() {
        SipMode s = sip;
        return s == null ? Optional.empty() : Optional.of(s.network());
    }

    /** Up to {@code perPool} users homed on each registrar pool now, test accounts first, for clients to sign in as. */
    public List<User> usersByPool(int perPool) {
        Map<String, List<User>> by = new java.util.LinkedHashMap<>();
        List<User> all = new ArrayList<>(state.snapshot().users());
        all.sort(java.util.Comparator.comparing((User u) -> !u.test()));
        for (User u : all) {
            List<User> list = by.computeIfAbsent(Fqdn.key(u.pool()), k -> new ArrayList<>());
            if (list.size() < perPool) {
                list.add(u);
            }
        }
        return by.values().stream().flatMap(List::stream).toList();
    }

    // ---- faults ----

    /** Puts a fault in force now; it is journaled, so a reopened lab still has it. */
    public void inject(Fault fault) {
        check(fault);
        long ticket;
        synchronized (lock) {
            ticket = commit(List.of(new Mutation.Injected(List.of(fault), null)));
        }
        store.sync(ticket);
    }

    /** Puts a profile's faults in force; its seed decides every failure rate from now on. */
    public void inject(FaultProfile profile) {
        profile.faults().forEach(this::check);
        long ticket;
        synchronized (lock) {
            ticket = commit(List.of(new Mutation.Injected(profile.faults(), profile.seed())));
        }
        store.sync(ticket);
    }

    public void clearFaults() {
        long ticket;
        synchronized (lock) {
            ticket = commit(List.of(new Mutation.Cleared()));
        }
        store.sync(ticket);
    }

    public List<Fault> faults() {
        return state.faults().faults();
    }

    public long faultSeed() {
        return state.faults().seed();
    }

    private void check(Fault fault) {
        Objects.requireNonNull(fault, "fault");
        Optional<String> pool = FaultProfile.poolOf(fault);
        if (pool.isPresent() && state.pool(pool.get()).isEmpty()) {
            throw new CutoverException(
                    ErrorCode.UNKNOWN_POOL,
                    "the fault \"" + fault.describe() + "\" names pool " + pool.get()
                            + ", which this lab does not have; pools: " + poolNames());
        }
        String server = fault instanceof Fault.ReplicaStale r
                ? r.replica()
                : fault instanceof Fault.ServiceStopped s ? s.server() : null;
        if (server != null
                && state.pools().stream().flatMap(p -> p.servers().stream()).noneMatch(m -> Fqdn.same(server, m))) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "the fault \"" + fault.describe() + "\" names server " + server
                            + ", which no pool of this lab has");
        }
    }

    /**
     * Decides whether a call fails: a pure function of the seed, the operation, the subject and the
     * subject's attempt number, so concurrent callers see the same failures in any interleaving.
     *
     * @return the failing attempt's number, or 0 when the call goes through
     */
    private int draw(FaultProfile faults, String op, String key, String pool) {
        if (!faults.hasFailureRate(op)) {
            return 0;
        }
        // Whatever the key names (a subject, a site, a pool), it compares case-insensitively.
        String k = Fqdn.key(key);
        int attempt =
                attempts.computeIfAbsent(op + "|" + k, x -> new AtomicInteger()).incrementAndGet();
        double rate = faults.failureRate(op, pool);
        return rate > 0 && Chance.of(faults.seed(), op, k, attempt) < rate ? attempt : 0;
    }

    private void failTransiently(String op, String key, String pool, String what) {
        int attempt = draw(state.faults(), op, key, pool);
        if (attempt > 0) {
            throw DeploymentFailure.retryable(
                    what + " failed: no answer in time (injected fault, attempt " + attempt + ")");
        }
    }

    private static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeploymentFailure.retryable("interrupted while waiting for the lab");
        }
    }

    // ---- state ----

    /**
     * Queues the effects for the log and applies them, in the same order for both; the caller
     * syncs on the returned ticket after releasing the lock, so that it does not return before
     * the change is durable while other threads' changes share its commit.
     */
    private long commit(List<Mutation> effects) {
        if (closed) {
            throw new CutoverException(ErrorCode.INTERNAL, "the lab is closed");
        }
        long ticket = store.append(clock.instant(), effects);
        effects.forEach(state::apply);
        return ticket;
    }

    private Pool known(String fqdn) {
        return state.pool(fqdn)
                .orElseThrow(() ->
                        DeploymentFailure.permanent("no pool '" + fqdn + "' in the topology; pools: " + poolNames()));
    }

    private String poolNames() {
        return state.pools().stream().map(Pool::fqdn).collect(Collectors.joining(", "));
    }

    private void requireUp(Pool pool, String action) {
        switch (state.state(pool)) {
            case Down -> throw DeploymentFailure.retryable(action + ": the pool is down");
            case NotDeployed ->
                throw DeploymentFailure.permanent(action + ": the pool is not deployed yet; deploy it first");
            case Decommissioned -> throw DeploymentFailure.permanent(action + ": the pool was decommissioned");
            case Up -> {}
        }
    }

    /** What {@code cutover lab inspect} shows. */
    public LabSummary summary() {
        synchronized (lock) {
            Map<String, int[]> counts = state.homedCounts();
            List<LabSummary.PoolLine> pools = new ArrayList<>();
            for (Pool p : state.pools()) {
                int[] c = counts.getOrDefault(Fqdn.key(p.fqdn()), new int[2]);
                pools.add(
                        new LabSummary.PoolLine(p.fqdn(), p.site(), p.role(), p.version(), state.state(p), c[0], c[1]));
            }
            List<LabSummary.SiteLine> sites = state.sites().stream()
                    .map(s ->
                            new LabSummary.SiteLine(s.name(), s.siteId(), s.federationRoute(), s.xmppFederationRoute()))
                    .toList();
            String location = store.persistent() ? store.dir().toString() : "in memory";
            return new LabSummary(
                    state.scenario.name(),
                    location,
                    state.userCount(),
                    state.cmsPool(),
                    pools,
                    sites,
                    faultSeed(),
                    faults());
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (!closed) {
                closed = true;
                SipMode s = sip;
                sip = null;
                if (s != null) {
                    s.close();
                }
                store.close();
            }
        }
    }
}
