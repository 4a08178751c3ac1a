package io.cutover.run;

import io.cutover.journal.Journal;
import io.cutover.journal.Progress;
import io.cutover.journal.RunRecord;
import io.cutover.plan.Plan;
import io.cutover.shell.RunbookRecord;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Writes the result rows a runbook recorded into the journal: each row becomes one attempt, begun
 * and ended, numbered after the attempts the journal already has.
 */
public final class RunbookImport {
    private RunbookImport() {}

    /**
     * @param rows rows already checked against {@code plan} ({@link RunbookRecord#check})
     * @param existing the journal's run, or empty to start one from {@code plan} at {@code at}
     * @return the run the rows went to
     */
    public static RunRecord record(
            Journal journal, Plan plan, Optional<RunRecord> existing, List<RunbookRecord.Row> rows, Instant at) {
        Progress before =
                existing.map(r -> Progress.of(journal.entries(r.id()))).orElseGet(() -> Progress.of(List.of()));
        RunRecord run = existing.orElseGet(() -> RunStart.begin(journal, plan, "runbook", at));
        journal.append(RunbookRecord.entries(rows, plan, run.id(), before));
        return run;
    }
}
