package io.cutover.run;

import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import io.cutover.schedule.ChangeWindows;
import io.cutover.schedule.SiteWindows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The status lines of the sites' change windows at an instant. Pure: the instant is the caller's. */
public final class WindowLines {
    private WindowLines() {}

    /**
     * One line per site of the plan that has windows, in plan order.
     *
     * @param report the run's status, to tell which sites have work left
     * @param now the instant the lines describe
     */
    public static List<StatusReport.WindowLine> of(Plan plan, StatusReport report, ChangeWindows windows, Instant now) {
        Set<String> sites = new LinkedHashSet<>();
        plan.steps().stream().map(Step::site).forEach(sites::add);
        List<StatusReport.WindowLine> lines = new ArrayList<>();
        for (String site : sites) {
            windows.of(site).ifPresent(w -> lines.add(line(site, w, windows, report, now)));
        }
        return lines;
    }

    private static StatusReport.WindowLine line(
            String site, SiteWindows w, ChangeWindows windows, StatusReport report, Instant now) {
        boolean open = w.isOpen(now);
        Optional<Instant> next = open ? w.closesAfter(now) : w.nextOpening(now);
        boolean workLeft = report.phases().stream().anyMatch(p -> p.site().equals(site) && !"done".equals(p.state()));
        return new StatusReport.WindowLine(
                site,
                w.zone().getId(),
                open,
                next.map(t -> WindowHolds.local(t, w.zone())).orElse(null),
                next.map(Instant::toString).orElse(null),
                !open && workLeft ? WindowHolds.reason(windows, site, now) : null);
    }
}
