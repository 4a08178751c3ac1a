package io.cutover.plan;

import io.cutover.catalog.Catalog;
import io.cutover.catalog.ClientVerdict;
import io.cutover.catalog.ProductVersion;
import io.cutover.check.Check;
import io.cutover.inventory.ClientSignIn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.User;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The users whose last client (clients.csv) cannot sign in to the target, and what the plan does
 * about them: holds them back (see {@link Retention}) or, in {@link OldClients#FAIL} mode, has the
 * gate after their move check their client again and fail while it is still too old.
 */
final class ClientGate {
    private final ProductVersion target;
    private final OldClients mode;
    private final Map<SipAddress, ClientVerdict> blocked = new HashMap<>();

    ClientGate(Inventory inventory, Catalog catalog, ProductVersion target, OldClients mode) {
        this.target = target;
        this.mode = mode;
        for (ClientSignIn c : ClientSignIn.latest(inventory.clients()).values()) {
            ClientVerdict v = catalog.clients().verdict(c.clientVersion(), target);
            if (v.blocked()) {
                blocked.put(c.sipAddress(), v);
            }
        }
    }

    /** Why this user is held back, when the plan holds back old clients and theirs is one. */
    Optional<String> holdReason(User user) {
        ClientVerdict v = blocked.get(user.sipAddress());
        if (mode != OldClients.HOLD || v == null) {
            return Optional.empty();
        }
        return Optional.of(Retained.CLIENT_NOT_SUPPORTED + ": last client " + v.reason());
    }

    /** The check a gate after moving {@code users} runs in FAIL mode, when one of them has an old client. */
    Optional<Check> check(List<User> users) {
        if (mode != OldClients.FAIL) {
            return Optional.empty();
        }
        List<Check.ClientOf> old = new ArrayList<>();
        for (User u : users) {
            ClientVerdict v = blocked.get(u.sipAddress());
            if (v != null) {
                old.add(new Check.ClientOf(u.sipAddress(), v.client().text()));
            }
        }
        return old.isEmpty() ? Optional.empty() : Optional.of(new Check.ClientsSupported(target.name(), old));
    }
}
