package io.cutover.app;

import io.cutover.journal.RunRecord;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanCodec;

/** The journal's run and the plan it was started with, parsed once. */
record CurrentRun(RunRecord run, Plan plan) {
    static CurrentRun of(RunRecord run) {
        return new CurrentRun(run, PlanCodec.fromJson(run.planJson(), "journal"));
    }

    String id() {
        return run.id();
    }
}
