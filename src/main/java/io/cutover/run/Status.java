package io.cutover.run;

import io.cutover.check.CheckResult;
import io.cutover.inventory.HomedKind;
import io.cutover.journal.Action;
import io.cutover.journal.BudgetHold;
import io.cutover.journal.Control;
import io.cutover.journal.Entry;
import io.cutover.journal.Event;
import io.cutover.journal.Outcome;
import io.cutover.journal.Progress;
import io.cutover.journal.State;
import io.cutover.plan.Move;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.Retained;
import io.cutover.plan.Step;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Computes a {@link StatusReport} from a plan and its journal rows alone: progress, rate, ETA and
 * what blocks the run. The pools as they are now are not the journal's to know; {@link LivePools}
 * asks the deployment for them when a caller wants them.
 */
public final class Status {
    private Status() {}

    public static StatusReport of(Plan plan, String runId, List<Entry> entries, Optional<Control.Request> lastRequest) {
        return of(plan, runId, entries, Progress.of(entries), lastRequest);
    }

    /** The same, with the journal already folded: a live view keeps its progress and folds in only new rows. */
    public static StatusReport of(
            Plan plan, String runId, List<Entry> entries, Progress progress, Optional<Control.Request> lastRequest) {
        int stepsDone = 0;
        int usersMoved = 0;
        int usersPlanned = 0;
        int objectsMoved = 0;
        int objectsPlanned = 0;
        int rolledBack = 0;
        Map<String, int[]> phaseCounts = new LinkedHashMap<>();
        Map<String, String[]> phaseKeys = new LinkedHashMap<>();
        for (Step step : plan.steps()) {
            String key = step.site() + "|" + (step.pool() == null ? "" : step.pool()) + "|" + step.phase();
            phaseKeys.putIfAbsent(key, new String[] {
                step.site(),
                step.pool() == null ? null : step.pool().text(),
                step.phase().name()
            });
            int[] c = phaseCounts.computeIfAbsent(key, k -> new int[5]);
            boolean done = Decide.done(plan, step, progress);
            c[1]++;
            if (done) {
                c[0]++;
                stepsDone++;
            }
            if (step instanceof Step.MoveBatch batch) {
                for (Move m : batch.moves()) {
                    State s = progress.state(step.id(), m.item());
                    boolean user = m.subject().kind() == HomedKind.User;
                    c[3]++;
                    if (user) {
                        usersPlanned++;
                    } else {
                        objectsPlanned++;
                    }
                    if (s == State.DONE) {
                        c[2]++;
                        if (user) {
                            usersMoved++;
                        } else {
                            objectsMoved++;
                        }
                    } else if (s == State.UNDONE) {
                        c[4]++;
                        if (user) {
                            rolledBack++;
                        }
                    }
                }
            }
        }
        List<StatusReport.PhaseLine> phases = new ArrayList<>();
        phaseCounts.forEach((key, c) -> {
            String[] k = phaseKeys.get(key);
            String state = c[0] == c[1]
                    ? "done"
                    : (c[2] > 0 || c[0] > 0 ? "in progress" : (c[4] > 0 ? "rolled back" : "pending"));
            phases.add(new StatusReport.PhaseLine(k[0], k[1], k[2], c[0], c[1], c[2], c[3], c[4], state));
        });

        Optional<Step> next = Decide.next(plan, progress, (Phase) null);
        StatusReport.Blocker blocker = next.map(step -> Decide.awaitingApproval(plan, step, progress)
                        ? awaiting(step, progress)
                        : blocker(step, progress))
                .orElse(null);
        RunState state = state(entries.isEmpty(), next.isEmpty(), blocker, lastRequest);

        Double rate = rate(entries);
        int remaining = usersPlanned + objectsPlanned - usersMoved - objectsMoved;
        Long eta = rate == null || rate <= 0 ? null : (long) Math.ceil(remaining / rate);

        List<StatusReport.RetainedLine> retained = new ArrayList<>();
        for (Retained r : plan.retained()) {
            retained.add(new StatusReport.RetainedLine(
                    r.sipAddress().text(), r.pool().text(), r.reason()));
        }
        return new StatusReport(
                runId,
                plan.checksum(),
                state,
                stepsDone,
                plan.steps().size(),
                usersMoved,
                usersPlanned,
                objectsMoved,
                objectsPlanned,
                rolledBack,
                rate,
                eta,
                next.map(Step::id).orElse(null),
                phases,
                List.of(),
                blocker,
                retained,
                List.of(),
                null,
                ManualSteps.of(plan, progress),
                List.of(),
                null);
    }

    private static RunState state(
            boolean notStarted, boolean allDone, StatusReport.Blocker blocker, Optional<Control.Request> lastRequest) {
        if (notStarted) {
            return RunState.NOT_STARTED;
        }
        if (allDone) {
            return RunState.FINISHED;
        }
        if (blocker != null) {
            return switch (blocker.kind()) {
                case APPROVAL -> RunState.AWAITING_APPROVAL;
                case GATE -> RunState.STOPPED_AT_A_GATE;
                case STEP -> RunState.FAILED;
            };
        }
        Control.Request request = lastRequest.orElse(null);
        if (request == Control.Request.PAUSE) {
            return RunState.PAUSED;
        }
        return request == Control.Request.ABORT ? RunState.ABORTED : RunState.STOPPED;
    }

    /** The status form of the hold the run is in, or null when it is not held. */
    public static StatusReport.BudgetLine budgetLine(Optional<BudgetHold> hold) {
        return hold.map(h -> new StatusReport.BudgetLine(
                        h.budget(),
                        h.scope(),
                        h.failed(),
                        h.considered(),
                        h.reason(),
                        h.stepId(),
                        h.heldAt().toString(),
                        h.failures()))
                .orElse(null);
    }

    /** A gate whose checks passed and that waits for a person: says since when and how to approve. */
    private static StatusReport.Blocker awaiting(Step step, Progress progress) {
        if (step.phase() == Phase.Manual) {
            // A manual step waits before its checks: a person does it, approves, and the run verifies.
            Progress.Status approval = progress.status(step.id(), Decide.APPROVAL);
            String since = approval == null || approval.beganAt() == null ? "" : " since " + approval.beganAt();
            return new StatusReport.Blocker(
                    step.id(),
                    step.title(),
                    StatusReport.Blocker.Kind.APPROVAL,
                    List.of(),
                    step.pool() == null ? List.of() : List.of(step.pool().text()),
                    List.of(
                            "a manual step, awaiting approval" + since + ": " + step.title(),
                            "once it is done: `cutover approve " + step.id()
                                    + "` or the dashboard's Approve; the run then verifies it from the deployment"));
        }
        Progress.Status checks = progress.status(step.id(), null);
        String since = checks == null || checks.endedAt() == null ? "" : " since " + checks.endedAt();
        return new StatusReport.Blocker(
                step.id(),
                step.title(),
                StatusReport.Blocker.Kind.APPROVAL,
                List.of(),
                List.of(),
                List.of("checks passed; awaiting approval" + since + ": `cutover approve " + step.id()
                        + "` or the dashboard's Approve"));
    }

    /** The failure that holds the next step, if its latest attempt failed. */
    private static StatusReport.Blocker blocker(Step step, Progress progress) {
        if (step instanceof Step.Gate gate) {
            Progress.Status s = progress.status(step.id(), null);
            if (s != null && s.state() == State.FAILED) {
                List<CheckResult> results = Evidence.read(s.detail());
                List<String> checks = new ArrayList<>();
                Set<String> subjects = new LinkedHashSet<>();
                List<String> details = new ArrayList<>();
                for (CheckResult r : results) {
                    if (!r.passed()) {
                        checks.add(r.check());
                        subjects.addAll(r.subjects());
                        details.addAll(r.failures());
                    }
                }
                return new StatusReport.Blocker(
                        step.id(), gate.name(), StatusReport.Blocker.Kind.GATE, checks, List.copyOf(subjects), details);
            }
            return null;
        }
        List<String> subjects = new ArrayList<>();
        List<String> details = new ArrayList<>();
        progress.items(step.id()).forEach((item, s) -> {
            if (s.state() == State.FAILED) {
                subjects.add(item.isEmpty() ? step.id() : item);
                details.add((item.isEmpty() ? step.title() : item) + ": " + s.detail());
            }
        });
        return subjects.isEmpty()
                ? null
                : new StatusReport.Blocker(
                        step.id(), step.title(), StatusReport.Blocker.Kind.STEP, List.of(), subjects, details);
    }

    /** Completed moves per second over the time moves were running. */
    private static Double rate(List<Entry> entries) {
        Instant first = null;
        Instant last = null;
        int moves = 0;
        for (Entry e : entries) {
            if (e.item() == null || e.action() != Action.DO) {
                continue;
            }
            if (e.event() == Event.BEGIN && first == null) {
                first = e.at();
            }
            if (e.event() == Event.END && e.outcome() == Outcome.OK) {
                moves++;
                last = e.at();
            }
        }
        if (first == null || last == null || moves == 0) {
            return null;
        }
        double seconds = Math.max(Duration.between(first, last).toMillis(), 1) / 1000.0;
        return moves / seconds;
    }
}
