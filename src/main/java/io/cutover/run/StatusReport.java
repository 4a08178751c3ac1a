package io.cutover.run;

import java.util.List;

/**
 * Where a run stands, per site, pool and phase, computed from the journal; {@code pools} holds what
 * is homed where now only when the deployment was asked (a live status), and is empty otherwise.
 *
 * @param state one of: not started, running, stopped at a gate, failed, paused, aborted, finished
 * @param etaSeconds remaining moves at the run's observed rate, or null when unknown
 */
public record StatusReport(
        String runId,
        String planChecksum,
        String state,
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
        List<RetainedLine> retained) {

    /** The same report with the pools as the deployment has them now. */
    public StatusReport withPools(List<PoolLine> now) {
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
                List.copyOf(now),
                blocker,
                retained);
    }

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
    public record PoolLine(
            String fqdn, String site, String role, String version, String state, int users, int objects) {}

    /** What stopped the run: the step, its check(s) that failed and the subjects named. */
    public record Blocker(
            String stepId,
            String title,
            String kind,
            List<String> checks,
            List<String> subjects,
            List<String> details) {}

    public record RetainedLine(String sipAddress, String pool, String reason) {}
}
