package io.cutover.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.inventory.Fqdn;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The journal in a real PostgreSQL: the same migrations, rows, lease and fencing as in SQLite. */
class PostgresStoreIT {
    private static final Instant T0 = Instant.parse("2026-11-29T20:00:00Z");
    private static final LeaseTerms TERMS = new LeaseTerms(Duration.ofSeconds(30), Duration.ofSeconds(10));
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static EmbeddedPostgres pg;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    /** A fresh, empty database, and the store for it. */
    static Store.Postgres freshStore() throws Exception {
        String name = "journal_" + DATABASES.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection();
                Statement s = c.createStatement()) {
            s.execute("create database " + name);
        }
        return new Store.Postgres(pg.getJdbcUrl("postgres", name), null);
    }

    private static Entry row(String item, Instant at) {
        return Entry.begin("run-1", "S/p/pilot", item, Action.DO, 1, Fqdn.of("old"), Fqdn.of("new"), null, at, "t");
    }

    @Test
    void a_fresh_database_is_migrated_and_the_journal_reads_back_in_order_what_it_wrote() throws Exception {
        Store.Postgres store = freshStore();
        try (Journal j = Journal.open(store)) {
            j.startRun("run-1", "abc", "{\"steps\":[]}", "lab", T0);
            Entry begin = row("User:sip:a@x", T0);
            j.append(begin);
            j.append(List.of(begin.end(Outcome.OK, "moved", T0.plusSeconds(1)), row("User:sip:b@x", T0)));
            j.request("run-1", Control.Request.PAUSE, "ann", T0);
            j.audit(new AuditEntry(0, T0, "ann", "cli", "pause", null, "ok", null));
        }
        try (Journal j = Journal.open(store)) {
            assertThat(j.currentRun()).get().extracting(RunRecord::planChecksum).isEqualTo("abc");
            List<Entry> rows = j.entries("run-1");
            assertThat(rows).extracting(Entry::event).containsExactly(Event.BEGIN, Event.END, Event.BEGIN);
            assertThat(rows.get(0).seq()).isLessThan(rows.get(1).seq());
            assertThat(rows.get(1).outcome()).isEqualTo(Outcome.OK);
            assertThat(rows).extracting(Entry::item).containsExactly("User:sip:a@x", "User:sip:a@x", "User:sip:b@x");
            assertThat(j.latest("run-1", "S/p/pilot", "User:sip:a@x"))
                    .get()
                    .extracting(Entry::event)
                    .isEqualTo(Event.END);
            assertThat(j.latestRequest("run-1")).contains(Control.Request.PAUSE);
            assertThat(j.auditLog(10)).extracting(AuditEntry::action).containsExactly("pause");
        }
        try (Connection c = pg.getDatabase("postgres", dbOf(store)).getConnection();
                ResultSet rs = c.createStatement()
                        .executeQuery(
                                "select version from flyway_schema_history where success order by installed_rank")) {
            List<String> versions = new ArrayList<>();
            while (rs.next()) {
                versions.add(rs.getString(1));
            }
            assertThat(versions).containsExactly("1", "2", "3", "4", "5", "6", "7", "8", "9");
        }
    }

    @Test
    void the_runs_lease_refuses_a_second_holder_and_fences_the_writes_of_one_that_was_taken_over() throws Exception {
        Store.Postgres store = freshStore();
        try (Journal first = Journal.open(store);
                Journal second = Journal.open(store);
                Journal third = Journal.open(store)) {
            first.startRun("run-1", "abc", "{}", "lab", T0);
            Hold held = Hold.acquire(
                    first, Hold.RUN, Claimant.thisProcess("alice"), Clock.fixed(T0, ZoneOffset.UTC), TERMS);
            first.append(row("before", T0));

            assertThatThrownBy(() -> Hold.acquire(
                            second, Hold.RUN, Claimant.thisProcess("bob"), Clock.fixed(T0, ZoneOffset.UTC), TERMS))
                    .isInstanceOf(CutoverException.class)
                    .hasFieldOrPropertyWithValue("code", ErrorCode.RUN_IN_PROGRESS)
                    .hasMessageContaining("(alice) since " + T0);
            Hold taken = Hold.acquire(
                    third,
                    Hold.RUN,
                    Claimant.thisProcess("carol"),
                    Clock.fixed(T0.plusSeconds(31), ZoneOffset.UTC),
                    TERMS);

            assertThat(taken.lease().token()).isEqualTo(held.lease().token() + 1);
            assertThatThrownBy(() -> first.append(row("fenced", T0)))
                    .isInstanceOf(CutoverException.class)
                    .hasFieldOrPropertyWithValue("code", ErrorCode.RUN_IN_PROGRESS);
            third.append(row("after", T0));
            assertThat(third.entries("run-1")).extracting(Entry::item).containsExactly("before", "after");
        }
    }

    @Test
    void a_url_that_is_not_postgresql_or_that_carries_a_password_is_refused() {
        assertThatThrownBy(() -> new Store.Postgres("jdbc:mysql://db/x", null))
                .hasFieldOrPropertyWithValue("code", ErrorCode.BAD_INPUT)
                .hasMessageContaining("PostgreSQL JDBC URL");
        assertThatThrownBy(() -> new Store.Postgres("jdbc:postgresql://db/x?user=u&Password=secret", null))
                .hasFieldOrPropertyWithValue("code", ErrorCode.BAD_INPUT)
                .hasMessageContaining(Store.PASSWORD_VARIABLE)
                .hasMessageNotContaining("secret");
    }

    @Test
    void an_unreachable_database_is_refused_naming_the_url_but_not_the_password() throws Exception {
        Store.Postgres store = freshStore();
        Store.Postgres nowhere = new Store.Postgres(store.url().replace("journal_", "missing_"), "hunter2");

        assertThatThrownBy(() -> Journal.open(nowhere))
                .isInstanceOf(CutoverException.class)
                .hasFieldOrPropertyWithValue("code", ErrorCode.BAD_INPUT)
                .hasMessageContaining("missing_")
                .hasMessageNotContaining("hunter2");
    }

    private static String dbOf(Store.Postgres store) {
        String path = store.url().substring(store.url().lastIndexOf('/') + 1);
        return path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    }
}
