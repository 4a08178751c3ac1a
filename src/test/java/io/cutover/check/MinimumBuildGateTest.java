package io.cutover.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.catalog.Catalog;
import io.cutover.inventory.Fqdn;
import io.cutover.lab.Lab;
import io.cutover.lab.Scenario;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Planner;
import io.cutover.plan.Step;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The coexistence gate asks each legacy server its build when it runs, against the oldest build the
 * catalog lets share a topology with the target, so a server rebuilt from an old image since the
 * assessment stops the run before a user moves.
 */
class MinimumBuildGateTest {
    private static final Path EXAMPLE = Path.of("examples/subscription-edition/scenario.yaml");
    private static final Fqdn OSLO_2015 = Fqdn.of("sfb15pool-osl.fabrikam.com");
    private static final ExecutorService PROBES = Executors.newFixedThreadPool(2);

    @AfterAll
    static void stop() {
        PROBES.shutdownNow();
    }

    private static Scenario example(String osloBuild) throws IOException {
        String yaml = Files.readString(EXAMPLE, StandardCharsets.UTF_8);
        // The Oslo 2015 pool's build is the first "build: 6.0.9319.869" of the file.
        assertThat(yaml).contains("build: 6.0.9319.869");
        return Scenario.parse(
                yaml.replaceFirst("build: 6\\.0\\.9319\\.869", "build: " + osloBuild), EXAMPLE.toString());
    }

    private static Check.MinimumBuilds floorOf(Plan plan, Fqdn pool) {
        return plan.steps().stream()
                .filter(s -> s instanceof Step.Gate
                        && s.phase() == Phase.Coexistence
                        && s.pool().equals(pool))
                .flatMap(s -> ((Step.Gate) s).checks().stream())
                .filter(c -> c instanceof Check.MinimumBuilds)
                .map(Check.MinimumBuilds.class::cast)
                .findFirst()
                .orElseThrow();
    }

    private static CheckResult gate(String osloBuild) throws IOException {
        try (Lab lab = Lab.inMemory(example(osloBuild), Clock.systemUTC())) {
            Plan plan = Planner.plan(lab.snapshot(), Catalog.bundled(), PlanOptions.defaults("SE"), "se");
            return new CheckRunner(lab, PROBES).evaluate(floorOf(plan, OSLO_2015));
        }
    }

    @Test
    void the_coexistence_gate_of_a_2015_pool_carries_the_catalogs_floor_for_subscription_edition() throws IOException {
        try (Lab lab = Lab.inMemory(example("6.0.9319.869"), Clock.systemUTC())) {
            Plan plan = Planner.plan(lab.snapshot(), Catalog.bundled(), PlanOptions.defaults("SE"), "se");
            Check.BuildFloor floor = floorOf(plan, OSLO_2015).floors().get(0);

            assertThat(floor.pool()).isEqualTo(OSLO_2015);
            assertThat(floor.minimum()).isEqualTo("6.0.9319.869");
            assertThat(floor.published()).isFalse();
        }
    }

    @Test
    void servers_at_the_minimum_build_pass() throws IOException {
        CheckResult r = gate("6.0.9319.869");

        assertThat(r.passed()).as(r.failures().toString()).isTrue();
        assertThat(r.probes()).isEqualTo(2);
    }

    @Test
    void servers_below_the_minimum_build_fail_named_with_the_update_to_install() throws IOException {
        CheckResult r = gate("6.0.9319.272");

        assertThat(r.passed()).isFalse();
        assertThat(r.failures()).hasSize(2);
        assertThat(r.failures().get(0))
                .contains("runs 6.0.9319.272, below 6.0.9319.869")
                .contains("CU15");
        assertThat(r.subjects()).allMatch(s -> s.endsWith(".fabrikam.com") && !s.equals(OSLO_2015.text()));
    }

    @Test
    void a_pool_whose_servers_report_no_build_fails_as_unknown() throws IOException {
        try (Lab lab = Lab.inMemory(example("6.0.9319.869"), Clock.systemUTC())) {
            Check.MinimumBuilds check = new Check.MinimumBuilds(
                    List.of(new Check.BuildFloor(Fqdn.of("nowhere.fabrikam.com"), "6.0.9319.869", "CU15", false)));

            CheckResult r = new CheckRunner(lab, PROBES).evaluate(check);

            assertThat(r.passed()).isFalse();
            assertThat(r.failures()).singleElement().asString().contains("unknown, re-collect");
        }
    }
}
