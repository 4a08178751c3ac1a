package io.cutover.lab;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.inventory.Fqdn;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/** The faults applied to calls: checking a fault names what the lab has, which attempt of which call fails, the injected latency. */
final class LabFaults {
    private final LabState state;
    /** Per operation and subject, how many times it was tried while a failure rate applied. */
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    LabFaults(LabState state) {
        this.state = state;
    }

    void check(Fault fault) {
        Objects.requireNonNull(fault, "fault");
        Optional<String> pool = FaultProfile.poolOf(fault);
        if (pool.isPresent() && state.pool(pool.get()).isEmpty()) {
            throw new CutoverException(
                    ErrorCode.UNKNOWN_POOL,
                    "the fault \"" + fault.describe() + "\" names pool " + pool.get()
                            + ", which this lab does not have; pools: " + poolNames());
        }
        if (fault instanceof Fault.ProbeFailure p) {
            List<String> unknown =
                    p.users().stream().filter(u -> state.user(u).isEmpty()).toList();
            if (!unknown.isEmpty()) {
                throw new CutoverException(
                        ErrorCode.UNKNOWN_USER,
                        "the fault \"" + fault.describe() + "\" names " + String.join(", ", unknown)
                                + ", which this lab does not have; see `cutover lab show` for its users");
            }
        }
        String server = fault instanceof Fault.ReplicaStale r
                ? r.replica()
                : fault instanceof Fault.ServiceStopped s ? s.server() : null;
        if (server != null
                && state.pools().stream().flatMap(p -> p.servers().stream()).noneMatch(m -> m.is(server))) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "the fault \"" + fault.describe() + "\" names server " + server
                            + ", which no pool of this lab has");
        }
    }

    String poolNames() {
        return state.pools().stream().map(p -> p.fqdn().text()).collect(Collectors.joining(", "));
    }

    /**
     * Decides whether a call fails: a pure function of the seed, the operation, the subject and the
     * subject's attempt number, so concurrent callers see the same failures in any interleaving.
     *
     * @return the failing attempt's number, or 0 when the call goes through
     */
    int draw(FaultProfile faults, String op, String key, String pool) {
        if (!faults.hasFailureRate(op)) {
            return 0;
        }
        // Whatever the key names (a subject, a site, a pool), it compares case-insensitively.
        String k = Fqdn.key(key);
        int attempt =
                attempts.computeIfAbsent(op + "|" + k, x -> new AtomicInteger()).incrementAndGet();
        double rate = faults.failureRate(op, pool);
        return rate > 0 && Chance.of(faults.seed(), op, k, attempt) < rate ? attempt : 0;
    }

    void failTransiently(String op, String key, String pool, String what) {
        int attempt = draw(state.faults(), op, key, pool);
        if (attempt > 0) {
            throw DeploymentFailure.retryable(
                    what + " failed: no answer in time (injected fault, attempt " + attempt + ")");
        }
    }

    static void pause(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeploymentFailure.retryable("interrupted while waiting for the lab");
        }
    }
}
