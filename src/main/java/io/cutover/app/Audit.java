package io.cutover.app;

import io.cutover.CutoverException;
import io.cutover.journal.AuditEntry;
import io.cutover.run.AuditTrail;
import java.util.List;
import java.util.function.Function;

/** The audit log: every action people take, with how it went, and reading it back. */
final class Audit {
    private final Context c;

    Audit(Context c) {
        this.c = c;
    }

    /**
     * Runs an action in one session and writes its audit row there: "ok", or "failed" when it
     * failed while acting.
     */
    <T> T audited(String action, String target, Function<Session, T> body) {
        try (Session s = c.session()) {
            try {
                T result = body.apply(s);
                write(s, action, target, "ok", null);
                return result;
            } catch (CutoverException e) {
                // Refused as bad input, an action changes nothing, not even the audit log; one that
                // failed while acting is recorded.
                if (e.code().exitCode() != 2) {
                    write(s, action, target, "failed", e.code() + ": " + e.getMessage());
                }
                throw e;
            } catch (RuntimeException e) {
                write(s, action, target, "failed", String.valueOf(e));
                throw e;
            }
        }
    }

    /** Records an action this actor was not allowed to take, counting repeats within the minute. */
    void forbidden(String action, String detail) {
        try (Session s = c.session()) {
            AuditTrail.recordForbidden(s.journal(), c.clock().instant(), c.actor(), c.channel(), action, detail);
        }
    }

    /** The latest {@code limit} actions, newest first; none when there is no journal yet. */
    List<AuditEntry> latest(int limit) {
        try (Session s = c.session()) {
            return s.hasJournal() ? s.journal().auditLog(limit) : List.of();
        }
    }

    private void write(Session s, String action, String target, String result, String detail) {
        if (!s.hasJournal()) {
            // No migration here at all: there is no audit log to write to, and creating a journal
            // for a refused action would leave state behind.
            return;
        }
        AuditTrail.record(s.journal(), c.clock().instant(), c.actor(), c.channel(), action, target, result, detail);
    }
}
