package io.cutover.shell;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.check.Check;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.SipAddress;
import io.cutover.plan.Move;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a run through the shell needs before it starts, checked through the shell itself: every
 * pool a gate will run synthetic transactions against has either a health-monitoring
 * configuration, whose test users the {@code -TargetFqdn} form of the Test-Cs* cmdlets runs as, or
 * two test accounts in the test accounts file whose credential files the session finds.
 */
public final class Readiness {
    private Readiness() {}

    /**
     * Refuses the run when something is missing; nothing is started or journaled.
     *
     * @throws CutoverException SHELL_NOT_READY naming each pool without a configuration or accounts
     *     and both ways to add them, and each credential file the session does not find
     * @throws io.cutover.deployment.DeploymentFailure when the shell cannot be asked
     */
    public static void require(ShellDeployment shell, Plan plan) {
        List<String> missing = missing(shell, probedPools(plan));
        if (!missing.isEmpty()) {
            throw new CutoverException(
                    ErrorCode.SHELL_NOT_READY,
                    "the shell cannot run the synthetic transactions this plan's gates need: "
                            + String.join("; ", missing));
        }
    }

    /** One line per pool that has neither a configuration nor accounts, then one per credential file not found. */
    static List<String> missing(ShellDeployment shell, Set<Fqdn> pools) {
        if (pools.isEmpty()) {
            return List.of();
        }
        Set<Fqdn> configured = shell.monitoredPools();
        TestAccounts accounts = shell.settings().accounts();
        List<String> lines = new ArrayList<>();
        List<Fqdn> byAccounts = new ArrayList<>();
        for (Fqdn p : pools) {
            if (configured.contains(p)) {
                continue;
            }
            if (accounts.of(p).isPresent()) {
                byAccounts.add(p);
                continue;
            }
            lines.add("pool " + p + " has no health-monitoring configuration and no test accounts (either add its two"
                    + " test users: New-CsHealthMonitoringConfiguration -Identity " + p
                    + " -FirstTestUserSipUri <sip> -SecondTestUserSipUri <sip>; or give the pool two accounts in the"
                    + " --shell-test-accounts file, each with a credential file stored once, as the user the shell"
                    + " runs as, with Get-Credential | Export-Clixml -Path <file>)");
        }
        lines.addAll(unreadable(shell, accounts.accounts(byAccounts)));
        return lines;
    }

    /** Asks the session for each credential file (Test-Path): one line per file it does not find. */
    private static List<String> unreadable(ShellDeployment shell, List<TestAccounts.Account> accounts) {
        if (accounts.isEmpty()) {
            return List.of();
        }
        Statements st = shell.statements();
        List<ShellDeployment.Answer> answers =
                shell.run(accounts.stream().map(st::credentialPresent).toList());
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < accounts.size(); i++) {
            ShellDeployment.Answer a = answers.get(i);
            if (!a.ok()) {
                throw ShellErrors.failure("looking for the credential files of the test accounts", a.error());
            }
            boolean present =
                    !a.data().isEmpty() && a.data().get(0).path("Present").asBoolean(false);
            TestAccounts.Account account = accounts.get(i);
            if (!present) {
                lines.add("the credential file " + account.credential() + " of test account " + account.sip()
                        + " is not there for the shell (store it as the user the shell runs as, on that machine:"
                        + " Get-Credential | Export-Clixml -Path " + account.credential() + ")");
            }
        }
        return lines;
    }

    /**
     * The pools synthetic transactions will target: those a matrix check names, and the pools the
     * users a registration or communication check probes are homed on before and after their moves.
     */
    static Set<Fqdn> probedPools(Plan plan) {
        Map<SipAddress, List<Fqdn>> homes = new HashMap<>();
        for (Step s : plan.steps()) {
            if (s instanceof Step.MoveBatch b) {
                for (Move m : b.moves()) {
                    if (m.subject().kind() == io.cutover.inventory.HomedKind.User) {
                        homes.put(SipAddress.of(m.subject().id()), List.of(m.from(), m.to()));
                    }
                }
            }
        }
        Set<Fqdn> pools = new TreeSet<>();
        for (Step s : plan.steps()) {
            if (!(s instanceof Step.Gate g)) {
                continue;
            }
            for (Check c : g.checks()) {
                if (c instanceof Check.Matrix m) {
                    pools.addAll(m.pools());
                }
                for (SipAddress u : probedUsers(c)) {
                    pools.addAll(homes.getOrDefault(u, List.of()));
                }
            }
        }
        return pools;
    }

    private static List<SipAddress> probedUsers(Check c) {
        if (c instanceof Check.Registration r) {
            return r.users();
        }
        if (c instanceof Check.Communication k) {
            return k.pairs().stream().map(Check.Pair::from).toList();
        }
        return List.of();
    }
}
