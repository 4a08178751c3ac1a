package io.cutover.cli;

import io.cutover.assess.Assessment;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "assess",
        mixinStandardHelpOptions = true,
        description =
                "Read an inventory folder (written by the script of `cutover collect-script`, or by `cutover lab export`) and report "
                        + "readiness for the target: what is homed where, what can move, what blocks each legacy pool. Exit 0 when ready, "
                        + "3 when a finding has severity error, 2 when the folder cannot be read.")
final class AssessCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common common;

    @Parameters(index = "0", paramLabel = "FOLDER", description = "The inventory folder.")
    Path folder;

    @Option(
            names = "--target",
            paramLabel = "VERSION",
            defaultValue = TargetVersions.DEFAULT,
            description = TargetVersions.HELP)
    String target;

    @Option(
            names = "--html",
            paramLabel = "FILE",
            description = "Also write the report as one self-contained HTML file.")
    Path html;

    @Override
    public Integer call() {
        Assessment a = common.facade().assess(folder, target);
        if (html != null) {
            ReportFile.write(html, io.cutover.report.ReadinessPage.render(a));
        }
        PrintWriter w = spec.commandLine().getOut();
        if (common.json) {
            Printer.json(w, a);
        } else {
            print(w, a);
            if (html != null) {
                w.println("HTML report: " + html);
            }
        }
        w.flush();
        return a.ready() ? 0 : 3;
    }

    static void print(PrintWriter w, Assessment a) {
        w.printf("Readiness for %s (side by side): %s%n", a.target(), a.ready() ? "READY" : "NOT READY");
        w.printf(
                "%d sites, %d pools, %d users, %d objects; %d retained users%n",
                a.summary().sites(),
                a.summary().pools(),
                a.summary().users(),
                a.summary().objects(),
                a.retained().size());
        if (a.summary().online() + a.summary().unassigned() + a.summary().disabled() > 0) {
            // Users no move concerns (no RegistrarPool) and users no probe may take (disabled).
            w.printf(
                    "users without a RegistrarPool: online %d, unassigned %d (never moved); disabled users: %d"
                            + " (moved, never pilots or probe subjects)%n",
                    a.summary().online(), a.summary().unassigned(), a.summary().disabled());
        }
        w.println();
        w.printf(
                "%-12s %-34s %-14s %-32s %7s %7s  %s%n",
                "SITE", "POOL", "ROLE", "VERSION", "USERS", "OBJECTS", "CAN GO / BLOCKED TODAY BY");
        for (Assessment.PoolReport p : a.pools()) {
            int objects =
                    p.objects().values().stream().mapToInt(Integer::intValue).sum();
            StringBuilder why = new StringBuilder(
                    p.legacy() ? (p.decommissionable() ? "can go after the moves" : "stays") : "target/current");
            for (Assessment.Blocker b : p.blockers()) {
                why.append("; ").append(b.code().json());
                if (b.count() != null) {
                    why.append(' ').append(b.count());
                }
                if (b.by() != null) {
                    why.append(' ').append(b.by());
                }
            }
            w.printf(
                    "%-12s %-34s %-14s %-32s %7d %7d  %s%n",
                    p.site(), p.fqdn(), p.role(), p.version(), p.users(), objects, why);
        }
        w.println();
        if (a.findings().isEmpty()) {
            w.println("Findings: none");
        } else {
            w.println("Findings:");
            for (Assessment.Finding f : a.findings()) {
                w.printf("  %-7s %-32s %s: %s%n", f.severity().json(), f.code().json(), f.subject(), f.message());
            }
        }
        if (!a.retained().isEmpty()) {
            w.println();
            w.println("Retained users (stay on a legacy pool):");
            int shown = 0;
            for (Assessment.RetainedUser r : a.retained()) {
                if (shown++ == 50) {
                    w.printf(
                            "  ... and %d more (see --json or --html)%n",
                            a.retained().size() - 50);
                    break;
                }
                w.printf("  %s on %s: %s%n", r.sipAddress(), r.pool(), String.join(", ", r.features()));
            }
        }
    }
}
