package io.cutover.lab;

import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeKind;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.SipAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A seed and the faults in force. The format of a fault file is the format of a scenario's
 * {@code faults:} section:
 *
 * <pre>
 * seed: 7
 * inject:
 *   - type: dropPolicyOnMove
 *     pool: sfb19pool-red.contoso.com
 *     policy: Conferencing
 * </pre>
 */
public record FaultProfile(long seed, List<Fault> faults) {
    public FaultProfile {
        faults = List.copyOf(faults);
    }

    public static FaultProfile none() {
        return new FaultProfile(0, List.of());
    }

    /**
     * Reads a fault file. Pools are checked when the profile is injected, not here: the file does
     * not know which lab it is for.
     *
     * @param where the file name, for error messages
     */
    public static FaultProfile parse(String yaml, String where) {
        Node root = Node.read(yaml, where);
        return read(Fields.of(root, "", where, "seed", "inject"), null, null);
    }

    /**
     * Reads a {@code faults:} mapping.
     *
     * @param pools the scenario's pool FQDNs in lower case, to check references against; null to
     *     skip that check
     * @param servers the scenario's server FQDNs in lower case, likewise
     */
    static FaultProfile read(Fields f, Set<String> pools, Set<String> servers) {
        long seed = f.longValue("seed", 0);
        List<Fault> faults = new ArrayList<>();
        List<Node> items = f.list("inject");
        for (int i = 0; i < items.size(); i++) {
            faults.add(readFault(items.get(i), Fields.index(f.path("inject"), i), f.where(), pools, servers));
        }
        return new FaultProfile(seed, faults);
    }

    private static Fault readFault(Node node, String path, String where, Set<String> pools, Set<String> servers) {
        Fields any = Fields.of(
                node,
                path,
                where,
                "type",
                "operation",
                "pool",
                "rate",
                "millis",
                "service",
                "server",
                "replica",
                "policy",
                "users",
                "probe",
                "data");
        String type = any.string("type");
        return switch (type) {
            case "failureRate" -> {
                Fields f = Fields.of(node, path, where, "type", "operation", "pool", "rate");
                yield new Fault.FailureRate(operation(f), pool(f, pools, false), rate(f));
            }
            case "poolDown" -> {
                Fields f = Fields.of(node, path, where, "type", "pool");
                yield new Fault.PoolDown(pool(f, pools, true));
            }
            case "latency" -> {
                Fields f = Fields.of(node, path, where, "type", "operation", "pool", "millis");
                yield new Fault.Latency(operation(f), pool(f, pools, false), f.integer("millis", 0, 600_000));
            }
            case "serviceStopped" -> {
                Fields f = Fields.of(node, path, where, "type", "pool", "service", "server");
                String service = f.string("service").toUpperCase(java.util.Locale.ROOT);
                if (!Services.ALL.contains(service)) {
                    throw f.error(
                            "service", "unknown service '" + service + "'; known: " + String.join(", ", Services.ALL));
                }
                yield new Fault.ServiceStopped(pool(f, pools, true), service, server(f, "server", servers, false));
            }
            case "replicaStale" -> {
                Fields f = Fields.of(node, path, where, "type", "replica");
                yield new Fault.ReplicaStale(server(f, "replica", servers, true));
            }
            case "dropPolicyOnMove" -> {
                Fields f = Fields.of(node, path, where, "type", "pool", "policy");
                yield new Fault.DropPolicyOnMove(pool(f, pools, true), f.enumValue("policy", PolicyKind.class));
            }
            case "loseOnMove" -> {
                Fields f = Fields.of(node, path, where, "type", "pool", "data");
                yield new Fault.LoseOnMove(pool(f, pools, true), f.enumValue("data", Fault.UserData.class));
            }
            case "probeFailure" -> {
                Fields f = Fields.of(node, path, where, "type", "users", "probe");
                List<String> users = f.strings("users");
                if (users.isEmpty()) {
                    throw f.error("users", "missing required field: list the SIP addresses whose probes fail");
                }
                yield new Fault.ProbeFailure(users, f.enumValue("probe", ProbeKind.class, null));
            }
            default ->
                throw any.error(
                        "type",
                        "unknown fault type '" + type + "'; known: failureRate, poolDown, "
                                + "latency, serviceStopped, replicaStale, dropPolicyOnMove, loseOnMove, probeFailure");
        };
    }

    private static String operation(Fields f) {
        String text = f.string("operation");
        return Operations.canonical(text)
                .orElseThrow(() -> f.error(
                        "operation",
                        "unknown operation '" + text + "'; known: " + String.join(", ", Operations.NAMES)));
    }

    private static double rate(Fields f) {
        f.required("rate");
        return f.fraction("rate", 0);
    }

    private static String pool(Fields f, Set<String> pools, boolean required) {
        String pool = required ? f.string("pool") : f.string("pool", null);
        if (pool != null && pools != null && !pools.contains(Fqdn.key(pool))) {
            throw f.error("pool", "no pool '" + pool + "' in the scenario");
        }
        return pool;
    }

    private static String server(Fields f, String field, Set<String> servers, boolean required) {
        String server = required ? f.string(field) : f.string(field, null);
        if (server != null && servers != null && !servers.contains(Fqdn.key(server))) {
            throw f.error(field, "no server '" + server + "' in the scenario");
        }
        return server;
    }

    /** The pool a fault names, so the lab can refuse a fault aimed at a pool it does not have. */
    static Optional<String> poolOf(Fault fault) {
        if (fault instanceof Fault.FailureRate r) {
            return Optional.ofNullable(r.pool());
        } else if (fault instanceof Fault.PoolDown d) {
            return Optional.of(d.pool());
        } else if (fault instanceof Fault.Latency l) {
            return Optional.ofNullable(l.pool());
        } else if (fault instanceof Fault.ServiceStopped s) {
            return Optional.of(s.pool());
        } else if (fault instanceof Fault.DropPolicyOnMove d) {
            return Optional.of(d.pool());
        } else if (fault instanceof Fault.LoseOnMove l) {
            return Optional.of(l.pool());
        }
        return Optional.empty();
    }

    // The queries below run on every lab call; profiles hold a handful of faults, so a scan is cheap.

    long latencyMillis(String operation, String pool) {
        long total = 0;
        for (Fault f : faults) {
            if (f instanceof Fault.Latency l
                    && Operations.matches(l.operation(), operation)
                    && aimsAt(l.pool(), pool)) {
                total += l.millis();
            }
        }
        return total;
    }

    /** The chance that a call fails: every matching rate is an independent reason to fail. */
    double failureRate(String operation, String pool) {
        double survive = 1;
        for (Fault f : faults) {
            if (f instanceof Fault.FailureRate r
                    && Operations.matches(r.operation(), operation)
                    && aimsAt(r.pool(), pool)) {
                survive *= 1 - r.rate();
            }
        }
        return 1 - survive;
    }

    boolean hasFailureRate(String operation) {
        for (Fault f : faults) {
            if (f instanceof Fault.FailureRate r && Operations.matches(r.operation(), operation)) {
                return true;
            }
        }
        return false;
    }

    boolean isDown(String pool) {
        for (Fault f : faults) {
            if (f instanceof Fault.PoolDown d && Fqdn.same(d.pool(), pool)) {
                return true;
            }
        }
        return false;
    }

    boolean isStopped(String pool, String server, String service) {
        for (Fault f : faults) {
            if (f instanceof Fault.ServiceStopped s
                    && Fqdn.same(s.pool(), pool)
                    && s.service().equals(service)
                    && (s.server() == null || Fqdn.same(s.server(), server))) {
                return true;
            }
        }
        return false;
    }

    boolean isStale(String replica) {
        for (Fault f : faults) {
            if (f instanceof Fault.ReplicaStale r && Fqdn.same(r.replica(), replica)) {
                return true;
            }
        }
        return false;
    }

    List<PolicyKind> dropsOnMoveInto(String pool) {
        List<PolicyKind> kinds = new ArrayList<>();
        for (Fault f : faults) {
            if (f instanceof Fault.DropPolicyOnMove d && Fqdn.same(d.pool(), pool)) {
                kinds.add(d.policy());
            }
        }
        return kinds;
    }

    List<Fault.UserData> losesOnMoveInto(String pool) {
        List<Fault.UserData> lost = new ArrayList<>();
        for (Fault f : faults) {
            if (f instanceof Fault.LoseOnMove l && Fqdn.same(l.pool(), pool)) {
                lost.add(l.data());
            }
        }
        return lost;
    }

    Optional<String> probeFailureFor(Probe probe) {
        for (Fault f : faults) {
            if (f instanceof Fault.ProbeFailure p && (p.probe() == null || p.probe() == probe.kind())) {
                for (String user : p.users()) {
                    if (probe.from().is(user) || SipAddress.same(user, probe.to())) {
                        return Optional.of(user);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean aimsAt(String filter, String pool) {
        return filter == null || Fqdn.same(filter, pool);
    }
}
