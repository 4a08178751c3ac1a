package io.cutover.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.inventory.Fqdn;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code store copy}: a journal moved from SQLite into PostgreSQL and back, row for row, refused while held. */
class StoreCopyIT {
    private static final Instant AT = Instant.parse("2026-01-05T09:00:00Z");
    private static final Fqdn OLD = Fqdn.of("pool13.contoso.com");
    private static final Fqdn NEW = Fqdn.of("pool19.contoso.com");

    @TempDir
    Path dir;

    @Test
    void a_journal_copied_into_postgresql_and_back_has_every_row_in_order_with_matching_checksums() throws Exception {
        Store sqlite = new Store.Sqlite(dir.resolve("journal.db"));
        List<Entry> written = fill(sqlite);
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            Store postgres = new Store.Postgres(pg.getJdbcUrl("postgres", "postgres"), null);

            List<StoreCopy.Copied> there = StoreCopy.copy(sqlite, postgres, me(), Clock.systemUTC());
            Store back = new Store.Sqlite(dir.resolve("back.db"));
            List<StoreCopy.Copied> again = StoreCopy.copy(postgres, back, me(), Clock.systemUTC());

            assertThat(there)
                    .extracting(StoreCopy.Copied::table)
                    .containsExactly(
                            "run",
                            "journal",
                            "control",
                            "audit",
                            "user_state",
                            "unit_cut",
                            "budget_hold",
                            "outbox",
                            "outbox_delivery");
            assertThat(there)
                    .extracting(StoreCopy.Copied::rows)
                    .containsExactly(1L, (long) written.size(), 1L, 1L, 1L, 1L, 0L, 0L, 0L);
            assertThat(again).isEqualTo(there);
            for (Store s : List.of(postgres, back)) {
                try (Journal j = Journal.open(s)) {
                    assertThat(content(j.entries("run-1"))).isEqualTo(content(written));
                    assertThat(j.controls("run-1")).extracting(Control::request).containsExactly(Control.Request.PAUSE);
                    assertThat(j.auditLog(10)).extracting(AuditEntry::action).containsExactly("pause");
                    // What a rollback would put the user back to came along.
                    assertThat(j.userStates()
                                    .of("run-1", List.of(USER.sipAddress()))
                                    .get(USER.sipAddress()))
                            .isEqualTo(USER);
                    // Every later instance cuts the run as before the copy.
                    assertThat(UnitCuts.fix(j, "run-1", 100, AT, "carol")).isEqualTo(24);
                }
            }
        }
    }

    @Test
    void
            an_error_budget_hold_is_copied_counting_from_the_same_journal_row_though_the_copys_rows_are_numbered_otherwise()
                    throws Exception {
        Store sqlite = new Store.Sqlite(dir.resolve("journal.db"));
        List<Entry> written = fill(sqlite);
        long since;
        try (Journal j = Journal.open(sqlite)) {
            since = j.entries("run-1").get(39).seq();
            BudgetHolds.of(j)
                    .hold(new BudgetHold(
                            "run-1",
                            since,
                            "wave",
                            "pool",
                            "pool01.contoso.com",
                            3,
                            20,
                            "3 of 20 moves failed",
                            List.of("u1", "u2", "u3"),
                            AT,
                            "alice",
                            null,
                            null));
            BudgetHolds.of(j).resume("run-1", "bob", AT);
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            Store postgres = new Store.Postgres(pg.getJdbcUrl("postgres", "postgres"), null);
            try (Journal empty = Journal.open(postgres)) {
                // The copy's rows get other numbers than the source's.
                empty.jdbi().useHandle(h -> h.execute("select setval(pg_get_serial_sequence('journal', 'seq'), 5000)"));
            }

            StoreCopy.copy(sqlite, postgres, me(), Clock.systemUTC());

            try (Journal source = Journal.open(sqlite);
                    Journal copy = Journal.open(postgres)) {
                BudgetHold there = BudgetHolds.of(copy).latest("run-1").orElseThrow();
                assertThat(there.sinceSeq()).isGreaterThan(5000);
                assertThat(content(copy.entriesAfter("run-1", there.sinceSeq())))
                        .isEqualTo(content(source.entriesAfter("run-1", since)))
                        .hasSize(written.size() - 40);
                long counting = BudgetHolds.of(copy).countingSince("run-1");
                assertThat(copy.entriesAfter("run-1", counting)).isEmpty();
                assertThat(there.resumedBy()).isEqualTo("bob");
            }
        }
    }

    @Test
    void a_copy_is_refused_while_a_run_holds_the_journal_and_into_a_store_that_has_a_run() {
        Store sqlite = new Store.Sqlite(dir.resolve("journal.db"));
        fill(sqlite);
        Store target = new Store.Sqlite(dir.resolve("target.db"));
        try (Journal j = Journal.open(sqlite);
                Hold held = Hold.acquire(
                        j,
                        Hold.RUN,
                        new Claimant("x", "ws-07", 4242, "alice"),
                        Clock.systemUTC(),
                        LeaseTerms.DEFAULT)) {
            assertThatThrownBy(() -> StoreCopy.copy(sqlite, target, me(), Clock.systemUTC()))
                    .isInstanceOf(CutoverException.class)
                    .hasMessageContaining("ws-07")
                    .extracting(e -> ((CutoverException) e).code())
                    .isEqualTo(ErrorCode.RUN_IN_PROGRESS);
        }
        StoreCopy.copy(sqlite, target, me(), Clock.systemUTC());
        assertThatThrownBy(() -> StoreCopy.copy(sqlite, target, me(), Clock.systemUTC()))
                .isInstanceOf(CutoverException.class)
                .extracting(e -> ((CutoverException) e).code())
                .isEqualTo(ErrorCode.BAD_INPUT);
    }

    private static final io.cutover.deployment.UserState USER = new io.cutover.deployment.UserState(
            io.cutover.inventory.SipAddress.of("sip:a@x.com"),
            java.util.Map.of(),
            java.util.Map.of(),
            "tel:+3531",
            true,
            List.of("conf-1"),
            null,
            23,
            null);

    private static Claimant me() {
        return Claimant.thisProcess("copier");
    }

    private static List<Entry> fill(Store store) {
        List<Entry> rows = new ArrayList<>();
        try (Journal j = Journal.open(store)) {
            j.startRun("run-1", "sum", "{\"steps\":[]}", "lab", AT);
            for (int i = 0; i < 50; i++) {
                Entry begin = Entry.begin(
                        "run-1", "wave", "User:sip:u" + i + "@contoso.com", Action.DO, 1, OLD, NEW, null, AT, "alice");
                rows.add(begin);
                rows.add(begin.end(i % 7 == 0 ? Outcome.RETRY : Outcome.OK, "détail " + i, AT.plusSeconds(i)));
            }
            j.append(rows);
            j.userStates().recordFirst("run-1", List.of(USER), AT);
            j.request("run-1", Control.Request.PAUSE, "bob", AT);
            UnitCuts.fix(j, "run-1", 24, AT, "bob");
            j.audit(new AuditEntry(0, AT, "bob", "cli", "pause", "run-1", "ok", null));
        }
        return rows;
    }

    /** The rows without their numbers, which are each store's own. */
    private static List<String> content(List<Entry> rows) {
        return rows.stream()
                .map(e -> e.stepId() + "|" + e.item() + "|" + e.action() + "|" + e.attempt() + "|" + e.event() + "|"
                        + e.outcome() + "|" + e.from() + "|" + e.to() + "|" + e.detail() + "|" + e.at() + "|"
                        + e.actor())
                .toList();
    }
}
