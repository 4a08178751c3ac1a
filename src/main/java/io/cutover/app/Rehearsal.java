package io.cutover.app;

import io.cutover.run.StatusReport;
import java.util.List;

/**
 * What a rehearsal did, for the summary people read after {@code cutover rehearse}.
 *
 * @param phases per site and pool, each phase with its state ("Pilot: done")
 * @param windowsUsed how many change windows the run worked in (0 without a windows file)
 * @param windows those windows, in the order they opened
 */
public record Rehearsal(
        String scenario,
        String target,
        String workspace,
        String outcome,
        int exitCode,
        String message,
        long wallTimeMillis,
        List<PoolPhases> phases,
        int checksPassed,
        int checksTotal,
        int usersMoved,
        int usersPlanned,
        List<StatusReport.RetainedLine> retained,
        List<String> decommissioned,
        List<Kept> kept,
        StatusReport.Blocker blocker,
        int windowsUsed,
        List<WindowUsed> windows) {

    public record PoolPhases(String site, String pool, List<String> phases) {}

    public record Kept(String pool, String reason) {}

    /**
     * One change window a run worked in.
     *
     * @param zone the site's time zone
     * @param opened when it opened (an instant)
     * @param closed when it closed
     */
    public record WindowUsed(String site, String zone, java.time.Instant opened, java.time.Instant closed) {}
}
