package io.cutover.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.app.Cutover;
import io.cutover.app.Results;
import io.cutover.app.Target;
import io.cutover.app.Workspace;
import io.cutover.catalog.Catalog;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.User;
import io.cutover.journal.Entry;
import io.cutover.journal.Event;
import io.cutover.journal.Journal;
import io.cutover.journal.Outcome;
import io.cutover.lab.Lab;
import io.cutover.plan.Move;
import io.cutover.plan.Phase;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Step;
import io.cutover.run.RunSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Long-lived shell sessions of the fake Management Shell: killed, noisy, confused, restricted, closed. */
class ShellSessionIT {
    private static final String TARGET = "Skype for Business Server Subscription Edition";

    @TempDir
    Path dir;

    private Cutover cutover() {
        return new Cutover(new Workspace(dir.resolve("ws")), Clock.systemUTC(), "tester");
    }

    private Path lab() {
        return dir.resolve("ws").resolve("lab");
    }

    private ShellSettings sessions(int n, Map<String, String> env) {
        List<SessionSpec> specs = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            specs.add(new SessionSpec("s" + i, FakeShells.command(lab(), env), 1, Set.of()));
        }
        return new ShellSettings(FakeShells.command(lab(), env), Duration.ofSeconds(120), 20, Encoding.ASCII)
                .withSessions(specs);
    }

    @Test
    void a_session_killed_from_outside_mid_move_is_replaced_and_every_user_ends_homed_once_on_its_target()
            throws Exception {
        cutover().labCreate(null);
        cutover().plan(PlanOptions.defaults(TARGET), null);
        Path pids = dir.resolve("pids");
        Path trace = dir.resolve("trace");
        ShellSettings settings = sessions(
                2,
                Map.of(
                        "CUTOVER_FAKESHELL_PIDS", pids.toString(),
                        "CUTOVER_FAKESHELL_TRACE", trace.toString(),
                        "CUTOVER_FAKESHELL_MOVE_MS", "20"));
        RunSettings run =
                new RunSettings(8, 5, Duration.ofMillis(1), Phase.Production, "tester").withSites(List.of("Dublin"));

        CompletableFuture<Results.RunResult> result =
                CompletableFuture.supplyAsync(() -> cutover().run(null, run, false, t -> {}, Target.shell(settings)));
        long killed = killASessionOnceUsersMove(pids, trace, result);
        Results.RunResult r = result.get(10, TimeUnit.MINUTES);

        assertThat(r.outcome()).as("%s: %s", r.message(), r.failures()).isEqualTo("reached");
        assertThat(ProcessHandle.of(killed).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        // Replaced: more processes started than the two sessions, and none is left running.
        List<Long> started =
                Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        assertThat(started).hasSizeGreaterThan(2);
        assertThat(started)
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid)
                                .map(ProcessHandle::isAlive)
                                .orElse(false))
                        .isFalse());
        // The move cut short was retried: its attempt before the retry ended RETRY, naming the session.
        List<Entry> ends = ends();
        assertThat(ends)
                .anySatisfy(e -> assertThat(e.outcome()).isEqualTo(Outcome.RETRY))
                .filteredOn(e -> e.outcome() == Outcome.RETRY)
                .allSatisfy(e -> assertThat(e.detail()).contains("shell session s"));
        // Every user the plan moves in Dublin is on its target, and its move ended OK exactly once.
        Map<Subject, Fqdn> targets = dublinUserTargets();
        assertThat(targets).isNotEmpty();
        Map<String, Long> oks = ends.stream()
                .filter(e -> e.outcome() == Outcome.OK && e.item() != null)
                .collect(Collectors.groupingBy(Entry::item, Collectors.counting()));
        try (Lab lab = Lab.open(lab(), Clock.systemUTC())) {
            Inventory inv = lab.snapshot();
            for (Map.Entry<Subject, Fqdn> t : targets.entrySet()) {
                User u = inv.findUser(SipAddress.of(t.getKey().id())).orElseThrow();
                assertThat(u.pool()).as(t.getKey().id()).isEqualTo(t.getValue());
            }
        }
        assertThat(targets.keySet())
                .allSatisfy(subject -> assertThat(oks.get(subject.toString()))
                        .as(subject.toString())
                        .isEqualTo(1L));
    }

    /** Waits until the trace shows users moving, kills the process of the first session, and returns its id. */
    private static long killASessionOnceUsersMove(Path pids, Path trace, CompletableFuture<?> run)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline && !run.isDone()) {
            if (Files.exists(trace) && moves(trace) >= 10) {
                long pid = Long.parseLong(Files.readAllLines(pids).get(0));
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
                return pid;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no user moved through the shell within 5 minutes");
    }

    private static long moves(Path trace) throws IOException {
        return Files.readAllLines(trace, StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains("\"Move-CsUser\""))
                .count();
    }

    private List<Entry> ends() {
        try (Journal journal = Journal.open(dir.resolve("ws").resolve("journal.db"))) {
            return journal.entries(journal.currentRun().orElseThrow().id()).stream()
                    .filter(e -> e.event() == Event.END)
                    .toList();
        }
    }

    /** The journal's item of each user the plan moves in Dublin, and the pool it moves to. */
    private Map<Subject, Fqdn> dublinUserTargets() {
        Map<Subject, Fqdn> targets = new HashMap<>();
        for (Step s : cutover().readPlan(dir.resolve("ws").resolve("plan.json")).steps()) {
            if (s instanceof Step.MoveBatch b && b.id().startsWith("Dublin/")) {
                for (Move m : b.moves()) {
                    if (m.subject().kind() == io.cutover.inventory.HomedKind.User) {
                        targets.put(m.subject(), m.to());
                    }
                }
            }
        }
        return targets;
    }

    @Test
    void a_session_printing_module_noise_corrupts_no_answer() {
        Lab.create(lab(), Lab.exampleText(), "examples/contoso/scenario.yaml", Clock.systemUTC())
                .close();
        try (ShellDeployment shell =
                        new ShellDeployment(sessions(1, Map.of("CUTOVER_FAKESHELL_NOISE", "1")), Catalog.bundled());
                Lab lab = Lab.open(lab(), Clock.systemUTC())) {
            Inventory expected = lab.snapshot();

            Inventory read = shell.snapshot();

            assertThat(homes(read)).isEqualTo(homes(expected));
            assertThat(read.pools().stream().map(io.cutover.inventory.Pool::fqdn))
                    .containsExactlyElementsOf(expected.pools().stream()
                            .map(io.cutover.inventory.Pool::fqdn)
                            .toList());
            for (User u : expected.users().subList(0, 40)) {
                assertThat(shell.homeOf(Subject.user(u.sipAddress()))).contains(u.pool());
            }
            assertThat(shell.sessions()).singleElement().satisfies(h -> {
                assertThat(h.replaced()).isZero();
                assertThat(h.scripts()).isGreaterThan(40);
            });
        }
    }

    private static Map<String, Fqdn> homes(Inventory inv) {
        return inv.users().stream().collect(Collectors.toMap(u -> u.sipAddress().text(), User::pool));
    }

    @Test
    void a_session_answering_half_a_frame_and_then_another_frames_marker_is_replaced_and_no_answer_is_wrong() {
        Lab.create(lab(), Lab.exampleText(), "examples/contoso/scenario.yaml", Clock.systemUTC())
                .close();
        try (ShellDeployment shell = new ShellDeployment(
                        sessions(1, Map.of("CUTOVER_FAKESHELL_PARTIAL", "3", "CUTOVER_FAKESHELL_NOISE", "1")),
                        Catalog.bundled());
                Lab lab = Lab.open(lab(), Clock.systemUTC())) {
            List<User> users = lab.snapshot().users().subList(0, 30);
            int outOfFrame = 0;
            for (User u : users) {
                try {
                    Optional<Fqdn> home = shell.homeOf(Subject.user(u.sipAddress()));
                    assertThat(home).as(u.sipAddress().text()).contains(u.pool());
                } catch (DeploymentFailure f) {
                    assertThat(f.isTransient()).isTrue();
                    assertThat(f.getMessage()).contains("answered out of frame");
                    outOfFrame++;
                }
            }
            assertThat(outOfFrame).isGreaterThanOrEqualTo(5);
            long replaced = outOfFrame;
            assertThat(shell.sessions())
                    .singleElement()
                    .satisfies(h -> assertThat(h.replaced()).isEqualTo(replaced));
        }
    }

    @Test
    void a_session_that_serves_one_pool_carries_all_of_that_pools_moves_and_closing_the_driver_ends_every_session()
            throws IOException {
        Lab.create(lab(), Lab.exampleText(), "examples/contoso/scenario.yaml", Clock.systemUTC())
                .close();
        Path pids = dir.resolve("pids");
        Path dubTrace = dir.resolve("dub.trace");
        Path otherTrace = dir.resolve("other.trace");
        Fqdn dublin = Fqdn.of("sfb15pool-dub.contoso.com");
        SessionSpec dub = new SessionSpec("dub", FakeShells.command(lab(), traced(dubTrace, pids)), 1, Set.of(dublin));
        SessionSpec other = new SessionSpec(
                "other",
                FakeShells.command(lab(), traced(otherTrace, pids)),
                2,
                Set.of(Fqdn.of("nowhere.contoso.com")));
        ShellSettings settings = new ShellSettings(
                        FakeShells.command(lab(), Map.of()), Duration.ofSeconds(120), 5, Encoding.ASCII)
                .withSessions(List.of(dub, other));
        List<SipAddress> moved;
        try (ShellDeployment shell = new ShellDeployment(settings, Catalog.bundled())) {
            Inventory inv = shell.snapshot();
            moved = inv.users().stream().limit(12).map(User::sipAddress).toList();
            List<CompletableFuture<Void>> futures = moved.stream()
                    .map(sip -> CompletableFuture.runAsync(() -> shell.move(Subject.user(sip), dublin)))
                    .toList();
            futures.forEach(CompletableFuture::join);
            assertThatThrownBy(() -> shell.move(Subject.user(moved.get(0)), Fqdn.of("elsewhere.contoso.com")))
                    .isInstanceOf(DeploymentFailure.class)
                    .hasMessageContaining("no shell session serves pool elsewhere.contoso.com");
            assertThat(shell.sessions()).extracting(SessionHealth::name).containsExactly("dub", "other#1", "other#2");
        }
        assertThat(moveLines(dubTrace))
                .hasSize(12)
                .allSatisfy(l -> assertThat(l).contains("\"Target\":\"" + dublin.text() + "\""));
        assertThat(moveLines(otherTrace)).isEmpty();
        List<Long> started =
                Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        assertThat(started)
                .isNotEmpty()
                .allSatisfy(pid -> assertThat(ProcessHandle.of(pid)
                                .map(ProcessHandle::isAlive)
                                .orElse(false))
                        .as("process %d alive after close", pid)
                        .isFalse());
        try (Lab lab = Lab.open(lab(), Clock.systemUTC())) {
            for (SipAddress sip : moved) {
                assertThat(lab.homeOf(Subject.user(sip))).contains(dublin);
            }
        }
    }

    private static Map<String, String> traced(Path trace, Path pids) {
        return Map.of("CUTOVER_FAKESHELL_TRACE", trace.toString(), "CUTOVER_FAKESHELL_PIDS", pids.toString());
    }

    private static List<String> moveLines(Path trace) throws IOException {
        if (!Files.exists(trace)) {
            return List.of();
        }
        return Files.readAllLines(trace).stream()
                .filter(l -> l.contains("\"Move-CsUser\""))
                .toList();
    }
}
