package io.cutover.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.inventory.Fqdn;
import io.cutover.journal.Action;
import io.cutover.journal.Entry;
import io.cutover.journal.Outcome;
import io.cutover.journal.Progress;
import io.cutover.plan.Move;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A plan cut into units of work: whole steps, and move steps cut into slices that shrink at the end. */
class UnitsTest {
    private static final RunSettings ALL = RunSettings.defaults("tester");

    @Test
    void the_slices_of_a_step_add_up_to_its_items_and_none_is_larger_than_the_slice() {
        for (int slice = 1; slice <= 130; slice += 3) {
            for (int items = 0; items <= 1_000; items += 7) {
                List<Integer> sizes = Units.cut(items, slice);
                assertThat(sizes.stream().mapToInt(Integer::intValue).sum())
                        .as("%d items in slices of %d", items, slice)
                        .isEqualTo(items);
                int most = slice;
                assertThat(sizes).allSatisfy(size -> assertThat(size).isBetween(1, most));
            }
        }
    }

    @Test
    void a_step_is_cut_into_full_slices_then_shrinking_ones_down_to_a_quarter_of_a_slice() {
        List<Integer> sizes = Units.cut(1_000, 24);

        assertThat(sizes.get(0)).isEqualTo(24);
        for (int k = 1; k < sizes.size(); k++) {
            assertThat(sizes.get(k)).as("slice %d of %s", k, sizes).isLessThanOrEqualTo(sizes.get(k - 1));
        }
        // Only the last may be smaller than a quarter of a slice: it is what is left.
        assertThat(sizes.subList(0, sizes.size() - 1))
                .allSatisfy(size -> assertThat(size).isGreaterThanOrEqualTo(6));
        assertThat(sizes.get(sizes.size() - 1)).isLessThan(24);
        // Most of the step still goes in full slices: the shrinking ones are its last few.
        assertThat(sizes.stream().filter(size -> size == 24).count()).isGreaterThanOrEqualTo(37);
    }

    @Test
    void a_step_of_no_more_items_than_a_slice_is_one_unit_named_as_the_step() {
        Step.MoveBatch step = batch("R/wave-1", 24);
        Units units = new Units(plan(step), 24);

        assertThat(units.all()).singleElement().satisfies(u -> {
            assertThat(u.id()).isEqualTo("R/wave-1");
            assertThat(u.slice()).isEqualTo(-1);
            assertThat(units.work(u)).isEqualTo(step);
        });
    }

    @Test
    void every_item_of_a_cut_step_is_in_exactly_one_unit_and_its_rows_are_fenced_by_that_unit() {
        Step.MoveBatch step = batch("R/wave-1", 1_000);
        Units units = new Units(plan(step), 24);

        Map<String, String> unitOfItem = new HashMap<>();
        for (Units.Unit u : units.all()) {
            for (Move m : ((Step.MoveBatch) units.work(u)).moves()) {
                assertThat(unitOfItem.put(m.item(), u.id()))
                        .as("%s in two units", m.item())
                        .isNull();
            }
        }
        assertThat(unitOfItem).hasSize(1_000);
        for (Move m : step.moves()) {
            assertThat(units.unitOf(begin(step, m))).isEqualTo(unitOfItem.get(m.item()));
        }
        assertThat(units.all()).extracting(Units.Unit::id).doesNotHaveDuplicates();
    }

    @Test
    void two_instances_given_the_same_slice_cut_a_plan_alike() {
        Plan plan = plan(batch("R/pilot", 20), batch("R/wave-1", 250), batch("R/wave-2", 1_000));

        assertThat(new Units(plan, 24).all()).isEqualTo(new Units(plan, 24).all());
        assertThat(new Units(plan, 24).all()).isNotEqualTo(new Units(plan, 100).all());
    }

    @Test
    void only_the_slices_with_an_item_not_done_are_ready_and_the_next_step_waits_for_all_of_them() {
        Step.MoveBatch wave1 = batch("R/wave-1", 60);
        Step.MoveBatch wave2 = batch("R/wave-2", 10);
        Units units = new Units(plan(wave1, wave2), 24);
        List<Units.Unit> slices = units.all().subList(0, units.all().size() - 1);
        List<Entry> rows = new ArrayList<>();
        // Every item of the first slice moved, and one item of the second.
        for (Move m : ((Step.MoveBatch) units.work(slices.get(0))).moves()) {
            rows.add(done(wave1, m));
        }
        rows.add(
                done(wave1, ((Step.MoveBatch) units.work(slices.get(1))).moves().get(0)));

        List<Units.Unit> ready = units.ready(Progress.of(rows), ALL);

        assertThat(ready).containsExactlyElementsOf(slices.subList(1, slices.size()));
        assertThat(ready).noneMatch(u -> u.step() == wave2);
    }

    @Test
    void a_slice_of_no_items_is_refused() {
        assertThatThrownBy(() -> new Units(plan(batch("R/wave-1", 3)), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 item or more");
    }

    private static Step.MoveBatch batch(String id, int users) {
        List<Move> moves = IntStream.range(0, users)
                .mapToObj(i -> SmallPlan.user(id.replace('/', '-') + "-u" + i))
                .toList();
        return new Step.MoveBatch(id, SmallPlan.SITE, Fqdn.of(SmallPlan.OLD), Phase.Production, id, moves);
    }

    private static Plan plan(Step... steps) {
        return new Plan(
                Plan.FORMAT,
                "test",
                PlanOptions.defaults("Skype for Business Server 2019"),
                List.of(steps),
                List.of(),
                List.of(),
                "checksum");
    }

    private static Entry begin(Step step, Move m) {
        return Entry.begin(
                SmallPlan.RUN,
                step.id(),
                m.item(),
                Action.DO,
                1,
                m.from(),
                m.to(),
                null,
                java.time.Instant.parse("2026-01-01T00:00:00Z"),
                "tester");
    }

    private static Entry done(Step step, Move m) {
        return begin(step, m).end(Outcome.OK, null, java.time.Instant.parse("2026-01-01T00:00:01Z"));
    }
}
