package io.cutover.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.catalog.Catalog;
import io.cutover.lab.Lab;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Planner;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Runbooks given test accounts run each synthetic transaction as a pool's accounts where it has no health monitoring. */
class RunbookAccountsTest {
    private static Plan example() {
        try (Lab lab = Lab.inMemory(Lab.example(), Clock.systemUTC())) {
            return Planner.plan(
                    lab.snapshot(),
                    Catalog.bundled(),
                    PlanOptions.defaults("Skype for Business Server Subscription Edition"),
                    "x");
        }
    }

    private static List<String> lines(List<Runbook.Script> scripts) {
        return scripts.stream().flatMap(s -> s.text().lines()).toList();
    }

    @Test
    void every_probe_but_a_federated_one_may_run_as_the_accounts_whose_credential_files_the_script_names() {
        TestAccounts accounts = TestAccountsFile.read(Path.of("examples/contoso/test-accounts.yaml"));
        List<String> with = lines(Runbook.of(example(), null, accounts));

        List<String> probes = with.stream()
                .filter(l -> l.startsWith("$failures += @(Test-CutoverProbe"))
                .toList();
        assertThat(probes).isNotEmpty();
        assertThat(probes).allMatch(l -> l.contains("Invoke-CutoverTest '") || l.contains("Test-CsFederatedPartner"));
        assertThat(with)
                .contains("    'sfb15pool-dub.contoso.com' = @(@{ Sip = 'sip:dublin0001@contoso.com'; Credential ="
                        + " 'C:\\cutover\\credentials\\dublin0001.xml' }, @{ Sip = 'sip:dublin0002@contoso.com';"
                        + " Credential = 'C:\\cutover\\credentials\\dublin0002.xml' })")
                .anyMatch(l -> l.contains("Import-Clixml -LiteralPath $sender.Credential"));
    }

    @Test
    void without_accounts_the_runbooks_read_no_credential() {
        assertThat(lines(Runbook.of(example(), null)))
                .noneMatch(l -> l.contains("Import-Clixml") || l.contains("Invoke-CutoverTest"));
    }
}
