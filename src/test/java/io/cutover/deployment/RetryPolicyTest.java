package io.cutover.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.CutoverException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {
    private static final RetryPolicy NO_JITTER = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000), 0);

    @ParameterizedTest(name = "after {0} failures: {1} ms")
    @CsvSource({"1, 100", "2, 200", "3, 400", "4, 800", "5, 1000", "6, 1000", "40, 1000", "0, 100"})
    void delays_double_per_failed_attempt_up_to_the_cap(int failures, long millis) {
        assertThat(NO_JITTER.delay(failures, 0.99)).isEqualTo(Duration.ofMillis(millis));
    }

    @Test
    void delays_never_overflow_however_many_attempts_failed() {
        RetryPolicy huge = new RetryPolicy(100, Duration.ofMillis(60_000), Duration.ofDays(3650), 0);

        assertThat(huge.delay(100, 0)).isEqualTo(Duration.ofDays(3650));
    }

    @Test
    void jitter_takes_at_most_its_share_off_the_delay() {
        RetryPolicy half = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofMillis(1000), 0.5);
        SplittableRandom random = new SplittableRandom(7);

        for (int i = 0; i < 1000; i++) {
            Duration d = half.delay(3, random.nextDouble());
            assertThat(d).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
        }
        assertThat(half.delay(3, 0)).isEqualTo(Duration.ofMillis(400));
        assertThat(half.delay(3, 0.5)).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void the_same_seed_gives_the_same_delays() {
        assertThat(delays(42)).isEqualTo(delays(42)).isNotEqualTo(delays(43));
    }

    private static List<Duration> delays(long seed) {
        List<Duration> asked = new ArrayList<>();
        Backoff b = new Backoff(
                RetryPolicy.doubling(10, Duration.ofMillis(100)), asked::add, new SplittableRandom(seed), () -> false);
        IntStream.rangeClosed(1, 5).forEach(b::await);
        return asked;
    }

    @Test
    void retries_stop_at_the_maximum_of_attempts() {
        assertThat(IntStream.rangeClosed(1, 7)
                        .filter(NO_JITTER::mayRetry)
                        .boxed()
                        .toList())
                .containsExactly(1, 2, 3, 4);
        assertThat(new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0).mayRetry(1))
                .isFalse();
    }

    @Test
    void a_policy_out_of_its_range_is_refused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 0))
                .isInstanceOf(CutoverException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofMillis(-1), Duration.ZERO, 0))
                .isInstanceOf(CutoverException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(5), 0))
                .isInstanceOf(CutoverException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ZERO, 1.5))
                .isInstanceOf(CutoverException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ZERO, Duration.ZERO, Double.NaN))
                .isInstanceOf(CutoverException.class);
    }

    @Test
    void the_doubling_policy_caps_at_sixty_four_times_the_first_delay_with_half_of_it_random() {
        RetryPolicy p = RetryPolicy.doubling(5, Duration.ofMillis(10));

        assertThat(p.cap()).isEqualTo(Duration.ofMillis(640));
        assertThat(p.jitter()).isEqualTo(0.5);
        assertThat(p.delay(30, 0)).isEqualTo(Duration.ofMillis(640));
    }

    @Test
    void a_wait_is_slept_in_slices_that_add_up_to_the_delay() {
        List<Duration> slept = new ArrayList<>();
        Backoff b = new Backoff(NO_JITTER, slept::add, new SplittableRandom(1), () -> false);

        assertThat(b.await(3)).isTrue();

        assertThat(slept).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Backoff.SLICE));
        assertThat(slept.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofMillis(400));
    }

    @Test
    void a_stop_requested_during_a_wait_ends_it_at_the_next_slice() {
        AtomicBoolean stop = new AtomicBoolean();
        List<Duration> slept = new ArrayList<>();
        Backoff b = new Backoff(
                NO_JITTER,
                d -> {
                    slept.add(d);
                    if (slept.size() == 2) {
                        stop.set(true);
                    }
                },
                new SplittableRandom(1),
                stop::get);

        assertThat(b.await(5)).isFalse();

        assertThat(slept).hasSize(2);
        assertThat(b.stopRequested()).isTrue();
    }

    @Test
    void a_stop_requested_before_a_wait_skips_it() {
        List<Duration> slept = new ArrayList<>();
        Backoff b = new Backoff(NO_JITTER, slept::add, new SplittableRandom(1), () -> true);

        assertThat(b.await(1)).isFalse();
        assertThat(slept).isEmpty();
    }

    @Test
    void an_interrupted_wait_is_an_internal_error_and_keeps_the_interrupt() {
        Backoff b = new Backoff(
                NO_JITTER,
                d -> {
                    throw new InterruptedException();
                },
                new SplittableRandom(1),
                () -> false);

        assertThatThrownBy(() -> b.await(1)).isInstanceOf(CutoverException.class);
        assertThat(Thread.interrupted()).isTrue();
    }
}
