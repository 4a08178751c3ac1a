package io.cutover.run;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.cutover.inventory.Fqdn;
import java.util.List;
import java.util.Locale;

/**
 * Where a run stands, per site, pool and phase, computed from the journal; {@code pools} holds what
 * is homed where now only when the deployment was asked (a live status), and is empty otherwise.
 *
 * @param state where the run stands; in JSON one of: not started, awaiting approval, stopped at a
 *     gate, failed, paused, aborted, held (an error budget ran out: see {@code budgetHold}),
 *     running (steps remain and a live process drives the run: see {@code heldBy} and {@code
 *     instances}), stopped (steps remain and no live process drives the run), finished
 * @param etaSeconds remaining moves at the run's observed rate, or null when unknown
 * @param instances the instances sharing the run (run --shared, --parallel-sites) that have not
 *     left it, live or not (see {@link InstanceLine#state}); those not live are left out once the
 *     run is finished; empty when one process runs it, or none does
 * @param budgetHold why the run holds for review when an error budget ran out; null otherwise
 * @param manual the plan's manual steps and where each stands (see {@link ManualSteps}); empty for
 *     a plan with none
 * @param windows per site with change windows: open now or not, its next opening or closing, and
 *     the reason it holds the run; empty without a windows file
 * @param heldBy the live process that holds the run as a whole now, "process 4242 on host ws-07
 *     (alice)" (a {@code run}, {@code run --resume}, a rollback, the control room resuming); null
 *     when none does (the live instances sharing the run are in {@code instances})
 */
public record StatusReport(
        String runId,
        String planChecksum,
        RunState state,
        int stepsDone,
        int stepsTotal,
        int usersMoved,
        int usersPlanned,
        int objectsMoved,
        int objectsPlanned,
        int usersRolledBack,
        Double movesPerSecond,
        Long etaSeconds,
        String nextStep,
        List<PhaseLine> phases,
        List<PoolLine> pools,
        Blocker blocker,
        List<RetainedLine> retained,
        List<InstanceLine> instances,
        BudgetLine budgetHold,
        List<ManualLine> manual,
        List<WindowLine> windows,
        String heldBy) {

    /** As before error budgets: no hold. */
    public StatusReport(
            String runId,
            String planChecksum,
            RunState state,
            int stepsDone,
            int stepsTotal,
            int usersMoved,
            int usersPlanned,
            int objectsMoved,
            int objectsPlanned,
            int usersRolledBack,
            Double movesPerSecond,
            Long etaSeconds,
            String nextStep,
            List<PhaseLine> phases,
            List<PoolLine> pools,
            Blocker blocker,
            List<RetainedLine> retained,
            List<InstanceLine> instances) {
        this(
                runId,
                planChecksum,
                state,
                stepsDone,
                stepsTotal,
                usersMoved,
                usersPlanned,
                objectsMoved,
                objectsPlanned,
                usersRolledBack,
                movesPerSecond,
                etaSeconds,
                nextStep,
                phases,
                pools,
                blocker,
                retained,
                instances,
                null,
                List.of(),
                List.of(),
                null);
    }

    /** The same report with the pools as the deployment has them now. */
    public StatusReport withPools(List<PoolLine> now) {
        Draft d = new Draft(this);
        d.pools = List.copyOf(now);
        return d.report();
    }

    /** The same report with the instances sharing the run now. */
    public StatusReport withInstances(List<InstanceLine> now) {
        Draft d = new Draft(this);
        d.instances = List.copyOf(now);
        return d.report();
    }

    /**
     * The same report as driven now by {@code heldBy} (the live process holding the run as a whole,
     * or null) or by live instances sharing it: a run that would be stopped is then running.
     */
    public StatusReport withDrivers(String heldBy, boolean liveInstances) {
        Draft d = new Draft(this);
        d.state = (heldBy != null || liveInstances) && state == RunState.STOPPED ? RunState.RUNNING : state;
        d.heldBy = heldBy;
        return d.report();
    }

    /**
     * The same report holding for {@code hold} (null: none). A run that finished since is not
     * held; one that holds shows the state {@link RunState#HELD} whatever failed before it.
     */
    public StatusReport withBudgetHold(BudgetLine hold) {
        Draft d = new Draft(this);
        d.state = hold == null || state == RunState.FINISHED ? state : RunState.HELD;
        d.budgetHold = state == RunState.FINISHED ? null : hold;
        return d.report();
    }

    /**
     * Why the run holds: a legacy pool's or a site's error budget ran out.
     *
     * @param budget "pool" or "site"
     * @param scope the pool's FQDN or the site's name
     * @param failed the failed moves among the last {@code considered} of that pool or site
     * @param reason the sentence people read, with the budget's figures
     * @param heldAt ISO-8601 instant
     * @param failures the failed moves counted, "item: why", oldest first
     */
    public record BudgetLine(
            String budget,
            String scope,
            int failed,
            int considered,
            String reason,
            String stepId,
            String heldAt,
            List<String> failures) {}

    /** The same report with the sites' change windows as they are now. */
    public StatusReport withWindows(List<WindowLine> now) {
        Draft d = new Draft(this);
        d.windows = List.copyOf(now);
        return d.report();
    }

    /**
     * A site's change windows now.
     *
     * @param zone the site's time zone
     * @param open whether a window is open now
     * @param next when the open window closes (when open) or the next one opens, as local time in
     *     {@code zone} ("Tue 2026-12-01 20:00"); null when none opens within a year
     * @param nextAt the same instant, ISO-8601; null as {@code next}
     * @param held why the site holds the run (it has work left and is closed), or null
     */
    public record WindowLine(String site, String zone, boolean open, String next, String nextAt, String held) {}

    /**
     * An instance sharing the run: where it runs, what it is limited to, its last sign of life and
     * the units of work it holds.
     *
     * @param sites the sites it is limited to; empty for every site
     * @param lastHeartbeat ISO-8601 instant: when it was last seen
     * @param state "live"; "lapsed" when its last heartbeat is older than a claim's term (it died
     *     or stalls); "gone" when it ran on this host and its process is gone. A lapsed or gone
     *     instance writes nothing more, its units go to the others, and nothing waits for it
     */
    public record InstanceLine(
            String host,
            long pid,
            String actor,
            List<String> sites,
            String lastHeartbeat,
            List<String> units,
            String state) {}

    /** One phase of one pool (or of a site, for site-wide steps). */
    public record PhaseLine(
            String site,
            String pool,
            String phase,
            int stepsDone,
            int stepsTotal,
            int itemsDone,
            int itemsTotal,
            int itemsUndone,
            String state) {}

    /** A pool as it is now. */
    public record PoolLine(Fqdn fqdn, String site, String role, String version, String state, int users, int objects) {}

    /** What stopped the run: the step, its check(s) that failed and the subjects named. */
    public record Blocker(
            String stepId, String title, Kind kind, List<String> checks, List<String> subjects, List<String> details) {

        /** What kind of stop; in JSON {@code "approval"}, {@code "gate"} or {@code "step"}. */
        public enum Kind {
            /** A gate whose checks passed waits for a person's approval: not a failure. */
            APPROVAL,
            /** A gate's checks failed. */
            GATE,
            /** A step, or items of it, failed. */
            STEP;

            @JsonValue
            public String json() {
                return name().toLowerCase(Locale.ROOT);
            }

            /** The public word, so that text output prints it as JSON does. */
            @Override
            public String toString() {
                return json();
            }

            /** @throws IllegalArgumentException for a word that is not a blocker kind */
            @JsonCreator
            public static Kind of(String json) {
                return valueOf(json.toUpperCase(Locale.ROOT));
            }
        }
    }

    public record RetainedLine(String sipAddress, String pool, String reason) {}

    /**
     * A manual step: what a person does, and where it stands.
     *
     * @param pool the legacy pool it releases
     * @param state one of {@link ManualSteps}'s words: pending, awaiting approval, approved,
     *     verifying, verified, approved, not verified, failed, rolled back
     * @param approvedBy who approved it (or "lab" when a rehearsal's lab did it), or null
     * @param since when it began to await approval, or when it was approved; null before either
     */
    public record ManualLine(
            String stepId,
            String site,
            String pool,
            String instruction,
            String state,
            String approvedBy,
            java.time.Instant since) {}

    /**
     * A report's values, to change a few of them and make the report again: each {@code with...}
     * names only what it changes.
     */
    private static final class Draft {
        String runId;
        String planChecksum;
        RunState state;
        int stepsDone;
        int stepsTotal;
        int usersMoved;
        int usersPlanned;
        int objectsMoved;
        int objectsPlanned;
        int usersRolledBack;
        Double movesPerSecond;
        Long etaSeconds;
        String nextStep;
        List<PhaseLine> phases;
        List<PoolLine> pools;
        Blocker blocker;
        List<RetainedLine> retained;
        List<InstanceLine> instances;
        BudgetLine budgetHold;
        List<ManualLine> manual;
        List<WindowLine> windows;
        String heldBy;

        Draft(StatusReport r) {
            runId = r.runId;
            planChecksum = r.planChecksum;
            state = r.state;
            stepsDone = r.stepsDone;
            stepsTotal = r.stepsTotal;
            usersMoved = r.usersMoved;
            usersPlanned = r.usersPlanned;
            objectsMoved = r.objectsMoved;
            objectsPlanned = r.objectsPlanned;
            usersRolledBack = r.usersRolledBack;
            movesPerSecond = r.movesPerSecond;
            etaSeconds = r.etaSeconds;
            nextStep = r.nextStep;
            phases = r.phases;
            pools = r.pools;
            blocker = r.blocker;
            retained = r.retained;
            instances = r.instances;
            budgetHold = r.budgetHold;
            manual = r.manual;
            windows = r.windows;
            heldBy = r.heldBy;
        }

        StatusReport report() {
            return new StatusReport(
                    runId,
                    planChecksum,
                    state,
                    stepsDone,
                    stepsTotal,
                    usersMoved,
                    usersPlanned,
                    objectsMoved,
                    objectsPlanned,
                    usersRolledBack,
                    movesPerSecond,
                    etaSeconds,
                    nextStep,
                    phases,
                    pools,
                    blocker,
                    retained,
                    instances,
                    budgetHold,
                    manual,
                    windows,
                    heldBy);
        }
    }
}
