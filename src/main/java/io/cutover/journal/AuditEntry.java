package io.cutover.journal;

import java.time.Instant;

/**
 * One action a person took, as the audit log keeps it.
 *
 * @param channel where it came from: "cli" or "api"
 * @param target the step, run or pool acted on, or null
 * @param result "ok", "failed" (while acting), or "forbidden" (a viewer tried to act)
 */
public record AuditEntry(
        long seq,
        Instant at,
        String actor,
        String channel,
        String action,
        String target,
        String result,
        String detail) {}
