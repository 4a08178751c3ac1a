package io.cutover.shell;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.SipAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The test accounts synthetic transactions run as on pools that have no health-monitoring
 * configuration: two per pool, each a SIP address and the credential file the admin stored once
 * with {@code Get-Credential | Export-Clixml -Path FILE} (protected for that Windows user on that
 * machine). Only the file's path is ever written into a script; the session reads the file with
 * Import-Clixml, so no password passes through cutover.
 *
 * @param pools each pool's two accounts, first and second
 */
public record TestAccounts(Map<Fqdn, Pair> pools) {
    /** No accounts: every probed pool needs its health-monitoring configuration. */
    public static final TestAccounts NONE = new TestAccounts(Map.of());

    public TestAccounts {
        pools = java.util.Collections.unmodifiableMap(new TreeMap<>(pools));
    }

    /**
     * One test account.
     *
     * @param sip its SIP address
     * @param credential the path of its credential file as the shell sees it (e.g. {@code
     *     C:\cutover\cstest1.xml}); never read by cutover
     */
    public record Account(SipAddress sip, String credential) {
        public Account {
            if (credential == null || credential.isBlank()) {
                throw new CutoverException(ErrorCode.BAD_INPUT, "the account " + sip + " names no credential file");
            }
        }
    }

    /** A pool's two accounts; a peer-to-peer test needs a sender and a receiver. */
    public record Pair(Account first, Account second) {
        public Pair {
            if (first.sip().equals(second.sip())) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT, "the two test accounts of a pool must differ, both are " + first.sip());
            }
        }

        List<Account> both() {
            return List.of(first, second);
        }
    }

    public Optional<Pair> of(Fqdn pool) {
        return Optional.ofNullable(pools.get(pool));
    }

    public boolean isEmpty() {
        return pools.isEmpty();
    }

    /** The accounts of the given pools that have them, in the order given, first then second. */
    List<Account> accounts(Iterable<Fqdn> chosen) {
        List<Account> all = new ArrayList<>();
        for (Fqdn p : chosen) {
            of(p).ifPresent(pair -> all.addAll(pair.both()));
        }
        return all;
    }
}
