package io.cutover.run;

import io.cutover.deployment.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock for a rehearsal in virtual time: it moves only when work is charged to it (see {@link
 * VirtualCosts}) or something sleeps on it, and sleeping moves it on at once instead of waiting.
 * A run that holds at a window's end and follows jumps straight to the next opening. Safe to use
 * from several threads; it never goes back.
 */
public final class VirtualTime extends Clock implements Sleeper {
    private final AtomicReference<Instant> now;

    /** @param start the virtual instant the rehearsal starts at */
    public VirtualTime(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** Moves the clock on by {@code d} (not negative). */
    public void advance(Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException("virtual time does not go back: " + d);
        }
        now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public void sleep(Duration d) {
        advance(d.isNegative() ? Duration.ZERO : d);
    }

    @Override
    public Instant instant() {
        return now.get();
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
