package io.cutover.journal;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The error-budget holds of runs (table {@code budget_hold}): written by whichever instance saw a
 * budget run out, read by every instance and by {@code status}, and marked resumed when an
 * operator runs the run again.
 */
public final class BudgetHolds {
    private static final String SELECT = "select run_id, since_seq, step_id, budget, scope, failed, considered,"
            + " reason, failures, held_at, actor, resumed_at, resumed_by from budget_hold";

    private final Jdbi jdbi;

    private BudgetHolds(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public static BudgetHolds of(Journal journal) {
        return new BudgetHolds(journal.jdbi());
    }

    /**
     * Writes a hold unless one for the same counting period ({@code runId}, {@code sinceSeq}) is
     * there already (another instance saw the budget run out first); returns the one that counts.
     */
    public BudgetHold hold(BudgetHold h) {
        jdbi.useHandle(x -> x.createUpdate("insert into budget_hold (run_id, since_seq, step_id, budget, scope, failed,"
                        + " considered, reason, failures, held_at, actor) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict (run_id, since_seq) do nothing")
                .bind(0, h.runId())
                .bind(1, h.sinceSeq())
                .bind(2, h.stepId())
                .bind(3, h.budget())
                .bind(4, h.scope())
                .bind(5, h.failed())
                .bind(6, h.considered())
                .bind(7, h.reason())
                .bind(8, String.join("\n", h.failures()))
                .bind(9, h.heldAt().toString())
                .bind(10, h.actor())
                .execute());
        return latest(h.runId()).orElse(h);
    }

    /** The run's latest hold, resumed or not. */
    public Optional<BudgetHold> latest(String runId) {
        return jdbi.withHandle(x -> x.createQuery(SELECT + " where run_id = ? order by since_seq desc limit 1")
                .bind(0, runId)
                .map((rs, ctx) -> new BudgetHold(
                        rs.getString(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getInt(6),
                        rs.getInt(7),
                        rs.getString(8),
                        rs.getString(9).isEmpty()
                                ? List.of()
                                : Arrays.asList(rs.getString(9).split("\n")),
                        Instant.parse(rs.getString(10)),
                        rs.getString(11),
                        rs.getString(12) == null ? null : Instant.parse(rs.getString(12)),
                        rs.getString(13)))
                .findOne());
    }

    /** The hold the run is in now, if any. */
    public Optional<BudgetHold> active(String runId) {
        return latest(runId).filter(BudgetHold::active);
    }

    /**
     * Where counting starts for the run now: after the journal row that was last when the latest
     * hold was resumed (0 before any hold). While a hold is active, its own period goes on.
     */
    public long countingSince(String runId) {
        return jdbi.withHandle(x -> x.createQuery("select coalesce(resumed_seq, since_seq) from budget_hold"
                        + " where run_id = ? order by since_seq desc limit 1")
                .bind(0, runId)
                .mapTo(Long.class)
                .findOne()
                .orElse(0L));
    }

    /**
     * Marks the run's active hold resumed by {@code actor}: outcomes written after the journal's
     * last row now count toward the budgets afresh. False when the run was not held.
     */
    public boolean resume(String runId, String actor, Instant at) {
        return jdbi.withHandle(x -> x.createUpdate("update budget_hold set resumed_at = ?, resumed_by = ?,"
                                + " resumed_seq = (select coalesce(max(seq), 0) from journal where run_id = ?)"
                                + " where run_id = ? and resumed_at is null")
                        .bind(0, at.toString())
                        .bind(1, actor)
                        .bind(2, runId)
                        .bind(3, runId)
                        .execute())
                > 0;
    }
}
