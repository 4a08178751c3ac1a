package io.cutover.shell;

import static io.cutover.shell.InventoryParser.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeKind;
import io.cutover.deployment.ProbeResult;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Pool;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.Site;
import io.cutover.shell.InventoryParser.Topology;
import io.cutover.shell.ShellDeployment.Answer;

/**
 * Probes as the shell runs them: a Test-Cs* synthetic transaction in the form {@link ProbeForms}
 * picks (a federated one through the Edge that carries the initiating user's site's federation),
 * its answer read into a probe result. A probe reports; it never throws.
 */
final class SyntheticTransactions {
    private final ShellDeployment shell;
    private final ProbeForms forms;

    SyntheticTransactions(ShellDeployment shell, ProbeForms forms) {
        this.shell = shell;
        this.forms = forms;
    }

    ProbeResult run(Probe probe) {
        try {
            Statements st = shell.statements();
            if (!st.version().has(probe.kind().cmdlet())) {
                return ProbeResult.failure(
                        probe,
                        null,
                        0,
                        "the " + st.version().name() + " shell has no "
                                + probe.kind().cmdlet(),
                        null);
            }
            String edge = null;
            if (probe.kind() == ProbeKind.Federated) {
                edge = federationEdge(probe.from());
                if (edge == null) {
                    return ProbeResult.failure(
                            probe, null, 0, "the site of " + probe.from() + " has no federation route", null);
                }
            }
            Answer a = shell.run(forms.statement(st, probe, edge));
            if (!a.ok()) {
                return ProbeResult.failure(probe, null, 0, a.error(), null);
            }
            if (a.data().isEmpty()) {
                return ProbeResult.failure(probe, null, 0, probe.kind().cmdlet() + " returned nothing", null);
            }
            JsonNode r = a.data().get(0);
            String target = text(r, "TargetFqdn", null);
            JsonNode latency = r.path("Latency");
            long ms = latency.isNumber()
                    ? latency.asLong()
                    : (long) latency.path("TotalMilliseconds").asDouble(0);
            JsonNode result = r.path("Result");
            boolean success = result.isNumber() ? result.asInt() == 0 : "Success".equalsIgnoreCase(result.asText());
            return success
                    ? ProbeResult.success(probe, target, ms)
                    : ProbeResult.failure(probe, target, ms, text(r, "Error", "Failure"), text(r, "Diagnosis", null));
        } catch (DeploymentFailure f) {
            // A probe reports; it never throws.
            return ProbeResult.failure(probe, null, 0, f.getMessage(), null);
        }
    }

    /** The Edge that carries federation for the site of the pool {@code sip} is homed on, or null. */
    private String federationEdge(SipAddress sip) {
        Fqdn pool = shell.homeOf(Subject.user(sip)).orElse(null);
        Topology t = shell.topology();
        String site = pool == null ? null : t.pool(pool).map(Pool::site).orElse(null);
        return t.sites().stream()
                .filter(s -> s.isNamed(site))
                .map(Site::federationRoute)
                .filter(java.util.Objects::nonNull)
                .map(Fqdn::text)
                .findFirst()
                .orElse(null);
    }
}
