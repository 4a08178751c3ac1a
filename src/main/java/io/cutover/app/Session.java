package io.cutover.app;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.deployment.Deployment;
import io.cutover.journal.BudgetHolds;
import io.cutover.journal.Claimant;
import io.cutover.journal.Claims;
import io.cutover.journal.Hold;
import io.cutover.journal.Instance;
import io.cutover.journal.Journal;
import io.cutover.journal.Lease;
import io.cutover.journal.LeaseTerms;
import io.cutover.journal.RunRecord;
import io.cutover.lab.Lab;
import io.cutover.run.LivePools;
import io.cutover.run.RunState;
import io.cutover.run.Status;
import io.cutover.run.StatusReport;
import io.cutover.run.VirtualTime;
import io.cutover.run.WindowLines;
import io.cutover.shell.SessionHealthFile;
import io.cutover.shell.ShellDeployment;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One command's hold on the workspace: the journal (opened, and so migrated, once) and the
 * deployment, each opened on first use and closed together. A verb that never asks for the
 * deployment never touches it; one that only reads never creates a journal.
 */
final class Session implements AutoCloseable {
    private final Context context;
    private Journal journal;
    private Deployment deployment;
    private Hold hold;
    /** This process's part in a shared run, when it takes part. */
    private Claims claims;
    /** Whether the lab is opened to be shared with other processes acting on it at once. */
    private boolean sharedLab;

    Session(Context context) {
        this.context = context;
    }

    /** Whether the workspace has a journal; reading verbs check first, so they create none. */
    boolean hasJournal() {
        return journal != null || context.workspace().hasJournal();
    }

    Journal journal() {
        if (journal == null) {
            journal = Journal.open(context.workspace().store());
        }
        return journal;
    }

    /**
     * This process's hold on the journal's run, taken on first call (creating the journal) and let
     * go when the session closes; from then on the journal's writes land only while it is held.
     *
     * @throws CutoverException RUN_IN_PROGRESS naming the holder, while another live process holds it
     */
    Hold hold() {
        if (hold == null) {
            Hold h = Hold.acquire(
                    journal(), Hold.RUN, Claimant.thisProcess(context.actor()), context.clock(), LeaseTerms.DEFAULT);
            try {
                journal()
                        .currentRunId()
                        .ifPresent(id -> Shared.requireNoInstances(
                                journal(), id, context.clock().instant()));
            } catch (RuntimeException e) {
                h.close();
                throw e;
            }
            hold = h;
        }
        return hold;
    }

    /** Records this process's part in the shared run: its status then tells it from the others. */
    void joined(Claims mine) {
        claims = mine;
    }

    /** The journal's run, or empty when there is no journal or no run in it. */
    Optional<CurrentRun> currentRun() {
        return hasJournal() ? journal().currentRun().map(CurrentRun::of) : Optional.empty();
    }

    /** @throws CutoverException NO_RUN when the workspace has no run */
    CurrentRun existingRun() {
        return currentRun().orElseThrow(this::noRun);
    }

    CutoverException noRun() {
        return new CutoverException(
                ErrorCode.NO_RUN, "no run in " + context.workspace().dir() + "; start one with `cutover run`");
    }

    /** Where the run stands, from the plan and the journal alone. */
    StatusReport status(CurrentRun current) {
        RunRecord run = current.run();
        StatusReport report = drivers(
                        Status.of(
                                current.plan(),
                                run.id(),
                                journal().entries(run.id()),
                                journal().latestRequest(run.id())),
                        run.id())
                .withBudgetHold(Status.budgetLine(BudgetHolds.of(journal()).active(run.id())));
        // The windows the run keeps to, as remembered beside the journal.
        return report.withWindows(WindowLines.of(
                current.plan(),
                report,
                context.workspace().schedule().windows(),
                context.clock().instant()));
    }

    /**
     * The report with the instances sharing the run and whoever drives it now: the live process
     * holding the run, or live instances. This session's own hold and instance are not counted, so
     * that a run's own result says where it left the run.
     */
    StatusReport drivers(StatusReport report, String runId) {
        Instant now = context.clock().instant();
        List<Instance> all = Claims.instances(journal(), runId);
        String heldBy = Hold.live(journal(), Hold.RUN, now, Shared.TERMS)
                .filter(l -> hold == null || !l.holder().equals(hold.lease().holder()))
                .map(Lease::who)
                .orElse(null);
        String mine = claims == null ? null : claims.claimant().id();
        return report.withInstances(Shared.lines(all, now, report.state() == RunState.FINISHED))
                .withDrivers(heldBy, Shared.liveBesides(all, now, mine));
    }

    /** Opens the lab, when it is opened, to be shared with other instances of a run (see {@link Lab#openShared}). */
    void shareLab() {
        sharedLab = true;
    }

    Deployment deployment(Target target) {
        if (deployment == null) {
            deployment = target.isLab()
                    ? sharedLab ? Lab.openShared(context.workspace().lab(), context.clock()) : context.openLab()
                    : new ShellDeployment(
                            target.shell(),
                            context.catalog(),
                            SessionHealthFile.writing(
                                    context.workspace().shellSessions(),
                                    context.meters().shell()));
        }
        return deployment;
    }

    /** As {@link #deployment}; a lab's pools also serve SIP on loopback until the session closes, so gates probe over SIP. */
    Deployment deploymentForRun(Target target) {
        Deployment d = deployment(target);
        if (d instanceof Lab lab) {
            lab.startSip();
        }
        if (context.clock() instanceof VirtualTime time) {
            // A rehearsal in virtual time: each change costs its virtual time.
            d = time.charged(d);
        }
        return context.meters().watch(d);
    }

    Lab lab() {
        return (Lab) deployment(Target.lab());
    }

    /** The report with the workspace's lab pools as they are now; the report as it is when there is no lab. */
    StatusReport withLabPools(StatusReport report) {
        return labIfAny().map(lab -> report.withPools(LivePools.of(lab))).orElse(report);
    }

    /** The workspace's lab when it has one. */
    Optional<Lab> labIfAny() {
        return deployment != null || Lab.exists(context.workspace().lab()) ? Optional.of(lab()) : Optional.empty();
    }

    @Override
    public void close() {
        try {
            if (journal != null) {
                // Lets go of the hold, if any, once it has written all it was given.
                journal.close();
            }
        } finally {
            if (deployment != null) {
                deployment.close();
            }
        }
    }
}
