package io.cutover.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.app.Cutover;
import io.cutover.app.Results;
import io.cutover.app.Target;
import io.cutover.app.Workspace;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.User;
import io.cutover.lab.Lab;
import io.cutover.plan.Move;
import io.cutover.plan.Phase;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Step;
import io.cutover.run.RunSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pilot moved through the shell and rolled back through the shell. */
class ShellRollbackIT {
    @TempDir
    Path dir;

    @Test
    void a_pilot_moved_through_the_shell_rolls_back_through_the_shell_to_its_legacy_pool() {
        Cutover cutover = new Cutover(new Workspace(dir.resolve("ws")), Clock.systemUTC(), "tester");
        cutover.labCreate(null);
        cutover.plan(PlanOptions.defaults("Skype for Business Server Subscription Edition"), null);
        Target shell = Target.shell(new ShellSettings(
                FakeShells.command(dir.resolve("ws").resolve("lab"), Map.of()),
                Duration.ofSeconds(120),
                100,
                Encoding.ASCII));
        RunSettings settings =
                new RunSettings(20, 3, Duration.ofMillis(1), Phase.Pilot, "tester").withSites(List.of("Dublin"));
        String pilot = "Dublin/sfb15pool-dub.contoso.com/pilot";

        assertThat(cutover.run(null, settings, false, t -> {}, shell).outcome()).isEqualTo("reached");
        List<Move> moves = ((Step.MoveBatch) cutover.readPlan(dir.resolve("ws").resolve("plan.json"))
                        .findStep(pilot)
                        .orElseThrow())
                .moves();
        assertThat(homes(moves)).containsOnly(Fqdn.of("sfb19pool-dub.contoso.com"));

        Results.RollbackResult result = cutover.rollback(pilot, settings, impact -> true, shell);

        assertThat(result.executed()).isTrue();
        assertThat(result.failures()).isEmpty();
        assertThat(homes(moves)).containsOnly(Fqdn.of("sfb15pool-dub.contoso.com"));
    }

    private List<Fqdn> homes(List<Move> moves) {
        try (Lab lab = Lab.open(dir.resolve("ws").resolve("lab"), Clock.systemUTC())) {
            Inventory inv = lab.snapshot();
            return moves.stream()
                    .map(m -> inv.findUser(m.subject().id()).map(User::pool).orElse(Fqdn.of("?")))
                    .toList();
        }
    }
}
