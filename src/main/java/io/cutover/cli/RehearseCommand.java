package io.cutover.cli;

import io.cutover.app.Cutover;
import io.cutover.app.Rehearsal;
import io.cutover.app.Workspace;
import io.cutover.metrics.Meters;
import io.cutover.metrics.ScrapeEndpoint;
import io.cutover.run.VirtualTime;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "rehearse",
        mixinStandardHelpOptions = true,
        description =
                "Plan and run a whole migration end to end against a fresh lab (the bundled Contoso example by default) and summarise it.")
final class RehearseCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    NotifyOptions notifyOptions;

    @Mixin
    Common common;

    @Mixin
    PlanOptionsMixin planOptions;

    @Mixin
    RunOptions runOptions;

    @Mixin
    MetricsOptions metricsOptions;

    @Parameters(
            index = "0",
            arity = "0..1",
            paramLabel = "SCENARIO",
            description = "A lab scenario file (default: the bundled examples/contoso).")
    Path scenario;

    @Option(
            names = "--faults",
            paramLabel = "FILE",
            description = "A fault profile to inject into the lab before running.")
    Path faults;

    @Option(
            names = "--from",
            paramLabel = "DIR",
            description =
                    "Rehearse against a twin of the deployment this inventory folder describes (instead of a scenario).")
    Path from;

    @Option(
            names = "--windows",
            paramLabel = "FILE",
            description = "Keep to these change windows (docs/windows.md) in virtual time: a hold at a window's end"
                    + " jumps the clock to the next opening and the rehearsal goes on.")
    Path windows;

    @Option(
            names = "--start",
            paramLabel = "INSTANT",
            description = "Rehearse in virtual time from this instant (ISO-8601, e.g. 2026-12-07T00:00:00Z; default"
                    + " with --windows: now).")
    String start;

    @Option(
            names = "--virtual-move-time",
            paramLabel = "DURATION",
            defaultValue = "30s",
            description = "In virtual time, how long one move takes (30s, 2m, 1h, 500ms); --concurrency moves run at"
                    + " once, so each costs this divided by --concurrency (default: ${DEFAULT-VALUE}).")
    String moveTime;

    @Option(
            names = "--virtual-step-time",
            paramLabel = "DURATION",
            defaultValue = "5m",
            description = "In virtual time, how long every other change takes: deploy, federation route, decommission,"
                    + " a manual step (default: ${DEFAULT-VALUE}). Gates and reads take none.")
    String stepTime;

    @Override
    public Integer call() {
        if (from != null && scenario != null) {
            throw new io.cutover.CutoverException(
                    io.cutover.ErrorCode.BAD_INPUT, "give a SCENARIO or --from DIR, not both");
        }
        io.cutover.plan.PlanOptions options = planOptions.options();
        io.cutover.run.RunSettings settings = runOptions.settings(null);
        Clock clock = clock(settings.concurrency());
        Path dir = common.workspace;
        if (!spec.commandLine().getParseResult().hasMatchedOption("--workspace")) {
            // Each rehearsal gets a fresh workspace, kept so that status and rollback can look at it.
            String stamp = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
                    .withZone(ZoneOffset.UTC)
                    .format(Clock.systemUTC().instant());
            dir = common.workspace.resolve("rehearsals").resolve(stamp);
        }
        Meters meters = metricsOptions.meters();
        Workspace workspace = new Workspace(dir);
        common.rememberStoreIn(workspace);
        if (windows != null) {
            settings = settings.withSchedule(workspace.rememberWindows(windows)).withFollow(true);
        }
        Cutover cutover = new Cutover(workspace, clock, Common.actor(), "cli", meters);
        Rehearsal r;
        try (io.cutover.app.Notifications notices = notifyOptions.start(workspace);
                ScrapeEndpoint metrics =
                        metricsOptions.expose(meters, spec.commandLine().getErr());
                ProgressDisplay progress = ProgressDisplay.forTerminal(!common.json)) {
            r = from == null
                    ? cutover.rehearse(scenario, faults, options, settings, progress)
                    : cutover.rehearseFrom(from, faults, options, settings, progress);
        }
        PrintWriter w = spec.commandLine().getOut();
        if (common.json) {
            Printer.json(w, r);
        } else {
            print(w, r);
        }
        w.flush();
        return r.exitCode();
    }

    /** The real clock; a virtual one when the rehearsal keeps to windows or starts at a given instant. */
    private Clock clock(int concurrency) {
        if (windows == null && start == null) {
            return Clock.systemUTC();
        }
        Instant from = start == null ? Clock.systemUTC().instant() : VirtualDurations.instant("--start", start);
        return new VirtualTime(
                from,
                VirtualDurations.parse("--virtual-move-time", moveTime).dividedBy(concurrency),
                VirtualDurations.parse("--virtual-step-time", stepTime));
    }

    static void print(PrintWriter w, Rehearsal r) {
        w.printf("Rehearsal of %s -> %s%n", r.scenario(), r.target());
        w.printf("workspace: %s (inspect with `cutover status --workspace %s`)%n%n", r.workspace(), r.workspace());
        w.println("Phases per site and pool:");
        String site = null;
        for (Rehearsal.PoolPhases p : r.phases()) {
            if (!p.site().equals(site)) {
                site = p.site();
                w.println("  " + site);
            }
            w.println("    " + p.pool());
            w.println("      " + String.join(", ", p.phases()));
        }
        w.println();
        w.printf("Checks passed: %d of %d%n", r.checksPassed(), r.checksTotal());
        w.printf(
                "Users moved: %d of %d planned; %d retained%n",
                r.usersMoved(), r.usersPlanned(), r.retained().size());
        if (!r.retained().isEmpty()) {
            w.println("Retained users (stay on a legacy pool):");
            r.retained().forEach(u -> w.printf("  %s on %s: %s%n", u.sipAddress(), u.pool(), u.reason()));
        }
        w.println("Pools decommissioned after a passing drain check:");
        if (r.decommissioned().isEmpty()) {
            w.println("  (none)");
        }
        r.decommissioned().forEach(p -> w.println("  " + p));
        if (!r.kept().isEmpty()) {
            w.println("Pools kept:");
            r.kept().forEach(k -> w.printf("  %s: %s%n", k.pool(), k.reason()));
        }
        if (r.blocker() != null) {
            w.println();
            StatusText.printBlocker(w, r.blocker());
        }
        printWindows(w, r);
        w.println();
        w.printf("Outcome: %s (%s); wall time %.1f s%n", r.outcome(), r.message(), r.wallTimeMillis() / 1000.0);
    }

    private static void printWindows(PrintWriter w, Rehearsal r) {
        if (r.windows().isEmpty()) {
            return;
        }
        w.printf("Change windows used: %d%n", r.windowsUsed());
        DateTimeFormatter local = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm", java.util.Locale.ROOT);
        for (Rehearsal.WindowUsed u : r.windows()) {
            ZoneId zone = ZoneId.of(u.zone());
            w.printf(
                    "  %s: %s to %s (%s)%n",
                    u.site(),
                    local.format(u.opened().atZone(zone)),
                    local.format(u.closed().atZone(zone)),
                    zone);
        }
    }
}
