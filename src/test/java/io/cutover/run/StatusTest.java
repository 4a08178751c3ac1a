package io.cutover.run;

import static io.cutover.run.SmallPlan.DEPLOY;
import static io.cutover.run.SmallPlan.GATE;
import static io.cutover.run.SmallPlan.PILOT;
import static io.cutover.run.SmallPlan.ROUTE;
import static io.cutover.run.SmallPlan.WAVE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.journal.Control;
import io.cutover.journal.Outcome;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatusTest {
    private static final String ANN = PILOT.moves().get(0).item();
    private static final String BOB = PILOT.moves().get(1).item();

    private static StatusReport status(Plan plan, SmallPlan.Rows rows, Control.Request request) {
        return Status.of(plan, SmallPlan.RUN, rows.list(), Optional.ofNullable(request));
    }

    private static SmallPlan.Rows everything() {
        return SmallPlan.rows()
                .done(DEPLOY)
                .done(PILOT)
                .gate(GATE, true)
                .done(ROUTE)
                .done(WAVE)
                .done(SmallPlan.DECOMMISSION);
    }

    static Stream<Arguments> states() {
        SmallPlan.Rows pilotDone = SmallPlan.rows().done(DEPLOY).done(PILOT);
        return Stream.of(
                Arguments.of("no rows", SmallPlan.rows(), null, "not started"),
                Arguments.of("every step done", everything(), null, "finished"),
                Arguments.of("every step done, then a pause", everything(), Control.Request.PAUSE, "finished"),
                Arguments.of(
                        "the gate failed",
                        SmallPlan.rows().done(DEPLOY).done(PILOT).gate(GATE, false),
                        null,
                        "stopped at a gate"),
                Arguments.of(
                        "a move failed",
                        SmallPlan.rows()
                                .done(DEPLOY)
                                .attempt(PILOT, ANN, Outcome.OK)
                                .attempt(PILOT, BOB, Outcome.FAILED),
                        null,
                        "failed"),
                Arguments.of(
                        "an action failed", SmallPlan.rows().attempt(DEPLOY, null, Outcome.FAILED), null, "failed"),
                Arguments.of("a run paused mid-way", pilotDone, Control.Request.PAUSE, "paused"),
                Arguments.of("a run aborted mid-way", SmallPlan.rows().done(DEPLOY), Control.Request.ABORT, "aborted"),
                Arguments.of("a run resumed", SmallPlan.rows().done(DEPLOY), Control.Request.RESUME, "stopped"),
                Arguments.of(
                        "a run stopped with moves in doubt",
                        SmallPlan.rows().done(DEPLOY).inDoubt(PILOT, ANN),
                        null,
                        "stopped"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("states")
    void the_run_state_follows_from_the_journal_and_the_latest_request(
            String journal, SmallPlan.Rows rows, Control.Request request, String expected) {
        assertThat(status(SmallPlan.plan(), rows, request).state().json()).isEqualTo(expected);
    }

    @Test
    void a_gate_that_passed_and_waits_for_a_person_says_so_and_how_to_approve() {
        Plan plan = SmallPlan.plan(List.of(Phase.PilotValidation));
        SmallPlan.Rows rows =
                SmallPlan.rows().done(DEPLOY).done(PILOT).gate(GATE, true).awaitingApproval(GATE);

        StatusReport s = status(plan, rows, null);

        assertThat(s.state().json()).isEqualTo("awaiting approval");
        assertThat(s.nextStep()).isEqualTo(GATE.id());
        assertThat(s.blocker().kind().json()).isEqualTo("approval");
        assertThat(s.blocker().details()).singleElement().asString().contains("cutover approve " + GATE.id());
        assertThat(status(plan, rows.approved(GATE), null).state().json()).isEqualTo("stopped");
    }

    @Test
    void a_failed_gate_is_the_blocker_with_its_failed_checks_and_subjects() {
        StatusReport s = status(
                SmallPlan.plan(), SmallPlan.rows().done(DEPLOY).done(PILOT).gate(GATE, false), null);

        assertThat(s.blocker().stepId()).isEqualTo(GATE.id());
        assertThat(s.blocker().kind().json()).isEqualTo("gate");
        assertThat(s.blocker().checks()).containsExactly("services running");
        assertThat(s.blocker().subjects()).containsExactly(SmallPlan.NEW);
        assertThat(s.blocker().details()).singleElement().asString().contains("RTCSRV stopped");
    }

    @Test
    void a_failed_move_is_the_blocker_naming_the_subject() {
        StatusReport s = status(
                SmallPlan.plan(),
                SmallPlan.rows().done(DEPLOY).attempt(PILOT, ANN, Outcome.OK).attempt(PILOT, BOB, Outcome.FAILED),
                null);

        assertThat(s.blocker().kind().json()).isEqualTo("step");
        assertThat(s.blocker().subjects()).containsExactly(BOB);
    }

    @Test
    void moves_count_only_when_done_and_rolled_back_users_are_counted_apart() {
        SmallPlan.Rows rows = SmallPlan.rows()
                .done(DEPLOY)
                .attempt(PILOT, ANN, Outcome.OK)
                .inDoubt(PILOT, BOB)
                .attempt(WAVE, WAVE.moves().get(0).item(), Outcome.OK)
                .undone(WAVE, WAVE.moves().get(0).item());

        StatusReport s = status(SmallPlan.plan(), rows, null);

        assertThat(s.usersPlanned()).isEqualTo(5);
        assertThat(s.usersMoved())
                .as("in doubt is not moved; undone is not moved")
                .isEqualTo(1);
        assertThat(s.usersRolledBack()).isEqualTo(1);
        assertThat(s.stepsDone()).isEqualTo(1);
        assertThat(s.stepsTotal()).isEqualTo(6);
        assertThat(s.nextStep()).isEqualTo(PILOT.id());
    }

    @Test
    void each_phase_line_says_done_in_progress_rolled_back_or_pending() {
        SmallPlan.Rows rows = SmallPlan.rows()
                .done(DEPLOY)
                .attempt(PILOT, ANN, Outcome.OK)
                .attempt(WAVE, WAVE.moves().get(0).item(), Outcome.OK)
                .undone(WAVE, WAVE.moves().get(0).item());

        List<StatusReport.PhaseLine> phases =
                status(SmallPlan.plan(), rows, null).phases();

        assertThat(phases)
                .extracting(StatusReport.PhaseLine::phase, StatusReport.PhaseLine::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Prepare", "done"),
                        org.assertj.core.groups.Tuple.tuple("Pilot", "in progress"),
                        org.assertj.core.groups.Tuple.tuple("PilotValidation", "pending"),
                        org.assertj.core.groups.Tuple.tuple("Federation", "pending"),
                        org.assertj.core.groups.Tuple.tuple("Production", "rolled back"),
                        org.assertj.core.groups.Tuple.tuple("Decommission", "pending"));
    }

    @Test
    void the_rate_is_moves_done_per_second_of_moving_and_the_eta_follows_from_it() {
        // Rows are a second apart: the first move began at 2 s, the third ended at 7 s.
        SmallPlan.Rows rows = SmallPlan.rows()
                .done(DEPLOY)
                .done(PILOT)
                .attempt(WAVE, WAVE.moves().get(0).item(), Outcome.OK);

        StatusReport s = status(SmallPlan.plan(), rows, null);

        assertThat(s.movesPerSecond()).isEqualTo(3 / 5.0);
        assertThat(s.etaSeconds()).isEqualTo((long) Math.ceil(2 / (3 / 5.0)));
    }
}
