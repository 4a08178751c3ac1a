package io.cutover.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Units of a shared run claimed by instances: one holder at a time, take-over after a lapse, fenced writes. */
class ClaimsIT {
    /** Long enough that no heartbeat fires during a test: the clock alone says when a claim lapses. */
    private static final LeaseTerms SLOW = new LeaseTerms(Duration.ofDays(2), Duration.ofDays(1));

    private static final String RUN = "run-1";

    @TempDir
    Path dir;

    private final MovableClock clock = new MovableClock(Instant.parse("2026-01-05T09:00:00Z"));

    @Test
    void on_postgresql_a_unit_taken_over_after_its_holder_lapsed_refuses_the_old_holders_writes() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            takeOverFences(new Store.Postgres(pg.getJdbcUrl("postgres", "postgres"), null));
        }
    }

    @Test
    void on_sqlite_a_unit_taken_over_after_its_holder_lapsed_refuses_the_old_holders_writes() {
        takeOverFences(new Store.Sqlite(dir.resolve("journal.db")));
    }

    @Test
    void a_unit_held_by_a_live_instance_is_passed_over_for_the_next_one_and_a_released_unit_is_taken_at_once()
            throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            Store store = new Store.Postgres(pg.getJdbcUrl("postgres", "postgres"), null);
            try (Journal a = Journal.open(store);
                    Journal b = Journal.open(store)) {
                a.startRun(RUN, "sum", "{}", "lab", clock.instant());
                Claims alice = join(a, "alice", "host-a");
                Claims bob = join(b, "bob", "host-b");

                assertThat(alice.claim(List.of("s1", "s2"))).contains("s1");
                assertThat(bob.claim(List.of("s1", "s2"))).contains("s2");
                assertThat(bob.claim(List.of("s1"))).isEmpty();
                alice.release("s1");
                assertThat(bob.claim(List.of("s1"))).contains("s1");

                List<Instance> instances = Claims.instances(a, RUN);
                assertThat(instances).extracting(Instance::actor).containsExactly("alice", "bob");
                assertThat(instances.get(1).units()).containsExactlyInAnyOrder("s1", "s2");
                assertThat(instances.get(0).units()).isEmpty();
            }
        }
    }

    @Test
    void a_unit_let_go_of_and_no_longer_to_do_is_passed_over_for_the_next_one_without_a_claim() {
        try (Journal a = Journal.open(new Store.Sqlite(dir.resolve("journal.db")));
                Journal b = Journal.open(new Store.Sqlite(dir.resolve("journal.db")))) {
            a.startRun(RUN, "sum", "{}", "lab", clock.instant());
            Claims alice = join(a, "alice", "host-a");
            Claims bob = join(b, "bob", "host-b");
            assertThat(alice.claim(List.of("s1"))).contains("s1");
            alice.release("s1");

            assertThat(bob.claim(List.of("s1", "s2"), unit -> !unit.equals("s1")))
                    .contains("s2");
            assertThat(Claims.instances(a, RUN).get(1).units()).containsExactly("s2");
            assertThat(bob.claim(List.of("s1"), unit -> false)).isEmpty();
            assertThat(bob.claim(List.of("s1"), unit -> true)).contains("s1");
        }
    }

    private void takeOverFences(Store store) {
        try (Journal a = Journal.open(store);
                Journal b = Journal.open(store)) {
            a.startRun(RUN, "sum", "{}", "lab", clock.instant());
            Claims alice = join(a, "alice", "host-a");
            Claims bob = join(b, "bob", "host-b");
            assertThat(alice.claim(List.of("s1"))).contains("s1");
            a.append(row("s1", "alice"));
            assertThat(bob.claim(List.of("s1"))).as("held by a live instance").isEmpty();

            clock.advance(SLOW.term().plusSeconds(1));
            assertThat(bob.claim(List.of("s1"))).contains("s1");

            assertThatThrownBy(() -> a.append(row("s1", "alice")))
                    .isInstanceOf(CutoverException.class)
                    .extracting(e -> ((CutoverException) e).code())
                    .isEqualTo(ErrorCode.RUN_IN_PROGRESS);
            b.append(row("s1", "bob"));
            assertThat(a.entries(RUN)).extracting(Entry::actor).containsExactly("alice", "bob");
        }
    }

    private Claims join(Journal j, String actor, String host) {
        return Claims.join(j, RUN, new Claimant(actor + "-id", host, 1, actor), List.of(), clock, SLOW, Entry::stepId);
    }

    private Entry row(String unit, String actor) {
        return Entry.begin(RUN, unit, null, Action.DO, 1, null, null, null, clock.instant(), actor);
    }

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
