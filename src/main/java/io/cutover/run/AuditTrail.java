package io.cutover.run;

import io.cutover.journal.AuditEntry;
import io.cutover.journal.Journal;
import java.time.Instant;

/** Writes the audit log: who did what, from where, and how it went. */
public final class AuditTrail {
    private AuditTrail() {}

    /**
     * @param channel where the action came from ("cli", "api")
     * @param result "ok" or "failed"
     * @param detail why it failed, or null
     */
    public static void record(
            Journal journal,
            Instant at,
            String actor,
            String channel,
            String action,
            String target,
            String result,
            String detail) {
        journal.audit(new AuditEntry(0, at, actor, channel, action, target, result, detail));
    }

    /**
     * Records a forbidden attempt; the same attempt again by the same actor within the minute adds
     * to that row's count rather than writing another, so a hammering client cannot flood the log.
     */
    public static void recordForbidden(
            Journal journal, Instant at, String actor, String channel, String action, String detail) {
        journal.auditCounted(new AuditEntry(0, at, actor, channel, action, null, "forbidden", detail));
    }
}
