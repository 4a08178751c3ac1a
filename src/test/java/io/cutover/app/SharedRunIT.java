package io.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.journal.Claimant;
import io.cutover.journal.Claims;
import io.cutover.journal.Journal;
import io.cutover.journal.LeaseTerms;
import io.cutover.journal.UnitCuts;
import io.cutover.plan.Phase;
import io.cutover.plan.PlanOptions;
import io.cutover.run.Parallelism;
import io.cutover.run.RunSettings;
import io.cutover.run.RunState;
import io.cutover.run.StatusReport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run shared by instances, seen from the facade: status lists them, a whole-run hold is refused beside them. */
class SharedRunIT {
    private static final RunSettings FAST = new RunSettings(16, 5, Duration.ofMillis(1), null, "tester");

    @TempDir
    Path dir;

    private Cutover cutover(String actor) {
        return new Cutover(new Workspace(dir.resolve("ws")), Clock.systemUTC(), actor);
    }

    @Test
    void status_lists_each_instance_sharing_the_run_with_its_host_process_sites_and_units() {
        Cutover alice = started();
        Workspace ws = alice.workspace();
        String runId = alice.status().runId();
        try (Journal journal = Journal.open(ws.store())) {
            Claims bob = Claims.join(
                    journal,
                    runId,
                    new Claimant("bob-1", "site-host", 4242, "bob"),
                    List.of("Dublin"),
                    Clock.systemUTC(),
                    LeaseTerms.DEFAULT,
                    e -> e.stepId());
            assertThat(bob.claim(List.of("Dublin/sfb15pool-dub.contoso.com/coexistence")))
                    .isPresent();

            List<StatusReport.InstanceLine> instances = alice.status().instances();

            assertThat(instances).hasSize(1);
            StatusReport.InstanceLine line = instances.get(0);
            assertThat(line.host()).isEqualTo("site-host");
            assertThat(line.pid()).isEqualTo(4242);
            assertThat(line.actor()).isEqualTo("bob");
            assertThat(line.sites()).containsExactly("Dublin");
            assertThat(line.units()).containsExactly("Dublin/sfb15pool-dub.contoso.com/coexistence");
            assertThat(line.state()).isEqualTo("live");
        }
    }

    @Test
    void a_run_held_whole_is_refused_while_an_instance_shares_it_and_allowed_once_it_left() {
        Cutover alice = started();
        String runId = alice.status().runId();
        try (Journal journal = Journal.open(alice.workspace().store())) {
            Claims.join(
                    journal,
                    runId,
                    new Claimant("bob-1", "site-host", 4242, "bob"),
                    List.of(),
                    Clock.systemUTC(),
                    LeaseTerms.DEFAULT,
                    e -> e.stepId());
            assertThatThrownBy(() -> cutover("carol").run(null, FAST, true, t -> {}))
                    .isInstanceOf(CutoverException.class)
                    .hasMessageContaining("site-host")
                    .extracting(e -> ((CutoverException) e).code())
                    .isEqualTo(ErrorCode.RUN_IN_PROGRESS);
        }
        assertThat(cutover("carol").run(null, FAST, true, t -> {}).exitCode()).isZero();
    }

    @Test
    void the_example_run_over_its_sites_at_once_in_one_process_finishes_with_every_user_moved_and_no_instance_left() {
        Cutover alice = planned();

        var result = alice.run(null, FAST, new Parallelism(false, true, 8, 6, 50), false, t -> {}, Target.lab());

        assertThat(result.exitCode()).as(result.message()).isZero();
        StatusReport status = alice.status();
        assertThat(status.state()).isEqualTo(RunState.FINISHED);
        assertThat(status.usersMoved()).isEqualTo(status.usersPlanned());
        assertThat(status.objectsMoved()).isEqualTo(status.objectsPlanned());
        assertThat(status.instances()).isEmpty();
    }

    @Test
    void an_instance_giving_another_slice_than_the_runs_is_refused_and_one_giving_none_cuts_the_run_alike() {
        Cutover alice = planned();
        Parallelism slicesOf50 = new Parallelism(false, true, 0, 0, 50);
        assertThat(alice.run(null, FAST.withUntil(Phase.Pilot), slicesOf50, false, t -> {}, Target.lab())
                        .exitCode())
                .isZero();
        String runId = alice.status().runId();
        int rowsBefore = rows(alice, runId);

        assertThatThrownBy(() -> cutover("carol")
                        .run(null, FAST, new Parallelism(false, true, 0, 0, 24), true, t -> {}, Target.lab()))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("--slice 50")
                .extracting(e -> ((CutoverException) e).code())
                .isEqualTo(ErrorCode.BAD_INPUT);
        assertThat(rows(alice, runId)).isEqualTo(rowsBefore);

        var result =
                cutover("carol").run(null, FAST, new Parallelism(false, true, 0, 0, 0), true, t -> {}, Target.lab());

        assertThat(result.exitCode()).as(result.message()).isZero();
        assertThat(alice.status().usersMoved()).isEqualTo(alice.status().usersPlanned());
        try (Journal journal = Journal.open(alice.workspace().store())) {
            assertThat(UnitCuts.fix(journal, runId, 7, Instant.now(), "dave")).isEqualTo(50);
        }
    }

    private static int rows(Cutover c, String runId) {
        try (Journal journal = Journal.open(c.workspace().store())) {
            return journal.entries(runId).size();
        }
    }

    private Cutover planned() {
        Cutover alice = cutover("alice");
        alice.labCreate(null);
        alice.plan(PlanOptions.defaults("Skype for Business Server Subscription Edition"), null);
        return alice;
    }

    /** The example planned and run up to its first gate's phase, by one process that has let go. */
    private Cutover started() {
        Cutover alice = planned();
        assertThat(alice.run(null, FAST.withUntil(Phase.Prepare), false, t -> {})
                        .exitCode())
                .isZero();
        return alice;
    }
}
