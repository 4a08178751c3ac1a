package io.cutover.run;

import io.cutover.check.Check;
import io.cutover.check.CheckResult;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.SipAddress;
import io.cutover.journal.Action;
import io.cutover.journal.Entry;
import io.cutover.journal.Outcome;
import io.cutover.plan.Move;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Step;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A small plan of one site, built by hand, and the journal rows a run of it writes: enough for
 * table-driven tests of the run core without a deployment or a database.
 */
final class SmallPlan {
    static final String RUN = "run-1";
    static final String SITE = "Redmond";
    static final String OLD = "pool01.contoso.com";
    static final String NEW = "pool19.contoso.com";

    static final Step.DeployTarget DEPLOY =
            new Step.DeployTarget("R/deploy", SITE, Fqdn.of(OLD), Phase.Prepare, Fqdn.of(NEW));
    static final Step.MoveBatch PILOT =
            new Step.MoveBatch("R/pilot", SITE, Fqdn.of(OLD), Phase.Pilot, "pilot", List.of(user("ann"), user("bob")));
    static final Step.Gate GATE = new Step.Gate(
            "R/pilot-validation",
            SITE,
            Fqdn.of(OLD),
            Phase.PilotValidation,
            "pilot validation",
            List.of(new Check.ServicesRunning(List.of(Fqdn.of(NEW)))));
    static final Step.RouteFederation ROUTE = new Step.RouteFederation(
            "R/federation", SITE, null, Phase.Federation, Fqdn.of("edge01.contoso.com"), Fqdn.of("edge19.contoso.com"));
    static final Step.MoveBatch WAVE = new Step.MoveBatch(
            "R/wave-1", SITE, Fqdn.of(OLD), Phase.Production, "wave 1", List.of(user("cat"), user("dan"), user("eve")));
    static final Step.Decommission DECOMMISSION =
            new Step.Decommission("R/decommission", SITE, Fqdn.of(OLD), Phase.Decommission, Fqdn.of(OLD));
    static final List<Step> STEPS = List.of(DEPLOY, PILOT, GATE, ROUTE, WAVE, DECOMMISSION);

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private SmallPlan() {}

    static Move user(String name) {
        return new Move(Subject.user(SipAddress.of("sip:" + name + "@contoso.com")), Fqdn.of(OLD), Fqdn.of(NEW));
    }

    static Plan plan() {
        return plan(List.of());
    }

    /** The plan, its gates of these phases waiting for a person's approval. */
    static Plan plan(List<Phase> approveGates) {
        PlanOptions options =
                PlanOptions.defaults("Skype for Business Server 2019").withApproveGates(approveGates);
        return new Plan(Plan.FORMAT, "test", options, STEPS, List.of(), List.of(), "checksum");
    }

    /** Journal rows, written in order, each a second after the one before. */
    static final class Rows {
        private final List<Entry> rows = new ArrayList<>();

        List<Entry> list() {
            return List.copyOf(rows);
        }

        private Instant next() {
            return T0.plusSeconds(rows.size());
        }

        Rows begin(Step step, String item, Action action, int attempt) {
            Fqdn from = step instanceof Step.MoveBatch ? Fqdn.of(OLD) : null;
            Fqdn to = step instanceof Step.MoveBatch ? Fqdn.of(NEW) : null;
            rows.add(Entry.begin(RUN, step.id(), item, action, attempt, from, to, null, next(), "tester"));
            return this;
        }

        Rows end(Outcome outcome, String detail) {
            Entry last = rows.get(rows.size() - 1);
            rows.add(last.end(outcome, detail, next()));
            return this;
        }

        /** An attempt at a non-move step (or one item), begun and ended. */
        Rows attempt(Step step, String item, Outcome outcome) {
            return begin(step, item, Action.DO, attempts(step, item) + 1).end(outcome, null);
        }

        Rows done(Step step) {
            if (step instanceof Step.MoveBatch batch) {
                batch.moves().forEach(m -> attempt(step, m.item(), Outcome.OK));
                return this;
            }
            return attempt(step, null, Outcome.OK);
        }

        Rows gate(Step.Gate gate, boolean passed) {
            CheckResult r = new CheckResult(
                    "services running",
                    passed,
                    passed ? List.of() : List.of(NEW + ": RTCSRV stopped"),
                    passed ? List.of() : List.of(NEW),
                    1,
                    List.of());
            return begin(gate, null, Action.DO, attempts(gate, null) + 1)
                    .end(passed ? Outcome.OK : Outcome.FAILED, Evidence.write(List.of(r)));
        }

        Rows approved(Step.Gate gate) {
            return begin(gate, Decide.APPROVAL, Action.DO, 1).end(Outcome.OK, "approved by ops");
        }

        Rows awaitingApproval(Step.Gate gate) {
            return begin(gate, Decide.APPROVAL, Action.DO, 1);
        }

        Rows inDoubt(Step step, String item) {
            return begin(step, item, Action.DO, attempts(step, item) + 1);
        }

        Rows undone(Step step, String item) {
            return begin(step, item, Action.UNDO, 1).end(Outcome.OK, null);
        }

        Rows undoing(Step step, String item) {
            return begin(step, item, Action.UNDO, 1);
        }

        private int attempts(Step step, String item) {
            return (int) rows.stream()
                    .filter(e -> e.stepId().equals(step.id())
                            && java.util.Objects.equals(e.item(), item)
                            && e.action() == Action.DO
                            && e.event() == io.cutover.journal.Event.BEGIN)
                    .count();
        }
    }

    static Rows rows() {
        return new Rows();
    }
}
