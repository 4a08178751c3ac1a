package io.cutover.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.SipAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The test accounts file: each pool's two accounts, read strictly. */
class TestAccountsFileTest {
    private static final String ONE_POOL = """
            pools:
              pool01.contoso.com:
                - sip: sip:cstest1@contoso.com
                  credential: 'C:\\cutover\\cstest1.xml'
                - {sip: sip:cstest2@contoso.com, credential: C:\\cutover\\cstest2.xml}
            """;

    @Test
    void the_example_gives_each_dublin_pool_two_accounts_with_their_credential_files() {
        TestAccounts a = TestAccountsFile.read(Path.of("examples/contoso/test-accounts.yaml"));

        assertThat(a.pools())
                .containsOnlyKeys(Fqdn.of("sfb15pool-dub.contoso.com"), Fqdn.of("SFB19POOL-DUB.contoso.com"));
        TestAccounts.Pair dub = a.of(Fqdn.of("sfb15pool-dub.contoso.com")).orElseThrow();
        assertThat(dub.first().sip()).isEqualTo(SipAddress.of("sip:dublin0001@contoso.com"));
        assertThat(dub.second().credential()).isEqualTo("C:\\cutover\\credentials\\dublin0002.xml");
    }

    @Test
    void a_pool_gets_its_two_accounts_in_order_and_other_pools_none() {
        TestAccounts a = TestAccountsFile.parse(ONE_POOL, "a.yaml");

        TestAccounts.Pair p = a.of(Fqdn.of("POOL01.contoso.com")).orElseThrow();
        assertThat(p.first().sip().text()).isEqualTo("sip:cstest1@contoso.com");
        assertThat(p.first().credential()).isEqualTo("C:\\cutover\\cstest1.xml");
        assertThat(p.second().credential()).isEqualTo("C:\\cutover\\cstest2.xml");
        assertThat(a.of(Fqdn.of("pool02.contoso.com"))).isEmpty();
    }

    @Test
    void an_unknown_key_is_refused_with_the_file_and_its_line() {
        String text = ONE_POOL.replace("  credential: 'C:", "  password: 'x'\n      credential: 'C:");

        assertThatThrownBy(() -> TestAccountsFile.parse(text, "a.yaml"))
                .isInstanceOfSatisfying(
                        CutoverException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessageStartingWith("a.yaml, line 4")
                .hasMessageContaining("unknown key 'password'");
    }

    @Test
    void a_pool_without_two_distinct_accounts_or_an_account_without_a_credential_file_is_refused() {
        String one = ONE_POOL.substring(0, ONE_POOL.indexOf("    - {sip"));
        String same = ONE_POOL.replace("cstest2@", "cstest1@");
        String noFile = ONE_POOL.replace(", credential: C:\\cutover\\cstest2.xml", "");
        String notSip = ONE_POOL.replace("sip:cstest2@contoso.com", "cstest2");

        assertThatThrownBy(() -> TestAccountsFile.parse(one, "a.yaml"))
                .hasMessageContaining("has 1 accounts; give two");
        assertThatThrownBy(() -> TestAccountsFile.parse(same, "a.yaml")).hasMessageContaining("must differ");
        assertThatThrownBy(() -> TestAccountsFile.parse(noFile, "a.yaml"))
                .hasMessageContaining("needs 'sip' and 'credential'");
        assertThatThrownBy(() -> TestAccountsFile.parse(notSip, "a.yaml")).hasMessageContaining("is not a SIP address");
    }

    @Test
    void an_empty_file_gives_no_accounts() {
        assertThat(TestAccountsFile.parse("\n", "a.yaml").isEmpty()).isTrue();
    }

    @Test
    void a_run_given_a_refused_accounts_file_exits_2_naming_the_file_and_line(
            @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path bad = java.nio.file.Files.writeString(
                dir.resolve("accounts.yaml"), "pools:\n  p.contoso.com:\n    - {sip: x}\n");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code;
        try (java.io.PrintStream o = new java.io.PrintStream(new java.io.ByteArrayOutputStream());
                java.io.PrintStream e = new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8)) {
            code = io.cutover.cli.Cli.execute(
                    new String[] {
                        "run",
                        "--workspace",
                        dir.resolve("ws").toString(),
                        "--deployment",
                        "shell",
                        "--shell-test-accounts",
                        bad.toString()
                    },
                    o,
                    e);
        }

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).contains(bad + ", line 3");
    }
}
