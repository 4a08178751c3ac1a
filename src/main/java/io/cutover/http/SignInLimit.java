package io.cutover.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Sign-in attempts per client address, counted in windows of one minute: past the limit an
 * address is refused (HTTP 429) until its window ends. At most 100,000 addresses are remembered,
 * so a spray of addresses cannot grow the server without bound either.
 */
final class SignInLimit {
    private static final Duration WINDOW = Duration.ofMinutes(1);

    private record Window(Instant start, int attempts) {}

    private final Cache<String, Window> windows;
    private final Clock clock;
    private final int perMinute;

    SignInLimit(int perMinute, Clock clock) {
        this.perMinute = perMinute;
        this.clock = clock;
        this.windows = Caffeine.newBuilder()
                .ticker(Sessions.ticker(clock))
                .executor(Runnable::run)
                .expireAfterWrite(WINDOW)
                .maximumSize(100_000)
                .build();
    }

    /**
     * Counts one attempt from this address.
     *
     * @throws CutoverException TOO_MANY_REQUESTS when the address already made its attempts this minute
     */
    void attempt(String address) {
        Instant now = clock.instant();
        Window w = windows.asMap()
                .compute(
                        address,
                        (a, old) -> old == null || !now.isBefore(old.start().plus(WINDOW))
                                ? new Window(now, 1)
                                : new Window(old.start(), old.attempts() + 1));
        if (w.attempts() > perMinute) {
            throw new CutoverException(
                    ErrorCode.TOO_MANY_REQUESTS,
                    "more than " + perMinute + " sign-in attempts from " + address + " in a minute; wait a minute");
        }
    }
}
