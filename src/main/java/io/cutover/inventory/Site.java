package io.cutover.inventory;

/**
 * A site of the topology.
 *
 * @param federationRoute the FQDN of the Edge pool carrying this site's SIP federation, or null
 * @param xmppFederationRoute the FQDN of the Edge pool carrying XMPP federation, or null
 */
public record Site(String name, int siteId, SiteKind kind, Fqdn federationRoute, Fqdn xmppFederationRoute) {
    /**
     * Whether two spellings name the same site: the topology compares site names case-insensitively,
     * and a null never matches. Never throws.
     */
    public static boolean sameName(String a, String b) {
        return a != null && b != null && a.equalsIgnoreCase(b);
    }

    /** The normal (lower-case) form of a site name, for keys of maps and sets; the empty string for null. */
    public static String key(String name) {
        return name == null ? "" : name.toLowerCase(java.util.Locale.ROOT);
    }

    /** Whether {@code other} spells this site's name. */
    public boolean isNamed(String other) {
        return sameName(name, other);
    }

    /** A copy whose XMPP federation goes through {@code edge} (null: no XMPP federation). */
    public Site withXmppFederationRoute(Fqdn edge) {
        return new Site(name, siteId, kind, federationRoute, edge);
    }

    public Site withFederationRoute(Fqdn edge) {
        return new Site(name, siteId, kind, edge, xmppFederationRoute);
    }
}
