package io.cutover.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.lab.Lab;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake shell refuses what the real one refuses by Microsoft's reference (a parameter a cmdlet
 * does not have, a missing mandatory one, a cmdlet its version lacks), changing nothing, so a
 * wrong script fails the test that sends it.
 */
class FakeShellRefusalTest {
    private Lab lab;
    private String user;
    private String home;

    @BeforeEach
    void openTheExample() {
        lab = Lab.inMemory(Lab.example(), Clock.systemUTC());
        Inventory inv = lab.snapshot();
        user = inv.users().get(0).sipAddress().text();
        home = inv.users().get(0).pool().text();
    }

    @AfterEach
    void close() {
        lab.close();
    }

    /** What the shell writes for one statement run in its own try/catch, as the driver's scripts do. */
    private String run(String statement) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FakeShell shell = new FakeShell(lab, new PrintStream(bytes, true, StandardCharsets.UTF_8), Map.of());
        int code = shell.run(PsScript.parse("try { " + statement
                + " } catch { @{ cutoverItem = 0; ok = $false; error = \"$_\" } | ConvertTo-Json -Compress }"));
        assertThat(code).isZero();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private String target() {
        return lab.snapshot().pools().stream()
                .filter(p -> p.role() == io.cutover.inventory.PoolRole.FrontEnd
                        && !p.fqdn().equals(Fqdn.of(home)))
                .filter(p -> lab.poolState(p.fqdn()) == io.cutover.deployment.PoolState.Up)
                .findFirst()
                .orElseThrow()
                .fqdn()
                .text();
    }

    @Test
    void a_parameter_the_cmdlet_does_not_have_is_refused_and_nothing_moves() {
        String out = run("Move-CsUser -Identity '" + user + "' -Target '" + target()
                + "' -Pool 'x' -Confirm:$false -ErrorAction 'Stop'");

        assertThat(out).contains("A parameter cannot be found that matches parameter name 'Pool'.");
        assertThat(lab.homeOf(Subject.user(io.cutover.inventory.SipAddress.of(user)))
                        .map(Fqdn::text))
                .hasValue(home);
    }

    @Test
    void a_missing_mandatory_parameter_is_refused() {
        assertThat(run("Get-CsRgsConfiguration -ErrorAction 'Stop' | ConvertTo-Json -Compress"))
                .contains("Parameter set cannot be resolved")
                .contains("needs -Identity");
        assertThat(run("Test-CsIM -SenderSipAddress '" + user + "' -ReceiverSipAddress '" + user
                        + "' -ErrorAction 'Stop' | ConvertTo-Json -Compress"))
                .contains("ServerPlatform needs -TargetFqdn");
    }

    @Test
    void a_switch_the_cmdlet_does_not_have_is_refused() {
        assertThat(run("Move-CsRgsConfiguration -Source 'a.contoso.com' -Destination 'b.contoso.com' -Confirm:$false"))
                .contains("A parameter cannot be found that matches parameter name 'Confirm'.");
    }

    @Test
    void what_the_reference_allows_still_runs() {
        String out = run(
                "Move-CsUser -Identity '" + user + "' -Target '" + target() + "' -Confirm:$false -ErrorAction 'Stop'");

        assertThat(out).doesNotContain("error");
        assertThat(lab.homeOf(Subject.user(io.cutover.inventory.SipAddress.of(user)))
                        .map(Fqdn::text))
                .hasValue(target());
    }

    @Test
    void a_server_says_its_build_only_through_invoke_command_as_the_driver_asks_it() {
        String server = lab.snapshot().pools().get(0).servers().get(0).text();
        String build = lab.snapshot().serverVersions().stream()
                .filter(v -> v.computer().is(server))
                .findFirst()
                .orElseThrow()
                .version();

        assertThat(run(new Statements(Encoding.UTF8, ShellVersion.NEWEST).serverVersion(server)))
                .contains("(" + build + ")");
        assertThat(run("Get-CsServerVersion -ErrorAction 'Stop' | ConvertTo-Json -Compress"))
                .contains("\"ok\":false");
    }
}
