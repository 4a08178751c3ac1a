package io.cutover.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Whether a holder still takes part, by the rule that take-overs and status share. */
class PresenceTest {
    private static final Instant NOW = Instant.parse("2026-11-30T05:00:00Z");
    private static final Duration TERM = Duration.ofSeconds(30);

    private static Presence of(String host, Instant heartbeat, Instant stopped, boolean alive) {
        return Presence.of(host, 4242, heartbeat, stopped, NOW, TERM, "ws-07", pid -> alive);
    }

    @Test
    void a_holder_of_this_host_whose_process_is_gone_is_gone_though_its_heartbeat_is_fresh() {
        assertThat(of("ws-07", NOW, null, false)).isEqualTo(Presence.GONE);
        assertThat(of("ws-07", NOW, null, true)).isEqualTo(Presence.LIVE);
    }

    @Test
    void a_holder_of_this_host_whose_process_is_gone_stays_gone_once_its_heartbeat_is_old_too() {
        assertThat(of("ws-07", NOW.minus(TERM).minusSeconds(60), null, false)).isEqualTo(Presence.GONE);
        assertThat(of("ws-07", NOW.minus(TERM).minusSeconds(60), null, true)).isEqualTo(Presence.LAPSED);
    }

    @Test
    void a_holder_of_another_host_is_live_until_its_heartbeat_is_older_than_the_term() {
        assertThat(of("ws-08", NOW.minus(TERM), null, false)).isEqualTo(Presence.LIVE);
        assertThat(of("ws-08", NOW.minus(TERM).minusMillis(1), null, false)).isEqualTo(Presence.LAPSED);
    }

    @Test
    void a_holder_that_left_is_left_whatever_its_heartbeat() {
        assertThat(of("ws-07", NOW.minus(Duration.ofDays(1)), NOW, false)).isEqualTo(Presence.LEFT);
    }

    @Test
    void a_take_over_gives_the_reason_status_shows() {
        Lease held = new Lease("run", "h", "ws-07", 4242, "alice", NOW, NOW, null, 3);
        Claimant me = new Claimant("me", "ws-07", 1, "bob");
        LeaseVerdict verdict = LeaseVerdict.decide(java.util.Optional.of(held), me, NOW, TERM, pid -> false);
        assertThat(verdict).isEqualTo(new LeaseVerdict.Take(4, held, Presence.GONE.why()));
        assertThat(Presence.GONE.why()).isEqualTo("process gone");
    }
}
