package io.cutover.inventory;

/**
 * A site of the topology.
 *
 * @param federationRoute the FQDN of the Edge pool carrying this site's SIP federation, or null
 * @param xmppFederationRoute the FQDN of the Edge pool carrying XMPP federation, or null
 */
public record Site(String name, int siteId, SiteKind kind, String federationRoute, String xmppFederationRoute) {
    public Site withFederationRoute(String edge) {
        return new Site(name, siteId, kind, edge, xmppFederationRoute);
    }
}
