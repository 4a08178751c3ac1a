package io.cutover.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.inventory.Fqdn;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A view of a run kept current by reading only new rows, on PostgreSQL, where a row numbered
 * below the last one read can be committed later: the view picks it up at its next read.
 */
class RunViewIT {
    private static final String RUN = "run-1";
    private static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");

    @Test
    void a_row_committed_after_a_later_numbered_row_was_read_is_folded_in_at_the_next_read() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                Journal journal = Journal.open(new Store.Postgres(pg.getJdbcUrl("postgres", "postgres"), null))) {
            journal.startRun(RUN, "sum", "{}", "lab", T0);
            RunView view = new RunView(journal, RUN);
            journal.append(List.of(begin("early")));
            view.read();
            try (Connection slow = pg.getPostgresDatabase().getConnection()) {
                slow.setAutoCommit(false);
                insert(slow, begin("late"));
                journal.append(List.of(begin("next")));

                Progress before = view.read();
                assertThat(before.state("wave-01", "next")).isEqualTo(State.IN_DOUBT);
                assertThat(before.state("wave-01", "late")).isEqualTo(State.PENDING);

                slow.commit();
            }
            long next = journal.entries(RUN).stream()
                    .filter(e -> e.item().equals("next"))
                    .findFirst()
                    .orElseThrow()
                    .seq();
            // Read on from the last row seen alone, the late row would never be seen.
            assertThat(journal.entriesAfter(RUN, next)).isEmpty();

            assertThat(view.read().state("wave-01", "late")).isEqualTo(State.IN_DOUBT);
        }
    }

    @Test
    void a_row_rolled_back_leaves_a_gap_that_changes_nothing_and_the_view_goes_on() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                Journal journal = Journal.open(new Store.Postgres(pg.getJdbcUrl("postgres", "postgres"), null))) {
            journal.startRun(RUN, "sum", "{}", "lab", T0);
            RunView view = new RunView(journal, RUN);
            journal.append(List.of(begin("early")));
            view.read();
            try (Connection slow = pg.getPostgresDatabase().getConnection()) {
                slow.setAutoCommit(false);
                insert(slow, begin("refused"));
                slow.rollback();
            }
            Entry first = begin("after");
            journal.append(List.of(first));
            journal.append(List.of(first.end(Outcome.OK, null, T0)));

            Progress p = view.read();

            assertThat(p.state("wave-01", "refused")).isEqualTo(State.PENDING);
            assertThat(p.state("wave-01", "after")).isEqualTo(State.DONE);
            assertThat(view.read().items("wave-01")).containsOnlyKeys("early", "after");
        }
    }

    @Test
    void the_rows_of_some_items_of_a_step_are_read_alone_in_the_order_written() {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
                Journal journal = Journal.open(new Store.Postgres(pg.getJdbcUrl("postgres", "postgres"), null))) {
            journal.startRun(RUN, "sum", "{}", "lab", T0);
            Entry a = begin("a");
            journal.append(List.of(a, begin("b"), a.end(Outcome.OK, null, T0), begin("c")));

            assertThat(journal.itemEntries(RUN, "wave-01", List.of("a", "c")))
                    .extracting(e -> e.item() + ":" + e.event())
                    .containsExactly("a:BEGIN", "a:END", "c:BEGIN");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Entry begin(String item) {
        return Entry.begin(
                RUN,
                "wave-01",
                item,
                Action.DO,
                1,
                Fqdn.of("old.contoso.com"),
                Fqdn.of("new.contoso.com"),
                null,
                T0,
                "tester");
    }

    /** A journal row inserted in a transaction the test commits or rolls back when it chooses. */
    private static void insert(Connection c, Entry e) throws Exception {
        try (PreparedStatement s = c.prepareStatement("insert into journal (run_id, step_id, item, action, attempt,"
                + " event, outcome, from_pool, to_pool, detail, at, actor) values (?, ?, ?, 'do', ?, 'begin', null,"
                + " ?, ?, null, ?, ?)")) {
            s.setString(1, e.runId());
            s.setString(2, e.stepId());
            s.setString(3, e.item());
            s.setInt(4, e.attempt());
            s.setString(5, e.from().toString());
            s.setString(6, e.to().toString());
            s.setString(7, e.at().toString());
            s.setString(8, e.actor());
            s.executeUpdate();
        }
    }
}
