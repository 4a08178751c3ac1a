package io.cutover.run;

import io.cutover.journal.Journal;
import io.cutover.journal.RunRecord;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanCodec;
import java.time.Instant;

/** Starts a run in the journal: the plan as it is now, kept whole, so a resume needs no plan file. */
public final class RunStart {
    private RunStart() {}

    /**
     * @param deployment what the run acts on, as the journal records it (the deployment's name, or
     *     "runbook" for results a runbook wrote)
     * @return the run, named "run-" and the epoch milliseconds of {@code at}
     */
    public static RunRecord begin(Journal journal, Plan plan, String deployment, Instant at) {
        return journal.startRun("run-" + at.toEpochMilli(), plan.checksum(), PlanCodec.toJson(plan), deployment, at);
    }
}
