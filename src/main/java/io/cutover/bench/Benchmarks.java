package io.cutover.bench;

import io.cutover.catalog.Catalog;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.SipAddress;
import io.cutover.journal.Journal;
import io.cutover.journal.RunRecord;
import io.cutover.lab.Fault;
import io.cutover.lab.Lab;
import io.cutover.lab.Scenarios;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanCodec;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Planner;
import io.cutover.plan.Step;
import io.cutover.run.Executor;
import io.cutover.run.RunOutcome;
import io.cutover.run.RunSettings;
import io.cutover.run.RunStart;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** The measured benchmarks. Wall-clock timing is the point here, so this package reads the clock. */
public final class Benchmarks {
    private static final String TARGET = "Skype for Business Server 2019";

    private Benchmarks() {}

    /** Planning a synthetic deployment: 5 sites x 4 pools = 20 pools, {@code users} users. */
    public static Figure plan(int sites, int users, int reps) {
        Inventory inventory;
        try (Lab lab = Lab.inMemory(Scenarios.synthetic(sites, users), Clock.systemUTC())) {
            inventory = lab.snapshot();
        }
        Catalog catalog = Catalog.bundled();
        PlanOptions options = PlanOptions.defaults(TARGET);
        List<Double> samples = new ArrayList<>();
        String checksum = null;
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            Plan plan = Planner.plan(inventory, catalog, options, "bench");
            samples.add((System.nanoTime() - t0) / 1e6);
            checksum = plan.checksum();
        }
        double median = Figure.median(samples);
        return new Figure(
                "plan " + users + " users, " + inventory.pools().size() + " pools, " + sites + " sites",
                "ms",
                samples,
                median,
                "< 2000 ms",
                median < 2000,
                "checksum " + checksum.substring(0, 12) + " (the same every repetition: deterministic)");
    }

    /** Journaled moves per second against a zero-latency lab. */
    public static Figure moves(int users, int concurrency, int reps) {
        List<Double> samples = new ArrayList<>();
        long peakHeap = 0;
        for (int i = 0; i < reps; i++) {
            Measured m = runMoves(Scenarios.synthetic(2, users), null, concurrency);
            samples.add(m.moves / m.seconds);
            peakHeap = Math.max(peakHeap, peakHeapBytes());
        }
        double median = Figure.median(samples);
        long maxHeap = Runtime.getRuntime().maxMemory();
        return new Figure(
                "journaled moves per second, " + users + " users, concurrency " + concurrency,
                "moves/s",
                samples,
                median,
                ">= 5000 moves/s with a heap under 512 MB",
                median >= 5000 && maxHeap <= 512L * 1024 * 1024,
                "max heap " + maxHeap / (1024 * 1024) + " MB, peak heap used " + peakHeap / (1024 * 1024) + " MB");
    }

    /**
     * Moves with a fixed latency each, concurrently, against the ideal users x latency /
     * concurrency (median over {@code reps} runs); then a few moves one at a time for comparison.
     */
    public static List<Figure> concurrency(
            int users, long latencyMillis, int concurrency, int sequentialUsers, int reps) {
        List<Double> ratios = new ArrayList<>();
        List<String> runs = new ArrayList<>();
        double ideal = 0;
        int moved = 0;
        for (int i = 0; i < reps; i++) {
            Measured parallel = runMoves(Scenarios.synthetic(1, users), latencyMillis, concurrency);
            moved = parallel.moves;
            ideal = parallel.moves * latencyMillis / 1000.0 / concurrency;
            ratios.add(parallel.seconds / ideal);
            runs.add(String.format("%.2f s", parallel.seconds));
        }
        double ratio = Figure.median(ratios);
        Figure f1 = new Figure(
                moved + " moves at " + latencyMillis + " ms each, concurrency " + concurrency,
                "x ideal",
                ratios,
                ratio,
                "<= 1.15 x ideal",
                ratio <= 1.15,
                String.format("runs took %s; ideal %.2f s", String.join(", ", runs), ideal));
        Measured sequential = runMoves(Scenarios.synthetic(1, sequentialUsers), latencyMillis, 1);
        double perMove = sequential.seconds / sequential.moves;
        double concurrentSeconds = ratio * ideal;
        Figure f2 = new Figure(
                sequential.moves + " moves at " + latencyMillis + " ms each, concurrency 1",
                "s",
                List.of(sequential.seconds),
                sequential.seconds,
                "for comparison",
                true,
                String.format(
                        "%.1f ms per move; %d moves at this rate: %.0f s (%.1fx the concurrent median)",
                        perMove * 1000, moved, perMove * moved, perMove * moved / concurrentSeconds));
        return List.of(f1, f2);
    }

    private record Measured(int moves, double seconds) {}

    /** Plans the scenario and runs only its user moves (pilot and waves) through the real executor and journal. */
    private static Measured runMoves(io.cutover.lab.Scenario scenario, Long latencyMillis, int concurrency) {
        Path dir;
        try {
            dir = Files.createTempDirectory("cutover-bench");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Lab lab = Lab.inMemory(scenario, Clock.systemUTC())) {
            if (latencyMillis != null) {
                lab.inject(new Fault.Latency("move", null, latencyMillis));
            }
            Plan full = Planner.plan(lab.snapshot(), Catalog.bundled(), PlanOptions.defaults(TARGET), "bench");
            List<Step> moves = full.steps().stream()
                    .filter(s -> s instanceof Step.MoveBatch b
                            && b.moves().stream().allMatch(m -> m.subject().kind() == HomedKind.User))
                    .toList();
            Plan plan = PlanCodec.seal(
                    new Plan(full.format(), full.source(), full.options(), moves, full.retained(), full.kept(), null));
            int count = moves.stream()
                    .mapToInt(s -> ((Step.MoveBatch) s).moves().size())
                    .sum();
            try (Journal journal = Journal.open(dir.resolve("journal.db"))) {
                RunRecord run =
                        RunStart.begin(journal, plan, "lab", Clock.systemUTC().instant());
                RunSettings settings = new RunSettings(concurrency, 5, Duration.ofMillis(10), null, "bench");
                long t0 = System.nanoTime();
                RunOutcome outcome = new Executor(plan, run, journal, lab, Clock.systemUTC(), settings).run();
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (!(outcome instanceof RunOutcome.Finished)) {
                    throw new IllegalStateException("benchmark run did not finish: " + outcome);
                }
                return new Measured(count, seconds);
            }
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * Assessing an inventory folder of {@code users} users and {@code objects} objects, as
     * {@code cutover assess} does: read the folder (streaming its CSVs) and assess it. The folder is
     * written once, from a synthetic lab, into a temporary directory (or into {@code keep}, and kept).
     */
    public static Figure assess(int users, int objects, int reps, Path keep) {
        Catalog catalog = Catalog.bundled();
        Inventory inventory;
        try (Lab lab = Lab.inMemory(Scenarios.synthetic(5, users), Clock.systemUTC())) {
            inventory = lab.snapshot();
        }
        List<io.cutover.inventory.Pool> legacy = inventory.pools().stream()
                .filter(p -> p.role() == io.cutover.inventory.PoolRole.FrontEnd
                        && !p.version().equals(TARGET))
                .toList();
        HomedKind[] kinds = java.util.Arrays.stream(HomedKind.values())
                .filter(HomedKind::isObject)
                .toArray(HomedKind[]::new);
        List<io.cutover.inventory.HomedObject> generated = new ArrayList<>(objects);
        for (int i = 0; i < objects; i++) {
            HomedKind kind = kinds[i % kinds.length];
            String id = kind == HomedKind.ConferenceDirectory ? Integer.toString(i) : "sip:object" + i + "@contoso.com";
            generated.add(new io.cutover.inventory.HomedObject(
                    kind, id, kind + " " + i, legacy.get(i % legacy.size()).fqdn()));
        }
        Inventory big = new Inventory(
                inventory.sites(),
                inventory.pools(),
                inventory.cmsPool(),
                inventory.users(),
                generated,
                inventory.meetings(),
                inventory.clients(),
                inventory.services(),
                inventory.replicas(),
                inventory.policies(),
                inventory.partners());
        inventory = null;
        Path dir;
        try {
            dir = Files.createTempDirectory("cutover-bench-assess");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            // Kept when asked, so that a fresh `cutover assess` process can be timed on the same folder.
            Path folder = keep != null ? keep : dir.resolve("inventory");
            new io.cutover.folder.FolderWriter(catalog).write(folder, big, List.of());
            big = null;
            long bytes;
            try (Stream<Path> files = Files.list(folder)) {
                bytes = files.mapToLong(p -> p.toFile().length()).sum();
            }
            io.cutover.catalog.ProductVersion target = catalog.version(TARGET);
            List<Double> samples = new ArrayList<>();
            long peakHeap = 0;
            String verdict = null;
            for (int i = 0; i < reps; i++) {
                System.gc();
                ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
                long t0 = System.nanoTime();
                io.cutover.folder.FolderRead read = io.cutover.folder.FolderReader.read(folder, catalog);
                io.cutover.assess.Assessment a = io.cutover.assess.Assessor.assess(
                        read.inventory(), catalog, target, read.unanswered(), read.unhomed(), catalog.reviewed());
                samples.add((System.nanoTime() - t0) / 1e6);
                peakHeap = Math.max(peakHeap, peakHeapBytes());
                verdict = a.summary().users() + " users, " + a.summary().objects() + " objects, "
                        + a.findings().size() + " findings, " + a.retained().size() + " retained";
            }
            double median = Figure.median(samples);
            long maxHeap = Runtime.getRuntime().maxMemory();
            return new Figure(
                    "assess a folder of " + users + " users and " + objects + " objects (" + bytes / (1024 * 1024)
                            + " MB)",
                    "ms",
                    samples,
                    median,
                    "< 5000 ms with a heap under 1 GB",
                    median < 5000 && maxHeap <= 1024L * 1024 * 1024,
                    verdict + "; max heap " + maxHeap / (1024 * 1024) + " MB, peak heap used "
                            + peakHeap / (1024 * 1024) + " MB");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteTree(dir);
        }
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary directory is harmless.
        }
    }

    /**
     * The coexistence matrix of a {@code sites}-site synthetic lab (4 pools a site) over SIP on
     * loopback, after one test user per site has moved to the site's 2019 pool so that every pair
     * has a user on both sides: the wall time of the full matrix, and the probes per second
     * sustained by running it again and again for {@code sustainSeconds}.
     */
    public static List<Figure> matrix(int sites, int concurrency, int reps, int sustainSeconds) {
        List<Figure> figures = new ArrayList<>();
        try (Lab lab = Lab.inMemory(Scenarios.synthetic(sites, sites * 200), Clock.systemUTC())) {
            Inventory before = lab.snapshot();
            for (int s = 1; s <= sites; s++) {
                String n = String.format(java.util.Locale.ROOT, "%02d", s);
                Fqdn legacy = Fqdn.of("legacy" + n + ".contoso.com");
                SipAddress user = before.users().stream()
                        .filter(u -> u.pool().equals(legacy) && u.test())
                        .map(io.cutover.inventory.User::sipAddress)
                        .sorted()
                        .findFirst()
                        .orElseThrow();
                lab.move(io.cutover.deployment.Subject.user(user), Fqdn.of("sfb19pool" + n + ".contoso.com"));
            }
            lab.startSip();
            io.cutover.check.CoexistenceMatrix matrix =
                    io.cutover.check.CoexistenceMatrix.of(lab.snapshot(), Catalog.bundled());
            io.cutover.check.MatrixRunner runner = new io.cutover.check.MatrixRunner(lab, concurrency);
            // One untimed run warms the JIT and every code path.
            io.cutover.check.MatrixRunner.Report warm = runner.run(matrix);
            List<Double> walls = new ArrayList<>();
            int failed = warm.failed() + warm.skipped();
            for (int i = 0; i < reps; i++) {
                io.cutover.check.MatrixRunner.Report r = runner.run(matrix);
                walls.add((double) r.wallMillis());
                failed += r.failed() + r.skipped();
            }
            double median = Figure.median(walls);
            int pools = lab.snapshot().pools().size();
            figures.add(new Figure(
                    "full coexistence matrix over SIP, " + sites + " sites, " + pools + " pools, "
                            + matrix.cells().size() + " probes, " + concurrency + " at a time",
                    "ms",
                    walls,
                    median,
                    "< 10000 ms",
                    median < 10_000 && failed == 0,
                    failed == 0
                            ? "every cell passed in every run"
                            : failed + " cells failed or were skipped across the runs"));

            List<Double> rates = new ArrayList<>();
            int sustainFailed = 0;
            for (int i = 0; i < reps; i++) {
                long t0 = System.nanoTime();
                long deadline = t0 + Duration.ofSeconds(sustainSeconds).toNanos();
                long probes = 0;
                while (System.nanoTime() < deadline) {
                    io.cutover.check.MatrixRunner.Report r = runner.run(matrix);
                    probes += r.cells();
                    sustainFailed += r.failed() + r.skipped();
                }
                rates.add(probes / ((System.nanoTime() - t0) / 1e9));
            }
            double rate = Figure.median(rates);
            figures.add(
                    new Figure(
                            "probes per second sustained over SIP for " + sustainSeconds + " s, " + concurrency
                                    + " at a time",
                            "probes/s",
                            rates,
                            rate,
                            ">= 500 probes/s",
                            rate >= 500 && sustainFailed == 0,
                            (sustainFailed == 0 ? "every probe passed" : sustainFailed + " probes failed")
                                    + "; a probe is a whole exchange (e.g. IM: two REGISTERs and a MESSAGE through two pools)"));
        }
        return figures;
    }
}
