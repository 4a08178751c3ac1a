package io.cutover.deployment;

import java.time.Duration;

/** Waits for a while; injected so that tests need not wait and can see every delay asked for. */
@FunctionalInterface
public interface Sleeper {
    /** Sleeps about {@code d}; throws when the thread is interrupted. */
    void sleep(Duration d) throws InterruptedException;

    /** The real thing: {@link Thread#sleep(long)}. */
    static Sleeper system() {
        return d -> Thread.sleep(d.toMillis());
    }
}
