package io.cutover.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;

/**
 * The signed-in sessions, by session id. A session ends after {@link SessionLimits#idle()} without
 * a request or {@link SessionLimits#lifetime()} after sign-in, whichever comes first; a token holds
 * at most {@link SessionLimits#perToken()} sessions (signing in once more ends its oldest), so a
 * flood of valid sign-ins cannot grow the server without bound. Time is read from the clock given.
 */
final class Sessions {
    record Session(Principal principal, String csrf, Instant signedIn) {}

    private final Cache<String, Session> cache;
    private final Clock clock;
    private final SessionLimits limits;

    Sessions(SessionLimits limits, Clock clock) {
        this.clock = clock;
        this.limits = limits;
        this.cache = Caffeine.newBuilder()
                .ticker(ticker(clock))
                .executor(Runnable::run)
                .expireAfter(new Lifetime(limits, clock))
                .build();
    }

    static Ticker ticker(Clock clock) {
        return () -> {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }

    /** Starts a session for this principal, ending its oldest when it already holds the most allowed. */
    Session start(String id, Principal principal, String csrf) {
        Map<String, Session> all = cache.asMap();
        long held = all.values().stream()
                .filter(s -> s.principal().equals(principal))
                .count();
        for (; held >= limits.perToken(); held--) {
            all.entrySet().stream()
                    .filter(e -> e.getValue().principal().equals(principal))
                    .min(Comparator.comparing(e -> e.getValue().signedIn()))
                    .ifPresent(e -> all.remove(e.getKey()));
        }
        Session session = new Session(principal, csrf, clock.instant());
        cache.put(id, session);
        return session;
    }

    /** The live session of this id; finding it counts as activity for the idle timeout. */
    Optional<Session> find(String id) {
        return Optional.ofNullable(cache.getIfPresent(id));
    }

    void end(String id) {
        cache.invalidate(id);
    }

    /** Idle time from the last read, never past the absolute lifetime from sign-in. */
    private record Lifetime(SessionLimits limits, Clock clock) implements Expiry<String, Session> {
        @Override
        public long expireAfterCreate(String id, Session s, long now) {
            return left(s);
        }

        @Override
        public long expireAfterUpdate(String id, Session s, long now, long remaining) {
            return left(s);
        }

        @Override
        public long expireAfterRead(String id, Session s, long now, long remaining) {
            return left(s);
        }

        private long left(Session s) {
            Duration lived = Duration.between(s.signedIn(), clock.instant());
            Duration untilEnd = limits.lifetime().minus(lived);
            Duration left = untilEnd.compareTo(limits.idle()) < 0 ? untilEnd : limits.idle();
            return Math.max(0, left.toNanos());
        }
    }
}
