package io.cutover.run;

import static io.cutover.run.SmallPlan.PILOT;
import static io.cutover.run.SmallPlan.ROUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.inventory.Fqdn;
import io.cutover.journal.Action;
import io.cutover.journal.Entry;
import io.cutover.journal.Outcome;
import io.cutover.journal.Progress;
import io.cutover.journal.State;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The journal folded into states; here, because the run core's fixture builds the rows. */
class ProgressTest {
    private static final String ANN = PILOT.moves().get(0).item();

    static Stream<Arguments> foldings() {
        return Stream.of(
                Arguments.of("nothing", SmallPlan.rows(), State.PENDING),
                Arguments.of("a BEGIN alone", SmallPlan.rows().inDoubt(PILOT, ANN), State.IN_DOUBT),
                Arguments.of("an OK end", SmallPlan.rows().attempt(PILOT, ANN, Outcome.OK), State.DONE),
                Arguments.of("a RETRY end", SmallPlan.rows().attempt(PILOT, ANN, Outcome.RETRY), State.RETRYING),
                Arguments.of("a FAILED end", SmallPlan.rows().attempt(PILOT, ANN, Outcome.FAILED), State.FAILED),
                Arguments.of(
                        "a retry then a BEGIN",
                        SmallPlan.rows().attempt(PILOT, ANN, Outcome.RETRY).inDoubt(PILOT, ANN),
                        State.IN_DOUBT),
                Arguments.of(
                        "a failure then success",
                        SmallPlan.rows().attempt(PILOT, ANN, Outcome.FAILED).attempt(PILOT, ANN, Outcome.OK),
                        State.DONE),
                Arguments.of(
                        "an undo begun",
                        SmallPlan.rows().attempt(PILOT, ANN, Outcome.OK).undoing(PILOT, ANN),
                        State.UNDOING),
                Arguments.of(
                        "an undo done",
                        SmallPlan.rows().attempt(PILOT, ANN, Outcome.OK).undone(PILOT, ANN),
                        State.UNDONE),
                Arguments.of(
                        "an undo failed: still in effect",
                        SmallPlan.rows()
                                .attempt(PILOT, ANN, Outcome.OK)
                                .begin(PILOT, ANN, Action.UNDO, 1)
                                .end(Outcome.FAILED, "busy"),
                        State.DONE),
                Arguments.of(
                        "an undo interrupted and retried",
                        SmallPlan.rows()
                                .attempt(PILOT, ANN, Outcome.OK)
                                .begin(PILOT, ANN, Action.UNDO, 1)
                                .end(Outcome.RETRY, "busy"),
                        State.DONE),
                Arguments.of(
                        "moved again after an undo",
                        SmallPlan.rows()
                                .attempt(PILOT, ANN, Outcome.OK)
                                .undone(PILOT, ANN)
                                .attempt(PILOT, ANN, Outcome.OK),
                        State.DONE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("foldings")
    void an_items_state_is_its_latest_rows_meaning(String rows, SmallPlan.Rows journal, State expected) {
        assertThat(Progress.of(journal.list()).state(PILOT.id(), ANN)).isEqualTo(expected);
    }

    @Test
    void only_an_item_known_to_be_in_effect_counts_as_done() {
        assertThat(State.values()).filteredOn(State::done).containsExactly(State.DONE);
    }

    @Test
    void attempts_count_the_do_attempts_and_not_the_undos() {
        List<Entry> rows = SmallPlan.rows()
                .attempt(PILOT, ANN, Outcome.RETRY)
                .attempt(PILOT, ANN, Outcome.RETRY)
                .attempt(PILOT, ANN, Outcome.OK)
                .undone(PILOT, ANN)
                .list();

        Progress.Status s = Progress.of(rows).status(PILOT.id(), ANN);

        assertThat(s.attempts()).isEqualTo(3);
        assertThat(s.last().action()).isEqualTo(Action.UNDO);
    }

    @Test
    void an_item_remembers_when_its_latest_attempt_began_and_ended() {
        List<Entry> rows = SmallPlan.rows().attempt(PILOT, ANN, Outcome.OK).list();

        Progress.Status s = Progress.of(rows).status(PILOT.id(), ANN);

        assertThat(s.beganAt()).isEqualTo(rows.get(0).at());
        assertThat(s.endedAt()).isEqualTo(rows.get(1).at());
        assertThat(s.from()).isEqualTo(Fqdn.of(SmallPlan.OLD));
        assertThat(s.to()).isEqualTo(Fqdn.of(SmallPlan.NEW));
    }

    @Test
    void a_non_move_step_is_tracked_under_no_item_and_apart_from_its_approval() {
        Progress p = Progress.of(SmallPlan.rows()
                .done(ROUTE)
                .begin(ROUTE, Decide.APPROVAL, Action.DO, 1)
                .list());

        assertThat(p.state(ROUTE.id(), null)).isEqualTo(State.DONE);
        assertThat(p.state(ROUTE.id(), Decide.APPROVAL)).isEqualTo(State.IN_DOUBT);
        assertThat(p.items(ROUTE.id())).containsOnlyKeys("", Decide.APPROVAL);
        assertThat(p.touched(ROUTE.id())).isTrue();
        assertThat(p.touched(PILOT.id())).isFalse();
        assertThat(p.status(PILOT.id(), ANN)).isNull();
    }

    @Test
    void folding_rows_one_by_one_agrees_with_folding_them_all_at_once() {
        List<Entry> rows = SmallPlan.rows()
                .attempt(PILOT, ANN, Outcome.RETRY)
                .inDoubt(PILOT, ANN)
                .done(ROUTE)
                .list();
        Progress stepwise = Progress.of(List.of());
        rows.forEach(stepwise::apply);

        assertThat(stepwise.items(PILOT.id())).isEqualTo(Progress.of(rows).items(PILOT.id()));
        assertThat(stepwise.items(ROUTE.id())).isEqualTo(Progress.of(rows).items(ROUTE.id()));
    }
}
