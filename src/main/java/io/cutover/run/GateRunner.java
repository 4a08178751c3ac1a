package io.cutover.run;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.check.Check;
import io.cutover.check.CheckResult;
import io.cutover.check.CheckRunner;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.SipAddress;
import io.cutover.journal.Action;
import io.cutover.journal.Entry;
import io.cutover.journal.Event;
import io.cutover.journal.Outcome;
import io.cutover.journal.Progress;
import io.cutover.journal.State;
import io.cutover.plan.Move;
import io.cutover.plan.Phase;
import io.cutover.plan.Step;
import io.cutover.rules.Release;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Evaluates a gate's checks and, where the plan asks for it, waits for a person's approval. */
final class GateRunner {
    private final RunContext ctx;
    private final CheckRunner checks;

    GateRunner(RunContext ctx, CheckRunner checks) {
        this.ctx = ctx;
        this.checks = checks;
    }

    /** Returns an outcome when the run must stop (the gate failed, or a stop came while waiting), null to go on. */
    RunOutcome run(Step.Gate gate, int attempt) {
        if (gate.phase() == Phase.Manual && !Decide.approved(gate, ctx.progress())) {
            // A manual step: a person does it and approves, then the checks verify it. A deployment
            // that can do it itself (the lab, as the admin of a rehearsal) does it and says so.
            RunOutcome stopped;
            try {
                stopped = performed(gate) ? null : awaitApproval(gate);
            } catch (DeploymentFailure refused) {
                // The deployment refused the step as planned: the gate fails, saying why.
                return refused(gate, attempt, refused);
            }
            return stopped != null ? stopped : evaluate(gate, attempt);
        }
        RunOutcome failed = evaluate(gate, attempt);
        return failed != null || !ctx.plan().options().needsApproval(gate) ? failed : awaitApproval(gate);
    }

    private RunOutcome evaluate(Step.Gate gate, int attempt) {
        ctx.ticks().accept(new Tick(gate, 0, gate.checks().size()));
        Entry begin = ctx.begin(gate.id(), null, attempt, null, null, gate.name());
        ctx.append(begin);
        List<CheckResult> results = new ArrayList<>();
        for (Check check : gate.checks()) {
            results.add(checks.evaluate(check));
            ctx.ticks().accept(new Tick(gate, results.size(), gate.checks().size()));
        }
        List<SipAddress> moved = movedBefore(gate);
        if (!moved.isEmpty()) {
            results.add(ctx.verification().compare(moved));
        }
        return ended(gate, attempt, begin, results);
    }

    private RunOutcome refused(Step.Gate gate, int attempt, DeploymentFailure refused) {
        Entry begin = ctx.begin(gate.id(), null, attempt, null, null, gate.name());
        ctx.append(begin);
        List<String> pools =
                gate.pool() == null ? List.of() : List.of(gate.pool().text());
        CheckResult result = new CheckResult(
                "Released", false, List.of("the deployment refused it: " + refused.getMessage()), pools, 0, List.of());
        return ended(gate, attempt, begin, List.of(result));
    }

    /** Closes the gate's row with its results; the outcome when it failed, null when it passed. */
    private RunOutcome ended(Step.Gate gate, int attempt, Entry begin, List<CheckResult> results) {
        boolean passed = results.stream().allMatch(CheckResult::passed);
        ctx.append(begin.end(
                passed ? Outcome.OK : Outcome.FAILED,
                Evidence.write(results),
                ctx.clock().instant()));
        if (passed) {
            return null;
        }
        Notices.send(
                ctx.journal(),
                Notices.gateFailed(
                        ctx.run().id(), gate, attempt, results, ctx.clock().instant()));
        return new RunOutcome.GateFailed(gate.id(), gate.name(), results);
    }

    /** The users moved by the move steps just before this gate: the ones it verifies. */
    private List<SipAddress> movedBefore(Step.Gate gate) {
        List<Step> steps = ctx.plan().steps();
        List<SipAddress> users = new ArrayList<>();
        int i = steps.indexOf(gate) - 1;
        while (i >= 0 && steps.get(i) instanceof Step.MoveBatch batch) {
            for (Move m : batch.moves()) {
                if (m.subject().kind() == HomedKind.User && ctx.progress().state(batch.id(), m.item()) == State.DONE) {
                    users.add(m.subject().sipAddress());
                }
            }
            i--;
        }
        return users;
    }

    /**
     * Waits until a person approves the gate (from the CLI, the dashboard, another process: the
     * approval is a journal row), or until the run is asked to stop. The BEGIN row of the approval
     * item records since when the gate has waited, so status can say so even after a restart.
     */
    RunOutcome awaitApproval(Step.Gate gate) {
        Progress.Status approval = ctx.progress().status(gate.id(), Decide.APPROVAL);
        if (approval == null || approval.state() != State.IN_DOUBT) {
            int attempt = approval == null ? 1 : approval.attempts() + 1;
            ctx.append(ctx.begin(gate.id(), Decide.APPROVAL, attempt, null, null, "awaiting approval"));
            Notices.send(
                    ctx.journal(),
                    Notices.approvalAwaited(
                            ctx.run().id(), gate, attempt, ctx.clock().instant()));
        }
        ctx.ticks().accept(new Tick(gate, gate.checks().size(), gate.checks().size()));
        while (true) {
            Optional<Entry> latest = ctx.journal().latest(ctx.run().id(), gate.id(), Decide.APPROVAL);
            if (latest.isPresent() && approves(latest.get())) {
                ctx.progress().apply(latest.get());
                return null;
            }
            if (ctx.stop().requested()) {
                return new RunOutcome.Stopped(ctx.stop().request(), gate.id());
            }
            pollPause(gate);
        }
    }

    private boolean performed(Step.Gate gate) {
        List<Release> releases = gate.checks().stream()
                .filter(c -> c instanceof Check.Released)
                .map(c -> ((Check.Released) c).release())
                .toList();
        if (releases.isEmpty() || !releases.stream().allMatch(ctx.deployment()::perform)) {
            return false;
        }
        String actor = ctx.deployment().name();
        Approval.rows(
                        ctx.run().id(),
                        gate.id(),
                        ctx.progress().status(gate.id(), Decide.APPROVAL),
                        actor,
                        "performed by the deployment",
                        ctx.clock().instant())
                .forEach(ctx::append);
        return true;
    }

    private static boolean approves(Entry e) {
        return e.event() == Event.END && e.outcome() == Outcome.OK && e.action() == Action.DO;
    }

    private static void pollPause(Step.Gate gate) {
        try {
            // Polling: the approval may come from another process, which can only reach us
            // through the journal.
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CutoverException(ErrorCode.INTERNAL, "interrupted while awaiting approval of " + gate.id(), e);
        }
    }
}
