package io.cutover.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChangeWindowsTest {
    private static final ZoneId DUBLIN = ZoneId.of("Europe/Dublin");

    private static Instant dublin(String localDateTime) {
        return ZonedDateTime.of(java.time.LocalDateTime.parse(localDateTime), DUBLIN)
                .toInstant();
    }

    private static SiteWindows nights(Set<LocalDate> blackouts) {
        // Friday and Saturday nights, 22:00 to 04:00 the next morning.
        return new SiteWindows(
                DUBLIN,
                List.of(new Window(
                        Set.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY), LocalTime.of(22, 0), LocalTime.of(4, 0))),
                blackouts);
    }

    @Test
    void a_night_window_is_open_after_midnight_on_the_day_after_it_opened() {
        SiteWindows w = nights(Set.of());
        // 2026-12-04 is a Friday.
        assertThat(w.isOpen(dublin("2026-12-04T21:59"))).isFalse();
        assertThat(w.isOpen(dublin("2026-12-04T22:00"))).isTrue();
        assertThat(w.isOpen(dublin("2026-12-05T03:59"))).isTrue();
        assertThat(w.isOpen(dublin("2026-12-05T04:00"))).isFalse();
        assertThat(w.isOpen(dublin("2026-12-06T02:00"))).isTrue();
        assertThat(w.isOpen(dublin("2026-12-07T02:00"))).isFalse();
    }

    @Test
    void the_next_opening_is_the_next_window_start_in_the_sites_zone() {
        SiteWindows w = nights(Set.of());

        assertThat(w.nextOpening(dublin("2026-12-02T10:00"))).hasValue(dublin("2026-12-04T22:00"));
        assertThat(w.nextOpening(dublin("2026-12-04T23:00"))).hasValue(dublin("2026-12-04T23:00"));
    }

    @Test
    void the_last_closing_is_the_end_of_the_latest_window_before_the_instant() {
        SiteWindows w = nights(Set.of());

        // Monday: Saturday night's window closed on Sunday at 04:00.
        assertThat(w.lastClosing(dublin("2026-12-07T10:00"))).hasValue(dublin("2026-12-06T04:00"));
        assertThat(w.lastClosing(dublin("2026-12-06T04:00"))).hasValue(dublin("2026-12-06T04:00"));
        // Inside Saturday night's window, the last one to close was Friday night's.
        assertThat(w.lastClosing(dublin("2026-12-06T01:00"))).hasValue(dublin("2026-12-05T04:00"));
        assertThat(new SiteWindows(DUBLIN, List.of(), Set.of()).lastClosing(dublin("2026-12-07T10:00")))
                .isEmpty();
    }

    @Test
    void a_window_opening_on_a_blackout_date_does_not_open_at_all() {
        SiteWindows w = nights(Set.of(LocalDate.of(2026, 12, 25)));
        // 2026-12-25 is a Friday: its night is cancelled, Saturday's opens.
        assertThat(w.isOpen(dublin("2026-12-25T23:00"))).isFalse();
        assertThat(w.isOpen(dublin("2026-12-26T01:00"))).isFalse();
        assertThat(w.nextOpening(dublin("2026-12-25T12:00"))).hasValue(dublin("2026-12-26T22:00"));
    }

    @Test
    void windows_that_touch_close_together_at_the_last_ones_end() {
        SiteWindows w = new SiteWindows(
                DUBLIN,
                List.of(
                        new Window(Set.of(DayOfWeek.SATURDAY), LocalTime.of(8, 0), LocalTime.of(12, 0)),
                        new Window(Set.of(DayOfWeek.SATURDAY), LocalTime.of(12, 0), LocalTime.of(18, 0))),
                Set.of());

        assertThat(w.closesAfter(dublin("2026-12-05T09:00"))).hasValue(dublin("2026-12-05T18:00"));
        assertThat(w.closesAfter(dublin("2026-12-05T19:00"))).isEmpty();
    }

    @Test
    void local_times_follow_daylight_saving() {
        SiteWindows w = new SiteWindows(
                DUBLIN,
                List.of(new Window(Set.of(DayOfWeek.SATURDAY), LocalTime.of(8, 0), LocalTime.of(9, 0))),
                Set.of());
        // 08:00 in Dublin is 08:00 UTC in winter and 07:00 UTC in summer.
        assertThat(w.isOpen(Instant.parse("2026-12-05T08:30:00Z"))).isTrue();
        assertThat(w.isOpen(Instant.parse("2026-07-04T07:30:00Z"))).isTrue();
        assertThat(w.isOpen(Instant.parse("2026-07-04T08:30:00Z"))).isFalse();
    }

    @Test
    void a_site_without_windows_of_its_own_follows_the_default_and_without_one_is_always_open() {
        SiteWindows closedAlways = new SiteWindows(DUBLIN, List.of(), Set.of());
        Instant t = dublin("2026-12-02T10:00");

        assertThat(new ChangeWindows(Map.of(), closedAlways, false).isOpen("Tacoma", t))
                .isFalse();
        assertThat(new ChangeWindows(Map.of(), null, false).isOpen("Tacoma", t)).isTrue();
        assertThat(new ChangeWindows(Map.of("Dublin", closedAlways), null, false).isOpen("Tacoma", t))
                .isTrue();
        assertThat(new ChangeWindows(Map.of("Dublin", closedAlways), null, true).gateMayRun("Dublin", t))
                .isTrue();
        assertThat(new ChangeWindows(Map.of("Dublin", closedAlways), null, false).gateMayRun("Dublin", t))
                .isFalse();
        assertThat(closedAlways.nextOpening(t)).isEmpty();
    }
}
