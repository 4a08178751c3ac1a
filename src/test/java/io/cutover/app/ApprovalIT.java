package io.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.journal.AuditEntry;
import io.cutover.journal.Control;
import io.cutover.plan.Phase;
import io.cutover.plan.PlanOptions;
import io.cutover.run.RunSettings;
import io.cutover.run.RunState;
import io.cutover.run.StatusReport;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Gates the plan marks for approval hold the run until a person approves them. */
class ApprovalIT {
    private static final String TARGET = "Skype for Business Server Subscription Edition";

    @TempDir
    Path dir;

    private Cutover as(String who) {
        return new Cutover(new Workspace(dir.resolve("ws")), Clock.systemUTC(), who);
    }

    private static RunSettings fast() {
        return new RunSettings(16, 5, Duration.ofMillis(1), null, "runner");
    }

    @Test
    void a_plan_without_approvals_keeps_the_checksum_it_had_before_approvals_existed() {
        as("alice").labCreate(null);
        String plain = as("alice")
                .plan(PlanOptions.defaults(TARGET), dir.resolve("plain.json"))
                .checksum();
        String again = as("alice")
                .plan(PlanOptions.defaults(TARGET).withApproveGates(List.of()), dir.resolve("again.json"))
                .checksum();
        String gated = as("alice")
                .plan(
                        PlanOptions.defaults(TARGET).withApproveGates(List.of(Phase.Federation)),
                        dir.resolve("gated.json"))
                .checksum();

        assertThat(again).isEqualTo(plain);
        assertThat(gated).isNotEqualTo(plain);
        assertThat(as("alice").readPlan(dir.resolve("plain.json")).options().approveGates())
                .isEmpty();
    }

    @Test
    void the_run_waits_at_each_marked_gate_until_someone_approves_it_and_each_approval_is_audited() throws Exception {
        as("alice").labCreate(null);
        as("alice").plan(PlanOptions.defaults(TARGET).withApproveGates(List.of(Phase.Federation)), null);
        CompletableFuture<Results.RunResult> run =
                CompletableFuture.supplyAsync(() -> as("runner").run(null, fast(), false, t -> {}));

        int approved = 0;
        while (true) {
            await().atMost(60, TimeUnit.SECONDS)
                    .ignoreExceptions()
                    .until(() -> run.isDone() || as("bob").status().state() == RunState.AWAITING_APPROVAL);
            if (run.isDone()) {
                break;
            }
            var status = as("bob").status();
            assertThat(status.blocker().kind()).isEqualTo(StatusReport.Blocker.Kind.APPROVAL);
            assertThat(status.nextStep()).endsWith("/federation");
            String gate = status.nextStep();
            // Waiting is not finishing: nothing after the gate has run.
            assertThat(run).isNotDone();
            Results.ApprovalResult r = as("bob").approve(gate);
            assertThat(r.approvedBy()).isEqualTo("bob");
            assertThat(r.alreadyApproved()).isFalse();
            approved++;
            await().atMost(60, TimeUnit.SECONDS)
                    .ignoreExceptions()
                    .until(() -> run.isDone() || !gate.equals(as("bob").status().nextStep()));
        }

        assertThat(run.get().outcome()).isEqualTo("finished");
        assertThat(approved).isEqualTo(2); // Redmond and Dublin each move a federation route
        List<AuditEntry> audit = as("bob").audit(50);
        assertThat(audit)
                .filteredOn(a -> a.action().equals("approve"))
                .hasSize(2)
                .allSatisfy(a -> {
                    assertThat(a.actor()).isEqualTo("bob");
                    assertThat(a.channel()).isEqualTo("cli");
                    assertThat(a.result()).isEqualTo("ok");
                    assertThat(a.target()).endsWith("/federation");
                });
        assertThat(as("bob").gates())
                .filteredOn(g -> g.needsApproval())
                .hasSize(2)
                .allSatisfy(g -> {
                    assertThat(g.state()).isEqualTo("approved");
                    assertThat(g.approvedBy()).isEqualTo("bob");
                });
    }

    @Test
    void a_gate_that_is_not_waiting_cannot_be_approved_and_the_refusal_changes_nothing() {
        as("alice").labCreate(null);
        as("alice").plan(PlanOptions.defaults(TARGET).withApproveGates(List.of(Phase.Federation)), null);
        as("alice").run(null, fast().withUntil(Phase.Pilot), false, t -> {});

        assertThatThrownBy(() -> as("carol").approve("Redmond/federation"))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("has not passed its checks yet")
                .extracting(e -> ((CutoverException) e).code())
                .isEqualTo(ErrorCode.NOT_AWAITING_APPROVAL);
        assertThatThrownBy(() -> as("carol").approve("Redmond/edge")).hasMessageContaining("does not need approval");
        assertThatThrownBy(() -> as("carol").approve("Nowhere/gate"))
                .extracting(e -> ((CutoverException) e).code())
                .isEqualTo(ErrorCode.UNKNOWN_STEP);

        assertThat(as("carol").audit(10)).isEmpty();
        assertThat(as("carol").gates()).noneMatch(g -> g.approvedBy() != null);
    }

    @Test
    void a_pause_stops_a_run_that_awaits_approval_and_resume_waits_again_without_running_the_checks_twice()
            throws Exception {
        as("alice").labCreate(null);
        as("alice").plan(PlanOptions.defaults(TARGET).withApproveGates(List.of(Phase.Federation)), null);
        CompletableFuture<Results.RunResult> run =
                CompletableFuture.supplyAsync(() -> as("runner").run(null, fast(), false, t -> {}));
        await().atMost(60, TimeUnit.SECONDS)
                .ignoreExceptions()
                .until(() -> as("bob").status().state() == RunState.AWAITING_APPROVAL);
        String gate = as("bob").status().nextStep();

        as("bob").request(Control.Request.PAUSE);
        Results.RunResult paused = run.get(30, TimeUnit.SECONDS);
        assertThat(paused.outcome()).isEqualTo("paused");
        assertThat(paused.stoppedAt()).isEqualTo(gate);

        as("bob").approve(gate);
        CompletableFuture<Results.RunResult> resumed =
                CompletableFuture.supplyAsync(() -> as("runner").run(null, fast(), true, t -> {}));
        await().atMost(60, TimeUnit.SECONDS)
                .ignoreExceptions()
                .until(() -> resumed.isDone() || !gate.equals(as("bob").status().nextStep()));
        assertThat(as("bob").gates())
                .filteredOn(g -> g.stepId().equals(gate))
                .singleElement()
                .satisfies(g -> assertThat(g.state()).isEqualTo("approved"));
        as("bob").request(Control.Request.ABORT);
        resumed.get(60, TimeUnit.SECONDS);
        assertThat(as("bob").audit(10)).extracting(AuditEntry::action).containsSubsequence("abort", "approve", "pause");
    }
}
