package io.cutover.run;

import static io.cutover.run.SmallPlan.DECOMMISSION;
import static io.cutover.run.SmallPlan.DEPLOY;
import static io.cutover.run.SmallPlan.GATE;
import static io.cutover.run.SmallPlan.PILOT;
import static io.cutover.run.SmallPlan.ROUTE;
import static io.cutover.run.SmallPlan.WAVE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.journal.Outcome;
import io.cutover.journal.Progress;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class DecideTest {
    private static final String ANN = PILOT.moves().get(0).item();
    private static final String BOB = PILOT.moves().get(1).item();

    static Stream<Arguments> journals() {
        return Stream.of(
                Arguments.of("nothing journaled", SmallPlan.rows(), DEPLOY),
                Arguments.of("the first step failed", SmallPlan.rows().attempt(DEPLOY, null, Outcome.FAILED), DEPLOY),
                Arguments.of("the first step retrying", SmallPlan.rows().attempt(DEPLOY, null, Outcome.RETRY), DEPLOY),
                Arguments.of("the first step in doubt", SmallPlan.rows().inDoubt(DEPLOY, null), DEPLOY),
                Arguments.of("the first step done", SmallPlan.rows().done(DEPLOY), PILOT),
                Arguments.of(
                        "one pilot move done, one in doubt",
                        SmallPlan.rows()
                                .done(DEPLOY)
                                .attempt(PILOT, ANN, Outcome.OK)
                                .inDoubt(PILOT, BOB),
                        PILOT),
                Arguments.of(
                        "one pilot move done, one failed",
                        SmallPlan.rows()
                                .done(DEPLOY)
                                .attempt(PILOT, ANN, Outcome.OK)
                                .attempt(PILOT, BOB, Outcome.FAILED),
                        PILOT),
                Arguments.of("the pilot done", SmallPlan.rows().done(DEPLOY).done(PILOT), GATE),
                Arguments.of(
                        "the gate failed",
                        SmallPlan.rows().done(DEPLOY).done(PILOT).gate(GATE, false),
                        GATE),
                Arguments.of(
                        "the gate in doubt",
                        SmallPlan.rows().done(DEPLOY).done(PILOT).inDoubt(GATE, null),
                        GATE),
                Arguments.of(
                        "the gate passed",
                        SmallPlan.rows().done(DEPLOY).done(PILOT).gate(GATE, true),
                        ROUTE),
                Arguments.of(
                        "the gate passed after failing",
                        SmallPlan.rows()
                                .done(DEPLOY)
                                .done(PILOT)
                                .gate(GATE, false)
                                .gate(GATE, true),
                        ROUTE),
                Arguments.of(
                        "the pilot rolled back",
                        SmallPlan.rows()
                                .done(DEPLOY)
                                .done(PILOT)
                                .undone(PILOT, ANN)
                                .undone(PILOT, BOB),
                        PILOT),
                Arguments.of(
                        "one pilot move being undone",
                        SmallPlan.rows().done(DEPLOY).done(PILOT).undoing(PILOT, ANN),
                        PILOT),
                Arguments.of(
                        "all but decommission done",
                        SmallPlan.rows()
                                .done(DEPLOY)
                                .done(PILOT)
                                .gate(GATE, true)
                                .done(ROUTE)
                                .done(WAVE),
                        DECOMMISSION),
                Arguments.of(
                        "everything done",
                        SmallPlan.rows()
                                .done(DEPLOY)
                                .done(PILOT)
                                .gate(GATE, true)
                                .done(ROUTE)
                                .done(WAVE)
                                .done(DECOMMISSION),
                        null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("journals")
    void the_next_step_is_the_first_in_plan_order_that_is_not_done(String journal, SmallPlan.Rows rows, Step expected) {
        Progress progress = Progress.of(rows.list());

        assertThat(Decide.next(SmallPlan.plan(), progress, (Phase) null))
                .isEqualTo(java.util.Optional.ofNullable(expected));
        assertThat(Decide.next(SmallPlan.plan(), progress, settings(null)))
                .isEqualTo(java.util.Optional.ofNullable(expected));
    }

    @ParameterizedTest(name = "until {0}")
    @EnumSource(Phase.class)
    void a_phase_limit_skips_every_step_of_a_later_phase(Phase until) {
        Progress nothing = Progress.of(List.of());
        Step expected = SmallPlan.STEPS.stream()
                .filter(s -> s.phase().compareTo(until) <= 0)
                .findFirst()
                .orElse(null);

        assertThat(Decide.next(SmallPlan.plan(), nothing, until)).isEqualTo(java.util.Optional.ofNullable(expected));
        assertThat(Decide.next(SmallPlan.plan(), nothing, settings(until)))
                .isEqualTo(java.util.Optional.ofNullable(expected));
    }

    @ParameterizedTest(name = "until {0}")
    @EnumSource(Phase.class)
    void with_every_step_up_to_a_phase_done_nothing_is_next_up_to_that_phase(Phase until) {
        SmallPlan.Rows rows = SmallPlan.rows();
        SmallPlan.STEPS.stream().filter(s -> s.phase().compareTo(until) <= 0).forEach(s -> {
            if (s instanceof Step.Gate g) {
                rows.gate(g, true);
            } else {
                rows.done(s);
            }
        });
        Progress progress = Progress.of(rows.list());
        Step later = SmallPlan.STEPS.stream()
                .filter(s -> s.phase().compareTo(until) > 0)
                .findFirst()
                .orElse(null);

        assertThat(Decide.next(SmallPlan.plan(), progress, until)).isEmpty();
        assertThat(Decide.next(SmallPlan.plan(), progress, (Phase) null))
                .isEqualTo(java.util.Optional.ofNullable(later));
    }

    @Test
    void a_site_limit_skips_the_steps_of_other_sites() {
        Progress nothing = Progress.of(List.of());

        assertThat(Decide.next(SmallPlan.plan(), nothing, settings(null).withSites(List.of("redmond"))))
                .contains(DEPLOY);
        assertThat(Decide.next(SmallPlan.plan(), nothing, settings(null).withSites(List.of("Dublin"))))
                .isEmpty();
    }

    @Test
    void a_gate_marked_for_approval_holds_the_run_until_a_person_approves_it() {
        Plan plan = SmallPlan.plan(List.of(Phase.PilotValidation));
        SmallPlan.Rows passed = SmallPlan.rows().done(DEPLOY).done(PILOT).gate(GATE, true);

        Progress waiting = Progress.of(passed.awaitingApproval(GATE).list());
        assertThat(Decide.done(GATE, waiting)).as("its checks passed").isTrue();
        assertThat(Decide.done(plan, GATE, waiting))
                .as("but it is not approved")
                .isFalse();
        assertThat(Decide.awaitingApproval(plan, GATE, waiting)).isTrue();
        assertThat(Decide.next(plan, waiting, (Phase) null)).contains(GATE);

        Progress approved = Progress.of(SmallPlan.rows()
                .done(DEPLOY)
                .done(PILOT)
                .gate(GATE, true)
                .approved(GATE)
                .list());
        assertThat(Decide.approved(GATE, approved)).isTrue();
        assertThat(Decide.awaitingApproval(plan, GATE, approved)).isFalse();
        assertThat(Decide.next(plan, approved, (Phase) null)).contains(ROUTE);
    }

    @Test
    void a_gate_not_marked_for_approval_needs_none_and_a_failed_gate_awaits_nothing() {
        Plan plan = SmallPlan.plan(List.of(Phase.PilotValidation));
        Progress failed = Progress.of(
                SmallPlan.rows().done(DEPLOY).done(PILOT).gate(GATE, false).list());
        Progress passed = Progress.of(
                SmallPlan.rows().done(DEPLOY).done(PILOT).gate(GATE, true).list());

        assertThat(Decide.awaitingApproval(plan, GATE, failed)).isFalse();
        assertThat(Decide.awaitingApproval(SmallPlan.plan(), GATE, passed)).isFalse();
        assertThat(Decide.done(SmallPlan.plan(), GATE, passed)).isTrue();
    }

    @Test
    void an_approval_withdrawn_by_a_rollback_must_be_given_again() {
        Plan plan = SmallPlan.plan(List.of(Phase.PilotValidation));
        SmallPlan.Rows rows =
                SmallPlan.rows().done(DEPLOY).done(PILOT).gate(GATE, true).approved(GATE);
        rows.begin(GATE, Decide.APPROVAL, io.cutover.journal.Action.UNDO, 1).end(Outcome.OK, "withdrawn");

        Progress progress = Progress.of(rows.list());

        assertThat(Decide.approved(GATE, progress)).isFalse();
        assertThat(Decide.next(plan, progress, (Phase) null)).contains(GATE);
    }

    static Stream<Arguments> startedOrNot() {
        return Stream.of(
                Arguments.of("pending", SmallPlan.rows(), false),
                Arguments.of("in doubt", SmallPlan.rows().inDoubt(ROUTE, null), true),
                Arguments.of("retrying", SmallPlan.rows().attempt(ROUTE, null, Outcome.RETRY), false),
                Arguments.of("failed", SmallPlan.rows().attempt(ROUTE, null, Outcome.FAILED), false),
                Arguments.of("done", SmallPlan.rows().done(ROUTE), true),
                Arguments.of("being undone", SmallPlan.rows().done(ROUTE).undoing(ROUTE, null), true),
                Arguments.of("undone", SmallPlan.rows().done(ROUTE).undone(ROUTE, null), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("startedOrNot")
    void a_step_has_started_when_its_effect_may_be_in_place(String state, SmallPlan.Rows rows, boolean started) {
        assertThat(Decide.started(ROUTE, Progress.of(rows.list()))).isEqualTo(started);
    }

    @Test
    void a_move_step_has_started_when_any_one_of_its_moves_may_be_in_place_and_is_done_only_when_all_are() {
        Progress one = Progress.of(
                SmallPlan.rows().inDoubt(WAVE, WAVE.moves().get(2).item()).list());
        Progress all = Progress.of(SmallPlan.rows().done(WAVE).list());

        assertThat(Decide.started(WAVE, one)).isTrue();
        assertThat(Decide.done(WAVE, one)).isFalse();
        assertThat(Decide.done(WAVE, all)).isTrue();
    }

    private static RunSettings settings(Phase until) {
        return new RunSettings(4, 3, Duration.ofMillis(1), until, "tester");
    }

    @Test
    void every_step_of_the_small_plan_is_of_a_later_or_equal_phase_than_the_one_before() {
        // The tables above read the plan's order as phase order; keep the fixture honest.
        List<Phase> phases = SmallPlan.STEPS.stream().map(Step::phase).toList();
        assertThat(phases).isSorted();
        assertThat(Arrays.asList(Phase.values())).containsAll(phases);
    }
}
