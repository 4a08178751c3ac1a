package io.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.journal.Claimant;
import io.cutover.journal.Claims;
import io.cutover.journal.Journal;
import io.cutover.journal.LeaseTerms;
import io.cutover.journal.Store;
import io.cutover.plan.Phase;
import io.cutover.plan.PlanOptions;
import io.cutover.run.RunSettings;
import io.cutover.run.RunState;
import io.cutover.run.StatusReport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What status says of a run while processes drive it, seen from another facade on the workspace:
 * running while a live process holds the run or live instances share it, stopped otherwise; and
 * instances that died are told by the rule their take-over follows, and hold nothing up.
 */
class StatusWhileRunningIT {
    private static final RunSettings FAST = new RunSettings(16, 5, Duration.ofMillis(1), null, "tester");

    @TempDir
    Path dir;

    private Cutover cutover(String actor) {
        return new Cutover(new Workspace(dir.resolve("ws")), Clock.systemUTC(), actor);
    }

    @Test
    void status_says_running_and_names_the_holder_while_a_live_process_holds_the_run_and_stopped_once_it_let_go() {
        Cutover alice = started();
        assertThat(alice.status().state()).isEqualTo(RunState.STOPPED);
        Cutover carol = cutover("carol");
        long pid = ProcessHandle.current().pid();

        try (HeldRun held = cutover("bob").holdRun()) {
            StatusReport seen = carol.status();
            assertThat(seen.state()).isEqualTo(RunState.RUNNING);
            assertThat(seen.heldBy()).startsWith("process " + pid + " on host ").endsWith("(bob)");
            assertThat(carol.liveView(false).status().state())
                    .as("the control room's view")
                    .isEqualTo(RunState.RUNNING);

            var result = held.resume(FAST.withUntil(Phase.Pilot), t -> {});

            assertThat(result.exitCode()).as(result.message()).isZero();
            assertThat(result.status().state())
                    .as("the run's own result, its process holding the run still")
                    .isEqualTo(RunState.STOPPED);
            assertThat(result.status().heldBy()).isNull();
            assertThat(carol.status().state()).isEqualTo(RunState.RUNNING);
        }
        StatusReport after = carol.status();
        assertThat(after.state()).isEqualTo(RunState.STOPPED);
        assertThat(after.heldBy()).isNull();
    }

    @Test
    void status_says_running_while_a_live_instance_shares_the_run_and_stopped_once_it_left() {
        Cutover alice = started();
        String runId = alice.status().runId();
        try (Journal journal = Journal.open(alice.workspace().store())) {
            Claims bob = join(journal, runId, Claimant.thisProcess("bob"), Clock.systemUTC());

            StatusReport seen = alice.status();

            assertThat(seen.state()).isEqualTo(RunState.RUNNING);
            assertThat(seen.heldBy()).as("instances hold units, not the run").isNull();
            assertThat(seen.instances())
                    .extracting(StatusReport.InstanceLine::state)
                    .containsExactly("live");
            bob.close();
            assertThat(alice.status().state()).isEqualTo(RunState.STOPPED);
            assertThat(alice.status().instances()).isEmpty();
        }
    }

    @Test
    void an_instance_of_this_host_whose_process_is_gone_shows_as_gone_at_once_and_holds_up_neither_a_copy_nor_a_run()
            throws Exception {
        Cutover alice = started();
        String runId = alice.status().runId();
        Process killed = new ProcessBuilder("true").start();
        killed.waitFor();
        Claimant gone = new Claimant("gone-1", Claimant.thisProcess("x").host(), killed.pid(), "bob");
        try (Journal journal = Journal.open(alice.workspace().store())) {
            // Its heartbeat is fresh: only its process being gone tells that it died.
            join(journal, runId, gone, Clock.systemUTC());

            StatusReport seen = alice.status();

            assertThat(seen.instances())
                    .extracting(StatusReport.InstanceLine::state)
                    .containsExactly("gone");
            assertThat(seen.state()).isEqualTo(RunState.STOPPED);
            assertThat(alice.storeCopy(new Store.Sqlite(dir.resolve("copy.db"))))
                    .isNotEmpty();
            var result = cutover("carol").run(null, FAST, true, t -> {});
            assertThat(result.exitCode()).as(result.message()).isZero();

            StatusReport finished = alice.status();
            assertThat(finished.state()).isEqualTo(RunState.FINISHED);
            assertThat(finished.instances())
                    .as("dead instances, once the run is finished")
                    .isEmpty();
        }
    }

    @Test
    void an_instance_whose_heartbeat_lapsed_shows_as_lapsed_and_does_not_hold_up_a_store_copy() {
        Cutover alice = started();
        String runId = alice.status().runId();
        Clock anHourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
        try (Journal journal = Journal.open(alice.workspace().store())) {
            join(journal, runId, new Claimant("far-1", "site-host", 4242, "bob"), anHourAgo);

            StatusReport seen = alice.status();

            assertThat(seen.instances())
                    .extracting(StatusReport.InstanceLine::state, StatusReport.InstanceLine::host)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("lapsed", "site-host"));
            assertThat(seen.state()).isEqualTo(RunState.STOPPED);
            assertThat(alice.storeCopy(new Store.Sqlite(dir.resolve("copy.db"))))
                    .isNotEmpty();
        }
    }

    private static Claims join(Journal journal, String runId, Claimant who, Clock clock) {
        return Claims.join(journal, runId, who, List.of(), clock, LeaseTerms.DEFAULT, e -> e.stepId());
    }

    /** The example planned and run up to its first gate's phase, by one process that has let go. */
    private Cutover started() {
        Cutover alice = cutover("alice");
        alice.labCreate(null);
        alice.plan(PlanOptions.defaults("Skype for Business Server Subscription Edition"), null);
        assertThat(alice.run(null, FAST.withUntil(Phase.Prepare), false, t -> {})
                        .exitCode())
                .isZero();
        return alice;
    }
}
