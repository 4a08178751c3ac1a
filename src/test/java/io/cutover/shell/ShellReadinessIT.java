package io.cutover.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.app.Cutover;
import io.cutover.app.Workspace;
import io.cutover.cli.Cli;
import io.cutover.plan.PlanOptions;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Before a run through the shell, cutover says what the shell lacks for the gates' synthetic transactions. */
class ShellReadinessIT {
    @TempDir
    Path dir;

    @Test
    void
            a_run_through_a_shell_missing_a_probed_pools_health_monitoring_configuration_is_refused_before_anything_is_done() {
        Path ws = dir.resolve("ws");
        Cutover cutover = new Cutover(new Workspace(ws), Clock.systemUTC(), "tester");
        cutover.labCreate(null);
        cutover.plan(PlanOptions.defaults("Skype for Business Server Subscription Edition"), null);
        String shell = FakeShells.commandLine(
                ws.resolve("lab"), Map.of("CUTOVER_FAKESHELL_NO_HEALTH", "sfb15pool-dub.contoso.com"));

        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Cli.execute(
                    new String[] {"run", "--workspace", ws.toString(), "--deployment", "shell", "--shell-command", shell
                    },
                    o,
                    e);
        }

        String said = err.toString(StandardCharsets.UTF_8);
        assertThat(code).as(said).isEqualTo(2);
        assertThat(said)
                .contains("pool sfb15pool-dub.contoso.com has no health-monitoring configuration")
                .contains("New-CsHealthMonitoringConfiguration -Identity sfb15pool-dub.contoso.com")
                // The other way to fix it: test accounts with stored credentials.
                .contains("--shell-test-accounts")
                .contains("Get-Credential | Export-Clixml -Path");
        // The other pools are configured: only the one is named.
        assertThat(said).doesNotContain("pool lyncpool01.contoso.com has no");
        // Refused before the run: no journal, nothing moved.
        assertThat(Files.exists(ws.resolve("journal.db"))).isFalse();
        // The same through the facade, with its stable code.
        ShellSettings settings = new ShellSettings(
                FakeShells.command(
                        ws.resolve("lab"), Map.of("CUTOVER_FAKESHELL_NO_HEALTH", "sfb15pool-dub.contoso.com")),
                java.time.Duration.ofSeconds(120),
                100,
                Encoding.ASCII);
        assertThatThrownBy(() -> cutover.run(
                        null,
                        new io.cutover.run.RunSettings(4, 2, java.time.Duration.ofMillis(1), null, "tester"),
                        false,
                        t -> {},
                        io.cutover.app.Target.shell(settings)))
                .isInstanceOfSatisfying(
                        CutoverException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SHELL_NOT_READY));
        assertThat(Files.exists(ws.resolve("journal.db"))).isFalse();
    }

    @Test
    void a_pool_given_test_accounts_needs_no_configuration_but_each_credential_file_must_be_there_for_the_session()
            throws Exception {
        Path ws = dir.resolve("ws");
        Cutover cutover = new Cutover(new Workspace(ws), Clock.systemUTC(), "tester");
        cutover.labCreate(null);
        cutover.plan(PlanOptions.defaults("Skype for Business Server Subscription Edition"), null);
        Path present =
                Files.writeString(dir.resolve("dublin0001.xml"), FakeCredentials.cliXml("CONTOSO\\dublin0001", "pw"));
        Path absent = dir.resolve("dublin0002.xml");
        TestAccounts accounts = TestAccountsFile.parse(
                "pools:\n  sfb15pool-dub.contoso.com:\n"
                        + "    - {sip: 'sip:dublin0001@contoso.com', credential: '" + present + "'}\n"
                        + "    - {sip: 'sip:dublin0002@contoso.com', credential: '" + absent + "'}\n",
                "accounts.yaml");
        ShellSettings settings = new ShellSettings(
                        FakeShells.command(
                                ws.resolve("lab"), Map.of("CUTOVER_FAKESHELL_NO_HEALTH", "sfb15pool-dub.contoso.com")),
                        java.time.Duration.ofSeconds(120),
                        100,
                        Encoding.ASCII)
                .withTestAccounts(accounts);

        assertThatThrownBy(() -> cutover.run(
                        null,
                        new io.cutover.run.RunSettings(4, 2, java.time.Duration.ofMillis(1), null, "tester"),
                        false,
                        t -> {},
                        io.cutover.app.Target.shell(settings)))
                .isInstanceOfSatisfying(
                        CutoverException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SHELL_NOT_READY))
                .hasMessageContaining("the credential file " + absent + " of test account sip:dublin0002@contoso.com")
                .hasMessageNotContaining(present.toString())
                // The pool has accounts: it is not named as missing a configuration.
                .hasMessageNotContaining("pool sfb15pool-dub.contoso.com has no");
        assertThat(Files.exists(ws.resolve("journal.db"))).isFalse();
    }
}
