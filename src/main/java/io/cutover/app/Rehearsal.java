package io.cutover.app;

import io.cutover.run.StatusReport;
import java.util.List;

/**
 * What a rehearsal did, for the summary people read after {@code cutover rehearse}.
 *
 * @param phases per site and pool, each phase with its state ("Pilot: done")
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
        StatusReport.Blocker blocker) {

    public record PoolPhases(String site, String pool, List<String> phases) {}

    public record Kept(String pool, String reason) {}
}
