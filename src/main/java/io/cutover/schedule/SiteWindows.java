package io.cutover.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One site's change windows. A window that opens on a blackout date does not open at all (a night
 * window opening on Christmas Eve is cancelled as a whole, not cut at midnight).
 *
 * @param zone the site's time zone; windows are local times there, daylight saving included
 * @param windows the weekly windows; none means the site is never open
 * @param blackouts local dates on which no window opens
 */
public record SiteWindows(ZoneId zone, List<Window> windows, Set<LocalDate> blackouts) {
    /** How far ahead the next opening is looked for: beyond a year it is taken as never. */
    private static final int HORIZON_DAYS = 400;

    public SiteWindows {
        windows = List.copyOf(windows);
        blackouts = Set.copyOf(blackouts);
    }

    /** Whether a window is open at {@code t}. */
    public boolean isOpen(Instant t) {
        return openSpan(t).isPresent();
    }

    /**
     * When the open window around {@code t} closes; empty when none is open. Windows that overlap or
     * touch count as one: the run holds only when the last of them closes.
     */
    public Optional<Instant> closesAfter(Instant t) {
        Optional<Span> span = openSpan(t);
        if (span.isEmpty()) {
            return Optional.empty();
        }
        Instant end = span.get().end();
        for (Optional<Span> next = openSpan(end); next.isPresent(); next = openSpan(end)) {
            if (!next.get().end().isAfter(end)) {
                break;
            }
            end = next.get().end();
        }
        return Optional.of(end);
    }

    /** The first instant at or after {@code t} when a window is open; empty when none opens within a year. */
    public Optional<Instant> nextOpening(Instant t) {
        if (isOpen(t)) {
            return Optional.of(t);
        }
        LocalDate day = t.atZone(zone).toLocalDate();
        Instant best = null;
        for (int i = 0; i <= HORIZON_DAYS && best == null; i++) {
            for (Span s : spansOpeningOn(day.plusDays(i))) {
                if (s.start().isAfter(t) && (best == null || s.start().isBefore(best))) {
                    best = s.start();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * When the last window that closed at or before {@code t} closed, looking back a week; empty
     * when none did (a site whose windows are all further back, or that has none).
     */
    public Optional<Instant> lastClosing(Instant t) {
        LocalDate today = t.atZone(zone).toLocalDate();
        Instant best = null;
        for (int i = 0; i <= 8; i++) {
            for (Span s : spansOpeningOn(today.minusDays(i))) {
                if (!s.end().isAfter(t) && (best == null || s.end().isAfter(best))) {
                    best = s.end();
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private Optional<Span> openSpan(Instant t) {
        LocalDate today = t.atZone(zone).toLocalDate();
        for (LocalDate d : List.of(today.minusDays(1), today)) {
            for (Span s : spansOpeningOn(d)) {
                if (!t.isBefore(s.start()) && t.isBefore(s.end())) {
                    return Optional.of(s);
                }
            }
        }
        return Optional.empty();
    }

    private List<Span> spansOpeningOn(LocalDate day) {
        if (blackouts.contains(day)) {
            return List.of();
        }
        return windows.stream()
                .filter(w -> w.days().contains(day.getDayOfWeek()))
                .map(w -> new Span(
                        ZonedDateTime.of(day, w.from(), zone).toInstant(),
                        ZonedDateTime.of(w.crossesMidnight() ? day.plusDays(1) : day, w.to(), zone)
                                .toInstant()))
                .toList();
    }

    private record Span(Instant start, Instant end) {}
}
