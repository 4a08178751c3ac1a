package io.cutover.app;

import io.cutover.check.CheckResult;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.SipAddress;
import io.cutover.run.RollbackImpact;
import io.cutover.run.RunOutcome;
import io.cutover.run.StatusReport;
import java.util.List;

/** The result records of the facade's verbs; the CLI's --json prints them as they are. */
public final class Results {
    private Results() {}

    public record PlanResult(
            String file,
            String checksum,
            String target,
            int steps,
            int usersToMove,
            int objectsToMove,
            int retained,
            int keptPools,
            String explanation) {}

    public record RunResult(
            String runId,
            String planChecksum,
            String outcome,
            int exitCode,
            String stoppedAt,
            String message,
            List<CheckResult> failedChecks,
            List<String> failures,
            StatusReport status) {
        public static RunResult of(String runId, String checksum, RunOutcome outcome, StatusReport status) {
            if (outcome instanceof RunOutcome.Finished f) {
                return new RunResult(
                        runId,
                        checksum,
                        "finished",
                        0,
                        null,
                        "every step done (" + f.stepsRun() + " run now)",
                        List.of(),
                        List.of(),
                        status);
            } else if (outcome instanceof RunOutcome.ReachedUntil u) {
                return new RunResult(
                        runId,
                        checksum,
                        "reached",
                        0,
                        null,
                        "every step " + u.scope() + " done",
                        List.of(),
                        List.of(),
                        status);
            } else if (outcome instanceof RunOutcome.GateFailed g) {
                List<CheckResult> failed =
                        g.results().stream().filter(r -> !r.passed()).toList();
                return new RunResult(
                        runId,
                        checksum,
                        "gate-failed",
                        3,
                        g.stepId(),
                        "gate " + g.stepId() + " failed: "
                                + String.join(
                                        "; ",
                                        failed.stream().map(CheckResult::check).toList()),
                        failed,
                        List.of(),
                        status);
            } else if (outcome instanceof RunOutcome.StepFailed s) {
                return new RunResult(
                        runId,
                        checksum,
                        "step-failed",
                        3,
                        s.stepId(),
                        "step " + s.stepId() + " failed for " + s.failures().size() + " item(s)",
                        List.of(),
                        s.failures(),
                        status);
            } else if (outcome instanceof RunOutcome.Held h) {
                return new RunResult(
                        runId,
                        checksum,
                        h.why() == RunOutcome.Held.Why.WINDOW ? "held-window" : "held-budget",
                        h.exitCode(),
                        h.atStep(),
                        h.reason(),
                        List.of(),
                        List.of(),
                        status);
            } else if (outcome instanceof RunOutcome.Stopped s) {
                return new RunResult(
                        runId,
                        checksum,
                        s.request() == null ? "stopped" : s.request() + "d",
                        0,
                        s.atStep(),
                        "stopped on request (" + s.request() + ") before " + s.atStep(),
                        List.of(),
                        List.of(),
                        status);
            }
            throw new IllegalArgumentException(String.valueOf(outcome));
        }
    }

    public record DryRun(String planChecksum, List<String> wouldRun) {}

    public record RollbackResult(boolean executed, RollbackImpact impact, List<String> failures, StatusReport status) {}

    /** A decommissioned pool; {@code alreadyDecommissioned} when there was nothing left to do. */
    public record DecommissionResult(Fqdn pool, boolean alreadyDecommissioned) {}

    public record ControlResult(String runId, String request) {}

    /** A lab written as an inventory folder. */
    public record LabExportResult(String folder, int sites, int pools, int users, int objects, int unansweredServers) {}
    /** The runbook scripts written, one per phase. */
    public record RunbookResult(String planChecksum, String directory, List<RunbookFile> files) {}

    public record RunbookFile(String file, String phase, int steps) {}

    /** Result rows of a runbook imported into the journal. */
    public record RecordResult(String runId, String file, int rows, int ok, int failed, StatusReport status) {}
    /** A gate approved (or found approved already) by {@code approvedBy} at {@code at}. */
    public record ApprovalResult(
            String runId, String stepId, String approvedBy, java.time.Instant at, boolean alreadyApproved) {}

    /**
     * One gate for the dashboard and the run report.
     *
     * @param state pending, passed, failed, awaiting approval, approved; for a manual step (phase
     *     Manual, approved before it is verified) one of {@link io.cutover.run.ManualSteps}'s words
     */
    public record GateView(
            String stepId,
            String site,
            Fqdn pool,
            String phase,
            String name,
            String state,
            boolean needsApproval,
            String approvedBy,
            java.time.Instant at,
            List<CheckResult> results) {}

    /**
     * One cell of the coexistence matrix: a pair of users, a direction, a modality.
     *
     * @param phase the phase of the gate that probes it (Coexistence, or PilotValidation)
     * @param state pending (not probed yet), passed, failed
     * @param error the failing probe's error, or null
     */
    public record MatrixCell(
            String site,
            Fqdn pool,
            String phase,
            String direction,
            SipAddress from,
            SipAddress to,
            String modality,
            String state,
            String error) {}

    /** When one phase of one pool (or site) ran; {@code end} null while it runs; state: in progress, done, stopped. */
    public record TimelineBar(
            String site, Fqdn pool, String phase, java.time.Instant start, java.time.Instant end, String state) {}

    /**
     * A run as change-management records need it: what {@code cutover report} renders as one HTML
     * file and as CSV.
     */
    public record RunReport(
            java.time.Instant generatedAt,
            String runId,
            String planChecksum,
            String target,
            String source,
            java.time.Instant startedAt,
            StatusReport status,
            List<GateView> gates,
            List<TimelineBar> timeline,
            List<io.cutover.journal.Entry> rollbackLog,
            List<io.cutover.journal.AuditEntry> audit,
            List<ObjectResult> objects) {}

    /**
     * Where one planned move of a user or object ended.
     *
     * @param state pending, done, failed, in doubt, retrying, undoing, rolled back
     */
    public record ObjectResult(
            String stepId,
            String phase,
            String site,
            String kind,
            String subject,
            Fqdn from,
            Fqdn to,
            String state,
            int attempts,
            java.time.Instant at,
            String detail) {}

    /**
     * Everything a live view of the run shows, computed from one read of the journal.
     *
     * @param status with {@code pools} empty when the deployment was not asked this time
     * @param rollbackTargets the steps with effects in place, latest first
     */
    public record LiveView(
            StatusReport status,
            List<GateView> gates,
            List<MatrixCell> coexistence,
            List<TimelineBar> timeline,
            List<String> rollbackTargets,
            List<io.cutover.journal.AuditEntry> audit) {}
}
