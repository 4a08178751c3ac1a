package io.cutover.cli;

import io.cutover.lab.Fault;
import io.cutover.lab.LabSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "lab",
        mixinStandardHelpOptions = true,
        description =
                "The emulated deployment every command targets by default: create it from a scenario, inspect it, inject or clear faults, run the coexistence matrix over SIP, serve it to SIP clients.",
        subcommandsRepeatable = false,
        subcommands = {LabMatrixCommand.class, LabServeCommand.class})
final class LabCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create the workspace's lab from a scenario file (default: the bundled Contoso example).")
    int create(@Mixin Common common, @Parameters(arity = "0..1", paramLabel = "SCENARIO") Path scenario) {
        return print(common, common.facade().labCreate(scenario));
    }

    @Command(
            name = "inspect",
            mixinStandardHelpOptions = true,
            description = "Show the lab's pools, what is homed on each, routes, CMS and faults.")
    int inspect(@Mixin Common common) {
        return print(common, common.facade().labInspect());
    }

    @Command(
            name = "inject",
            mixinStandardHelpOptions = true,
            description = "Inject the faults of a fault profile file (see examples/contoso/faults-pilot.yaml).")
    int inject(@Mixin Common common, @Parameters(paramLabel = "FAULTS") Path faults) {
        return print(common, common.facade().labInject(faults));
    }

    @Command(name = "clear", mixinStandardHelpOptions = true, description = "Remove every injected fault.")
    int clear(@Mixin Common common) {
        return print(common, common.facade().labClear());
    }

    @Command(
            name = "export",
            mixinStandardHelpOptions = true,
            description =
                    "Write the lab as an inventory folder, the same folder the collect script writes from a real deployment.")
    int export(
            @Mixin Common common,
            @Parameters(paramLabel = "DIR", description = "A new (or empty) directory.") Path dir) {
        io.cutover.app.Results.LabExportResult r = common.facade().labExport(dir);
        PrintWriter w = spec.commandLine().getOut();
        if (common.json) {
            Printer.json(w, r);
        } else {
            w.printf(
                    "Inventory folder %s: %d sites, %d pools, %d users, %d objects; %d servers did not answer%n",
                    r.folder(), r.sites(), r.pools(), r.users(), r.objects(), r.unansweredServers());
        }
        w.flush();
        return 0;
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = "Create the workspace's lab as the twin of the deployment an inventory folder describes.")
    int importFolder(
            @Mixin Common common, @Parameters(paramLabel = "DIR", description = "The inventory folder.") Path dir) {
        return print(common, common.facade().labImport(dir));
    }

    private int print(Common common, LabSummary s) {
        PrintWriter w = spec.commandLine().getOut();
        if (common.json) {
            Printer.json(w, s);
            return 0;
        }
        w.printf(
                "Lab %s (%s): %d users; %s%n",
                s.scenario(),
                s.location(),
                s.users(),
                // A topology without an active CentralMgmt service names none: say so, not "null".
                s.cmsPool() == null ? "CMS location unknown" : "CMS on " + s.cmsPool());
        w.printf(
                "%-10s %-30s %-10s %-32s %-15s %7s %7s%n",
                "SITE", "POOL", "ROLE", "VERSION", "STATE", "USERS", "OBJECTS");
        for (LabSummary.PoolLine p : s.pools()) {
            w.printf(
                    "%-10s %-30s %-10s %-32s %-15s %7d %7d%n",
                    p.site(), p.fqdn(), p.role(), p.version(), p.state(), p.users(), p.objects());
        }
        for (LabSummary.SiteLine site : s.sites()) {
            w.printf(
                    "site %s (%d): federation route %s; XMPP route %s%n",
                    site.name(),
                    site.siteId(),
                    site.federationRoute() == null ? "(none)" : site.federationRoute(),
                    site.xmppFederationRoute() == null ? "(none)" : site.xmppFederationRoute());
        }
        if (s.faults().isEmpty()) {
            w.println("faults: none");
        } else {
            w.println("faults (seed " + s.faultSeed() + "):");
            for (Fault f : s.faults()) {
                w.println("  " + f.describe());
            }
        }
        w.flush();
        return 0;
    }
}
