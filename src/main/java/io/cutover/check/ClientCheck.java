package io.cutover.check;

import io.cutover.catalog.Catalog;
import io.cutover.catalog.ClientVerdict;
import io.cutover.catalog.ProductVersion;
import io.cutover.deployment.Deployment;
import io.cutover.inventory.ClientSignIn;
import io.cutover.inventory.SipAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates {@link Check.ClientsSupported} against the clients the deployment reports when the gate
 * runs: a user who upgraded their client since planning passes, one still on a client the target
 * refuses fails, named with the client and what they need instead.
 */
final class ClientCheck {
    private final Deployment deployment;
    private final Catalog catalog;

    ClientCheck(Deployment deployment, Catalog catalog) {
        this.deployment = deployment;
        this.catalog = catalog;
    }

    CheckResult run(Check.ClientsSupported c) {
        ProductVersion target = catalog.version(c.target());
        Map<SipAddress, ClientSignIn> now =
                ClientSignIn.latest(deployment.snapshot().clients());
        List<String> failures = new ArrayList<>();
        List<String> subjects = new ArrayList<>();
        for (Check.ClientOf u : c.users()) {
            ClientSignIn s = now.get(u.sipAddress());
            String client = s == null ? u.client() : s.clientVersion();
            ClientVerdict v = catalog.clients().verdict(client, target);
            if (v.blocked()) {
                failures.add(u.sipAddress() + ": " + Check.CLIENT_NOT_SUPPORTED + ": last client " + v.reason());
                subjects.add(u.sipAddress().text());
            }
        }
        return new CheckResult(
                c.describe(),
                failures.isEmpty(),
                failures,
                subjects,
                c.users().size(),
                List.of(c.users().size() + " clients compared with " + target.name() + ", " + failures.size()
                        + " cannot sign in"));
    }
}
