package io.cutover.schedule;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * A weekly change window: it opens at {@code from} on each of {@code days} and closes at {@code to},
 * on the next day when {@code to} is not after {@code from} (a night window, 22:00 to 06:00; 00:00
 * to 00:00 is the whole day).
 *
 * @param days the days it opens on, in the site's time zone; at least one
 * @param from local opening time
 * @param to local closing time
 * @throws IllegalArgumentException when no day is given
 */
public record Window(Set<DayOfWeek> days, LocalTime from, LocalTime to) {
    public Window {
        if (days == null || days.isEmpty()) {
            throw new IllegalArgumentException("a window needs at least one day");
        }
        if (from == null || to == null) {
            throw new IllegalArgumentException("a window needs 'from' and 'to' times");
        }
        days = Set.copyOf(EnumSet.copyOf(days));
    }

    /** Whether it closes on the day after it opens. */
    boolean crossesMidnight() {
        return !to.isAfter(from);
    }
}
