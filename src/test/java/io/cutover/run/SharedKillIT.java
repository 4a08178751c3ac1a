package io.cutover.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.inventory.Inventory;
import io.cutover.lab.Lab;
import io.cutover.lab.LabSummary;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three instances ({@code run --shared}, each a JVM of its own) share the bundled example's
 * migration through one PostgreSQL journal and one lab. Again and again one of them, chosen at
 * random, is killed with SIGKILL once the journal reaches a random number of rows, and a fresh
 * instance takes its place. The survivors finish; the lab ends as a single instance's run leaves
 * it; every planned item has exactly one OK in the journal.
 *
 * <p>By default {@value #DEFAULT_CASES} runs of {@value #DEFAULT_KILLS} kills each; more with
 * {@code -Dcutover.sharedKill.cases=N} and {@code -Dcutover.sharedKill.kills=N}, another draw with
 * {@code -Dcutover.sharedKill.seed=S}.
 */
class SharedKillIT {
    static final int DEFAULT_CASES = 1;
    static final int DEFAULT_KILLS = 6;
    private static final int CASES = Integer.getInteger("cutover.sharedKill.cases", DEFAULT_CASES);
    private static final int KILLS = Integer.getInteger("cutover.sharedKill.kills", DEFAULT_KILLS);
    private static final long SEED = Long.getLong("cutover.sharedKill.seed", 20261129L);
    private static final int INSTANCES = 3;
    private static final Duration EXIT = Duration.ofMinutes(4);

    @TempDir
    Path dir;

    private final Set<CliChild> live = ConcurrentHashMap.newKeySet();
    private final Path jar = Path.of("target/cutover.jar").toAbsolutePath();

    @AfterEach
    void killWhatIsLeft() {
        live.forEach(CliChild::destroy);
    }

    @Test
    void instances_killed_at_random_points_leave_the_survivors_to_finish_as_one_instance_would() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            Path template = dir.resolve("template");
            ok(cutover("lab", "lab", "create", "--workspace", template.toString()));
            Snapshot reference = reference(pg, template);
            Random random = new Random(SEED);
            int kills = 0;
            for (int c = 0; c < CASES; c++) {
                kills += killCase(pg, template, c, random, reference);
            }
            System.out.printf("%d kills over %d shared runs of the example%n", kills, CASES);
            assertThat(kills).as("kills that landed while the run went on").isGreaterThanOrEqualTo(CASES * KILLS / 2);
        }
    }

    /** The example run by one instance, and how many journal rows it wrote. */
    private Snapshot reference(EmbeddedPostgres pg, Path template) throws Exception {
        Path ws = copy(template, "reference");
        String url = database(pg, "reference");
        ok(cutover("plan-ref", "plan", "--workspace", ws.toString(), "--store", url));
        ok(cutover("run-ref", "run", "--workspace", ws.toString(), "--backoff-ms", "1"));
        return Snapshot.of(ws, rows(pg, "reference"));
    }

    private int killCase(EmbeddedPostgres pg, Path template, int c, Random random, Snapshot reference)
            throws Exception {
        String db = "shared" + c;
        Path ws = copy(template, db);
        String url = database(pg, db);
        ok(cutover("plan-" + db, "plan", "--workspace", ws.toString(), "--store", url));
        List<CliChild> instances = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            instances.add(instance(ws, db + "-i" + i));
        }
        int started = INSTANCES;
        int landed = 0;
        for (int k = 0; k < KILLS; k++) {
            // Spread over the run: the k-th kill lands somewhere in the k-th share of its rows.
            long at = (long) (reference.rows() * (0.03 + 0.9 * (k + random.nextDouble()) / KILLS));
            if (!awaitRows(pg, db, at, instances)) {
                break;
            }
            List<CliChild> running =
                    instances.stream().filter(CliChild::isAlive).toList();
            if (running.isEmpty()) {
                break;
            }
            CliChild victim = running.get(random.nextInt(running.size()));
            if (victim.kill() == CliChild.KILLED) {
                landed++;
            }
            instances.remove(victim);
            instances.add(instance(ws, db + "-i" + started++));
        }
        for (CliChild i : instances) {
            assertThat(i.waitFor(EXIT)).as(i.tails()).isZero();
        }
        assertThat(duplicateOks(pg, db)).as("items with more than one OK").isEmpty();
        assertThat(oks(pg, db)).as("items with an OK").isEqualTo(oks(pg, "reference"));
        Snapshot end = Snapshot.of(ws, rows(pg, db));
        assertThat(end.homes()).isEqualTo(reference.homes());
        assertThat(end.summary()).isEqualTo(reference.summary());
        System.out.printf("%s: %d kills landed, %d instances in all%n", db, landed, started);
        return landed;
    }

    private CliChild instance(Path ws, String name) {
        return CliChild.start(
                jar,
                dir.resolve("logs"),
                name,
                live,
                "run",
                "--shared",
                "--workspace",
                ws.toString(),
                "--backoff-ms",
                "1",
                "--slice",
                "50");
    }

    /** Waits until the journal has {@code rows} rows; false when every instance ended first. */
    private static boolean awaitRows(EmbeddedPostgres pg, String db, long rows, List<CliChild> instances) {
        Awaitility.await()
                .atMost(EXIT)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> rows(pg, db) >= rows || instances.stream().noneMatch(CliChild::isAlive));
        return instances.stream().anyMatch(CliChild::isAlive);
    }

    private CliChild cutover(String name, String... args) {
        return CliChild.start(jar, dir.resolve("logs"), name, live, args);
    }

    private static void ok(CliChild c) throws Exception {
        assertThat(c.waitFor(EXIT)).as(c.tails()).isZero();
    }

    private Path copy(Path template, String name) throws Exception {
        Path ws = dir.resolve(name);
        Files.createDirectories(ws.resolve("lab"));
        Files.copy(template.resolve("lab").resolve("lab.db"), ws.resolve("lab").resolve("lab.db"));
        return ws;
    }

    private static String database(EmbeddedPostgres pg, String name) throws Exception {
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return pg.getJdbcUrl("postgres", name);
    }

    private static long rows(EmbeddedPostgres pg, String db) throws Exception {
        return one(pg, db, "select count(*) from journal");
    }

    private static long oks(EmbeddedPostgres pg, String db) throws Exception {
        return one(
                pg,
                db,
                "select count(*) from (select distinct step_id, coalesce(item, '') from journal"
                        + " where event = 'end' and outcome = 'ok' and action = 'do') t");
    }

    private static List<String> duplicateOks(EmbeddedPostgres pg, String db) throws Exception {
        List<String> dups = new ArrayList<>();
        try (Connection c = pg.getDatabase("postgres", db).getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("select step_id, coalesce(item, ''), count(*) from journal"
                        + " where event = 'end' and outcome = 'ok' and action = 'do'"
                        + " group by step_id, coalesce(item, '') having count(*) > 1")) {
            while (r.next()) {
                dups.add(r.getString(1) + " " + r.getString(2) + " x" + r.getInt(3));
            }
        }
        return dups;
    }

    private static long one(EmbeddedPostgres pg, String db, String sql) throws Exception {
        try (Connection c = pg.getDatabase("postgres", db).getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (java.sql.SQLException e) {
            // The journal's tables are made by the first instance that opens it.
            return 0;
        }
    }

    /** Where the lab ended: every subject's home, the pools' states and the sites' routes. */
    record Snapshot(Map<String, String> homes, LabSummary summary, long rows) {
        static Snapshot of(Path ws, long rows) {
            try (Lab lab = Lab.open(ws.resolve("lab"), Clock.systemUTC())) {
                Inventory inv = lab.snapshot();
                Map<String, String> homes = new TreeMap<>();
                inv.users()
                        .forEach(u ->
                                homes.put(u.sipAddress().toString(), u.pool().text()));
                inv.objects()
                        .forEach(o -> homes.put(
                                o.kind() + " " + o.identity(), o.pool().text()));
                LabSummary s = lab.summary();
                return new Snapshot(
                        homes,
                        new LabSummary(
                                s.scenario(),
                                "",
                                s.users(),
                                s.cmsPool(),
                                s.pools(),
                                s.sites(),
                                s.faultSeed(),
                                s.faults()),
                        rows);
            }
        }
    }
}
