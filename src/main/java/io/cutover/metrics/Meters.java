package io.cutover.metrics;

import io.cutover.deployment.Deployment;
import io.cutover.deployment.ProbeKind;
import io.cutover.inventory.Fqdn;
import io.cutover.journal.Action;
import io.cutover.journal.Journal;
import io.cutover.journal.Outcome;
import io.cutover.plan.Plan;
import io.cutover.shell.ShellDeployment;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * The process's meters, one registry, and one named method per thing counted. Names follow the
 * Prometheus conventions once exposed: snake_case, {@code _total} on counters, seconds as the unit
 * of every timer. Label values are lower case. Thread-safe: the executor's workers, the journal's
 * writer and the probe threads record at once.
 *
 * <pre>
 * cutover_moves_total{pool, action=do|undo, outcome=ok|retry|failed}  journaled ends of move attempts
 * cutover_retries_total{action=do|undo}                             attempts ended "retry" (moves and steps)
 * cutover_moves_in_flight                                           deployment moves going on now
 * cutover_gates_total{result=passed|failed}                         gate evaluations
 * cutover_journal_commit_duration_seconds                           journal group commits
 * cutover_journal_rows_total                                        rows committed to the journal
 * cutover_probe_duration_seconds{modality, result=ok|failed}        synthetic transactions, as they report their latency
 * cutover_shell_round_trip_duration_seconds{result=ok|failed}       scripts run through the Management Shell
 * cutover_shell_operations_total                                    operations those scripts carried
 * </pre>
 */
public final class Meters {
    /** The content type of {@link #scrape()}: the Prometheus text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /** Histogram buckets from a fast commit to a shell script near its default timeout: few, so a scrape stays short. */
    private static final Duration[] BUCKETS = Stream.of(
                    1, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 120_000)
            .map(Duration::ofMillis)
            .toArray(Duration[]::new);

    /** Null when nothing is recorded: then no Micrometer class is even loaded, which a short command would feel. */
    private final PrometheusMeterRegistry registry;

    private final AtomicInteger inFlight = new AtomicInteger();

    /** Meters that record, for a scrape. */
    public Meters() {
        this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        Gauge.builder("cutover.moves.in.flight", inFlight, AtomicInteger::get)
                .description("Moves the deployment is carrying out now")
                .register(registry);
    }

    private Meters(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters that record nothing and watch nothing, for a command nobody scrapes. */
    public static Meters none() {
        return new Meters(null);
    }

    /** Everything recorded so far, in the Prometheus text format ({@link #CONTENT_TYPE}); empty for {@link #none()}. */
    public String scrape() {
        return registry == null ? "" : registry.scrape();
    }

    /** Counts the moves, retries and gate results of {@code plan}'s run as the journal commits them. */
    public Journal.Watch journal(Plan plan) {
        return registry == null ? Journal.Watch.NONE : new JournalRows(this, plan)::committed;
    }

    /** The deployment, with its moves in flight counted and its probes timed. */
    public Deployment watch(Deployment deployment) {
        return registry == null ? deployment : new MeteredDeployment(deployment, this);
    }

    /** Times the shell driver's scripts. */
    public ShellDeployment.Watch shell() {
        return registry == null ? (operations, ok, took) -> {} : this::roundTrip;
    }

    void moved(Fqdn pool, Action action, Outcome outcome) {
        Counter.builder("cutover.moves")
                .description("Move attempts ended, by the pool moved to")
                .tag("pool", pool == null ? "unknown" : pool.key())
                .tag("action", lower(action.name()))
                .tag("outcome", lower(outcome.name()))
                .register(registry)
                .increment();
    }

    void retried(Action action) {
        Counter.builder("cutover.retries")
                .description("Attempts that ended in a transient failure, to be tried again")
                .tag("action", lower(action.name()))
                .register(registry)
                .increment();
    }

    void gate(boolean passed) {
        Counter.builder("cutover.gates")
                .description("Gate evaluations, by result")
                .tag("result", passed ? "passed" : "failed")
                .register(registry)
                .increment();
    }

    void committed(int rows, Duration took) {
        timer("cutover.journal.commit.duration", "Journal group commits")
                .register(registry)
                .record(took);
        Counter.builder("cutover.journal.rows")
                .description("Rows committed to the journal")
                .register(registry)
                .increment(rows);
    }

    void probed(ProbeKind modality, boolean ok, Duration took) {
        timer("cutover.probe.duration", "Synthetic transactions, by modality, as they report their latency")
                .tag("modality", lower(modality.name()))
                .tag("result", ok ? "ok" : "failed")
                .register(registry)
                .record(took);
    }

    void roundTrip(int operations, boolean ok, Duration took) {
        timer("cutover.shell.round.trip.duration", "Scripts run through the Management Shell")
                .tag("result", ok ? "ok" : "failed")
                .register(registry)
                .record(took);
        Counter.builder("cutover.shell.operations")
                .description("Operations carried by the shell's scripts")
                .register(registry)
                .increment(operations);
    }

    void moveBegan() {
        inFlight.incrementAndGet();
    }

    void moveEnded() {
        inFlight.decrementAndGet();
    }

    private static Timer.Builder timer(String name, String description) {
        return Timer.builder(name).description(description).serviceLevelObjectives(BUCKETS);
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
