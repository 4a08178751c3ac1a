package io.cutover.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.app.Cutover;
import io.cutover.app.Results;
import io.cutover.app.Target;
import io.cutover.app.Workspace;
import io.cutover.cli.Cli;
import io.cutover.journal.Entry;
import io.cutover.journal.Event;
import io.cutover.journal.Journal;
import io.cutover.journal.Outcome;
import io.cutover.plan.Phase;
import io.cutover.plan.PlanOptions;
import io.cutover.run.RunSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shell that hangs, and a cmdlet that fails, through a real run of the example plan. */
class ShellFailureIT {
    private static final String TARGET = "Skype for Business Server Subscription Edition";

    @TempDir
    Path dir;

    private Cutover cutover() {
        return new Cutover(new Workspace(dir.resolve("ws")), Clock.systemUTC(), "tester");
    }

    private Target shell(Map<String, String> env, Duration timeout) {
        return Target.shell(new ShellSettings(
                FakeShells.command(dir.resolve("ws").resolve("lab"), env), timeout, 100, Encoding.ASCII));
    }

    @Test
    void a_hanging_shell_is_killed_at_the_timeout_the_step_is_retried_and_then_reported() throws IOException {
        cutover().labCreate(null);
        cutover().plan(PlanOptions.defaults(TARGET), null);
        Path pids = dir.resolve("pids");
        RunSettings settings =
                new RunSettings(4, 2, Duration.ofMillis(1), Phase.Prepare, "tester").withSites(List.of("Dublin"));

        // The first step starts the target pool's services (Start-CsPool); the shell hangs there.
        Results.RunResult result = cutover()
                .run(
                        null,
                        settings,
                        false,
                        t -> {},
                        shell(
                                Map.of(
                                        "CUTOVER_FAKESHELL_HANG",
                                        "Start-CsPool",
                                        "CUTOVER_FAKESHELL_PIDS",
                                        pids.toString()),
                                // Long enough for a fake shell to start, replay the lab and read the
                                // cmdlet reference on a loaded 2-core machine; the hang is what ends.
                                Duration.ofSeconds(10)));

        assertThat(result.outcome()).isEqualTo("step-failed");
        assertThat(result.stoppedAt()).isEqualTo("Dublin/sfb15pool-dub.contoso.com/deploy-target");
        assertThat(result.failures())
                .singleElement()
                .asString()
                .contains("did not answer within 10 s; its process was killed");
        try (Journal journal = Journal.open(dir.resolve("ws").resolve("journal.db"))) {
            List<Entry> ends = journal
                    .entries(journal.currentRun().orElseThrow().id())
                    .stream()
                    .filter(e -> e.event() == Event.END && e.stepId().endsWith("/deploy-target"))
                    .toList();
            assertThat(ends)
                    .extracting(Entry::attempt, Entry::outcome)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(1, Outcome.RETRY),
                            org.assertj.core.groups.Tuple.tuple(2, Outcome.FAILED));
            assertThat(ends).allSatisfy(e -> assertThat(e.detail()).contains("did not answer within 10 s"));
        }
        // Every shell process this run started is gone: the two that hung were killed, not left behind.
        List<Long> started =
                Files.readAllLines(pids).stream().map(Long::parseLong).toList();
        assertThat(started).hasSizeGreaterThanOrEqualTo(3);
        for (long pid : started) {
            Optional<ProcessHandle> p = ProcessHandle.of(pid);
            assertThat(p.map(ProcessHandle::isAlive).orElse(false))
                    .as("shell process %d alive", pid)
                    .isFalse();
        }
    }

    @Test
    void a_failed_cmdlets_error_text_appears_in_status() {
        cutover().labCreate(null);
        cutover().plan(PlanOptions.defaults(TARGET), null);
        String denied = "Start-CsPool : Access is denied: the account is not a member of RTCUniversalServerAdmins.";
        RunSettings settings =
                new RunSettings(4, 3, Duration.ofMillis(1), Phase.Prepare, "tester").withSites(List.of("Dublin"));

        Results.RunResult result = cutover()
                .run(
                        null,
                        settings,
                        false,
                        t -> {},
                        shell(Map.of("CUTOVER_FAKESHELL_FAIL", "Start-CsPool=" + denied), Duration.ofSeconds(120)));

        assertThat(result.outcome()).isEqualTo("step-failed");
        assertThat(result.stoppedAt()).isEqualTo("Dublin/sfb15pool-dub.contoso.com/deploy-target");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            code = Cli.execute(
                    new String[] {"status", "--workspace", dir.resolve("ws").toString()}, o, e);
        }
        assertThat(code).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(denied);
        // Access denied is permanent: not retried, one attempt, failed.
        try (Journal journal = Journal.open(dir.resolve("ws").resolve("journal.db"))) {
            assertThat(journal.entries(journal.currentRun().orElseThrow().id()).stream()
                            .filter(e -> e.event() == Event.END && e.stepId().endsWith("/deploy-target")))
                    .singleElement()
                    .satisfies(e -> assertThat(e.outcome()).isEqualTo(Outcome.FAILED));
        }
    }
}
