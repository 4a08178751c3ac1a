package io.cutover.http;

import io.cutover.app.Results;
import io.cutover.journal.AuditEntry;
import io.cutover.run.StatusReport;
import java.time.Instant;
import java.util.List;

/**
 * Everything the dashboard shows, as of one moment: what {@code /api/overview} serves and what the
 * event stream pushes when it changes. The parts are the facade's own result records.
 *
 * @param poolsAsOf when the deployment was last asked for its pools (it is slower to ask than the
 *     journal, so a large one is asked less often)
 * @param runner whether this server is carrying out the run now ("running") or not ("idle"), and
 *     how its last run here ended
 * @param rollbackTargets the steps with effects in place, latest first: what a rollback can go back to
 * @param error why there is no status (no run yet, say), else null
 */
public record View(
        Instant asOf,
        Instant poolsAsOf,
        String runner,
        String lastOutcome,
        StatusReport status,
        List<Results.GateView> gates,
        List<Results.MatrixCell> coexistence,
        List<Results.TimelineBar> timeline,
        List<AuditEntry> audit,
        List<String> rollbackTargets,
        String error) {}
