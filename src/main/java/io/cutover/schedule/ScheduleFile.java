package io.cutover.schedule;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cutover.CutoverException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a windows file (YAML; see docs/windows.md and examples/contoso/windows.yaml). Strict: an
 * unknown key, a day that is no day, a time that is no time or a zone that is no zone is refused
 * with the file, the line and the field, and nothing is taken from a file that has one.
 */
public final class ScheduleFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ScheduleFile() {}

    /**
     * @param text the file's text
     * @param where the file's name, for messages
     * @throws CutoverException BAD_INPUT naming {@code where}, the line and the field
     */
    public static Schedule parse(String text, String where) {
        if (text.isBlank()) {
            return Schedule.NONE;
        }
        try {
            FileText f = YAML.readValue(text, FileText.class);
            if (f == null) {
                return Schedule.NONE;
            }
            return f.schedule();
        } catch (JsonProcessingException e) {
            throw io.cutover.YamlFault.of(text, where, e);
        }
    }

    /**
     * The file as written. {@code notifications} is the notifications section of the same
     * settings file: one file may carry windows, budgets and where notices go; that section is
     * read by the notifications reader, not here.
     */
    record FileText(
            Map<String, SiteText> sites,
            @JsonProperty("default") SiteText fallback,
            Boolean gatesAnytime,
            BudgetText budget,
            com.fasterxml.jackson.databind.JsonNode notifications) {
        Schedule schedule() {
            Map<String, SiteWindows> bySite = new LinkedHashMap<>();
            if (sites != null) {
                sites.forEach((name, s) -> bySite.put(name, s.siteWindows()));
            }
            ChangeWindows w = new ChangeWindows(
                    bySite, fallback == null ? null : fallback.siteWindows(), gatesAnytime == null || gatesAnytime);
            BudgetText b = budget == null ? new BudgetText(null, null) : budget;
            return new Schedule(w, BudgetText.of(b.pool()), BudgetText.of(b.site()));
        }
    }

    record SiteText(String zone, List<WindowText> windows, List<String> blackouts) {
        SiteText {
            if (zone == null) {
                throw new IllegalArgumentException("'zone' is missing: the site's time zone, e.g. Europe/Dublin");
            }
            ZoneId.of(zone);
            if (blackouts != null) {
                blackouts.forEach(LocalDate::parse);
            }
        }

        SiteWindows siteWindows() {
            return new SiteWindows(
                    ZoneId.of(zone),
                    windows == null
                            ? List.of()
                            : windows.stream().map(WindowText::window).toList(),
                    blackouts == null
                            ? Set.of()
                            : blackouts.stream().map(LocalDate::parse).collect(Collectors.toSet()));
        }
    }

    record WindowText(List<String> days, String from, String to) {
        WindowText {
            window(days, from, to);
        }

        Window window() {
            return window(days, from, to);
        }

        private static Window window(List<String> days, String from, String to) {
            if (days == null || from == null || to == null) {
                throw new IllegalArgumentException("a window needs 'days', 'from' and 'to'");
            }
            EnumSet<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
            days.forEach(d -> set.addAll(days(d)));
            return new Window(set, LocalTime.parse(from), LocalTime.parse(to));
        }

        /** "Sat", "Saturday", or a range "Mon-Fri". */
        private static Set<DayOfWeek> days(String text) {
            String[] ends = text.split("-", 2);
            DayOfWeek first = day(ends[0]);
            DayOfWeek last = ends.length == 2 ? day(ends[1]) : first;
            EnumSet<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
            for (DayOfWeek d = first; ; d = d.plus(1)) {
                set.add(d);
                if (d == last) {
                    return set;
                }
            }
        }

        private static DayOfWeek day(String text) {
            String t = text.strip().toUpperCase(Locale.ROOT);
            for (DayOfWeek d : DayOfWeek.values()) {
                if (d.name().equals(t) || d.name().substring(0, 3).equals(t)) {
                    return d;
                }
            }
            throw new IllegalArgumentException(
                    "'" + text + "' is not a day (Mon, Tue, ... or Monday, ..., or Mon-Fri)");
        }
    }

    record BudgetText(LimitText pool, LimitText site) {
        static ErrorBudget of(LimitText l) {
            return l == null ? ErrorBudget.NONE : l.budget();
        }
    }

    record LimitText(Integer failedPercent, Integer ofLast, Integer inARow) {
        LimitText {
            budget(failedPercent, ofLast, inARow);
        }

        ErrorBudget budget() {
            return budget(failedPercent, ofLast, inARow);
        }

        private static ErrorBudget budget(Integer failedPercent, Integer ofLast, Integer inARow) {
            if ((failedPercent == null) != (ofLast == null)) {
                throw new IllegalArgumentException("'failedPercent' and 'ofLast' go together");
            }
            return new ErrorBudget(
                    failedPercent == null ? 0 : failedPercent,
                    ofLast == null ? 0 : ofLast,
                    inARow == null ? 0 : inARow);
        }
    }
}
