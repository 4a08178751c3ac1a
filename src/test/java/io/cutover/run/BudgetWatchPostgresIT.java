package io.cutover.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.journal.BudgetHolds;
import io.cutover.journal.Journal;
import io.cutover.journal.NoticeKind;
import io.cutover.journal.Outcome;
import io.cutover.journal.RunRecord;
import io.cutover.journal.Store;
import io.cutover.schedule.ChangeWindows;
import io.cutover.schedule.ErrorBudget;
import io.cutover.schedule.Schedule;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The budget holds in a shared PostgreSQL journal: two instances, one hold, and a resume that counts afresh. */
class BudgetWatchPostgresIT {
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T10:00:00Z"), ZoneOffset.UTC);
    private static final String WAVE = SmallPlan.WAVE.id();

    private static RunSettings twoInARow(String actor) {
        return new RunSettings(4, 1, Duration.ZERO, null, actor)
                .withSchedule(new Schedule(ChangeWindows.ALWAYS, ErrorBudget.NONE, new ErrorBudget(0, 0, 2)));
    }

    private static void failed(Journal j, String name) {
        SmallPlan.Rows rows = new SmallPlan.Rows();
        rows.begin(SmallPlan.WAVE, SmallPlan.user(name).item(), io.cutover.journal.Action.DO, 1)
                .end(Outcome.FAILED, "move refused");
        j.append(rows.list());
    }

    @Test
    void two_instances_on_postgresql_hold_once_on_a_sites_budget_and_the_next_start_counts_afresh() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            Store store = new Store.Postgres(pg.getJdbcUrl("postgres", "postgres"), null);
            try (Journal a = Journal.open(store);
                    Journal b = Journal.open(store)) {
                RunRecord run = a.startRun(SmallPlan.RUN, "checksum", "{}", "lab", CLOCK.instant());
                BudgetWatch alice = BudgetWatch.start(a, SmallPlan.plan(), run, twoInARow("alice"), CLOCK);
                BudgetWatch bob = BudgetWatch.start(b, SmallPlan.plan(), run, twoInARow("bob"), CLOCK);
                failed(a, "cat");
                failed(b, "dan");

                assertThat(bob.check(WAVE))
                        .get()
                        .extracting(RunOutcome.Held::reason)
                        .asString()
                        .startsWith("site Redmond: 2 moves failed in a row");
                assertThat(alice.check(WAVE)).isPresent();
                assertThat(a.outbox().notices())
                        .filteredOn(n -> n.kind() == NoticeKind.BUDGET_EXHAUSTED)
                        .hasSize(1);

                BudgetWatch again = BudgetWatch.start(b, SmallPlan.plan(), run, twoInARow("carol"), CLOCK);

                assertThat(again.check(WAVE)).isEmpty();
                assertThat(BudgetHolds.of(a).active(run.id())).isEmpty();
                assertThat(BudgetHolds.of(a).countingSince(run.id())).isPositive();
            }
        }
    }
}
