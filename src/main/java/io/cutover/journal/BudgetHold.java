package io.cutover.journal;

import java.time.Instant;
import java.util.List;

/**
 * A run held because an error budget ran out (table {@code budget_hold}).
 *
 * @param sinceSeq the journal row after which move outcomes were counted toward the budgets
 * @param stepId the step the run holds at
 * @param budget "pool" or "site"
 * @param scope the legacy pool's FQDN or the site's name
 * @param failed the failed moves among the {@code considered} last ones of that pool or site
 * @param reason the sentence people read, e.g. "pool fe01.dublin.contoso.com: 7 of the last 50
 *     moves failed, more than 10 % (budget)"
 * @param failures the failed moves counted, one per line ("User:sip:ann@contoso.com: why"), oldest
 *     first
 * @param resumedAt when an operator resumed the run (null while it holds)
 */
public record BudgetHold(
        String runId,
        long sinceSeq,
        String stepId,
        String budget,
        String scope,
        int failed,
        int considered,
        String reason,
        List<String> failures,
        Instant heldAt,
        String actor,
        Instant resumedAt,
        String resumedBy) {
    public BudgetHold {
        failures = List.copyOf(failures);
    }

    /** Whether the run still holds: nobody has resumed it since. */
    public boolean active() {
        return resumedAt == null;
    }
}
