package io.cutover.shell;

import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeKind;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.SipAddress;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which form a synthetic transaction takes, per pool, as a real deployment runs them: on a pool
 * with a health-monitoring configuration, the {@code -TargetFqdn} form (the pool's own test users);
 * else, when the pool has test accounts, the credential form as those accounts; else the
 * {@code -TargetFqdn} form, which then fails as the cmdlet does ({@link Readiness} refuses such a
 * run before it starts).
 */
final class ProbeForms {
    private final ShellDeployment shell;
    /** The pools with a health-monitoring configuration, read once: they change only by an admin's hand. */
    private volatile Set<Fqdn> monitored;

    ProbeForms(ShellDeployment shell) {
        this.shell = shell;
    }

    /**
     * The pools that have a health-monitoring configuration.
     *
     * @throws io.cutover.deployment.DeploymentFailure when the shell cannot be asked
     */
    Set<Fqdn> monitored() {
        Set<Fqdn> m = monitored;
        if (m != null) {
            return m;
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
        monitored = Collections.unmodifiableSet(configured);
        return monitored;
    }

    /**
     * The statement of a probe: the credential form when the initiating user's pool has test
     * accounts and no health-monitoring configuration, else {@link Statements#probe}. Without test
     * accounts nothing more is asked of the shell.
     */
    String statement(Statements st, Probe probe, String edge) {
        TestAccounts accounts = shell.settings().accounts();
        if (accounts.isEmpty() || probe.kind() == ProbeKind.Federated) {
            return st.probe(probe, edge);
        }
        Fqdn pool = home(probe.from()).orElse(null);
        Optional<TestAccounts.Pair> pair = pool == null ? Optional.empty() : accounts.of(pool);
        if (pair.isEmpty() || monitored().contains(pool)) {
            return st.probe(probe, edge);
        }
        return st.query(Statements.testAs(probe, pool, pair.get().first(), receiver(probe, pool, pair.get())));
    }

    /**
     * The receiving account: between two pools, the first account of the receiver's pool when it
     * has accounts (so the test crosses the pools as the probe does); else the pool's second one.
     */
    private TestAccounts.Account receiver(Probe probe, Fqdn pool, TestAccounts.Pair pair) {
        if (probe.to() == null || !SipAddress.looksLikeOne(probe.to())) {
            return pair.second();
        }
        Optional<Fqdn> other = home(SipAddress.of(probe.to()));
        return other.filter(o -> !o.equals(pool))
                .flatMap(o -> shell.settings().accounts().of(o))
                .map(TestAccounts.Pair::first)
                .orElse(pair.second());
    }

    private Optional<Fqdn> home(SipAddress user) {
        return shell.homeOf(Subject.user(user));
    }
}
