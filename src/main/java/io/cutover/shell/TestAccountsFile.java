package io.cutover.shell;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.inventory.Fqdn;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a test accounts file (YAML; see the README and examples/contoso/test-accounts.yaml):
 *
 * <pre>
 * pools:
 *   sfb19pool-dub.contoso.com:
 *     - {sip: sip:cstest1@contoso.com, credential: 'C:\cutover\cstest1.xml'}
 *     - {sip: sip:cstest2@contoso.com, credential: 'C:\cutover\cstest2.xml'}
 * </pre>
 *
 * Strict: an unknown key, a pool with other than two accounts, an address that is no SIP address
 * or an account without a credential file is refused with the file, the line and the field, and
 * nothing is taken from a file that has one. The credential files are not read here: the shell
 * session checks and reads them.
 */
public final class TestAccountsFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private TestAccountsFile() {}

    /**
     * @throws CutoverException BAD_INPUT when the file cannot be read or is refused by {@link #parse}
     */
    public static TestAccounts read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT, "--shell-test-accounts " + file + ": cannot read it (" + e + ")");
        }
    }

    /**
     * @param text the file's text
     * @param where the file's name, for messages
     * @throws CutoverException BAD_INPUT naming {@code where}, the line and the field
     */
    public static TestAccounts parse(String text, String where) {
        if (text.isBlank()) {
            return TestAccounts.NONE;
        }
        try {
            FileText f = YAML.readValue(text, FileText.class);
            return f == null ? TestAccounts.NONE : f.accounts();
        } catch (JsonProcessingException e) {
            throw io.cutover.YamlFault.of(text, where, e);
        }
    }

    record FileText(Map<String, List<AccountText>> pools) {
        FileText {
            if (pools == null) {
                throw new IllegalArgumentException("'pools' is missing: each pool and its two test accounts");
            }
            pools.forEach((pool, accounts) -> {
                if (accounts == null || accounts.size() != 2) {
                    throw new IllegalArgumentException("pool " + pool + " has "
                            + (accounts == null ? 0 : accounts.size())
                            + " accounts; give two (a sender and a receiver)");
                }
                new TestAccounts.Pair(accounts.get(0).account(), accounts.get(1).account());
                Fqdn.of(pool);
            });
        }

        TestAccounts accounts() {
            Map<Fqdn, TestAccounts.Pair> byPool = new LinkedHashMap<>();
            pools.forEach((pool, a) -> {
                if (byPool.put(
                                Fqdn.of(pool),
                                new TestAccounts.Pair(
                                        a.get(0).account(), a.get(1).account()))
                        != null) {
                    throw new CutoverException(ErrorCode.BAD_INPUT, "pool " + pool + " is named twice");
                }
            });
            return new TestAccounts(byPool);
        }
    }

    record AccountText(String sip, String credential) {
        AccountText {
            if (sip == null || credential == null) {
                throw new IllegalArgumentException("an account needs 'sip' and 'credential' (the Export-Clixml file)");
            }
            account(sip, credential);
        }

        TestAccounts.Account account() {
            return account(sip, credential);
        }

        private static TestAccounts.Account account(String sip, String credential) {
            return new TestAccounts.Account(io.cutover.inventory.SipAddress.of(sip), credential);
        }
    }
}
