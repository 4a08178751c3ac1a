package io.cutover.shell;

import io.cutover.inventory.HomedKind;
import io.cutover.inventory.PolicyKind;

/**
 * The PowerShell functions every runbook script starts with: writing a result row, completing a
 * gate, the probes and health checks the gates call, and the checked move and action. None of
 * them changes anything by itself.
 */
final class RunbookLibrary {
    private final StringBuilder sb;
    private final ShellVersion version;
    private final TestAccounts accounts;

    RunbookLibrary(StringBuilder sb, ShellVersion version, TestAccounts accounts) {
        this.sb = sb;
        this.version = version;
        this.accounts = accounts;
    }

    private static String q(String value) {
        return PowerShell.literal(value);
    }

    private void line(String text) {
        PowerShell.line(sb, text);
    }

    void write() {
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
        // The coexistence matrix as cutover runs it: one enabled user homed on each pool stands for it
        // (a disabled account cannot register), and every ordered pair of pools is probed in the five
        // peer modalities.
        line("# The pool a user is homed on, and the Edge that carries federation for that pool's site.");
        line("function Get-CutoverPool([string]$Sip) { \"$((Get-CsUser -Identity $Sip).RegistrarPool)\" }");
        line("function Get-CutoverFederationEdge([string]$Sip) {");
        line("    $site = \"$((Get-CsPool -Identity (Get-CutoverPool $Sip)).Site)\"");
        line("    \"$((Get-CsSite -Identity $site).FederationRoute)\" -replace '^EdgeServer:', ''");
        line("}");
        if (!accounts.isEmpty()) {
            new RunbookAccounts(sb, version, accounts).write();
        }
        line("# Coexistence matrix: one user of each pool stands for it; every pair both ways, five modalities.");
        line("function Test-CutoverMatrix([string[]]$Pools) {");
        line("    $users = @{}");
        line("    foreach ($pool in $Pools) {");
        line(
                "        $u = Get-CsUser -ResultSize Unlimited | Where-Object { $_.RegistrarPool -eq $pool -and $_.Enabled } | Select-Object -First 1");
        line("        if ($u) { $users[$pool] = \"$($u.SipAddress)\" }");
        line("    }");
        line("    foreach ($a in $Pools) { foreach ($b in $Pools) {");
        line("        if ($a -eq $b -or -not $users[$a] -or -not $users[$b]) { continue }");
        line("        $from = $users[$a]; $to = $users[$b]");
        matrixProbe(
                "Registration",
                "Test-CsRegistration $from",
                "Test-CsRegistration -TargetFqdn $a -UserSipAddress $from");
        matrixProbe(
                "Presence",
                "Test-CsPresence $from -> $to",
                "Test-CsPresence -TargetFqdn $a -SubscriberSipAddress $from -PublisherSipAddress $to");
        matrixProbe(
                "Im",
                "Test-CsIM $from -> $to",
                "Test-CsIM -TargetFqdn $a -SenderSipAddress $from -ReceiverSipAddress $to");
        matrixProbe(
                "Call",
                "Test-CsP2PAV $from -> $to",
                "Test-CsP2PAV -TargetFqdn $a -SenderSipAddress $from -ReceiverSipAddress $to");
        matrixProbe(
                "Conference",
                "Test-CsAVConference $from -> $to",
                "Test-CsAVConference -TargetFqdn $a -SenderSipAddress $from -ReceiverSipAddress $to");
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
        line("# Each server of the pool at the build that may coexist with the target, or a failure line.");
        line("function Test-CutoverBuild([string]$Pool, [version]$Minimum, [string]$Update) {");
        line("    foreach ($computer in (Get-CsPool -Identity $Pool).Computers) {");
        line("        $text = \"$(Invoke-Command -ComputerName $computer -ScriptBlock { Get-CsServerVersion })\"");
        line(
                "        if ($text -notmatch '\\(([0-9.]+)\\)') { \"${computer}: no build reported: unknown, re-collect\"; continue }");
        line(
                "        if ([version]$Matches[1] -lt $Minimum) { \"${computer} runs $($Matches[1]), below ${Minimum}; install $Update\" }");
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
            if (!k.isObject() || !version.has(Kinds.of(k).getter())) {
                continue;
            }
            Kinds kinds = Kinds.of(k);
            // Get-CsRgsConfiguration reads one pool's configuration: that of the pool's Application Server.
            String read = k == HomedKind.RgsConfiguration
                    ? "Get-CsRgsConfiguration -Identity \"service:ApplicationServer:$Pool\" -ErrorAction SilentlyContinue"
                    : kinds.getter();
            line("    $n = @(" + read + " | Where-Object { \"$($_." + kinds.poolProperty() + ")\" -eq ("
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

    /** One probe of the matrix; with test accounts, run as them where the pool has no health monitoring. */
    private void matrixProbe(String kind, String what, String byTarget) {
        String test =
                accounts.isEmpty() ? byTarget : "Invoke-CutoverTest " + q(kind) + " $from $to '' { " + byTarget + " }";
        line("        Test-CutoverProbe \"" + what + "\" { " + test + " }");
    }
}
