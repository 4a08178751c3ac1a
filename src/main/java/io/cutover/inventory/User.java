package io.cutover.inventory;

import io.cutover.catalog.Feature;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A user of the deployment, as Get-CsUser lists it.
 *
 * @param sipAddress {@code sip:alice@contoso.com}; the key, compared case-insensitively
 * @param pool the FQDN of the registrar pool the user is homed on; null for a user homed on no
 *     on-premises pool (online in a hybrid deployment, or never assigned one, see {@link #online}).
 *     Such users are never in {@link Inventory#users()}: the inventory holds the users homed on its
 *     pools, and the folder reader counts the others apart, so nothing plans, moves or probes them.
 * @param policies the per-user policy assignments; a kind that is absent means none
 * @param features the features the user depends on (Persistent Chat rooms, XMPP contacts, ...)
 * @param test whether this is a test account, moved first in a pilot
 * @param disabled true for an account disabled for Lync / Skype for Business (users.csv's
 *     {@code Enabled} False, {@code Set-CsUser -Enabled $False}): still homed on its pool and moved
 *     before the pool goes, but it cannot register, so it is never a pilot, a probe subject or a
 *     pool's representative. Kept as "disabled" so that an inventory stored before the column was
 *     read (a twin's JSON) reads back with everyone enabled.
 * @param hostingProvider Get-CsUser's HostingProvider ({@code SRV:} on premises, {@code
 *     sipfed.online.lync.com} online), or null when not collected
 */
public record User(
        SipAddress sipAddress,
        String displayName,
        Fqdn pool,
        Map<PolicyKind, String> policies,
        Set<Feature> features,
        boolean test,
        boolean disabled,
        String hostingProvider) {

    /** An enabled user homed on {@code pool}, hosting provider not collected. */
    public User(
            SipAddress sipAddress,
            String displayName,
            Fqdn pool,
            Map<PolicyKind, String> policies,
            Set<Feature> features,
            boolean test) {
        this(sipAddress, displayName, pool, policies, features, test, false, null);
    }

    public User {
        Map<PolicyKind, String> p = new EnumMap<>(PolicyKind.class);
        policies.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                p.put(k, v);
            }
        });
        policies = Map.copyOf(p);
        Set<Feature> f = EnumSet.noneOf(Feature.class);
        f.addAll(features);
        features = Set.copyOf(f);
    }

    public User withPool(Fqdn newPool) {
        return new User(sipAddress, displayName, newPool, policies, features, test, disabled, hostingProvider);
    }

    public User withPolicies(Map<PolicyKind, String> newPolicies) {
        return new User(sipAddress, displayName, pool, newPolicies, features, test, disabled, hostingProvider);
    }

    public User withDisabled(boolean isDisabled) {
        return new User(sipAddress, displayName, pool, policies, features, test, isDisabled, hostingProvider);
    }

    /** Whether the user can sign in and register: a pilot, a probe subject, a representative. */
    public boolean enabled() {
        return !disabled;
    }

    /** Whether the user is homed online: no registrar pool, and a hosting provider other than SRV:. */
    public boolean online() {
        return pool == null && hostingProvider != null && !hostingProvider.regionMatches(true, 0, "SRV:", 0, 4);
    }
}
