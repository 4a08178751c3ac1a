package io.cutover.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.inventory.Fqdn;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run's lease in a real journal: refused while held, taken over from the dead, fenced writes. */
class HoldIT {
    private static final Instant T0 = Instant.parse("2026-11-29T20:00:00Z");
    private static final LeaseTerms TERMS = new LeaseTerms(Duration.ofSeconds(30), Duration.ofSeconds(10));

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A clock the test moves by hand. */
    static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
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

    @BeforeEach
    void startRun() {
        try (Journal j = Journal.open(dir.resolve("journal.db"))) {
            j.startRun("run-1", "abc", "{}", "lab", T0);
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private Journal journal() {
        Journal j = Journal.open(dir.resolve("journal.db"));
        open.add(j);
        return j;
    }

    private Hold hold(Journal j, Claimant me, Clock clock, LeaseTerms terms) {
        Hold h = Hold.acquire(j, Hold.RUN, me, clock, terms);
        open.add(h);
        return h;
    }

    private static Claimant claimant(String actor) {
        return Claimant.thisProcess(actor);
    }

    private static Entry row(String item) {
        return Entry.begin("run-1", "S/p/pilot", item, Action.DO, 1, Fqdn.of("old"), Fqdn.of("new"), null, T0, "t");
    }

    @Test
    void a_second_claimant_is_refused_with_the_holders_host_pid_and_since_when_and_nothing_changes() {
        Claimant alice = claimant("alice");
        Hold first = hold(journal(), alice, Clock.fixed(T0, ZoneOffset.UTC), TERMS);
        Journal second = journal();

        assertThatThrownBy(() -> hold(second, claimant("bob"), Clock.fixed(T0.plusSeconds(3), ZoneOffset.UTC), TERMS))
                .isInstanceOf(CutoverException.class)
                .hasFieldOrPropertyWithValue("code", ErrorCode.RUN_IN_PROGRESS)
                .hasMessageContaining("held by process "
                        + ProcessHandle.current().pid() + " on host " + alice.host() + " (alice) since " + T0)
                .hasMessageContaining("last heartbeat 3 s ago");
        assertThat(second.leases().find(Hold.RUN)).contains(first.lease());
    }

    @Test
    void a_released_hold_is_taken_at_once_with_the_next_token() {
        Journal j = journal();
        Hold first = hold(j, claimant("alice"), Clock.fixed(T0, ZoneOffset.UTC), TERMS);
        first.close();

        Hold next = hold(journal(), claimant("bob"), Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC), TERMS);

        assertThat(next.lease().token()).isEqualTo(first.lease().token() + 1);
        assertThat(j.leases().find(Hold.RUN)).contains(next.lease());
    }

    @Test
    void a_hold_left_by_a_process_that_is_gone_is_taken_over_at_once() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        assertThat(gone.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Claimant me = claimant("bob");
        Journal j = journal();
        Lease left = new Lease(Hold.RUN, "killed", me.host(), gone.pid(), "alice", T0, T0, null, 4);
        assertThat(j.leases().insert(left)).isTrue();

        Hold taken = hold(j, me, Clock.fixed(T0.plusSeconds(1), ZoneOffset.UTC), TERMS);

        assertThat(taken.lease().token()).isEqualTo(5);
        assertThat(taken.lease().pid()).isEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void a_hold_whose_heartbeat_expired_is_taken_over_and_the_old_holders_writes_no_longer_land() {
        Journal old = journal();
        Hold stale = hold(old, claimant("alice"), Clock.fixed(T0, ZoneOffset.UTC), TERMS);
        old.append(row("before"));
        Journal fresh = journal();

        Hold taken = hold(fresh, claimant("bob"), Clock.fixed(T0.plus(Duration.ofSeconds(31)), ZoneOffset.UTC), TERMS);

        assertThat(taken.lease().token()).isEqualTo(stale.lease().token() + 1);
        assertThatThrownBy(() -> old.append(List.of(row("fenced-1"), row("fenced-2"))))
                .isInstanceOf(CutoverException.class)
                .hasFieldOrPropertyWithValue("code", ErrorCode.RUN_IN_PROGRESS)
                .hasMessageContaining("no longer holds the run")
                .hasMessageContaining("(bob) holds it since");
        fresh.append(row("after"));
        assertThat(fresh.entries("run-1")).extracting(Entry::item).containsExactly("before", "after");
        stale.close();
        assertThat(fresh.leases().find(Hold.RUN)).contains(taken.lease());
    }

    @Test
    void the_heartbeat_renews_the_lease_on_the_holders_clock_and_the_holder_learns_when_it_was_taken_over() {
        MovableClock clock = new MovableClock(T0);
        Journal j = journal();
        Hold h = hold(j, claimant("alice"), clock, new LeaseTerms(Duration.ofSeconds(30), Duration.ofMillis(20)));
        Instant later = T0.plusSeconds(10);

        clock.set(later);

        await().atMost(10, TimeUnit.SECONDS)
                .until(() ->
                        j.leases().find(Hold.RUN).orElseThrow().heartbeatAt().equals(later));
        assertThat(h.lost()).isFalse();
        hold(journal(), claimant("bob"), Clock.fixed(later.plusSeconds(31), ZoneOffset.UTC), TERMS);
        await().atMost(10, TimeUnit.SECONDS).until(h::lost);
    }

    @Test
    void of_many_claimants_racing_for_a_free_lease_exactly_one_wins() throws Exception {
        int claimants = 8;
        ExecutorService pool = Executors.newFixedThreadPool(claimants);
        try {
            List<Future<Hold>> tries = new ArrayList<>();
            for (int i = 0; i < claimants; i++) {
                Journal j = journal();
                Claimant c = claimant("c" + i);
                Callable<Hold> attempt = () -> hold(j, c, Clock.fixed(T0, ZoneOffset.UTC), TERMS);
                tries.add(pool.submit(attempt));
            }
            int won = 0;
            for (Future<Hold> t : tries) {
                try {
                    t.get();
                    won++;
                } catch (ExecutionException e) {
                    assertThat(e.getCause())
                            .isInstanceOf(CutoverException.class)
                            .hasFieldOrPropertyWithValue("code", ErrorCode.RUN_IN_PROGRESS);
                }
            }
            assertThat(won).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
