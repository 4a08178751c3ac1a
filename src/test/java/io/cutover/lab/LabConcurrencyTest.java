package io.cutover.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.deployment.Probe;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.User;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LabConcurrencyTest {
    private static final int THREADS = 24;

    @Test
    void moves_and_probes_from_24_threads_lose_no_update() throws Exception {
        Lab lab = Lab.inMemory(Scenarios.synthetic(2, 10_000), Clock.systemUTC());
        Inventory before = lab.snapshot();
        List<User> movable =
                before.users().stream().filter(u -> u.features().isEmpty()).toList();
        AtomicInteger failedProbes = new AtomicInteger();

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int offset = t;
            done.add(pool.submit(() -> {
                // Threads share users on purpose: each user is moved by two threads, so idempotent
                // re-moves race with first moves.
                for (int i = offset % (THREADS / 2); i < movable.size(); i += THREADS / 2) {
                    User u = movable.get(i);
                    lab.move(Subject.user(u.sipAddress()), target(u));
                    if (!lab.probe(Probe.registration(u.sipAddress())).success()) {
                        failedProbes.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        Inventory after = lab.snapshot();
        Map<SipAddress, User> now = after.usersBySip();
        assertThat(failedProbes).hasValue(0);
        for (User u : movable) {
            assertThat(now.get(u.sipAddress()).pool()).isEqualTo(target(u));
        }
        assertThat(after.meetings()).allMatch(m -> now.get(m.organizer()).pool().equals(m.pool()));
        assertThat(after.meetings().size())
                .isGreaterThanOrEqualTo(before.meetings().size());
        assertThat(after.usersOn(Fqdn.of("legacy01.contoso.com")))
                .allMatch(u -> !u.features().isEmpty());
    }

    @Test
    void a_hundred_thousand_concurrent_in_memory_moves_each_land_exactly_once() throws Exception {
        Lab lab = Lab.inMemory(Scenarios.synthetic(5, 100_000), Clock.systemUTC());
        List<User> movable = lab.snapshot().users().stream()
                .filter(u -> u.features().isEmpty())
                .toList();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int offset = t;
            done.add(pool.submit(() -> {
                for (int i = offset; i < movable.size(); i += THREADS) {
                    lab.move(Subject.user(movable.get(i).sipAddress()), target(movable.get(i)));
                }
            }));
        }
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        // Speed is the `bench moves` figure; here only that no move was lost or doubled under contention.
        Map<SipAddress, User> now = new HashMap<>();
        lab.snapshot().users().forEach(u -> now.put(u.sipAddress(), u));
        for (User u : movable) {
            assertThat(now.get(u.sipAddress()).pool()).isEqualTo(target(u));
        }
        assertThat(lab.snapshot().users()).hasSize(now.size()).hasSize(100_000);
    }

    private static Fqdn target(User u) {
        return Fqdn.of(u.pool().text().replace("legacy", "sfb19pool"));
    }
}
