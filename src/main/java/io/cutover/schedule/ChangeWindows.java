package io.cutover.schedule;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The change windows of a migration: per site, and a default for sites not named. A site with no
 * windows of its own and no default is always open, as without a windows file.
 *
 * @param sites windows by site name (as the plan names sites, case as written)
 * @param fallback the windows of every site not in {@code sites}; null when there is none
 * @param gatesAnytime whether gates (checks that change nothing) may run outside windows
 */
public record ChangeWindows(Map<String, SiteWindows> sites, SiteWindows fallback, boolean gatesAnytime) {
    /** No windows at all: every site always open. */
    public static final ChangeWindows ALWAYS = new ChangeWindows(Map.of(), null, true);

    public ChangeWindows {
        sites = Map.copyOf(sites);
    }

    /** The windows that govern {@code site}; empty when it is always open. */
    public Optional<SiteWindows> of(String site) {
        return Optional.ofNullable(sites.getOrDefault(site, fallback));
    }

    /** Whether moves may start at {@code site} at {@code t}. */
    public boolean isOpen(String site, Instant t) {
        return of(site).map(w -> w.isOpen(t)).orElse(true);
    }

    /** Whether a gate may run at {@code site} at {@code t}. */
    public boolean gateMayRun(String site, Instant t) {
        return gatesAnytime || isOpen(site, t);
    }

    /** When {@code site} next opens, at or after {@code t}; empty when it never does within a year. */
    public Optional<Instant> nextOpening(String site, Instant t) {
        return of(site).map(w -> w.nextOpening(t)).orElse(Optional.of(t));
    }

    /** When {@code site}'s last window closed, at or before {@code t}; empty when it is always open or none did within a week. */
    public Optional<Instant> lastClosing(String site, Instant t) {
        return of(site).flatMap(w -> w.lastClosing(t));
    }

    /** When the window open at {@code site} at {@code t} closes; empty when none is open or the site is always open. */
    public Optional<Instant> closesAfter(String site, Instant t) {
        return of(site).flatMap(w -> w.closesAfter(t));
    }
}
