package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the admin chooses when planning.
 *
 * @param target the product name of the version to migrate to
 * @param pilotCount how many pilot users per legacy pool when no list is given (test users first)
 * @param pilotUsers an explicit pilot list (SIP addresses); overrides pilotCount when not empty
 * @param waveSizes production wave sizes, growing; the last size repeats until every user moved
 * @param validationSample how many users of each production wave are validated after it
 * @param approveGates the phases whose gates, once their checks pass, also wait for a person's
 *     approval; left out of the JSON when empty so that plans made without it keep their checksum
 * @param oldClients what happens to users whose last client cannot sign in to the target: held
 *     back (the default, left out of the JSON) or moved with a failing gate
 */
public record PlanOptions(
        String target,
        int pilotCount,
        List<String> pilotUsers,
        List<Integer> waveSizes,
        int validationSample,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Phase> approveGates,

        @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = OldClients.DefaultFilter.class)
        OldClients oldClients) {
    public PlanOptions {
        pilotUsers = List.copyOf(pilotUsers);
        waveSizes = List.copyOf(waveSizes);
        approveGates = approveGates == null ? List.of() : List.copyOf(new java.util.TreeSet<>(approveGates));
        oldClients = oldClients == null ? OldClients.HOLD : oldClients;
    }

    public PlanOptions(
            String target,
            int pilotCount,
            List<String> pilotUsers,
            List<Integer> waveSizes,
            int validationSample,
            List<Phase> approveGates) {
        this(target, pilotCount, pilotUsers, waveSizes, validationSample, approveGates, OldClients.HOLD);
    }

    public PlanOptions(
            String target, int pilotCount, List<String> pilotUsers, List<Integer> waveSizes, int validationSample) {
        this(target, pilotCount, pilotUsers, waveSizes, validationSample, List.of());
    }

    public PlanOptions withApproveGates(List<Phase> phases) {
        return new PlanOptions(target, pilotCount, pilotUsers, waveSizes, validationSample, phases, oldClients);
    }

    public PlanOptions withOldClients(OldClients mode) {
        return new PlanOptions(target, pilotCount, pilotUsers, waveSizes, validationSample, approveGates, mode);
    }

    /**
     * Whether this step is a gate that waits for a person's approval: after its checks pass, or for
     * a manual step (always) before its checks verify what the person did.
     */
    public boolean needsApproval(Step step) {
        return step instanceof Step.Gate && (approveGates.contains(step.phase()) || step.phase() == Phase.Manual);
    }

    public static PlanOptions defaults(String target) {
        return new PlanOptions(target, 20, List.of(), List.of(100, 250, 500, 1000), 10);
    }
}
