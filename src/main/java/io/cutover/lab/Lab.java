package io.cutover.lab;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.deployment.Deployment;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.PoolState;
import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeResult;
import io.cutover.deployment.Subject;
import io.cutover.deployment.UserState;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Pool;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServiceState;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.UnansweredServer;
import io.cutover.inventory.User;
import io.cutover.lab.sip.SipNetwork;
import io.cutover.rules.Release;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
    private final LabState state;
    private final LabStore store;
    private final Clock clock;
    private final Object lock = new Object();
    private final LabFaults failures;
    private final LabMoves moves;
    private final LabProbes probes;
    private final FaultInjection injection;

    private boolean closed;
    /** When set, the lab's pools are SIP servers and probes are SIP exchanges with them. */
    private volatile SipMode sip;

    Lab(LabState state, LabStore store, Clock clock) {
        this.state = state;
        this.store = store;
        this.clock = clock;
        this.failures = new LabFaults(state);
        this.moves = new LabMoves(this, state, store, clock, lock, failures);
        this.probes = new LabProbes(state, failures);
        this.injection = new FaultInjection(this, lock, store, failures);
    }

    /**
     * Creates a lab in {@code dir} from a scenario. Refuses when a lab already exists there: two
     * rehearsals must not silently share one deployment.
     *
     * @param where the scenario's file name, for error messages
     */
    public static Lab create(Path dir, String scenarioText, String where, Clock clock) {
        return LabProvisioning.create(dir, scenarioText, where, clock);
    }

    /** Opens the lab in {@code dir} as it was left: the scenario expanded, then its log replayed. */
    public static Lab open(Path dir, Clock clock) {
        return LabProvisioning.open(dir, clock, false);
    }

    /** As {@link #open}, for processes acting on it at once (instances sharing a run): see {@link LabStore#share}. */
    public static Lab openShared(Path dir, Clock clock) {
        return LabProvisioning.open(dir, clock, true);
    }

    /** In a shared lab, applies what other processes changed since this one last looked. */
    private void fresh() {
        synchronized (lock) {
            store.unseen(state::apply);
        }
    }

    /**
     * Creates a lab in {@code dir} that is the twin of a collected deployment (see {@link Twin}).
     *
     * @param servicesCollected whether the inventory came with service states; pools none of whose
     *     servers reported one (nor failed to answer) are then taken as not installed yet
     * @param unanswered servers that did not answer: kept, with every service {@code Unknown}
     */
    public static Lab createTwin(
            Path dir,
            Inventory inventory,
            boolean servicesCollected,
            List<UnansweredServer> unanswered,
            String where,
            Clock clock) {
        return LabProvisioning.createTwin(dir, inventory, servicesCollected, unanswered, where, clock);
    }

    /** A twin that keeps nothing on disk, as {@link #inMemory} is for scenarios. */
    public static Lab inMemoryTwin(
            Inventory inventory,
            boolean servicesCollected,
            List<UnansweredServer> unanswered,
            String where,
            Clock clock) {
        return LabProvisioning.inMemoryTwin(inventory, servicesCollected, unanswered, where, clock);
    }

    public static boolean exists(Path dir) {
        return LabStore.exists(dir);
    }

    /** A lab that keeps nothing on disk, for tests and benchmarks. */
    public static Lab inMemory(Scenario scenario, Clock clock) {
        return LabProvisioning.inMemory(scenario, clock);
    }

    /** The bundled Contoso example scenario. */
    public static Scenario example() {
        return Scenario.parse(exampleText(), "examples/contoso/scenario.yaml");
    }

    /** The text of the bundled Contoso example scenario, e.g. to create a lab from it. */
    public static String exampleText() {
        return LabProvisioning.exampleText();
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
        fresh();
        synchronized (lock) {
            return state.snapshot();
        }
    }

    @Override
    public Optional<Fqdn> homeOf(Subject subject) {
        fresh();
        return state.home(subject);
    }

    @Override
    public void move(Subject subject, Fqdn targetPool) {
        fresh();
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(targetPool, "targetPool");
        LabFaults.pause(state.faults().latencyMillis(Operations.MOVE, targetPool.text()));
        store.sync(moves.moveLocked(subject, targetPool));
    }

    @Override
    public void exportImport(Subject subject, Fqdn targetPool) {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(targetPool, "targetPool");
        LabFaults.pause(state.faults().latencyMillis(Operations.MOVE, targetPool.text()));
        store.sync(moves.exportImportLocked(subject, targetPool));
    }

    @Override
    public void setFederationRoute(String site, Fqdn edgeFqdn) {
        fresh();
        Objects.requireNonNull(site, "site");
        Pool edge = known(edgeFqdn);
        LabFaults.pause(
                state.faults().latencyMillis(Operations.ROUTE, edge.fqdn().text()));
        store.sync(moves.routeLocked(site, edge));
    }

    @Override
    public boolean perform(Release release) {
        Objects.requireNonNull(release, "release");
        store.sync(moves.releaseLocked(release));
        return true;
    }

    @Override
    public PoolState poolState(Fqdn fqdn) {
        fresh();
        return state.state(known(fqdn));
    }

    @Override
    public void deploy(Fqdn fqdn) {
        fresh();
        Pool pool = known(fqdn);
        LabFaults.pause(
                state.faults().latencyMillis(Operations.DEPLOY, pool.fqdn().text()));
        store.sync(moves.deployLocked(pool));
    }

    @Override
    public void decommission(Fqdn fqdn) {
        fresh();
        Pool pool = known(fqdn);
        LabFaults.pause(state.faults()
                .latencyMillis(Operations.DECOMMISSION, pool.fqdn().text()));
        store.sync(moves.decommissionLocked(pool));
    }

    @Override
    public List<ServiceState> services(Fqdn pool) {
        fresh();
        return state.services(known(pool));
    }

    @Override
    public List<Replica> replication() {
        fresh();
        return state.replicas();
    }

    @Override
    public List<Fqdn> unknownServers() {
        return state.unknownServers();
    }

    @Override
    public ProbeResult probe(Probe probe) {
        fresh();
        return probes.probe(probe, sip);
    }

    @Override
    public List<UserState> userStates(List<SipAddress> users) {
        synchronized (lock) {
            return users.stream().flatMap(u -> state.userState(u).stream()).toList();
        }
    }

    @Override
    public void restore(UserState before) {
        store.sync(moves.restoreLocked(before));
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
        return SignInUsers.byPool(state.snapshot(), perPool);
    }

    // ---- faults ----

    /** Puts a fault in force now; it is journaled, so a reopened lab still has it. */
    public void inject(Fault fault) {
        injection.inject(fault);
    }

    /** Puts a profile's faults in force; its seed decides every failure rate from now on. */
    public void inject(FaultProfile profile) {
        injection.inject(profile);
    }

    public void clearFaults() {
        injection.clear();
    }

    public List<Fault> faults() {
        return state.faults().faults();
    }

    public long faultSeed() {
        return state.faults().seed();
    }

    // ---- state ----

    /**
     * Queues the effects for the log and applies them, in the same order for both; the caller
     * syncs on the returned ticket after releasing the lock, so that it does not return before
     * the change is durable while other threads' changes share its commit.
     */
    long commit(List<Mutation> effects) {
        if (closed) {
            throw new CutoverException(ErrorCode.INTERNAL, "the lab is closed");
        }
        if (store.shared()) {
            // Written first, then applied with whatever the others wrote before it, in the log's order.
            store.writeNow(clock.instant(), effects);
            store.unseen(state::apply);
            return 0;
        }
        long ticket = store.append(clock.instant(), effects);
        effects.forEach(state::apply);
        return ticket;
    }

    Pool known(Fqdn fqdn) {
        return state.pool(fqdn)
                .orElseThrow(() -> DeploymentFailure.permanent(
                        "no pool '" + fqdn + "' in the topology; pools: " + failures.poolNames()));
    }

    /** The pool of that spelling, as an operator or a fault names it. */
    Pool known(String fqdn) {
        return state.pool(fqdn)
                .orElseThrow(() -> DeploymentFailure.permanent(
                        "no pool '" + fqdn + "' in the topology; pools: " + failures.poolNames()));
    }

    void requireUp(Pool pool, String action) {
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
        fresh();
        synchronized (lock) {
            return LabSummary.of(state, store.persistent() ? store.dir().toString() : "in memory");
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
