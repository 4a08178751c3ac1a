package io.cutover.journal;

import java.time.Instant;

/** An operator's request to a run: pause, resume or abort. */
public record Control(long seq, String runId, Request request, String actor, Instant at) {
    public enum Request {
        PAUSE,
        RESUME,
        ABORT
    }
}
