package io.cutover.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class ErrorBudgetTest {
    private static List<Boolean> outcomes(int ok, int failed) {
        List<Boolean> l = new ArrayList<>(Collections.nCopies(ok, false));
        l.addAll(Collections.nCopies(failed, true));
        return l;
    }

    @Test
    void failures_in_a_row_exhaust_the_budget_and_a_success_between_them_resets_the_count() {
        ErrorBudget b = new ErrorBudget(0, 0, 3);

        assertThat(b.exhausted("pool p", outcomes(10, 3)))
                .hasValueSatisfying(r -> assertThat(r).contains("pool p").contains("3 moves failed in a row"));
        assertThat(b.exhausted("pool p", List.of(true, true, false, true, true)))
                .isEmpty();
    }

    @Test
    void more_than_the_percentage_of_the_last_moves_exhausts_it_and_exactly_the_percentage_does_not() {
        ErrorBudget b = new ErrorBudget(10, 20, 0);
        List<Boolean> two = new ArrayList<>(outcomes(18, 0));
        two.add(1, true);
        two.add(5, true);
        List<Boolean> three = new ArrayList<>(two);
        three.add(9, true);
        three.remove(0);

        assertThat(two).hasSize(20);
        assertThat(b.exhausted("site Dublin", two)).isEmpty();
        assertThat(b.exhausted("site Dublin", three))
                .hasValueSatisfying(r -> assertThat(r).contains("3 of the last 20 moves failed"));
    }

    @Test
    void the_percentage_is_judged_only_once_enough_moves_are_done() {
        ErrorBudget b = new ErrorBudget(10, 20, 0);

        assertThat(b.exhausted("pool p", outcomes(0, 1))).isEmpty();
        assertThat(b.exhausted("pool p", outcomes(17, 3))).isPresent();
    }

    @Test
    void no_budget_never_holds_and_nonsense_thresholds_are_refused() {
        assertThat(ErrorBudget.NONE.exhausted("pool p", outcomes(0, 500))).isEmpty();
        assertThatThrownBy(() -> new ErrorBudget(101, 10, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ErrorBudget(10, -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
