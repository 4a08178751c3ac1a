package io.cutover.bench;

import io.cutover.catalog.Catalog;
import io.cutover.inventory.HomedKind;
import io.cutover.journal.Claimant;
import io.cutover.journal.Claims;
import io.cutover.journal.Journal;
import io.cutover.journal.LeaseTerms;
import io.cutover.journal.RunRecord;
import io.cutover.journal.Store;
import io.cutover.lab.Fault;
import io.cutover.lab.Lab;
import io.cutover.lab.Scenario;
import io.cutover.lab.Scenarios;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanCodec;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Planner;
import io.cutover.plan.Step;
import io.cutover.run.Executor;
import io.cutover.run.Parallelism;
import io.cutover.run.RunOutcome;
import io.cutover.run.RunSettings;
import io.cutover.run.RunStart;
import io.cutover.run.Units;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * Benchmarks of a journal shared by instances: journaled moves per second on any store
 * (PostgreSQL given by URL), several instances claiming one run's units, and the example's sites
 * one after another or at once. Each repetition starts a new run; on a SQLite store (the default)
 * each gets a fresh file, on PostgreSQL new rows in the database given, which should be a
 * scratch database.
 */
public final class SharedBench {
    private static final String TARGET = "Skype for Business Server 2019";
    /** The example's target: it already has a Subscription Edition Edge. */
    private static final String EXAMPLE_TARGET = "Skype for Business Server Subscription Edition";

    private SharedBench() {}

    /**
     * A fresh journal for each repetition: a new file under a temporary directory, or the given
     * PostgreSQL store. {@code store} null: SQLite.
     */
    public record Stores(Store store, Path dir) {
        static Stores of(Store store) {
            try {
                return new Stores(store, Files.createTempDirectory("cutover-bench-store"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Store next(int rep) {
            return store != null ? store : new Store.Sqlite(dir.resolve("journal-" + rep + ".db"));
        }

        String name() {
            return store != null ? "PostgreSQL" : "SQLite";
        }
    }

    /** Journaled moves per second on {@code store} (null: SQLite) against a zero-latency lab, one instance. */
    public static Figure moves(Store store, int users, int concurrency, int reps) {
        Stores stores = Stores.of(store);
        try {
            List<Double> samples = new ArrayList<>();
            for (int i = 0; i < reps; i++) {
                Timed t = onLab(Scenarios.synthetic(2, users), TARGET, 0, 0, usersOnly(), (lab, plan) -> {
                    try (Journal journal = Journal.open(stores.next(samples.size()))) {
                        RunRecord run = RunStart.begin(
                                journal, plan, "lab", Clock.systemUTC().instant());
                        return timed(() ->
                                new Executor(plan, run, journal, lab, Clock.systemUTC(), settings(concurrency)).run());
                    }
                });
                samples.add(t.moves / t.seconds);
            }
            double median = Figure.median(samples);
            return new Figure(
                    "journaled moves per second on " + stores.name() + ", " + users + " users, concurrency "
                            + concurrency + ", one instance",
                    "moves/s",
                    samples,
                    median,
                    ">= 5000 moves/s",
                    median >= 5000,
                    "each move a BEGIN and an END row, committed in batches, as in `bench moves`");
        } finally {
            Benchmarks.deleteTree(stores.dir());
        }
    }

    /**
     * {@code instances} instances in this JVM (threads, each with its own journal connection pool,
     * claims and executor of {@code concurrency} workers) share one run of {@code users} moves at
     * {@code latencyMillis} each: makespan against the ideal, moves x latency / (instances x
     * concurrency).
     */
    public static Figure instances(
            Store store, int instances, int concurrency, int users, long latencyMillis, int slice, int reps) {
        Stores stores = Stores.of(store);
        try {
            List<Double> ratios = new ArrayList<>();
            List<String> runs = new ArrayList<>();
            double ideal = 0;
            int moved = 0;
            for (int i = 0; i < reps; i++) {
                int rep = i;
                Timed t = onLab(Scenarios.synthetic(1, users), TARGET, latencyMillis, 0, usersOnly(), (lab, plan) -> {
                    Store s = stores.next(rep);
                    RunRecord run;
                    try (Journal journal = Journal.open(s)) {
                        run = RunStart.begin(
                                journal, plan, "lab", Clock.systemUTC().instant());
                    }
                    Parallelism shared = new Parallelism(true, false, 0, 0, slice);
                    return together(instances, k -> {
                        try (Journal journal = Journal.open(s)) {
                            Claims claims = join(journal, run, plan, shared, "bench-" + k);
                            return new Executor(plan, run, journal, lab, Clock.systemUTC(), settings(concurrency))
                                    .run(claims, shared);
                        }
                    });
                });
                moved = t.moves;
                ideal = t.moves * latencyMillis / 1000.0 / (instances * concurrency);
                ratios.add(t.seconds / ideal);
                runs.add(String.format("%.2f s", t.seconds));
            }
            double ratio = Figure.median(ratios);
            return new Figure(
                    instances + " instances x concurrency " + concurrency + " on " + stores.name() + ", " + moved
                            + " moves at " + latencyMillis + " ms each, slice " + slice,
                    "x ideal",
                    ratios,
                    ratio,
                    "<= 1.15 x ideal",
                    ratio <= 1.15,
                    String.format("runs took %s; ideal %.2f s", String.join(", ", runs), ideal));
        } finally {
            Benchmarks.deleteTree(stores.dir());
        }
    }

    /**
     * The bundled example planned in full and run on a lab whose moves take {@code moveMillis} and
     * probes {@code probeMillis}: its sites one after another with {@code concurrency} moves in
     * flight, then with {@code --parallel-sites}, the same {@code concurrency} in each site (the
     * global bound that many times the sites); the median wall time of each and their ratio.
     */
    public static List<Figure> sites(
            Store store, long moveMillis, long probeMillis, int concurrency, int slice, int reps) {
        Stores stores = Stores.of(store);
        try {
            int count = Lab.example().sites().size();
            List<Double> sequential = new ArrayList<>();
            List<Double> parallel = new ArrayList<>();
            Parallelism sites = new Parallelism(false, true, concurrency, 0, slice);
            for (int i = 0; i < reps; i++) {
                sequential.add(example(stores.next(2 * i), moveMillis, probeMillis, concurrency, Parallelism.NONE));
                parallel.add(example(stores.next(2 * i + 1), moveMillis, probeMillis, concurrency * count, sites));
            }
            double seq = Figure.median(sequential);
            double par = Figure.median(parallel);
            String profile = "moves " + moveMillis + " ms, probes " + probeMillis + " ms";
            return List.of(
                    new Figure(
                            "the example (" + count + " sites), one after another, --concurrency " + concurrency + " ("
                                    + profile + ")",
                            "s",
                            sequential,
                            seq,
                            "for comparison",
                            true,
                            "on " + stores.name()),
                    new Figure(
                            "the example, --parallel-sites --concurrency " + concurrency * count
                                    + " --concurrency-per-site " + concurrency + " --slice " + slice + " (" + profile
                                    + ")",
                            "s",
                            parallel,
                            par,
                            "faster than one after another",
                            par < seq,
                            String.format("%.2f x the sequential median", par / seq)));
        } finally {
            Benchmarks.deleteTree(stores.dir());
        }
    }

    private static double example(Store store, long moveMillis, long probeMillis, int concurrency, Parallelism p) {
        Timed t = onLab(Lab.example(), EXAMPLE_TARGET, moveMillis, probeMillis, plan -> plan, (lab, plan) -> {
            try (Journal journal = Journal.open(store)) {
                RunRecord run =
                        RunStart.begin(journal, plan, "lab", Clock.systemUTC().instant());
                Executor executor = new Executor(plan, run, journal, lab, Clock.systemUTC(), settings(concurrency));
                if (!p.claimed()) {
                    return timed(executor::run);
                }
                Claims claims = join(journal, run, plan, p, "bench");
                return timed(() -> executor.run(claims, p));
            }
        });
        return t.seconds;
    }

    private static Claims join(Journal journal, RunRecord run, Plan plan, Parallelism p, String actor) {
        Units units = Executor.units(plan, p);
        return Claims.join(
                journal,
                run.id(),
                Claimant.thisProcess(actor),
                List.of(),
                Clock.systemUTC(),
                LeaseTerms.DEFAULT,
                units::unitOf);
    }

    private static RunSettings settings(int concurrency) {
        return new RunSettings(concurrency, 5, Duration.ofMillis(10), null, "bench");
    }

    private record Timed(int moves, double seconds) {}

    /** A run's outcome and its wall time; the run must finish. */
    private static Timed timed(java.util.function.Supplier<RunOutcome> run) {
        long t0 = System.nanoTime();
        RunOutcome outcome = run.get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!(outcome instanceof RunOutcome.Finished)) {
            throw new IllegalStateException("benchmark run did not finish: " + outcome);
        }
        return new Timed(0, seconds);
    }

    /** Runs {@code n} instances at once, started together; the wall time until the last ends. */
    private static Timed together(int n, Function<Integer, RunOutcome> instance) {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<RunOutcome>> all = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int id = k;
            all.add(CompletableFuture.supplyAsync(
                    () -> {
                        await(go);
                        return instance.apply(id);
                    },
                    r -> new Thread(r, "bench-instance-" + id).start()));
        }
        return timed(() -> {
            go.countDown();
            List<RunOutcome> outcomes =
                    all.stream().map(CompletableFuture::join).toList();
            return outcomes.stream()
                    .filter(o -> !(o instanceof RunOutcome.Finished))
                    .findFirst()
                    .orElse(outcomes.get(0));
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted before the start", e);
        }
    }

    private interface OnLab {
        Timed run(Lab lab, Plan plan);
    }

    /** Only the user moves of a plan (its pilot and waves), as `bench moves` runs. */
    private static Function<Plan, Plan> usersOnly() {
        return full -> {
            List<Step> moves = full.steps().stream()
                    .filter(s -> s instanceof Step.MoveBatch b
                            && b.moves().stream().allMatch(m -> m.subject().kind() == HomedKind.User))
                    .toList();
            return PlanCodec.seal(
                    new Plan(full.format(), full.source(), full.options(), moves, full.retained(), full.kept(), null));
        };
    }

    /** A lab of the scenario with the latencies given, planned, the plan cut down as asked, then run. */
    private static Timed onLab(
            Scenario scenario, String target, long moveMillis, long probeMillis, Function<Plan, Plan> cut, OnLab run) {
        try (Lab lab = Lab.inMemory(scenario, Clock.systemUTC())) {
            if (moveMillis > 0) {
                lab.inject(new Fault.Latency("move", null, moveMillis));
            }
            if (probeMillis > 0) {
                lab.inject(new Fault.Latency("probe", null, probeMillis));
            }
            Plan plan =
                    cut.apply(Planner.plan(lab.snapshot(), Catalog.bundled(), PlanOptions.defaults(target), "bench"));
            Timed t = run.run(lab, plan);
            return new Timed(moves(plan), t.seconds);
        }
    }

    private static int moves(Plan plan) {
        return plan.steps().stream()
                .filter(s -> s instanceof Step.MoveBatch)
                .mapToInt(s -> ((Step.MoveBatch) s).moves().size())
                .sum();
    }
}
