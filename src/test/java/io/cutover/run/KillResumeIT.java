package io.cutover.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.deployment.Subject;
import io.cutover.inventory.ClientSignIn;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedObject;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Meeting;
import io.cutover.inventory.Pool;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.Site;
import io.cutover.inventory.User;
import io.cutover.lab.Lab;
import io.cutover.plan.Move;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanCodec;
import io.cutover.plan.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sqlite.SQLiteConfig;

/**
 * Kills {@code cutover run} with SIGKILL at random points of the bundled example's migration and
 * resumes it with {@code cutover run --resume}: the lab must end as an uninterrupted run leaves it,
 * and the journal must show every planned item done exactly once, nothing lost, nothing moved
 * twice, and no attempt left without an end.
 *
 * <p>Every case works on its own copy of one planned workspace. The kill points are spread three
 * ways: a fraction of the uninterrupted run's time from its first journal row to its exit
 * (stratified, so that they cover 5% to 95% of it), a row of the journal in the middle of a move
 * batch (to kill with many moves in flight), and a moment of start-up (before the run journals,
 * so that the next {@code run} starts it afresh). A few cases also kill their first resume. The
 * cases run two at a time in the background from {@link #prepare()} on, since each costs a few
 * JVM start-ups; each invocation of the parameterized test waits for its case and checks it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KillResumeIT {
    private static final long SEED = 20_261_121L;
    private static final int TIME_CASES = 14;
    private static final int ROW_CASES = 8;
    private static final int STARTUP_CASES = 2;
    private static final int RESUME_KILLS = 4;
    private static final int REQUIRED_KILLS = 20;
    private static final Duration PROCESS_TIMEOUT = Duration.ofMinutes(2);
    /** A batch this big has many moves in flight (the executor runs 24 at once) when a kill lands in it. */
    private static final int MIN_ROWS_OF_A_TARGETED_BATCH = 40;

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private final Set<CliChild> live = ConcurrentHashMap.newKeySet();
    private final AtomicInteger settledFound = new AtomicInteger();
    private final AtomicInteger settledRetried = new AtomicInteger();
    private final Map<Integer, Future<CaseRun>> running = new LinkedHashMap<>();
    private ExecutorService workers;
    private Path jar;
    private Path template;
    private Plan plan;
    private Reference reference;
    private List<KillCase> cases;

    enum Kind {
        TIME,
        ROWS,
        STARTUP
    }

    /**
     * One kill point.
     *
     * @param millis for TIME, after the first journal row; for STARTUP, after the process starts
     * @param rows for ROWS: kill once the journal has this many rows
     * @param resumeFraction when above 0, the first resume is killed too, this far through the rows
     *     that were left
     */
    record KillCase(int index, Kind kind, double fraction, long millis, long rows, String step, double resumeFraction) {
        @Override
        public String toString() {
            String what = switch (kind) {
                case TIME ->
                    String.format(
                            "kill the run %.0f%% through (%d ms after its first journal row)", fraction * 100, millis);
                case ROWS ->
                    String.format(
                            "kill the run once the journal has %d rows (%.0f%% into %s)", rows, fraction * 100, step);
                case STARTUP -> String.format("kill the run %d ms after it starts, in its start-up", millis);
            };
            String resume = resumeFraction > 0
                    ? String.format(", then kill the resume %.0f%% through what is left", resumeFraction * 100)
                    : "";
            return String.format("case %02d: %s%s", index, what, resume);
        }
    }

    /** One journal row, as the test reads it with plain JDBC. */
    record Row(
            long seq,
            String step,
            String item,
            String action,
            int attempt,
            String event,
            String outcome,
            String from,
            String to,
            String detail) {
        String target() {
            return target(step, item);
        }

        static String target(String step, String item) {
            return step + " | " + (item == null ? "-" : item);
        }
    }

    /** The journal file as it stands: whether a run was recorded, with which plan, and its rows. */
    record JournalView(int runs, String planChecksum, List<Row> rows) {
        static final JournalView NONE = new JournalView(0, null, List.of());

        long lastSeq() {
            return rows.isEmpty() ? 0 : rows.get(rows.size() - 1).seq();
        }

        /** Attempts that began and have not ended: what a resume must settle. */
        int inDoubt() {
            Map<String, Row> open = new HashMap<>();
            for (Row r : rows) {
                if (r.event().equals("begin")) {
                    open.put(r.target() + " | " + r.action(), r);
                } else {
                    open.remove(r.target() + " | " + r.action());
                }
            }
            return open.size();
        }
    }

    /**
     * One SIGKILL that landed: where the journal stood afterwards, and what the lab had done by
     * then (its log's moves, routes, deployments and decommissions), which is what the resume must
     * find when it asks about the attempts in doubt.
     */
    record Kill(String child, int rows, long lastSeq, int inDoubt, boolean runRecorded, Set<String> labEffects) {
        static Kill of(String child, Path workspace) {
            JournalView j = readJournal(workspace);
            return new Kill(
                    child, j.rows().size(), j.lastSeq(), j.inDoubt(), j.runs() > 0, KillResumeIT.labEffects(workspace));
        }
    }

    /** An uninterrupted run of the plan. */
    record Reference(
            SortedMap<String, String> state,
            Map<String, Integer> labChanges,
            int rows,
            long startupMillis,
            long runMillis,
            int usersMoved,
            SortedMap<String, String> original) {}

    /** What happened to one case in the background; {@link #failure} is set when it went wrong. */
    static final class CaseRun {
        final KillCase kase;
        final Path dir;
        Path workspace;
        final List<CliChild> children = new ArrayList<>();
        final List<Kill> kills = new ArrayList<>();
        final List<String> notes = new ArrayList<>();
        int resumes;
        long millis;
        Throwable failure;

        CaseRun(KillCase kase, Path dir) {
            this.kase = kase;
            this.dir = dir;
        }

        String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append(kase)
                    .append(" [seed ")
                    .append(SEED)
                    .append(", workspace ")
                    .append(workspace)
                    .append("]\n");
            for (Kill k : kills) {
                sb.append("killed ")
                        .append(k.child())
                        .append(" with ")
                        .append(k.rows())
                        .append(" journal rows, ")
                        .append(k.inDoubt())
                        .append(" in doubt")
                        .append(k.runRecorded() ? "" : ", no run recorded yet")
                        .append('\n');
            }
            notes.forEach(n -> sb.append(n).append('\n'));
            children.forEach(c -> sb.append(c.tails()));
            return sb.toString();
        }
    }

    // ---- the reference run and the cases ---------------------------------------------------

    @BeforeAll
    void prepare() throws Exception {
        Path built = Path.of("target/cutover.jar");
        assertThat(built)
                .as("the shaded jar; failsafe runs after `package`, or run `./mvnw -DskipTests package` first")
                .isRegularFile();
        // A copy, so that a rebuild of target/ during the test cannot change the jar under it.
        jar = Files.copy(built, dir.resolve("cutover.jar"));

        template = dir.resolve("template");
        Path setup = dir.resolve("setup");
        exitsZero(CliChild.start(jar, setup, "lab-create", live, "lab", "create", "--workspace", template.toString()));
        exitsZero(CliChild.start(jar, setup, "plan", live, "plan", "--workspace", template.toString()));
        plan = PlanCodec.fromJson(Files.readString(template.resolve("plan.json")), "plan.json");

        Path original = copyTree(template, dir.resolve("original"));
        Path ref = copyTree(template, dir.resolve("reference"));
        long t0 = System.nanoTime();
        CliChild run =
                CliChild.start(jar, dir.resolve("reference-logs"), "run", live, "run", "--workspace", ref.toString());
        awaitRows(run, ref, 1);
        long t1 = System.nanoTime();
        exitsZero(run);
        long t2 = System.nanoTime();

        JournalView journal = readJournal(ref);
        assertThat(audit(journal, List.of()))
                .as("the uninterrupted run's journal")
                .isEmpty();
        SortedMap<String, String> before = endState(original);
        SortedMap<String, String> after = endState(ref);
        reference = new Reference(
                after,
                labChanges(ref),
                journal.rows().size(),
                (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000,
                usersMoved(before, after),
                before);
        assertThat(reference.usersMoved())
                .as("users the uninterrupted run moved")
                .isGreaterThan(2_000);

        cases = makeCases(new Random(SEED), journal);
        int n = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
        workers = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "kill-resume-case");
            t.setDaemon(true);
            return t;
        });
        for (KillCase c : cases) {
            running.put(c.index(), workers.submit(() -> execute(c)));
        }
    }

    private List<KillCase> makeCases(Random random, JournalView journal) {
        List<KillCase> list = new ArrayList<>();
        for (int k = 0; k < TIME_CASES; k++) {
            // Stratified: one fraction from each of TIME_CASES equal slices of [0.05, 0.95].
            double f = 0.05 + 0.90 * (k + random.nextDouble()) / TIME_CASES;
            list.add(new KillCase(list.size() + 1, Kind.TIME, f, Math.round(f * reference.runMillis()), 0, null, 0));
        }
        // The rows of each move batch are contiguous: steps run one after another.
        Map<String, int[]> spans = new LinkedHashMap<>();
        Set<String> batches = new LinkedHashSet<>();
        plan.steps().stream().filter(s -> s instanceof Step.MoveBatch).forEach(s -> batches.add(s.id()));
        for (int i = 0; i < journal.rows().size(); i++) {
            Row r = journal.rows().get(i);
            if (batches.contains(r.step())) {
                spans.computeIfAbsent(r.step(), s -> new int[] {0, 0});
                int[] span = spans.get(r.step());
                if (span[1] == 0) {
                    span[0] = i + 1;
                }
                span[1]++;
            }
        }
        List<String> big = new ArrayList<>(spans.keySet().stream()
                .filter(s -> spans.get(s)[1] >= MIN_ROWS_OF_A_TARGETED_BATCH)
                .toList());
        Collections.shuffle(big, random);
        for (int k = 0; k < ROW_CASES; k++) {
            String step = big.get(k % big.size());
            double u = 0.1 + 0.8 * random.nextDouble();
            int[] span = spans.get(step);
            list.add(new KillCase(list.size() + 1, Kind.ROWS, u, 0, span[0] + Math.round(u * (span[1] - 1)), step, 0));
        }
        for (int k = 0; k < STARTUP_CASES; k++) {
            double f = 0.3 + 0.65 * random.nextDouble();
            list.add(new KillCase(
                    list.size() + 1, Kind.STARTUP, f, Math.round(f * reference.startupMillis()), 0, null, 0));
        }
        List<Integer> mid = new ArrayList<>();
        for (KillCase c : list) {
            if (c.kind() != Kind.STARTUP) {
                mid.add(c.index());
            }
        }
        Collections.shuffle(mid, random);
        for (int index : mid.subList(0, RESUME_KILLS)) {
            KillCase c = list.get(index - 1);
            list.set(
                    index - 1,
                    new KillCase(
                            c.index(),
                            c.kind(),
                            c.fraction(),
                            c.millis(),
                            c.rows(),
                            c.step(),
                            0.2 + 0.6 * random.nextDouble()));
        }
        return List.copyOf(list);
    }

    List<KillCase> cases() {
        return cases;
    }

    @AfterAll
    void stopEverything() throws InterruptedException {
        if (workers != null) {
            workers.shutdownNow();
        }
        live.forEach(CliChild::destroy);
        if (workers != null) {
            workers.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    // ---- the tests -------------------------------------------------------------------------

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void a_run_killed_at_a_random_point_and_resumed_ends_as_an_uninterrupted_run_does(KillCase kase) throws Exception {
        CaseRun run = outcome(kase);
        String context = run.describe();
        if (run.failure != null) {
            throw new AssertionError(context, run.failure);
        }
        assertThat(run.kills).as("a real SIGKILL of the run\n%s", context).isNotEmpty();
        Path w = run.workspace;

        Map<String, Integer> changes = labChanges(w);
        SortedMap<String, String> state = endState(w);
        assertThat(diff(reference.state(), state))
                .as("the end state differs from the uninterrupted run's\n%s", context)
                .isEmpty();
        assertThat(usersMoved(reference.original(), state))
                .as("users moved\n%s", context)
                .isEqualTo(reference.usersMoved());
        assertThat(diff(reference.labChanges(), changes))
                .as(
                        "the lab's own log of changes (a subject moved twice shows here) differs from the uninterrupted run's\n%s",
                        context)
                .isEmpty();

        assertThat(PlanCodec.fromJson(Files.readString(w.resolve("plan.json")), "plan.json")
                        .checksum())
                .isEqualTo(plan.checksum());
        JournalView journal = readJournal(w);
        assertThat(audit(journal, run.kills)).as("the journal\n%s", context).isEmpty();
        for (Row r : journal.rows()) {
            if (r.item() != null && r.event().equals("end") && r.detail() != null) {
                if (r.detail().startsWith("found on ")) {
                    settledFound.incrementAndGet();
                } else if (r.detail().startsWith("interrupted before it ended")) {
                    settledRetried.incrementAndGet();
                }
            }
        }
        StringBuilder kills = new StringBuilder();
        for (Kill k : run.kills) {
            kills.append(String.format(
                    "killed %s at journal row %d of %d (%d in doubt); ",
                    k.child(), k.rows(), reference.rows(), k.inDoubt()));
        }
        System.out.printf("%s: %s%d continuation(s); %.1f s%n", kase, kills, run.resumes, run.millis / 1000.0);
    }

    @Order(2)
    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void at_least_twenty_kills_landed_after_the_run_began_at_different_points_and_with_moves_in_doubt()
            throws Exception {
        List<Kill> kills = new ArrayList<>();
        int startupKills = 0;
        int notKilled = 0;
        long millis = 0;
        for (KillCase c : cases) {
            CaseRun run = outcome(c);
            millis += run.millis;
            notKilled += (int) run.notes.stream()
                    .filter(n -> n.contains("before its kill"))
                    .count();
            for (Kill k : run.kills) {
                if (k.rows() > 0) {
                    kills.add(k);
                } else {
                    startupKills++;
                }
            }
        }
        Set<Integer> points = new TreeSet<>();
        int withDoubt = 0;
        int runKills = 0;
        for (Kill k : kills) {
            points.add(k.rows());
            withDoubt += k.inDoubt() > 0 ? 1 : 0;
            runKills += k.child().startsWith("run") ? 1 : 0;
        }
        System.out.printf(
                "KillResumeIT: %d kills after the run began (%d of runs, %d of resumes) at %d different journal rows (of %d),"
                        + " %d with attempts in doubt; %d kills during start-up; %d processes finished before their kill;"
                        + " moves in doubt settled: %d found done, %d retried; %d s of case time%n",
                kills.size(),
                runKills,
                kills.size() - runKills,
                points.size(),
                reference.rows(),
                withDoubt,
                startupKills,
                notKilled,
                settledFound.get(),
                settledRetried.get(),
                millis / 1000);
        assertThat(kills)
                .as("SIGKILLs that landed after the run began journaling")
                .hasSizeGreaterThanOrEqualTo(REQUIRED_KILLS);
        assertThat(points).as("journal rows the kills landed at").hasSizeGreaterThanOrEqualTo(REQUIRED_KILLS / 2);
        assertThat(withDoubt)
                .as("kills that left attempts in doubt, for the resume to settle")
                .isGreaterThanOrEqualTo(5);
    }

    private CaseRun outcome(KillCase c) throws InterruptedException, java.util.concurrent.TimeoutException {
        try {
            return running.get(c.index()).get(10, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new AssertionError(c + ": the case itself threw", e.getCause());
        }
    }

    // ---- one case --------------------------------------------------------------------------

    private CaseRun execute(KillCase c) {
        CaseRun run = new CaseRun(c, dir.resolve(String.format("case-%02d", c.index())));
        long start = System.nanoTime();
        try {
            killTheRun(run);
            if (c.resumeFraction() > 0) {
                killTheResume(run);
            }
            resume(run);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.failure = e;
        } catch (Throwable t) {
            run.failure = t;
        } finally {
            run.children.forEach(CliChild::destroy);
            run.millis = (System.nanoTime() - start) / 1_000_000;
        }
        return run;
    }

    /**
     * Starts the run and kills it at the case's point. A run that finishes first is not a kill: the
     * case starts over on a fresh copy with the point halved, at most three times.
     */
    private void killTheRun(CaseRun run) throws Exception {
        KillCase c = run.kase;
        double scale = 1;
        for (int attempt = 1; ; attempt++) {
            Path w = copyTree(template, run.dir.resolve("w" + attempt));
            run.workspace = w;
            CliChild child =
                    start(run, "run" + (attempt == 1 ? "" : "-" + attempt), "run", "--workspace", w.toString());
            switch (c.kind()) {
                case STARTUP -> child.exitsWithin(Duration.ofMillis(Math.round(c.millis() * scale)));
                case TIME -> {
                    awaitRows(child, w, 1);
                    // Waiting out the delay is the point here: the kill must land wherever the run is.
                    child.exitsWithin(Duration.ofMillis(Math.round(c.millis() * scale)));
                }
                case ROWS -> awaitRows(child, w, Math.max(1, Math.round(c.rows() * scale)));
            }
            int exit = child.kill();
            if (exit == CliChild.KILLED) {
                run.kills.add(Kill.of(child.name, w));
                return;
            }
            assertThat(exit)
                    .as("exit code of %s, which should have been killed", child.name)
                    .isZero();
            run.notes.add(child.name + " finished before its kill; trying again with the kill point halved");
            if (attempt == 3) {
                throw new AssertionError("the run finished before its kill three times:\n" + run.describe());
            }
            scale /= 2;
        }
    }

    /** Kills the first resume too, part way through the rows that were left. */
    private void killTheResume(CaseRun run) throws Exception {
        Kill first = run.kills.get(0);
        int left = reference.rows() - first.rows();
        if (!first.runRecorded() || left < MIN_ROWS_OF_A_TARGETED_BATCH) {
            run.notes.add("not killing the resume: only " + left + " rows were left");
            return;
        }
        Path w = run.workspace;
        CliChild child = start(run, "resume-killed", "run", "--resume", "--workspace", w.toString());
        awaitRows(child, w, first.rows() + Math.max(1, Math.round(run.kase.resumeFraction() * left)));
        int exit = child.kill();
        if (exit == CliChild.KILLED) {
            run.kills.add(Kill.of(child.name, w));
        } else {
            assertThat(exit).as("exit code of %s", child.name).isZero();
            run.notes.add(child.name + " finished before its kill");
        }
    }

    /**
     * Continues as an operator would: {@code run --resume} once a run is in the journal, {@code
     * run} again when the kill came before the run was recorded. Each must exit 0; the journal
     * must be complete after at most three.
     */
    private void resume(CaseRun run) throws Exception {
        Path w = run.workspace;
        Set<String> planned = planned(plan).keySet();
        for (int i = 1; ; i++) {
            boolean recorded = readJournal(w).runs() > 0;
            CliChild child = recorded
                    ? start(run, "resume-" + i, "run", "--resume", "--workspace", w.toString())
                    : start(run, "rerun-" + i, "run", "--workspace", w.toString());
            run.resumes++;
            assertThat(child.waitFor(PROCESS_TIMEOUT))
                    .as("exit code of %s\n%s", child.name, child.tails())
                    .isZero();
            Set<String> ok = new LinkedHashSet<>();
            readJournal(w).rows().stream().filter(r -> "ok".equals(r.outcome())).forEach(r -> ok.add(r.target()));
            if (ok.containsAll(planned)) {
                return;
            }
            if (i == 3) {
                throw new AssertionError("three resumes, each exiting 0, and still " + (planned.size() - ok.size())
                        + " planned items not done");
            }
        }
    }

    private CliChild start(CaseRun run, String name, String... args) {
        CliChild child = CliChild.start(jar, run.dir, name, live, args);
        run.children.add(child);
        return child;
    }

    private static void exitsZero(CliChild child) throws InterruptedException {
        assertThat(child.waitFor(PROCESS_TIMEOUT))
                .as("exit code of %s\n%s", child.name, child.tails())
                .isZero();
    }

    /** Waits until the journal has {@code rows} rows or the child has exited. */
    private static void awaitRows(CliChild child, Path workspace, long rows) {
        try (RowCounter journal = new RowCounter(workspace.resolve("journal.db"))) {
            await().atMost(PROCESS_TIMEOUT)
                    .pollInterval(Duration.ofMillis(5))
                    .pollInSameThread()
                    .until(() -> !child.isAlive() || journal.rows() >= rows);
        }
    }

    // ---- reading what the processes left ----------------------------------------------------

    private static Connection readOnly(Path db) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5_000);
        return DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath(), config.toProperties());
    }

    private static boolean hasTable(Connection c, String table) throws SQLException {
        try (PreparedStatement s =
                c.prepareStatement("select count(*) from sqlite_master where type = 'table' and name = ?")) {
            s.setString(1, table);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && r.getInt(1) > 0;
            }
        }
    }

    /**
     * Counts the rows of a live run's journal through one read-only connection, opened once the
     * journal is in WAL mode (before that, a reader could hold up the writer); 0 until then.
     */
    private static final class RowCounter implements AutoCloseable {
        private final Path db;
        private Connection connection;

        RowCounter(Path db) {
            this.db = db;
        }

        long rows() {
            try {
                if (connection == null) {
                    if (!Files.exists(Path.of(db + "-wal"))) {
                        return 0;
                    }
                    connection = readOnly(db);
                }
                if (!hasTable(connection, "journal")) {
                    return 0;
                }
                try (Statement s = connection.createStatement();
                        ResultSet r = s.executeQuery("select count(*) from journal")) {
                    return r.next() ? r.getLong(1) : 0;
                }
            } catch (SQLException e) {
                close();
                return 0;
            }
        }

        @Override
        public void close() {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException e) {
                    // Only a reader: nothing of the run's depends on it.
                }
                connection = null;
            }
        }
    }

    static JournalView readJournal(Path workspace) {
        Path db = workspace.resolve("journal.db");
        if (!Files.exists(db)) {
            return JournalView.NONE;
        }
        try (Connection c = readOnly(db)) {
            if (!hasTable(c, "journal") || !hasTable(c, "run")) {
                return JournalView.NONE;
            }
            int runs = 0;
            String checksum = null;
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("select plan_checksum from run")) {
                while (r.next()) {
                    runs++;
                    checksum = r.getString(1);
                }
            }
            List<Row> rows = new ArrayList<>();
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(
                            "select seq, step_id, item, action, attempt, event, outcome, from_pool, to_pool, detail from journal order by seq")) {
                while (r.next()) {
                    rows.add(new Row(
                            r.getLong(1),
                            r.getString(2),
                            r.getString(3),
                            r.getString(4),
                            r.getInt(5),
                            r.getString(6),
                            r.getString(7),
                            r.getString(8),
                            r.getString(9),
                            r.getString(10)));
                }
            }
            return new JournalView(runs, checksum, rows);
        } catch (SQLException e) {
            throw new AssertionError("cannot read " + db + ": " + e.getMessage(), e);
        }
    }

    /**
     * The lab's own log: how often each change was made. Moves, routes, deployments and
     * decommissions by their exact content; meetings and client upgrades, which carry the time
     * they happened, by count.
     */
    static Map<String, Integer> labChanges(Path workspace) {
        Path db = workspace.resolve("lab").resolve("lab.db");
        Map<String, Integer> changes = new TreeMap<>();
        try (Connection c = readOnly(db);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select op, body from mutation order by seq")) {
            while (r.next()) {
                String op = r.getString(1);
                String key = op.equals("MeetingScheduled") || op.equals("ClientUpgraded")
                        ? op + " (how many)"
                        : r.getString(2);
                changes.merge(key, 1, Integer::sum);
            }
        } catch (SQLException e) {
            throw new AssertionError("cannot read " + db + ": " + e.getMessage(), e);
        }
        return changes;
    }

    /**
     * What the lab's log says was done, lower-cased: "moved User:sip:a@x -> pool", "routed site ->
     * edge", "deployed pool", "decommissioned pool". Read-only, so a killed run's files stay as the
     * kill left them for the resume.
     */
    static Set<String> labEffects(Path workspace) {
        Path db = workspace.resolve("lab").resolve("lab.db");
        Set<String> effects = new HashSet<>();
        try (Connection c = readOnly(db);
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select op, body from mutation order by seq")) {
            while (r.next()) {
                JsonNode body = JSON.readTree(r.getString(2));
                switch (r.getString(1)) {
                    case "Moved" ->
                        effects.add(effect(
                                "moved",
                                new Subject(
                                                        io.cutover.inventory.HomedKind.valueOf(body.get("subject")
                                                                .get("kind")
                                                                .asText()),
                                                        body.get("subject")
                                                                .get("id")
                                                                .asText())
                                                .toString()
                                        + " -> " + body.get("pool").asText()));
                    case "Routed" ->
                        effects.add(effect(
                                "routed",
                                body.get("site").asText() + " -> "
                                        + body.get("edge").asText()));
                    case "Deployed" ->
                        effects.add(effect("deployed", body.get("pool").asText()));
                    case "Decommissioned" ->
                        effects.add(effect("decommissioned", body.get("pool").asText()));
                    default -> {}
                }
            }
        } catch (SQLException | IOException e) {
            throw new AssertionError("cannot read " + db + ": " + e.getMessage(), e);
        }
        return effects;
    }

    private static String effect(String verb, String what) {
        return (verb + " " + what).toLowerCase(Locale.ROOT);
    }

    /** The lab change a step's attempt makes, or null for a gate, which changes nothing. */
    private static String effectOf(Step step, Move move) {
        if (step instanceof Step.MoveBatch) {
            return effect("moved", move.item() + " -> " + move.to());
        } else if (step instanceof Step.DeployTarget d) {
            return effect("deployed", d.target().text());
        } else if (step instanceof Step.RouteFederation r) {
            return effect("routed", r.site() + " -> " + r.to());
        } else if (step instanceof Step.Decommission d) {
            return effect("decommissioned", d.target().text());
        }
        return null;
    }

    /**
     * The end state, canonical: every user's pool and policies, every object's pool, the CMS, each
     * site's routes, every pool's state, clients and meetings (without their timestamps).
     */
    static SortedMap<String, String> endState(Path workspace) {
        SortedMap<String, String> s = new TreeMap<>();
        try (Lab lab = Lab.open(workspace.resolve("lab"), Clock.systemUTC())) {
            Inventory inv = lab.snapshot();
            for (User u : inv.users()) {
                String key = SipAddress.key(u.sipAddress().text());
                s.put("user " + key, u.pool().text());
                s.put("policies " + key, new TreeMap<>(u.policies()).toString());
                s.put(
                        "home " + key,
                        lab.homeOf(Subject.user(u.sipAddress())).map(Fqdn::text).orElse("(none)"));
            }
            for (HomedObject o : inv.objects()) {
                s.put("object " + o.kind() + ":" + o.identity(), o.pool().text());
            }
            s.put("cms", inv.cmsPool().text());
            for (Site site : inv.sites()) {
                s.put("federation route " + site.name(), String.valueOf(site.federationRoute()));
                s.put("xmpp route " + site.name(), String.valueOf(site.xmppFederationRoute()));
            }
            for (Pool p : inv.pools()) {
                s.put("pool " + p.fqdn(), lab.poolState(p.fqdn()).name());
            }
            for (ClientSignIn c : inv.clients()) {
                s.put("client " + SipAddress.key(c.sipAddress().text()), c.clientVersion());
            }
            Map<String, List<String>> meetings = new TreeMap<>();
            for (Meeting m : inv.meetings()) {
                meetings.computeIfAbsent(
                                "meetings " + SipAddress.key(m.organizer().text()), k -> new ArrayList<>())
                        .add(m.conferenceId() + " on " + m.pool() + " by " + m.clientVersion());
            }
            meetings.forEach((k, v) -> s.put(k, v.stream().sorted().toList().toString()));
        }
        return s;
    }

    private static int usersMoved(SortedMap<String, String> before, SortedMap<String, String> after) {
        int n = 0;
        for (Map.Entry<String, String> e : after.entrySet()) {
            if (e.getKey().startsWith("user ") && !e.getValue().equalsIgnoreCase(before.get(e.getKey()))) {
                n++;
            }
        }
        return n;
    }

    /** The differences between two maps, a few of them spelled out; empty when they are equal. */
    static String diff(Map<String, ?> expected, Map<String, ?> actual) {
        Set<String> keys = new TreeSet<>(expected.keySet());
        keys.addAll(actual.keySet());
        List<String> lines = new ArrayList<>();
        for (String k : keys) {
            Object e = expected.get(k);
            Object a = actual.get(k);
            if (!Objects.equals(e, a)) {
                lines.add(k + ": expected " + e + ", found " + a);
            }
        }
        if (lines.isEmpty()) {
            return "";
        }
        return lines.size() + " difference(s):\n  " + String.join("\n  ", lines.subList(0, Math.min(15, lines.size())))
                + (lines.size() > 15 ? "\n  ..." : "");
    }

    /** Every item of the plan by journal target ("step | item", "step | -" for a whole step). */
    private static Map<String, Move> planned(Plan plan) {
        Map<String, Move> targets = new LinkedHashMap<>();
        for (Step s : plan.steps()) {
            if (s instanceof Step.MoveBatch b) {
                b.moves().forEach(m -> targets.put(Row.target(s.id(), m.item()), m));
            } else {
                targets.put(Row.target(s.id(), null), null);
            }
        }
        return targets;
    }

    /**
     * What the journal must show after a run, however often it was killed and resumed: each
     * planned item ends ok exactly once and never begins again after that; every attempt that
     * begins ends, with the same attempt number; an attempt that a kill cut off is ended by the
     * resume after asking the deployment ("found on ..." or "interrupted ..."), and no other is.
     *
     * <p>The settling is checked against the lab as the kill left it: an attempt whose change the
     * lab had made must be found done, any other must be tried again.
     *
     * @param kills the kills, in order
     */
    List<String> audit(JournalView journal, List<Kill> kills) {
        List<String> problems = new ArrayList<>();
        if (journal.runs() != 1 || !plan.checksum().equals(journal.planChecksum())) {
            problems.add(journal.runs() + " run(s) in the journal, plan checksum " + journal.planChecksum()
                    + "; expected 1 run of plan " + plan.checksum());
        }
        Map<String, Move> planned = planned(plan);
        Map<String, Step> steps = new HashMap<>();
        plan.steps().forEach(s -> steps.put(s.id(), s));
        Map<String, Row> open = new HashMap<>();
        Map<String, Integer> lastAttempt = new HashMap<>();
        Map<String, Row> ok = new HashMap<>();
        for (Row row : journal.rows()) {
            String t = row.target();
            if (!planned.containsKey(t)) {
                problems.add("row " + row.seq() + " is about " + t + ", which the plan does not have");
                continue;
            }
            if (!row.action().equals("do")) {
                problems.add(
                        "row " + row.seq() + " is an " + row.action() + " of " + t + "; nothing asked for a rollback");
                continue;
            }
            Move m = planned.get(t);
            if (m != null && !(m.from().is(row.from()) && m.to().is(row.to()))) {
                problems.add("row " + row.seq() + " moves " + t + " " + row.from() + " -> " + row.to()
                        + "; the plan says " + m.from() + " -> " + m.to());
            }
            if (row.event().equals("begin")) {
                Row done = ok.get(t);
                if (done != null) {
                    problems.add("row " + row.seq() + " begins attempt " + row.attempt() + " of " + t
                            + ", done already in row " + done.seq() + ": done twice");
                }
                Row unfinished = open.put(t, row);
                if (unfinished != null) {
                    problems.add("row " + row.seq() + " begins " + t + " while attempt " + unfinished.attempt()
                            + " (row " + unfinished.seq() + ") has not ended");
                }
                Integer last = lastAttempt.put(t, row.attempt());
                if (last != null && row.attempt() <= last) {
                    problems.add("row " + row.seq() + " is attempt " + row.attempt() + " of " + t + " after attempt "
                            + last);
                }
                continue;
            }
            Row begin = open.remove(t);
            if (begin == null) {
                problems.add("row " + row.seq() + " ends " + t + ", which no row began");
                continue;
            }
            if (begin.attempt() != row.attempt()) {
                problems.add("row " + row.seq() + " ends attempt " + row.attempt() + " of " + t + ", but attempt "
                        + begin.attempt() + " began (row " + begin.seq() + ")");
            }
            // The kill the settling resume came after: the last one between the begin and this end.
            Kill cut = null;
            for (Kill k : kills) {
                if (begin.seq() <= k.lastSeq() && k.lastSeq() < row.seq()) {
                    cut = k;
                }
            }
            boolean cutOff = cut != null;
            String detail = row.detail() == null ? "" : row.detail();
            boolean settled =
                    detail.contains("after an interruption") || detail.startsWith("interrupted before it ended");
            if (cutOff && !settled) {
                problems.add("row " + row.seq() + " ends " + t + ", begun in row " + begin.seq()
                        + " before a kill, without settling it: " + row.outcome() + " " + detail);
            } else if (!cutOff && settled) {
                problems.add("row " + row.seq() + " settles " + t
                        + " as interrupted, but no kill came after its begin (row " + begin.seq() + ")");
            }
            if (cutOff) {
                String effect = effectOf(steps.get(row.step()), m);
                boolean doneInLab = effect != null && cut.labEffects().contains(effect);
                if (doneInLab != "ok".equals(row.outcome())) {
                    problems.add("row " + row.seq() + " settles " + t + " (in doubt after the kill of " + cut.child()
                            + ") as " + row.outcome() + ": " + detail + "; but when it was killed the lab "
                            + (doneInLab ? "had" : "had not") + " done it");
                }
            }
            switch (String.valueOf(row.outcome())) {
                case "ok" -> {
                    Row first = ok.putIfAbsent(t, row);
                    if (first != null) {
                        problems.add("row " + row.seq() + " is a second ok for " + t + " (the first is row "
                                + first.seq() + ")");
                    }
                    if (m != null && settled && !detail.startsWith("found on " + m.to())) {
                        problems.add(
                                "row " + row.seq() + " settles the move " + t + " to " + m.to() + " as: " + detail);
                    }
                }
                case "retry" -> {
                    if (!cutOff) {
                        problems.add("row " + row.seq() + " retries " + t
                                + " with no kill to explain it (the lab has no faults): " + detail);
                    }
                }
                default -> problems.add("row " + row.seq() + ": " + t + " ended " + row.outcome() + ": " + detail);
            }
        }
        open.values().stream()
                .sorted((a, b) -> Long.compare(a.seq(), b.seq()))
                .limit(10)
                .forEach(b -> problems.add(
                        b.target() + " began attempt " + b.attempt() + " in row " + b.seq() + " and never ended"));
        if (open.size() > 10) {
            problems.add("... and " + (open.size() - 10) + " more attempts never ended");
        }
        List<String> lost =
                planned.keySet().stream().filter(t -> !ok.containsKey(t)).toList();
        if (!lost.isEmpty()) {
            problems.add(
                    lost.size() + " planned item(s) never ended ok, e.g. " + lost.subList(0, Math.min(5, lost.size())));
        }
        return problems.size() <= 30
                ? problems
                : Stream.concat(problems.stream().limit(30), Stream.of("... " + (problems.size() - 30) + " more"))
                        .toList();
    }

    private static Path copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path p : files.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
