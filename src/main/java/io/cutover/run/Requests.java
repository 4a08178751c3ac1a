package io.cutover.run;

import io.cutover.journal.Control;
import io.cutover.journal.Journal;
import java.time.Instant;

/**
 * Asks a run to pause, resume or abort through the journal, which a running executor (in this
 * process or another) reads between steps.
 */
public final class Requests {
    private Requests() {}

    public static void request(Journal journal, String runId, Control.Request request, String actor, Instant at) {
        journal.request(runId, request, actor, at);
    }
}
