package io.cutover.journal;

import java.time.Instant;

/**
 * One action a person took, as the audit log keeps it.
 *
 * @param channel where it came from: "cli" or "api"
 * @param target the step, run or pool acted on, or null
 * @param result "ok", "failed" (while acting), or "forbidden" (a viewer tried to act)
 * @param attempts how many identical attempts this row stands for: 1, or more for forbidden ones
 *     repeated by the same person within the minute of {@code at}
 */
public record AuditEntry(
        long seq,
        Instant at,
        String actor,
        String channel,
        String action,
        String target,
        String result,
        String detail,
        int attempts) {
    /** One action, as every row but a repeated forbidden attempt is. */
    public AuditEntry(
            long seq,
            Instant at,
            String actor,
            String channel,
            String action,
            String target,
            String result,
            String detail) {
        this(seq, at, actor, channel, action, target, result, detail, 1);
    }
}
