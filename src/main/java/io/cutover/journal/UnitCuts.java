package io.cutover.journal;

import java.time.Instant;

/**
 * How each shared run is cut into units of work (table {@code unit_cut}): the slice the first
 * instance to join gave, kept for every later one.
 */
public final class UnitCuts {
    private UnitCuts() {}

    /**
     * The run's slice: the one recorded, or {@code proposed}, recorded now when the run has none.
     * Two instances joining at once record one of theirs; both read back the same.
     *
     * @param proposed the most items of a move step in one unit, 1 or more
     */
    public static int fix(Journal journal, String runId, int proposed, Instant at, String actor) {
        return journal.jdbi().inTransaction(h -> {
            h.createUpdate("insert into unit_cut (run_id, slice, set_at, set_by) values (?, ?, ?, ?)"
                            + " on conflict (run_id) do nothing")
                    .bind(0, runId)
                    .bind(1, proposed)
                    .bind(2, at.toString())
                    .bind(3, actor)
                    .execute();
            return h.createQuery("select slice from unit_cut where run_id = ?")
                    .bind(0, runId)
                    .mapTo(Integer.class)
                    .one();
        });
    }
}
