package io.cutover.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.catalog.Catalog;
import io.cutover.lab.Lab;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Planner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runbooks of the example plan, pinned byte for byte in src/test/resources/golden/runbook.
 * After an intended change, regenerate them with
 * {@code ./mvnw -q -Dtest=RunbookGoldenTest -Dgolden.update=true -Dsurefire.failIfNoSpecifiedTests=false test}
 * and review the diff.
 */
class RunbookGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/runbook/contoso");
    private static Plan plan;

    @BeforeAll
    static void planTheExample() {
        try (Lab lab = Lab.inMemory(Lab.example(), Clock.systemUTC())) {
            plan = Planner.plan(
                    lab.snapshot(),
                    Catalog.bundled(),
                    PlanOptions.defaults("Skype for Business Server Subscription Edition"),
                    "examples/contoso/scenario.yaml");
        }
    }

    @Test
    void the_runbooks_of_the_example_plan_match_the_golden_files_byte_for_byte() throws IOException {
        List<Runbook.Script> scripts = Runbook.of(plan, null);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(GOLDEN);
            try (Stream<Path> old = Files.list(GOLDEN)) {
                for (Path p : old.toList()) {
                    Files.delete(p);
                }
            }
            for (Runbook.Script s : scripts) {
                Files.write(GOLDEN.resolve(s.fileName()), s.bytes());
            }
        }
        try (Stream<Path> files = Files.list(GOLDEN)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .isEqualTo(scripts.stream()
                            .map(Runbook.Script::fileName)
                            .sorted()
                            .toList());
        }
        for (Runbook.Script s : scripts) {
            byte[] golden = Files.readAllBytes(GOLDEN.resolve(s.fileName()));
            // Compared as text first for a readable diff, then as bytes (the BOM, the CRLFs).
            assertThat(new String(s.bytes(), StandardCharsets.UTF_8))
                    .as(s.fileName())
                    .isEqualTo(new String(golden, StandardCharsets.UTF_8));
            assertThat(s.bytes()).as(s.fileName()).isEqualTo(golden);
        }
    }

    @Test
    void one_phase_gives_one_script_and_every_script_starts_with_its_preconditions_and_never_forces_a_move() {
        List<Runbook.Script> production = Runbook.of(plan, Phase.Production);
        assertThat(production).singleElement().satisfies(s -> {
            assertThat(s.fileName()).isEqualTo("07-Production.ps1");
            String text = s.text();
            int precondition = text.indexOf("# ==== Preconditions");
            int firstMove = text.indexOf("Invoke-CutoverMove '");
            assertThat(precondition).isPositive().isLessThan(firstMove);
        });
        for (Runbook.Script s : Runbook.of(plan, null)) {
            // The header says why; no command line may use it.
            assertThat(s.text().lines().filter(l -> !l.startsWith("#")))
                    .as(s.fileName())
                    .noneMatch(l -> l.toLowerCase(java.util.Locale.ROOT).contains("-force"));
        }
    }

    @Test
    void moves_name_the_proxy_pool_only_while_more_than_one_edge_federates() {
        String pilot = Runbook.of(plan, Phase.Pilot).get(0).text();
        String production = Runbook.of(plan, Phase.Production).get(0).text();
        // Before any route moves, Dublin and Redmond federate through two different Edges.
        assertThat(pilot)
                .contains("-ProxyPool 'sfb15edge-dub.contoso.com'")
                .contains("-ProxyPool 'lyncedge01.contoso.com'");
        // After both routes moved, each site's Edge is its own 2019 Edge: still two, so still named.
        assertThat(production).contains("-ProxyPool 'sfb19edge-dub.contoso.com'");
    }
}
