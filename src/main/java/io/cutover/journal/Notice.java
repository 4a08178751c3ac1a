package io.cutover.journal;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Something people responsible for a migration are told of, by webhook and email.
 *
 * @param key de-duplicates: one event is one notice however often it is written (a gate's attempt,
 *     {@code gate.failed/<run>/<gate>/<attempt>}); receivers see it as the payload's {@code id}
 * @param title one line, e.g. "Gate Redmond/.../pilot-validation failed"
 * @param lines what happened, one line each (failures, users named), bounded by the writer
 */
public record Notice(String key, NoticeKind kind, String runId, Instant at, String title, List<String> lines) {
    /** Lines kept per notice: enough to act on, small enough for a chat message. */
    public static final int MAX_LINES = 20;

    public Notice {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(title, "title");
        if (lines.size() > MAX_LINES) {
            List<String> kept = new java.util.ArrayList<>(lines.subList(0, MAX_LINES - 1));
            kept.add("... and " + (lines.size() - MAX_LINES + 1) + " more");
            lines = kept;
        }
        lines = List.copyOf(lines);
    }
}
