package io.cutover.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.inventory.Fqdn;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A claimer folds one step's rows afresh into a shared view of the run without re-reading the rest. */
class ProgressWithStepTest {
    private static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");

    private static Entry begin(String step, String item) {
        return Entry.begin(
                "r", step, item, Action.DO, 1, Fqdn.of("old.contoso.com"), Fqdn.of("new.contoso.com"), null, T0, "t");
    }

    @Test
    void the_step_given_is_folded_from_its_rows_alone_and_the_other_steps_are_kept() {
        Entry a = begin("wave-01", "a");
        Entry other = begin("wave-02", "x");
        Progress view = Progress.of(List.of(a, other));

        Progress fresh = view.withStep("wave-01", List.of(a, a.end(Outcome.OK, null, T0), begin("wave-01", "b")));

        assertThat(fresh.state("wave-01", "a")).isEqualTo(State.DONE);
        assertThat(fresh.state("wave-01", "b")).isEqualTo(State.IN_DOUBT);
        assertThat(fresh.state("wave-02", "x")).isEqualTo(State.IN_DOUBT);
    }

    @Test
    void the_view_it_was_made_from_is_left_as_it_was() {
        Entry a = begin("wave-01", "a");
        Progress view = Progress.of(List.of(a));

        view.withStep("wave-01", List.of(a, a.end(Outcome.OK, null, T0)));

        assertThat(view.state("wave-01", "a")).isEqualTo(State.IN_DOUBT);
    }

    @Test
    void rows_of_the_step_that_the_view_had_but_the_fresh_read_has_not_are_dropped() {
        Entry stale = begin("wave-01", "gone");
        Progress view = Progress.of(List.of(stale));

        Progress fresh = view.withStep("wave-01", List.of());

        assertThat(fresh.status("wave-01", "gone")).isNull();
    }

    @Test
    void the_items_given_are_folded_from_their_rows_alone_and_the_other_items_of_the_step_are_kept() {
        Entry a = begin("wave-01", "a");
        Entry b = begin("wave-01", "b");
        Entry stale = begin("wave-01", "c");
        Progress view = Progress.of(List.of(a, b, stale));

        Progress fresh = view.withItems("wave-01", List.of("a", "c"), List.of(a, a.end(Outcome.OK, null, T0)));

        assertThat(fresh.state("wave-01", "a")).isEqualTo(State.DONE);
        assertThat(fresh.state("wave-01", "b")).isEqualTo(State.IN_DOUBT);
        assertThat(fresh.status("wave-01", "c"))
                .as("given, and no row of it read")
                .isNull();
        assertThat(view.state("wave-01", "a")).as("the view is left as it was").isEqualTo(State.IN_DOUBT);
    }
}
