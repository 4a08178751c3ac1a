package io.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.deployment.UserState;
import io.cutover.inventory.SipAddress;
import io.cutover.journal.Journal;
import io.cutover.lab.Lab;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Step;
import io.cutover.run.RunSettings;
import io.cutover.run.RunState;
import io.cutover.run.StatusReport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users verified before and after: what a move loses stops the wave's gate, and rollback puts it back. */
class UserVerificationIT {
    private static final String TARGET = "Skype for Business Server Subscription Edition";
    private static final Path USER_DATA_FAULTS = Path.of("examples/contoso/faults-userdata.yaml");
    private static final String PILOT = "Redmond/lyncpool01.contoso.com/pilot";

    @TempDir
    Path dir;

    private Cutover cutover() {
        return new Cutover(new Workspace(dir.resolve("ws")), Clock.systemUTC(), "tester");
    }

    private static RunSettings fast() {
        return new RunSettings(16, 5, Duration.ofMillis(1), null, "tester");
    }

    private List<SipAddress> pilotUsers(Cutover cutover) {
        Plan plan = cutover.readPlan(dir.resolve("ws").resolve("plan.json"));
        Step.MoveBatch pilot = (Step.MoveBatch) plan.findStep(PILOT).orElseThrow();
        return pilot.moves().stream().map(m -> m.subject().sipAddress()).toList();
    }

    /** Each user's state now in the lab against the one the run recorded before moving the user. */
    private List<String> differences(List<SipAddress> users) {
        Workspace ws = new Workspace(dir.resolve("ws"));
        try (Journal journal = Journal.open(ws.journal());
                Lab lab = Lab.open(ws.lab(), Clock.systemUTC())) {
            String run = journal.currentRunId().orElseThrow();
            Map<SipAddress, UserState> before = journal.userStates().of(run, users);
            assertThat(before.keySet()).containsExactlyInAnyOrderElementsOf(users);
            return lab.userStates(users).stream()
                    .flatMap(now -> before.get(now.sipAddress()).differences(now).stream())
                    .toList();
        }
    }

    @Test
    void a_pilot_that_loses_contacts_and_meetings_stops_at_its_gate_naming_every_user_and_what_each_lost() {
        Cutover cutover = cutover();

        Rehearsal r = cutover.rehearse(null, USER_DATA_FAULTS, PlanOptions.defaults(TARGET), fast(), t -> {});

        assertThat(r.exitCode()).isEqualTo(3);
        StatusReport status = cutover.status();
        assertThat(status.state()).isEqualTo(RunState.STOPPED_AT_A_GATE);
        assertThat(status.blocker().stepId()).isEqualTo(PILOT + "-validation");
        assertThat(status.blocker().checks()).singleElement().asString().contains("users verified before and after");
        List<String> pilot = pilotUsers(cutover).stream().map(SipAddress::text).toList();
        assertThat(status.blocker().subjects()).containsExactlyInAnyOrderElementsOf(pilot);
        assertThat(status.blocker().details())
                .anySatisfy(d -> assertThat(d).contains("contacts was").contains(", now 0"))
                .anySatisfy(d -> assertThat(d).contains("meetings:").contains("lost (conference ids"));
        assertThat(differences(pilotUsers(cutover))).hasSizeGreaterThanOrEqualTo(pilot.size());
        assertThat(notices())
                .filteredOn(n -> n.kind() == io.cutover.journal.NoticeKind.GATE_FAILED)
                .singleElement()
                .satisfies(n -> {
                    assertThat(n.title()).contains(PILOT + "-validation");
                    assertThat(String.join("\n", n.lines()))
                            .contains(pilot.get(0))
                            .contains("contacts was");
                });
    }

    private List<io.cutover.journal.Notice> notices() {
        try (Journal journal = Journal.open(new Workspace(dir.resolve("ws")).journal())) {
            return journal.outbox().notices();
        }
    }

    @Test
    void rollback_sends_the_pilot_back_restores_what_it_lost_and_the_comparison_after_it_is_clean() {
        Cutover cutover = cutover();
        cutover.rehearse(null, USER_DATA_FAULTS, PlanOptions.defaults(TARGET), fast(), t -> {});
        List<SipAddress> pilot = pilotUsers(cutover);
        assertThat(differences(pilot)).isNotEmpty();

        var result = cutover.rollback(PILOT, fast(), impact -> true);

        assertThat(result.executed()).isTrue();
        assertThat(result.failures()).isEmpty();
        assertThat(differences(pilot)).isEmpty();
        assertThat(notices())
                .extracting(io.cutover.journal.Notice::kind)
                .contains(io.cutover.journal.NoticeKind.GATE_FAILED, io.cutover.journal.NoticeKind.ROLLBACK_DONE);
    }

    @Test
    void without_faults_every_validation_gate_verifies_its_users_and_the_rehearsal_finishes() {
        Rehearsal r = cutover().rehearse(null, null, PlanOptions.defaults(TARGET), fast(), t -> {});

        assertThat(r.exitCode()).isZero();
        assertThat(r.checksPassed()).isEqualTo(r.checksTotal());
        assertThat(notices())
                .extracting(io.cutover.journal.Notice::kind)
                .containsExactly(io.cutover.journal.NoticeKind.RUN_FINISHED);
    }

    @Test
    void a_run_over_sites_in_parallel_says_once_that_it_finished() {
        Cutover cutover = cutover();
        cutover.labCreate(null);
        cutover.plan(PlanOptions.defaults(TARGET), null);

        var result = cutover.run(
                null,
                fast(),
                new io.cutover.run.Parallelism(false, true, 0, 0, io.cutover.run.Parallelism.DEFAULT_SLICE),
                false,
                t -> {},
                io.cutover.app.Target.lab());

        assertThat(result.outcome()).isEqualTo("finished");
        assertThat(notices())
                .extracting(io.cutover.journal.Notice::kind)
                .containsExactly(io.cutover.journal.NoticeKind.RUN_FINISHED);
    }
}
