package io.cutover.shell;

import io.cutover.deployment.ProbeKind;

/**
 * The part of a runbook that runs synthetic transactions as test accounts: the accounts of each
 * pool (SIP addresses and the paths of their credential files, never a password), and the
 * functions that choose per pool, when the script runs, between the pool's health-monitoring
 * configuration ({@code -TargetFqdn} form) and its accounts (credentials read with Import-Clixml),
 * as the shell driver does.
 */
final class RunbookAccounts {
    private final StringBuilder sb;
    private final ShellVersion version;
    private final TestAccounts accounts;

    RunbookAccounts(StringBuilder sb, ShellVersion version, TestAccounts accounts) {
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
        line("# Test accounts of pools without a health-monitoring configuration: two per pool, each with the");
        line("# credential file stored once, as the user running this script, with Get-Credential | Export-Clixml.");
        line("$TestAccounts = @{");
        for (var e : accounts.pools().entrySet()) {
            line("    " + q(e.getKey().text()) + " = @(" + account(e.getValue().first()) + ", "
                    + account(e.getValue().second()) + ")");
        }
        line("}");
        line(
                "# A pool's test accounts when it has no health-monitoring configuration; else none (the -TargetFqdn form).");
        line("function Get-CutoverTestAccounts([string]$Pool) {");
        line("    if (Get-CsHealthMonitoringConfiguration -Identity $Pool -ErrorAction SilentlyContinue) { return }");
        line("    $TestAccounts[$Pool]");
        line("}");
        line(
                "# A synthetic transaction as the accounts of the pool $From is homed on, where it has them; else $ByTarget.");
        line(
                "function Invoke-CutoverTest([string]$Kind, [string]$From, [string]$To, [string]$Via, [scriptblock]$ByTarget) {");
        line(
                "    if (Get-CutoverTestAccounts (Get-CutoverPool $From)) { Test-CutoverAsAccounts $Kind $From $To $Via }");
        line("    else { & $ByTarget }");
        line("}");
        line("# The sender is the first account of $From's pool; the receiver the first of $To's pool when that");
        line("# is another pool with accounts, else the second. Credentials are read from their files here.");
        line("function Test-CutoverAsAccounts([string]$Kind, [string]$From, [string]$To, [string]$Via) {");
        line("    $pool = Get-CutoverPool $From");
        line("    $accounts = @(Get-CutoverTestAccounts $pool)");
        line("    $sender = $accounts[0]; $receiver = $accounts[1]");
        line("    if ($To -like 'sip:*') {");
        line("        $other = Get-CutoverPool $To");
        line("        $theirs = @(Get-CutoverTestAccounts $other)");
        line("        if ($other -ne $pool -and $theirs.Count -gt 0) { $receiver = $theirs[0] }");
        line("    }");
        line("    $senderCredential = Import-Clixml -LiteralPath $sender.Credential");
        line("    $receiverCredential = Import-Clixml -LiteralPath $receiver.Credential");
        line("    switch ($Kind) {");
        for (ProbeKind k : ProbeKind.values()) {
            if (k != ProbeKind.Federated && version.has(k.cmdlet())) {
                line("        " + q(k.name()) + " { " + test(k) + " }");
            }
        }
        line("    }");
        line("}");
    }

    private static String account(TestAccounts.Account a) {
        return "@{ Sip = " + q(a.sip().text()) + "; Credential = " + q(a.credential()) + " }";
    }

    /** The credential parameter set of the kind's cmdlet, as {@link Statements#testAs} writes it. */
    private static String test(ProbeKind k) {
        String c = k.cmdlet() + " -TargetFqdn " + (k == ProbeKind.External ? "$Via" : "$pool");
        if (k == ProbeKind.Registration || k == ProbeKind.External) {
            return c + as("User", "sender");
        } else if (k == ProbeKind.Xmpp) {
            return c + as("User", "sender") + " -Receiver $To";
        } else if (k == ProbeKind.Presence) {
            return c + as("Subscriber", "sender") + as("Publisher", "receiver");
        }
        return c + as("Sender", "sender") + as("Receiver", "receiver");
    }

    private static String as(String role, String who) {
        return " -" + role + "SipAddress $" + who + ".Sip -" + role + "Credential $" + who + "Credential";
    }
}
