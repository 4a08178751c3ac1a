package io.cutover.plan;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.util.Arrays;

/** The phases of the side-by-side method (domain.md section 2), in the order a pool walks them. */
public enum Phase {
    Prepare,
    Coexistence,
    Pilot,
    PilotValidation,
    Edge,
    Federation,
    Production,
    Objects,
    Cms,
    /**
     * A step a person does in the deployment (re-associate a branch appliance, remove an XMPP route):
     * the run waits for a person's approval, then verifies it from the deployment.
     */
    Manual,
    Drain,
    Decommission;

    public static Phase parse(String text) {
        return Arrays.stream(values())
                .filter(p -> p.name().equalsIgnoreCase(text.trim().replace("-", "")))
                .findFirst()
                .orElseThrow(() -> new CutoverException(
                        ErrorCode.UNKNOWN_PHASE, "unknown phase '" + text + "'; phases: " + Arrays.toString(values())));
    }
}
