package io.cutover.run;

import static io.cutover.run.SmallPlan.DECOMMISSION;
import static io.cutover.run.SmallPlan.DEPLOY;
import static io.cutover.run.SmallPlan.PILOT;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.check.Check;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.PoolRole;
import io.cutover.journal.Outcome;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Step;
import io.cutover.rules.Release;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Status names each manual step and where it stands: awaiting approval, approved and verifying, verified. */
class ManualStepStatusTest {
    private static final Release REASSOCIATE = new Release.Repoint(
            Fqdn.of("sba01.contoso.com"), PoolRole.SurvivableBranch, Fqdn.of(SmallPlan.OLD), Fqdn.of(SmallPlan.NEW));
    private static final Step.Gate MANUAL = new Step.Gate(
            "R/release-sba01.contoso.com",
            SmallPlan.SITE,
            Fqdn.of(SmallPlan.OLD),
            Phase.Manual,
            REASSOCIATE.instruction(),
            List.of(new Check.Released(REASSOCIATE)));
    private static final Plan PLAN = new Plan(
            Plan.FORMAT,
            "test",
            PlanOptions.defaults("Skype for Business Server 2019"),
            List.of(DEPLOY, PILOT, MANUAL, DECOMMISSION),
            List.of(),
            List.of(),
            "checksum");

    private static SmallPlan.Rows reached() {
        return SmallPlan.rows().done(DEPLOY).done(PILOT);
    }

    private static StatusReport status(SmallPlan.Rows rows) {
        return Status.of(PLAN, SmallPlan.RUN, rows.list(), Optional.empty());
    }

    private static StatusReport.ManualLine line(SmallPlan.Rows rows) {
        return status(rows).manual().stream()
                .filter(m -> m.stepId().equals(MANUAL.id()))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void a_manual_step_the_run_has_not_reached_is_pending_with_what_a_person_will_do() {
        StatusReport.ManualLine m = line(SmallPlan.rows().done(DEPLOY));

        assertThat(m.state()).isEqualTo("pending");
        assertThat(m.instruction()).contains("re-associate Survivable Branch Appliance sba01.contoso.com");
        assertThat(m.pool()).isEqualTo(SmallPlan.OLD);
        assertThat(m.approvedBy()).isNull();
        assertThat(m.since()).isNull();
    }

    @Test
    void a_manual_step_awaiting_a_person_is_the_blocker_with_the_instruction_and_how_to_approve() {
        SmallPlan.Rows rows = reached().awaitingApproval(MANUAL);
        StatusReport s = status(rows);

        assertThat(s.state().json()).isEqualTo("awaiting approval");
        assertThat(line(rows).state()).isEqualTo("awaiting approval");
        assertThat(line(rows).since()).isNotNull();
        assertThat(s.blocker().kind().json()).isEqualTo("approval");
        assertThat(s.blocker().details())
                .anySatisfy(d -> assertThat(d).contains("a manual step").contains("re-associate"))
                .anySatisfy(d -> assertThat(d)
                        .contains("cutover approve " + MANUAL.id())
                        .contains("verifies it from the deployment"))
                // Its checks have not run: nothing says they passed.
                .noneSatisfy(d -> assertThat(d).contains("checks passed"));
    }

    @Test
    void an_approved_manual_step_is_being_verified_until_its_checks_pass_then_verified() {
        SmallPlan.Rows approved = reached().approved(MANUAL);
        assertThat(line(approved).state()).isEqualTo("approved, verifying");
        assertThat(line(approved).approvedBy()).isEqualTo("tester");
        assertThat(status(approved).blocker()).isNull();

        SmallPlan.Rows verified = reached().approved(MANUAL).gate(MANUAL, true);
        assertThat(line(verified).state()).isEqualTo("verified");
        assertThat(status(verified).nextStep()).isEqualTo(DECOMMISSION.id());
    }

    @Test
    void an_approved_step_the_deployment_does_not_show_done_is_approved_not_verified_and_the_gate_blocks() {
        SmallPlan.Rows rows = reached().approved(MANUAL).gate(MANUAL, false);

        assertThat(line(rows).state()).isEqualTo("approved, not verified");
        assertThat(status(rows).blocker().kind().json()).isEqualTo("gate");
        assertThat(status(rows).blocker().stepId()).isEqualTo(MANUAL.id());
    }

    @Test
    void a_plan_without_manual_steps_lists_none() {
        assertThat(Status.of(SmallPlan.plan(), SmallPlan.RUN, reached().list(), Optional.empty())
                        .manual())
                .isEmpty();
        assertThat(status(reached().attempt(DEPLOY, null, Outcome.OK)).manual()).hasSize(1);
    }
}
