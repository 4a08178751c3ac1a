package io.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.run.RunState;
import io.cutover.run.StatusReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What `status` prints for people. */
class StatusTextTest {
    private static StatusReport report() {
        return new StatusReport(
                "run-1",
                "0123456789abcdef",
                RunState.FAILED,
                3,
                9,
                12,
                40,
                0,
                0,
                0,
                null,
                null,
                "Redmond/pool13.contoso.com/wave-01",
                List.of(),
                List.of(),
                null,
                List.of(),
                List.of());
    }

    private static String text(StatusReport s) {
        StringWriter out = new StringWriter();
        StatusText.print(new PrintWriter(out), s);
        return out.toString();
    }

    @Test
    void a_run_held_by_an_error_budget_names_the_budget_the_pool_the_figures_and_the_failed_moves() {
        List<String> failures = java.util.stream.IntStream.rangeClosed(1, 12)
                .mapToObj(n -> "User:sip:red" + n + "@contoso.com: move refused")
                .toList();
        StatusReport held = report().withBudgetHold(new StatusReport.BudgetLine(
                "pool",
                "pool13.contoso.com",
                12,
                50,
                "pool pool13.contoso.com: 12 of the last 50 moves failed, more than 10 % (budget)",
                "Redmond/pool13.contoso.com/wave-01",
                "2026-01-02T10:00:00Z",
                failures));

        String text = text(held);

        assertThat(held.state()).isEqualTo(RunState.HELD);
        assertThat(text)
                .contains("): held")
                .contains("error budget of pool pool13.contoso.com")
                .contains("12 of the last 50 moves of the pool failed")
                .contains("User:sip:red10@contoso.com: move refused")
                .doesNotContain("red11@")
                .contains("... and 2 more")
                .contains("cutover run --resume");
    }

    @Test
    void a_run_not_held_prints_no_budget_lines() {
        assertThat(text(report().withBudgetHold(null))).doesNotContain("budget");
    }
}
