package io.cutover.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.catalog.Catalog;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.lab.Lab;
import io.cutover.lab.Scenario;
import io.cutover.plan.Move;
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
import org.junit.jupiter.api.Test;

/**
 * Response Group configuration between 2019 and Subscription Edition (one code line): planned as an
 * export and an import, refused as a move by the lab, and written as the two cmdlets in the runbook.
 */
class RgsExportImportTest {
    private static final Path EXAMPLE = Path.of("examples/subscription-edition/scenario.yaml");

    private static Scenario example() throws IOException {
        return Scenario.parse(Files.readString(EXAMPLE, StandardCharsets.UTF_8), EXAMPLE.toString());
    }

    private static Plan plan(Lab lab) {
        return Planner.plan(lab.snapshot(), Catalog.bundled(), PlanOptions.defaults("SE"), "se");
    }

    private static Move rgs(Plan plan, String site) {
        return plan.steps().stream()
                .filter(s -> s instanceof Step.MoveBatch && s.site().equals(site))
                .flatMap(s -> ((Step.MoveBatch) s).moves().stream())
                .filter(m -> m.subject().kind() == HomedKind.RgsConfiguration)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void from_2019_the_configuration_is_exported_and_imported_and_from_2015_it_is_moved() throws IOException {
        try (Lab lab = Lab.inMemory(example(), Clock.systemUTC())) {
            Plan plan = plan(lab);
            assertThat(rgs(plan, "Lisbon").exportsAndImports()).isTrue();
            assertThat(rgs(plan, "Oslo").exportsAndImports()).isFalse();
        }
    }

    @Test
    void the_lab_refuses_a_same_code_move_and_carries_out_the_export_and_import() throws IOException {
        try (Lab lab = Lab.inMemory(example(), Clock.systemUTC())) {
            Move m = rgs(plan(lab), "Lisbon");
            lab.deploy(m.to());
            assertThatThrownBy(() -> lab.move(m.subject(), m.to()))
                    .isInstanceOf(DeploymentFailure.class)
                    .hasMessageContaining("Move-CsRgsConfiguration")
                    .hasMessageContaining("Export-CsRgsConfiguration and Import-CsRgsConfiguration");
            assertThat(lab.homeOf(m.subject())).contains(Fqdn.of("sfb19pool-lis.fabrikam.com"));
            lab.exportImport(m.subject(), m.to());
            assertThat(lab.homeOf(m.subject())).contains(Fqdn.of("sepool-lis.fabrikam.com"));
            assertThatThrownBy(() -> lab.exportImport(
                            new Subject(HomedKind.MeetingRoom, "x"), Fqdn.of("sepool-lis.fabrikam.com")))
                    .isInstanceOf(DeploymentFailure.class);
        }
    }

    @Test
    void the_objects_runbook_exports_and_imports_lisbons_configuration_with_the_documented_parameters()
            throws IOException {
        try (Lab lab = Lab.inMemory(example(), Clock.systemUTC())) {
            List<Runbook.Script> scripts = Runbook.of(plan(lab), null);
            String objects = scripts.stream()
                    .filter(s -> s.fileName().contains("Objects"))
                    .map(s -> new String(s.bytes(), StandardCharsets.UTF_8))
                    .findFirst()
                    .orElseThrow();
            assertThat(objects)
                    .contains("Export-CsRgsConfiguration -Source \"ApplicationServer:$source\" -FileName $file")
                    .contains("Import-CsRgsConfiguration -Destination \"ApplicationServer:$target\" -FileName $file"
                            + " -OverwriteOwner -Force")
                    .contains("$source = 'sfb19pool-lis.fabrikam.com'")
                    .contains("Move-CsRgsConfiguration -Source");
        }
    }

    /** What the fake shell writes for one statement in the driver's try/catch. */
    private static String shell(Lab lab, String statement) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        FakeShell shell =
                new FakeShell(lab, new java.io.PrintStream(bytes, true, StandardCharsets.UTF_8), java.util.Map.of());
        shell.run(PsScript.parse("try { " + statement
                + " } catch { @{ cutoverItem = 0; ok = $false; error = \"$_\" } | ConvertTo-Json -Compress }"));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void the_shell_drivers_export_and_import_rehome_the_configuration_where_its_move_is_refused() throws IOException {
        try (Lab lab = Lab.inMemory(example(), Clock.systemUTC())) {
            Move m = rgs(plan(lab), "Lisbon");
            lab.deploy(m.to());
            Statements st = new Statements(Encoding.UTF8, ShellVersion.NEWEST);

            assertThat(shell(lab, st.move(m.subject(), m.to().text(), null))).contains("Export-CsRgsConfiguration");
            assertThat(lab.homeOf(m.subject())).contains(Fqdn.of("sfb19pool-lis.fabrikam.com"));

            assertThat(shell(lab, st.exportImport(m.subject().id(), m.to().text())))
                    .doesNotContain("\"ok\":false");
            assertThat(lab.homeOf(m.subject())).contains(Fqdn.of("sepool-lis.fabrikam.com"));
        }
    }

    @Test
    void an_import_of_a_file_nobody_exported_is_refused_and_moves_nothing() throws IOException {
        try (Lab lab = Lab.inMemory(example(), Clock.systemUTC())) {
            Move m = rgs(plan(lab), "Lisbon");
            lab.deploy(m.to());

            assertThat(shell(
                            lab,
                            "Import-CsRgsConfiguration -Destination 'ApplicationServer:" + m.to()
                                    + "' -FileName 'never.zip' -Force -ErrorAction 'Stop'"))
                    .contains("Could not find file 'never.zip'");
            assertThat(lab.homeOf(m.subject())).contains(Fqdn.of("sfb19pool-lis.fabrikam.com"));
        }
    }
}
