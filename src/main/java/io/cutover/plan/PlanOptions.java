package io.cutover.plan;

import java.util.List;

/**
 * What the admin chooses when planning.
 *
 * @param target the product name of the version to migrate to
 * @param pilotCount how many pilot users per legacy pool when no list is given (test users first)
 * @param pilotUsers an explicit pilot list (SIP addresses); overrides pilotCount when not empty
 * @param waveSizes production wave sizes, growing; the last size repeats until every user moved
 * @param validationSample how many users of each production wave are validated after it
 */
public record PlanOptions(String target, int pilotCount, List<String> pilotUsers, List<Integer> waveSizes, int validationSample) {
    public PlanOptions {
        pilotUsers = List.copyOf(pilotUsers);
        waveSizes = List.copyOf(waveSizes);
    }

    public static PlanOptions defaults(String target) {
        return new PlanOptions(target, 20, List.of(), List.of(100, 250, 500, 1000), 10);
    }
}
