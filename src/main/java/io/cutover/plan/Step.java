package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.cutover.check.Check;
import io.cutover.inventory.Fqdn;
import java.util.List;

/**
 * One step of a plan. Every step belongs to a site and, where it concerns one, a legacy pool; its
 * id is stable and readable ("Redmond/pool01.contoso.com/pilot") so an operator can name it in
 * {@code rollback --to}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Step.DeployTarget.class, name = "DeployTarget"),
    @JsonSubTypes.Type(value = Step.Gate.class, name = "Gate"),
    @JsonSubTypes.Type(value = Step.MoveBatch.class, name = "MoveBatch"),
    @JsonSubTypes.Type(value = Step.RouteFederation.class, name = "RouteFederation"),
    @JsonSubTypes.Type(value = Step.Decommission.class, name = "Decommission")
})
public sealed interface Step {
    String id();

    String site();

    /** The legacy pool this step serves, or null for a site-wide step. */
    Fqdn pool();

    Phase phase();

    /** One line for people. */
    String title();

    /**
     * Verify the target pool is deployed and up. The lab brings it up; against a real deployment it
     * is a manual gate.
     */
    record DeployTarget(String id, String site, Fqdn pool, Phase phase, Fqdn target) implements Step {
        public String title() {
            return "verify " + target + " is deployed and up";
        }
    }

    /** A gate: every check must pass or the run stops here. */
    record Gate(String id, String site, Fqdn pool, Phase phase, String name, List<Check> checks) implements Step {
        public Gate {
            checks = List.copyOf(checks);
        }

        public String title() {
            return name;
        }
    }

    /** Move users or objects; items are independent and may run concurrently. */
    record MoveBatch(String id, String site, Fqdn pool, Phase phase, String name, List<Move> moves) implements Step {
        public MoveBatch {
            moves = List.copyOf(moves);
        }

        public String title() {
            return name + " (" + moves.size() + ")";
        }
    }

    /** Point the site's federation route from the legacy Edge to the new one. */
    record RouteFederation(String id, String site, Fqdn pool, Phase phase, Fqdn from, Fqdn to) implements Step {
        public String title() {
            return "federation route of " + site + ": " + from + " -> " + to;
        }
    }

    /** Deactivate a drained legacy pool. The point of no return for that pool. */
    record Decommission(String id, String site, Fqdn pool, Phase phase, Fqdn target) implements Step {
        public String title() {
            return "decommission " + target;
        }
    }
}
