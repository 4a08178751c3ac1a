package io.cutover.shell;

import io.cutover.check.Check;
import io.cutover.deployment.ProbeKind;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.SipAddress;
import io.cutover.plan.Step;
import io.cutover.rules.Release;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders a gate's checks as PowerShell lines that collect failures into {@code $failures}, then
 * complete the gate (which stops the script when any check failed). A check with no runbook form
 * is an {@link IllegalStateException}, never a silent pass.
 */
final class RunbookChecks {
    private final StringBuilder sb;
    /** Whether the script knows test accounts: each probe then asks which form its pool takes. */
    private final boolean accounts;

    RunbookChecks(StringBuilder sb, boolean accounts) {
        this.sb = sb;
        this.accounts = accounts;
    }

    private static String q(String value) {
        return PowerShell.literal(value);
    }

    private void line(String text) {
        PowerShell.line(sb, text);
    }

    void gate(Step.Gate g, boolean asPrecondition) {
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
        } else if (check instanceof Check.MinimumBuilds c) {
            for (Check.BuildFloor f : c.floors()) {
                line("$failures += @(Test-CutoverBuild " + q(f.pool().text()) + " " + q(f.minimum()) + " "
                        + q(f.update()) + ")");
            }
        } else if (check instanceof Check.Communication c) {
            for (Check.Pair pair : c.pairs()) {
                for (ProbeKind kind : c.modalities()) {
                    probe(
                            kind,
                            pair.from(),
                            kind == ProbeKind.Registration ? null : pair.to().text(),
                            null);
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
                line("$failures += @(Test-CutoverPolicies " + q(e.sipAddress().text()) + " @{ " + table + " })");
            }
        } else if (check instanceof Check.Released c && c.release() instanceof Release.DropXmppRoute d) {
            line("$failures += @(Get-CsSite | Where-Object { $_.Identity -eq " + q("Site:" + d.site())
                    + " -and \"$($_.XmppFederationRoute)\" -eq "
                    + q("EdgeServer:" + d.pool().text())
                    + " } | ForEach-Object { " + q("not done yet: " + d.instruction()) + " })");
        } else if (check instanceof Check.Released c && c.release() instanceof Release.Repoint r) {
            // The holder's services name the pool they depend on in their Registrar or UserServer property.
            line("$failures += @(Get-CsService | Where-Object { $_.PoolFqdn -eq "
                    + q(r.holder().text())
                    + " -and \"$($_.Registrar) $($_.UserServer)\" -like "
                    + q("*:" + r.pool().text())
                    + " } | Select-Object -First 1 | ForEach-Object { " + q("not done yet: " + r.instruction())
                    + " })");
        } else if (check instanceof Check.Released c && c.release() instanceof Release.Repair r) {
            // Any property of the holder's registrar service still naming the old partner: not re-paired.
            line("$failures += @(Get-CsService -Registrar | Where-Object { $_.PoolFqdn -eq "
                    + q(r.holder().text())
                    + " -and \"$($_ | Format-List * | Out-String)\" -like "
                    + q("*" + r.pool().text() + "*")
                    + " } | Select-Object -First 1 | ForEach-Object { " + q("not done yet: " + r.instruction())
                    + " })");
        } else if (check instanceof Check.Drain c) {
            line("$failures += @(Test-CutoverDrain " + q(c.pool().text()) + ")");
        } else if (check instanceof Check.Matrix c) {
            line("$failures += @(Test-CutoverMatrix @(" + list(texts(c.pools())) + "))");
        } else if (check instanceof Check.ClientsSupported c) {
            // No read-only cmdlet gives a user's client: the gate fails on what clients.csv said when
            // planning, and a new clients.csv and plan clear it.
            for (Check.ClientOf u : c.users()) {
                line("$failures += @("
                        + q(u.sipAddress() + ": " + Check.CLIENT_NOT_SUPPORTED + ": last client "
                                + u.client() + " cannot sign in to " + c.target()
                                + " (clients.csv when planning: collect it again and plan again once upgraded)")
                        + ")");
            }
        } else {
            // A check the runbook cannot express must not pass silently.
            throw new IllegalStateException(
                    "no runbook form for " + check.getClass().getSimpleName());
        }
    }

    private void probe(ProbeKind kind, SipAddress from, String to, Fqdn via) {
        Cmdlet c = kind == ProbeKind.Federated
                // The Edge of the user's site, read when the script runs: the route may have moved.
                ? Cmdlet.of("Test-CsFederatedPartner")
                        .with(
                                "TargetFqdn",
                                Cmdlet.of("Get-CutoverFederationEdge").with("Sip", from),
                                null)
                        .with("Domain", to)
                : Statements.test(new io.cutover.deployment.Probe(kind, from, to, via), null);
        String what = kind.cmdlet() + " " + from + (to == null ? "" : " -> " + to) + (via == null ? "" : " via " + via);
        String test = c.render(Encoding.UTF8);
        if (accounts && kind != ProbeKind.Federated) {
            test = "Invoke-CutoverTest " + q(kind.name()) + " " + q(from.text()) + " " + q(to == null ? "" : to) + " "
                    + q(via == null ? "" : via.text()) + " { " + test + " }";
        }
        line("$failures += @(Test-CutoverProbe " + q(what) + " { " + test + " })");
    }

    private static String list(List<String> values) {
        StringBuilder sb = new StringBuilder();
        for (String v : values) {
            sb.append(sb.length() == 0 ? "" : ", ").append(q(v));
        }
        return sb.toString();
    }
}
