package io.cutover.http;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.time.Duration;

/**
 * How long a control-room session lives and how many there may be, resolved once at the edge.
 *
 * @param idle a session ends after this long without a request (default 30 minutes)
 * @param lifetime a session ends this long after sign-in, however busy (default 12 hours)
 * @param perToken sessions one token may hold at once; signing in once more ends its oldest
 *     (default 10)
 * @param signInsPerMinute sign-in attempts one client address may make per minute; more get 429
 *     (default 20)
 */
public record SessionLimits(Duration idle, Duration lifetime, int perToken, int signInsPerMinute) {
    public static final SessionLimits DEFAULTS =
            new SessionLimits(Duration.ofMinutes(30), Duration.ofHours(12), 10, 20);

    public SessionLimits {
        if (idle.isNegative() || idle.isZero() || lifetime.compareTo(idle) < 0) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "a session's lifetime (" + lifetime + ") must be at least its idle timeout (" + idle + ")");
        }
        if (perToken < 1 || signInsPerMinute < 1) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT, "sessions per token and sign-ins per minute must be at least 1");
        }
    }
}
