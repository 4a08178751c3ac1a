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
 * pool a gate will run synthetic transactions against has a health-monitoring configuration, whose
 * test users the {@code -TargetFqdn} form of the Test-Cs* cmdlets runs as.
 */
public final class Readiness {
    private Readiness() {}

    /**
     * Refuses the run when something is missing; nothing is started or journaled.
     *
     * @throws CutoverException SHELL_NOT_READY naming each pool without a configuration and how to add one
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

    /** One line per pool that has no health-monitoring configuration, in pool order. */
    static List<String> missing(ShellDeployment shell, Set<Fqdn> pools) {
        if (pools.isEmpty()) {
            return List.of();
        }
        ShellDeployment.Answer a = shell.run(shell.statements().healthMonitoring());
        if (!a.ok()) {
            throw ShellErrors.failure("reading the health-monitoring configuration", a.error());
        }
        Set<Fqdn> configured = new TreeSet<>();
        a.data().forEach(n -> {
            String id = InventoryParser.text(n, "Identity", "");
            // The identity is the pool's FQDN; some versions write it as a service identity.
            String pool = id.substring(id.lastIndexOf(':') + 1).strip();
            if (!pool.isEmpty()) {
                configured.add(Fqdn.of(pool));
            }
        });
        List<String> lines = new ArrayList<>();
        for (Fqdn p : pools) {
            if (!configured.contains(p)) {
                lines.add("pool " + p + " has no health-monitoring configuration (add its two test users: "
                        + "New-CsHealthMonitoringConfiguration -Identity " + p
                        + " -FirstTestUserSipUri <sip> -SecondTestUserSipUri <sip>)");
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
