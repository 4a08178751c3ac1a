package io.cutover.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.journal.BudgetHold;
import io.cutover.journal.BudgetHolds;
import io.cutover.journal.Journal;
import io.cutover.journal.NoticeKind;
import io.cutover.journal.Outcome;
import io.cutover.journal.RunRecord;
import io.cutover.plan.Plan;
import io.cutover.schedule.ChangeWindows;
import io.cutover.schedule.ErrorBudget;
import io.cutover.schedule.Schedule;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The budgets counted from a journal that several instances share, held once, resumed by the next start. */
class BudgetWatchTest {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"), ZoneOffset.UTC);
    private static final String WAVE = SmallPlan.WAVE.id();
    private static final Plan PLAN = SmallPlan.plan();

    @TempDir
    Path dir;

    private static RunSettings twoInARow(String actor) {
        return new RunSettings(4, 1, java.time.Duration.ZERO, null, actor)
                .withSchedule(new Schedule(ChangeWindows.ALWAYS, new ErrorBudget(0, 0, 2), ErrorBudget.NONE));
    }

    private static void moved(Journal j, String name, Outcome outcome) {
        SmallPlan.Rows rows = new SmallPlan.Rows();
        rows.begin(SmallPlan.WAVE, SmallPlan.user(name).item(), io.cutover.journal.Action.DO, 1)
                .end(outcome, outcome == Outcome.OK ? null : "move refused");
        j.append(rows.list());
    }

    private RunRecord start(Journal j) {
        return j.startRun(SmallPlan.RUN, "checksum", "{}", "lab", CLOCK.instant());
    }

    @Test
    void every_instance_sharing_the_run_holds_on_the_failures_of_all_and_one_hold_and_notice_are_written() {
        try (Journal a = Journal.open(dir.resolve("journal.db"));
                Journal b = Journal.open(dir.resolve("journal.db"))) {
            RunRecord run = start(a);
            BudgetWatch alice = BudgetWatch.start(a, PLAN, run, twoInARow("alice"), CLOCK);
            BudgetWatch bob = BudgetWatch.start(b, PLAN, run, twoInARow("bob"), CLOCK);
            moved(a, "cat", Outcome.FAILED);
            assertThat(bob.check(WAVE)).isEmpty();
            moved(b, "dan", Outcome.FAILED);

            Optional<RunOutcome.Held> seenByAlice = alice.check(WAVE);
            Optional<RunOutcome.Held> seenByBob = bob.check(WAVE);

            assertThat(seenByAlice).get().satisfies(h -> {
                assertThat(h.why()).isEqualTo(RunOutcome.Held.Why.BUDGET);
                assertThat(h.reason()).isEqualTo("pool pool01.contoso.com: 2 moves failed in a row (budget: 2)");
                assertThat(h.atStep()).isEqualTo(WAVE);
            });
            assertThat(seenByBob).isEqualTo(seenByAlice);
            assertThat(alice.holding()).isTrue();
            BudgetHold hold = BudgetHolds.of(a).active(run.id()).orElseThrow();
            assertThat(hold.failures())
                    .containsExactly(
                            "User:sip:cat@contoso.com: move refused", "User:sip:dan@contoso.com: move refused");
            assertThat(a.outbox().notices())
                    .filteredOn(n -> n.kind() == NoticeKind.BUDGET_EXHAUSTED)
                    .hasSize(1);
        }
    }

    @Test
    void the_next_start_resumes_the_hold_and_only_outcomes_after_it_count() {
        try (Journal j = Journal.open(dir.resolve("journal.db"))) {
            RunRecord run = start(j);
            BudgetWatch first = BudgetWatch.start(j, PLAN, run, twoInARow("alice"), CLOCK);
            moved(j, "cat", Outcome.FAILED);
            moved(j, "dan", Outcome.FAILED);
            assertThat(first.check(WAVE)).isPresent();

            BudgetWatch resumed = BudgetWatch.start(j, PLAN, run, twoInARow("bob"), CLOCK);

            assertThat(BudgetHolds.of(j).latest(run.id()).orElseThrow().resumedBy())
                    .isEqualTo("bob");
            assertThat(resumed.check(WAVE)).as("the failures before the resume").isEmpty();
            moved(j, "cat", Outcome.FAILED);
            assertThat(resumed.check(WAVE)).as("one failure since the resume").isEmpty();
            moved(j, "dan", Outcome.FAILED);
            assertThat(resumed.check(WAVE)).isPresent();
            assertThat(j.outbox().notices())
                    .filteredOn(n -> n.kind() == NoticeKind.BUDGET_EXHAUSTED)
                    .hasSize(2);
        }
    }

    @Test
    void retried_attempts_and_successes_between_failures_do_not_exhaust_a_budget_of_failures_in_a_row() {
        try (Journal j = Journal.open(dir.resolve("journal.db"))) {
            RunRecord run = start(j);
            BudgetWatch watch = BudgetWatch.start(j, PLAN, run, twoInARow("alice"), CLOCK);
            moved(j, "cat", Outcome.FAILED);
            moved(j, "dan", Outcome.RETRY);
            moved(j, "eve", Outcome.OK);
            moved(j, "dan", Outcome.FAILED);

            assertThat(watch.check(WAVE)).isEmpty();
            assertThat(BudgetHolds.of(j).latest(run.id())).isEmpty();
        }
    }
}
