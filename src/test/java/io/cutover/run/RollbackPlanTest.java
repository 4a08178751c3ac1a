package io.cutover.run;

import static io.cutover.run.SmallPlan.DECOMMISSION;
import static io.cutover.run.SmallPlan.DEPLOY;
import static io.cutover.run.SmallPlan.GATE;
import static io.cutover.run.SmallPlan.PILOT;
import static io.cutover.run.SmallPlan.ROUTE;
import static io.cutover.run.SmallPlan.WAVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.journal.Outcome;
import io.cutover.journal.Progress;
import io.cutover.plan.Move;
import io.cutover.plan.Step;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RollbackPlanTest {
    private static final Move ANN = PILOT.moves().get(0);
    private static final Move BOB = PILOT.moves().get(1);
    private static final Move CAT = WAVE.moves().get(0);
    private static final Move DAN = WAVE.moves().get(1);
    private static final Move EVE = WAVE.moves().get(2);

    private static SmallPlan.Rows throughTheWave() {
        return SmallPlan.rows()
                .done(DEPLOY)
                .done(PILOT)
                .gate(GATE, true)
                .done(ROUTE)
                .done(WAVE);
    }

    static Stream<Arguments> rollbacks() {
        return Stream.of(
                Arguments.of(
                        "everything up to the wave, to the start",
                        throughTheWave(),
                        null,
                        List.of(WAVE, ROUTE, GATE, PILOT, DEPLOY)),
                Arguments.of(
                        "everything up to the wave, to the gate",
                        throughTheWave(),
                        GATE.id(),
                        List.of(WAVE, ROUTE, GATE)),
                Arguments.of("everything up to the wave, to the wave", throughTheWave(), WAVE.id(), List.of(WAVE)),
                Arguments.of(
                        "a failed gate is not undone",
                        SmallPlan.rows().done(DEPLOY).done(PILOT).gate(GATE, false),
                        null,
                        List.of(PILOT, DEPLOY)),
                Arguments.of(
                        "a step retrying has nothing in effect",
                        SmallPlan.rows().done(DEPLOY).attempt(PILOT, ANN.item(), Outcome.RETRY),
                        null,
                        List.of(DEPLOY)),
                Arguments.of(
                        "a step in doubt may be in effect",
                        SmallPlan.rows().done(DEPLOY).inDoubt(PILOT, ANN.item()),
                        null,
                        List.of(PILOT, DEPLOY)),
                Arguments.of(
                        "a partial rollback done before is not undone again",
                        throughTheWave()
                                .undone(WAVE, CAT.item())
                                .undone(WAVE, DAN.item())
                                .undone(WAVE, EVE.item()),
                        null,
                        List.of(ROUTE, GATE, PILOT, DEPLOY)),
                Arguments.of(
                        "an interrupted rollback is taken up again",
                        throughTheWave().undone(WAVE, CAT.item()).undoing(WAVE, DAN.item()),
                        null,
                        List.of(WAVE, ROUTE, GATE, PILOT, DEPLOY)),
                Arguments.of("nothing run, nothing to undo", SmallPlan.rows(), null, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rollbacks")
    void a_rollback_undoes_every_started_step_from_its_target_on_latest_first(
            String journal, SmallPlan.Rows rows, String to, List<Step> expected) {
        assertThat(RollbackPlan.steps(SmallPlan.plan(), Progress.of(rows.list()), to))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void a_decommission_that_may_have_happened_is_the_point_of_no_return() {
        for (SmallPlan.Rows rows :
                List.of(throughTheWave().done(DECOMMISSION), throughTheWave().inDoubt(DECOMMISSION, null))) {
            assertThatThrownBy(() -> RollbackPlan.steps(SmallPlan.plan(), Progress.of(rows.list()), PILOT.id()))
                    .isInstanceOf(CutoverException.class)
                    .extracting(e -> ((CutoverException) e).code())
                    .isEqualTo(ErrorCode.POINT_OF_NO_RETURN);
        }
        Progress failed = Progress.of(
                throughTheWave().attempt(DECOMMISSION, null, Outcome.FAILED).list());
        assertThat(RollbackPlan.steps(SmallPlan.plan(), failed, WAVE.id())).containsExactly(WAVE);
    }

    @Test
    void a_step_the_plan_does_not_have_is_refused() {
        assertThatThrownBy(() -> RollbackPlan.steps(SmallPlan.plan(), Progress.of(List.of()), "R/nowhere"))
                .isInstanceOf(CutoverException.class)
                .extracting(e -> ((CutoverException) e).code())
                .isEqualTo(ErrorCode.UNKNOWN_STEP);
        assertThatThrownBy(() -> RollbackPlan.inDoubt(SmallPlan.plan(), Progress.of(List.of()), "R/nowhere"))
                .isInstanceOf(CutoverException.class);
    }

    static Stream<Arguments> movesToSendBack() {
        return Stream.of(
                Arguments.of("all done", SmallPlan.rows().done(WAVE), false, List.of(CAT, DAN, EVE)),
                Arguments.of(
                        "one done, one in doubt that landed, one pending",
                        SmallPlan.rows().attempt(WAVE, CAT.item(), Outcome.OK).inDoubt(WAVE, DAN.item()),
                        true,
                        List.of(CAT, DAN)),
                Arguments.of(
                        "one done, one in doubt that never landed",
                        SmallPlan.rows().attempt(WAVE, CAT.item(), Outcome.OK).inDoubt(WAVE, DAN.item()),
                        false,
                        List.of(CAT)),
                Arguments.of(
                        "retrying and failed moves are not in effect",
                        SmallPlan.rows()
                                .attempt(WAVE, CAT.item(), Outcome.RETRY)
                                .attempt(WAVE, DAN.item(), Outcome.FAILED)
                                .attempt(WAVE, EVE.item(), Outcome.OK),
                        true,
                        List.of(EVE)),
                Arguments.of(
                        "an interrupted undo is tried again, a finished one is not",
                        SmallPlan.rows().done(WAVE).undone(WAVE, CAT.item()).undoing(WAVE, DAN.item()),
                        false,
                        List.of(DAN, EVE)),
                Arguments.of(
                        "an undo that failed leaves the move in effect",
                        SmallPlan.rows()
                                .done(WAVE)
                                .begin(WAVE, CAT.item(), io.cutover.journal.Action.UNDO, 1)
                                .end(Outcome.FAILED, "busy"),
                        false,
                        List.of(CAT, DAN, EVE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("movesToSendBack")
    void a_move_goes_back_only_when_it_is_or_may_be_in_effect(
            String journal, SmallPlan.Rows rows, boolean inDoubtLanded, List<Move> expected) {
        assertThat(RollbackPlan.moves(WAVE, Progress.of(rows.list()), m -> inDoubtLanded))
                .containsExactlyElementsOf(expected);
    }

    @Test
    void the_attempts_in_doubt_from_the_target_on_are_named_for_settling_in_plan_order() {
        Progress progress = Progress.of(SmallPlan.rows()
                .done(DEPLOY)
                .inDoubt(PILOT, BOB.item())
                .done(ROUTE)
                .inDoubt(WAVE, EVE.item())
                .inDoubt(WAVE, CAT.item())
                .inDoubt(DECOMMISSION, null)
                .list());

        assertThat(RollbackPlan.inDoubt(SmallPlan.plan(), progress, null))
                .containsExactly(
                        new RollbackPlan.Item(PILOT, BOB),
                        new RollbackPlan.Item(WAVE, CAT),
                        new RollbackPlan.Item(WAVE, EVE),
                        new RollbackPlan.Item(DECOMMISSION, null));
        assertThat(RollbackPlan.inDoubt(SmallPlan.plan(), progress, ROUTE.id()))
                .containsExactly(
                        new RollbackPlan.Item(WAVE, CAT),
                        new RollbackPlan.Item(WAVE, EVE),
                        new RollbackPlan.Item(DECOMMISSION, null));
    }
}
