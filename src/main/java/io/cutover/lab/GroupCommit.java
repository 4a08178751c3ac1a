package io.cutover.lab;

import io.cutover.CutoverException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The lab log's group commit: changes are queued with a ticket under the lab's lock, and whoever
 * syncs first writes everything queued in one transaction while the others wait for it. A failed
 * write breaks the log for good, as memory is then ahead of the disk.
 */
final class GroupCommit {
    /** The effects of one operation, in the order the lab applied them. */
    record Entry(long ticket, Instant at, List<Mutation> mutations) {}

    /** Writes a batch in one transaction; returns null once committed, else the failure. */
    @FunctionalInterface
    interface Writer {
        CutoverException write(List<Entry> batch);
    }

    private final Writer writer;

    /** Changes queued for the log; also the monitor of the group commit. */
    private final List<Entry> queue = new ArrayList<>();

    private long appended;
    private long committed;
    private boolean writing;
    private CutoverException broken;

    GroupCommit(Writer writer) {
        this.writer = writer;
    }

    /** Queues the effects of one operation and returns a ticket for {@link #sync}. */
    long append(Instant at, List<Mutation> mutations) {
        synchronized (queue) {
            if (broken != null) {
                throw broken;
            }
            queue.add(new Entry(++appended, at, mutations));
            return appended;
        }
    }

    /** The ticket of the last queued change. */
    long ticket() {
        synchronized (queue) {
            return appended;
        }
    }

    /**
     * Returns once the change with this ticket, and every one before it, is committed. Group commit:
     * the first waiter writes everything queued in one transaction while the others wait, so 24
     * threads moving at once cost a few commits, not 24.
     */
    void sync(long ticket) {
        List<Entry> batch;
        boolean interrupted = false;
        synchronized (queue) {
            while (true) {
                if (committed >= ticket) {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
                if (broken != null) {
                    throw broken;
                }
                if (!writing) {
                    writing = true;
                    batch = new ArrayList<>(queue);
                    queue.clear();
                    break;
                }
                try {
                    queue.wait();
                } catch (InterruptedException e) {
                    // The change is already applied in memory: returning before it is durable would lie.
                    interrupted = true;
                }
            }
        }
        CutoverException failure = writer.write(batch);
        synchronized (queue) {
            writing = false;
            if (failure == null) {
                committed = batch.get(batch.size() - 1).ticket();
            } else {
                broken = failure;
            }
            queue.notifyAll();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Lets a writer mid-transaction finish for the callers still waiting, then refuses every change with {@code closed}. */
    void close(CutoverException closed) {
        synchronized (queue) {
            // A writer may be mid-transaction for callers still waiting; let it finish.
            while (writing) {
                try {
                    queue.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            broken = closed;
        }
    }
}
