package io.cutover.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeKind;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.User;
import io.cutover.lab.Lab;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Synthetic transactions run as test accounts in the fake shell: the credential each reads with
 * Import-Clixml from the file Export-Clixml wrote, a missing or malformed file refused, and a
 * credential parameter set taken only whole.
 */
class FakeShellCredentialTest {
    @TempDir
    Path dir;

    private Lab lab;
    private Fqdn pool;
    private TestAccounts.Account first;
    private TestAccounts.Account second;

    @BeforeEach
    void storeTwoAccountsOfOnePool() throws Exception {
        lab = Lab.inMemory(Lab.example(), Clock.systemUTC());
        Inventory inv = lab.snapshot();
        pool = inv.users().get(0).pool();
        List<User> two = inv.users().stream()
                .filter(u -> u.pool().equals(pool) && u.enabled())
                .limit(2)
                .toList();
        first = account(two.get(0).sipAddress(), "first.xml");
        second = account(two.get(1).sipAddress(), "second.xml");
    }

    @AfterEach
    void close() {
        lab.close();
    }

    private TestAccounts.Account account(SipAddress sip, String file) throws Exception {
        String name = SipAddress.withoutScheme(sip.text());
        Path path = dir.resolve(file);
        Files.writeString(path, FakeCredentials.cliXml("CONTOSO\\" + name.substring(0, name.indexOf('@')), "pw"));
        return new TestAccounts.Account(sip, path.toString());
    }

    private String run(String statement) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FakeShell shell = new FakeShell(lab, new PrintStream(bytes, true, StandardCharsets.UTF_8), Map.of());
        int code = shell.run(PsScript.parse("try { " + statement
                + " } catch { @{ cutoverItem = 0; ok = $false; error = \"$_\" } | ConvertTo-Json -Compress }"));
        assertThat(code).isZero();
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private String probe(ProbeKind kind, TestAccounts.Account sender, TestAccounts.Account receiver) {
        Probe p = new Probe(
                kind,
                sender.sip(),
                kind == ProbeKind.Registration ? null : receiver.sip().text(),
                null);
        return new Statements(Encoding.ASCII, ShellVersion.NEWEST).query(Statements.testAs(p, pool, sender, receiver));
    }

    @Test
    void each_peer_probe_runs_as_two_test_accounts_with_the_credentials_their_files_hold() {
        for (ProbeKind k : ProbeKind.PEER_MODALITIES) {
            assertThat(run(probe(k, first, second))).as(k.cmdlet()).contains("\"Result\":\"Success\"");
        }
    }

    @Test
    void a_credential_file_of_another_account_fails_the_test_as_a_wrong_password_does() {
        TestAccounts.Account wrong = new TestAccounts.Account(first.sip(), second.credential());

        assertThat(run(probe(ProbeKind.Registration, wrong, second)))
                .contains("\"Result\":\"Failure\"")
                .contains("401 Unauthorized");
    }

    @Test
    void a_missing_credential_file_is_refused() {
        TestAccounts.Account gone =
                new TestAccounts.Account(first.sip(), dir.resolve("gone.xml").toString());

        assertThat(run(probe(ProbeKind.Registration, gone, second)))
                .contains("\"ok\":false")
                .contains("Could not find file");
    }

    @Test
    void a_file_that_is_not_a_credentials_clixml_is_refused_and_a_dtd_or_external_entity_is_never_read()
            throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "SECRET-OUTSIDE-THE-FILE");
        Path entity = Files.writeString(
                dir.resolve("entity.xml"),
                "<?xml version=\"1.0\"?><!DOCTYPE Objs [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]><Objs xmlns=\""
                        + FakeCredentials.NS + "\"><Obj><TN><T>&x;</T></TN></Obj></Objs>");
        Path notCredential = Files.writeString(
                dir.resolve("string.xml"), "<Objs xmlns=\"" + FakeCredentials.NS + "\"><S>plain</S></Objs>");
        Path cut = Files.writeString(
                dir.resolve("cut.xml"),
                Files.readString(Path.of(first.credential())).substring(0, 200));

        for (Path bad : List.of(entity, notCredential, cut)) {
            String out =
                    run(probe(ProbeKind.Registration, new TestAccounts.Account(first.sip(), bad.toString()), second));
            assertThat(out).as(bad.toString()).contains("\"ok\":false").contains("Import-Clixml");
            assertThat(out).doesNotContain("SECRET-OUTSIDE-THE-FILE");
        }
    }

    @Test
    void a_credential_set_given_in_part_or_a_text_for_a_credential_is_refused() {
        String literal = PowerShell.literal(first.credential());
        String half = "Test-CsIM -TargetFqdn '" + pool + "' -SenderSipAddress '" + first.sip()
                + "' -SenderCredential (Import-Clixml -LiteralPath " + literal + ") -ReceiverSipAddress '"
                + second.sip() + "' -ErrorAction 'Stop' | ConvertTo-Json -Compress";
        String text = "Test-CsRegistration -TargetFqdn '" + pool + "' -UserSipAddress '" + first.sip()
                + "' -UserCredential 'password' -ErrorAction 'Stop' | ConvertTo-Json -Compress";

        assertThat(run(half)).contains("Parameter set cannot be resolved").contains("ReceiverCredential");
        assertThat(run(text)).contains("\"ok\":false").contains("A PSCredential is expected");
    }

    @Test
    void the_session_says_whether_each_credential_file_is_there() {
        Statements st = new Statements(Encoding.ASCII, ShellVersion.NEWEST);

        assertThat(run(st.credentialPresent(first))).contains("\"Present\":true");
        assertThat(run(st.credentialPresent(new TestAccounts.Account(
                        first.sip(), dir.resolve("no.xml").toString()))))
                .contains("\"Present\":false");
    }
}
