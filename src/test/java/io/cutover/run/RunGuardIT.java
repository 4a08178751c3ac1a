package io.cutover.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.app.Cutover;
import io.cutover.app.Workspace;
import io.cutover.http.Server;
import io.cutover.http.ServerSettings;
import io.cutover.journal.Action;
import io.cutover.journal.Entry;
import io.cutover.journal.Event;
import io.cutover.journal.Journal;
import io.cutover.journal.Outcome;
import io.cutover.journal.RunRecord;
import io.cutover.plan.Move;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanCodec;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Step;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One process drives a run at a time: a second {@code cutover run --resume}, or a resume from the
 * control room's API, on a run another live process holds is refused, naming the holder, and
 * nothing is moved twice; a holder that died is taken over.
 *
 * <p>The holder is a real {@code cutover} process that waits at a gate the plan marks for
 * approval, so it is certainly alive and holding while the second attempt is made; the test then
 * approves the gates and the holder finishes the migration alone.
 */
class RunGuardIT {
    private static final String TARGET = "Skype for Business Server 2019";
    private static final String OPERATOR = "op-token-0123456789abcdef";
    private static final Duration EXIT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int USERS = 300;

    /** Two sites, a Lync 2013 pool of {@value #USERS} users and its objects to move to 2019, gates at each step. */
    private static final String SCENARIO = """
            name: Guard
            domain: contoso.com
            epoch: 2024-03-01T09:00:00Z
            policies: {Conferencing: Default, Voice: Default}
            sites:
              - {name: Redmond, siteId: 1, federationRoute: edge13.contoso.com}
              - {name: Dublin, siteId: 2}
            pools:
              - fqdn: pool13.contoso.com
                site: Redmond
                role: FrontEnd
                version: Lync Server 2013
                servers: 2
                users: {count: %d, name: "user{n:03}", displayName: "User {n}", test: 2}
                objects: {CommonAreaPhone: 20, MeetingRoom: 5, RgsConfiguration: 1}
              - {fqdn: edge13.contoso.com, site: Redmond, role: Edge, version: Lync Server 2013, servers: 1,
                 nextHop: pool13.contoso.com}
              - {fqdn: pool19.contoso.com, site: Redmond, role: FrontEnd, version: Skype for Business Server 2019, servers: 2}
              - {fqdn: edge19.contoso.com, site: Redmond, role: Edge, version: Skype for Business Server 2019, servers: 1,
                 nextHop: pool19.contoso.com}
              - {fqdn: pool10dub.contoso.com, site: Dublin, role: FrontEnd, version: Lync Server 2013, servers: 1,
                 users: {count: 40, name: "dub{n:03}", displayName: "Dub {n}"}}
              - {fqdn: pool19dub.contoso.com, site: Dublin, role: FrontEnd, version: Skype for Business Server 2019, servers: 1}
            cms: pool13.contoso.com
            partners: [fabrikam.com]
            """.formatted(USERS);

    @TempDir
    Path dir;

    private final Set<CliChild> live = ConcurrentHashMap.newKeySet();
    private Path jar;
    private Path ws;

    @BeforeEach
    void startTheRun() {
        jar = Path.of("target/cutover.jar").toAbsolutePath();
        assertThat(jar)
                .as("the shaded jar; failsafe runs after `package`, or run `./mvnw -DskipTests package` first")
                .exists();
        ws = dir.resolve("ws");
        Cutover setup = as("setup");
        Path scenario = dir.resolve("scenario.yaml");
        try {
            Files.writeString(scenario, SCENARIO);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        setup.labCreate(scenario);
        setup.plan(PlanOptions.defaults(TARGET).withApproveGates(List.of(Phase.Federation)), null);
        setup.run(null, new RunSettings(24, 5, Duration.ofMillis(1), Phase.Prepare, "setup"), false, t -> {});
    }

    @AfterEach
    void killWhatIsLeft() {
        live.forEach(CliChild::destroy);
    }

    private Cutover as(String actor) {
        return new Cutover(new Workspace(ws), Clock.systemUTC(), actor);
    }

    private CliChild resume(String name, String... more) {
        List<String> args = new ArrayList<>(List.of("run", "--resume", "--workspace", ws.toString()));
        args.addAll(List.of(more));
        return CliChild.start(jar, dir.resolve("logs"), name, live, args.toArray(String[]::new));
    }

    @Test
    void of_two_run_resume_processes_started_together_one_is_refused_naming_the_other_and_nothing_moves_twice()
            throws Exception {
        CliChild a = resume("a");
        CliChild b = resume("b");

        await().atMost(EXIT).until(() -> !a.isAlive() || !b.isAlive());
        CliChild refused = a.isAlive() ? b : a;
        CliChild holder = refused == a ? b : a;

        assertThat(refused.waitFor(EXIT)).as(refused.tails()).isEqualTo(2);
        assertThat(refused.stderr())
                .contains("error: the run is held by process " + holder.pid() + " on host ")
                .contains(" since ")
                .contains("one process drives a run at a time");
        approveUntilExit(holder, this::approveByCli);
        assertThat(holder.waitFor(EXIT)).as(holder.tails()).isZero();
        assertEveryPlannedItemEndedOkExactlyOnce();
    }

    @Test
    void a_resume_from_the_api_while_a_cli_run_holds_the_run_gets_409_naming_it_and_nothing_moves_twice()
            throws Exception {
        CliChild cli = resume("cli");
        awaitApproval(cli);
        int rowsBefore = rows();
        Path tokens = dir.resolve("tokens");
        Files.writeString(tokens, "olga operator " + OPERATOR + "\n");
        try (Server server = Server.start(
                new ServerSettings(
                        new Workspace(ws),
                        "127.0.0.1",
                        0,
                        tokens,
                        Duration.ofMillis(100),
                        new RunSettings(8, 5, Duration.ofMillis(1), null, "server")),
                Clock.systemUTC())) {
            HttpClient http = HttpClient.newHttpClient();

            HttpResponse<String> resumed = post(http, server, "/api/resume", "");

            assertThat(resumed.statusCode()).isEqualTo(409);
            JsonNode body = JSON.readTree(resumed.body());
            assertThat(body.path("error").asText()).isEqualTo("RUN_IN_PROGRESS");
            assertThat(body.path("message").asText()).contains("held by process " + cli.pid() + " on host ");
            assertThat(rows()).as("journal rows after the refused resume").isEqualTo(rowsBefore);
            assertThat(as("reader").audit(100)).noneMatch(a -> a.action().equals("resume"));

            approveUntilExit(cli, step -> {
                HttpResponse<String> approved = post(http, server, "/api/approve", "{\"step\":\"" + step + "\"}");
                assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
            });
        }
        assertThat(cli.waitFor(EXIT)).as(cli.tails()).isZero();
        assertEveryPlannedItemEndedOkExactlyOnce();
    }

    @Test
    void a_run_held_by_a_process_that_was_killed_is_taken_over_by_the_next_resume() throws Exception {
        CliChild killed = resume("killed");
        awaitApproval(killed);
        Map<String, Object> left = lease();
        assertThat(left).containsEntry("pid", killed.pid()).containsEntry("released", false);

        assertThat(killed.kill()).isEqualTo(CliChild.KILLED);
        var result =
                as("bob").run(null, new RunSettings(24, 5, Duration.ofMillis(1), Phase.Prepare, "bob"), true, t -> {});

        assertThat(result.outcome()).as(result.message()).isEqualTo("reached");
        Map<String, Object> now = lease();
        assertThat(now)
                .containsEntry("pid", ProcessHandle.current().pid())
                .containsEntry("token", (Long) left.get("token") + 1)
                .containsEntry("released", true);
    }

    /** Waits until {@code holder} awaits an approval; fails if it exits first. */
    private void awaitApproval(CliChild holder) {
        await().atMost(EXIT).ignoreExceptions().until(awaiting(holder));
        assertThat(holder.isAlive()).as(holder.tails()).isTrue();
    }

    /** Approves one gate, by some channel. */
    @FunctionalInterface
    private interface Approver {
        void approve(String step) throws Exception;
    }

    private Callable<Boolean> awaiting(CliChild holder) {
        return () -> !holder.isAlive() || as("reader").status().state() == RunState.AWAITING_APPROVAL;
    }

    /** Approves each gate the holder waits at, until it exits. */
    private void approveUntilExit(CliChild holder, Approver approve) throws Exception {
        while (true) {
            await().atMost(EXIT).ignoreExceptions().until(awaiting(holder));
            if (!holder.isAlive()) {
                return;
            }
            String step = as("reader").status().nextStep();
            approve.approve(step);
            await().atMost(EXIT)
                    .ignoreExceptions()
                    .until(() -> !holder.isAlive()
                            || !step.equals(as("reader").status().nextStep()));
        }
    }

    private void approveByCli(String step) {
        as("approver").approve(step);
    }

    private static HttpResponse<String> post(HttpClient http, Server server, String path, String body)
            throws java.io.IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + OPERATOR)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private int rows() {
        try (Journal j = Journal.open(ws.resolve("journal.db"))) {
            return j.entries(j.currentRunId().orElseThrow()).size();
        }
    }

    /** The run's lease as the journal holds it: pid, token, and whether it was let go. */
    private Map<String, Object> lease() throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + ws.resolve("journal.db"));
                ResultSet rs = c.createStatement()
                        .executeQuery("select pid, token, released_at from lease where scope = 'run'")) {
            assertThat(rs.next()).as("a lease row").isTrue();
            Map<String, Object> row = new HashMap<>();
            row.put("pid", rs.getLong(1));
            row.put("token", rs.getLong(2));
            row.put("released", rs.getString(3) != null);
            return row;
        }
    }

    /**
     * Every item of every move step ended OK exactly once, and no step or item ended OK twice: the
     * run finished, and nothing was moved (or decommissioned) twice.
     */
    private void assertEveryPlannedItemEndedOkExactlyOnce() {
        try (Journal j = Journal.open(ws.resolve("journal.db"))) {
            RunRecord run = j.currentRun().orElseThrow();
            Plan plan = PlanCodec.fromJson(run.planJson(), "journal");
            Map<String, Integer> oks = new HashMap<>();
            for (Entry e : j.entries(run.id())) {
                if (e.action() == Action.DO && e.event() == Event.END && e.outcome() == Outcome.OK) {
                    oks.merge(e.stepId() + " | " + e.item(), 1, Integer::sum);
                }
            }
            int moves = 0;
            for (Step step : plan.steps()) {
                if (step instanceof Step.MoveBatch batch) {
                    for (Move m : batch.moves()) {
                        moves++;
                        assertThat(oks.get(step.id() + " | " + m.item()))
                                .as("OK ends of " + m.item() + " in " + step.id())
                                .isEqualTo(1);
                    }
                } else {
                    assertThat(oks.get(step.id() + " | null"))
                            .as("OK ends of " + step.id())
                            .isEqualTo(1);
                }
            }
            assertThat(moves).isGreaterThan(USERS);
            assertThat(oks).allSatisfy((item, n) -> assertThat(n).as(item).isEqualTo(1));
        }
        assertThat(as("reader").status().state()).isEqualTo(RunState.FINISHED);
    }
}
