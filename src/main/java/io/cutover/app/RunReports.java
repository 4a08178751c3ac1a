package io.cutover.app;

import io.cutover.journal.Action;
import io.cutover.journal.Entry;
import io.cutover.journal.Event;
import io.cutover.journal.Progress;
import io.cutover.journal.State;
import io.cutover.plan.Move;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import io.cutover.run.LivePools;
import io.cutover.run.StatusReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code report}: everything the run report shows, from the journal (and the lab, for the pools as they are now). */
final class RunReports {
    private final Context c;

    RunReports(Context c) {
        this.c = c;
    }

    Results.RunReport report() {
        try (Session s = c.session()) {
            CurrentRun current = s.existingRun();
            Plan plan = current.plan();
            List<Entry> entries = s.journal().entries(current.id());
            Progress progress = Progress.of(entries);
            StatusReport status = s.status(current);
            StatusReport live =
                    s.labIfAny().map(lab -> status.withPools(LivePools.of(lab))).orElse(status);
            List<Entry> rollbackLog = entries.stream()
                    .filter(e -> e.action() == Action.UNDO && e.event() == Event.END)
                    .toList();
            return new Results.RunReport(
                    c.clock().instant(),
                    current.id(),
                    plan.checksum(),
                    plan.options().target(),
                    plan.source(),
                    current.run().createdAt(),
                    live,
                    Views.gates(plan, progress),
                    GateViews.timeline(plan, entries),
                    rollbackLog,
                    s.journal().auditLog(1000),
                    objects(plan, progress));
        }
    }

    /** Every object the plan moves, with its latest state in the journal. */
    private static List<Results.ObjectResult> objects(Plan plan, Progress progress) {
        List<Results.ObjectResult> objects = new ArrayList<>();
        for (Step step : plan.steps()) {
            if (step instanceof Step.MoveBatch b) {
                for (Move m : b.moves()) {
                    Progress.Status s = progress.status(b.id(), m.item());
                    objects.add(new Results.ObjectResult(
                            b.id(),
                            b.phase().name(),
                            b.site(),
                            m.subject().kind().name(),
                            m.subject().id(),
                            m.from(),
                            m.to(),
                            state(s),
                            s == null ? 0 : s.attempts(),
                            s == null ? null : s.endedAt() != null ? s.endedAt() : s.beganAt(),
                            s == null ? null : s.detail()));
                }
            }
        }
        return objects;
    }

    private static String state(Progress.Status s) {
        if (s == null) {
            return "pending";
        }
        return s.state() == State.UNDONE
                ? "rolled back"
                : s.state().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
