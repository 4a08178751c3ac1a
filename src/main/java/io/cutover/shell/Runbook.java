package io.cutover.shell;

import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.plan.Move;
import io.cutover.plan.Phase;
import io.cutover.plan.Plan;
import io.cutover.plan.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes a plan as PowerShell scripts for an admin to review and run by hand, one per phase:
 * the preconditions first (the gate checks the phase's actions depend on; the script stops at
 * the first that fails), then each step in plan order, every move checked afterwards. Every check
 * and move appends a row to a CSV that {@code cutover run --record} imports into the journal.
 *
 * <p>Pure: the same plan gives the same text. Values are written only through
 * {@link PowerShell#literal}, and moves pass identities to the cmdlets as data.
 */
public final class Runbook {
    /** One script: its file name and its text (to be written as UTF-8 with a byte order mark). */
    public record Script(String fileName, Phase phase, int steps, String text) {
        /**
         * The file's bytes: UTF-8 with a byte order mark, without which Windows PowerShell 5.1 reads
         * a script in the ANSI code page and would mangle non-ASCII identities.
         */
        public byte[] bytes() {
            byte[] body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] all = new byte[body.length + 3];
            all[0] = (byte) 0xEF;
            all[1] = (byte) 0xBB;
            all[2] = (byte) 0xBF;
            System.arraycopy(body, 0, all, 3, body.length);
            return all;
        }
    }

    private final Plan plan;
    private final TestAccounts accounts;
    private final StringBuilder sb = new StringBuilder();
    private final RunbookChecks checks;

    private Runbook(Plan plan, TestAccounts accounts) {
        this.plan = plan;
        this.accounts = accounts;
        this.checks = new RunbookChecks(sb, !accounts.isEmpty());
    }

    /** The scripts of every phase the plan has, or of one phase when {@code only} is not null. */
    public static List<Script> of(Plan plan, Phase only) {
        return of(plan, only, TestAccounts.NONE);
    }

    /**
     * As {@link #of(Plan, Phase)}; with test accounts, each synthetic transaction on a pool without
     * a health-monitoring configuration (asked when the script runs) runs as the pool's accounts,
     * their credentials read from their files with Import-Clixml.
     */
    public static List<Script> of(Plan plan, Phase only, TestAccounts accounts) {
        List<Script> scripts = new ArrayList<>();
        for (Phase phase : Phase.values()) {
            if (only != null && phase != only) {
                continue;
            }
            List<Step> steps =
                    plan.steps().stream().filter(s -> s.phase() == phase).toList();
            if (steps.isEmpty()) {
                continue;
            }
            String name = String.format("%02d-%s.ps1", phase.ordinal() + 1, phase.name());
            scripts.add(new Script(name, phase, steps.size(), new Runbook(plan, accounts).script(phase, steps, name)));
        }
        return scripts;
    }

    private static String q(Fqdn value) {
        return q(value.text());
    }

    private static String q(String value) {
        return PowerShell.literal(value);
    }

    private void line(String text) {
        PowerShell.line(sb, text);
    }

    private String script(Phase phase, List<Step> steps, String fileName) {
        String results = fileName.replace(".ps1", ".results.csv");
        line("# cutover runbook: phase " + phase.name() + " (" + (phase.ordinal() + 1) + " of " + Phase.values().length
                + ")");
        line("# Plan " + plan.checksum() + ", target " + plan.options().target() + ".");
        line("#");
        line("# Run it in the Skype for Business Server Management Shell, on a Front End server or on a");
        line("# management workstation with the administrative tools, as a member of RTCUniversalServerAdmins.");
        line("# It checks its preconditions first and stops at the first check or move that fails.");
        line("# Every check and every move appends one row to the result file; import them into the");
        line("# journal with:  cutover run --record " + results);
        line("# No command here uses -Force: Move-CsUser -Force loses users' contacts and meetings for good.");
        line("# Each block says how to undo it; `cutover rollback` does the same from the journal.");
        line("");
        line("param([string]$ResultCsv = (Join-Path $PSScriptRoot " + q(results) + "))");
        line("$ErrorActionPreference = 'Stop'");
        line("$Plan = " + q(plan.checksum()));
        line("");
        new RunbookLibrary(sb, new ShellVersion(plan.options().target()), accounts).write();
        List<Step> preconditions = preconditions(steps);
        if (!preconditions.isEmpty()) {
            line("# ==== Preconditions: the gates this phase's actions depend on, checked again now.");
            for (Step gate : preconditions) {
                checks.gate((Step.Gate) gate, true);
            }
        }
        for (Step step : steps) {
            line("");
            line("# ==== " + step.id() + ": " + step.title());
            if (step instanceof Step.Gate g) {
                checks.gate(g, false);
            } else if (step instanceof Step.MoveBatch b) {
                moves(b);
            } else if (step instanceof Step.RouteFederation r) {
                route(r);
            } else if (step instanceof Step.DeployTarget d) {
                deployTarget(d);
            } else if (step instanceof Step.Decommission d) {
                decommission(d);
            }
        }
        line("");
        line("Write-Host " + q("phase " + phase.name() + " done; now run: cutover run --record " + results));
        return sb.toString();
    }

    /** For each action step, the nearest gate before it in the plan (same site, same pool or site-wide) not already in this script. */
    private List<Step> preconditions(List<Step> steps) {
        Set<Step> inScript = new LinkedHashSet<>(steps);
        Set<Step> found = new LinkedHashSet<>();
        for (Step step : steps) {
            if (step instanceof Step.Gate) {
                continue;
            }
            int at = plan.indexOf(step.id());
            for (int i = at - 1; i >= 0; i--) {
                Step s = plan.steps().get(i);
                boolean sameScope = s.site().equals(step.site())
                        && (s.pool() == null || s.pool().equals(step.pool()));
                if (s instanceof Step.Gate && sameScope) {
                    if (!inScript.contains(s)) {
                        found.add(s);
                    }
                    break;
                }
            }
        }
        return new ArrayList<>(found);
    }

    private void moves(Step.MoveBatch b) {
        if (b.moves().isEmpty()) {
            line("# nothing to move");
            return;
        }
        // One batch moves one kind between one pair of pools; the loop passes each identity to the
        // cmdlet as data.
        Map<String, List<Move>> groups = new LinkedHashMap<>();
        for (Move m : b.moves()) {
            groups.computeIfAbsent(
                            m.subject().kind() + "|" + m.from() + "|" + m.to() + "|" + m.exportsAndImports(),
                            k -> new ArrayList<>())
                    .add(m);
        }
        Map<String, Fqdn> routes = routesBefore(b);
        for (List<Move> group : groups.values()) {
            Move first = group.get(0);
            HomedKind kind = first.subject().kind();
            String proxy = proxyPool(routes, b.site());
            line("# Move " + group.size() + " " + kind + (group.size() == 1 ? "" : " subjects") + " from "
                    + first.from() + " to " + first.to() + " with "
                    + (first.exportsAndImports()
                            ? "Export-CsRgsConfiguration and Import-CsRgsConfiguration"
                            : kind.cmdlet())
                    + (proxy == null ? "" : " (-ProxyPool " + proxy + ": more than one Edge pool federates now)")
                    + ".");
            line("# Undo: the same loop with the source and target swapped (" + first.to() + " -> " + first.from() + ")"
                    + (kind == HomedKind.RgsConfiguration ? "; the legacy copy stays in place for rollback" : "")
                    + (kind == HomedKind.Cms ? "; once the legacy pool is removed there is no way back" : "") + ".");
            line("$source = " + q(first.from()) + "; $target = " + q(first.to()));
            line("foreach ($id in @(");
            for (int i = 0; i < group.size(); i++) {
                line("    " + q(group.get(i).subject().id()) + (i + 1 < group.size() ? "," : ""));
            }
            line(")) {");
            line("    Invoke-CutoverMove " + q(b.id()) + " (" + q(kind.name() + ":") + " + $id) $target -Move { "
                    + (first.exportsAndImports() ? EXPORT_IMPORT : moveCommand(kind, proxy)) + " } -Where { "
                    + homeCommand(kind) + " }");
            line("}");
        }
    }

    /**
     * Response Group configuration between one code line's versions (2019 and Subscription Edition),
     * where Move-CsRgsConfiguration refuses: exported to a file, imported into the target pool.
     */
    static final String EXPORT_IMPORT = "$file = Join-Path $env:TEMP ('cutover-rgs-' + $source + '.zip'); "
            + "Export-CsRgsConfiguration -Source \"ApplicationServer:$source\" -FileName $file; "
            + "Import-CsRgsConfiguration -Destination \"ApplicationServer:$target\" -FileName $file -OverwriteOwner -Force";

    private static String moveCommand(HomedKind kind, String proxy) {
        switch (kind) {
            case User:
                return "Move-CsUser -Identity $id -Target $target" + (proxy == null ? "" : " -ProxyPool " + q(proxy))
                        + " -Confirm:$false";
            case ApplicationEndpoint:
            case DialInAccessNumber:
            case RgsContact:
                return "Move-CsApplicationEndpoint -Identity $id -TargetApplicationPool $target -Confirm:$false";
            case ConferenceDirectory:
                return "Move-CsConferenceDirectory -Identity $id -TargetPool $target -Confirm:$false";
            case CallParkOrbit:
                return "Set-CsCallParkOrbit -Identity $id -CallParkService \"ApplicationServer:$target\"";
            case RgsConfiguration:
                // Pool FQDNs; the cmdlet has no -Confirm.
                return "Move-CsRgsConfiguration -Source $source -Destination $target";
            case Cms:
                return "Invoke-Command -ComputerName (Get-CsPool -Identity $target).Computers[0] -ScriptBlock { Move-CsManagementServer -Confirm:$false }"
                        + "; Enable-CsTopology";
            default:
                return kind.cmdlet() + " -Identity $id -Target $target -Confirm:$false";
        }
    }

    private static String homeCommand(HomedKind kind) {
        if (kind == HomedKind.Cms) {
            return "(Get-CsService -CentralManagement | Where-Object { $_.Active }).PoolFqdn";
        }
        Kinds k = Kinds.of(kind);
        String read = "(" + k.getter() + " -Identity $id)." + k.poolProperty();
        return k.poolPrefix().isEmpty() ? read : "\"$(" + read + ")\" -replace " + q("^" + k.poolPrefix()) + ", ''";
    }

    /** Each site's federation route just before {@code step}, as far as the plan's route moves tell. */
    private Map<String, Fqdn> routesBefore(Step step) {
        Map<String, Fqdn> routes = new TreeMap<>();
        int at = plan.indexOf(step.id());
        for (int i = 0; i < plan.steps().size(); i++) {
            if (plan.steps().get(i) instanceof Step.RouteFederation r) {
                routes.put(r.site(), i < at ? r.to() : routes.getOrDefault(r.site(), r.from()));
            }
        }
        return routes;
    }

    /** -ProxyPool is needed while more than one Edge pool federates: the Edge of the site's route. */
    private static String proxyPool(Map<String, Fqdn> routes, String site) {
        Set<Fqdn> edges = new java.util.TreeSet<>(routes.values());
        Fqdn route = routes.get(site);
        return edges.size() > 1 && route != null ? route.text() : null;
    }

    private void route(Step.RouteFederation r) {
        String site = q("Site:" + r.site());
        line("# Point site " + r.site() + "'s federation route at " + r.to()
                + ". An outage window for federated traffic of the site.");
        line("# Undo: Set-CsSite -Identity " + site + " -FederationRoute " + q("EdgeServer:" + r.from()));
        line("Invoke-CutoverAction " + q(r.id()) + " -Do { Set-CsSite -Identity " + site + " -FederationRoute "
                + q("EdgeServer:" + r.to())
                + " } -Check { (Get-CsSite -Identity " + site + ").FederationRoute -eq " + q("EdgeServer:" + r.to())
                + " } -Done "
                + q("site " + r.site() + " federates through " + r.to()));
    }

    private void deployTarget(Step.DeployTarget d) {
        String pool = q(d.target());
        String servers = "foreach ($computer in (Get-CsPool -Identity " + pool + ").Computers) { ";
        line("# The target pool must be installed (Deployment Wizard) and published in the topology; this starts its");
        line("# services if they are stopped. To undo, stop them again: " + servers
                + "Stop-CsWindowsService -ComputerName $computer -Graceful }");
        // Start-CsPool came with Skype for Business Server 2015; before it, each server's services start.
        // It starts a Front End pool (routing groups, quorum); an Edge pool's servers start one by one.
        boolean edge = d.phase() == Phase.Edge;
        if (edge) {
            line("# An Edge server is outside the domain: where it refuses remote service control, start its services");
            line("# on the server itself (Start-CsWindowsService), then run this script again.");
        }
        String start = !edge && new ShellVersion(plan.options().target()).has("Start-CsPool")
                ? "Start-CsPool -PoolFqdn " + pool + " -Confirm:$false"
                : servers + "Start-CsWindowsService -ComputerName $computer }";
        line("Invoke-CutoverAction " + q(d.id()) + " -Do { " + start + " } -Check { @(Test-CutoverServices @(" + pool
                + ")).Count -eq 0 } -Done " + q(d.target() + " is deployed and up"));
    }

    private void decommission(Step.Decommission d) {
        line("# The point of no return for " + d.target()
                + ": stops every service gracefully. Then remove the pool from the");
        line("# topology in Topology Builder, publish it (Publish-CsTopology) and run this script again: the step is");
        line("# recorded as done once Get-CsPool no longer lists the pool. No undo once it is removed.");
        line("Invoke-CutoverAction " + q(d.id()) + " -Do { foreach ($computer in (Get-CsPool -Identity " + q(d.target())
                + ").Computers) { Stop-CsWindowsService -ComputerName $computer -Graceful } } -Check { -not (Get-CsPool -Identity "
                + q(d.target())
                + " -ErrorAction SilentlyContinue) } -Done " + q(d.target() + " decommissioned"));
    }
}
