package io.cutover.lab;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.deployment.ProbeKind;
import io.cutover.inventory.PolicyKind;
import java.util.List;
import java.util.Objects;

/**
 * Something going wrong in the lab on purpose. Faults are data: a profile file lists them, the lab
 * journals them, and a rehearsal with the same faults and seed fails the same way every time. The
 * JSON type names are the {@code type:} values of fault files.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Fault.FailureRate.class, name = "failureRate"),
    @JsonSubTypes.Type(value = Fault.PoolDown.class, name = "poolDown"),
    @JsonSubTypes.Type(value = Fault.Latency.class, name = "latency"),
    @JsonSubTypes.Type(value = Fault.ServiceStopped.class, name = "serviceStopped"),
    @JsonSubTypes.Type(value = Fault.ReplicaStale.class, name = "replicaStale"),
    @JsonSubTypes.Type(value = Fault.DropPolicyOnMove.class, name = "dropPolicyOnMove"),
    @JsonSubTypes.Type(value = Fault.ProbeFailure.class, name = "probeFailure"),
    @JsonSubTypes.Type(value = Fault.LoseOnMove.class, name = "loseOnMove")
})
public sealed interface Fault {
    /** One line for people, e.g. "5% of moves into pool01 fail transiently". */
    String describe();

    /**
     * A share of calls fail: operations with a transient (retryable) failure, probes with a failed
     * result. Whether one call fails is a pure function of the seed, the operation, the subject and
     * how many times that subject was tried.
     *
     * @param operation move, route, deploy, decommission, probe, or probe:&lt;ProbeKind&gt;
     * @param pool only calls aimed at this pool (a move's target, a probe's target), or null for any
     */
    record FailureRate(String operation, String pool, double rate) implements Fault {
        public FailureRate {
            operation = canonicalOperation(operation);
            if (!(rate >= 0 && rate <= 1)) {
                throw new CutoverException(ErrorCode.BAD_INPUT, "a failure rate must be between 0 and 1, not " + rate);
            }
        }

        public String describe() {
            return Math.round(rate * 1000) / 10.0 + "% of " + operation + " calls" + onPool(pool) + " fail";
        }
    }

    /** The pool is unreachable: probes to or through it fail with 480, moves to it fail. */
    record PoolDown(String pool) implements Fault {
        public PoolDown {
            Objects.requireNonNull(pool, "pool");
        }

        public String describe() {
            return pool + " is down";
        }
    }

    /** Every matching call takes this long; probes report it as their latency. */
    record Latency(String operation, String pool, long millis) implements Fault {
        public Latency {
            operation = canonicalOperation(operation);
            if (millis < 0) {
                throw new CutoverException(ErrorCode.BAD_INPUT, "latency must not be negative, not " + millis);
            }
        }

        public String describe() {
            return operation + " calls" + onPool(pool) + " take " + millis + " ms";
        }
    }

    /**
     * A Windows service is stopped on the pool's servers: probes to the pool fail with 503.
     *
     * @param server one server of the pool, or null for all of them
     */
    record ServiceStopped(String pool, String service, String server) implements Fault {
        public ServiceStopped {
            Objects.requireNonNull(pool, "pool");
            Objects.requireNonNull(service, "service");
        }

        public String describe() {
            return service + " stopped on " + (server == null ? "every server of " + pool : server);
        }
    }

    /** A CMS replica (by server FQDN) reports it is not up to date. */
    record ReplicaStale(String replica) implements Fault {
        public ReplicaStale {
            Objects.requireNonNull(replica, "replica");
        }

        public String describe() {
            return "the CMS replica on " + replica + " is stale";
        }
    }

    /** Users moved into the pool lose their per-user policy of this kind: what pilot validation exists to catch. */
    record DropPolicyOnMove(String pool, PolicyKind policy) implements Fault {
        public DropPolicyOnMove {
            Objects.requireNonNull(pool, "pool");
            Objects.requireNonNull(policy, "policy");
        }

        public String describe() {
            return "moves into " + pool + " drop the per-user " + policy + " policy";
        }
    }

    /**
     * Users moved into the pool lose some of their data, as {@code Move-CsUser -Force} is known to
     * do silently: what verifying users before and after a move exists to catch.
     */
    record LoseOnMove(String pool, UserData data) implements Fault {
        public LoseOnMove {
            Objects.requireNonNull(pool, "pool");
            Objects.requireNonNull(data, "data");
        }

        public String describe() {
            return "moves into " + pool + " lose the user's " + data.label();
        }
    }

    /** What of a user's data a {@link LoseOnMove} fault loses. The fault file's {@code data:} values, in any case. */
    enum UserData {
        Contacts("contacts"),
        Meetings("meetings and their conference ids"),
        LineUri("LineURI"),
        EnterpriseVoice("Enterprise Voice"),
        ConferenceDirectory("conference directory");

        private final String label;

        UserData(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * Probes from or to these users fail.
     *
     * @param probe only this kind of probe, or null for every kind
     */
    record ProbeFailure(List<String> users, ProbeKind probe) implements Fault {
        public ProbeFailure {
            users = List.copyOf(users);
        }

        public String describe() {
            return (probe == null ? "probes" : probe + " probes") + " of " + users.size() + " users fail";
        }
    }

    private static String canonicalOperation(String text) {
        return Operations.canonical(Objects.requireNonNull(text, "operation"))
                .orElseThrow(() -> new CutoverException(
                        ErrorCode.BAD_INPUT,
                        "unknown operation '" + text + "'; known: " + String.join(", ", Operations.NAMES)));
    }

    private static String onPool(String pool) {
        return pool == null ? "" : " on " + pool;
    }
}
