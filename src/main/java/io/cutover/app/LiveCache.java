package io.cutover.app;

import io.cutover.journal.BudgetHolds;
import io.cutover.journal.Entry;
import io.cutover.journal.Journal;
import io.cutover.journal.Progress;
import io.cutover.plan.Plan;
import io.cutover.run.Status;
import io.cutover.run.StatusReport;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The control room's live view. It is recomputed every second or so for days: it keeps the parsed
 * plan of the run and the journal rows read so far, and reads only the rows written since. The
 * journal is append-only, so the rows kept never change.
 */
final class LiveCache {
    private CurrentRun run;
    private List<Entry> entries = new ArrayList<>();
    private Progress progress = Progress.of(List.of());

    /**
     * The whole live view in one pass over the journal; the deployment is asked for the pools as
     * they are now only when {@code withDeployment} (it is the slow part on a large deployment).
     */
    synchronized Results.LiveView view(Context c, boolean withDeployment) {
        try (Session s = c.session()) {
            if (!s.hasJournal()) {
                throw s.noRun();
            }
            Journal journal = s.journal();
            String runId = journal.currentRunId().orElseThrow(s::noRun);
            catchUp(s, runId);
            Plan plan = run.plan();
            List<Entry> rows = Collections.unmodifiableList(entries);
            StatusReport status = s.drivers(Status.of(plan, runId, rows, progress, journal.latestRequest(runId)), runId)
                    .withBudgetHold(Status.budgetLine(BudgetHolds.of(journal).active(runId)));
            if (withDeployment) {
                status = s.withLabPools(status);
            }
            return new Results.LiveView(
                    status,
                    Views.gates(plan, progress),
                    GateViews.matrix(plan, progress),
                    GateViews.timeline(plan, rows, progress),
                    Views.startedSteps(plan, progress),
                    journal.auditLog(200));
        }
    }

    /** Reads the rows written since the last view; a new run starts the cache afresh. */
    private void catchUp(Session s, String runId) {
        if (run == null || !run.id().equals(runId)) {
            run = s.existingRun();
            entries = new ArrayList<>();
            progress = Progress.of(List.of());
        }
        long seq = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).seq();
        List<Entry> fresh = s.journal().entriesAfter(runId, seq);
        entries.addAll(fresh);
        fresh.forEach(progress::apply);
    }
}
