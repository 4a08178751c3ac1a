package io.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.check.Check;
import io.cutover.inventory.Fqdn;
import io.cutover.journal.Action;
import io.cutover.journal.Entry;
import io.cutover.journal.Outcome;
import io.cutover.journal.Progress;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Step;
import io.cutover.rules.Release;
import io.cutover.run.Decide;
import io.cutover.run.Evidence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard's gate list shows a manual step approved before it is verified, as the run does it. */
class ManualGateViewTest {
    private static final Release DROP = new Release.DropXmppRoute("Redmond", Fqdn.of("edge01.contoso.com"));
    private static final Step.Gate MANUAL = new Step.Gate(
            "Redmond/edge01.contoso.com/release-xmpp-route",
            "Redmond",
            Fqdn.of("edge01.contoso.com"),
            Phase.Manual,
            DROP.instruction(),
            List.of(new Check.Released(DROP)));
    private static final Plan PLAN = new Plan(
            Plan.FORMAT,
            "test",
            PlanOptions.defaults("Skype for Business Server 2019"),
            List.of(MANUAL),
            List.of(),
            List.of(),
            "checksum");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private final List<Entry> rows = new ArrayList<>();

    private void row(String item, boolean ends, Outcome outcome, String detail) {
        Entry begin = Entry.begin(
                "run-1", MANUAL.id(), item, Action.DO, 1, null, null, null, T0.plusSeconds(rows.size()), "ops");
        rows.add(begin);
        if (ends) {
            rows.add(begin.end(outcome, detail, T0.plusSeconds(rows.size())));
        }
    }

    private Results.GateView view() {
        return GateViews.of(PLAN, MANUAL, Progress.of(rows));
    }

    @Test
    void a_manual_step_shows_awaiting_approval_then_approved_verifying_then_verified() {
        assertThat(view().state()).isEqualTo("pending");

        row(Decide.APPROVAL, false, null, null);
        assertThat(view().state()).isEqualTo("awaiting approval");
        assertThat(view().needsApproval()).isTrue();

        rows.add(rows.get(0).end(Outcome.OK, "approved by ops", T0.plusSeconds(5)));
        assertThat(view().state()).isEqualTo("approved, verifying");
        assertThat(view().approvedBy()).isEqualTo("ops");

        row(null, true, Outcome.OK, Evidence.write(List.of()));
        assertThat(view().state()).isEqualTo("verified");
    }
}
