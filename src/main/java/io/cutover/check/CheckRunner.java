package io.cutover.check;

import io.cutover.catalog.Catalog;
import io.cutover.deployment.Deployment;
import io.cutover.deployment.PoolState;
import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeKind;
import io.cutover.deployment.ProbeResult;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.Pool;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServiceState;
import io.cutover.inventory.ServiceStatus;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.User;
import io.cutover.rules.Hold;
import io.cutover.rules.Holds;
import io.cutover.rules.Release;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** Evaluates checks against a deployment. Probes of one check run concurrently on the given pool. */
public final class CheckRunner {
    /** Evidence lines kept per check: enough to read, bounded for thousand-user checks. */
    private static final int EVIDENCE_LIMIT = 50;

    private final Deployment deployment;
    private final ExecutorService probes;
    private final Catalog catalog = Catalog.bundled();

    public CheckRunner(Deployment deployment, ExecutorService probes) {
        this.deployment = deployment;
        this.probes = probes;
    }

    public CheckResult evaluate(Check check) {
        // Java 17 has no pattern switch; the sealed interface keeps this list complete.
        if (check instanceof Check.ServicesRunning c) {
            return servicesRunning(c);
        } else if (check instanceof Check.ReplicasUpToDate c) {
            return replicas(c);
        } else if (check instanceof Check.MinimumBuilds c) {
            return new BuildCheck(deployment).run(c);
        } else if (check instanceof Check.Communication c) {
            return probe(c, communicationProbes(c));
        } else if (check instanceof Check.Registration c) {
            return probe(c, c.users().stream().map(Probe::registration).toList());
        } else if (check instanceof Check.ExternalAccess c) {
            return probe(
                    c,
                    c.users().stream()
                            .map(u -> new Probe(ProbeKind.External, u, null, c.edge()))
                            .toList());
        } else if (check instanceof Check.FederatedAccess c) {
            return probe(
                    c,
                    c.users().stream()
                            .map(u -> new Probe(ProbeKind.Federated, u, c.partner(), null))
                            .toList());
        } else if (check instanceof Check.PolicyParity c) {
            return policyParity(c);
        } else if (check instanceof Check.Released c) {
            return released(c);
        } else if (check instanceof Check.Drain c) {
            return drain(c);
        } else if (check instanceof Check.Matrix c) {
            return probe(c, matrixProbes(c));
        } else if (check instanceof Check.ClientsSupported c) {
            return new ClientCheck(deployment, catalog).run(c);
        }
        throw new IllegalArgumentException("unknown check " + check);
    }

    private List<Probe> matrixProbes(Check.Matrix c) {
        CoexistenceMatrix matrix =
                CoexistenceMatrix.of(deployment.snapshot(), catalog).involving(c.pools());
        List<Probe> list = new ArrayList<>();
        // Ask once per pool, not once per cell: against a real deployment each question is a
        // Management Shell round trip.
        java.util.Map<Fqdn, Boolean> inService = new java.util.HashMap<>();
        for (CoexistenceMatrix.Cell cell : matrix.cells()) {
            if (cell.probe() != null
                    && cell.pools().stream().allMatch(p -> inService.computeIfAbsent(p, this::inService))) {
                list.add(cell.probe());
            }
        }
        return list;
    }

    private boolean inService(Fqdn pool) {
        PoolState s;
        try {
            s = deployment.poolState(pool);
        } catch (io.cutover.deployment.DeploymentFailure e) {
            return true; // a pool the deployment does not know: let the probe say what fails
        }
        return s != PoolState.NotDeployed && s != PoolState.Decommissioned;
    }

    private static List<Probe> communicationProbes(Check.Communication c) {
        List<Probe> list = new ArrayList<>();
        for (Check.Pair pair : c.pairs()) {
            for (ProbeKind kind : c.modalities()) {
                list.add(
                        kind == ProbeKind.Registration
                                ? Probe.registration(pair.from())
                                : Probe.between(kind, pair.from(), pair.to()));
            }
        }
        return list;
    }

    private CheckResult probe(Check check, List<Probe> list) {
        List<Future<ProbeResult>> futures = new ArrayList<>();
        for (Probe p : list) {
            futures.add(probes.submit(() -> deployment.probe(p)));
        }
        List<String> failures = new ArrayList<>();
        Set<String> subjects = new LinkedHashSet<>();
        List<String> evidence = new ArrayList<>();
        for (Future<ProbeResult> f : futures) {
            ProbeResult r = join(f);
            String line = describe(r);
            if (!r.success()) {
                failures.add(line);
                subjects.add(r.probe().from().text());
                if (r.probe().to() != null && r.probe().kind() != ProbeKind.Federated) {
                    subjects.add(r.probe().to());
                }
            }
            if (evidence.size() < EVIDENCE_LIMIT) {
                evidence.add(line);
            }
        }
        return new CheckResult(
                check.describe(), failures.isEmpty(), failures, List.copyOf(subjects), list.size(), evidence);
    }

    private static ProbeResult join(Future<ProbeResult> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while probing", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    private static String describe(ProbeResult r) {
        Probe p = r.probe();
        String what = p.kind().cmdlet() + " " + p.from() + (p.to() == null ? "" : " -> " + p.to())
                + (p.via() == null ? "" : " via " + p.via());
        if (r.success()) {
            return what + ": Success on " + r.target() + " (" + r.latencyMillis() + " ms)";
        }
        return what + ": Failure on " + r.target() + ": " + r.error()
                + (r.diagnosis() == null ? "" : " [" + r.diagnosis() + "]");
    }

    private CheckResult servicesRunning(Check.ServicesRunning c) {
        List<String> failures = new ArrayList<>();
        Set<String> subjects = new LinkedHashSet<>();
        int count = 0;
        for (Fqdn fqdn : c.pools()) {
            String pool = fqdn.text();
            List<ServiceState> services = deployment.services(fqdn);
            count += services.size();
            if (services.isEmpty()) {
                failures.add(pool + ": no services reported");
                subjects.add(pool);
            }
            Set<Fqdn> unknown = new LinkedHashSet<>();
            for (ServiceState s : services) {
                if (s.status() == ServiceStatus.Unknown) {
                    unknown.add(s.computer());
                    subjects.add(pool);
                } else if (!s.running()) {
                    failures.add(s.computer() + ": " + s.name() + " is " + s.status());
                    subjects.add(pool);
                }
            }
            unknown.forEach(server -> failures.add(unknown(server)));
        }
        return new CheckResult(
                c.describe(),
                failures.isEmpty(),
                failures,
                List.copyOf(subjects),
                count,
                List.of(count + " services on "
                        + c.pools().stream().map(Fqdn::text).collect(java.util.stream.Collectors.joining(", ")) + ", "
                        + failures.size() + " not running"));
    }

    /** The failure of a check on a server nobody could ask: what to do is collect again. */
    private static String unknown(Fqdn server) {
        return server + ": unknown: re-collect (it did not answer the collection, so whether it runs is not known)";
    }

    private CheckResult replicas(Check.ReplicasUpToDate c) {
        List<Replica> replicas = deployment.replication();
        List<String> failures = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        for (Replica r : replicas) {
            if (!r.upToDate()) {
                failures.add(r.fqdn() + ": replica not up to date");
                subjects.add(r.fqdn().text());
            }
        }
        // Every server holds a replica; one whose state is unknown may hold a stale one, or none.
        for (Fqdn server : new java.util.TreeSet<>(deployment.unknownServers())) {
            failures.add(unknown(server));
            subjects.add(server.text());
        }
        if (replicas.isEmpty()) {
            failures.add("no CMS replica reported");
        }
        return new CheckResult(
                c.describe(),
                failures.isEmpty(),
                failures,
                subjects,
                replicas.size(),
                List.of(replicas.size() + " replicas, " + failures.size() + " not up to date"));
    }

    private CheckResult policyParity(Check.PolicyParity c) {
        Inventory now = deployment.snapshot();
        Map<SipAddress, User> users = now.usersBySip();
        List<String> failures = new ArrayList<>();
        Set<String> subjects = new LinkedHashSet<>();
        for (Check.ExpectedPolicies expected : c.users()) {
            User user = users.get(expected.sipAddress());
            if (user == null) {
                failures.add(expected.sipAddress() + ": user not found");
                subjects.add(expected.sipAddress().text());
                continue;
            }
            String site = now.findPool(user.pool()).map(Pool::site).orElse(expected.site());
            Map<PolicyKind, String> effective = now.policies().effective(user, site);
            for (PolicyKind kind : PolicyKind.values()) {
                String wasOwn = expected.perUser().get(kind);
                String isOwn = user.policies().get(kind);
                if (!Objects.equals(wasOwn, isOwn)) {
                    failures.add(expected.sipAddress() + ": per-user " + kind.column() + " was " + show(wasOwn)
                            + ", now " + show(isOwn));
                    subjects.add(expected.sipAddress().text());
                } else if (!Objects.equals(expected.effective().get(kind), effective.get(kind))) {
                    failures.add(expected.sipAddress() + ": effective " + kind.column() + " was "
                            + show(expected.effective().get(kind)) + ", now " + show(effective.get(kind)));
                    subjects.add(expected.sipAddress().text());
                }
            }
        }
        return new CheckResult(
                c.describe(),
                failures.isEmpty(),
                failures,
                List.copyOf(subjects),
                c.users().size(),
                List.of(c.users().size() + " users compared, " + subjects.size() + " changed"));
    }

    private static String show(String policy) {
        return policy == null ? "(none)" : policy;
    }

    private CheckResult drain(Check.Drain c) {
        Inventory now = deployment.snapshot();
        Fqdn pool = c.pool();
        List<String> failures = Holds.on(now, pool, p -> deployment.poolState(p) == PoolState.Decommissioned).stream()
                .map(Hold::what)
                .toList();
        return new CheckResult(
                c.describe(),
                failures.isEmpty(),
                failures,
                failures.isEmpty() ? List.of() : List.of(pool.text()),
                1,
                failures.isEmpty()
                        ? List.of(pool + " is empty: no users, objects, CMS, routes or next hops")
                        : failures);
    }

    private CheckResult released(Check.Released c) {
        Release r = c.release();
        boolean done = r.done(deployment.snapshot());
        List<String> failures = done ? List.of() : List.of("not done yet: " + r.instruction());
        return new CheckResult(
                c.describe(),
                done,
                failures,
                done ? List.of() : List.of(r.pool().text()),
                1,
                done ? List.of(r.pool() + " released") : failures);
    }
}
