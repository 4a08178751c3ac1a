package io.cutover.journal;

import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * A run's progress kept current by reading only the rows written since the last look, for
 * choosing what to do next while other writers go on. Several writers commit in another order
 * than their rows are numbered (PostgreSQL numbers a row when it is inserted, and it is seen when
 * its transaction commits), so a row numbered below the last one read can land later: the view
 * notes the numbers it passed over and asks for them again at each read, until they come or are
 * too far behind to wait for (a write refused by its fence, or rolled back, leaves its numbers
 * unused for good).
 *
 * <p>A view that missed a row sees less done than is, never more: whoever acts on it reads what
 * it acts on afresh (see {@link Journal#itemEntries}), and a view found behind is {@link #reset}.
 * Thread-safe; the progress returned is the view's own, updated by later reads.
 */
public final class RunView {
    /** The most row numbers a view keeps asking for; the oldest are given up first. */
    static final int MAX_HOLES = 1_000;
    /** How many rows behind the last one read a missing row is still asked for. */
    static final long HOLES_SPAN = 10_000;

    private final Journal journal;
    private final String runId;
    private Progress progress = Progress.of(List.of());
    private long seen;
    private final NavigableSet<Long> holes = new TreeSet<>();

    public RunView(Journal journal, String runId) {
        this.journal = journal;
        this.runId = runId;
    }

    /** Forgets everything read: the next read reads the run from its first row. */
    public synchronized void reset() {
        progress = Progress.of(List.of());
        seen = 0;
        holes.clear();
    }

    /** The progress with every row committed since the last read folded in, late rows included. */
    public synchronized Progress read() {
        for (Entry e : journal.entriesAt(runId, holes)) {
            // A late row of an item still comes before any later row of that item: each row of an
            // item is written only once the one before it committed.
            progress.apply(e);
            holes.remove(e.seq());
        }
        for (Entry e : journal.entriesAfter(runId, seen)) {
            // Numbers below the run's first row are other runs' rows, not missing ones.
            long from = seen == 0 ? e.seq() : Math.max(seen + 1, e.seq() - MAX_HOLES);
            for (long n = from; n < e.seq(); n++) {
                holes.add(n);
            }
            progress.apply(e);
            seen = e.seq();
        }
        while (!holes.isEmpty() && (holes.size() > MAX_HOLES || holes.first() < seen - HOLES_SPAN)) {
            holes.pollFirst();
        }
        return progress;
    }
}
