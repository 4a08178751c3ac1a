package io.cutover.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.LongPredicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Who may take, renew or must leave a lease, given the row, the time and the claimant. */
class LeaseVerdictTest {
    private static final Duration TERM = Duration.ofSeconds(30);
    private static final Instant NOW = Instant.parse("2026-11-29T20:00:00Z");
    private static final Claimant ME = new Claimant("me", "ws-07", 100, "alice");
    private static final LongPredicate EVERYONE_ALIVE = pid -> true;
    private static final LongPredicate NO_ONE_ALIVE = pid -> false;

    private static Lease held(String holder, String host, long pid, Instant heartbeat, long token) {
        return new Lease(Hold.RUN, holder, host, pid, "bob", heartbeat.minusSeconds(600), heartbeat, null, token);
    }

    private static LeaseVerdict decide(Lease lease, LongPredicate alive) {
        return LeaseVerdict.decide(Optional.ofNullable(lease), ME, NOW, TERM, alive);
    }

    @Test
    void a_lease_never_held_is_taken_with_token_one() {
        assertThat(decide(null, EVERYONE_ALIVE)).isEqualTo(new LeaseVerdict.Take(1, null, "free"));
    }

    @Test
    void a_released_lease_is_taken_with_the_next_token_even_from_a_live_process() {
        Lease released = new Lease(Hold.RUN, "other", "ws-07", 200, "bob", NOW, NOW, NOW, 7);

        assertThat(decide(released, EVERYONE_ALIVE)).isEqualTo(new LeaseVerdict.Take(8, released, "released"));
    }

    @Test
    void a_lease_held_by_a_live_process_of_this_host_is_refused_naming_that_holder() {
        Lease other = held("other", "ws-07", 200, NOW.minusSeconds(2), 3);

        assertThat(decide(other, pid -> pid == 200)).isEqualTo(new LeaseVerdict.Refuse(other));
    }

    @Test
    void a_lease_whose_process_is_gone_from_this_host_is_taken_over_at_once_with_the_next_token() {
        Lease other = held("other", "ws-07", 200, NOW.minusSeconds(1), 3);

        assertThat(decide(other, pid -> pid != 200)).isEqualTo(new LeaseVerdict.Take(4, other, "process gone"));
    }

    @Test
    void a_lease_held_on_another_host_is_refused_while_its_heartbeat_is_within_the_term() {
        // This host cannot see the other host's processes: the process table here says nothing.
        Lease other = held("other", "ws-08", 200, NOW.minus(TERM), 3);

        assertThat(decide(other, NO_ONE_ALIVE)).isEqualTo(new LeaseVerdict.Refuse(other));
    }

    @Test
    void a_lease_whose_heartbeat_is_older_than_the_term_is_taken_over_even_from_a_live_process() {
        Lease other = held("other", "ws-08", 200, NOW.minus(TERM).minusMillis(1), 3);

        assertThat(decide(other, EVERYONE_ALIVE)).isEqualTo(new LeaseVerdict.Take(4, other, "heartbeat expired"));
    }

    @Test
    void the_claimants_own_lease_is_renewed_with_its_token_kept() {
        Lease mine = held("me", "ws-07", 100, NOW.minusSeconds(5), 9);

        assertThat(decide(mine, NO_ONE_ALIVE)).isEqualTo(new LeaseVerdict.Renew(mine));
    }

    @Test
    void another_holding_of_this_very_process_is_refused_like_any_live_holder() {
        // Same host, same pid, another holding id: a second attempt inside one process.
        Lease sibling = held("sibling", "ws-07", 100, NOW, 2);

        assertThat(decide(sibling, pid -> pid == 100)).isEqualTo(new LeaseVerdict.Refuse(sibling));
    }

    static Stream<Lease> randomLeases() {
        SplittableRandom random = new SplittableRandom(20_261_129L);
        List<String> hosts = List.of("ws-07", "ws-08");
        return IntStream.range(0, 200).mapToObj(i -> {
            Instant heartbeat = NOW.minusMillis(random.nextLong(0, 2 * TERM.toMillis()));
            Instant released = random.nextInt(4) == 0 ? heartbeat : null;
            String holder = random.nextInt(10) == 0 ? "me" : "h" + i;
            return new Lease(
                    Hold.RUN,
                    holder,
                    hosts.get(random.nextInt(2)),
                    random.nextLong(1, 400),
                    "bob",
                    heartbeat.minusSeconds(60),
                    heartbeat,
                    released,
                    random.nextLong(1, 1_000));
        });
    }

    @ParameterizedTest
    @MethodSource("randomLeases")
    void a_take_always_raises_the_token_and_a_refusal_always_names_a_live_unexpired_holder_of_another_holding(
            Lease lease) {
        LongPredicate alive = pid -> pid % 2 == 0;

        LeaseVerdict verdict = decide(lease, alive);

        if (verdict instanceof LeaseVerdict.Take take) {
            assertThat(take.token()).isEqualTo(lease.token() + 1);
            assertThat(take.from()).isEqualTo(lease);
        } else if (verdict instanceof LeaseVerdict.Refuse refuse) {
            assertThat(refuse.holder()).isEqualTo(lease);
            assertThat(lease.released()).isFalse();
            assertThat(lease.holder()).isNotEqualTo(ME.id());
            assertThat(lease.expired(NOW, TERM)).isFalse();
            assertThat(!lease.host().equals(ME.host()) || alive.test(lease.pid()))
                    .isTrue();
        } else {
            assertThat(lease.holder()).isEqualTo(ME.id());
        }
    }
}
