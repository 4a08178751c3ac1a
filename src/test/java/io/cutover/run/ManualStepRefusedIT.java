package io.cutover.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.check.Check;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.journal.Journal;
import io.cutover.lab.Lab;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanCodec;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Step;
import io.cutover.rules.Release;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A manual step the deployment refuses to do fails its gate with the reason; the run stops there, whole. */
class ManualStepRefusedIT {
    @TempDir
    Path tmp;

    @Test
    void a_pairing_of_pools_of_two_versions_fails_its_gate_naming_why_and_status_says_not_verified() {
        try (Lab lab = Lab.inMemory(Lab.example(), Clock.systemUTC());
                Journal journal = Journal.open(tmp.resolve("journal.db"))) {
            Inventory inv = lab.snapshot();
            List<Pool> frontEnds = inv.pools().stream()
                    .filter(p -> p.role() == PoolRole.FrontEnd)
                    .toList();
            Pool legacy = frontEnds.stream()
                    .filter(p -> !p.version().contains("Subscription"))
                    .findFirst()
                    .orElseThrow();
            Pool target = frontEnds.stream()
                    .filter(p -> !p.version().equals(legacy.version()))
                    .findFirst()
                    .orElseThrow();
            Release impossible = new Release.Repair(legacy.fqdn(), legacy.fqdn(), target.fqdn());
            Step.Gate gate = new Step.Gate(
                    legacy.site() + "/" + legacy.fqdn() + "/release-pairing",
                    legacy.site(),
                    legacy.fqdn(),
                    Phase.Manual,
                    impossible.instruction(),
                    List.of(new Check.Released(impossible)));
            Plan plan = PlanCodec.seal(new Plan(
                    Plan.FORMAT,
                    "test",
                    PlanOptions.defaults("Skype for Business Server Subscription Edition"),
                    List.of(gate),
                    List.of(),
                    List.of(),
                    null));

            var start = RunStart.begin(journal, plan, "lab", Clock.systemUTC().instant());
            RunOutcome outcome = new Executor(
                            plan,
                            start,
                            journal,
                            lab,
                            Clock.systemUTC(),
                            new RunSettings(2, 1, Duration.ZERO, null, "tester"))
                    .run();

            assertThat(outcome).isInstanceOfSatisfying(RunOutcome.GateFailed.class, g -> {
                assertThat(g.stepId()).isEqualTo(gate.id());
                assertThat(g.results())
                        .singleElement()
                        .satisfies(r -> assertThat(r.failures())
                                .singleElement()
                                .asString()
                                .contains("the deployment refused it")
                                .contains("same version"));
            });
            StatusReport s = Status.of(plan, start.id(), journal.entries(start.id()), Optional.empty());
            assertThat(s.blocker().kind().json()).isEqualTo("gate");
            assertThat(s.blocker().stepId()).isEqualTo(gate.id());
            assertThat(s.manual())
                    .singleElement()
                    .satisfies(m -> assertThat(m.state()).isEqualTo("failed"));
        }
    }
}
