package io.cutover.journal;

import io.cutover.CutoverException;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * Which of a group commit's pending writes may land: each row's holding (the run's lease, or its
 * unit's claim) is checked once per commit, in the commit's transaction, and a write with a row
 * whose holding was taken over is refused as a whole while the others land.
 */
final class Fencing {
    private Fencing() {}

    /** The refused writes of {@code batch}, each with the reason; checked within {@code tx}. */
    static Map<Journal.Pending, CutoverException> refused(
            Handle tx, List<Journal.Pending> batch, Function<Entry, Leases.Fence> fences) {
        Map<Leases.Fence, CutoverException> verdicts = new HashMap<>();
        Map<Journal.Pending, CutoverException> refused = new IdentityHashMap<>();
        for (Journal.Pending p : batch) {
            for (Entry e : p.entries()) {
                Leases.Fence fence = fences.apply(e);
                if (fence == null) {
                    continue;
                }
                if (!verdicts.containsKey(fence)) {
                    verdicts.put(fence, check(tx, fence));
                }
                CutoverException why = verdicts.get(fence);
                if (why != null) {
                    refused.put(p, why);
                    break;
                }
            }
        }
        return refused;
    }

    /** Null when the holding is current; otherwise why not. Locks the lease row until the commit. */
    private static CutoverException check(Handle tx, Leases.Fence fence) {
        try {
            Leases.requireHeld(tx, fence);
            return null;
        } catch (CutoverException e) {
            return e;
        }
    }
}
