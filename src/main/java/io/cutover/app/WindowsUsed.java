package io.cutover.app;

import io.cutover.journal.Entry;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import io.cutover.schedule.ChangeWindows;
import io.cutover.schedule.SiteWindows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The change windows a run worked in, from its journal: each window of a site in which a change
 * (a move or another step that is not a gate) began. Sites that are always open have none.
 */
final class WindowsUsed {
    private WindowsUsed() {}

    static List<Rehearsal.WindowUsed> of(Plan plan, List<Entry> entries, ChangeWindows windows) {
        Map<String, Rehearsal.WindowUsed> used = new LinkedHashMap<>();
        for (Entry e : entries) {
            Optional<Step> step = plan.findStep(e.stepId());
            if (e.outcome() != null || step.isEmpty() || step.get() instanceof Step.Gate) {
                continue;
            }
            String site = step.get().site();
            Optional<SiteWindows> w = windows.of(site);
            Optional<Instant> closes = windows.closesAfter(site, e.at());
            if (w.isEmpty() || closes.isEmpty()) {
                continue;
            }
            used.computeIfAbsent(
                    site + " " + closes.get(),
                    k -> new Rehearsal.WindowUsed(
                            site, w.get().zone().getId(), opened(windows, site, e.at()), closes.get()));
        }
        List<Rehearsal.WindowUsed> list = new ArrayList<>(used.values());
        list.sort(Comparator.comparing(Rehearsal.WindowUsed::opened).thenComparing(Rehearsal.WindowUsed::site));
        return list;
    }

    /** When the window open at {@code t} opened: the first opening after the last closing before it. */
    private static Instant opened(ChangeWindows windows, String site, Instant t) {
        return windows.lastClosing(site, t)
                .flatMap(c -> windows.nextOpening(site, c))
                .filter(o -> !o.isAfter(t))
                .orElse(t);
    }
}
