package io.cutover.run;

import io.cutover.journal.Entry;
import io.cutover.plan.Step;
import io.cutover.schedule.ChangeWindows;
import io.cutover.schedule.SiteWindows;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a site's change window lets work start, and the hold when it does not. Steps that change
 * the deployment start only inside their site's window; gates may start outside when the windows
 * say {@code gatesAnytime}. Work already started is never cut: a move in flight when the window
 * closes finishes.
 */
final class WindowHolds {
    /** How instants are shown in a hold's reason, in the site's zone: "Mon 2026-11-30 23:30". */
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", Locale.ROOT);

    private WindowHolds() {}

    /** The hold when {@code step} may not start now; null when it may. */
    static RunOutcome.Held beforeStep(RunContext ctx, Step step) {
        ChangeWindows w = ctx.settings().schedule().windows();
        Instant now = ctx.clock().instant();
        boolean may = step instanceof Step.Gate ? w.gateMayRun(step.site(), now) : w.isOpen(step.site(), now);
        return may ? null : held(w, step.site(), step.id(), now);
    }

    /**
     * The hold when a slice of moves, whose BEGIN rows are written but not yet journaled, would
     * start outside the window (each row's own instant is checked, so no move is journaled as
     * begun after the window closed); null when all of them may start.
     */
    static RunOutcome.Held beforeMoves(RunContext ctx, Step step, List<Entry> begins) {
        ChangeWindows w = ctx.settings().schedule().windows();
        for (Entry b : begins) {
            if (!w.isOpen(step.site(), b.at())) {
                return held(w, step.site(), step.id(), b.at());
            }
        }
        return null;
    }

    /** The hold of {@code site}, closed at {@code t}, at step {@code stepId}. */
    static RunOutcome.Held held(ChangeWindows w, String site, String stepId, Instant t) {
        Optional<Instant> next = w.nextOpening(site, t);
        return new RunOutcome.Held(RunOutcome.Held.Why.WINDOW, reason(w, site, t), stepId, next.orElse(null));
    }

    /**
     * "site Dublin's change window closed at Mon 2026-11-30 23:30; the next opens at Tue 2026-12-01
     * 20:00 (Europe/Dublin)".
     */
    static String reason(ChangeWindows w, String site, Instant t) {
        ZoneId zone = w.of(site).map(SiteWindows::zone).orElse(ZoneId.of("UTC"));
        String closed = w.lastClosing(site, t)
                .map(c -> "site " + site + "'s change window closed at " + local(c, zone))
                .orElse("site " + site + " is outside its change windows");
        String next = w.nextOpening(site, t)
                .map(n -> "the next opens at " + local(n, zone))
                .orElse("no window opens within a year");
        return closed + "; " + next + " (" + zone + ")";
    }

    static String local(Instant t, ZoneId zone) {
        return LOCAL.format(t.atZone(zone));
    }
}
