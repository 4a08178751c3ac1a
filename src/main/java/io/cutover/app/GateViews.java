package io.cutover.app;

import io.cutover.check.Check;
import io.cutover.check.CheckResult;
import io.cutover.deployment.ProbeKind;
import io.cutover.inventory.SipAddress;
import io.cutover.journal.Entry;
import io.cutover.journal.Event;
import io.cutover.journal.Progress;
import io.cutover.journal.State;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import io.cutover.run.Decide;
import io.cutover.run.Evidence;
import io.cutover.run.ManualSteps;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Views of a run computed from its plan and journal: gates, the coexistence matrix, the timeline. */
final class GateViews {
    private GateViews() {}

    static Results.GateView of(Plan plan, Step.Gate gate, Progress progress) {
        boolean needs = plan.options().needsApproval(gate);
        Progress.Status checks = progress.status(gate.id(), null);
        Progress.Status approval = progress.status(gate.id(), Decide.APPROVAL);
        String state;
        State s = checks == null ? State.PENDING : checks.state();
        if (gate.phase() == Phase.Manual) {
            // Approved first, verified after: the journal's order for a step a person does.
            state = ManualSteps.state(gate, progress);
        } else if (s == State.DONE && needs) {
            state = Decide.approved(gate, progress) ? "approved" : "awaiting approval";
        } else if (s == State.DONE) {
            state = "passed";
        } else if (s == State.FAILED) {
            state = "failed";
        } else if (s == State.IN_DOUBT || s == State.RETRYING) {
            state = "running";
        } else if (s == State.UNDONE) {
            state = "rolled back";
        } else {
            state = "pending";
        }
        String approvedBy = approval != null && approval.state() == State.DONE
                ? approval.last().actor()
                : null;
        Instant at = approvedBy != null ? approval.endedAt() : checks == null ? null : checks.endedAt();
        List<CheckResult> results =
                checks == null || checks.endedAt() == null ? List.of() : Evidence.read(checks.detail());
        return new Results.GateView(
                gate.id(),
                gate.site(),
                gate.pool(),
                gate.phase().name(),
                gate.name(),
                state,
                needs,
                approvedBy,
                at,
                results);
    }

    /**
     * The cross-version communication checks as cells: those of the coexistence gates and, where a
     * new pool had nobody to prove it with before the pilot, of the pilot validation. The planner
     * lists each pair both ways: a coexistence pair starts with the legacy user, a pilot-validation
     * pair with the pilot user, who is on the new pool by then.
     */
    static List<Results.MatrixCell> matrix(Plan plan, Progress progress) {
        List<Results.MatrixCell> cells = new ArrayList<>();
        for (Step step : plan.steps()) {
            if (!(step instanceof Step.Gate gate)
                    || (gate.phase() != Phase.Coexistence && gate.phase() != Phase.PilotValidation)) {
                continue;
            }
            boolean legacyFirst = gate.phase() == Phase.Coexistence;
            Progress.Status status = progress.status(gate.id(), null);
            boolean ran = status != null
                    && status.endedAt() != null
                    && (status.state() == State.DONE || status.state() == State.FAILED);
            List<String> failures = new ArrayList<>();
            if (ran) {
                Evidence.read(status.detail()).forEach(r -> failures.addAll(r.failures()));
            }
            for (Check check : gate.checks()) {
                if (!(check instanceof Check.Communication c)) {
                    continue;
                }
                for (int i = 0; i < c.pairs().size(); i++) {
                    Check.Pair pair = c.pairs().get(i);
                    String direction = (i % 2 == 0) == legacyFirst ? "legacy → new" : "new → legacy";
                    for (ProbeKind kind : c.modalities()) {
                        SipAddress to = kind == ProbeKind.Registration ? null : pair.to();
                        String prefix = kind.cmdlet() + " " + pair.from() + (to == null ? "" : " -> " + to) + ":";
                        String error = failures.stream()
                                .filter(f -> f.startsWith(prefix))
                                .findFirst()
                                .orElse(null);
                        String state = !ran ? "pending" : error == null ? "passed" : "failed";
                        cells.add(new Results.MatrixCell(
                                gate.site(),
                                gate.pool(),
                                gate.phase().name(),
                                direction,
                                pair.from(),
                                pair.to(),
                                kind.name(),
                                state,
                                error));
                    }
                }
            }
        }
        return cells;
    }

    /**
     * One bar per site, pool and phase that has begun: from its first BEGIN row to its last END row
     * (no end while an attempt is open).
     */
    static List<Results.TimelineBar> timeline(Plan plan, List<Entry> entries) {
        return timeline(plan, entries, Progress.of(entries));
    }

    static List<Results.TimelineBar> timeline(Plan plan, List<Entry> entries, Progress progress) {
        Map<String, Step> steps = new HashMap<>();
        plan.steps().forEach(s -> steps.put(s.id(), s));
        Map<String, Instant[]> spans = new LinkedHashMap<>();
        for (Entry e : entries) {
            Step step = steps.get(e.stepId());
            if (step == null) {
                continue;
            }
            Instant[] span = spans.computeIfAbsent(key(step), k -> new Instant[2]);
            if (e.event() == Event.BEGIN && (span[0] == null || e.at().isBefore(span[0]))) {
                span[0] = e.at();
            }
            if (e.event() == Event.END && (span[1] == null || e.at().isAfter(span[1]))) {
                span[1] = e.at();
            }
        }
        Map<String, int[]> counts = new LinkedHashMap<>();
        Map<String, Step> first = new LinkedHashMap<>();
        for (Step step : plan.steps()) {
            int[] c = counts.computeIfAbsent(key(step), k -> new int[3]);
            first.putIfAbsent(key(step), step);
            c[1]++;
            if (Decide.done(plan, step, progress)) {
                c[0]++;
            }
            if (progress.items(step.id()).values().stream()
                    .anyMatch(x ->
                            x.state() == State.IN_DOUBT || x.state() == State.RETRYING || x.state() == State.UNDOING)) {
                c[2]++;
            }
        }
        List<Results.TimelineBar> bars = new ArrayList<>();
        first.forEach((key, step) -> {
            Instant[] span = spans.get(key);
            if (span == null || span[0] == null) {
                return;
            }
            int[] c = counts.get(key);
            // A phase with an attempt still open runs on; one with nothing open stopped where its
            // last row says (done, or held by a failure, a pause or a rollback).
            String state = c[2] > 0 ? "in progress" : c[0] == c[1] ? "done" : "stopped";
            bars.add(new Results.TimelineBar(
                    step.site(), step.pool(), step.phase().name(), span[0], c[2] > 0 ? null : span[1], state));
        });
        return bars;
    }

    private static String key(Step step) {
        return step.site() + "|" + (step.pool() == null ? "" : step.pool()) + "|" + step.phase();
    }
}
