package io.cutover.inventory;

import io.cutover.catalog.Feature;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A user homed on a registrar pool.
 *
 * @param sipAddress {@code sip:alice@contoso.com}; the key, compared case-insensitively
 * @param pool the FQDN of the registrar pool the user is homed on
 * @param policies the per-user policy assignments; a kind that is absent means none
 * @param features the features the user depends on (Persistent Chat rooms, XMPP contacts, ...)
 * @param test whether this is a test account, moved first in a pilot
 */
public record User(
        SipAddress sipAddress,
        String displayName,
        Fqdn pool,
        Map<PolicyKind, String> policies,
        Set<Feature> features,
        boolean test) {

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
        return new User(sipAddress, displayName, newPool, policies, features, test);
    }

    public User withPolicies(Map<PolicyKind, String> newPolicies) {
        return new User(sipAddress, displayName, pool, newPolicies, features, test);
    }
}
