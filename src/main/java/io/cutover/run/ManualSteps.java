package io.cutover.run;

import io.cutover.journal.Progress;
import io.cutover.journal.State;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * Where each manual step of a plan stands (re-associate a branch appliance, re-point a next hop,
 * re-do a pairing, remove an XMPP route): a person does it and approves, then the run verifies it
 * from the deployment. Computed from the journal alone, for status, the dashboard and the report.
 */
public final class ManualSteps {
    private ManualSteps() {}

    /** The words status and the dashboard show for a manual step; stable, as in the JSON. */
    public static final String PENDING = "pending";

    public static final String AWAITING_APPROVAL = "awaiting approval";
    public static final String VERIFYING = "approved, verifying";
    public static final String VERIFIED = "verified";
    public static final String NOT_VERIFIED = "approved, not verified";
    public static final String ROLLED_BACK = "rolled back";
    /** The deployment refused to do it as planned (a rehearsal's lab, say): the gate failed. */
    public static final String FAILED = "failed";

    /**
     * The manual steps of {@code plan} in plan order, each with its state.
     *
     * @return one line per Manual-phase gate; empty for a plan with none
     */
    public static List<StatusReport.ManualLine> of(Plan plan, Progress progress) {
        List<StatusReport.ManualLine> lines = new ArrayList<>();
        for (Step step : plan.steps()) {
            if (step instanceof Step.Gate gate && gate.phase() == Phase.Manual) {
                Progress.Status approval = progress.status(gate.id(), Decide.APPROVAL);
                boolean approved = approval != null && approval.state() == State.DONE;
                lines.add(new StatusReport.ManualLine(
                        gate.id(),
                        gate.site(),
                        gate.pool() == null ? null : gate.pool().text(),
                        gate.name(),
                        state(gate, progress),
                        approved ? approval.last().actor() : null,
                        approval == null ? null : approved ? approval.endedAt() : approval.beganAt()));
            }
        }
        return lines;
    }

    /**
     * A manual gate's state: pending until the run reaches it; awaiting approval while it waits for
     * a person; approved and being verified until its checks end; verified when they passed; approved,
     * not verified when they found the deployment unchanged; failed when the deployment refused to do
     * it; rolled back when a rollback undid it.
     */
    public static String state(Step.Gate gate, Progress progress) {
        State approval = progress.state(gate.id(), Decide.APPROVAL);
        State checks = progress.state(gate.id(), null);
        if (checks == State.UNDONE || approval == State.UNDONE) {
            return ROLLED_BACK;
        }
        if (approval == State.DONE) {
            return checks == State.DONE ? VERIFIED : checks == State.FAILED ? NOT_VERIFIED : VERIFYING;
        }
        if (checks == State.FAILED) {
            return FAILED;
        }
        return approval == State.IN_DOUBT || approval == State.RETRYING ? AWAITING_APPROVAL : PENDING;
    }
}
