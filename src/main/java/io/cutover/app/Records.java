package io.cutover.app;

import io.cutover.journal.Outcome;
import io.cutover.journal.RunRecord;
import io.cutover.plan.Plan;
import io.cutover.run.RunbookImport;
import io.cutover.shell.RunbookRecord;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code runbook --record}: the results a runbook wrote, imported into the journal. */
final class Records {
    private final Context c;

    Records(Context c) {
        this.c = c;
    }

    /**
     * Imports the result rows a runbook wrote into the journal: each row becomes one attempt,
     * begun and ended. Every row is checked first; one bad row refuses the file, naming its line,
     * and nothing is written. Starts the run from the plan when the journal has none yet.
     */
    Results.RecordResult record(Path planFile, Path csv) {
        try (Session s = c.session()) {
            Optional<CurrentRun> existing = s.currentRun();
            Plan plan = existing.map(CurrentRun::plan)
                    .orElseGet(() -> Plans.read(planFile == null ? c.workspace().plan() : planFile));
            if (existing.isPresent() && planFile != null) {
                Plans.requireSameChecksum(
                        Plans.read(planFile), planFile, existing.get().run());
            }
            List<RunbookRecord.Row> rows = RunbookRecord.read(csv, plan);
            s.hold();
            RunRecord run = RunbookImport.record(
                    s.journal(),
                    plan,
                    existing.map(CurrentRun::run),
                    rows,
                    c.clock().instant());
            int ok = (int) rows.stream().filter(r -> r.outcome() == Outcome.OK).count();
            var status = s.status(new CurrentRun(run, plan));
            return new Results.RecordResult(run.id(), csv.toString(), rows.size(), ok, rows.size() - ok, status);
        }
    }
}
