package io.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.lab.Lab;
import io.cutover.plan.PlanOptions;
import io.cutover.run.RunSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled Subscription Edition example: Oslo moves Skype for Business Server 2015 and Lisbon
 * 2019 to SE side by side, rehearsed end to end against a lab on disk.
 */
class SubscriptionEditionRehearsalIT {
    private static final Path EXAMPLE = Path.of("examples/subscription-edition/scenario.yaml");

    @TempDir
    Path dir;

    private Cutover cutover() {
        return new Cutover(new Workspace(dir.resolve("ws")), Clock.systemUTC(), "tester");
    }

    @Test
    void rehearsing_the_se_example_finishes_every_phase_at_both_sites_with_the_default_target() {
        Rehearsal r = cutover()
                .rehearse(
                        EXAMPLE,
                        null,
                        PlanOptions.defaults("SE"),
                        new RunSettings(16, 5, Duration.ofMillis(1), null, "tester"),
                        t -> {});

        assertThat(r.exitCode()).isZero();
        assertThat(r.outcome()).isEqualTo("finished");
        assertThat(r.phases()).extracting(Rehearsal.PoolPhases::site).contains("Oslo", "Lisbon");
        assertThat(r.phases()).allSatisfy(p -> assertThat(p.phases()).allMatch(line -> line.endsWith(": done")));
        assertThat(r.usersMoved()).isEqualTo(r.usersPlanned()).isEqualTo(500);
        assertThat(r.decommissioned())
                .containsExactlyInAnyOrder(
                        "sfb15pool-osl.fabrikam.com",
                        "sfb15edge-osl.fabrikam.com",
                        "sfb19pool-lis.fabrikam.com",
                        "sfb19edge-lis.fabrikam.com");
        try (Lab lab = Lab.open(dir.resolve("ws").resolve("lab"), Clock.systemUTC())) {
            Inventory end = lab.snapshot();
            assertThat(end.objects())
                    .allSatisfy(
                            o -> assertThat(o.pool().text()).as(o.identity()).startsWith("sepool-"));
            assertThat(end.cmsPool()).isEqualTo(Fqdn.of("sepool-osl.fabrikam.com"));
        }
    }
}
