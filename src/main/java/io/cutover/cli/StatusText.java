package io.cutover.cli;

import io.cutover.run.StatusReport;
import io.cutover.shell.SessionHealth;
import java.io.PrintWriter;
import java.util.List;

/** Renders a status report for people. */
final class StatusText {
    private StatusText() {}

    static void print(PrintWriter w, StatusReport s) {
        w.printf(
                "Run %s (plan %s): %s%s%n",
                s.runId(),
                s.planChecksum().substring(0, 12),
                s.state().json(),
                s.heldBy() == null ? "" : " (held by " + s.heldBy() + ")");
        w.printf(
                "steps %d/%d; users moved %d/%d; objects moved %d/%d%s%n",
                s.stepsDone(),
                s.stepsTotal(),
                s.usersMoved(),
                s.usersPlanned(),
                s.objectsMoved(),
                s.objectsPlanned(),
                s.usersRolledBack() > 0 ? "; users rolled back " + s.usersRolledBack() : "");
        if (s.movesPerSecond() != null) {
            w.printf(
                    "rate %.0f moves/s%s%n",
                    s.movesPerSecond(),
                    s.etaSeconds() == null || s.etaSeconds() == 0 ? "" : "; ETA " + eta(s.etaSeconds()));
        }
        if (s.nextStep() != null) {
            w.println("next step: " + s.nextStep());
        }
        w.println();
        w.printf("%-10s %-30s %-16s %-12s %-14s %s%n", "SITE", "POOL", "PHASE", "STEPS", "ITEMS", "STATE");
        for (StatusReport.PhaseLine p : s.phases()) {
            String items = p.itemsTotal() == 0
                    ? ""
                    : p.itemsDone() + "/" + p.itemsTotal()
                            + (p.itemsUndone() > 0 ? " (" + p.itemsUndone() + " back)" : "");
            w.printf(
                    "%-10s %-30s %-16s %-12s %-14s %s%n",
                    p.site(),
                    p.pool() == null ? "(site)" : p.pool(),
                    p.phase(),
                    p.stepsDone() + "/" + p.stepsTotal(),
                    items,
                    p.state());
        }
        if (!s.pools().isEmpty()) {
            w.println();
            w.printf(
                    "%-10s %-30s %-10s %-32s %-15s %7s %7s%n",
                    "SITE", "POOL NOW", "ROLE", "VERSION", "STATE", "USERS", "OBJECTS");
            for (StatusReport.PoolLine p : s.pools()) {
                w.printf(
                        "%-10s %-30s %-10s %-32s %-15s %7d %7d%n",
                        p.site(), p.fqdn(), p.role(), p.version(), p.state(), p.users(), p.objects());
            }
        }
        printRetained(w, s.retained());
        printManual(w, s.manual());
        printInstances(w, s.instances());
        printBudgetHold(w, s.budgetHold());
        printWindows(w, s.windows());
        if (s.blocker() != null) {
            w.println();
            printBlocker(w, s.blocker());
        }
        w.flush();
    }

    /** Users the plan leaves on a legacy pool, with why; the first few, the rest in `plan --explain`. */
    private static void printRetained(PrintWriter w, List<StatusReport.RetainedLine> retained) {
        if (retained.isEmpty()) {
            return;
        }
        w.println();
        w.printf("retained on a legacy pool: %d users%n", retained.size());
        retained.stream().limit(20).forEach(r -> w.printf("  %s on %s: %s%n", r.sipAddress(), r.pool(), r.reason()));
        if (retained.size() > 20) {
            w.printf("  ... and %d more (`cutover plan --explain`)%n", retained.size() - 20);
        }
    }

    /** The shell sessions of the last shell run, when there was one. */
    static void printSessions(PrintWriter w, List<SessionHealth> sessions) {
        if (sessions.isEmpty()) {
            return;
        }
        w.println();
        w.printf(
                "%-16s %-12s %8s %8s %8s  %-30s %s%n",
                "SHELL SESSION", "STATE", "PID", "SCRIPTS", "REPLACED", "POOLS", "LAST PROBLEM");
        for (SessionHealth h : sessions) {
            w.printf(
                    "%-16s %-12s %8s %8d %8d  %-30s %s%n",
                    h.name(),
                    h.state(),
                    h.pid() == 0 ? "-" : Long.toString(h.pid()),
                    h.scripts(),
                    h.replaced(),
                    h.pools().isEmpty() ? "any" : String.join(",", h.pools()),
                    h.lastProblem() == null ? "" : h.lastProblem());
        }
        w.flush();
    }

    /** The plan's manual steps: what a person does, and whether it awaits approval, is verified, ... */
    private static void printManual(PrintWriter w, List<StatusReport.ManualLine> manual) {
        if (manual.isEmpty()) {
            return;
        }
        w.println();
        w.printf("%-24s %-14s %-56s %s%n", "MANUAL STEP STATE", "APPROVED BY", "STEP", "WHAT A PERSON DOES");
        for (StatusReport.ManualLine m : manual) {
            w.printf(
                    "%-24s %-14s %-56s %s%n",
                    m.state(), m.approvedBy() == null ? "-" : m.approvedBy(), m.stepId(), m.instruction());
        }
    }

    private static void printInstances(PrintWriter w, java.util.List<StatusReport.InstanceLine> instances) {
        if (instances.isEmpty()) {
            return;
        }
        w.println();
        w.printf(
                "%-20s %8s %-12s %-20s %-32s %-7s %s%n",
                "HOST", "PROCESS", "ACTOR", "SITES", "LAST HEARTBEAT", "STATE", "UNITS");
        for (StatusReport.InstanceLine i : instances) {
            w.printf(
                    "%-20s %8d %-12s %-20s %-32s %-7s %s%n",
                    i.host(),
                    i.pid(),
                    i.actor(),
                    i.sites().isEmpty() ? "(all)" : String.join(",", i.sites()),
                    i.lastHeartbeat(),
                    i.state(),
                    i.units().isEmpty() ? "-" : String.join(" ", i.units()));
        }
    }

    /** Which error budget holds the run, with its figures and the failed moves it counted. */
    static void printBudgetHold(PrintWriter w, StatusReport.BudgetLine h) {
        if (h == null) {
            return;
        }
        w.println();
        w.printf("Held at %s since %s: error budget of %s %s%n", h.stepId(), h.heldAt(), h.budget(), h.scope());
        w.printf("  %s%n", h.reason());
        w.printf("  %d of the last %d moves of the %s failed:%n", h.failed(), h.considered(), h.budget());
        h.failures().stream().limit(10).forEach(f -> w.println("    " + f));
        if (h.failures().size() > 10) {
            w.println("    ... and " + (h.failures().size() - 10) + " more (--json lists all)");
        }
        w.println("  Review, then `cutover run --resume` goes on; failures before the resume count no more.");
    }

    private static void printWindows(PrintWriter w, List<StatusReport.WindowLine> windows) {
        if (windows.isEmpty()) {
            return;
        }
        w.println();
        w.printf("%-10s %-7s %-34s %s%n", "SITE", "WINDOW", "NEXT", "ZONE");
        for (StatusReport.WindowLine l : windows) {
            String next = l.next() == null ? "none within a year" : (l.open() ? "closes " : "opens ") + l.next();
            w.printf("%-10s %-7s %-34s %s%n", l.site(), l.open() ? "open" : "closed", next, l.zone());
        }
        windows.stream().filter(l -> l.held() != null).forEach(l -> w.println("Holds: " + l.held()));
    }

    static void printBlocker(PrintWriter w, StatusReport.Blocker b) {
        w.printf("Stopped at %s %s (%s)%n", b.kind().json(), b.stepId(), b.title());
        b.checks().forEach(c -> w.println("  failed check: " + c));
        if (!b.subjects().isEmpty()) {
            w.println("  subjects: " + String.join(", ", b.subjects()));
        }
        b.details().stream().limit(30).forEach(d -> w.println("  " + d));
        if (b.details().size() > 30) {
            w.println("  ... and " + (b.details().size() - 30) + " more (--json lists all)");
        }
    }

    private static String eta(long seconds) {
        return seconds >= 3600
                ? String.format("%dh%02dm", seconds / 3600, (seconds % 3600) / 60)
                : seconds >= 60 ? String.format("%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
    }
}
