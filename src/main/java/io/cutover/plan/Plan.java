package io.cutover.plan;

import java.util.List;
import java.util.Optional;

/**
 * A migration plan: the steps in the order they run, the users it leaves behind and the pools it
 * keeps, with reasons.
 *
 * @param source what the plan was made from (a scenario or inventory name)
 * @param checksum SHA-256 of the plan's canonical JSON without this field
 */
public record Plan(
        int format,
        String source,
        PlanOptions options,
        List<Step> steps,
        List<Retained> retained,
        List<KeptPool> kept,
        String checksum) {

    public static final int FORMAT = 1;

    public Plan {
        steps = List.copyOf(steps);
        retained = List.copyOf(retained);
        kept = List.copyOf(kept);
    }

    public Optional<Step> findStep(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public int indexOf(String stepId) {
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).id().equals(stepId)) {
                return i;
            }
        }
        return -1;
    }

    Plan withChecksum(String sum) {
        return new Plan(format, source, options, steps, retained, kept, sum);
    }
}
