package io.cutover.inventory;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Policies defined above the user: per site, then global. An empty per-user assignment means the
 * site policy applies, else the global one; so moving a user to a pool in another site can change
 * the effective policy.
 *
 * @param global the global policy name per kind
 * @param bySite per site name, the site-scoped policy name per kind
 */
public record Policies(Map<PolicyKind, String> global, Map<String, Map<PolicyKind, String>> bySite) {
    public Policies {
        global = copy(global);
        Map<String, Map<PolicyKind, String>> sites = new TreeMap<>();
        bySite.forEach((site, m) -> sites.put(site, copy(m)));
        bySite = Map.copyOf(sites);
    }

    public static Policies none() {
        return new Policies(Map.of(), Map.of());
    }

    private static Map<PolicyKind, String> copy(Map<PolicyKind, String> m) {
        Map<PolicyKind, String> c = new EnumMap<>(PolicyKind.class);
        c.putAll(m);
        return Map.copyOf(c);
    }

    /** The policy that applies to a user homed in {@code site}: per user, then site, then global. */
    public String effective(User user, String site, PolicyKind kind) {
        String own = user.policies().get(kind);
        if (own != null && !own.isEmpty()) {
            return own;
        }
        String siteScoped = bySite.getOrDefault(site, Map.of()).get(kind);
        if (siteScoped != null) {
            return "Site:" + site + "/" + siteScoped;
        }
        return "Global/" + global.getOrDefault(kind, "Global");
    }

    /** Every kind's effective policy for a user homed in {@code site}, in kind order. */
    public Map<PolicyKind, String> effective(User user, String site) {
        Map<PolicyKind, String> m = new EnumMap<>(PolicyKind.class);
        for (PolicyKind kind : PolicyKind.values()) {
            m.put(kind, effective(user, site, kind));
        }
        return m;
    }
}
