package io.cutover.shell;

import io.cutover.check.Check;
import io.cutover.deployment.ProbeKind;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.PolicyKind;
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
    private final StringBuilder sb = new StringBuilder();

    private Runbook(Plan plan) {
        this.plan = plan;
    }

    /** The scripts of every phase the plan has, or of one phase when {@code only} is not null. */
    public static List<Script> of(Plan plan, Phase only) {
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
            scripts.add(new Script(name, phase, steps.size(), new Runbook(plan).script(phase, steps, name)));
        }
        return scripts;
    }

    private static String q(String value) {
        return PowerShell.literal(value);
    }

    private void line(String text) {
        sb.append(text).append("\r\n");
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
        library();
        List<Step> preconditions = preconditions(steps);
        if (!preconditions.isEmpty()) {
            line("# ==== Preconditions: the gates this phase's actions depend on, checked again now.");
            for (Step gate : preconditions) {
                gate((Step.Gate) gate, true);
            }
        }
        for (Step step : steps) {
            line("");
            line("# ==== " + step.id() + ": " + step.title());
            if (step instanceof Step.Gate g) {
                gate(g, false);
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

    private void library() {
        line("# ---- Functions used below. Each writes a result row; none changes anything by itself.");
        line("function Write-CutoverRow([string]$Step, [string]$Item, [string]$Outcome, [string]$Detail) {");
        line(
                "    [pscustomobject][ordered]@{ Plan = $Plan; Step = $Step; Item = $Item; Action = 'DO'; Outcome = $Outcome; Detail = $Detail;");
        line(
                "        At = [DateTime]::UtcNow.ToString('o'); Actor = [Environment]::UserDomainName + '\\' + [Environment]::UserName } |");
        line("        Export-Csv -LiteralPath $ResultCsv -Append -NoTypeInformation -Encoding UTF8");
        line("}");
        line("# A gate: record it, and stop the script when a check failed.");
        line("function Complete-CutoverGate([string]$Step, [string[]]$Failures) {");
        line("    if ($Failures.Count -eq 0) { Write-CutoverRow $Step '' 'OK' 'every check passed'; return }");
        line("    Write-CutoverRow $Step '' 'FAILED' ($Failures -join '; ')");
        line("    throw \"gate $Step failed: $($Failures -join '; ')\"");
        line("}");
        line("# A synthetic transaction: nothing when it succeeds, else one failure line.");
        line("function Test-CutoverProbe([string]$What, [scriptblock]$Probe) {");
        line("    $r = & $Probe");
        line("    if (\"$($r.Result)\" -ne 'Success') { \"${What}: $($r.Result) $($r.Error) $($r.Diagnosis)\" }");
        line("}");
        // The coexistence matrix as cutover runs it: one user homed on each pool stands for it, and
        // every ordered pair of pools is probed in the five peer modalities.
        line("# Coexistence matrix: one user of each pool stands for it; every pair both ways, five modalities.");
        line("function Test-CutoverMatrix([string[]]$Pools) {");
        line("    $users = @{}");
        line("    foreach ($pool in $Pools) {");
        line(
                "        $u = Get-CsUser -ResultSize Unlimited | Where-Object { $_.RegistrarPool -eq $pool } | Select-Object -First 1");
        line("        if ($u) { $users[$pool] = \"$($u.SipAddress)\" }");
        line("    }");
        line("    foreach ($a in $Pools) { foreach ($b in $Pools) {");
        line("        if ($a -eq $b -or -not $users[$a] -or -not $users[$b]) { continue }");
        line("        $from = $users[$a]; $to = $users[$b]");
        line("        Test-CutoverProbe \"Test-CsRegistration $from\" { Test-CsRegistration -UserSipAddress $from }");
        line(
                "        Test-CutoverProbe \"Test-CsPresence $from -> $to\" { Test-CsPresence -SubscriberSipAddress $from -PublisherSipAddress $to }");
        line(
                "        Test-CutoverProbe \"Test-CsIM $from -> $to\" { Test-CsIM -SenderSipAddress $from -ReceiverSipAddress $to }");
        line(
                "        Test-CutoverProbe \"Test-CsP2PAV $from -> $to\" { Test-CsP2PAV -SenderSipAddress $from -ReceiverSipAddress $to }");
        line(
                "        Test-CutoverProbe \"Test-CsAVConference $from -> $to\" { Test-CsAVConference -SenderSipAddress $from -ReceiverSipAddress $to }");
        line("    } }");
        line("}");
        line("function Test-CutoverServices([string[]]$Pools) {");
        line("    foreach ($pool in $Pools) {");
        line("        foreach ($computer in (Get-CsPool -Identity $pool).Computers) {");
        line(
                "            Get-CsWindowsService -ComputerName $computer | Where-Object { \"$($_.Status)\" -ne 'Running' } |");
        line("                ForEach-Object { \"${computer}: $($_.Name) is $($_.Status)\" }");
        line("        }");
        line("    }");
        line("}");
        line("function Test-CutoverReplicas {");
        line(
                "    Get-CsManagementStoreReplicationStatus | Where-Object { -not $_.UpToDate } | ForEach-Object { \"$($_.ReplicaFqdn): replica not up to date\" }");
        line("}");
        StringBuilder cols = new StringBuilder();
        for (PolicyKind k : PolicyKind.values()) {
            cols.append(cols.length() == 0 ? "" : ", ").append(q(k.column()));
        }
        line("# Per-user policy assignments after a move, against what they were when the plan was made.");
        line("function Test-CutoverPolicies([string]$Sip, [hashtable]$Expected) {");
        line("    $u = Get-CsUser -Identity $Sip");
        line("    foreach ($column in @(" + cols + ")) {");
        line("        $want = \"$($Expected[$column])\"; $have = \"$($u.$column)\"");
        line("        if ($want -ne $have) { \"${Sip}: per-user $column was '$want', now '$have'\" }");
        line("    }");
        line("}");
        line("# Nothing homed on or pointing at the pool.");
        line("function Test-CutoverDrain([string]$Pool) {");
        line("    $n = @(Get-CsUser -ResultSize Unlimited | Where-Object { $_.RegistrarPool -eq $Pool }).Count");
        line("    if ($n -gt 0) { \"$Pool still homes $n users\" }");
        for (HomedKind k : HomedKind.values()) {
            if (!k.isObject()) {
                continue;
            }
            Kinds kinds = Kinds.of(k);
            line("    $n = @(" + kinds.getter() + " | Where-Object { \"$($_." + kinds.poolProperty() + ")\" -eq ("
                    + q(kinds.poolPrefix()) + " + $Pool) }).Count; if ($n -gt 0) { \"$Pool still homes $n " + k.name()
                    + " objects\" }");
        }
        line(
                "    if (@(Get-CsService -CentralManagement | Where-Object { $_.Active -and $_.PoolFqdn -eq $Pool }).Count -gt 0) { \"$Pool still hosts the Central Management Store\" }");
        line(
                "    Get-CsSite | Where-Object { $_.FederationRoute -eq \"EdgeServer:$Pool\" } | ForEach-Object { \"site $($_.Identity) still routes federation through $Pool\" }");
        line(
                "    Get-CsService -EdgeServer | Where-Object { $_.Registrar -eq \"Registrar:$Pool\" } | ForEach-Object { \"Edge $($_.PoolFqdn) still uses $Pool as its next hop\" }");
        line("}");
        line("# One move: skipped when already done, checked afterwards by reading where the subject is homed.");
        line(
                "function Invoke-CutoverMove([string]$Step, [string]$Item, [string]$Target, [scriptblock]$Move, [scriptblock]$Where) {");
        line("    try {");
        line("        if (\"$(& $Where)\" -ne $Target) { & $Move }");
        line("        $now = \"$(& $Where)\"");
        line("        if ($now -ne $Target) { throw \"homed on $now after the move, not on $Target\" }");
        line("        Write-CutoverRow $Step $Item 'OK' \"on $Target\"");
        line("    } catch {");
        line("        Write-CutoverRow $Step $Item 'FAILED' \"$_\"");
        line("        throw");
        line("    }");
        line("}");
        line("# A step that changes one thing: done when its check says so afterwards.");
        line("function Invoke-CutoverAction([string]$Step, [scriptblock]$Do, [scriptblock]$Check, [string]$Done) {");
        line("    try {");
        line("        if (-not (& $Check)) { & $Do }");
        line("        if (-not (& $Check)) { throw 'the change did not take effect' }");
        line("        Write-CutoverRow $Step '' 'OK' $Done");
        line("    } catch {");
        line("        Write-CutoverRow $Step '' 'FAILED' \"$_\"");
        line("        throw");
        line("    }");
        line("}");
    }

    private void gate(Step.Gate g, boolean asPrecondition) {
        if (asPrecondition) {
            line("");
            line("# ---- " + g.id() + ": " + g.name()
                    + " (checked again as a precondition; its row records this check)");
        } else {
            line("# A gate: every check must pass, or the script stops here.");
        }
        line("$failures = @()");
        for (Check c : g.checks()) {
            line("# " + c.describe());
            check(c);
        }
        line("Complete-CutoverGate " + q(g.id()) + " $failures");
    }

    private static List<String> texts(List<Fqdn> pools) {
        return pools.stream().map(Fqdn::text).toList();
    }

    private void check(Check check) {
        if (check instanceof Check.ServicesRunning c) {
            line("$failures += @(Test-CutoverServices @(" + list(texts(c.pools())) + "))");
        } else if (check instanceof Check.ReplicasUpToDate) {
            line("$failures += @(Test-CutoverReplicas)");
        } else if (check instanceof Check.Communication c) {
            for (Check.Pair pair : c.pairs()) {
                for (ProbeKind kind : c.modalities()) {
                    probe(kind, pair.from(), kind == ProbeKind.Registration ? null : pair.to(), null);
                }
            }
        } else if (check instanceof Check.Registration c) {
            c.users().forEach(u -> probe(ProbeKind.Registration, u, null, null));
        } else if (check instanceof Check.ExternalAccess c) {
            c.users().forEach(u -> probe(ProbeKind.External, u, null, c.edge()));
        } else if (check instanceof Check.FederatedAccess c) {
            c.users().forEach(u -> probe(ProbeKind.Federated, u, c.partner(), null));
        } else if (check instanceof Check.PolicyParity c) {
            for (Check.ExpectedPolicies e : c.users()) {
                Map<PolicyKind, String> own = new TreeMap<>(e.perUser());
                StringBuilder table = new StringBuilder();
                own.forEach((k, v) -> table.append(table.length() == 0 ? "" : "; ")
                        .append(k.column())
                        .append(" = ")
                        .append(q(v)));
                line("$failures += @(Test-CutoverPolicies " + q(e.sipAddress()) + " @{ " + table + " })");
            }
        } else if (check instanceof Check.Drain c) {
            line("$failures += @(Test-CutoverDrain " + q(c.pool().text()) + ")");
        } else if (check instanceof Check.Matrix c) {
            line("$failures += @(Test-CutoverMatrix @(" + list(texts(c.pools())) + "))");
        } else {
            // A check the runbook cannot express must not pass silently.
            throw new IllegalStateException(
                    "no runbook form for " + check.getClass().getSimpleName());
        }
    }

    private void probe(ProbeKind kind, String from, String to, String via) {
        Cmdlet c = ShellDeployment.testCmdlet(new io.cutover.deployment.Probe(kind, from, to, via));
        String what = kind.cmdlet() + " " + from + (to == null ? "" : " -> " + to) + (via == null ? "" : " via " + via);
        line("$failures += @(Test-CutoverProbe " + q(what) + " { " + c.render(Encoding.UTF8) + " })");
    }

    private static String list(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            sb.append(sb.length() == 0 ? "" : ", ").append(q(v));
        }
        return sb.toString();
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
            groups.computeIfAbsent(m.subject().kind() + "|" + m.from() + "|" + m.to(), k -> new ArrayList<>())
                    .add(m);
        }
        Map<String, String> routes = routesBefore(b);
        for (List<Move> group : groups.values()) {
            Move first = group.get(0);
            HomedKind kind = first.subject().kind();
            String proxy = proxyPool(routes, b.site());
            line("# Move " + group.size() + " " + kind + (group.size() == 1 ? "" : " subjects") + " from "
                    + first.from() + " to " + first.to() + " with " + kind.cmdlet()
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
                    + moveCommand(kind, proxy) + " } -Where { " + homeCommand(kind) + " }");
            line("}");
        }
    }

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
                return "Move-CsRgsConfiguration -Source \"ApplicationServer:$source\" -Destination \"ApplicationServer:$target\" -Confirm:$false";
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
    private Map<String, String> routesBefore(Step step) {
        Map<String, String> routes = new TreeMap<>();
        int at = plan.indexOf(step.id());
        for (int i = 0; i < plan.steps().size(); i++) {
            if (plan.steps().get(i) instanceof Step.RouteFederation r) {
                routes.put(r.site(), i < at ? r.to() : routes.getOrDefault(r.site(), r.from()));
            }
        }
        return routes;
    }

    /** -ProxyPool is needed while more than one Edge pool federates: the Edge of the site's route. */
    private static String proxyPool(Map<String, String> routes, String site) {
        Set<String> edges = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        edges.addAll(routes.values());
        return edges.size() > 1 ? routes.get(site) : null;
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
        line("# The target pool must be installed (Deployment Wizard) and published in the topology; this starts its");
        line("# services if they are stopped. Undo: Stop-CsPool -PoolFqdn " + q(d.target()));
        line("Invoke-CutoverAction " + q(d.id()) + " -Do { Start-CsPool -PoolFqdn " + q(d.target())
                + " -Confirm:$false } -Check { @(Test-CutoverServices @(" + q(d.target()) + ")).Count -eq 0 } -Done "
                + q(d.target() + " is deployed and up"));
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
