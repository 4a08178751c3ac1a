package io.cutover.app;

import io.cutover.journal.Entry;
import io.cutover.journal.Progress;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import io.cutover.run.Decide;
import io.cutover.run.StatusReport;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code status} and the control room's read-only views of the run: gates, the coexistence matrix,
 * the timeline and the steps a rollback can go back to. All come from the plan and the journal;
 * only a live status asks the deployment for its pools.
 */
final class Views {
    private final Context c;

    Views(Context c) {
        this.c = c;
    }

    /**
     * Where the run stands. Without {@code live} the deployment is not opened at all; with it, the
     * lab (when the workspace has one) is asked for its pools as they are now.
     */
    StatusReport status(boolean live) {
        try (Session s = c.session()) {
            StatusReport report = s.status(s.existingRun());
            return live ? s.withLabPools(report) : report;
        }
    }

    /** Every gate of the run with its latest evidence, and whether it waits for or has an approval. */
    List<Results.GateView> gates() {
        try (Session s = c.session()) {
            CurrentRun current = s.existingRun();
            return gates(current.plan(), Progress.of(s.journal().entries(current.id())));
        }
    }

    static List<Results.GateView> gates(Plan plan, Progress progress) {
        List<Results.GateView> gates = new ArrayList<>();
        for (Step step : plan.steps()) {
            if (step instanceof Step.Gate g) {
                gates.add(GateViews.of(plan, g, progress));
            }
        }
        return gates;
    }

    /** The coexistence matrix: every probe pair and modality of the coexistence gates, and how it went. */
    List<Results.MatrixCell> coexistence() {
        try (Session s = c.session()) {
            CurrentRun current = s.existingRun();
            return GateViews.matrix(current.plan(), Progress.of(s.journal().entries(current.id())));
        }
    }

    /** When each phase of each pool ran, from the journal. */
    List<Results.TimelineBar> timeline() {
        try (Session s = c.session()) {
            CurrentRun current = s.existingRun();
            List<Entry> entries = s.journal().entries(current.id());
            return GateViews.timeline(current.plan(), entries);
        }
    }

    /** The steps whose effects are (or may be) in place, latest first: what a rollback can go back to. */
    List<String> startedSteps() {
        try (Session s = c.session()) {
            CurrentRun current = s.existingRun();
            return startedSteps(current.plan(), Progress.of(s.journal().entries(current.id())));
        }
    }

    static List<String> startedSteps(Plan plan, Progress progress) {
        List<String> ids = new ArrayList<>();
        for (int i = plan.steps().size() - 1; i >= 0; i--) {
            Step step = plan.steps().get(i);
            if (Decide.started(step, progress)) {
                ids.add(step.id());
            }
        }
        return ids;
    }
}
