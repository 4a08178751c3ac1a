package io.cutover.journal;

import io.cutover.inventory.Fqdn;
import java.time.Instant;

/**
 * One journal row.
 *
 * @param seq the order of writing (0 before it is written)
 * @param item for a move step, the moved subject ("User:sip:ann@contoso.com"); else null
 * @param outcome null on a BEGIN row
 * @param from for a move, the pool it leaves; for a federation route, the Edge it leaves; else null
 * @param to for a move, the pool it goes to; for a federation route, the Edge it goes to; else null
 * @param detail free text for people, or JSON evidence for a gate
 */
public record Entry(
        long seq,
        String runId,
        String stepId,
        String item,
        Action action,
        int attempt,
        Event event,
        Outcome outcome,
        Fqdn from,
        Fqdn to,
        String detail,
        Instant at,
        String actor) {

    public static Entry begin(
            String runId,
            String stepId,
            String item,
            Action action,
            int attempt,
            Fqdn from,
            Fqdn to,
            String detail,
            Instant at,
            String actor) {
        return new Entry(0, runId, stepId, item, action, attempt, Event.BEGIN, null, from, to, detail, at, actor);
    }

    public Entry end(Outcome outcome, String detail, Instant at) {
        return new Entry(0, runId, stepId, item, action, attempt, Event.END, outcome, from, to, detail, at, actor);
    }
}
