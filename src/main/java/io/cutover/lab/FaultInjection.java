package io.cutover.lab;

import java.util.List;

/**
 * Faults put in force and cleared on demand: each a change journaled like a move, so that a
 * reopened lab still has them and every process sharing the lab sees them.
 */
final class FaultInjection {
    private final Lab lab;
    private final Object lock;
    private final LabStore store;
    private final LabFaults failures;

    FaultInjection(Lab lab, Object lock, LabStore store, LabFaults failures) {
        this.lab = lab;
        this.lock = lock;
        this.store = store;
        this.failures = failures;
    }

    void inject(Fault fault) {
        failures.check(fault);
        journal(new Mutation.Injected(List.of(fault), null));
    }

    /** The profile's seed decides every failure rate from now on. */
    void inject(FaultProfile profile) {
        profile.faults().forEach(failures::check);
        journal(new Mutation.Injected(profile.faults(), profile.seed()));
    }

    void clear() {
        journal(new Mutation.Cleared());
    }

    private void journal(Mutation change) {
        long ticket;
        synchronized (lock) {
            ticket = lab.commit(List.of(change));
        }
        store.sync(ticket);
    }
}
