package io.cutover.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An instance paused with SIGSTOP (alive, so no one on its host can take its units at once) for
 * longer than its lease: a survivor takes its units over once the lease lapses and finishes the
 * run; when the paused instance is let go on with SIGCONT, nothing it writes lands, and the run
 * ends exactly once, as a single instance's run.
 */
class SharedStopIT {
    private static final Duration EXIT = Duration.ofMinutes(4);

    @TempDir
    Path dir;

    private final Set<CliChild> live = ConcurrentHashMap.newKeySet();
    private final Path jar = Path.of("target/cutover.jar").toAbsolutePath();

    @AfterEach
    void killWhatIsLeft() throws Exception {
        for (CliChild c : live) {
            if (c.isAlive()) {
                signal(c, "CONT");
            }
            c.destroy();
        }
    }

    @Test
    void an_instance_paused_past_its_lease_loses_its_units_and_writes_nothing_when_it_goes_on() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            Path template = dir.resolve("template");
            ok(cutover("lab", "lab", "create", "--workspace", template.toString()));
            // Moves that take a while, so that the pause catches moves in flight.
            Path faults = dir.resolve("latency.yaml");
            Files.writeString(faults, "inject:\n  - {type: latency, operation: move, millis: 20}\n");
            ok(cutover("faults", "lab", "inject", faults.toString(), "--workspace", template.toString()));
            SharedKillIT.Snapshot reference = reference(pg, template);

            Path ws = copy(template, "shared");
            String url = database(pg, "shared");
            ok(cutover("plan", "plan", "--workspace", ws.toString(), "--store", url));
            CliChild paused = instance(ws, "paused");
            Awaitility.await()
                    .atMost(EXIT)
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> rows(pg) >= reference.rows() / 4 && unitsHeld(pg, paused) > 0);
            signal(paused, "STOP");
            List<String> unitsOfPaused = scopesHeld(pg, paused.pid());

            CliChild survivor = instance(ws, "survivor");
            if (!survivor.exitsWithin(Duration.ofSeconds(120))) {
                Process dump = new ProcessBuilder("jstack", Long.toString(survivor.pid()))
                        .redirectErrorStream(true)
                        .start();
                String threads =
                        new String(dump.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                throw new AssertionError("survivor stuck:\n" + threads);
            }
            assertThat(survivor.waitFor(EXIT)).as(survivor.tails()).isZero();
            long rowsWhenFinished = rows(pg);
            assertThat(paused.isAlive())
                    .as("the paused instance is still there")
                    .isTrue();

            signal(paused, "CONT");
            paused.waitFor(EXIT);

            assertThat(unitsOfPaused).as("units the paused instance held").isNotEmpty();
            assertThat(scopesHeldOrLast(pg, survivor.pid()))
                    .as("the survivor took some of the paused instance's units over")
                    .containsAnyElementsOf(unitsOfPaused);
            assertThat(rows(pg))
                    .as("journal rows after the paused instance went on and ended")
                    .isEqualTo(rowsWhenFinished);
            assertThat(duplicateOks(pg)).as("items with more than one OK").isEmpty();
            assertThat(oks(pg, "shared")).as("items with an OK").isEqualTo(oks(pg, "reference"));
            SharedKillIT.Snapshot end = SharedKillIT.Snapshot.of(ws, rows(pg));
            assertThat(end.homes()).isEqualTo(reference.homes());
            assertThat(end.summary()).isEqualTo(reference.summary());
        }
    }

    private SharedKillIT.Snapshot reference(EmbeddedPostgres pg, Path template) throws Exception {
        Path ws = copy(template, "reference");
        String url = database(pg, "reference");
        ok(cutover("plan-ref", "plan", "--workspace", ws.toString(), "--store", url));
        ok(cutover("run-ref", "run", "--workspace", ws.toString(), "--backoff-ms", "1"));
        return SharedKillIT.Snapshot.of(ws, one(pg, "reference", "select count(*) from journal"));
    }

    private CliChild instance(Path ws, String name) {
        return cutover(
                name,
                "run",
                "--shared",
                "--workspace",
                ws.toString(),
                "--backoff-ms",
                "1",
                "--slice",
                "50",
                "--verbose");
    }

    private CliChild cutover(String name, String... args) {
        return CliChild.start(jar, dir.resolve("logs"), name, live, args);
    }

    private static void ok(CliChild c) throws Exception {
        assertThat(c.waitFor(EXIT)).as(c.tails()).isZero();
    }

    private static void signal(CliChild c, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(c.pid())).start();
        assertThat(kill.waitFor()).as("kill -" + signal).isZero();
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

    private static long rows(EmbeddedPostgres pg) {
        return one(pg, "shared", "select count(*) from journal");
    }

    /** The unit leases whose holder is (or was last) the process {@code pid}. */
    private static List<String> scopesHeldOrLast(EmbeddedPostgres pg, long pid) throws Exception {
        return scopes(pg, "select scope from lease where scope like 'unit:%' and pid = " + pid);
    }

    /** The unit leases the process {@code pid} holds now: claimed and not let go. */
    private static List<String> scopesHeld(EmbeddedPostgres pg, long pid) throws Exception {
        return scopes(pg, "select scope from lease where scope like 'unit:%' and released_at is null and pid = " + pid);
    }

    private static List<String> scopes(EmbeddedPostgres pg, String sql) throws Exception {
        List<String> scopes = new ArrayList<>();
        try (Connection c = pg.getDatabase("postgres", "shared").getConnection();
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                scopes.add(r.getString(1));
            }
        }
        return scopes;
    }

    /** The units {@code c} holds now: claimed and not let go. */
    private static long unitsHeld(EmbeddedPostgres pg, CliChild c) {
        return one(
                pg,
                "shared",
                "select count(*) from lease where scope like 'unit:%' and released_at is null and pid = " + c.pid());
    }

    private static long oks(EmbeddedPostgres pg, String db) {
        return one(
                pg,
                db,
                "select count(*) from (select distinct step_id, coalesce(item, '') from journal"
                        + " where event = 'end' and outcome = 'ok' and action = 'do') t");
    }

    private static List<String> duplicateOks(EmbeddedPostgres pg) throws Exception {
        List<String> dups = new ArrayList<>();
        try (Connection c = pg.getDatabase("postgres", "shared").getConnection();
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

    private static long one(EmbeddedPostgres pg, String db, String sql) {
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
}
